// RowWindowScroller: a scroll bar over the whole result for a table that shows a window of it.
// Window moves go through KvTableModel::moveWindow (rows removed and inserted at the window's
// ends, so the current row and the selection follow their rows); this file only decides when
// and where to, and keeps the two scroll bars in step.
#include "RowWindowScroller.h"

#include "KvTableModel.h"

#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

RowWindowScroller::RowWindowScroller(QTableView* view, KvTableModel* model, QScrollBar* bar,
                                     QObject* parent)
    : QObject(parent)
    , m_view(view)
    , m_model(model)
    , m_bar(bar)
{
    // The view's own bar stays its position within the window; `bar` is the one the user sees.
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_bar->setOrientation(Qt::Vertical);
    m_bar->hide();
    QScrollBar* own = m_view->verticalScrollBar();
    connect(own, &QScrollBar::valueChanged, this, &RowWindowScroller::syncBar);
    connect(own, &QScrollBar::rangeChanged, this, &RowWindowScroller::syncBar);
    connect(m_model, &KvTableModel::windowChanged, this, &RowWindowScroller::syncBar);
    connect(m_model, &KvTableModel::countChanged, this, &RowWindowScroller::syncBar);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RowWindowScroller::syncBar);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_currentRow = -1; });
    connect(m_bar, &QScrollBar::valueChanged, this, &RowWindowScroller::barMoved);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RowWindowScroller::currentChanged);
    m_view->installEventFilter(this);
}

qint64 RowWindowScroller::topResultRow() const
{
    return m_model->resultRow(m_view->verticalScrollBar()->value());
}

int RowWindowScroller::pageRows() const
{
    return qMax(1, m_view->verticalScrollBar()->pageStep());
}

int RowWindowScroller::margin() const
{
    // A quarter of the window: far more than a page, so keys and the wheel never reach the
    // edge before the window slides, and a centred window is not near either edge.
    return m_model->windowSize() / 4;
}

bool RowWindowScroller::nearEdge(int row) const
{
    const bool roomAbove = m_model->windowOffset() > 0;
    const bool roomBelow =
        m_model->windowOffset() + m_model->rowCount() < m_model->resultRowCount();
    return (roomAbove && row < margin()) || (roomBelow && row >= m_model->rowCount() - margin());
}

void RowWindowScroller::syncBar()
{
    const QScrollBar* own = m_view->verticalScrollBar();
    // In rows, not from the view's range: that one follows new rows at the next layout only.
    const qint64 last = qMax<qint64>(0, m_model->resultRowCount() - own->pageStep());
    m_syncing = true;
    m_bar->setRange(0, int(qMin<qint64>(last, INT_MAX)));
    m_bar->setPageStep(own->pageStep());
    m_bar->setSingleStep(own->singleStep());
    m_bar->setValue(int(qMin<qint64>(topResultRow(), INT_MAX)));
    m_syncing = false;
    m_bar->setVisible(m_bar->maximum() > 0); // as Qt::ScrollBarAsNeeded
    queueEdgeCheck();
}

void RowWindowScroller::barMoved(int value)
{
    if (m_syncing)
        return;
    setViewTop(value);
}

void RowWindowScroller::queueEdgeCheck()
{
    // Not while the view is scrolling (this runs inside its scroll bar's signal): after it.
    if (m_edgeCheckQueued || m_model->rowCount() >= m_model->resultRowCount())
        return;
    m_edgeCheckQueued = true;
    QTimer::singleShot(0, this, &RowWindowScroller::checkEdges);
}

void RowWindowScroller::checkEdges()
{
    m_edgeCheckQueued = false;
    const int top = m_view->verticalScrollBar()->value();
    if (nearEdge(top) || nearEdge(top + pageRows() - 1))
        centerWindowOn(topResultRow() + pageRows() / 2);
}

void RowWindowScroller::currentChanged(const QModelIndex& current)
{
    if (m_moving)
        return; // Qt moving it off rows that left the window: restoreCurrent() decides
    m_currentRow = current.isValid() ? m_model->resultRow(current.row()) : -1;
    m_currentColumn = current.isValid() ? current.column() : 0;
}

