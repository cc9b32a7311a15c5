// LocalBackend: listing pairs and namespaces. Every page comes from one indexed registry query;
// nothing here loads a whole namespace into memory.
#include "domain/Clock.h"
#include "domain/Rules.h"
#include "local/LocalBackend.h"

#include <algorithm>
#include <QMap>
#include <QSqlQuery>

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

// Keys use characters below U+007F only, so [prefix, prefix + U+007F) holds exactly the keys
// that start with prefix, and the range runs on the primary key index.
QString prefixEnd(const QString& prefix)
{
    return prefix + QChar(0x7f);
}

} // namespace

KvPage LocalBackend::doList(const ListQuery& query)
{

    QString where = QStringLiteral("namespace = :ns");
    if (!query.prefix.isEmpty())
        where += QStringLiteral(" AND key >= :p1 AND key < :p2");
    if (!query.contains.isEmpty())
        where += QStringLiteral(" AND ") +
                 m_registry->dialect().containsExpr(QStringLiteral("key"), QStringLiteral(":c"));
    // The live test. In page queries not sorted by expiry it is written "+expires_at", which
    // keeps SQLite from choosing the expiry index over the index of the sort column (and then
    // sorting the whole namespace); "+x" is plain x to SQLite and PostgreSQL alike.
    const QString pageFilter = !query.includeExpired && query.sort != SortColumn::Expires
                                   ? QStringLiteral(" AND +expires_at > :now")
                                   : QString();
    QString countWhere = where;
    if (!query.includeExpired) {
        countWhere += QStringLiteral(" AND expires_at > :now");
        if (query.sort == SortColumn::Expires)
            where = countWhere;
    }
    const qint64 t = now();
    auto bindWhere = [&](QSqlQuery& q) {
        q.bindValue(QStringLiteral(":ns"), query.ns);
        if (!query.prefix.isEmpty()) {
            q.bindValue(QStringLiteral(":p1"), query.prefix);
            q.bindValue(QStringLiteral(":p2"), prefixEnd(query.prefix));
        }
        if (!query.contains.isEmpty())
            q.bindValue(QStringLiteral(":c"), query.contains);
        if (!query.includeExpired)
            q.bindValue(QStringLiteral(":now"), t);
    };

    // Pages in the second half of a known total are read backwards from the end.
    bool descending = query.descending;
    qint64 offset = query.offset;
    qint64 limit = query.limit;
    bool reversed = false;
    const bool keyset = query.afterKey.has_value() && query.sort == SortColumn::Key;
    if (!keyset && query.knownTotal && offset > *query.knownTotal / 2) {
        const qint64 total = *query.knownTotal;
        limit = qMax<qint64>(0, qMin(limit, total - offset));
        offset = total - offset - limit;
        descending = !descending;
        reversed = true;
    }

    QString pageWhere = where + pageFilter;
    if (keyset)
        pageWhere +=
            descending ? QStringLiteral(" AND key < :after") : QStringLiteral(" AND key > :after");
    const QString dir = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    const QString column = sortSql(query.sort);
    const QString order =
        query.sort == SortColumn::Key ? column + dir : column + dir + QStringLiteral(", key") + dir;

    KvPage page;
    QSqlDatabase db = m_registry->db();
    Registry::Transaction tx(db, m_registry->dialect(), false); // one snapshot for page and count
    QList<StoredEntry> rows;
    if (keyset) {
        // A keyset continuation in key order: one primary key range scan.
        QSqlQuery q(db);
        q.setForwardOnly(true);
        Registry::prepare(
            q, QStringLiteral("SELECT %1 FROM kv WHERE %2 ORDER BY %3 LIMIT :limit OFFSET :offset")
                   .arg(Registry::entryColumns(), pageWhere, order));
        bindWhere(q);
        q.bindValue(QStringLiteral(":after"), *query.afterKey);
        q.bindValue(QStringLiteral(":limit"), limit);
        q.bindValue(QStringLiteral(":offset"), offset);
        Registry::exec(q);
        while (q.next())
            rows << Registry::readEntry(q);
    } else {
        // The page's keys come from the sort column's index alone (skipping rows for the offset
        // never visits the table); then only those rows are read, by primary key. In key order
        // that index is kv_by_key, a narrow copy of the primary key.
        QSqlQuery q(db);
        q.setForwardOnly(true);
        Registry::prepare(q, QStringLiteral("SELECT key FROM kv WHERE %1 ORDER BY %2 LIMIT :limit "
                                            "OFFSET :offset")
                                 .arg(pageWhere, order));
        bindWhere(q);
        q.bindValue(QStringLiteral(":limit"), limit);
        q.bindValue(QStringLiteral(":offset"), offset);
        Registry::exec(q);
        QStringList keys;
        while (q.next())
            keys << q.value(0).toString();
        rows = m_registry->findEntries(db, query.ns, keys);
    }
    if (reversed)
        std::reverse(rows.begin(), rows.end());

    if (query.withTotal) {
        QSqlQuery c(db);
        Registry::prepare(c, QStringLiteral("SELECT COUNT(*) FROM kv WHERE %1").arg(countWhere));
        bindWhere(c);
        Registry::exec(c);
        page.total = c.next() ? c.value(0).toLongLong() : 0;
    }
    tx.commit();

    page.entries.reserve(rows.size());
    for (StoredEntry& row : rows) {
        if (!query.withValues || loadValue(row))
            page.entries << std::move(row.entry);
    }
    return page;
}

