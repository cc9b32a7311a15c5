// KvTableModel: counting, paging, the page cache and the keys of selected rows.
//
// A page is `pageSize` rows at offset page * pageSize of the current query. data() of a row whose
// page is not cached schedules that page (coalesced by a zero-timer, so one scroll asks once per
// page) and shows a placeholder until it arrives. The cache keeps the `maxCachedPages` pages used
// last. Pages in the second half are read backwards from the end by the catalog (knownTotal),
// so the last page costs what the first does.
#include "Catalog.h"
#include "ErrorText.h"
#include "FutureWatch.h"
#include "KvTableModel.h"

#include <algorithm>
#include <QPromise>
#include <QTimer>

namespace {

constexpr int keysChunk = 10'000; // rows per query when collecting the keys of a selection

QString previewOf(const std::optional<kv::KvValue>& value)
{
    if (!value)
        return QString();
    QString text = value->text().left(KvTableModel::previewLength);
    text.replace(QLatin1Char('\n'), QChar(0x21B5)); // ↵
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    text.replace(QLatin1Char('\t'), QLatin1Char(' '));
    if (value->text().size() > KvTableModel::previewLength)
        text += QChar(0x2026); // …
    return text;
}

} // namespace

void KvTableModel::restart()
{
    ++m_generation;
    m_recountAsked = false;
    m_pending.clear();
    m_inFlight.clear();
    m_fetchTimer->stop();
    beginResetModel();
    m_pages.clear();
    m_total = -1;
    endResetModel();
    emit countChanged(-1);
    if (!m_catalog || m_ns.isEmpty()) {
        m_ticker->stop();
        updateLoading();
        return;
    }
    m_ticker->start();
    // One call counts and brings the first page, so the first rows show as soon as possible.
    kv::ListQuery q = baseQuery();
    q.limit = pageSize;
    q.withTotal = true;
    q.withValues = true;
    const quint64 generation = m_generation;
    updateLoading();
    whenFinished(
        m_catalog->list(q), this,
        [this, generation](const kv::KvPage& page) {
            if (generation != m_generation)
                return;
            storePage(0, page); // no rows yet: only cached
            setTotal(page.total);
            updateLoading();
        },
        [this, generation](const kv::CatalogError& error) {
            if (generation != m_generation)
                return;
            setTotal(0);
            updateLoading();
            emit failed(ErrorText::describe(error));
        });
}

void KvTableModel::refresh()
{
    if (!m_catalog || m_ns.isEmpty())
        return;
    if (m_total < 0) {
        restart();
        return;
    }
    ++m_generation;
    m_recountAsked = false;
    m_pending.clear();
    m_inFlight.clear();
    for (Page& page : m_pages)
        page.stale = true; // shown until the new answer comes
    kv::ListQuery q = baseQuery();
    q.limit = 0;
    q.withTotal = true;
    const quint64 generation = m_generation;
    m_loading = false;
    updateLoading();
    whenFinished(
        m_catalog->list(q), this,
        [this, generation](const kv::KvPage& page) {
            if (generation != m_generation)
                return;
            setTotal(page.total);
            const QList<int> cached = m_pages.keys();
            for (int p : cached)
                requestPage(p);
            updateLoading();
        },
        [this, generation](const kv::CatalogError& error) {
            if (generation != m_generation)
                return;
            updateLoading();
            emit failed(ErrorText::describe(error));
        });
}

void KvTableModel::setTotal(qint64 total)
{
    const int oldRows = rowCount();
    const qint64 oldTotal = m_total;
    const int newRows = int(qMin<qint64>(qMax<qint64>(total, 0), INT_MAX));
    if (oldTotal < 0) {
        // From "counting" to the first answer.
        if (newRows > 0) {
            beginInsertRows(QModelIndex(), 0, newRows - 1);
            m_total = total;
            endInsertRows();
        } else {
            m_total = total;
        }
    } else if (newRows > oldRows) {
        beginInsertRows(QModelIndex(), oldRows, newRows - 1);
        m_total = total;
        endInsertRows();
    } else if (newRows < oldRows) {
        beginRemoveRows(QModelIndex(), newRows, oldRows - 1);
        m_total = total;
        endRemoveRows();
    } else {
        m_total = total;
    }
    // Pages beyond the end are gone.
    for (auto it = m_pages.begin(); it != m_pages.end();) {
        if (qint64(it.key()) * pageSize >= m_total)
            it = m_pages.erase(it);
        else
            ++it;
    }
    if (m_total != oldTotal)
        emit countChanged(m_total);
}

