// The S3 client (src/core/shared/S3Client) on the wire: what Qt's network stack really sends
// (Host with the port, the path and query as signed, Content-Length and Content-MD5) checked the
// way a store checks it, over a raw socket that also plays careless stores (an answer cut short,
// 503, unreadable XML). Then against a real object store that checks signatures strictly:
// OpenStack Swift with s3api (support/SwiftServer; skipped, naming the packages, where it is not
// installed).
#include "domain/Clock.h"
#include "ExpectError.h"
#include "shared/S3Client.h"
#include "SwiftServer.h"

#include <atomic>
#include <mutex>
#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <thread>

using kv::ErrorCode;
using kv::S3Client;
using kv::S3Config;
using kv::SigV4;
using kvtest::expectError;

namespace {

// One HTTP request as it arrived on the socket.
struct Captured
{
    QByteArray method;
    QByteArray target; // path?query, raw
    SigV4::Headers headers;
    QByteArray body;
    int connection = 0; // the serial number of the connection it came on

    QList<QByteArray> all(QByteArrayView name) const
    {
        QList<QByteArray> values;
        for (const auto& [n, v] : headers)
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                values.append(v);
        return values;
    }
    QByteArray header(QByteArrayView name) const
    {
        const QList<QByteArray> values = all(name);
        return values.isEmpty() ? QByteArray() : values.first();
    }
};

// A raw HTTP/1.1 server on 127.0.0.1 in a thread of its own, blocking I/O, one connection at a
// time: each request read gets the next canned answer (bytes as given); the connection is closed
// after an answer that says "Connection: close", kept for the next request otherwise.
class RawServer
{
public:
    explicit RawServer(QList<QByteArray> answers)
        : m_answers(std::move(answers))
    {
        std::atomic<quint16> port{0};
        m_thread = std::thread([this, &port] { run(port); });
        while (port.load() == 0)
            std::this_thread::yield();
        m_port = port.load();
    }
    ~RawServer()
    {
        m_stop = true;
        m_thread.join();
    }
    quint16 port() const { return m_port; }
    QList<Captured> captured() const
    {
        std::lock_guard lock(m_mutex);
        return m_captured;
    }

private:
    void run(std::atomic<quint16>& port)
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost)) {
            port = 1;
            return;
        }
        port = server.serverPort();
        qsizetype next = 0;
        int connections = 0;
        std::unique_ptr<QTcpSocket> socket;
        while (!m_stop && next < m_answers.size()) {
            if (!socket) {
                if (!server.waitForNewConnection(50))
                    continue;
                socket.reset(server.nextPendingConnection());
                ++connections;
            }
            Captured request;
            request.connection = connections;
            if (!read(*socket, request)) {
                socket.reset(); // the client closed it, or sent nothing
                continue;
            }
            {
                std::lock_guard lock(m_mutex);
                m_captured.append(request);
            }
            const QByteArray& reply = m_answers.at(next++);
            socket->write(reply);
            socket->waitForBytesWritten(2000);
            if (reply.contains("\r\nConnection: close\r\n")) {
                socket->disconnectFromHost();
                if (socket->state() != QAbstractSocket::UnconnectedState)
                    socket->waitForDisconnected(2000);
                socket.reset();
            }
        }
    }
    // Waits for more bytes until the peer closes or the server stops (no timeout of its own:
    // the client's is the one tested).
    bool waitForBytes(QTcpSocket& socket) const
    {
        while (!m_stop) {
            if (socket.waitForReadyRead(50))
                return true;
            if (socket.state() != QAbstractSocket::ConnectedState)
                return false;
        }
        return false;
    }
    bool read(QTcpSocket& socket, Captured& request) const
    {
        QByteArray data;
        qsizetype end = -1;
        while ((end = data.indexOf("\r\n\r\n")) < 0) {
            if (!waitForBytes(socket))
                return false;
            data += socket.readAll();
        }
        const QList<QByteArray> lines = data.left(end).split('\n');
        const QList<QByteArray> first = lines.first().trimmed().split(' ');
        request.method = first.value(0);
        request.target = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            request.headers.append({lines[i].left(colon), lines[i].mid(colon + 1).trimmed()});
        }
        const qsizetype length = request.header("Content-Length").toLongLong();
        request.body = data.mid(end + 4);
        while (request.body.size() < length && waitForBytes(socket))
            request.body += socket.readAll();
        return true;
    }

    QList<QByteArray> m_answers;
    std::thread m_thread;
    quint16 m_port = 0;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;
    QList<Captured> m_captured;
};

