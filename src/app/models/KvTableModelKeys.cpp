// KvTableModel: the keys of selected rows (model rows of the window, or result rows), from the
// page cache, loading what is missing in large chunks of keys only (a selection may span rows no
// page of which is cached).
#include "Catalog.h"
#include "FutureWatch.h"
#include "KvTableModel.h"

#include <algorithm>
#include <functional>
#include <QPromise>

namespace {

constexpr int keysChunk = 10'000; // rows per query when collecting the keys of a selection

} // namespace

QFuture<QStringList> KvTableModel::keysForRows(const QList<int>& rows)
{
    QList<qint64> resultRows;
    resultRows.reserve(rows.size());
    for (int row : rows) {
        if (row >= 0 && row < m_windowRows)
            resultRows << resultRow(row);
    }
    return keysForResultRows(resultRows);
}

QFuture<QStringList> KvTableModel::keysForResultRows(const QList<qint64>& rows)
{
    QList<qint64> sorted = rows;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    QList<qint64> missing;
    QHash<qint64, QString> known;
    for (qint64 row : std::as_const(sorted)) {
        const auto it = m_pages.constFind(int(row / pageSize));
        if (it != m_pages.cend() && !it->stale && row % pageSize < it->rows.size())
            known.insert(row, it->rows.at(row % pageSize).entry.key);
        else
            missing << row;
    }
    auto promise = std::make_shared<QPromise<QStringList>>();
    QFuture<QStringList> future = promise->future();
    promise->start();
    auto finish = [promise, sorted](const QHash<qint64, QString>& keys) {
        QStringList result;
        for (qint64 row : sorted)
            result << keys.value(row);
        result.removeAll(QString());
        promise->addResult(result);
        promise->finish();
    };
    if (missing.isEmpty() || !m_catalog) {
        finish(known);
        return future;
    }
    // Load the missing rows in chunks of consecutive rows, keys only, one query after another.
    struct Chunk
    {
        qint64 offset;
        qint64 limit;
    };
    auto chunks = std::make_shared<QList<Chunk>>();
    for (qint64 row : std::as_const(missing)) {
        if (!chunks->isEmpty() && row < chunks->last().offset + keysChunk) {
            chunks->last().limit = row - chunks->last().offset + 1;
            continue;
        }
        chunks->append({row, 1});
    }
    auto keys = std::make_shared<QHash<qint64, QString>>(known);
    const quint64 generation = m_generation;
    auto next = std::make_shared<std::function<void()>>();
    *next = [this, chunks, keys, generation, finish, promise, missing, next]() {
        if (generation != m_generation) {
            promise->setException(std::make_exception_ptr(kv::CatalogError::unavailable(
                QStringLiteral("the list changed while the selection was being read"))));
            promise->finish();
            *next = nullptr;
            return;
        }
        if (chunks->isEmpty()) {
            finish(*keys);
            *next = nullptr;
            return;
        }
        const Chunk chunk = chunks->takeFirst();
        kv::ListQuery q = baseQuery();
        q.offset = chunk.offset;
        q.limit = chunk.limit;
        if (m_total >= 0)
            q.knownTotal = m_total;
        whenFinished(
            m_catalog->list(q), this,
            [chunk, keys, next, missing](const kv::KvPage& page) {
                for (int i = 0; i < page.entries.size(); ++i) {
                    const qint64 row = chunk.offset + i;
                    if (std::binary_search(missing.begin(), missing.end(), row))
                        keys->insert(row, page.entries.at(i).key);
                }
                (*next)();
            },
            [promise, next](const kv::CatalogError& error) {
                promise->setException(std::make_exception_ptr(error)); // as it came: typed
                promise->finish();
                *next = nullptr;
            });
    };
    (*next)();
    return future;
}
