#include "local/PairQueries.h"

#include "local/PairRow.h"
#include "local/PairTable.h"

namespace kv {

namespace {

QString sortSql(SortColumn column)
{
    switch (column) {
    case SortColumn::Key:
        return QStringLiteral("key");
    case SortColumn::Type:
        return QStringLiteral("type");
    case SortColumn::Description:
        return QStringLiteral("description");
    case SortColumn::Size:
        return QStringLiteral("size");
    case SortColumn::Revision:
        return QStringLiteral("revision");
    case SortColumn::Created:
        return QStringLiteral("created_at");
    case SortColumn::Updated:
        return QStringLiteral("updated_at");
    case SortColumn::Expires:
        return QStringLiteral("expires_at");
    }
    return QStringLiteral("key");
}

// A listing query's filters: WHERE clauses and their bindings.
struct ListFilter
{
    const ListQuery& query;
    qint64 nowMs;
    QString where;      // for the page, sorted by expiry or not
    QString pageFilter; // the live test of a page not sorted by expiry
    QString countWhere;

    ListFilter(const ListQuery& q, qint64 now, const SqlDialect& dialect)
        : query(q)
        , nowMs(now)
    {
        where = QStringLiteral("namespace = :ns");
        if (!query.prefix.isEmpty())
            where += QStringLiteral(" AND key >= :p1 AND key < :p2");
        if (!query.contains.isEmpty())
            where += QStringLiteral(" AND ") +
                     dialect.containsExpr(QStringLiteral("key"), QStringLiteral(":c"));
        // The live test. In page queries not sorted by expiry it is written "+expires_at", which
        // keeps SQLite from choosing the expiry index over the index of the sort column (and
        // then sorting the whole namespace); "+x" is plain x to SQLite and PostgreSQL alike.
        if (!query.includeExpired && query.sort != SortColumn::Expires)
            pageFilter = QStringLiteral(" AND +expires_at > :now");
        countWhere = where;
        if (!query.includeExpired) {
            countWhere += QStringLiteral(" AND expires_at > :now");
            if (query.sort == SortColumn::Expires)
                where = countWhere;
        }
    }
    void bind(QSqlQuery& q) const
    {
        q.bindValue(QStringLiteral(":ns"), query.ns);
        if (!query.prefix.isEmpty()) {
            q.bindValue(QStringLiteral(":p1"), query.prefix);
            q.bindValue(QStringLiteral(":p2"), PairQueries::prefixEnd(query.prefix));
        }
        if (!query.contains.isEmpty())
            q.bindValue(QStringLiteral(":c"), query.contains);
        if (!query.includeExpired)
            q.bindValue(QStringLiteral(":now"), nowMs);
    }
};

QString liveWhere(const QString& prefix)
{
    QString where = QStringLiteral("namespace = :ns AND expires_at > :now");
    if (!prefix.isEmpty())
        where += QStringLiteral(" AND key >= :p1 AND key < :p2");
    return where;
}

void bindLive(QSqlQuery& q, const QString& ns, const QString& prefix, qint64 nowMs)
{
    q.bindValue(QStringLiteral(":ns"), ns);
    q.bindValue(QStringLiteral(":now"), nowMs);
    if (!prefix.isEmpty()) {
        q.bindValue(QStringLiteral(":p1"), prefix);
        q.bindValue(QStringLiteral(":p2"), PairQueries::prefixEnd(prefix));
    }
}

} // namespace

QString PairQueries::prefixEnd(const QString& prefix)
{
    // Keys use characters below U+007F only, so [prefix, prefix + U+007F) holds exactly the
    // keys that start with prefix, and the range runs on the primary key index.
    return prefix + QChar(0x7f);
}

QString PairQueries::liveRowsSql(const QString& prefix, bool withValueIds)
{
    // Only the columns the CSV needs: every column costs a conversion per row.
    return QStringLiteral("SELECT key, type, description, size, created_at, updated_at, "
                          "expires_at%1 FROM kv WHERE %2 ORDER BY key")
        .arg(withValueIds ? QStringLiteral(", checksum, value_id, value") : QString(),
             liveWhere(prefix));
}

QList<StoredEntry> PairQueries::page(const ListQuery& query, qint64 nowMs, bool descending,
                                     qint64 offset, qint64 limit)
{
    const ListFilter filter(query, nowMs, m_registry.dialect());
    const bool keyset = query.afterKey.has_value() && query.sort == SortColumn::Key;
    QString pageWhere = filter.where + filter.pageFilter;
    if (keyset)
        pageWhere +=
            descending ? QStringLiteral(" AND key < :after") : QStringLiteral(" AND key > :after");
    const QString dir = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    const QString column = sortSql(query.sort);
    const QString order =
        query.sort == SortColumn::Key ? column + dir : column + dir + QStringLiteral(", key") + dir;

    QList<StoredEntry> rows;
    if (keyset) {
        // A keyset continuation in key order: one primary key range scan.
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        Registry::prepare(
            q, QStringLiteral("SELECT %1 FROM kv WHERE %2 ORDER BY %3 LIMIT :limit OFFSET :offset")
                   .arg(query.withValues ? PairRow::columnsWithValue() : PairRow::columns(),
                        pageWhere, order));
        filter.bind(q);
        q.bindValue(QStringLiteral(":after"), *query.afterKey);
        q.bindValue(QStringLiteral(":limit"), limit);
        q.bindValue(QStringLiteral(":offset"), offset);
        Registry::exec(q);
        while (q.next())
            rows << (query.withValues ? PairRow::readWithValue(q) : PairRow::read(q));
        return rows;
    }
    // The page's keys come from the sort column's index alone (skipping rows for the offset
    // never visits the table); then only those rows are read, by primary key. In key order
    // that index is kv_by_key, a narrow copy of the primary key.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    Registry::prepare(
        q, QStringLiteral("SELECT key FROM kv WHERE %1 ORDER BY %2 LIMIT :limit OFFSET :offset")
               .arg(pageWhere, order));
    filter.bind(q);
    q.bindValue(QStringLiteral(":limit"), limit);
    q.bindValue(QStringLiteral(":offset"), offset);
    Registry::exec(q);
    QStringList keys;
    while (q.next())
        keys << q.value(0).toString();
    // A page with values reads inline values with their rows (no query per row for them).
    return PairTable(m_db).findEntries(
        query.ns, keys, query.withValues ? PairTable::Value::Read : PairTable::Value::Skip);
}

