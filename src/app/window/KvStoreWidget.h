#pragma once

#include "AppContext.h"

#include <functional>
#include <memory>
#include <QStringList>
#include <QWidget>

namespace kv {
class Catalog;
}
namespace Ui {
class KvStoreWidget;
}
class KvTableModel;
class QAction;
class QScrollBar;
class QSettings;
class RowWindowScroller;
class QTableView;
class QTimer;

// The KV Store tab: the pairs of one namespace in a paged table (a window of rows, with a scroll
// bar over all of them: RowWindowScroller), a key filter (pushed down to the
// catalog), and every action on pairs: new, edit, delete, copy key / value / kv() expression,
// change expiration, refresh, purge expired, export and import CSV.
class KvStoreWidget : public QWidget
{
    Q_OBJECT
public:
    // The actions, for the main window's menus and toolbar (Refresh is the window's: F5).
    struct Actions
    {
        QAction* create = nullptr;
        QAction* edit = nullptr;
        QAction* remove = nullptr;
        QAction* copyKey = nullptr;
        QAction* copyValue = nullptr;
        QAction* copyExpression = nullptr;
        QAction* changeExpiration = nullptr;
        QAction* purge = nullptr;
        QAction* exportAll = nullptr;
        QAction* exportSelection = nullptr;
        QAction* includeValues = nullptr; // checkable: exports carry the values too
        QAction* import = nullptr;
    };

    explicit KvStoreWidget(QWidget* parent = nullptr);
    ~KvStoreWidget() override;

    void setContext(const AppContext& context);
    void setCatalog(kv::Catalog* catalog);
    void setNamespace(const QString& ns);
    QString currentNamespace() const { return m_ns; }

    const Actions& actions() const { return m_actions; }
    KvTableModel* model() const { return m_model; }
    QTableView* table() const;
    // The table's vertical scroll bar over the whole result (the model shows a window of it).
    RowWindowScroller* rowWindow() const { return m_rowWindow; }
    void focusFilter();
    void saveState(QSettings& settings) const;
    void restoreState(const QSettings& settings);

public slots:
    void refresh();
    void createPair();
    void editCurrent();
    void deleteSelected();
    void purgeExpired();
    void exportCsv(bool selectionOnly);
    void importCsv();

signals:
    void pairsChanged(); // something was written or removed: counts elsewhere are stale
    void statusMessage(const QString& message);

private:
    void createActions();
    void updateActions();
    void updateCountLabel();
    void applyFilter();
    void showContextMenu(const QPoint& pos);
    void showHeaderMenu(const QPoint& pos);
    QList<int> selectedRows() const;
    // Runs `then` with the keys of the selected rows (loading rows not yet loaded).
    void withSelectedKeys(std::function<void(const QStringList&)> then);
    void copyKeys();
    void copyValue();
    void copyExpressions();
    void changeExpiration();
    void openEditor(const QString& key);
    void afterWrite(const QString& message);
    void warn(const QString& title, const QString& text);

    std::unique_ptr<Ui::KvStoreWidget> m_ui;
    AppContext m_context;
    kv::Catalog* m_catalog = nullptr;
    KvTableModel* m_model = nullptr;
    QScrollBar* m_scrollBar = nullptr;
    RowWindowScroller* m_rowWindow = nullptr;
    QString m_ns;
    Actions m_actions;
    QTimer* m_filterTimer = nullptr;
};
