#include "KeychainCredentialStore.h"

#include <memory>
#include <QCoreApplication>
#include <QPromise>
#include <qt6keychain/keychain.h>

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(KeychainCredentialStore)
public:
    static QString message(QKeychain::Error error, const QString& detail)
    {
        switch (error) {
        case QKeychain::NoError:
            return QString();
        case QKeychain::EntryNotFound:
            return tr("No password or token is stored for this connection.");
        case QKeychain::NoBackendAvailable:
        case QKeychain::NotImplemented:
            return tr("No keychain is available on this system (%1). KV Desk will ask for the "
                      "password or token each time instead of storing it.")
                .arg(detail);
        case QKeychain::AccessDeniedByUser:
        case QKeychain::AccessDenied:
            return tr("Access to the keychain was denied (%1).").arg(detail);
        case QKeychain::CouldNotDeleteEntry:
        case QKeychain::OtherError:
            break;
        }
        return tr("The keychain could not be used (%1). KV Desk will ask for the password or "
                  "token each time instead of storing it.")
            .arg(detail);
    }
};

CredentialStore::Status statusOf(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return CredentialStore::Status::Ok;
    case QKeychain::EntryNotFound:
        return CredentialStore::Status::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return CredentialStore::Status::NoBackend;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return CredentialStore::Status::Denied;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    return CredentialStore::Status::Failed;
}

// Starts `job` and turns its finished() signal into the future's result.
QFuture<CredentialStore::Result> run(QKeychain::Job* job, bool missingIsOk)
{
    auto promise = std::make_shared<QPromise<CredentialStore::Result>>();
    QFuture<CredentialStore::Result> future = promise->future();
    promise->start();
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never plain text
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [promise, missingIsOk](QKeychain::Job* done) {
                         CredentialStore::Result result;
                         result.status = statusOf(done->error());
                         if (missingIsOk && result.status == CredentialStore::Status::NotFound)
                             result.status = CredentialStore::Status::Ok;
                         if (result.ok()) {
                             if (auto* read = qobject_cast<QKeychain::ReadPasswordJob*>(done))
                                 result.secret = read->textData();
                         } else {
                             result.message = Text::message(done->error(), done->errorString());
                         }
                         promise->addResult(result);
                         promise->finish();
                     });
    job->start();
    return future;
}

} // namespace

KeychainCredentialStore::KeychainCredentialStore(QString service, QObject* parent)
    : QObject(parent)
    , m_service(std::move(service))
{
}

QFuture<CredentialStore::Result> KeychainCredentialStore::read(const QString& account)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(account);
    return run(job, false);
}

QFuture<CredentialStore::Result> KeychainCredentialStore::write(const QString& account,
                                                                const QString& secret)
{
    auto* job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(account);
    job->setTextData(secret);
    return run(job, false);
}

QFuture<CredentialStore::Result> KeychainCredentialStore::remove(const QString& account)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(account);
    return run(job, true);
}
