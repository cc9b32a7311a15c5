// The S3 client (src/core/shared/S3Client) on the wire: what Qt's network stack really sends
// (Host with the port, the path and query as signed, Content-Length and Content-MD5) checked the
// way a store checks it (S3RawServer), over a raw socket that also plays careless stores (an
// answer cut short, 503, unreadable XML); keys and settings refused before anything is sent.
// The same client against a real store: tst_s3client.
#include "domain/Clock.h"
#include "ExpectError.h"
#include "S3RawServer.h"
#include "shared/S3Client.h"

#include <QCryptographicHash>
#include <QTcpServer>
#include <QTest>

using kv::ErrorCode;
using kv::S3Client;
using kv::S3Config;
using kvtest::answer;
using kvtest::Captured;
using kvtest::errorAnswer;
using kvtest::expectError;
using kvtest::RawServer;
using kvtest::verifySigned;

namespace {

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

} // namespace

class TestS3Wire : public QObject
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
};

void TestS3Wire::putSendsWhatItSigns()
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
    const QString problem = verifySigned(put, config);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // Content-Type and Content-MD5 are signed, as S3 asks of headers that are sent.
    QVERIFY(put.header("Authorization")
                .contains("SignedHeaders=content-md5;content-type;host;x-amz-content-sha256;"
                          "x-amz-date,"));
}

void TestS3Wire::listSendsWhatItSigns()
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
        const QString problem = verifySigned(request, config);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

void TestS3Wire::queryDelimitersInAPrefix()
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
    const QString problem = verifySigned(list, config);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestS3Wire::headAndEmptyBodies()
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
        const QString problem = verifySigned(request, config);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

void TestS3Wire::signsAtTheClocksTime()
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

void TestS3Wire::deleteObjectsInBatches()
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
        const QString problem = verifySigned(request, config);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QCOMPARE(captured[0].body.count("<Object><Key>"), 1000);
    QVERIFY(captured[0].body.contains("<Quiet>true</Quiet>"));
    QVERIFY(captured[0].body.contains("<Key>a&amp;b&lt;\xc3\xa9&gt;</Key>"));
    QVERIFY(captured[1].body.contains("<Object><Key>k 1000</Key></Object></Delete>"));
}

void TestS3Wire::errorsOfAStore()
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

void TestS3Wire::refusedBeforeSending()
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

void TestS3Wire::configuration()
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
QTEST_GUILESS_MAIN(TestS3Wire)
#include "tst_s3wire.moc"
