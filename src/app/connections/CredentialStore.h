#pragma once

#include <QFuture>
#include <QString>

// Where the GUI keeps the passwords and tokens of its connections. The application uses the OS
// keychain (KeychainCredentialStore); GUI tests answer through a scripted store of their own.
// Secrets never go to QSettings or any other plain-text file. Keychains answer asynchronously,
// so every call returns a future; results arrive on the thread that made the call.
class CredentialStore
{
public:
    enum class Status {
        Ok,
        NotFound,  // nothing stored under that account
        NoBackend, // no keychain on this system (e.g. no Secret Service running on Linux)
        Denied,    // the user or the system refused access
        Failed,    // anything else; see message
    };
    struct Result
    {
        Status status = Status::Failed;
        QString secret;  // read(): the secret when status is Ok
        QString message; // a sentence for the user when status is not Ok
        bool ok() const { return status == Status::Ok; }
    };

    virtual ~CredentialStore() = default;
    virtual QFuture<Result> read(const QString& account) = 0;
    virtual QFuture<Result> write(const QString& account, const QString& secret) = 0;
    // Removing what is not there is Ok.
    virtual QFuture<Result> remove(const QString& account) = 0;
};
