// CSV import into a local catalog.
//
// The file is read once, streaming. Each row is validated and staged (ImportStaging): a value
// within the catalog's inline limit with its bytes (it goes into its row, no file), a larger one
// handed to a BulkValueWriter that writes its file (not yet flushed) on another thread. A bad
// row, a conflict or a cancel stops the import before the registry sees anything, and the staged
// value files are removed again. When every row is valid, one flush makes the files durable,
// then the staged rows are applied to the registry in batches, one short transaction each.
#include "local/LocalImport.h"

#include "domain/Clock.h"
#include "domain/InputText.h"
#include "domain/Rules.h"
#include "format/CsvReader.h"
#include "local/BulkValueWriter.h"
#include "local/ImportStaging.h"
#include "local/MetaTable.h"
#include "local/PairRow.h"

#include <QHash>
#include <QIODevice>

namespace kv {

namespace {

// Rows per registry transaction while applying: one COMMIT (a WAL sync) each.
constexpr qint64 applyBatch = 10000;

struct Columns
{
    int key = -1, value = -1, type = -1, description = -1, expires = -1;
};

// Every column must be known and named once: a misspelt or repeated column would otherwise be
// skipped without a word, and its data lost. The export's informational columns (namespace,
// size, created, updated) are accepted and ignored, so an export imports as it is.
Columns mapHeader(const QStringList& header)
{
    static const QString known =
        QStringLiteral("key, value, type, description, expires (and, ignored as in an export: "
                       "namespace, size, created, updated)");
    Columns c;
    QHash<QString, int> seen; // name -> 1-based column
    for (int i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed().toLower();
        int* slot = name == QLatin1String("key")           ? &c.key
                    : name == QLatin1String("value")       ? &c.value
                    : name == QLatin1String("type")        ? &c.type
                    : name == QLatin1String("description") ? &c.description
                    : name == QLatin1String("expires")     ? &c.expires
                                                           : nullptr;
        const bool ignored = name == QLatin1String("namespace") || name == QLatin1String("size") ||
                             name == QLatin1String("created") || name == QLatin1String("updated");
        if (!slot && !ignored)
            throw CatalogError::invalidInput(
                QStringLiteral("the CSV header has an unknown column %1 (column %2); known "
                               "columns: %3; nothing was imported")
                    .arg(inputtext::quoted(header.at(i)))
                    .arg(i + 1)
                    .arg(known));
        if (const int first = seen.value(name); first > 0)
            throw CatalogError::invalidInput(
                QStringLiteral("the CSV header names the column '%1' twice (columns %2 and %3); "
                               "nothing was imported")
                    .arg(name)
                    .arg(first)
                    .arg(i + 1));
        seen.insert(name, i + 1);
        if (slot)
            *slot = i;
    }
    if (c.key < 0 || c.value < 0)
        throw CatalogError::invalidInput(
            QStringLiteral("the CSV header must name the columns 'key' and 'value' (optional: "
                           "'type', 'description', 'expires'); found: %1")
                .arg(header.join(QLatin1Char(','))));
    return c;
}

} // namespace

ImportResult LocalImport::run(const ImportRequest& request, QIODevice* in,
                              const ProgressCallback& progress)
{
    // The gate checked the namespace; rows are checked here as they are read, against this
    // catalog's size limit.
    const qint64 limit = m_backend.maxValueBytes();
    const qint64 inlineLimit = MetaTable(m_backend.m_registry->db()).inlineLimit();
    bool wroteFiles = false;
    CsvReader reader(in);
    QStringList fields;
    if (!reader.readRecord(fields))
        throw CatalogError::invalidInput(
            reader.hasError() ? QStringLiteral("invalid CSV: %1").arg(reader.error())
                              : QStringLiteral("the CSV file is empty: expected a header with the "
                                               "columns 'key' and 'value'"));
    const Columns col = mapHeader(fields);
    const QStringList header = fields;
    const qint64 inputSize = in->isSequential() ? -1 : in->size();

    QSqlDatabase db = m_backend.m_registry->db();
    ImportStaging staging(db, m_backend.m_registry->dialect());
    InflightLock::Shared inflight(m_backend.m_inflight);
    auto files = std::make_unique<BulkValueWriter>(m_backend.m_store);
    // Stops the file writer, then removes every file the import wrote: nothing was committed.
    auto discard = [&] {
        files.reset();
        m_backend.m_store.remove(staging.valueIdsFrom(0));
    };
    ImportResult result;
    const qint64 t = m_backend.now();
    try {
        while (reader.readRecord(fields)) {
            auto fail = [&reader](const QString& problem) {
                return CatalogError::invalidInput(
                    QStringLiteral("row %1 (line %2): %3; nothing was imported")
                        .arg(reader.recordNumber())
                        .arg(reader.lineNumber())
                        .arg(problem));
            };
            // Every row has the header's fields: a short row has lost a cell (a value that is
            // not there is not an empty value), a long one has a separator too many.
            if (fields.size() < header.size())
                throw fail(QStringLiteral("%1 field(s) where the header has %2: the column '%3' "
                                          "is missing")
                               .arg(fields.size())
                               .arg(header.size())
                               .arg(header.at(fields.size()).trimmed()));
            if (fields.size() > header.size())
                throw fail(QStringLiteral("%1 fields where the header has %2")
                               .arg(fields.size())
                               .arg(header.size()));
            auto cell = [&fields](int index) {
                return index >= 0 ? fields.at(index) : QString();
            };
            ImportStaging::Row row;
            row.rowNo = reader.recordNumber();
            row.line = reader.lineNumber();
            row.key = cell(col.key);
            if (const QString problem = rules::keyProblem(row.key); !problem.isEmpty())
                throw fail(problem);
            if (const QString typeText = cell(col.type).trimmed(); !typeText.isEmpty()) {
                const auto parsed = parseValueType(typeText);
                if (!parsed)
                    throw fail(QStringLiteral("unknown type '%1'").arg(typeText));
                row.type = *parsed;
            }
            KvValue value;
            try {
                value = KvValue::parse(row.type, cell(col.value));
            } catch (const CatalogError& e) {
                throw fail(e.message());
            }
            if (const QString text = cell(col.expires).trimmed(); !text.isEmpty()) {
                const auto parsed = parseIsoDateTime(text);
                if (!parsed)
                    throw fail(QStringLiteral("invalid expiration date '%1': expected ISO-8601 "
                                              "with an offset, e.g. 2024-02-29T10:00:00Z")
                                   .arg(text));
                row.expiresAtMs = *parsed;
            }
            if (row.expiresAtMs <= t) {
                ++result.skippedExpired;
                continue;
            }
            if (col.description >= 0)
                row.description = cell(col.description);
            QByteArray bytes = value.toJson();
            if (bytes.size() > limit)
                throw fail(LocalBackend::tooLargeText(request.ns, row.key, bytes.size(), limit));
            if (bytes.size() <= inlineLimit) { // goes into its row: no file at all
                const LocalBackend::Written written = LocalBackend::describeInline(bytes);
                row.size = written.size;
                row.checksum = written.checksum;
                row.inlineValue = std::move(bytes);
                staging.add(row);
            } else {
                const LocalBackend::Written written = LocalBackend::describeValue(bytes);
                row.size = written.size;
                row.checksum = written.checksum;
                row.valueId = written.valueId;
                staging.add(row); // first: a refused row has no file to remove
                files->write(row.valueId, std::move(bytes));
                wroteFiles = true;
            }
            if (staging.count() % 5000 == 0) {
                if (!request.overwrite)
                    staging.checkNoneExist(request.ns, t);
                if (progress &&
                    !progress({inputSize > 0 ? in->pos() * 500 / inputSize : 0, 1000})) {
                    discard();
                    result.cancelled = true;
                    return result;
                }
            }
        }
        if (reader.hasError())
            throw CatalogError::invalidInput(
                QStringLiteral("invalid CSV: %1; nothing was imported").arg(reader.error()));
        staging.flush();
        if (!request.overwrite)
            staging.checkNoneExist(request.ns, t);
        files->finish();
        files.reset();
        if (wroteFiles) // every staged file is on disk before any row points at it
            m_backend.m_store.syncWritten();
    } catch (...) {
        discard();
        throw;
    }
    applyStaged(request, staging, progress, result);
    Registry::truncateWal(db);
    return result;
}

void LocalImport::applyStaged(const ImportRequest& request, ImportStaging& staging,
                              const ProgressCallback& progress, ImportResult& result)
{
    QSqlDatabase db = m_backend.m_registry->db();
    qint64 from = 2; // the first data row (the header is row 1)
    try {
        for (; from <= staging.lastRow(); from += applyBatch) {
            const qint64 to = from + applyBatch; // rows [from, to)
            QStringList obsolete;
            Registry::Transaction tx(db, m_backend.m_registry->dialect());
            const qint64 t = m_backend.now();
            // Keys that exist already become new revisions (or replace expired pairs) one by one.
            const QList<ImportStaging::Row> rows = staging.existingRows(request.ns, from, to);
            for (const ImportStaging::Row& row : std::as_const(rows)) {
                try {
                    m_backend.applyWrite(db, request.ns, row.key, row.type, row.description,
                                         PairRow::toExpiry(row.expiresAtMs),
                                         {row.valueId, row.inlineValue, row.size, row.checksum},
                                         request.overwrite, obsolete);
                    ++result.imported;
                } catch (const CatalogError& conflict) {
                    if (conflict.code() != ErrorCode::Conflict)
                        throw;
                    obsolete << row.valueId; // created by another writer since the validation
                    ++result.skippedConflicts;
                }
            }
            // New keys: one statement for the whole batch.
            result.imported += staging.insertNew(request.ns, from, to, t);
            tx.commit();
            m_backend.m_store.remove(obsolete);
            const qint64 done = qMin(to, staging.lastRow() + 1) - 2;
            const qint64 total = qMax<qint64>(1, staging.lastRow() - 1);
            if (progress && !progress({500 + done * 500 / total, 1000})) {
                result.cancelled = true;
                from = to;
                break;
            }
        }
    } catch (...) {
        m_backend.m_store.remove(staging.valueIdsFrom(from)); // never reached the registry
        throw;
    }
    if (result.cancelled)
        m_backend.m_store.remove(staging.valueIdsFrom(from));
}

} // namespace kv