QByteArray answer(int status, const QByteArray& reason, const QByteArray& body = {},
                  const QByteArray& extraHeaders = "Connection: close\r\n")
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
           "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + extraHeaders +
           "\r\n" + body;
}

QByteArray errorAnswer(int status, const QByteArray& reason, const QByteArray& code,
                       const QByteArray& message)
{
    return answer(status, reason,
                  "<?xml version='1.0' encoding='UTF-8'?>\n<Error><Code>" + code +
                      "</Code><Message>" + message + "</Message><RequestId>tx1</RequestId></Error>",
                  "Content-Type: application/xml\r\nConnection: close\r\n");
}

S3Config configFor(quint16 port)
{
    S3Config config;
    config.endpoint = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    config.bucket = QStringLiteral("kv-values");
    config.accessKey = QStringLiteral("test:tester");
    config.secretKey = QStringLiteral("testing");
    config.timeoutMs = 10'000;
    return config;
}

// What a store does with a request: rebuild the canonical request from the bytes received —
// the raw path, the query decoded and encoded again, the headers SignedHeaders names, the
// payload hash sent — sign it with the secret it knows, compare. Empty when it matches.
QString verify(const Captured& request, const S3Config& config)
{
    const QByteArray authorization = request.header("Authorization");
    const QByteArray signedList =
        authorization.mid(authorization.indexOf("SignedHeaders=") + 14).split(',').first();
    const qsizetype question = request.target.indexOf('?');
    SigV4::Request rebuilt;
    rebuilt.method = request.method;
    rebuilt.path = question < 0 ? request.target : request.target.left(question);
    if (question >= 0)
        for (const QByteArray& pair : request.target.mid(question + 1).split('&')) {
            const qsizetype eq = pair.indexOf('=');
            rebuilt.query.append(
                {QByteArray::fromPercentEncoding(pair.left(eq)),
                 eq < 0 ? QByteArray() : QByteArray::fromPercentEncoding(pair.mid(eq + 1))});
        }
    for (const QByteArray& name : signedList.split(';')) {
        const QList<QByteArray> values = request.all(name);
        if (values.size() != 1)
            return QStringLiteral("signed header %1 sent %2 times")
                .arg(QString::fromLatin1(name))
                .arg(values.size());
        rebuilt.headers.append({name, values.first()});
    }
    rebuilt.payloadHash = request.header("x-amz-content-sha256");
    if (rebuilt.payloadHash != SigV4::payloadHash(request.body))
        return QStringLiteral("x-amz-content-sha256 is not the hash of the body received");
    QDateTime at = QDateTime::fromString(QString::fromLatin1(request.header("x-amz-date")),
                                         QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    at.setTimeSpec(Qt::UTC);
    const SigV4 signer(config.accessKey, config.secretKey, config.region);
    const QByteArray expected = signer.authorization(rebuilt, at);
    if (expected != authorization)
        return QStringLiteral("Authorization sent:\n%1\nexpected:\n%2\ncanonical request:\n%3")
            .arg(QString::fromLatin1(authorization), QString::fromLatin1(expected),
                 QString::fromUtf8(SigV4::canonicalRequest(rebuilt)));
    return {};
}

} // namespace

class TestS3Client : public QObject
{
    Q_OBJECT

private slots:
    void putSendsWhatItSigns();
    void listSendsWhatItSigns();
    void queryDelimitersInAPrefix();
    void headAndEmptyBodies();
    void signsAtTheClocksTime();
    void deleteObjectsInBatches();
    void errorsOfAStore();
    void refusedBeforeSending();
    void configuration();

    // On Swift with s3api, one store for the process, a bucket per test.
    void swiftObjects();
    void swiftKeys();
    void swiftPaging();
    void swiftDeleteObjects();
    void swiftRefusals();

private:
    // The store, started by the first Swift test; QSKIPs (through the macro's return) when Swift
    // is not installed, so callers write `if (!swift()) return;`.
    kvtest::SwiftServer* swift();
    S3Client clientFor(const QString& bucket, const QString& secret = {}) const;

    std::unique_ptr<kvtest::SwiftServer> m_swift;
    bool m_swiftMissing = false;
};

