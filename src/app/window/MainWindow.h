#pragma once

#include "AppContext.h"

#include <memory>
#include <optional>
#include <QMainWindow>

namespace kv {
class Catalog;
}
namespace Ui {
class MainWindow;
}
class CatalogSwitcher;
class KeychainCredentialStore;
class NamespacePage;
struct ConnectionProfile;
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

    // `credentials` null: the OS keychain (KeychainCredentialStore).
    MainWindow(std::shared_ptr<const kv::Clock> clock, Prompter* prompter,
               CredentialStore* credentials = nullptr, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a catalog folder (created when missing or empty). On failure the previous catalog
    // stays open, the user is told why, and false is returned.
    bool openCatalog(const QString& location);
    // Opens a saved connection: the secret is `secret` if given, else the stored one, else
    // asked for (Prompter::askSecret). Returns once the catalog is open, or after the failure
    // was reported.
    void openConnection(const ConnectionProfile& profile,
                        const std::optional<QString>& secret = std::nullopt);
    void showConnections();
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
    // Makes `catalog` the open one (known to the switcher as `key`).
    void install(std::unique_ptr<kv::Catalog> catalog, const QString& key);
    void openRemote(const ConnectionProfile& profile, const QString& secret);
    void updateSwitcher();
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
    CatalogSwitcher* m_switcher = nullptr;
    QString m_currentKey;
    std::unique_ptr<KeychainCredentialStore> m_ownCredentials;
    bool m_toldNoKeychain = false;
};
