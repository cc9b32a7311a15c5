// LocalBackend: listing pairs and namespaces. Every page comes from one indexed registry query
// (PairQueries, NamespaceTable); nothing here loads a whole namespace into memory.
#include "domain/Clock.h"
#include "domain/Rules.h"
#include "local/LocalBackend.h"
#include "local/NamespaceTable.h"
#include "local/PairQueries.h"

#include <algorithm>
#include <QMap>

namespace kv {

KvPage LocalBackend::doList(const ListQuery& query)
{
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

    KvPage page;
    const qint64 t = now();
    QSqlDatabase db = m_registry->db();
    Registry::Transaction tx(db, m_registry->dialect(), false); // one snapshot for page and count
    PairQueries pairs(*m_registry, db);
    QList<StoredEntry> rows = pairs.page(query, t, descending, offset, limit);
    if (reversed)
        std::reverse(rows.begin(), rows.end());
    if (query.withTotal)
        page.total = pairs.count(query, t);
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
    QMap<QString, NamespaceInfo> byName;
    QSqlDatabase db = m_registry->db();
    Registry::Transaction tx(db, m_registry->dialect(), false);
    NamespaceTable table(db);
    for (const NamespaceInfo& info : table.explicitOnes(prefix))
        byName[info.name] = info;
    for (const auto& [name, count] : table.liveCounts(prefix, now())) {
        NamespaceInfo& info = byName[name];
        info.name = name;
        info.keyCount = count;
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
    NamespaceTable table(db);
    table.readExplicit(ns, stats);
    table.readPairStats(ns, now(), stats);
    tx.commit();
    return stats;
}

NamespaceInfo LocalBackend::doCreateNamespace(const QString& ns, const QString& description)
{
    requireWritable();
    QSqlDatabase db = m_registry->db();
    Registry::Transaction tx(db, m_registry->dialect());
    if (!NamespaceTable(db).insert(ns, description, now()))
        throw CatalogError::conflict(QStringLiteral("namespace '%1' already exists").arg(ns));
    tx.commit();
    for (const NamespaceInfo& info : listNamespaces(ns)) {
        if (info.name == ns)
            return info;
    }
    return {ns, description, true, now(), 0};
}

} // namespace kv