void TestS3Client::putSendsWhatItSigns()
{
    RawServer server({answer(200, "OK", {}, "ETag: \"x\"\r\nConnection: close\r\n")});
    const S3Config config = configFor(server.port());
    const S3Client client(config);
    const QString key = QStringLiteral("values/a b+c~d/é€ 日本.json");
    const QByteArray data("{\"v\": \"Welcome to Amazon S3.\"}");
    client.putObject(key, data);

    const QList<Captured> captured = server.captured();
    QCOMPARE(captured.size(), 1);
    const Captured& put = captured.first();
    QCOMPARE(put.method, QByteArray("PUT"));
    QCOMPARE(put.target, QByteArray("/kv-values/values/a%20b%2Bc~d/%C3%A9%E2%82%AC%20"
                                    "%E6%97%A5%E6%9C%AC.json"));
    QCOMPARE(put.all("Host"), QList<QByteArray>{"127.0.0.1:" + QByteArray::number(server.port())});
    QCOMPARE(put.body, data);
    QCOMPARE(put.header("Content-Length"), QByteArray::number(data.size()));
    QCOMPARE(put.header("Content-MD5"),
             QCryptographicHash::hash(data, QCryptographicHash::Md5).toBase64());
    QCOMPARE(put.header("Content-Type"), QByteArray("application/octet-stream"));
    const QString problem = verify(put, config);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // Content-Type and Content-MD5 are signed, as S3 asks of headers that are sent.
    QVERIFY(put.header("Authorization")
                .contains("SignedHeaders=content-md5;content-type;host;x-amz-content-sha256;"
                          "x-amz-date,"));
}

