#include "RevisionListModel.h"

#include "DisplayFormat.h"

#include <QFont>
#include <QLocale>

RevisionListModel::RevisionListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void RevisionListModel::setRevisions(const QList<kv::KvRevision>& revisions)
{
    beginResetModel();
    m_revisions = revisions;
    endResetModel();
}

int RevisionListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_revisions.size());
}

int RevisionListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RevisionListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const kv::KvRevision& r = m_revisions.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case RevisionColumn:
            return r.isCurrent ? tr("%1 (current)").arg(r.revision) : QString::number(r.revision);
        case TypeColumn:
            return kv::valueTypeName(r.type);
        case SizeColumn:
            return DisplayFormat::size(r.size);
        case WrittenColumn:
            return DisplayFormat::dateTime(r.writtenAtMs);
        case ExpiresColumn:
            return DisplayFormat::expiry(r.expiresAtMs);
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case RevisionColumn:
            return r.revision;
        case TypeColumn:
            return kv::valueTypeName(r.type);
        case SizeColumn:
            return r.size;
        case WrittenColumn:
            return r.writtenAtMs;
        case ExpiresColumn:
            return r.expiresAtMs.value_or(std::numeric_limits<qint64>::max());
        }
        return {};
    case Qt::FontRole:
        if (r.isCurrent) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        return r.description.isEmpty() ? QVariant() : QVariant(r.description);
    case RevisionRole:
        return r.revision;
    case IsCurrentRole:
        return r.isCurrent;
    default:
        return {};
    }
}

QVariant RevisionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RevisionColumn:
        return tr("Revision");
    case TypeColumn:
        return tr("Type");
    case SizeColumn:
        return tr("Size");
    case WrittenColumn:
        return tr("Written");
    case ExpiresColumn:
        return tr("Expires");
    }
    return {};
}
