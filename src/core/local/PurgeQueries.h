#pragma once

#include "domain/CatalogTypes.h"
#include "local/NativeSqlite.h"
#include "local/Registry.h"

#include <optional>
#include <QSqlDatabase>
#include <QStringList>

namespace kv {

// The purge's queries over kv and kv_history: the pairs a PurgeRequest removes, selected in
// batches, and their removal with one statement per table and batch. Each runs inside the
// caller's transaction.
class PurgeQueries
{
public:
    // One namespace (optionally with those below it), or every namespace when ns is empty.
    struct Scope
    {
        QString ns;
        bool children = false;
    };
    // A selected pair: enough to find it again and to tell whether it changed since.
    struct Row
    {
        QString ns;
        QString key;
        QString valueId; // '' for an inline value
        qint64 revision = 0;
        qint64 updatedAtMs = 0;
        qint64 expiresAtMs = 0;
    };

    PurgeQueries(QSqlDatabase db, const SqlDialect& dialect, const PurgeRequest& request,
                 qint64 nowMs);

    // Pairs in `scope` that the request purges, before its key pattern is applied.
    qint64 count(const Scope& scope);
    // The next `limit` of them after `after` (from the start without it). Expired pairs come in
    // expiry order, through the expiry indexes; a purge of every pair in (namespace, key) order.
    QList<Row> next(const Scope& scope, const std::optional<Row>& after, int limit);
    // Removes the pairs of `batch` whose current row is still the one selected (a pair written
    // since then stays), with all their history. Returns the removed pairs; appends the value
    // ids of their external values (current and history) to `files`.
    QList<Row> remove(const QList<Row>& batch, QStringList& files);
    // The common case (no key pattern, no dry run): selects and removes the next `limit` pairs
    // with their history in one statement per table, no round trip through C++. Returns how
    // many pairs were removed; appends them to `removed` when given (namespace, key and value
    // id only) and the value ids of their external values to `files`.
    qint64 removeNext(const Scope& scope, int limit, QStringList& files,
                      QList<Row>* removed = nullptr);

private:
    void bindScopeAndFilter(NativeSqlite::Statement& q, const Scope& scope) const;

    // A catalog without history (depth 0, or only new pairs) skips the history statement.
    bool hasHistory();

    QSqlDatabase m_db;
    const SqlDialect& m_dialect;
    const PurgeRequest& m_request;
    qint64 m_nowMs;
};

} // namespace kv
