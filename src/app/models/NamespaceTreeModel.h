#pragma once

#include "domain/CatalogError.h"

#include <memory>
#include <QAbstractItemModel>
#include <vector>

namespace kv {
class Catalog;
struct NamespaceInfo;
} // namespace kv

// The catalog's namespaces as a tree by dots ("company" > "team" > "etl") with their live key
// counts and descriptions. Loads asynchronously from the catalog; reload() applies what changed
// row by row (insert, remove, dataChanged), so views keep their expansion and selection.
class NamespaceTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, KeyCountColumn, ColumnCount };
    enum Role {
        NamespaceRole = Qt::UserRole + 1, // QString: the full dotted name
        KeyCountRole,                     // qint64: live pairs directly in the namespace
        IsExplicitRole,                   // bool: created explicitly (else implied)
        DescriptionRole,                  // QString
        SortRole,                         // raw value of the column: segment or count
    };

    explicit NamespaceTreeModel(QObject* parent = nullptr);
    ~NamespaceTreeModel() override;

    // Not owned; nullptr empties the model. Loads the namespaces of the new catalog.
    void setCatalog(kv::Catalog* catalog);
    void reload();
    bool isLoading() const { return m_loading; }

    QModelIndex indexOf(const QString& ns) const;         // column 0; invalid when absent
    QStringList childNamespaces(const QString& ns) const; // direct children; "" = top level

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void loaded();
    void failed(const kv::CatalogError& error); // typed: the panel decides how to show it

private:
    struct Node
    {
        QString name; // full dotted name ("" for the root)
        QString description;
        qint64 keyCount = 0;
        bool isExplicit = false;
        Node* parent = nullptr;
        std::vector<std::unique_ptr<Node>> children; // sorted by name
        int row() const;
    };
    void apply(const QList<kv::NamespaceInfo>& namespaces);
    void sync(Node* node, const QModelIndex& index,
              const QHash<QString, const kv::NamespaceInfo*>& byName,
              const QHash<QString, QStringList>& childrenOf);
    Node* nodeOf(const QModelIndex& index) const;
    Node* find(const QString& ns) const;

    kv::Catalog* m_catalog = nullptr;
    std::unique_ptr<Node> m_root;
    quint64 m_generation = 0; // answers for an older catalog or load are dropped
    bool m_loading = false;
};