bool LocalBackend::loadValue(StoredEntry& row)
{
    try {
        row.entry.value = readValue(row);
        return true;
    } catch (const CatalogError& e) {
        if (e.code() != ErrorCode::NotFound)
            throw;
    }
    // Superseded or removed since the query ran (its file is gone): read what is stored now.
    try {
        row.entry = get(row.entry.ns, row.entry.key);
        return true;
    } catch (const CatalogError& e) {
        if (e.code() != ErrorCode::NotFound && e.code() != ErrorCode::Expired)
            throw;
        return false;
    }
}

QList<NamespaceInfo> LocalBackend::doListNamespaces(const QString& prefix)
{
    auto range = [&prefix](const QString& column) {
        return prefix.isEmpty() ? QString()
                                : QStringLiteral(" AND %1 >= :p1 AND %1 < :p2").arg(column);
    };
    QMap<QString, NamespaceInfo> byName;

    QSqlDatabase db = m_registry->db();
    Registry::Transaction tx(db, m_registry->dialect(), false);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    Registry::prepare(
        q, QStringLiteral("SELECT name, description, created_at FROM namespaces WHERE 1 = 1") +
               range(QStringLiteral("name")));
    if (!prefix.isEmpty()) {
        q.bindValue(QStringLiteral(":p1"), prefix);
        q.bindValue(QStringLiteral(":p2"), prefixEnd(prefix));
    }
    Registry::exec(q);
    while (q.next()) {
        NamespaceInfo& info = byName[q.value(0).toString()];
        info.name = q.value(0).toString();
        info.description = q.value(1).toString();
        info.isExplicit = true;
        info.createdAtMs = q.value(2).toLongLong();
    }
    QSqlQuery counts(db);
    counts.setForwardOnly(true);
    Registry::prepare(counts,
                      QStringLiteral("SELECT namespace, COUNT(*) FROM kv WHERE expires_at > :now%1 "
                                     "GROUP BY namespace")
                          .arg(range(QStringLiteral("namespace"))));
    counts.bindValue(QStringLiteral(":now"), now());
    if (!prefix.isEmpty()) {
        counts.bindValue(QStringLiteral(":p1"), prefix);
        counts.bindValue(QStringLiteral(":p2"), prefixEnd(prefix));
    }
    Registry::exec(counts);
    while (counts.next()) {
        NamespaceInfo& info = byName[counts.value(0).toString()];
        info.name = counts.value(0).toString();
        info.keyCount = counts.value(1).toLongLong();
    }
    tx.commit();

    // Parents are implied: "a.b.c" brings "a.b" and "a" along (when they match the prefix).
    const QStringList names = byName.keys();
    for (const QString& name : names) {
        for (QString parent = rules::parentNamespace(name); !parent.isEmpty();
             parent = rules::parentNamespace(parent)) {
            if (!parent.startsWith(prefix) || byName.contains(parent))
                continue;
            byName[parent].name = parent;
        }
    }
    return byName.values();
}

NamespaceStats LocalBackend::doNamespaceStats(const QString& ns)
{
    NamespaceStats stats;
    stats.name = ns;
    QSqlDatabase db = m_registry->db();
    Registry::Transaction tx(db, m_registry->dialect(), false);
    QSqlQuery q(db);
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
    // One pass over the namespace's rows of the primary key.
    QSqlQuery a(db);
    a.setForwardOnly(true);
    Registry::prepare(a,
                      QStringLiteral("SELECT SUM(CASE WHEN expires_at > :now THEN 1 ELSE 0 END), "
                                     "SUM(CASE WHEN expires_at > :now THEN 0 ELSE 1 END), "
                                     "SUM(CASE WHEN expires_at > :now THEN size ELSE 0 END), "
                                     "MAX(CASE WHEN expires_at > :now THEN updated_at END) "
                                     "FROM kv WHERE namespace = :ns"));
    a.bindValue(QStringLiteral(":now"), now());
    a.bindValue(QStringLiteral(":ns"), ns);
    Registry::exec(a);
    if (a.next()) {
        stats.liveCount = a.value(0).toLongLong();
        stats.expiredCount = a.value(1).toLongLong();
        stats.totalSize = a.value(2).toLongLong();
        if (!a.value(3).isNull())
            stats.lastUpdateMs = a.value(3).toLongLong();
    }
    tx.commit();
    return stats;
}

NamespaceInfo LocalBackend::doCreateNamespace(const QString& ns, const QString& description)
{
    requireWritable();
    QSqlDatabase db = m_registry->db();
    Registry::Transaction tx(db, m_registry->dialect());
    QSqlQuery q(db);
    Registry::prepare(
        q, QStringLiteral("INSERT INTO namespaces (name, description, created_at) "
                          "VALUES (:name, :description, :created) ON CONFLICT (name) DO NOTHING"));
    q.bindValue(QStringLiteral(":name"), ns);
    q.bindValue(QStringLiteral(":description"), Registry::text(description));
    q.bindValue(QStringLiteral(":created"), now());
    Registry::exec(q);
    if (q.numRowsAffected() == 0)
        throw CatalogError::conflict(QStringLiteral("namespace '%1' already exists").arg(ns));
    tx.commit();
    for (const NamespaceInfo& info : listNamespaces(ns)) {
        if (info.name == ns)
            return info;
    }
    return {ns, description, true, now(), 0};
}

} // namespace kv