void RowWindowScroller::moveWindow(qint64 first)
{
    m_moving = true;
    m_model->moveWindow(first);
    // The scroll range and the header follow the new rows now, not at the next layout.
    m_view->doItemsLayout();
    m_moving = false;
    restoreCurrent();
}

void RowWindowScroller::restoreCurrent()
{
    if (m_currentRow < 0)
        return;
    const int row = m_model->windowRow(m_currentRow);
    const QModelIndex wanted = row >= 0 ? m_model->index(row, m_currentColumn) : QModelIndex();
    if (m_view->currentIndex() == wanted)
        return;
    m_moving = true;
    m_view->selectionModel()->setCurrentIndex(wanted, QItemSelectionModel::NoUpdate);
    m_moving = false;
}

void RowWindowScroller::centerWindowOn(qint64 anchor)
{
    const qint64 top = topResultRow();
    moveWindow(anchor - m_model->windowSize() / 2);
    const int row = m_model->windowRow(top);
    if (row >= 0)
        m_view->verticalScrollBar()->setValue(row);
    syncBar();
}

void RowWindowScroller::setViewTop(qint64 top)
{
    top = qBound<qint64>(0, top, qMax<qint64>(0, m_model->resultRowCount() - pageRows()));
    int row = m_model->windowRow(top);
    if (row < 0 || nearEdge(row)) {
        centerWindowOn(top + pageRows() / 2);
        row = m_model->windowRow(top);
    }
    QScrollBar* own = m_view->verticalScrollBar();
    if (row > own->maximum())
        m_view->doItemsLayout(); // rows came since the last layout: its range is short
    own->setValue(row);
    syncBar();
}

int RowWindowScroller::scrollToResultRow(qint64 resultRow, QAbstractItemView::ScrollHint hint)
{
    const int page = pageRows();
    qint64 top = topResultRow();
    switch (hint) {
    case QAbstractItemView::PositionAtTop:
        top = resultRow;
        break;
    case QAbstractItemView::PositionAtBottom:
        top = resultRow - page + 1;
        break;
    case QAbstractItemView::PositionAtCenter:
        top = resultRow - page / 2;
        break;
    case QAbstractItemView::EnsureVisible:
        if (resultRow < top)
            top = resultRow;
        else if (resultRow >= top + page)
            top = resultRow - page + 1;
        break;
    }
    setViewTop(top);
    return m_model->windowRow(resultRow);
}

bool RowWindowScroller::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_view || event->type() != QEvent::KeyPress ||
        m_model->rowCount() >= m_model->resultRowCount())
        return false;
    // Before the view handles the key: its moves stay within the window, so the window goes
    // where the key leads first.
    const auto* key = static_cast<QKeyEvent*>(event);
    if (key->matches(QKeySequence::MoveToStartOfDocument))
        return goToEnd(false);
    if (key->matches(QKeySequence::MoveToEndOfDocument))
        return goToEnd(true);
    switch (key->key()) {
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
    case Qt::Key_Home:
    case Qt::Key_End:
    case Qt::Key_Left:
    case Qt::Key_Right:
        break;
    default:
        return false;
    }
    QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        // The current row is outside the window (the view would start from the window's first
        // row): the window goes to it, or to the start when there is none, as without a window.
        if (m_currentRow >= 0)
            centerWindowOn(m_currentRow);
        else
            moveWindow(0);
        current = m_view->currentIndex();
    }
    if (current.isValid() && nearEdge(current.row()))
        centerWindowOn(m_model->resultRow(current.row()));
    return false;
}

bool RowWindowScroller::goToEnd(bool last)
{
    // Done here rather than by the view: it would go to the window's end, and from no current
    // index (the current row outside the window) to its first row.
    moveWindow(last ? m_model->resultRowCount() : 0);
    if (m_model->rowCount() == 0)
        return true;
    const QModelIndex target =
        m_model->index(last ? m_model->rowCount() - 1 : 0, qMax(0, m_currentColumn));
    m_view->setCurrentIndex(target); // selects its row, as the key does in the view
    m_view->scrollTo(target);
    return true;
}
