#include "NamespaceTreeModel.h"

#include "Catalog.h"
#include "domain/Rules.h"
#include "FutureWatch.h"
#include "Icons.h"

#include <algorithm>
#include <QLocale>

NamespaceTreeModel::NamespaceTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

NamespaceTreeModel::~NamespaceTreeModel() = default;

int NamespaceTreeModel::Node::row() const
{
    if (!parent)
        return 0;
    const auto& siblings = parent->children;
    const auto it =
        std::find_if(siblings.begin(), siblings.end(),
                     [this](const std::unique_ptr<Node>& n) { return n.get() == this; });
    return int(it - siblings.begin());
}

void NamespaceTreeModel::setCatalog(kv::Catalog* catalog)
{
    ++m_generation;
    beginResetModel();
    m_catalog = catalog;
    m_root = std::make_unique<Node>();
    endResetModel();
    m_loading = false;
    if (m_catalog)
        reload();
}

void NamespaceTreeModel::reload()
{
    if (!m_catalog)
        return;
    const quint64 generation = ++m_generation;
    m_loading = true;
    whenFinished(
        m_catalog->listNamespaces(), this,
        [this, generation](const QList<kv::NamespaceInfo>& namespaces) {
            if (generation != m_generation)
                return;
            m_loading = false;
            apply(namespaces);
            emit loaded();
        },
        [this, generation](const kv::CatalogError& error) {
            if (generation != m_generation)
                return;
            m_loading = false;
            emit failed(error);
            emit loaded();
        });
}

void NamespaceTreeModel::apply(const QList<kv::NamespaceInfo>& namespaces)
{
    QHash<QString, const kv::NamespaceInfo*> byName;
    QHash<QString, QStringList> childrenOf;
    for (const kv::NamespaceInfo& info : namespaces)
        byName.insert(info.name, &info);
    for (const kv::NamespaceInfo& info : namespaces)
        childrenOf[kv::rules::parentNamespace(info.name)] << info.name;
    for (QStringList& names : childrenOf)
        std::sort(names.begin(), names.end());
    sync(m_root.get(), QModelIndex(), byName, childrenOf);
}

void NamespaceTreeModel::sync(Node* node, const QModelIndex& index,
                              const QHash<QString, const kv::NamespaceInfo*>& byName,
                              const QHash<QString, QStringList>& childrenOf)
{
    const QStringList wanted = childrenOf.value(node->name);
    auto& children = node->children;
    // Rows that are gone, from the bottom up.
    for (int row = int(children.size()) - 1; row >= 0; --row) {
        if (!std::binary_search(wanted.begin(), wanted.end(), children[row]->name)) {
            beginRemoveRows(index, row, row);
            children.erase(children.begin() + row);
            endRemoveRows();
        }
    }
    // New rows, in order; then what changed in every row, and the rows below it.
    for (int row = 0; row < int(wanted.size()); ++row) {
        const QString& name = wanted.at(row);
        if (row >= int(children.size()) || children[row]->name != name) {
            beginInsertRows(index, row, row);
            auto child = std::make_unique<Node>();
            child->name = name;
            child->parent = node;
            children.insert(children.begin() + row, std::move(child));
            endInsertRows();
        }
        Node* child = children[row].get();
        const kv::NamespaceInfo* info = byName.value(name);
        const QString description = info ? info->description : QString();
        const qint64 count = info ? info->keyCount : 0;
        const bool isExplicit = info && info->isExplicit;
        if (child->description != description || child->keyCount != count ||
            child->isExplicit != isExplicit) {
            child->description = description;
            child->keyCount = count;
            child->isExplicit = isExplicit;
            emit dataChanged(this->index(row, 0, index), this->index(row, ColumnCount - 1, index));
        }
        sync(child, this->index(row, 0, index), byName, childrenOf);
    }
}

NamespaceTreeModel::Node* NamespaceTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

NamespaceTreeModel::Node* NamespaceTreeModel::find(const QString& ns) const
{
    Node* node = m_root.get();
    if (ns.isEmpty())
        return node;
    QString name;
    for (const QString& segment : ns.split(QLatin1Char('.'))) {
        name = name.isEmpty() ? segment : name + QLatin1Char('.') + segment;
        const auto it = std::find_if(node->children.begin(), node->children.end(),
                                     [&name](const auto& c) { return c->name == name; });
        if (it == node->children.end())
            return nullptr;
        node = it->get();
    }
    return node;
}

QModelIndex NamespaceTreeModel::indexOf(const QString& ns) const
{
    Node* node = ns.isEmpty() ? nullptr : find(ns);
    return node ? createIndex(node->row(), 0, node) : QModelIndex();
}

QStringList NamespaceTreeModel::childNamespaces(const QString& ns) const
{
    QStringList names;
    if (const Node* node = find(ns)) {
        for (const auto& child : node->children)
            names << child->name;
    }
    return names;
}

QModelIndex NamespaceTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeOf(parent)->children[row].get());
}

QModelIndex NamespaceTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    Node* parent = nodeOf(child)->parent;
    if (!parent || parent == m_root.get())
        return {};
    return createIndex(parent->row(), 0, parent);
}

int NamespaceTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int NamespaceTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant NamespaceTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node* node = nodeOf(index);
    const QString segment = node->name.mid(node->name.lastIndexOf(QLatin1Char('.')) + 1);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return segment;
        return node->keyCount > 0 ? QLocale().toString(node->keyCount) : QString();
    case SortRole:
        return index.column() == NameColumn ? QVariant(segment) : QVariant(node->keyCount);
    case Qt::ToolTipRole: {
        QString tip = node->name;
        if (!node->description.isEmpty())
            tip += QLatin1Char('\n') + node->description;
        tip += QLatin1Char('\n') +
               tr("%n live key-value pair(s)", nullptr, int(qMin<qint64>(node->keyCount, INT_MAX)));
        if (!node->isExplicit)
            tip += QLatin1Char('\n') + tr("Implied by its keys or child namespaces");
        return tip;
    }
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return Icons::get(QStringLiteral("namespace"));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == KeyCountColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case NamespaceRole:
        return node->name;
    case KeyCountRole:
        return node->keyCount;
    case IsExplicitRole:
        return node->isExplicit;
    case DescriptionRole:
        return node->description;
    default:
        return {};
    }
}

QVariant NamespaceTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Namespace") : tr("Keys");
}
