#pragma once

#include "CredentialStore.h"

#include <QHash>
#include <QStringList>
#include <QtConcurrent/QtConcurrentRun>
#include <stdexcept>

// A CredentialStore for GUI tests: secrets in memory, or — with `unavailable` set — a keychain
// that does not exist (every call fails with NoBackend, like a Linux desktop without a Secret
// Service), or — with `crashWith` set — one whose read throws a plain std::runtime_error on a
// worker thread (not a CatalogError: its message must still reach the person). Records what it
// was asked.
class ScriptedCredentialStore final : public CredentialStore
{
public:
    QHash<QString, QString> secrets;
    bool unavailable = false;
    QString crashWith;
    QStringList calls; // "read <account>", "write <account>", "remove <account>"

    QFuture<Result> read(const QString& account) override
    {
        calls << QStringLiteral("read ") + account;
        if (!crashWith.isEmpty())
            return QtConcurrent::run(
                [what = crashWith.toStdString()]() -> Result { throw std::runtime_error(what); });
        if (unavailable)
            return ready(noBackend());
        if (!secrets.contains(account))
            return ready({Status::NotFound, QString(), QStringLiteral("nothing stored")});
        return ready({Status::Ok, secrets.value(account), QString()});
    }
    QFuture<Result> write(const QString& account, const QString& secret) override
    {
        calls << QStringLiteral("write ") + account;
        if (unavailable)
            return ready(noBackend());
        secrets.insert(account, secret);
        return ready({Status::Ok, QString(), QString()});
    }
    QFuture<Result> remove(const QString& account) override
    {
        calls << QStringLiteral("remove ") + account;
        if (unavailable)
            return ready(noBackend());
        secrets.remove(account);
        return ready({Status::Ok, QString(), QString()});
    }

private:
    static Result noBackend()
    {
        return {Status::NoBackend, QString(),
                QStringLiteral("No keychain is available on this system (test). KV Desk will "
                               "ask for the password or token each time instead of storing it.")};
    }
    static QFuture<Result> ready(const Result& r) { return QtFuture::makeReadyFuture(r); }
};
