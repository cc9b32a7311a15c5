// CSV import into a local catalog.
//
// The file is read once, streaming, and each row validated, on a thread of its own
// (ImportParser). Each row is staged (ImportStaging): a value within the catalog's inline limit
// with its bytes (it goes into its row, no file), a larger one handed to a BulkValueWriter that
// writes its file (not yet flushed) on another thread. A bad row, a conflict or a cancel stops
// the import before the registry sees anything, and the staged value files are removed again. When
// every row is valid, one flush makes the files durable, then the staged rows are applied to the
// registry in batches, one short transaction each.
#include "local/LocalImport.h"

#include "local/BulkValueWriter.h"
#include "local/ImportParser.h"
#include "local/ImportStaging.h"
#include "local/MetaTable.h"
#include "local/PairRow.h"

#include <QIODevice>

namespace kv {

namespace {

// Rows per registry transaction while applying: one COMMIT (a WAL sync) each.
constexpr qint64 applyBatch = 10000;

} // namespace

ImportResult LocalImport::run(const ImportRequest& request, QIODevice* in,
                              const ProgressCallback& progress)
{
    // The gate checked the namespace; rows are checked as they are read (ImportParser, on a
    // thread of its own), against this catalog's size limit.
    const qint64 inlineLimit = MetaTable(m_backend.m_registry->db()).inlineLimit();
    const qint64 t = m_backend.now();
    const qint64 inputSize = in->isSequential() ? -1 : in->size();
    bool wroteFiles = false;

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
    try {
        ImportParser parser(in, {request.ns, m_backend.maxValueBytes(), inlineLimit, t});
        ImportParser::Batch batch;
        while (parser.next(batch)) {
            for (ImportParser::Item& item : batch.items) {
                // First: a row refused at once has no file to remove, one refused later is
                // in valueIdsFrom().
                staging.add(item.row);
                if (!item.row.valueId.isEmpty()) {
                    files->write(item.row.valueId, std::move(item.fileBytes));
                    wroteFiles = true;
                }
                if (staging.count() % 5000 == 0) {
                    if (!request.overwrite)
                        staging.checkNoneExist(request.ns, t);
                    if (progress &&
                        !progress({inputSize > 0 ? batch.inputPos * 500 / inputSize : 0, 1000})) {
                        discard();
                        result.cancelled = true;
                        return result;
                    }
                }
            }
        }
        result.skippedExpired = parser.skippedExpired();
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
