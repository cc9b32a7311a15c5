// The S3 client (src/core/shared/S3Client) against a real object store that checks signatures
// strictly: OpenStack Swift with s3api (support/SwiftServer), one store for the process and a
// bucket per test. Skipped, naming the Debian packages, where Swift is not installed
// (scripts/install-deps installs it). What the client sends byte for byte: tst_s3wire.
#include "domain/Clock.h"
#include "ExpectError.h"
#include "shared/S3Client.h"
#include "SwiftServer.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

using kv::ErrorCode;
using kv::S3Client;
using kv::S3Config;
using kvtest::expectError;

class TestS3Client : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void objects();
    void keys();
    void paging();
    void deleteObjects();
    void refusals();

private:
    S3Client clientFor(const QString& bucket, const QString& secret = {}) const;

    kvtest::SwiftServer m_swift;
};

void TestS3Client::initTestCase()
{
    if (const QString missing = kvtest::SwiftServer::missing(); !missing.isEmpty())
        QSKIP(qPrintable(missing));
    QVERIFY2(m_swift.start(), qPrintable(m_swift.error()));
}

S3Client TestS3Client::clientFor(const QString& bucket, const QString& secret) const
{
    S3Config config;
    config.endpoint = QUrl(m_swift.endpoint());
    config.bucket = bucket;
    config.region = m_swift.region();
    config.accessKey = m_swift.accessKey();
    config.secretKey = secret.isEmpty() ? m_swift.secretKey() : secret;
    return S3Client(config);
}

void TestS3Client::objects()
{
    const S3Client client = clientFor(QStringLiteral("objects"));
    client.createBucket();
    client.createBucket(); // ours already: fine

    const QString key = QStringLiteral("values/ab/0123456789abcdef");
    QVERIFY(!client.exists(key));
    expectError(
        ErrorCode::NotFound, [&] { client.getObject(key); },
        QStringLiteral("no object 'values/ab/0123456789abcdef' in the bucket %1/objects")
            .arg(m_swift.endpoint()));
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

void TestS3Client::keys()
{
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

void TestS3Client::paging()
{
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

void TestS3Client::deleteObjects()
{
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

void TestS3Client::refusals()
{
    const S3Client client = clientFor(QStringLiteral("refusals"));
    client.createBucket();
    client.putObject(QStringLiteral("k"), "v");
    const QString bucket = m_swift.endpoint() + QStringLiteral("/refusals");

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
            .arg(m_swift.endpoint()));
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
