#include "remote/HttpClient.h"

#include "domain/CatalogError.h"

#include <memory>
#include <QEventLoop>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QThreadStorage>
#include <QTimer>

namespace kv {

namespace {

QNetworkAccessManager& threadManager(const RemoteConnection& connection)
{
    // One per thread and server and set of trusted CAs, for the thread's life:
    // QNetworkAccessManager is not thread-safe, and reusing it keeps connections alive between
    // calls. A connection it keeps was checked against the CAs of its time, so other CAs (the
    // user fixed the CA file) get a manager of their own.
    // QThreadStorage, not thread_local: Qt destroys it before QThread::wait() returns (and the
    // main thread's with QCoreApplication), so a manager and its HTTP thread are gone when a
    // Catalog's pool has joined. A thread_local died after that, racing with exit().
    static QThreadStorage<QHash<QString, std::shared_ptr<QNetworkAccessManager>>> storage;
    QHash<QString, std::shared_ptr<QNetworkAccessManager>>& managers = storage.localData();
    const QString key = connection.url.toString(QUrl::RemovePath | QUrl::RemoveUserInfo) +
                        QLatin1Char('|') + connection.caFile;
    std::shared_ptr<QNetworkAccessManager>& manager = managers[key];
    if (!manager) {
        manager = std::make_shared<QNetworkAccessManager>();
        manager->setAutoDeleteReplies(false);
    }
    return *manager;
}

QString describeCertificate(const QSslCertificate& certificate)
{
    if (certificate.isNull())
        return QStringLiteral("(no certificate)");
    QString subject = certificate.subjectInfo(QSslCertificate::CommonName).join(QLatin1Char(','));
    if (subject.isEmpty())
        subject = certificate.subjectDisplayName();
    const QByteArray digest = certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper();
    return QStringLiteral("'%1' (SHA-256 %2)").arg(subject, QString::fromLatin1(digest));
}

} // namespace

QByteArray HttpReply::header(QByteArrayView name) const
{
    for (const auto& [n, value] : headers)
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

HttpClient::HttpClient(RemoteConnection connection)
    : m_connection(std::move(connection))
{
}

HttpReply HttpClient::send(const QByteArray& method, const QString& path, const QUrlQuery& query,
                           const QByteArray& body, const Headers& headers) const
{
    QUrl url = m_connection.url;
    url.setPath(url.path(QUrl::FullyEncoded) + path, QUrl::StrictMode);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QStringLiteral("kvdesk/%1").arg(QLatin1String(KVDESK_VERSION)));
    if (!body.isNull())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    if (m_connection.auth == RemoteConnection::Auth::Basic)
        request.setRawHeader(
            "Authorization",
            "Basic " +
                (m_connection.user + QLatin1Char(':') + m_connection.secret).toUtf8().toBase64());
    else if (m_connection.auth == RemoteConnection::Auth::Bearer)
        request.setRawHeader("Authorization", "Bearer " + m_connection.secret.toUtf8());
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!m_connection.caFile.isEmpty()) {
            const QList<QSslCertificate> cas = QSslCertificate::fromPath(m_connection.caFile);
            if (cas.isEmpty())
                throw CatalogError::invalidInput(
                    QStringLiteral("the CA file %1 holds no PEM certificate")
                        .arg(m_connection.caFile));
            tls.addCaCertificates(cas);
        }
        request.setSslConfiguration(tls);
    }
    request.setTransferTimeout(m_connection.timeoutMs);

    QNetworkAccessManager& manager = threadManager(m_connection);
    std::unique_ptr<QNetworkReply> reply(
        method == "HEAD"
            ? manager.head(request)
            : manager.sendCustomRequest(request, method, body.isNull() ? QByteArray() : body));
    QString tlsProblem;
    QObject::connect(
        reply.get(), &QNetworkReply::sslErrors, reply.get(),
        [&tlsProblem, &reply](const QList<QSslError>& errors) {
            QStringList reasons;
            for (const QSslError& e : errors)
                reasons << e.errorString();
            tlsProblem = QStringLiteral("the certificate %1 is not trusted: %2")
                             .arg(describeCertificate(reply->sslConfiguration().peerCertificate()),
                                  reasons.join(QStringLiteral("; ")));
        });
    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    const QString where = m_connection.displayUrl();
    if (!tlsProblem.isEmpty())
        throw CatalogError::unavailable(
            QStringLiteral("cannot connect securely to %1: %2").arg(where, tlsProblem));
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    // A network or proxy error (codes below 200; HTTP statuses map to 200 and above) after the
    // status line means the body was cut short: not an answer either.
    const bool broken = reply->error() != QNetworkReply::NoError &&
                        reply->error() < QNetworkReply::ContentAccessDenied;
    if (!status.isValid() || broken) {
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError ||
                              reply->error() == QNetworkReply::TimeoutError;
        const QString how = !status.isValid()
                                ? QStringLiteral("cannot reach %1: %2")
                                : QStringLiteral("the answer of %1 was cut short: %2");
        throw CatalogError::unavailable(timedOut ? QStringLiteral("%1 did not answer within %2 s")
                                                       .arg(where)
                                                       .arg(m_connection.timeoutMs / 1000)
                                                 : how.arg(where, reply->errorString()));
    }
    return {status.toInt(), reply->readAll(), reply->rawHeaderPairs()};
}

} // namespace kv
