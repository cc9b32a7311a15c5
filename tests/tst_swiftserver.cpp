// tests/support/SwiftServer, the object store of the shared-catalog tests (issue 13), checked with
// real requests: the Swift API through tempauth, and the S3 API (s3api) with the keys, region
// and signature checks the S3 client's tests rely on. Skipped, naming the Debian packages, where
// Swift is not installed (scripts/install-deps installs it).
#include "SwiftServer.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLocale>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTest>

using kvtest::SwiftServer;

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QString error;

    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QString describe() const
    {
        return QStringLiteral("status %1 %2: %3").arg(status).arg(error, QString::fromUtf8(body));
    }
};

Reply send(const QByteArray& method, const QString& url,
           const QList<QPair<QByteArray, QByteArray>>& headers = {}, const QByteArray& body = {})
{
    QNetworkAccessManager network;
    QNetworkRequest request{QUrl(url, QUrl::StrictMode)};
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.error = reply->errorString();
    reply->deleteLater();
    return result;
}

QByteArray httpDate()
{
    return QLocale::c()
               .toString(QDateTime::currentDateTimeUtc(),
                         QStringLiteral("ddd, dd MMM yyyy hh:mm:ss"))
               .toLatin1() +
           " GMT";
}

// AWS signature version 2 (simple enough to write here; the S3 client signs V4): the
// Authorization header of a request without Content-MD5 or x-amz-* headers.
QByteArray signV2(const SwiftServer& server, const QByteArray& method,
                  const QByteArray& contentType, const QByteArray& date, const QByteArray& path)
{
    const QByteArray stringToSign = method + "\n\n" + contentType + '\n' + date + '\n' + path;
    const QByteArray signature = QMessageAuthenticationCode::hash(
        stringToSign, server.secretKey().toUtf8(), QCryptographicHash::Sha1);
    return "AWS " + server.accessKey().toUtf8() + ':' + signature.toBase64();
}

} // namespace

class TestSwiftServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void swiftApiThroughTempauth();
    void s3ApiAnswersInXml();
    void s3KeysReachTheSameAccount();
    void s3RegionAndV4SignatureAreChecked();
    void stopsWithItsObject();

private:
    SwiftServer m_server;
};

void TestSwiftServer::initTestCase()
{
    if (const QString missing = SwiftServer::missing(); !missing.isEmpty())
        QSKIP(qPrintable(missing));
    QElapsedTimer started;
    started.start();
    QVERIFY2(m_server.start(), qPrintable(m_server.error()));
    qInfo("Swift with s3api answered after %lld ms on %s", started.elapsed(),
          qPrintable(m_server.endpoint()));
    QCOMPARE(m_server.endpoint(), QStringLiteral("http://127.0.0.1:%1").arg(m_server.port()));
    QCOMPARE(m_server.region(), QStringLiteral("us-east-1"));
}

void TestSwiftServer::swiftApiThroughTempauth()
{
    const QString endpoint = m_server.endpoint();
    const Reply refused =
        send("GET", endpoint + QStringLiteral("/auth/v1.0"),
             {{"X-Auth-User", m_server.accessKey().toUtf8()}, {"X-Auth-Key", "not the key"}});
    QCOMPARE(refused.status, 401);

    const Reply auth = send("GET", endpoint + QStringLiteral("/auth/v1.0"),
                            {{"X-Auth-User", m_server.accessKey().toUtf8()},
                             {"X-Auth-Key", m_server.secretKey().toUtf8()}});
    QVERIFY2(auth.status == 200, qPrintable(auth.describe()));
    const QByteArray token = auth.header("X-Auth-Token");
    QVERIFY(token.startsWith("AUTH_tk"));
    const QString storage = QString::fromUtf8(auth.header("X-Storage-Url"));
    QCOMPARE(storage, endpoint + QStringLiteral("/v1/AUTH_test"));

    const Reply container =
        send("PUT", storage + QStringLiteral("/swift-api"), {{"X-Auth-Token", token}});
    QVERIFY2(container.status == 201, qPrintable(container.describe()));

    // A name with a space and non-ASCII, percent-encoded; the body with every byte value.
    QByteArray value;
    for (int i = 0; i < 4096; ++i)
        value += char(i % 256);
    const QString object = storage + QStringLiteral("/swift-api/a%20b/%C3%BC.bin");
    const Reply put =
        send("PUT", object, {{"X-Auth-Token", token}, {"Content-Type", "application/octet-stream"}},
             value);
    QVERIFY2(put.status == 201, qPrintable(put.describe()));
    QCOMPARE(put.header("Etag"), QCryptographicHash::hash(value, QCryptographicHash::Md5).toHex());

    const Reply get = send("GET", object, {{"X-Auth-Token", token}});
    QVERIFY2(get.status == 200, qPrintable(get.describe()));
    QCOMPARE(get.body, value);

    const Reply anonymous = send("GET", object);
    QCOMPARE(anonymous.status, 401);
}

