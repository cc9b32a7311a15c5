// LocalBackend: CSV export and import.
//
// Import reads the file once, streaming. Each row is validated, its value written to the value
// store (not yet flushed) and its metadata staged in a temporary table. A bad row stops the
// import before the registry sees anything: the staged value files are removed again. When
// every row is valid, the values are flushed to disk in one go and the staged rows are applied
// to the registry in batches, one short transaction each.
#include "Clock.h"
#include "CsvExport.h"
#include "CsvReader.h"
#include "LocalBackend.h"
#include "Rules.h"

#include <QHash>
#include <QIODevice>
#include <QSqlQuery>

namespace kv {

namespace {

constexpr int stageBatch = 5000;
constexpr int applyBatch = 2000;

struct Columns
{
    int key = -1, value = -1, type = -1, description = -1, expires = -1;
};

Columns mapHeader(const QStringList& header)
{
    Columns c;
    for (int i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed().toLower();
        int* slot = name == QLatin1String("key")           ? &c.key
                    : name == QLatin1String("value")       ? &c.value
                    : name == QLatin1String("type")        ? &c.type
                    : name == QLatin1String("description") ? &c.description
                    : name == QLatin1String("expires")     ? &c.expires
                                                           : nullptr;
        if (slot && *slot < 0)
            *slot = i;
    }
    if (c.key < 0 || c.value < 0)
        throw CatalogError::invalidInput(
            QStringLiteral("the CSV header must name the columns 'key' and 'value' (optional: "
                           "'type', 'description', 'expires'); found: %1")
                .arg(header.join(QLatin1Char(','))));
    return c;
}

void execSql(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    Registry::exec(q, sql);
}

} // namespace

qint64 LocalBackend::exportCsv(const ExportRequest& request, QIODevice* out,
                               const ProgressCallback& progress)
{
    return csvexport::write(*this, request, out, progress);
}

ImportResult LocalBackend::importCsv(const ImportRequest& request, QIODevice* in,
                                     const ProgressCallback& progress)
{
    rules::requireValidNamespace(request.ns);
    CsvReader reader(in);
    QStringList fields;
    if (!reader.readRecord(fields))
        throw CatalogError::invalidInput(
            reader.hasError() ? QStringLiteral("invalid CSV: %1").arg(reader.error())
                              : QStringLiteral("the CSV file is empty: expected a header with the "
                                               "columns 'key' and 'value'"));
    const Columns col = mapHeader(fields);
    const qint64 inputSize = in->isSequential() ? -1 : in->size();

    QSqlDatabase db = m_registry->db();
    execSql(db, QStringLiteral("DROP TABLE IF EXISTS import_rows"));
    execSql(db, QStringLiteral(
                    "CREATE TEMP TABLE import_rows (key TEXT PRIMARY KEY, row_no BIGINT NOT NULL, "
                    "type INTEGER NOT NULL, description TEXT, expires_at BIGINT NOT NULL, "
                    "value_id TEXT NOT NULL, size BIGINT NOT NULL, checksum TEXT NOT NULL)"));
    InflightLock::Shared inflight(m_inflight);
    // Removes everything staged so far; nothing reached the registry.
    auto discard = [&] {
        QSqlQuery ids(db);
        if (ids.exec(QStringLiteral("SELECT value_id FROM import_rows"))) {
            QStringList staged;
            while (ids.next())
                staged << ids.value(0).toString();
            m_store.remove(staged);
        }
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        QSqlQuery(db).exec(QStringLiteral("DROP TABLE IF EXISTS import_rows"));
    };

    ImportResult result;
    const qint64 t = now();
    try {
        QSqlQuery stage(db);
        Registry::prepare(stage,
                          QStringLiteral("INSERT INTO import_rows VALUES (:key, :row, :type, "
                                         ":description, :expires, :value, :size, :checksum)"));
        QSqlQuery existing(db);
        Registry::prepare(
            existing,
            QStringLiteral("SELECT expires_at FROM kv WHERE namespace = :ns AND key = :key"));
        execSql(db, QStringLiteral("BEGIN"));
        qint64 staged = 0;
        while (reader.readRecord(fields)) {
            const QString where = QStringLiteral("row %1 (line %2)")
                                      .arg(reader.recordNumber())
                                      .arg(reader.lineNumber());
            auto fail = [&](const QString& problem) {
                return CatalogError::invalidInput(
                    QStringLiteral("%1: %2; nothing was imported").arg(where, problem));
            };
            auto cell = [&](int index) {
                return index >= 0 && index < fields.size() ? fields.at(index) : QString();
            };
            const QString key = cell(col.key);
            if (const QString problem = rules::keyProblem(key); !problem.isEmpty())
                throw fail(problem);
            ValueType type = ValueType::String;
            if (const QString typeText = cell(col.type).trimmed(); !typeText.isEmpty()) {
                const auto parsed = parseValueType(typeText);
                if (!parsed)
                    throw fail(QStringLiteral("unknown type '%1'").arg(typeText));
                type = *parsed;
            }
            KvValue value;
            try {
                value = KvValue::parse(type, cell(col.value));
            } catch (const CatalogError& e) {
                throw fail(e.message());
            }
            qint64 expires = Registry::neverMs;
            if (const QString text = cell(col.expires).trimmed(); !text.isEmpty()) {
                const auto parsed = parseIsoDateTime(text);
                if (!parsed)
                    throw fail(
                        QStringLiteral("invalid expiration date '%1': expected ISO-8601 with an "
                                       "offset, e.g. 2024-02-29T10:00:00Z")
                            .arg(text));
                expires = *parsed;
            }
            if (expires <= t) {
                ++result.skippedExpired;
                continue;
            }
            if (!request.overwrite) {
                existing.bindValue(QStringLiteral(":ns"), request.ns);
                existing.bindValue(QStringLiteral(":key"), key);
                Registry::exec(existing);
                if (existing.next() && existing.value(0).toLongLong() > t)
                    throw CatalogError::conflict(
                        QStringLiteral("%1: key '%2' already exists in namespace "
                                       "'%3'; nothing was imported")
                            .arg(where, key, request.ns));
                existing.finish();
            }
            const Written written = writeValueUnsynced(value.toJson());
            stage.bindValue(QStringLiteral(":key"), key);
            stage.bindValue(QStringLiteral(":row"), reader.recordNumber());
            stage.bindValue(QStringLiteral(":type"), int(type));
            stage.bindValue(QStringLiteral(":description"),
                            col.description >= 0 ? QVariant(cell(col.description)) : QVariant());
            stage.bindValue(QStringLiteral(":expires"), expires);
            stage.bindValue(QStringLiteral(":value"), written.valueId);
            stage.bindValue(QStringLiteral(":size"), written.size);
            stage.bindValue(QStringLiteral(":checksum"), written.checksum);
            if (!stage.exec()) {
                m_store.remove({written.valueId});
                throw fail(QStringLiteral("key '%1' appears more than once in the file").arg(key));
            }
            if (++staged % stageBatch == 0) {
                execSql(db, QStringLiteral("COMMIT"));
                execSql(db, QStringLiteral("BEGIN"));
                if (progress &&
                    !progress({inputSize > 0 ? in->pos() * 500 / inputSize : 0, 1000})) {
                    discard();
                    result.cancelled = true;
                    return result;
                }
            }
        }
        execSql(db, QStringLiteral("COMMIT"));
        if (reader.hasError())
            throw CatalogError::invalidInput(
                QStringLiteral("invalid CSV: %1; nothing was imported").arg(reader.error()));
        m_store.syncWritten(); // every staged value is on disk before any row points at it
    } catch (...) {
        discard();
        throw;
    }
    // Apply: the staged rows go into the registry in short transactions.
    QSqlQuery total(db);
    Registry::exec(total, QStringLiteral("SELECT COUNT(*) FROM import_rows"));
    const qint64 stagedCount = total.next() ? total.value(0).toLongLong() : 0;
    total.finish();
    qint64 lastRow = 0;
    qint64 committedRow = 0;
    qint64 applied = 0;
    // Staged rows after the last committed batch never reached the registry: drop their files.
    auto removeUncommitted = [&] {
        QSqlQuery rest(db);
        rest.prepare(QStringLiteral("SELECT value_id FROM import_rows WHERE row_no > :last"));
        rest.bindValue(QStringLiteral(":last"), committedRow);
        QStringList ids;
        if (rest.exec()) {
            while (rest.next())
                ids << rest.value(0).toString();
        }
        m_store.remove(ids);
    };
    try {
        for (;;) {
            QSqlQuery batch(db);
            batch.setForwardOnly(true);
            Registry::prepare(
                batch,
                QStringLiteral("SELECT key, row_no, type, description, expires_at, value_id, "
                               "size, checksum FROM import_rows WHERE row_no > :last "
                               "ORDER BY row_no LIMIT %1")
                    .arg(applyBatch));
            batch.bindValue(QStringLiteral(":last"), lastRow);
            Registry::exec(batch);
            QList<QPair<StoredEntry, bool>> rows; // entry, has description
            while (batch.next()) {
                StoredEntry row;
                KvEntry& e = row.entry;
                e.ns = request.ns;
                e.key = batch.value(0).toString();
                lastRow = batch.value(1).toLongLong();
                e.type = ValueType(batch.value(2).toInt());
                e.description = batch.value(3).toString();
                e.expiresAtMs = Registry::toExpiry(batch.value(4).toLongLong());
                row.valueId = batch.value(5).toString();
                e.size = batch.value(6).toLongLong();
                e.checksum = batch.value(7).toString();
                e.revision = 1;
                e.createdAtMs = e.updatedAtMs = now();
                rows.append({row, !batch.value(3).isNull()});
            }
            batch.finish();
            if (rows.isEmpty())
                break;
            QStringList obsolete;
            {
                Registry::Transaction tx(db, m_registry->dialect());
                QSqlQuery insert(db);
                Registry::prepare(
                    insert,
                    QStringLiteral("INSERT INTO kv (%1) VALUES (:ns, :key, 1, :type, :description, "
                                   ":size, :checksum, :created, :created2, :expires, :value) "
                                   "ON CONFLICT (namespace, key) DO NOTHING")
                        .arg(Registry::entryColumns()));
                for (const auto& [row, hasDescription] : std::as_const(rows)) {
                    const KvEntry& e = row.entry;
                    insert.bindValue(QStringLiteral(":ns"), e.ns);
                    insert.bindValue(QStringLiteral(":key"), e.key);
                    insert.bindValue(QStringLiteral(":type"), int(e.type));
                    insert.bindValue(QStringLiteral(":description"), Registry::text(e.description));
                    insert.bindValue(QStringLiteral(":size"), e.size);
                    insert.bindValue(QStringLiteral(":checksum"), e.checksum);
                    insert.bindValue(QStringLiteral(":created"), e.createdAtMs);
                    insert.bindValue(QStringLiteral(":created2"), e.createdAtMs);
                    insert.bindValue(QStringLiteral(":expires"),
                                     Registry::fromExpiry(e.expiresAtMs));
                    insert.bindValue(QStringLiteral(":value"), row.valueId);
                    Registry::exec(insert);
                    if (insert.numRowsAffected() > 0) {
                        ++result.imported;
                        continue;
                    }
                    // The key exists: a new revision of it (or a replacement of an expired one).
                    try {
                        const std::optional<QString> description =
                            hasDescription ? std::optional<QString>(e.description) : std::nullopt;
                        applyWrite(db, e.ns, e.key, e.type, description, e.expiresAtMs,
                                   {row.valueId, e.size, e.checksum}, request.overwrite, obsolete);
                        ++result.imported;
                    } catch (const CatalogError& conflict) {
                        if (conflict.code() != ErrorCode::Conflict)
                            throw;
                        obsolete << row.valueId; // created by another writer since validation
                        ++result.skippedConflicts;
                    }
                }
                tx.commit();
                committedRow = lastRow;
            }
            m_store.remove(obsolete);
            applied += rows.size();
            if (progress &&
                !progress({500 + (stagedCount > 0 ? applied * 500 / stagedCount : 500), 1000})) {
                result.cancelled = true;
                break;
            }
        }
    } catch (...) {
        removeUncommitted();
        QSqlQuery(db).exec(QStringLiteral("DROP TABLE IF EXISTS import_rows"));
        throw;
    }
    if (result.cancelled)
        removeUncommitted();
    execSql(db, QStringLiteral("DROP TABLE IF EXISTS import_rows"));
    return result;
}

} // namespace kv
