#include "local/NamespaceTable.h"

#include "local/PairRow.h"
#include "local/Registry.h"

#include <QSqlQuery>

namespace kv {

namespace {

// Keys and names use characters below U+007F only, so [prefix, prefix + U+007F) holds exactly
// the names that start with prefix, and the range runs on the primary key index.
QString prefixEnd(const QString& prefix)
{
    return prefix + QChar(0x7f);
}

QString range(const QString& prefix, const QString& column)
{
    return prefix.isEmpty() ? QString() : QStringLiteral(" AND %1 >= :p1 AND %1 < :p2").arg(column);
}

void bindRange(QSqlQuery& q, const QString& prefix)
{
    if (!prefix.isEmpty()) {
        q.bindValue(QStringLiteral(":p1"), prefix);
        q.bindValue(QStringLiteral(":p2"), prefixEnd(prefix));
    }
}

// "a." < "a.x…" < "a/": '/' follows '.' in byte order.
void bindTree(QSqlQuery& q, const QString& ns)
{
    q.bindValue(QStringLiteral(":ns"), ns);
    q.bindValue(QStringLiteral(":lo"), ns + QLatin1Char('.'));
    q.bindValue(QStringLiteral(":hi"), ns + QLatin1Char('/'));
}

} // namespace

QList<NamespaceInfo> NamespaceTable::explicitOnes(const QString& prefix)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    Registry::prepare(
        q, QStringLiteral("SELECT name, description, created_at FROM namespaces WHERE 1 = 1") +
               range(prefix, QStringLiteral("name")));
    bindRange(q, prefix);
    Registry::exec(q);
    QList<NamespaceInfo> found;
    while (q.next()) {
        NamespaceInfo info;
        info.name = q.value(0).toString();
        info.description = q.value(1).toString();
        info.isExplicit = true;
        info.createdAtMs = q.value(2).toLongLong();
        found << info;
    }
    return found;
}

QList<QPair<QString, qint64>> NamespaceTable::liveCounts(const QString& prefix, qint64 nowMs)
{
    // Rows per namespace from kv_counts minus the expired ones, a range of kv_by_expires_at each:
    // no scan of kv (PairQueries::countNamespace for one namespace).
    QSqlQuery counts(m_db);
    counts.setForwardOnly(true);
    Registry::prepare(counts,
                      QStringLiteral("SELECT c.namespace, c.pairs - (SELECT COUNT(*) FROM kv "
                                     "WHERE kv.namespace = c.namespace AND kv.expires_at <= :now) "
                                     "FROM kv_counts c WHERE c.pairs > 0%1")
                          .arg(range(prefix, QStringLiteral("c.namespace"))));
    counts.bindValue(QStringLiteral(":now"), nowMs);
    bindRange(counts, prefix);
    Registry::exec(counts);
    QList<QPair<QString, qint64>> found;
    while (counts.next()) {
        const qint64 live = counts.value(1).toLongLong();
        if (live > 0) // a namespace of expired pairs only is not listed
            found.append({counts.value(0).toString(), live});
    }
    return found;
}

void NamespaceTable::readExplicit(const QString& ns, NamespaceStats& stats)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    Registry::prepare(q, QStringLiteral("SELECT description, created_at FROM namespaces "
                                        "WHERE name = :ns"));
    q.bindValue(QStringLiteral(":ns"), ns);
    Registry::exec(q);
    if (q.next()) {
        stats.isExplicit = true;
        stats.description = q.value(0).toString();
        stats.createdAtMs = q.value(1).toLongLong();
    }
}

void NamespaceTable::readPairStats(const QString& ns, qint64 nowMs, NamespaceStats& stats)
{
    // One pass over the namespace's rows of the primary key: the live size and the last update
    // need every live row (kv_counts keeps no sizes), and the counts then cost nothing more.
    QSqlQuery a(m_db);
    a.setForwardOnly(true);
    Registry::prepare(a,
                      QStringLiteral("SELECT SUM(CASE WHEN expires_at > :now THEN 1 ELSE 0 END), "
                                     "SUM(CASE WHEN expires_at > :now THEN 0 ELSE 1 END), "
                                     "SUM(CASE WHEN expires_at > :now THEN size ELSE 0 END), "
                                     "MAX(CASE WHEN expires_at > :now THEN updated_at END) "
                                     "FROM kv WHERE namespace = :ns"));
    a.bindValue(QStringLiteral(":now"), nowMs);
    a.bindValue(QStringLiteral(":ns"), ns);
    Registry::exec(a);
    if (a.next()) {
        stats.liveCount = a.value(0).toLongLong();
        stats.expiredCount = a.value(1).toLongLong();
        stats.totalSize = a.value(2).toLongLong();
        if (!a.value(3).isNull())
            stats.lastUpdateMs = a.value(3).toLongLong();
    }
}

bool NamespaceTable::insert(const QString& ns, const QString& description, qint64 createdAtMs)
{
    QSqlQuery q(m_db);
    Registry::prepare(
        q, QStringLiteral("INSERT INTO namespaces (name, description, created_at) "
                          "VALUES (:name, :description, :created) ON CONFLICT (name) DO NOTHING"));
    q.bindValue(QStringLiteral(":name"), ns);
    q.bindValue(QStringLiteral(":description"), PairRow::text(description));
    q.bindValue(QStringLiteral(":created"), createdAtMs);
    Registry::exec(q);
    return q.numRowsAffected() > 0;
}

qint64 NamespaceTable::explicitInTree(const QString& ns)
{
    QSqlQuery q(m_db);
    Registry::prepare(q, QStringLiteral("SELECT COUNT(*) FROM namespaces WHERE name = :ns "
                                        "OR (name > :lo AND name < :hi)"));
    bindTree(q, ns);
    Registry::exec(q);
    return q.next() ? q.value(0).toLongLong() : 0;
}

QPair<qint64, qint64> NamespaceTable::pairsInTree(const QString& ns, qint64 nowMs)
{
    // From kv_counts, minus each namespace's expired rows (a range of kv_by_expires_at).
    QSqlQuery c(m_db);
    Registry::prepare(
        c, QStringLiteral("SELECT COALESCE(SUM(c.pairs), 0), COALESCE(SUM(c.pairs - (SELECT "
                          "COUNT(*) FROM kv WHERE kv.namespace = c.namespace AND kv.expires_at <= "
                          ":now)), 0) FROM kv_counts c WHERE c.namespace = :ns OR (c.namespace > "
                          ":lo AND c.namespace < :hi)"));
    bindTree(c, ns);
    c.bindValue(QStringLiteral(":now"), nowMs);
    Registry::exec(c);
    if (!c.next())
        return {0, 0};
    return {c.value(0).toLongLong(), c.value(1).toLongLong()};
}

void NamespaceTable::removeTree(const QString& ns)
{
    QSqlQuery q(m_db);
    Registry::prepare(
        q,
        QStringLiteral("DELETE FROM namespaces WHERE name = :ns OR (name > :lo AND name < :hi)"));
    bindTree(q, ns);
    Registry::exec(q);
}

} // namespace kv