void TestS3Client::listSendsWhatItSigns()
{
    const QByteArray page1 =
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        "<Name>kv-values</Name><Prefix>a b/é</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>"
        "<IsTruncated>true</IsTruncated><NextContinuationToken>t+/=2</NextContinuationToken>"
        "<Contents><Key>a b/é 1</Key><LastModified>2026-12-02T09:00:00.123Z</LastModified>"
        "<ETag>&quot;abc&quot;</ETag><Size>12</Size><StorageClass>STANDARD</StorageClass>"
        "</Contents><Contents><Key>a b/é&amp;2</Key><LastModified>2026-12-02T09:00:01.000Z"
        "</LastModified><ETag>\"def\"</ETag><Size>0</Size></Contents></ListBucketResult>";
    const QByteArray page2 =
        "<?xml version='1.0' encoding='UTF-8'?>\n<ListBucketResult><IsTruncated>false"
        "</IsTruncated><Contents><Key>a b/é3</Key><Size>3</Size></Contents></ListBucketResult>";
    RawServer server({answer(200, "OK", page1), answer(200, "OK", page2)});
    const S3Config config = configFor(server.port());
    const S3Client client(config);

    QStringList keys;
    client.forEachObject(
        QStringLiteral("a b/é"),
        [&keys](const kv::S3Object& o) {
            keys << o.key;
            return true;
        },
        2);
    QCOMPARE(keys, (QStringList{QStringLiteral("a b/é 1"), QStringLiteral("a b/é&2"),
                                QStringLiteral("a b/é3")}));

    const QList<Captured> captured = server.captured();
    QCOMPARE(captured.size(), 2);
    QCOMPARE(captured[0].target,
             QByteArray("/kv-values?list-type=2&max-keys=2&prefix=a%20b%2F%C3%A9"));
    QCOMPARE(captured[1].target, QByteArray("/kv-values?continuation-token=t%2B%2F%3D2&"
                                            "list-type=2&max-keys=2&prefix=a%20b%2F%C3%A9"));
    for (const Captured& request : captured) {
        const QString problem = verify(request, config);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

void TestS3Client::queryDelimitersInAPrefix()
{
    // Characters that delimit a query or a URL, in a prefix: encoded as signed, never turned
    // into delimiters (or decoded) on the way out.
    RawServer server({answer(200, "OK",
                             "<ListBucketResult><IsTruncated>false</IsTruncated>"
                             "</ListBucketResult>")});
    const S3Config config = configFor(server.port());
    const S3Client client(config);
    QCOMPARE(client.listObjects(QStringLiteral("a&b=c%d+e#f?g;h/ü")).objects.size(), 0);
    const Captured list = server.captured().first();
    QCOMPARE(list.target, QByteArray("/kv-values?list-type=2&max-keys=1000&"
                                     "prefix=a%26b%3Dc%25d%2Be%23f%3Fg%3Bh%2F%C3%BC"));
    const QString problem = verify(list, config);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestS3Client::headAndEmptyBodies()
{
    // HEAD: the store sends Content-Length but no body, and keeps the connection open; a client
    // that waited for a body would time out and take a new connection.
    RawServer server(
        {answer(200, "OK", {}, "ETag: \"e\"\r\n").replace("Content-Length: 0", "Content-Length: 5"),
         answer(404, "Not Found", {}, {}), answer(200, "OK"), answer(204, "No Content")});
    S3Config config = configFor(server.port());
    config.timeoutMs = 3000;
    const S3Client client(config);
    const std::optional<kv::S3ObjectInfo> info = client.headObject(QStringLiteral("k"));
    QVERIFY(info.has_value());
    QCOMPARE(info->size, 5);
    QCOMPARE(info->etag, QByteArray("\"e\""));
    QVERIFY(!client.exists(QStringLiteral("gone")));
    client.createBucket();
    client.deleteObject(QStringLiteral("k"));

    const QList<Captured> captured = server.captured();
    QCOMPARE(captured.size(), 4);
    QCOMPARE(captured[0].method, QByteArray("HEAD"));
    // The next request came on the HEAD's connection: the client read no body after it.
    QCOMPARE(captured[1].connection, captured[0].connection);
    // CreateBucket in us-east-1: an empty body, its length said.
    QCOMPARE(captured[2].method, QByteArray("PUT"));
    QCOMPARE(captured[2].target, QByteArray("/kv-values"));
    QCOMPARE(captured[2].header("Content-Length"), QByteArray("0"));
    QCOMPARE(captured[3].method, QByteArray("DELETE"));
    for (const Captured& request : captured) {
        const QString problem = verify(request, config);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

void TestS3Client::signsAtTheClocksTime()
{
    RawServer server({answer(200, "OK", "abc")});
    const auto clock =
        std::make_shared<kv::ManualClock>(QDateTime(QDate(2013, 5, 24), QTime(0, 0), Qt::UTC));
    const S3Client client(configFor(server.port()), clock);
    QCOMPARE(client.getObject(QStringLiteral("k")), QByteArray("abc"));
    const Captured get = server.captured().first();
    QCOMPARE(get.header("x-amz-date"), QByteArray("20130524T000000Z"));
    QVERIFY(get.header("Authorization")
                .startsWith("AWS4-HMAC-SHA256 Credential=test:tester/20130524/us-east-1/s3/"
                            "aws4_request,"));
}

void TestS3Client::deleteObjectsInBatches()
{
    const QByteArray done = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DeleteResult "
                            "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"></DeleteResult>";
    const QByteArray oneRefused =
        "<DeleteResult><Deleted><Key>a</Key></Deleted><Error><Key>k 1000</Key>"
        "<Code>AccessDenied</Code><Message>Access Denied.</Message></Error></DeleteResult>";
    RawServer server({answer(200, "OK", done), answer(200, "OK", oneRefused)});
    const S3Config config = configFor(server.port());
    const S3Client client(config);
    QStringList keys;
    for (int i = 0; i < 1001; ++i)
        keys << QStringLiteral("k %1").arg(i);
    keys[1] = QStringLiteral("a&b<é>");
    expectError(
        ErrorCode::Unauthorized, [&] { client.deleteObjects(keys); },
        QStringLiteral("DeleteObjects of the bucket http://127.0.0.1:%1/kv-values: 1 of 1001 keys "
                       "not deleted, the first 'k 1000': AccessDenied: Access Denied.")
            .arg(server.port()));

    const QList<Captured> captured = server.captured();
    QCOMPARE(captured.size(), 2); // 1,000 keys, then 1
    for (const Captured& request : captured) {
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, QByteArray("/kv-values?delete="));
        QCOMPARE(request.header("Content-MD5"),
                 QCryptographicHash::hash(request.body, QCryptographicHash::Md5).toBase64());
        const QString problem = verify(request, config);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QCOMPARE(captured[0].body.count("<Object><Key>"), 1000);
    QVERIFY(captured[0].body.contains("<Quiet>true</Quiet>"));
    QVERIFY(captured[0].body.contains("<Key>a&amp;b&lt;\xc3\xa9&gt;</Key>"));
    QVERIFY(captured[1].body.contains("<Object><Key>k 1000</Key></Object></Delete>"));
}

void TestS3Client::errorsOfAStore()
{
    RawServer server({
        errorAnswer(404, "Not Found", "NoSuchKey", "The specified key does not exist."),
        errorAnswer(403, "Forbidden", "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you "
                    "provided. Check your key and signing method."),
        errorAnswer(404, "Not Found", "NoSuchBucket", "The specified bucket does not exist"),
        errorAnswer(503, "Service Unavailable", "ServiceUnavailable", "Please reduce your rate"),
        answer(200, "OK", "0123456789").left(answer(200, "OK", "0123456789").size() - 6),
        answer(200, "OK", "<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>"),
        answer(200, "OK", "<ListBucketResult><Contents><Key>x</Key>"),
        answer(400, "Bad Request", "not xml"),
        errorAnswer(404, "Not Found", "NoSuchKey", "The specified key does not exist."),
    });
    const S3Client client(configFor(server.port()));
    const QString bucket = QStringLiteral("http://127.0.0.1:%1/kv-values").arg(server.port());
    const QString key = QStringLiteral("values/ab/x y");
    expectError(
        ErrorCode::NotFound, [&] { client.getObject(key); },
        QStringLiteral("no object 'values/ab/x y' in the bucket ") + bucket);
    expectError(
        ErrorCode::Unauthorized, [&] { client.putObject(key, "v"); },
        QStringLiteral("S3 PUT of 'values/ab/x y' in the bucket %1 refused: SignatureDoesNotMatch "
                       "(HTTP 403): The request signature we calculated does not match")
            .arg(bucket));
    expectError(
        ErrorCode::NotFound, [&] { client.listObjects({}); },
        QStringLiteral("S3 GET of the bucket %1: no such bucket: NoSuchBucket (HTTP 404)")
            .arg(bucket));
    expectError(
        ErrorCode::Unavailable, [&] { client.getObject(key); },
        QStringLiteral("ServiceUnavailable (HTTP 503): Please reduce your rate"));
    expectError(
        ErrorCode::Unavailable, [&] { client.getObject(key); },
        QStringLiteral("was cut short: Connection closed (S3 GET of 'values/ab/x y' in the bucket "
                       "%1)")
            .arg(bucket));
    expectError(
        ErrorCode::Internal, [&] { client.listObjects({}); },
        QStringLiteral("a truncated listing without NextContinuationToken"));
    expectError(
        ErrorCode::Internal, [&] { client.listObjects({}); },
        QStringLiteral("the object store's answer is not readable"));
    expectError(
        ErrorCode::Internal, [&] { client.deleteObject(key); },
        QStringLiteral("S3 DELETE of 'values/ab/x y' in the bucket %1 failed: HTTP 400")
            .arg(bucket));
    // DELETE of an absent key is done, whatever the store answers.
    client.deleteObject(key);
    QCOMPARE(server.captured().size(), 9);

    // Nobody listening: Unavailable, naming the object.
    quint16 closed = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closed = probe.serverPort();
    }
    expectError(
        ErrorCode::Unavailable, [&] { S3Client(configFor(closed)).getObject(key); },
        QStringLiteral("(S3 GET of 'values/ab/x y' in the bucket http://127.0.0.1:%1/kv-values)")
            .arg(closed));
}

void TestS3Client::refusedBeforeSending()
{
    RawServer server({});
    const S3Client client(configFor(server.port()));
    expectError(
        ErrorCode::InvalidInput, [&] { client.putObject({}, "v"); },
        QStringLiteral("invalid object key ''"));
    expectError(
        ErrorCode::InvalidInput, [&] { client.getObject(QString(1025, QLatin1Char('k'))); },
        QStringLiteral("1 to 1024 bytes in UTF-8"));
    expectError(
        ErrorCode::InvalidInput, [&] { client.deleteObject(QStringLiteral("a/../b")); },
        QStringLiteral("no '.' or '..' segments"));
    expectError(
        ErrorCode::InvalidInput, [&] { client.listObjects({}, {}, 0); },
        QStringLiteral("1 to 1000 keys"));
    QCOMPARE(server.captured().size(), 0);
}

void TestS3Client::configuration()
{
    const QUrl endpoint(QStringLiteral("http://127.0.0.1:9"));
    qunsetenv("AWS_ACCESS_KEY_ID");
    qputenv("AWS_SECRET_ACCESS_KEY", "s");
    expectError(
        ErrorCode::Unauthorized,
        [&] { S3Config::fromEnvironment(endpoint, QStringLiteral("bucket")); },
        QStringLiteral("no credentials for the bucket http://127.0.0.1:9/bucket: set "
                       "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"));
    qputenv("AWS_ACCESS_KEY_ID", "a");
    const S3Config config = S3Config::fromEnvironment(endpoint, QStringLiteral("bucket"));
    QCOMPARE(config.accessKey, QStringLiteral("a"));
    QCOMPARE(config.secretKey, QStringLiteral("s"));
    QCOMPARE(config.region, QStringLiteral("us-east-1"));
    qunsetenv("AWS_ACCESS_KEY_ID");
    qunsetenv("AWS_SECRET_ACCESS_KEY");

    const auto refused = [](const QString& url, const QString& bucket, const QString& fragment) {
        S3Config c;
        c.endpoint = QUrl(url);
        c.bucket = bucket;
        expectError(
            ErrorCode::InvalidInput, [&] { c.check(); }, fragment);
    };
    const QString ok = QStringLiteral("http://h:1");
    refused(QStringLiteral("ftp://h"), QStringLiteral("b12"),
            QStringLiteral("invalid S3 endpoint"));
    refused(QStringLiteral("http://u:secret@h:1"), QStringLiteral("b12"),
            QStringLiteral("carries credentials"));
    refused(QStringLiteral("http://h:1/prefix"), QStringLiteral("b12"),
            QStringLiteral("without a path"));
    refused(ok, QStringLiteral("ab"), QStringLiteral("invalid bucket name 'ab'"));
    refused(ok, QStringLiteral("Upper"), QStringLiteral("invalid bucket name"));
    refused(ok, QStringLiteral("a..b"), QStringLiteral("invalid bucket name"));
    refused(ok, QStringLiteral("a/b"), QStringLiteral("invalid bucket name"));
    refused(ok, QString(64, QLatin1Char('a')), QStringLiteral("invalid bucket name"));
    // The secret of an endpoint never shows in the message.
    S3Config c;
    c.endpoint = QUrl(QStringLiteral("http://u:topsecret@h:1"));
    c.bucket = QStringLiteral("b12");
    const kvtest::Thrown thrown = kvtest::thrownBy([&] { c.check(); });
    QVERIFY(!thrown.message.contains(QLatin1String("topsecret")));
}

kvtest::SwiftServer* TestS3Client::swift()
{
    if (m_swift || m_swiftMissing)
        return m_swift.get();
    if (!kvtest::SwiftServer::missing().isEmpty()) {
        m_swiftMissing = true;
        return nullptr;
    }
    auto server = std::make_unique<kvtest::SwiftServer>();
    if (!server->start()) {
        qWarning("%s", qPrintable(server->error()));
        return nullptr;
    }
    m_swift = std::move(server);
    return m_swift.get();
}

S3Client TestS3Client::clientFor(const QString& bucket, const QString& secret) const
{
    S3Config config;
    config.endpoint = QUrl(m_swift->endpoint());
    config.bucket = bucket;
    config.region = m_swift->region();
    config.accessKey = m_swift->accessKey();
    config.secretKey = secret.isEmpty() ? m_swift->secretKey() : secret;
    return S3Client(config);
}

#define REQUIRE_SWIFT()                                                                            \
    if (!swift()) {                                                                                \
        if (m_swiftMissing)                                                                        \
            QSKIP(qPrintable(kvtest::SwiftServer::missing()));                                     \
        QFAIL("the Swift object store did not start (see the warning above)");                     \
    }

void TestS3Client::swiftObjects()
{
    REQUIRE_SWIFT();
    const S3Client client = clientFor(QStringLiteral("objects"));
    client.createBucket();
    client.createBucket(); // ours already: fine

    const QString key = QStringLiteral("values/ab/0123456789abcdef");
    QVERIFY(!client.exists(key));
    expectError(
        ErrorCode::NotFound, [&] { client.getObject(key); },
        QStringLiteral("no object 'values/ab/0123456789abcdef' in the bucket %1/objects")
            .arg(m_swift->endpoint()));
    client.deleteObject(key); // absent: fine

    client.putObject(key, "{\"a\":1}");
    QVERIFY(client.exists(key));
    QCOMPARE(client.getObject(key), QByteArray("{\"a\":1}"));
    client.putObject(key, QByteArray()); // an empty object
    QCOMPARE(client.headObject(key)->size, 0);
    QCOMPARE(client.getObject(key), QByteArray());

    // 1 MiB of random bytes, whole and unchanged.
    QByteArray big(1 << 20, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(big.data()), big.size() / 4);
    const QString bigKey = QStringLiteral("values/cd/big");
    client.putObject(bigKey, big);
    const std::optional<kv::S3ObjectInfo> info = client.headObject(bigKey);
    QVERIFY(info.has_value());
    QCOMPARE(info->size, 1 << 20);
    QCOMPARE(info->etag,
             '"' + QCryptographicHash::hash(big, QCryptographicHash::Md5).toHex() + '"');
    QCOMPARE(client.getObject(bigKey), big);

    client.deleteObject(key);
    client.deleteObject(bigKey);
    QVERIFY(!client.exists(key));
    QVERIFY(!client.exists(bigKey));
    QCOMPARE(client.listObjects({}).objects.size(), 0);
}

void TestS3Client::swiftKeys()
{
    REQUIRE_SWIFT();
    const S3Client client = clientFor(QStringLiteral("keys"));
    client.createBucket();
    const QStringList keys{
        QStringLiteral("a b/with  two spaces"),
        QStringLiteral("plus+sign"),
        QStringLiteral("tilde~and-_."),
        QStringLiteral("é/ü/日本語/😀"),
        QStringLiteral("amp&eq=pct%25q?h#"),
        QStringLiteral("semi;colon,comma:'quote'"),
        QStringLiteral("trailing/"),
        QStringLiteral("x//double"),
    };
    for (const QString& key : keys)
        client.putObject(key, key.toUtf8());
    for (const QString& key : keys) {
        QCOMPARE(client.getObject(key), key.toUtf8());
        QVERIFY(client.exists(key));
    }
    QStringList listed;
    for (const kv::S3Object& object : client.listObjects({}).objects) {
        listed << object.key;
        QCOMPARE(object.size, object.key.toUtf8().size());
        QVERIFY(object.lastModified.isValid());
    }
    // S3 lists in UTF-8 byte order.
    QStringList expected = keys;
    std::sort(expected.begin(), expected.end(),
              [](const QString& a, const QString& b) { return a.toUtf8() < b.toUtf8(); });
    QCOMPARE(listed, expected);
    // A prefix with non-ASCII characters and a space.
    QCOMPARE(client.listObjects(QStringLiteral("é/ü/")).objects.size(), 1);
    QCOMPARE(client.listObjects(QStringLiteral("a b/")).objects.first().key, keys.first());
    QCOMPARE(client.listObjects(QStringLiteral("amp&eq=pct%")).objects.size(), 1);
    QCOMPARE(client.listObjects(QStringLiteral("plus+")).objects.size(), 1);
    client.deleteObjects(keys);
    QCOMPARE(client.listObjects({}).objects.size(), 0);
}

void TestS3Client::swiftPaging()
{
    REQUIRE_SWIFT();
    const S3Client client = clientFor(QStringLiteral("paging"));
    client.createBucket();
    QStringList inside;
    for (int i = 0; i < 7; ++i)
        inside << QStringLiteral("values/%1 é/%2").arg(i % 3).arg(i);
    std::sort(inside.begin(), inside.end(),
              [](const QString& a, const QString& b) { return a.toUtf8() < b.toUtf8(); });
    for (const QString& key : inside)
        client.putObject(key, "v");
    client.putObject(QStringLiteral("valuesX"), "outside the prefix");
    client.putObject(QStringLiteral("other/1"), "outside the prefix");

    QList<int> pageSizes;
    QStringList listed;
    QString token;
    do {
        const kv::S3ListPage page = client.listObjects(QStringLiteral("values/"), token, 3);
        pageSizes << int(page.objects.size());
        for (const kv::S3Object& object : page.objects)
            listed << object.key;
        token = page.nextContinuationToken;
    } while (!token.isEmpty() && pageSizes.size() < 10);
    QCOMPARE(pageSizes, (QList<int>{3, 3, 1}));
    QCOMPARE(listed, inside);

    QStringList visited;
    client.forEachObject(
        {},
        [&visited](const kv::S3Object& o) {
            visited << o.key;
            return true;
        },
        2);
    QCOMPARE(visited.size(), 9);
    // Stopping early asks for no more pages.
    int seen = 0;
    client.forEachObject(
        QStringLiteral("values/"), [&seen](const kv::S3Object&) { return ++seen < 4; }, 3);
    QCOMPARE(seen, 4);
}

void TestS3Client::swiftDeleteObjects()
{
    REQUIRE_SWIFT();
    const S3Client client = clientFor(QStringLiteral("deletes"));
    client.createBucket();
    QStringList keys;
    for (int i = 0; i < 5; ++i) {
        keys << QStringLiteral("values/%1/ü %1").arg(i);
        client.putObject(keys.last(), "v");
    }
    client.putObject(QStringLiteral("kept"), "v");
    client.deleteObjects(keys + QStringList{QStringLiteral("never/was"), QStringLiteral("nor&me")});
    const kv::S3ListPage left = client.listObjects({});
    QCOMPARE(left.objects.size(), 1);
    QCOMPARE(left.objects.first().key, QStringLiteral("kept"));
    client.deleteObjects({}); // nothing to send
}

void TestS3Client::swiftRefusals()
{
    REQUIRE_SWIFT();
    const S3Client client = clientFor(QStringLiteral("refusals"));
    client.createBucket();
    client.putObject(QStringLiteral("k"), "v");
    const QString bucket = m_swift->endpoint() + QStringLiteral("/refusals");

    // A wrong secret: the store's SignatureDoesNotMatch, naming the key and the bucket, and
    // nothing written.
    const S3Client wrong = clientFor(QStringLiteral("refusals"), QStringLiteral("not-the-secret"));
    const QString message = kvtest::errorMessage(
        ErrorCode::Unauthorized, [&] { wrong.putObject(QStringLiteral("values/x y"), "v"); });
    QVERIFY2(message.startsWith(QStringLiteral("S3 PUT of 'values/x y' in the bucket %1 refused: "
                                               "SignatureDoesNotMatch (HTTP 403)")
                                    .arg(bucket)),
             qPrintable(message));
    QVERIFY2(message.endsWith(QStringLiteral("check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")),
             qPrintable(message));
    QVERIFY(!message.contains(QLatin1String("not-the-secret")));
    QVERIFY(!client.exists(QStringLiteral("values/x y")));
    expectError(
        ErrorCode::Unauthorized, [&] { wrong.getObject(QStringLiteral("k")); },
        QStringLiteral("SignatureDoesNotMatch"));
    expectError(
        ErrorCode::Unauthorized, [&] { wrong.listObjects({}); },
        QStringLiteral("SignatureDoesNotMatch"));
    // HEAD answers without a body: the status alone says it.
    expectError(
        ErrorCode::Unauthorized, [&] { wrong.headObject(QStringLiteral("k")); },
        QStringLiteral("S3 HEAD of 'k' in the bucket %1 refused: HTTP 403").arg(bucket));

    // An unknown access key (tempauth answers SignatureDoesNotMatch, AWS InvalidAccessKeyId).
    S3Config unknown = client.config();
    unknown.accessKey = QStringLiteral("nobody:none");
    expectError(
        ErrorCode::Unauthorized, [&] { S3Client(unknown).getObject(QStringLiteral("k")); },
        QStringLiteral("S3 GET of 'k' in the bucket %1 refused: ").arg(bucket));

    // Signed for another region.
    S3Config elsewhere = client.config();
    elsewhere.region = QStringLiteral("eu-west-3");
    expectError(
        ErrorCode::Unauthorized, [&] { S3Client(elsewhere).getObject(QStringLiteral("k")); },
        QStringLiteral("AuthorizationHeaderMalformed (HTTP 400)"));

    // Signed at a time far from the store's.
    const auto past =
        std::make_shared<kv::ManualClock>(QDateTime(QDate(2013, 5, 24), QTime(0, 0), Qt::UTC));
    expectError(
        ErrorCode::Unavailable,
        [&] { S3Client(client.config(), past).getObject(QStringLiteral("k")); },
        QStringLiteral("RequestTimeTooSkewed"));

    // A bucket nobody created.
    const S3Client nowhere = clientFor(QStringLiteral("never-created"));
    expectError(
        ErrorCode::NotFound, [&] { nowhere.getObject(QStringLiteral("k")); },
        QStringLiteral("S3 GET of 'k' in the bucket %1/never-created: no such bucket: "
                       "NoSuchBucket (HTTP 404)")
            .arg(m_swift->endpoint()));
    expectError(
        ErrorCode::NotFound, [&] { nowhere.listObjects({}); },
        QStringLiteral("no such bucket: NoSuchBucket (HTTP 404)"));
    expectError(
        ErrorCode::NotFound, [&] { nowhere.putObject(QStringLiteral("k"), "v"); },
        QStringLiteral("NoSuchBucket"));
    QCOMPARE(client.getObject(QStringLiteral("k")), QByteArray("v"));
}

QTEST_GUILESS_MAIN(TestS3Client)
#include "tst_s3client.moc"
