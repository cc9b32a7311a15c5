#pragma once

#include "ConnectionProfile.h"

#include <memory>
#include <optional>
#include <QDialog>

namespace Ui {
class ConnectionsDialog;
}
class CredentialStore;
class Prompter;

// Manages the saved connections to remote catalogs: name, URL, tenant, how to sign in (none,
// user and password, bearer token), user, CA file. The password or token goes to the keychain
// (CredentialStore) when "Store in the keychain" is ticked — never to QSettings; without a
// keychain the dialog says so and the secret is asked for at each connection. Test Connection
// tries the settings against the server; Connect opens the catalog in the main window.
class ConnectionsDialog : public QDialog
{
    Q_OBJECT
public:
    ConnectionsDialog(CredentialStore* credentials, Prompter* prompter, QWidget* parent = nullptr);
    ~ConnectionsDialog() override;

    void selectConnection(const QString& id);
    QList<ConnectionProfile> profiles() const { return m_profiles; }

signals:
    // The user asked to open this connection; `secret` is what was typed (if anything).
    void connectRequested(const ConnectionProfile& profile, const std::optional<QString>& secret);

private:
    void addConnection();
    void removeConnection();
    void showSelected();
    void storeEdits();
    void updateForm();
    void refreshSecretStatus();
    void storeTypedSecret();
    void forgetSecret();
    void testConnection();
    void connectSelected();
    ConnectionProfile* current();
    std::optional<QString> typedSecret() const;

    std::unique_ptr<Ui::ConnectionsDialog> m_ui;
    CredentialStore* m_credentials;
    Prompter* m_prompter;
    QList<ConnectionProfile> m_profiles;
    QPushButton* m_connectButton = nullptr;
    bool m_loading = false;
    quint64 m_generation = 0; // keychain answers for another selection are dropped
};
