#include "local/ValueMigration.h"

#include "domain/CatalogError.h"
#include "local/MetaTable.h"
#include "local/Registry.h"
#include "local/ValueStore.h"

#include <QCryptographicHash>
#include <QSqlQuery>

namespace kv {

namespace {

const QString marker = QStringLiteral("value_migration");

// One table's rows that still name a file within the limit, in primary key order.
struct FileRow
{
    QString ns;
    QString key;
    qint64 revision = 0;
    QString valueId;
    QString checksum; // hex, as stored
    QByteArray bytes;
};

struct Table
{
    QString name;
    bool history; // kv_history: the revision is part of the primary key
};

QList<FileRow> nextRows(QSqlDatabase& db, const Table& table, qint64 limit,
                        const std::optional<FileRow>& after)
{
    QString cursor;
    if (after)
        cursor = table.history ? QStringLiteral(" AND (namespace, key, revision) > (?, ?, ?)")
                               : QStringLiteral(" AND (namespace, key) > (?, ?)");
    QSqlQuery q(db);
    q.setForwardOnly(true);
    Registry::prepare(q, QStringLiteral("SELECT namespace, key, %1, value_id, checksum FROM %2 "
                                        "WHERE value_id <> '' AND size <= ?%3 ORDER BY "
                                        "namespace, key%4 LIMIT %5")
                             .arg(table.history ? QStringLiteral("revision") : QStringLiteral("0"),
                                  table.name, cursor,
                                  table.history ? QStringLiteral(", revision") : QString())
                             .arg(ValueMigration::batchRows));
    int at = 0;
    q.bindValue(at++, limit);
    if (after) {
        q.bindValue(at++, after->ns);
        q.bindValue(at++, after->key);
        if (table.history)
            q.bindValue(at++, after->revision);
    }
    Registry::exec(q);
    QList<FileRow> rows;
    while (q.next())
        rows.append({q.value(0).toString(),
                     q.value(1).toString(),
                     q.value(2).toLongLong(),
                     q.value(3).toString(),
                     q.value(4).toString(),
                     {}});
    return rows;
}

qint64 countFileRows(QSqlDatabase& db, qint64 limit)
{
    QSqlQuery q(db);
    Registry::prepare(q, QStringLiteral("SELECT (SELECT COUNT(*) FROM kv WHERE value_id <> '' AND "
                                        "size <= ?) + (SELECT COUNT(*) FROM kv_history WHERE "
                                        "value_id <> '' AND size <= ?)"));
    q.bindValue(0, limit);
    q.bindValue(1, limit);
    Registry::exec(q);
    return q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace

ValueMigration::ValueMigration(Registry& registry, ValueStore& store)
    : m_registry(registry)
    , m_store(store)
{
}

bool ValueMigration::pending()
{
    QSqlDatabase db = m_registry.db();
    return !MetaTable(db).value(marker).isEmpty();
}

bool ValueMigration::run(const ProgressCallback& progress)
{
    QSqlDatabase db = m_registry.db();
    const qint64 limit = MetaTable(db).inlineLimit();
    Progress state;
    state.total = limit > 0 ? countFileRows(db, limit) : 0;
    if (progress && !progress(state))
        return false;
    for (const Table& table :
         {Table{QStringLiteral("kv"), false}, Table{QStringLiteral("kv_history"), true}}) {
        if (limit <= 0)
            break;
        std::optional<FileRow> after;
        for (;;) {
            QList<FileRow> rows = nextRows(db, table, limit, after);
            if (rows.isEmpty())
                break;
            after = rows.last();
            // Files are read outside the write transaction; the UPDATE below only takes rows that
            // still point at the file read, so a concurrent write wins.
            for (FileRow& row : rows) {
                try {
                    row.bytes = m_store.read(row.valueId);
                } catch (const CatalogError&) {
                    continue; // missing or unreadable: stays a file, for fsck to report
                }
                if (QCryptographicHash::hash(row.bytes, QCryptographicHash::Sha256).toHex() !=
                    row.checksum.toLatin1())
                    row.bytes.clear(); // corrupt: stays a file, for fsck --verify to report
            }
            QStringList moved;
            {
                Registry::Transaction tx(db, m_registry.dialect());
                QSqlQuery update(db);
                Registry::prepare(
                    update, QStringLiteral("UPDATE %1 SET value = ?, value_id = '' WHERE "
                                           "namespace = ? AND key = ? AND value_id = ?%2")
                                .arg(table.name, table.history ? QStringLiteral(" AND revision = ?")
                                                               : QString()));
                for (const FileRow& row : std::as_const(rows)) {
                    if (row.bytes.isEmpty()) // a stored form is never empty
                        continue;
                    update.bindValue(0, row.bytes);
                    update.bindValue(1, row.ns);
                    update.bindValue(2, row.key);
                    update.bindValue(3, row.valueId);
                    if (table.history)
                        update.bindValue(4, row.revision);
                    Registry::exec(update);
                    if (update.numRowsAffected() > 0)
                        moved << row.valueId;
                }
                tx.commit();
            }
            m_store.remove(moved); // no row points at them any more
            state.done += rows.size();
            if (progress && !progress(state))
                return false;
        }
    }
    Registry::Transaction tx(db, m_registry.dialect());
    MetaTable(db).remove(marker);
    tx.commit();
    return true;
}

} // namespace kv
