// The shared catalog's value store (src/core/shared/ObjectValueStore) on a real object store:
// OpenStack Swift with s3api (support/SwiftServer), a bucket per test. Values are objects named
// after their ids, never after a key; an invalid id never becomes an object name; the listing
// fsck reads comes in id order and tells value objects from anything else in the folder.
#include "ExpectError.h"
#include "local/ValueStore.h"
#include "shared/ObjectValueStore.h"
#include "SwiftServer.h"

#include <QDateTime>
#include <QTest>

using namespace kv;
using kvtest::expectError;

class TestObjectValueStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void objectKeysComeFromIdsOnly();
    void writeReadRemove();
    void listingInIdOrder();

private:
    S3Client clientFor(const QString& bucket) const;
    kvtest::SwiftServer m_swift;
};

void TestObjectValueStore::initTestCase()
{
    if (const QString missing = kvtest::SwiftServer::missing(); !missing.isEmpty())
        QSKIP(qPrintable(missing));
    QVERIFY2(m_swift.start(), qPrintable(m_swift.error()));
}

S3Client TestObjectValueStore::clientFor(const QString& bucket) const
{
    S3Config config;
    config.endpoint = QUrl(m_swift.endpoint());
    config.bucket = bucket;
    config.region = m_swift.region();
    config.accessKey = m_swift.accessKey();
    config.secretKey = m_swift.secretKey();
    S3Client client(config);
    client.createBucket();
    return client;
}

void TestObjectValueStore::objectKeysComeFromIdsOnly()
{
    const QString id = QStringLiteral("3f9c0123456789abcdef0123456789ab");
    QCOMPARE(ObjectValueStore::objectKey(id), QStringLiteral("values/3f/") + id);
    for (const char* bad : {"", "../../etc/passwd", "3F9C0123456789ABCDEF0123456789AB",
                            "3f9c0123456789abcdef0123456789a", "3f9c0123456789abcdef0123456789ab/x",
                            "values/3f/3f9c0123456789abcdef012345"})
        expectError(
            ErrorCode::Internal, [&] { ObjectValueStore::objectKey(QString::fromUtf8(bad)); },
            QStringLiteral("invalid value id"));
}

void TestObjectValueStore::writeReadRemove()
{
    const ObjectValueStore store(clientFor(QStringLiteral("values-rw")));
    const QString small = ValueStore::newId();
    const QString large = ValueStore::newId();
    QByteArray big(1 << 20, '\0');
    for (int i = 0; i < big.size(); ++i)
        big[i] = char(i * 7 + i / 251);
    store.write(small, QByteArrayLiteral("\"a value\""));
    store.write(large, big);
    QCOMPARE(store.read(small), QByteArrayLiteral("\"a value\""));
    QCOMPARE(store.read(large), big);
    QVERIFY(store.exists(small));
    // The object is where its id says, in the bucket itself.
    QCOMPARE(store.client().getObject(QStringLiteral("values/") + small.left(2) + QLatin1Char('/') +
                                      small),
             QByteArrayLiteral("\"a value\""));

    const QString absent = ValueStore::newId();
    QVERIFY(!store.exists(absent));
    expectError(
        ErrorCode::NotFound, [&] { store.read(absent); },
        QStringLiteral("the value %1 is missing from the bucket").arg(absent));

    // Absent ids are fine, invalid ones are skipped, the others go.
    store.remove({small, absent, QStringLiteral("../escape"), large});
    QVERIFY(!store.exists(small));
    QVERIFY(!store.exists(large));
    store.remove({});
}

void TestObjectValueStore::listingInIdOrder()
{
    const ObjectValueStore store(clientFor(QStringLiteral("values-list")));
    QStringList ids;
    for (int i = 0; i < 25; ++i)
        ids << ValueStore::newId();
    for (const QString& id : ids)
        store.write(id, id.toLatin1());
    // Strays: a file in the folder that no id names, a value in the wrong shard, one outside.
    const S3Client& client = store.client();
    client.putObject(QStringLiteral("values/ab/notes.txt"), "x");
    const QString misplaced = QStringLiteral("values/00/ff") + ValueStore::newId().mid(2);
    client.putObject(misplaced, "x");
    client.putObject(QStringLiteral("elsewhere/readme"), "x");

    const qint64 before = QDateTime::currentMSecsSinceEpoch() - 10 * 60 * 1000;
    QStringList listedIds, strays;
    int stale = 0; // objects whose modified time is not the last minutes'
    store.forEachObject([&](const ObjectValueStore::StoredObject& object) {
        if (object.id.isEmpty())
            strays << object.name;
        else
            listedIds << object.id;
        if (object.modifiedMs < before)
            ++stale;
        return true;
    });
    std::sort(ids.begin(), ids.end());
    QCOMPARE(listedIds, ids);
    QCOMPARE(stale, 0);
    QCOMPARE(strays, (QStringList{misplaced, QStringLiteral("values/ab/notes.txt")}));

    // Stopping early stops the listing.
    int seen = 0;
    store.forEachObject([&](const ObjectValueStore::StoredObject&) { return ++seen < 3; });
    QCOMPARE(seen, 3);

    // A stray goes by its name; nothing outside values/ does.
    store.removeObject(QStringLiteral("values/ab/notes.txt"));
    QVERIFY(!client.exists(QStringLiteral("values/ab/notes.txt")));
    expectError(
        ErrorCode::Internal, [&] { store.removeObject(QStringLiteral("elsewhere/readme")); },
        QStringLiteral("not a value object"));
    QVERIFY(client.exists(QStringLiteral("elsewhere/readme")));
}

QTEST_GUILESS_MAIN(TestObjectValueStore)
#include "tst_objectvaluestore.moc"
