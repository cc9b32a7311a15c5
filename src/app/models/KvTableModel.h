#pragma once

#include "domain/CatalogError.h"
#include "domain/CatalogTypes.h"

#include <memory>
#include <QAbstractTableModel>
#include <QFuture>
#include <QHash>
#include <QSet>

class QTimer;
namespace kv {
class Catalog;
class Clock;
} // namespace kv

// The pairs of one namespace, paged. The first page and the count are asked for separately: the
// first rows show as soon as their page arrives, and the count (which may scan, for a filter)
// never delays them; when it arrives the row count and the scroll range adjust. A count that
// comes first waits until the first rows have been looked at (painted): giving a view many rows
// costs it time in proportion (QHeaderView keeps every row), which must not come before the
// first paint. Rows load a page at a time as the view asks for them; a bounded cache of pages
// keeps memory flat on a namespace of millions of keys. Sorting and the key filter are pushed
// down to the catalog query: nothing is sorted or filtered here. Every answer carries the
// generation of the query it belongs to, and answers for an older namespace, filter, sort or
// catalog are dropped, so the table never mixes two queries.
//
// The row window: the model reports at most windowSize() rows, the result rows [windowOffset(),
// windowOffset() + rowCount()), because QHeaderView keeps 8 bytes for every row a model reports
// (76 MiB at 10,000,000 rows) even when hidden. moveWindow() slides it by removing and inserting
// rows at its ends, so persistent indexes (current row, selection) follow their result rows and
// are dropped when theirs leaves the window. Every row argument of this class is a model row (a
// row of the window) except where a name says "result row"; resultRow() is the one mapping.
// RowWindowScroller (window/) gives the view a scroll bar over the whole result.
class KvTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        KeyColumn,
        TypeColumn,
        ValueColumn,
        DescriptionColumn,
        CreatedColumn,
        UpdatedColumn,
        ExpiresColumn,
        TtlLeftColumn,
        SizeColumn,
        RevisionColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // raw value: key text, ms since the epoch, bytes, ...
        KeyRole,                     // QString key ("" while the row is not loaded)
        LoadedRole,                  // bool: the row's data has arrived
    };
    enum class FilterMode { Prefix, Contains };

    static constexpr int pageSize = 200;
    static constexpr int maxCachedPages = 40;
    static constexpr int previewLength = 200; // characters of a value kept for the Value column
    static constexpr int defaultWindowSize = 200'000; // rows reported to views (1.6 MB of header)

    KvTableModel(std::shared_ptr<const kv::Clock> clock, QObject* parent = nullptr);
    ~KvTableModel() override;

    void setCatalog(kv::Catalog* catalog); // not owned; nullptr empties the model
    void setNamespace(const QString& ns);  // "" empties the model
    QString currentNamespace() const { return m_ns; }
    void setKeyFilter(const QString& text, FilterMode mode);
    // Every column but Value sorts (TTL left sorts like Expires); sorting by Value is ignored.
    static bool isSortable(int column) { return column != ValueColumn; }
    void sort(int column, Qt::SortOrder order) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_order; }
    // Counts again and reloads the cached pages; the view keeps its position.
    void refresh();

    qint64 totalCount() const { return m_total; } // -1 while counting (rows may show already)
    // The rows of the whole result known so far: the count, or the first page's rows before it.
    qint64 resultRowCount() const { return m_total >= 0 ? m_total : m_rowsBeforeCount; }

    // The row window (see the class comment). setWindowSize is for tests (any size >= 1).
    int windowSize() const { return m_windowSize; }
    void setWindowSize(int rows);
    qint64 windowOffset() const { return m_offset; }
    qint64 resultRow(int row) const { return m_offset + row; }
    // The model row of a result row; -1 when it is outside the window.
    int windowRow(qint64 resultRow) const;
    // Slides the window to start at `firstResultRow` (clamped so it stays within the result).
    void moveWindow(qint64 firstResultRow);
    bool isLoading() const { return m_loading; }
    int cachedPageCount() const { return int(m_pages.size()); }
    // The rows whose data the model holds: at most maxCachedPages * pageSize, however many rows
    // the namespace has (nothing is kept per row that is not loaded).
    int loadedRowCount() const;
    // The row's metadata (its value is not kept: read it with Catalog::get). nullopt when the
    // row is not loaded.
    std::optional<kv::KvEntry> entryAt(int row) const;
    QString keyAt(int row) const; // "" when not loaded
    // The keys of these rows: from the cache, loading what is missing (in large chunks).
    QFuture<QStringList> keysForRows(const QList<int>& rows);
    QFuture<QStringList> keysForResultRows(const QList<qint64>& resultRows);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void countChanged(qint64 total);
    void loadingChanged(bool loading);
    // A catalog call failed (once per query: a page and the count failing alike say it once).
    // Typed: the widget that shows it turns it into words with ErrorText::describe().
    void failed(const kv::CatalogError& error);
    // The window moved or changed size (after the rows were removed and inserted).
    void windowChanged();

private:
    struct Row
    {
        kv::KvEntry entry; // without its value
        QString preview;   // the value's first characters, on one line
    };
    struct Page
    {
        QList<Row> rows;
        quint64 lastUse = 0;
        bool stale = false; // shown until its reload arrives (after refresh())
    };

    kv::ListQuery baseQuery() const;
    void restart();
    void requestCount();
    void firstPageArrived(const kv::KvPage& page);
    void countArrived(qint64 total);
    void applyHeldCount();
    void reportFailure(const kv::CatalogError& error);
    const Row* rowAt(qint64 resultRow) const; // marks the page used; loads it when missing
    void requestPage(int page) const;
    void fetchPending();
    void storePage(int page, const kv::KvPage& result);
    void evictPages();
    void setTotal(qint64 total);
    void placeWindow(qint64 first); // the one place the window's rows change
    void emitRowsChanged(qint64 firstResultRow, qint64 lastResultRow, const QList<int>& roles = {});
    void updateLoading();
    void tick();

    std::shared_ptr<const kv::Clock> m_clock;
    kv::Catalog* m_catalog = nullptr;
    QString m_ns;
    QString m_filter;
    FilterMode m_filterMode = FilterMode::Prefix;
    int m_sortColumn = KeyColumn;
    Qt::SortOrder m_order = Qt::AscendingOrder;
    qint64 m_total = -1;
    int m_rowsBeforeCount = 0; // rows of the first page, shown while the count is not in
    int m_windowSize = defaultWindowSize;
    qint64 m_offset = 0;               // the window's first result row
    int m_windowRows = 0;              // rowCount(): the rows of the window
    bool m_failureReported = false;    // once per generation
    std::optional<qint64> m_heldTotal; // a count that came before the first rows were looked at
    mutable bool m_awaitingFirstLook = false; // first page rows shown, not looked at yet
    bool m_loading = false;
    quint64 m_generation = 0;
    bool m_recountAsked = false; // a page came back short: count again, once per generation
    // Cache and requests. Mutable: data() is const but loads what the view looks at.
    mutable QHash<int, Page> m_pages;
    mutable QSet<int> m_pending;  // pages to ask for on the next fetchPending()
    mutable QSet<int> m_inFlight; // pages asked for, answer not in yet
    mutable quint64 m_useCounter = 0;
    QTimer* m_fetchTimer = nullptr;
    QTimer* m_ticker = nullptr; // the TTL-left countdown
    // Applies a held count: at once after the first rows were looked at, or after a short wait
    // when nobody looks at them (no view, a hidden tab).
    QTimer* m_heldCountTimer = nullptr;
};