void TestSwiftServer::s3ApiAnswersInXml()
{
    // A request with S3's Authorization header goes to s3api, which answers in S3's XML: here
    // without a date, then with a wrong signature, on the service and on a bucket.
    for (const QString& path : {QStringLiteral("/"), QStringLiteral("/some-bucket")}) {
        const Reply undated =
            send("GET", m_server.endpoint() + path,
                 {{"Authorization", "AWS " + m_server.accessKey().toUtf8() + ":c2lnbmF0dXJl"}});
        QCOMPARE(undated.status, 403);
        QVERIFY2(undated.body.startsWith("<?xml") &&
                     undated.body.contains("<Error><Code>AccessDenied</Code>"),
                 qPrintable(undated.describe()));

        const Reply forged =
            send("GET", m_server.endpoint() + path,
                 {{"Date", httpDate()},
                  {"Authorization", "AWS " + m_server.accessKey().toUtf8() + ":c2lnbmF0dXJl"}});
        QCOMPARE(forged.status, 403);
        QVERIFY2(forged.body.contains("<Code>SignatureDoesNotMatch</Code>"),
                 qPrintable(forged.describe()));
    }
    // Without any S3 authentication a request is not S3's: Swift answers it (no XML), so a
    // client that forgets to sign sees Swift's errors.
    const Reply unsigned_ = send("GET", m_server.endpoint() + QStringLiteral("/"));
    QCOMPARE(unsigned_.status, 404);
    QVERIFY2(!unsigned_.body.contains("<?xml"), qPrintable(unsigned_.describe()));
}

void TestSwiftServer::s3KeysReachTheSameAccount()
{
    // accessKey()/secretKey() sign for account AUTH_test: a bucket made through S3 is a
    // container there, and S3's listing names it.
    const QByteArray type = "application/octet-stream";
    QByteArray date = httpDate();
    const Reply bucket =
        send("PUT", m_server.endpoint() + QStringLiteral("/s3-bucket"),
             {{"Date", date},
              {"Content-Type", type},
              {"Authorization", signV2(m_server, "PUT", type, date, "/s3-bucket")}});
    QVERIFY2(bucket.status == 200, qPrintable(bucket.describe()));

    date = httpDate();
    const Reply list =
        send("GET", m_server.endpoint() + QStringLiteral("/"),
             {{"Date", date}, {"Authorization", signV2(m_server, "GET", {}, date, "/")}});
    QVERIFY2(list.status == 200, qPrintable(list.describe()));
    QVERIFY2(list.body.contains("<ListAllMyBucketsResult") &&
                 list.body.contains("<Name>s3-bucket</Name>"),
             qPrintable(list.describe()));

    const Reply auth = send("GET", m_server.endpoint() + QStringLiteral("/auth/v1.0"),
                            {{"X-Auth-User", m_server.accessKey().toUtf8()},
                             {"X-Auth-Key", m_server.secretKey().toUtf8()}});
    QVERIFY2(auth.status == 200, qPrintable(auth.describe()));
    const Reply container =
        send("HEAD", QString::fromUtf8(auth.header("X-Storage-Url")) + QStringLiteral("/s3-bucket"),
             {{"X-Auth-Token", auth.header("X-Auth-Token")}});
    QCOMPARE(container.status, 204);
}

void TestSwiftServer::s3RegionAndV4SignatureAreChecked()
{
    // Signature V4's credential scope names the region: another region is refused before the
    // signature is looked at, region() is accepted and then the signature is checked.
    const QByteArray amzDate =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'hhmmss'Z'")).toLatin1();
    const auto v4 = [&](const QByteArray& region) {
        return send(
            "GET", m_server.endpoint() + QStringLiteral("/"),
            {{"x-amz-date", amzDate},
             {"x-amz-content-sha256", "UNSIGNED-PAYLOAD"},
             {"Authorization", "AWS4-HMAC-SHA256 Credential=" + m_server.accessKey().toUtf8() +
                                   '/' + amzDate.left(8) + '/' + region +
                                   "/s3/aws4_request, SignedHeaders=host;x-amz-date, "
                                   "Signature=" +
                                   QByteArray(64, '0')}});
    };
    const Reply otherRegion = v4("eu-west-1");
    QCOMPARE(otherRegion.status, 400);
    QVERIFY2(otherRegion.body.contains("<Code>AuthorizationHeaderMalformed</Code>") &&
                 otherRegion.body.contains("<Region>us-east-1</Region>"),
             qPrintable(otherRegion.describe()));

    const Reply badSignature = v4(m_server.region().toUtf8());
    QCOMPARE(badSignature.status, 403);
    QVERIFY2(badSignature.body.contains("<Code>SignatureDoesNotMatch</Code>"),
             qPrintable(badSignature.describe()));
}

void TestSwiftServer::stopsWithItsObject()
{
    quint16 port = 0;
    {
        SwiftServer other;
        QVERIFY2(other.start(), qPrintable(other.error()));
        port = other.port();
        QVERIFY(port != m_server.port());
        QCOMPARE(send("GET", other.endpoint() + QStringLiteral("/healthcheck")).body,
                 QByteArray("OK"));
    }
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(!socket.waitForConnected(2000));
}

QTEST_GUILESS_MAIN(TestSwiftServer)
#include "tst_swiftserver.moc"