const KvTableModel::Row* KvTableModel::rowAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    const int pageNo = row / pageSize;
    auto it = m_pages.find(pageNo);
    if (it == m_pages.end()) {
        requestPage(pageNo);
        return nullptr;
    }
    it->lastUse = ++m_useCounter;
    const int offset = row % pageSize;
    return offset < it->rows.size() ? &it->rows.at(offset) : nullptr;
}

void KvTableModel::requestPage(int page) const
{
    if (m_inFlight.contains(page) || m_pending.contains(page))
        return;
    m_pending.insert(page);
    m_fetchTimer->start();
}

void KvTableModel::fetchPending()
{
    if (!m_catalog || m_ns.isEmpty() || m_total < 0)
        return;
    const quint64 generation = m_generation;
    const QSet<int> pending = std::exchange(m_pending, {});
    for (int page : pending) {
        if (qint64(page) * pageSize >= m_total)
            continue;
        kv::ListQuery q = baseQuery();
        q.offset = qint64(page) * pageSize;
        q.limit = pageSize;
        q.knownTotal = m_total;
        q.withValues = true;
        m_inFlight.insert(page);
        whenFinished(
            m_catalog->list(q), this,
            [this, generation, page](const kv::KvPage& result) {
                if (generation != m_generation)
                    return;
                m_inFlight.remove(page);
                storePage(page, result);
                const int first = page * pageSize;
                const int last = qMin(first + pageSize, rowCount()) - 1;
                if (last >= first)
                    emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
                updateLoading();
            },
            [this, generation, page](const kv::CatalogError& error) {
                if (generation != m_generation)
                    return;
                m_inFlight.remove(page);
                updateLoading();
                emit failed(ErrorText::describe(error));
            });
    }
    updateLoading();
}

void KvTableModel::storePage(int pageNo, const kv::KvPage& result)
{
    Page page;
    page.rows.reserve(result.entries.size());
    for (const kv::KvEntry& entry : result.entries) {
        Row row;
        row.preview = previewOf(entry.value);
        row.entry = entry;
        row.entry.value.reset(); // values may be large: only the preview stays
        page.rows.append(std::move(row));
    }
    page.lastUse = ++m_useCounter;
    // A short page where the count promised more rows: pairs went away meanwhile. Count again
    // (once per query), so the table shrinks instead of showing placeholders.
    const qint64 expected = m_total < 0
                                ? page.rows.size()
                                : qMin<qint64>(pageSize, m_total - qint64(pageNo) * pageSize);
    const qint64 received = page.rows.size();
    m_pages.insert(pageNo, std::move(page));
    evictPages();
    if (received < expected && !m_recountAsked) {
        m_recountAsked = true;
        QTimer::singleShot(0, this, &KvTableModel::refresh);
    }
}

void KvTableModel::evictPages()
{
    while (m_pages.size() > maxCachedPages) {
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        }
        m_pages.erase(oldest);
    }
}

void KvTableModel::updateLoading()
{
    const bool loading = m_catalog && !m_ns.isEmpty() &&
                         (m_total < 0 || !m_inFlight.isEmpty() || !m_pending.isEmpty());
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

QFuture<QStringList> KvTableModel::keysForRows(const QList<int>& rows)
{
    QList<int> sorted = rows;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    QList<int> missing;
    QHash<int, QString> known;
    for (int row : std::as_const(sorted)) {
        const auto it = m_pages.constFind(row / pageSize);
        if (it != m_pages.cend() && !it->stale && row % pageSize < it->rows.size())
            known.insert(row, it->rows.at(row % pageSize).entry.key);
        else
            missing << row;
    }
    auto promise = std::make_shared<QPromise<QStringList>>();
    QFuture<QStringList> future = promise->future();
    promise->start();
    auto finish = [promise, sorted](const QHash<int, QString>& keys) {
        QStringList result;
        for (int row : sorted)
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
    for (int row : std::as_const(missing)) {
        if (!chunks->isEmpty() && row < chunks->last().offset + keysChunk) {
            chunks->last().limit = row - chunks->last().offset + 1;
            continue;
        }
        chunks->append({row, 1});
    }
    auto keys = std::make_shared<QHash<int, QString>>(known);
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
        q.knownTotal = m_total;
        whenFinished(
            m_catalog->list(q), this,
            [chunk, keys, next, missing](const kv::KvPage& page) {
                for (int i = 0; i < page.entries.size(); ++i) {
                    const int row = int(chunk.offset) + i;
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
