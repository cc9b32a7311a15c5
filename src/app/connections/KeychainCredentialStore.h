#pragma once

#include "CredentialStore.h"

#include <QObject>

// CredentialStore over QtKeychain: the Secret Service (GNOME Keyring, KWallet) on Linux, the
// Keychain on macOS, the Credential Manager on Windows. Never falls back to plain-text storage:
// without a keychain every call reports Status::NoBackend, and the GUI asks for the secret each
// time instead.
class KeychainCredentialStore final : public QObject, public CredentialStore
{
    Q_OBJECT
public:
    // `service` names the entries in the keychain (the application id by default).
    explicit KeychainCredentialStore(QString service, QObject* parent = nullptr);

    QFuture<Result> read(const QString& account) override;
    QFuture<Result> write(const QString& account, const QString& secret) override;
    QFuture<Result> remove(const QString& account) override;

private:
    QString m_service;
};
