// KvTableModel: the first page and the count, paging and the page cache. The keys of selected
// rows: KvTableModelKeys.cpp.
//
// A page is `pageSize` rows at offset page * pageSize of the current query. data() of a row whose
// page is not cached schedules that page (coalesced by a zero-timer, so one scroll asks once per
// page) and shows a placeholder until it arrives. The cache keeps the `maxCachedPages` pages used
// last. Pages in the second half are read backwards from the end by the catalog (knownTotal),
// so the last page costs what the first does.
#include "Catalog.h"
#include "FutureWatch.h"
#include "KvTableModel.h"

#include <QTimer>
#include <utility>

namespace {

// How long a count that came before the first rows waits for them to be looked at: a few frames.
constexpr int heldCountMaxWaitMs = 50;

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
    m_failureReported = false;
    m_heldTotal.reset();
    m_awaitingFirstLook = false;
    m_heldCountTimer->stop();
    m_pending.clear();
    m_inFlight.clear();
    m_fetchTimer->stop();
    beginResetModel();
    m_pages.clear();
    m_total = -1;
    m_rowsBeforeCount = 0;
    m_offset = 0;
    m_windowRows = 0;
    endResetModel();
    emit countChanged(-1);
    if (!m_catalog || m_ns.isEmpty()) {
        m_ticker->stop();
        updateLoading();
        return;
    }
    m_ticker->start();
    // The first page and the count are two calls: the rows show when their page is in, however
    // long the count takes (a filter's count scans).
    kv::ListQuery q = baseQuery();
    q.limit = pageSize;
    q.withValues = true;
    const quint64 generation = m_generation;
    m_inFlight.insert(0); // on its way: a count that comes meanwhile is held, data() waits
    whenFinished(
        m_catalog->list(q), this,
        [this, generation](const kv::KvPage& page) {
            if (generation != m_generation)
                return;
            m_inFlight.remove(0);
            firstPageArrived(page);
            updateLoading();
        },
        [this, generation](const kv::CatalogError& error) {
            if (generation != m_generation)
                return;
            m_inFlight.remove(0);
            if (m_total < 0) {
                // Nothing to show: the query failed; its count (held or coming) is dropped.
                ++m_generation;
                m_heldTotal.reset();
                setTotal(0);
            }
            updateLoading();
            reportFailure(error);
        });
    requestCount();
    updateLoading();
}

void KvTableModel::requestCount()
{
    kv::ListQuery q = baseQuery();
    q.limit = 0;
    q.withTotal = true;
    const quint64 generation = m_generation;
    whenFinished(
        m_catalog->list(q), this,
        [this, generation](const kv::KvPage& page) {
            if (generation != m_generation)
                return;
            if (m_total < 0 && (m_inFlight.contains(0) || m_awaitingFirstLook)) {
                // The first rows are not on screen yet: the count follows them (applyHeldCount).
                m_heldTotal = page.total;
                return;
            }
            countArrived(page.total);
            updateLoading();
        },
        [this, generation](const kv::CatalogError& error) {
            if (generation != m_generation)
                return;
            // Keep the rows that are shown (none when the first page is not in: that answer is
            // dropped) and stop counting; F5 counts again.
            ++m_generation;
            m_pending.clear();
            m_inFlight.clear();
            setTotal(resultRowCount());
            updateLoading();
            reportFailure(error);
        });
}

void KvTableModel::firstPageArrived(const kv::KvPage& page)
{
    storePage(0, page);
    if (m_total < 0) {
        // Shown before the count: as many rows as the page holds, for now.
        const int rows = int(page.entries.size());
        if (rows > 0) {
            m_rowsBeforeCount = rows;
            placeWindow(0);
            m_awaitingFirstLook = true; // rowAt() notices the first look
            m_heldCountTimer->start(heldCountMaxWaitMs);
        } else {
            applyHeldCount();
        }
        return;
    }
    emitRowsChanged(0, pageSize - 1);
}

void KvTableModel::countArrived(qint64 total)
{
    setTotal(total);
    // The count and the pages are separate snapshots: a cached page shorter than the count now
    // promises (the first page, shown before the count) is read again, so the rows it misses
    // load instead of staying placeholders.
    QList<int> reload;
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        if (it->rows.size() < qMin<qint64>(pageSize, m_total - qint64(it.key()) * pageSize))
            reload << it.key();
    }
    for (int page : std::as_const(reload))
        requestPage(page);
}

void KvTableModel::applyHeldCount()
{
    m_awaitingFirstLook = false;
    m_heldCountTimer->stop();
    if (!m_heldTotal)
        return; // not in yet: applied when it comes
    countArrived(*std::exchange(m_heldTotal, std::nullopt));
    updateLoading();
}

void KvTableModel::reportFailure(const kv::CatalogError& error)
{
    if (m_failureReported)
        return; // the first page and the count of one query failing say it once
    m_failureReported = true;
    emit failed(error);
}

void KvTableModel::refresh()
{
    if (!m_catalog || m_ns.isEmpty())
        return;
    if (m_total < 0) {
        restart();
        return;
    }
    // The cached pages stay on screen until their new answers come, so this waits for the
    // count: pages in the second half are read backwards from the end of the new total.
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
            emit failed(error);
        });
}

void KvTableModel::setTotal(qint64 total)
{
    const qint64 oldTotal = m_total;
    // From the rows shown so far (none, or the first page while counting) to the count: the
    // window keeps its place, or moves up when the result ends before it.
    m_total = total;
    m_rowsBeforeCount = 0;
    placeWindow(m_offset);
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

const KvTableModel::Row* KvTableModel::rowAt(qint64 row) const
{
    if (row < 0 || row >= resultRowCount())
        return nullptr;
    const int pageNo = int(row / pageSize);
    auto it = m_pages.find(pageNo);
    if (it == m_pages.end()) {
        requestPage(pageNo);
        return nullptr;
    }
    it->lastUse = ++m_useCounter;
    if (m_awaitingFirstLook) {
        // The view is painting the first rows: the held count follows right after.
        m_awaitingFirstLook = false;
        m_heldCountTimer->start(0);
    }
    const int offset = int(row % pageSize);
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
    if (!m_catalog || m_ns.isEmpty())
        return;
    const quint64 generation = m_generation;
    const QSet<int> pending = std::exchange(m_pending, {});
    for (int page : pending) {
        if (qint64(page) * pageSize >= resultRowCount())
            continue;
        kv::ListQuery q = baseQuery();
        q.offset = qint64(page) * pageSize;
        q.limit = pageSize;
        if (m_total >= 0)
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
                emitRowsChanged(qint64(page) * pageSize, qint64(page + 1) * pageSize - 1);
                updateLoading();
            },
            [this, generation, page](const kv::CatalogError& error) {
                if (generation != m_generation)
                    return;
                m_inFlight.remove(page);
                updateLoading();
                emit failed(error);
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

int KvTableModel::loadedRowCount() const
{
    int rows = 0;
    for (const Page& page : m_pages)
        rows += int(page.rows.size());
    return rows;
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
