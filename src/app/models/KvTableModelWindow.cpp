// KvTableModel: the row window. The model reports at most m_windowSize rows of the result, from
// m_offset on; placeWindow() is the one place that changes them. It slides the window by removing
// the rows that leave and inserting those that come, at the window's ends, so Qt moves the
// persistent indexes (current row, selection) with their result rows and drops those whose row
// left; the view's QHeaderView keeps one section per reported row, so it stays at the window's
// size however many rows the result has.
#include "KvTableModel.h"

void KvTableModel::setWindowSize(int rows)
{
    m_windowSize = qMax(1, rows);
    placeWindow(m_offset);
}

int KvTableModel::windowRow(qint64 resultRow) const
{
    const qint64 row = resultRow - m_offset;
    return row >= 0 && row < m_windowRows ? int(row) : -1;
}

void KvTableModel::moveWindow(qint64 firstResultRow)
{
    placeWindow(firstResultRow);
}

void KvTableModel::placeWindow(qint64 first)
{
    const qint64 rows = resultRowCount();
    const int size = int(qMin<qint64>(rows, m_windowSize));
    first = qBound<qint64>(0, first, rows - size);
    const qint64 end = first + size;
    const qint64 oldOffset = m_offset;
    const int oldRows = m_windowRows;
    if (first >= m_offset + m_windowRows || end <= m_offset) {
        // Nothing in common (or one side empty): every row goes, the new ones come.
        if (m_windowRows > 0) {
            beginRemoveRows(QModelIndex(), 0, m_windowRows - 1);
            m_windowRows = 0;
            endRemoveRows();
        }
        m_offset = first;
        if (size > 0) {
            beginInsertRows(QModelIndex(), 0, size - 1);
            m_windowRows = size;
            endInsertRows();
        }
    } else {
        if (first > m_offset) { // rows leave at the top
            const int n = int(first - m_offset);
            beginRemoveRows(QModelIndex(), 0, n - 1);
            m_offset = first;
            m_windowRows -= n;
            endRemoveRows();
        }
        if (end < m_offset + m_windowRows) { // rows leave at the bottom
            const int n = int(m_offset + m_windowRows - end);
            beginRemoveRows(QModelIndex(), m_windowRows - n, m_windowRows - 1);
            m_windowRows -= n;
            endRemoveRows();
        }
        if (first < m_offset) { // rows come at the top
            const int n = int(m_offset - first);
            beginInsertRows(QModelIndex(), 0, n - 1);
            m_offset = first;
            m_windowRows += n;
            endInsertRows();
        }
        if (end > m_offset + m_windowRows) { // rows come at the bottom
            const int n = int(end - m_offset - m_windowRows);
            beginInsertRows(QModelIndex(), m_windowRows, m_windowRows + n - 1);
            m_windowRows += n;
            endInsertRows();
        }
    }
    if (m_offset != oldOffset || m_windowRows != oldRows)
        emit windowChanged();
}

void KvTableModel::emitRowsChanged(qint64 firstResultRow, qint64 lastResultRow,
                                   const QList<int>& roles)
{
    const qint64 first = qMax<qint64>(firstResultRow, m_offset);
    const qint64 last = qMin<qint64>(lastResultRow, m_offset + m_windowRows - 1);
    if (last >= first)
        emit dataChanged(index(int(first - m_offset), 0),
                         index(int(last - m_offset), ColumnCount - 1), roles);
}
