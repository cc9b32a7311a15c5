#pragma once

#include "AppContext.h"

#include <memory>
#include <QMainWindow>

namespace kv {
class Catalog;
}
namespace Ui {
class MainWindow;
}
class NamespacePage;
class NamespacePanel;
class QLabel;

// The application window: namespace tree on the left, the selected namespace's page on the
// right, menus, toolbar and a status bar with the catalog, key counts and running work.
// It owns the open catalog; everything below it gets a pointer through setCatalog().
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    static constexpr int maxRecentCatalogs = 8;

    MainWindow(std::shared_ptr<const kv::Clock> clock, Prompter* prompter,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a catalog folder (created when missing or empty). On failure the previous catalog
    // stays open, the user is told why, and false is returned.
    bool openCatalog(const QString& location);
    kv::Catalog* catalog() const { return m_catalog.get(); }
    NamespacePanel* namespacePanel() const;
    NamespacePage* namespacePage() const;
    QStringList recentCatalogs() const;

signals:
    void catalogOpened(const QString& location);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void setUpMenus();
    void setUpStatusBar();
    void connectWidgets();
    void restoreSettings();
    void saveSettings() const;
    void onNamespaceChanged(const QString& ns);
    void updateTitle();
    void updateRecentMenu();
    void rememberCatalog(const QString& location);
    void chooseCatalog(bool create);
    void showPreferences();
    void showAbout();
    void refreshAll();
    void showStatus(const QString& message);

    std::unique_ptr<Ui::MainWindow> m_ui;
    AppContext m_context;
    std::unique_ptr<kv::Catalog> m_catalog;
    QLabel* m_catalogLabel = nullptr;
    QLabel* m_countLabel = nullptr;
};
