// LocalBackend: CSV export, and CSV import (delegated to LocalImport).
#include "domain/Clock.h"
#include "format/BackgroundCsvWriter.h"
#include "format/CsvExport.h"
#include "local/LocalBackend.h"
#include "local/LocalImport.h"
#include "local/PairQueries.h"

#include <QIODevice>

namespace kv {

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
