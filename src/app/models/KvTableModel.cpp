// KvTableModel: columns, roles and the query state. Paging and the cache: KvTableModelPages.cpp;
// the row window: KvTableModelWindow.cpp; the keys of selected rows: KvTableModelKeys.cpp.
#include "KvTableModel.h"

#include "Catalog.h"
#include "DisplayFormat.h"
#include "domain/Clock.h"

#include <algorithm>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QTimer>

namespace {

constexpr int tickMs = 1000;

kv::SortColumn sortColumnOf(int column)
{
    switch (column) {
    case KvTableModel::TypeColumn:
        return kv::SortColumn::Type;
    case KvTableModel::DescriptionColumn:
        return kv::SortColumn::Description;
    case KvTableModel::CreatedColumn:
        return kv::SortColumn::Created;
    case KvTableModel::UpdatedColumn:
        return kv::SortColumn::Updated;
    case KvTableModel::ExpiresColumn:
    case KvTableModel::TtlLeftColumn:
        return kv::SortColumn::Expires;
    case KvTableModel::SizeColumn:
        return kv::SortColumn::Size;
    case KvTableModel::RevisionColumn:
        return kv::SortColumn::Revision;
    default:
        return kv::SortColumn::Key;
    }
}

QString firstLine(const QString& text)
{
    const qsizetype end = text.indexOf(QLatin1Char('\n'));
    return end < 0 ? text : text.left(end) + QStringLiteral(" …");
}

} // namespace

KvTableModel::KvTableModel(std::shared_ptr<const kv::Clock> clock, QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock(std::move(clock))
    , m_fetchTimer(new QTimer(this))
    , m_ticker(new QTimer(this))
    , m_heldCountTimer(new QTimer(this))
{
    m_heldCountTimer->setSingleShot(true);
    connect(m_heldCountTimer, &QTimer::timeout, this, &KvTableModel::applyHeldCount);
    m_fetchTimer->setSingleShot(true);
    m_fetchTimer->setInterval(0);
    connect(m_fetchTimer, &QTimer::timeout, this, &KvTableModel::fetchPending);
    m_ticker->setInterval(tickMs);
    connect(m_ticker, &QTimer::timeout, this, &KvTableModel::tick);
}

KvTableModel::~KvTableModel() = default;

void KvTableModel::setCatalog(kv::Catalog* catalog)
{
    m_catalog = catalog;
    restart();
}

void KvTableModel::setNamespace(const QString& ns)
{
    m_ns = ns;
    restart();
}

void KvTableModel::setKeyFilter(const QString& text, FilterMode mode)
{
    if (text == m_filter && mode == m_filterMode)
        return;
    m_filter = text;
    m_filterMode = mode;
    restart();
}

void KvTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount || !isSortable(column))
        return;
    if (column == m_sortColumn && order == m_order)
        return;
    m_sortColumn = column;
    m_order = order;
    restart();
}

kv::ListQuery KvTableModel::baseQuery() const
{
    kv::ListQuery q;
    q.ns = m_ns;
    if (m_filterMode == FilterMode::Prefix)
        q.prefix = m_filter;
    else
        q.contains = m_filter;
    q.sort = sortColumnOf(m_sortColumn);
    q.descending = m_order == Qt::DescendingOrder;
    return q;
}

int KvTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_windowRows;
}

int KvTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KvTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == ValueColumn)
        return tr("The value's first characters (not sortable: values are not in the registry)");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case TypeColumn:
        return tr("Type");
    case ValueColumn:
        return tr("Value");
    case DescriptionColumn:
        return tr("Description");
    case CreatedColumn:
        return tr("Created");
    case UpdatedColumn:
        return tr("Updated");
    case ExpiresColumn:
        return tr("Expires");
    case TtlLeftColumn:
        return tr("TTL left");
    case SizeColumn:
        return tr("Size");
    case RevisionColumn:
        return tr("Revision");
    }
    return {};
}

QVariant KvTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row* row = rowAt(resultRow(index.row()));
    if (role == LoadedRole)
        return row != nullptr;
    if (!row) {
        if (role == Qt::DisplayRole && index.column() == KeyColumn)
            return QStringLiteral("…");
        if (role == KeyRole)
            return QString();
        return {};
    }
    const kv::KvEntry& e = row->entry;
    const qint64 now = m_clock->nowMs();
    switch (role) {
    case KeyRole:
        return e.key;
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return e.key;
        case TypeColumn:
            return kv::valueTypeName(e.type);
        case ValueColumn:
            return row->preview;
        case DescriptionColumn:
            return firstLine(e.description);
        case CreatedColumn:
            return DisplayFormat::dateTime(e.createdAtMs);
        case UpdatedColumn:
            return DisplayFormat::dateTime(e.updatedAtMs);
        case ExpiresColumn:
            return DisplayFormat::expiry(e.expiresAtMs);
        case TtlLeftColumn:
            return DisplayFormat::timeLeft(e.expiresAtMs, now);
        case SizeColumn:
            return DisplayFormat::size(e.size);
        case RevisionColumn:
            return QLocale().toString(e.revision);
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case KeyColumn:
            return e.key;
        case TypeColumn:
            return kv::valueTypeName(e.type);
        case ValueColumn:
            return row->preview;
        case DescriptionColumn:
            return e.description;
        case CreatedColumn:
            return e.createdAtMs;
        case UpdatedColumn:
            return e.updatedAtMs;
        case ExpiresColumn:
        case TtlLeftColumn:
            return e.expiresAtMs.value_or(std::numeric_limits<qint64>::max());
        case SizeColumn:
            return e.size;
        case RevisionColumn:
            return e.revision;
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ValueColumn:
            return row->preview.size() < previewLength ? row->preview
                                                       : row->preview + QStringLiteral("\n") +
                                                             tr("(open the pair to see all of it)");
        case DescriptionColumn:
            return e.description;
        case ExpiresColumn:
        case TtlLeftColumn:
            return e.expiresAtMs ? tr("Expires %1 (in %2)")
                                       .arg(DisplayFormat::dateTime(*e.expiresAtMs),
                                            DisplayFormat::timeLeft(e.expiresAtMs, now))
                                 : tr("Never expires");
        case SizeColumn:
            return tr("%n byte(s) as stored", nullptr, int(qMin<qint64>(e.size, INT_MAX)));
        default:
            return e.key;
        }
    case Qt::ForegroundRole:
        if (e.isExpiredAt(now))
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == RevisionColumn ||
            index.column() == TtlLeftColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

std::optional<kv::KvEntry> KvTableModel::entryAt(int row) const
{
    const Row* r = row >= 0 && row < m_windowRows ? rowAt(resultRow(row)) : nullptr;
    return r ? std::optional<kv::KvEntry>(r->entry) : std::nullopt;
}

QString KvTableModel::keyAt(int row) const
{
    const Row* r = row >= 0 && row < m_windowRows ? rowAt(resultRow(row)) : nullptr;
    return r ? r->entry.key : QString();
}

void KvTableModel::tick()
{
    // The countdown: only the TTL-left column changes (and the colour of rows that expired).
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        const bool expires = std::any_of(it->rows.cbegin(), it->rows.cend(),
                                         [](const Row& r) { return r.entry.expiresAtMs; });
        if (!expires)
            continue;
        const qint64 first = qint64(it.key()) * pageSize;
        emitRowsChanged(first, first + it->rows.size() - 1,
                        {Qt::DisplayRole, Qt::ForegroundRole, Qt::ToolTipRole});
    }
}
