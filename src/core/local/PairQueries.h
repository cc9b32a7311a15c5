#pragma once

#include "domain/CatalogTypes.h"
#include "local/PairRow.h"
#include "local/Registry.h"

#include <optional>
#include <QSqlQuery>

namespace kv {

// The read queries over kv that listing and export page through. Each runs inside the
// caller's transaction (one snapshot for a page and its count, for a whole export).
class PairQueries
{
public:
    PairQueries(Registry& registry, QSqlDatabase db)
        : m_registry(registry)
        , m_db(std::move(db))
    {
    }

    // Listing -----------------------------------------------------------------------------
    // One page of `query` read from the sort column's index; `descending`, `offset` and `limit`
    // may differ from the query's (a page of the second half is read backwards from the end).
    QList<StoredEntry> page(const ListQuery& query, qint64 nowMs, bool descending, qint64 offset,
                            qint64 limit);
    // Every pair that matches `query` (its filters, not its paging). A whole namespace is
    // counted from kv_counts (countNamespace); a prefix or a key filter scans its range.
    qint64 count(const ListQuery& query, qint64 nowMs);

    // Export ------------------------------------------------------------------------------
    // The live pairs of `ns` whose key starts with `prefix` (empty: all), in key order.
    class LiveRows
    {
    public:
        LiveRows(QSqlDatabase& db, const QString& ns, const QString& prefix, qint64 nowMs,
                 bool withValueIds);
        // Fills the row's metadata (and checksum, value id and inline value with withValueIds);
        // row.entry.ns is left as it is. False at the end.
        bool next(StoredEntry& row);
        void finish() { m_rows.finish(); }

    private:
        QSqlQuery m_rows;
        bool m_withValueIds;
    };
    // LiveRows' query (also read by ExportRows): parameters :ns, :now and, with a prefix, :p1
    // (the prefix) and :p2 (prefixEnd(prefix)).
    static QString liveRowsSql(const QString& prefix, bool withValueIds);
    // The end of the key range of `prefix` (exclusive).
    static QString prefixEnd(const QString& prefix);
    qint64 countLive(const QString& ns, const QString& prefix, qint64 nowMs);
    // The rows of `ns`: all of them, or (with liveAtMs) those that have not expired by then —
    // from the per-namespace counter and the expiry index, without scanning the namespace.
    qint64 countNamespace(const QString& ns, std::optional<qint64> liveAtMs);

private:
    Registry& m_registry;
    QSqlDatabase m_db;
};

} // namespace kv
