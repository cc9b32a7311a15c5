#include "local/ValueRefs.h"

#include "local/PairRow.h"
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

ValueRefs::InlineScan::InlineScan(QSqlDatabase& db, bool withValues)
    : m_rows(db)
    , m_withValues(withValues)
{
    m_rows.setForwardOnly(true);
    const QString value = withValues ? QStringLiteral("value") : QStringLiteral("NULL");
    Registry::exec(m_rows, QStringLiteral("SELECT namespace, key, -1, checksum, value IS NOT NULL, "
                                          "%1 FROM kv WHERE value_id = '' UNION ALL "
                                          "SELECT namespace, key, revision, checksum, "
                                          "value IS NOT NULL, %1 FROM kv_history "
                                          "WHERE value_id = ''")
                               .arg(value));
}

bool ValueRefs::InlineScan::next(Row& row)
{
    if (!m_rows.next())
        return false;
    row.ref = {QStringLiteral(""), m_rows.value(0).toString(), m_rows.value(1).toString(),
               m_rows.value(2).toLongLong(), m_rows.value(3).toString()};
    row.hasValue = m_rows.value(4).toBool();
    row.value = m_withValues && row.hasValue ? m_rows.value(5).toByteArray() : QByteArray();
    return true;
}

ValuePlacement ValueRefs::placement()
{
    QSqlQuery q(m_db);
    Registry::exec(q, QStringLiteral("SELECT COUNT(*), COALESCE(SUM(value_id = ''), 0) FROM kv"));
    ValuePlacement p;
    if (q.next()) {
        p.inlineValues = q.value(1).toLongLong();
        p.externalValues = q.value(0).toLongLong() - p.inlineValues;
    }
    return p;
}

bool ValueRefs::stillPointsAt(const ValueRef& ref)
{
    QSqlQuery q(m_db);
    Registry::prepare(
        q, ref.isCurrent() ? QStringLiteral("SELECT 1 FROM kv WHERE namespace = :ns AND key = :key "
                                            "AND value_id = :id AND checksum = :sum")
                           : QStringLiteral("SELECT 1 FROM kv_history WHERE namespace = :ns AND "
                                            "key = :key AND value_id = :id AND revision = :rev "
                                            "AND checksum = :sum"));
    q.bindValue(QStringLiteral(":ns"), ref.ns);
    q.bindValue(QStringLiteral(":key"), ref.key);
    q.bindValue(QStringLiteral(":id"), PairRow::text(ref.valueId));
    q.bindValue(QStringLiteral(":sum"), ref.checksum);
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
    del.bindValue(QStringLiteral(":id"), PairRow::text(ref.valueId));
    Registry::exec(del);
    return del.numRowsAffected() > 0;
}

} // namespace kv