qint64 PairQueries::count(const ListQuery& query, qint64 nowMs)
{
    if (query.prefix.isEmpty() && query.contains.isEmpty())
        return countNamespace(query.ns,
                              query.includeExpired ? std::nullopt : std::optional<qint64>(nowMs));
    const ListFilter filter(query, nowMs, m_registry.dialect());
    QSqlQuery c(m_db);
    Registry::prepare(c, QStringLiteral("SELECT COUNT(*) FROM kv WHERE %1").arg(filter.countWhere));
    filter.bind(c);
    Registry::exec(c);
    return c.next() ? c.value(0).toLongLong() : 0;
}

PairQueries::LiveRows::LiveRows(QSqlDatabase& db, const QString& ns, const QString& prefix,
                                qint64 nowMs, bool withValueIds)
    : m_rows(db)
    , m_withValueIds(withValueIds)
{
    m_rows.setForwardOnly(true);
    Registry::prepare(m_rows, liveRowsSql(prefix, withValueIds));
    bindLive(m_rows, ns, prefix, nowMs);
    Registry::exec(m_rows);
}

bool PairQueries::LiveRows::next(StoredEntry& row)
{
    if (!m_rows.next())
        return false;
    KvEntry& e = row.entry;
    e.key = m_rows.value(0).toString();
    e.type = ValueType(m_rows.value(1).toInt());
    e.description = m_rows.value(2).toString();
    e.size = m_rows.value(3).toLongLong();
    e.createdAtMs = m_rows.value(4).toLongLong();
    e.updatedAtMs = m_rows.value(5).toLongLong();
    e.expiresAtMs = PairRow::toExpiry(m_rows.value(6).toLongLong());
    if (m_withValueIds) {
        e.checksum = PairRow::checksumText(m_rows.value(7).toString());
        row.valueId = m_rows.value(8).toString();
        // An inline value comes with its row: no file to open.
        row.inlineValue = row.isInline() ? m_rows.value(9).toByteArray() : QByteArray();
    }
    return true;
}

qint64 PairQueries::countLive(const QString& ns, const QString& prefix, qint64 nowMs)
{
    if (prefix.isEmpty())
        return countNamespace(ns, nowMs);
    QSqlQuery count(m_db);
    Registry::prepare(count,
                      QStringLiteral("SELECT COUNT(*) FROM kv WHERE %1").arg(liveWhere(prefix)));
    bindLive(count, ns, prefix, nowMs);
    Registry::exec(count);
    return count.next() ? count.value(0).toLongLong() : 0;
}

qint64 PairQueries::countNamespace(const QString& ns, std::optional<qint64> liveAtMs)
{
    // kv_counts holds every row of the namespace, expired ones included (kept in the writes'
    // transactions, PairCounts); the expired ones are a range of kv_by_expires_at (namespace,
    // expires_at, key), so neither part scans the namespace.
    QSqlQuery c(m_db);
    Registry::prepare(
        c, liveAtMs ? QStringLiteral("SELECT COALESCE((SELECT pairs FROM kv_counts WHERE namespace "
                                     "= :ns), 0) - (SELECT COUNT(*) FROM kv WHERE namespace = :ns "
                                     "AND expires_at <= :now)")
                    : QStringLiteral("SELECT pairs FROM kv_counts WHERE namespace = :ns"));
    c.bindValue(QStringLiteral(":ns"), ns);
    if (liveAtMs)
        c.bindValue(QStringLiteral(":now"), *liveAtMs);
    Registry::exec(c);
    return c.next() ? c.value(0).toLongLong() : 0;
}

} // namespace kv
