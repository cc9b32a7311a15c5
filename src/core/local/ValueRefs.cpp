#include "local/ValueRefs.h"

#include "local/Registry.h"

namespace kv {

ValueRefs::Scan::Scan(QSqlDatabase& db)
    : m_rows(db)
{
    m_rows.setForwardOnly(true);
    // Inline values (value_id '') live in their row: no file to match.
    Registry::exec(m_rows,
                   QStringLiteral("SELECT value_id, namespace, key, -1, checksum FROM kv "
                                  "WHERE value_id <> '' UNION ALL SELECT value_id, namespace, key, "
                                  "revision, checksum FROM kv_history WHERE value_id <> '' "
                                  "ORDER BY 1"));
    m_more = m_rows.next();
}

QString ValueRefs::Scan::nextId() const
{
    return m_rows.value(0).toString();
}

ValueRef ValueRefs::Scan::take()
{
    ValueRef ref{m_rows.value(0).toString(), m_rows.value(1).toString(), m_rows.value(2).toString(),
                 m_rows.value(3).toLongLong(), m_rows.value(4).toString()};
    m_more = m_rows.next();
    return ref;
}

bool ValueRefs::stillPointsAt(const ValueRef& ref)
{
    QSqlQuery q(m_db);
    Registry::prepare(
        q, ref.isCurrent() ? QStringLiteral("SELECT 1 FROM kv WHERE namespace = :ns AND key = :key "
                                            "AND value_id = :id")
                           : QStringLiteral("SELECT 1 FROM kv_history WHERE namespace = :ns AND "
                                            "key = :key AND value_id = :id AND revision = :rev"));
    q.bindValue(QStringLiteral(":ns"), ref.ns);
    q.bindValue(QStringLiteral(":key"), ref.key);
    q.bindValue(QStringLiteral(":id"), ref.valueId);
    if (!ref.isCurrent())
        q.bindValue(QStringLiteral(":rev"), ref.revision);
    Registry::exec(q);
    return q.next();
}

bool ValueRefs::removeHistoryRow(const ValueRef& ref)
{
    if (!m_deleteHistory) {
        m_deleteHistory.emplace(m_db);
        Registry::prepare(*m_deleteHistory,
                          QStringLiteral("DELETE FROM kv_history WHERE namespace = :ns AND "
                                         "key = :key AND revision = :rev AND value_id = :id"));
    }
    QSqlQuery& del = *m_deleteHistory;
    del.bindValue(QStringLiteral(":ns"), ref.ns);
    del.bindValue(QStringLiteral(":key"), ref.key);
    del.bindValue(QStringLiteral(":rev"), ref.revision);
    del.bindValue(QStringLiteral(":id"), ref.valueId);
    Registry::exec(del);
    return del.numRowsAffected() > 0;
}

} // namespace kv
