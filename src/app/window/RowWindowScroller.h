#pragma once

#include <QAbstractItemView>
#include <QObject>

class KvTableModel;
class QScrollBar;
class QTableView;

// The vertical scroll bar of a QTableView over a KvTableModel whose rows are a window of the
// result (KvTableModel::moveWindow): `bar` covers the whole result, and the view's own scroll
// bar (hidden, still the view's position) covers the window. The two are kept in step both ways:
// moving `bar` outside the window moves the window around the row asked for; the view scrolling
// near the window's edge (wheel, keys, scrollTo) slides the window so that the rows around the
// top stay where they are; Ctrl+Home / Ctrl+End go to the real first / last row. Rows are
// scrolled per item: `bar`'s value is the result row at the top.
//
// The current row is kept by its result row: when a move takes it out of the window the view has
// no current index (Qt would make a neighbour current, another pair), and it comes back when a
// move brings its row back, or when a navigation key is pressed (the window goes to it first,
// as the view would scroll to it). Selected rows that leave the window are deselected.
class RowWindowScroller : public QObject
{
    Q_OBJECT
public:
    RowWindowScroller(QTableView* view, KvTableModel* model, QScrollBar* bar, QObject* parent);

    QScrollBar* scrollBar() const { return m_bar; }
    // The result row at the top of the viewport.
    qint64 topResultRow() const;
    // Scrolls to a result row, moving the window first when the row is outside it or near its
    // edge. Returns the row's model row.
    int scrollToResultRow(qint64 resultRow,
                          QAbstractItemView::ScrollHint hint = QAbstractItemView::EnsureVisible);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void syncBar();
    void barMoved(int value);
    void queueEdgeCheck();
    void checkEdges();
    // Moves the window so that `anchor` (a result row) is in its middle; the top row stays on
    // screen when it is still in the window.
    void centerWindowOn(qint64 anchor);
    void moveWindow(qint64 first); // every move of this class: parks and restores the current
    void restoreCurrent();
    void currentChanged(const QModelIndex& current);
    bool goToEnd(bool last); // Ctrl+End / Ctrl+Home
    void setViewTop(qint64 topResultRow);
    bool nearEdge(int row) const; // a model row within `margin` of a window edge that can move
    int margin() const;
    int pageRows() const;

    QTableView* m_view;
    KvTableModel* m_model;
    QScrollBar* m_bar;
    bool m_syncing = false;
    bool m_edgeCheckQueued = false;
    bool m_moving = false;    // inside moveWindow(): changes of the current index are ours
    qint64 m_currentRow = -1; // the current index's result row, -1 when there is none
    int m_currentColumn = 0;
};
