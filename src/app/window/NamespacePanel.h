#pragma once

#include "AppContext.h"

#include <memory>
#include <QWidget>

namespace kv {
class Catalog;
class CatalogError;
} // namespace kv
namespace Ui {
class NamespacePanel;
}
class NamespaceTreeModel;
class QSortFilterProxyModel;
class QAction;
class QTimer;

// The left side of the main window: the catalog's namespaces as a tree (by dots) with their live
// key counts, a filter box, and the namespace actions (new, new child, delete, copy name).
class NamespacePanel : public QWidget
{
    Q_OBJECT
public:
    explicit NamespacePanel(QWidget* parent = nullptr);
    ~NamespacePanel() override;

    void setContext(const AppContext& context);
    void setCatalog(kv::Catalog* catalog);

    QString currentNamespace() const;
    // Selects `ns` once it is in the tree (now, or after the next load).
    void selectNamespace(const QString& ns);
    QStringList childNamespaces(const QString& ns) const;
    void reload();
    void focusFilter();
    NamespaceTreeModel* model() const { return m_model; }

    QAction* newNamespaceAction() const { return m_newNamespace; }
    QAction* newChildAction() const { return m_newChild; }
    QAction* deleteNamespaceAction() const { return m_delete; }
    QAction* copyNameAction() const { return m_copyName; }

signals:
    void currentNamespaceChanged(const QString& ns);
    void statusMessage(const QString& message);
    // The catalog answered again after failing (a server that was down is back).
    void recovered();

private:
    void createActions();
    void showContextMenu(const QPoint& pos);
    void onCurrentChanged();
    void onLoaded();
    void onFailed(const kv::CatalogError& error);
    void newNamespace(const QString& parentNs);
    void deleteCurrent();
    void updateActions();

    std::unique_ptr<Ui::NamespacePanel> m_ui;
    AppContext m_context;
    kv::Catalog* m_catalog = nullptr;
    NamespaceTreeModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QString m_pendingSelection;
    QString m_current;
    QAction* m_newNamespace = nullptr;
    QAction* m_newChild = nullptr;
    QAction* m_delete = nullptr;
    QAction* m_copyName = nullptr;
    QTimer* m_retryTimer = nullptr;
    QString m_emptyText;       // the hint for an empty catalog (the label also shows failures)
    bool m_failedLoad = false; // the last load failed: retrying
    int m_retryDelayMs = 0;
};
