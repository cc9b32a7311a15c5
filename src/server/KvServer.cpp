#include "KvServer.h"

#include "ApiHandler.h"
#include "ApiService.h"
#include "AuthGate.h"
#include "Catalog.h"
#include "domain/CatalogError.h"
#include "UserStore.h"

#include <cstdio>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace kv::server {

KvServer::KvServer(const ServerOptions& options, std::unique_ptr<Catalog> catalog,
                   std::shared_ptr<const UserStore> users, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_catalog(std::move(catalog))
    , m_users(std::move(users))
    , m_http(std::make_shared<ApiService>(
                 std::make_shared<ApiHandler>(m_catalog->sharedBackend(), !m_options.plainKestra),
                 std::make_shared<AuthGate>(m_users, m_options.authFailuresPerMinute)),
             m_options.limits)
{
    m_purgeTimer.setInterval(int(qMin<qint64>(m_options.purgeIntervalMs, INT_MAX)));
    connect(&m_purgeTimer, &QTimer::timeout, this, &KvServer::purgeExpired);
}

KvServer::~KvServer()
{
    stop();
}

void KvServer::setUpTls()
{
    QFile certFile(m_options.tlsCert);
    if (!certFile.open(QIODevice::ReadOnly))
        throw CatalogError::invalidInput(QStringLiteral("cannot read the certificate %1: %2")
                                             .arg(m_options.tlsCert, certFile.errorString()));
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    if (chain.isEmpty())
        throw CatalogError::invalidInput(
            QStringLiteral("%1 holds no PEM certificate").arg(m_options.tlsCert));
    QFile keyFile(m_options.tlsKey);
    if (!keyFile.open(QIODevice::ReadOnly))
        throw CatalogError::invalidInput(QStringLiteral("cannot read the private key %1: %2")
                                             .arg(m_options.tlsKey, keyFile.errorString()));
    const QByteArray keyData = keyFile.readAll();
    QSslKey key(keyData, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyData, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        throw CatalogError::invalidInput(
            QStringLiteral("%1 holds no PEM private key (RSA or EC)").arg(m_options.tlsKey));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients authenticate over HTTP, not by TLS
    m_http.setTls(tls);
}

quint16 KvServer::start()
{
    const bool open = !m_users || m_users->isEmpty();
    if (open && !m_options.address.isLoopback())
        throw CatalogError::invalidInput(
            QStringLiteral("refusing to listen on %1 without --users: anyone could read and "
                           "change the catalog. Add users (kvdesk-server --users FILE --add-user "
                           "NAME) or listen on 127.0.0.1")
                .arg(m_options.address.toString()));
    if (!m_options.tlsCert.isEmpty())
        setUpTls();
    if (!m_http.listen(m_options.address, m_options.port))
        throw CatalogError::unavailable(QStringLiteral("cannot listen on %1:%2 (in use, or not "
                                                       "allowed)")
                                            .arg(m_options.address.toString())
                                            .arg(m_options.port));
    const quint16 port = m_http.serverPort();
    const QString scheme =
        m_options.tlsCert.isEmpty() ? QStringLiteral("http") : QStringLiteral("https");
    QString host = m_options.address.toString();
    if (m_options.address.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    if (open)
        logLine(QStringLiteral("kvdesk-server: no --users: listening on loopback only, without "
                               "authentication"));
    logLine(QStringLiteral("kvdesk-server: catalog %1, purging expired pairs every %2 s")
                .arg(m_catalog->location())
                .arg(m_options.purgeIntervalMs / 1000));
    // The one line on standard output: scripts and tests read the address from it.
    const QByteArray listening =
        QStringLiteral("listening on %1://%2:%3\n").arg(scheme, host).arg(port).toUtf8();
    std::fwrite(listening.constData(), 1, size_t(listening.size()), stdout);
    std::fflush(stdout);
    m_purgeTimer.start();
    return port;
}

void KvServer::stop()
{
    m_purgeTimer.stop();
    m_purge.cancel();
    m_http.stopServing();
    m_purge.waitForFinished();
}

void KvServer::purgeExpired()
{
    if (m_purge.isRunning())
        return;                                 // the last one is still at it
    m_purge = m_catalog->purge(PurgeRequest{}); // expired pairs, every namespace, in batches
    m_purge
        .then([](const PurgeResult& result) {
            if (result.count > 0)
                logLine(QStringLiteral("kvdesk-server: scheduled purge removed %1 expired "
                                       "pair(s)")
                            .arg(result.count));
        })
        .onFailed([](const CatalogError& e) {
            logLine(QStringLiteral("kvdesk-server: scheduled purge failed: %1").arg(e.message()));
        });
}

} // namespace kv::server
