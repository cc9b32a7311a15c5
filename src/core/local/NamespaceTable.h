#pragma once

#include "domain/CatalogTypes.h"

#include <optional>
#include <QList>
#include <QPair>
#include <QSqlDatabase>

namespace kv {

// The namespaces table (namespaces created explicitly) and the per-namespace aggregates of kv.
// Each method runs inside the caller's transaction. A "tree" is a namespace and the ones below
// it ("a", "a.b", "a.b.c").
class NamespaceTable
{
public:
    explicit NamespaceTable(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    // Explicit namespaces whose name starts with `prefix` (name, description, created).
    QList<NamespaceInfo> explicitOnes(const QString& prefix);
    // Live pairs per namespace that has some, for namespaces that start with `prefix` (from
    // kv_counts and the expiry index: no scan of kv).
    QList<QPair<QString, qint64>> liveCounts(const QString& prefix, qint64 nowMs);
    // Fills isExplicit, description and createdAtMs when `ns` was created explicitly.
    void readExplicit(const QString& ns, NamespaceStats& stats);
    // Fills the live/expired counts, the live size and the last update (one pass over `ns`).
    void readPairStats(const QString& ns, qint64 nowMs, NamespaceStats& stats);
    // False when the namespace exists already.
    bool insert(const QString& ns, const QString& description, qint64 createdAtMs);

    qint64 explicitInTree(const QString& ns);
    // Rows and live rows of kv in the tree.
    QPair<qint64, qint64> pairsInTree(const QString& ns, qint64 nowMs);
    void removeTree(const QString& ns);

private:
    QSqlDatabase m_db;
};

} // namespace kv
