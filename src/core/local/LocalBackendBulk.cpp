// LocalBackend: CSV export (import is in LocalBackendImport.cpp).
#include "domain/Clock.h"
#include "format/BackgroundCsvWriter.h"
#include "format/CsvExport.h"
#include "local/LocalBackend.h"

#include <QIODevice>
#include <QSqlQuery>

namespace kv {

qint64 LocalBackend::doExportCsv(const ExportRequest& request, QIODevice* out,
                                 const ProgressCallback& progress)
{
    if (!request.keys.isEmpty())
        return csvexport::write(*this, request, out, progress); // a selection: key by key
    // One read transaction streams the whole namespace from one snapshot, in key order.
    QString where = QStringLiteral("namespace = :ns AND expires_at > :now");
    if (!request.prefix.isEmpty())
        where += QStringLiteral(" AND key >= :p1 AND key < :p2");
    const qint64 t = now();
    auto bind = [&](QSqlQuery& q) {
        q.bindValue(QStringLiteral(":ns"), request.ns);
        q.bindValue(QStringLiteral(":now"), t);
        if (!request.prefix.isEmpty()) {
            q.bindValue(QStringLiteral(":p1"), request.prefix);
            q.bindValue(QStringLiteral(":p2"), request.prefix + QChar(0x7f));
        }
    };
    QSqlDatabase db = m_registry->db();
    Registry::Transaction tx(db, m_registry->dialect(), false);
    Progress state;
    if (progress) {
        QSqlQuery count(db);
        Registry::prepare(count, QStringLiteral("SELECT COUNT(*) FROM kv WHERE %1").arg(where));
        bind(count);
        Registry::exec(count);
        state.total = count.next() ? count.value(0).toLongLong() : 0;
    }
    // Only the columns the CSV needs: every column costs a conversion per row.
    QSqlQuery q(db);
    q.setForwardOnly(true);
    Registry::prepare(
        q,
        QStringLiteral("SELECT key, type, description, size, created_at, updated_at, "
                       "expires_at%1 FROM kv WHERE %2 ORDER BY key")
            .arg(request.withValues ? QStringLiteral(", checksum, value_id") : QString(), where));
    bind(q);
    Registry::exec(q);
    BackgroundCsvWriter writer(out, request.bom, request.withValues);
    qint64 rows = 0;
    StoredEntry row;
    row.entry.ns = request.ns;
    while (q.next()) {
        KvEntry& e = row.entry;
        e.key = q.value(0).toString();
        e.type = ValueType(q.value(1).toInt());
        e.description = q.value(2).toString();
        e.size = q.value(3).toLongLong();
        e.createdAtMs = q.value(4).toLongLong();
        e.updatedAtMs = q.value(5).toLongLong();
        e.expiresAtMs = Registry::toExpiry(q.value(6).toLongLong());
        if (request.withValues) {
            e.checksum = Registry::checksumText(q.value(7).toString());
            row.valueId = q.value(8).toString();
            if (!loadValue(row))
                continue;
        }
        writer.add(e);
        ++rows;
        if (progress && ++state.done % 8192 == 0 && !progress(state))
            break;
    }
    q.finish();
    tx.commit();
    writer.finish();
    if (progress)
        progress(state);
    return rows;
}

} // namespace kv
