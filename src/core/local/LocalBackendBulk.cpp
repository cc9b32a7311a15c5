// LocalBackend: delete of many keys, CSV export, and CSV import (delegated to LocalImport).
#include "domain/Clock.h"
#include "format/BackgroundCsvWriter.h"
#include "format/CsvExport.h"
#include "local/LocalBackend.h"
#include "local/LocalImport.h"
#include "local/PairQueries.h"
#include "local/PairRemoval.h"

#include <QHash>
#include <QIODevice>
#include <QSet>

namespace kv {

DeleteResult LocalBackend::doRemove(const QString& ns, const QStringList& keys, bool errorOnMissing)
{
    requireWritable();
    QStringList unique; // a key named twice is reported once
    {
        QSet<QString> seen;
        for (const QString& key : keys) {
            if (!seen.contains(key)) {
                seen.insert(key);
                unique << key;
            }
        }
    }
    DeleteResult result;
    QStringList files;
    {
        QSqlDatabase db = m_registry->db();
        Registry::Transaction tx(db, m_registry->dialect());
        const qint64 t = now();
        // One statement per table and batch; an expired pair is removed too, but reported missing.
        QHash<QString, bool> live;
        PairRemoval removal(db, m_registry->dialect());
        for (qsizetype from = 0; from < unique.size(); from += PairRemoval::batchKeys) {
            for (const PairRemoval::Removed& row :
                 removal.removeKeys(ns, unique.mid(from, PairRemoval::batchKeys), files))
                live.insert(row.key, row.expiresAtMs > t);
        }
        for (const QString& key : std::as_const(unique))
            (live.value(key) ? result.deleted : result.missing) << key;
        if (errorOnMissing && !result.missing.isEmpty())
            throw CatalogError::notFound(
                QStringLiteral("not found in namespace '%1': %2; nothing was deleted")
                    .arg(ns, result.missing.join(QStringLiteral(", "))));
        tx.commit();
    }
    m_store.remove(files); // the rows are gone: nobody points at these files any more
    return result;
}

qint64 LocalBackend::doExportCsv(const ExportRequest& request, QIODevice* out,
                                 const ProgressCallback& progress)
{
    if (!request.keys.isEmpty())
        return csvexport::write(*this, request, out, progress); // a selection: key by key
    // One read transaction streams the whole namespace from one snapshot, in key order.
    const qint64 t = now();
    QSqlDatabase db = m_registry->db();
    Registry::Transaction tx(db, m_registry->dialect(), false);
    PairQueries pairs(*m_registry, db);
    Progress state;
    if (progress)
        state.total = pairs.countLive(request.ns, request.prefix, t);
    PairQueries::LiveRows live(db, request.ns, request.prefix, t, request.withValues);
    BackgroundCsvWriter writer(out, request.bom, request.withValues);
    qint64 rows = 0;
    StoredEntry row;
    row.entry.ns = request.ns;
    while (live.next(row)) {
        if (request.withValues && !loadValue(row))
            continue;
        writer.add(row.entry);
        ++rows;
        if (progress && ++state.done % 8192 == 0 && !progress(state))
            break;
    }
    live.finish();
    tx.commit();
    writer.finish();
    if (progress)
        progress(state);
    return rows;
}

ImportResult LocalBackend::doImportCsv(const ImportRequest& request, QIODevice* in,
                                       const ProgressCallback& progress)
{
    requireWritable();
    return LocalImport(*this).run(request, in, progress);
}

} // namespace kv
