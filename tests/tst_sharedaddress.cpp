// The address of a shared catalog (issue 13): what it names, its defaults, and every way it can be
// wrong, each refused with a message that names the problem and never shows a secret.
#include "ExpectError.h"
#include "shared/SharedAddress.h"

#include <QTest>

using namespace kv;
using namespace kvtest;

class TestSharedAddress : public QObject
{
    Q_OBJECT

private slots:
    void parsesEveryPart();
    void defaults();
    void isSharedLocation();
    void refusesWithAReason_data();
    void refusesWithAReason();
};

void TestSharedAddress::parsesEveryPart()
{
    const SharedAddress a = SharedAddress::parse(
        QStringLiteral("postgresql://ops@db.internal:5433/kvdesk?values=s3://kv-values"
                       "&endpoint=http://127.0.0.1:8080&region=eu-west-3"));
    QCOMPARE(a.registry.host, QStringLiteral("db.internal"));
    QCOMPARE(a.registry.port, 5433);
    QCOMPARE(a.registry.user, QStringLiteral("ops"));
    QCOMPARE(a.registry.database, QStringLiteral("kvdesk"));
    QCOMPARE(a.values.bucket, QStringLiteral("kv-values"));
    QCOMPARE(a.values.endpoint, QUrl(QStringLiteral("http://127.0.0.1:8080")));
    QCOMPARE(a.values.region, QStringLiteral("eu-west-3"));
    QCOMPARE(a.display(),
             QStringLiteral("postgresql://ops@db.internal:5433/kvdesk?values=s3://"
                            "kv-values&endpoint=http://127.0.0.1:8080&region=eu-west-3"));
    // The display form reads back to the same address.
    const SharedAddress again = SharedAddress::parse(a.display());
    QCOMPARE(again.display(), a.display());
}

void TestSharedAddress::defaults()
{
    const SharedAddress a =
        SharedAddress::parse(QStringLiteral("postgres://db/kv?values=s3://bucket.one"));
    QCOMPARE(a.registry.port, 5432);
    QVERIFY(a.registry.user.isEmpty()); // libpq's default user
    QCOMPARE(a.values.region, QStringLiteral("us-east-1"));
    QCOMPARE(a.values.endpoint, QUrl(QStringLiteral("https://s3.us-east-1.amazonaws.com")));
    QCOMPARE(
        SharedAddress::parse(QStringLiteral("postgresql://db/kv?values=s3://b12&region=eu-north-1"))
            .values.endpoint,
        QUrl(QStringLiteral("https://s3.eu-north-1.amazonaws.com")));
}

void TestSharedAddress::isSharedLocation()
{
    QVERIFY(SharedAddress::isSharedLocation(QStringLiteral("postgresql://db/kv")));
    QVERIFY(SharedAddress::isSharedLocation(QStringLiteral("PostgreSQL://db/kv")));
    QVERIFY(SharedAddress::isSharedLocation(QStringLiteral("postgres://db/kv")));
    QVERIFY(!SharedAddress::isSharedLocation(QStringLiteral("/var/lib/kvdesk/postgresql://")));
    QVERIFY(!SharedAddress::isSharedLocation(QStringLiteral("http://db/kv")));
}

void TestSharedAddress::refusesWithAReason_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("reason");
    const auto row = [](const char* name, const char* address, const char* reason) {
        QTest::newRow(name) << QString::fromUtf8(address) << QString::fromUtf8(reason);
    };
    row("password", "postgresql://ops:s3cr3t-pw@db/kv?values=s3://kv-values",
        "the password must not be in the address");
    row("no host", "postgresql:///kv?values=s3://kv-values", "host is missing");
    row("no database", "postgresql://db/?values=s3://kv-values", "database name is missing");
    row("database with a slash", "postgresql://db/kv/more?values=s3://kv-values",
        "database name is missing");
    row("no values", "postgresql://db/kv", "values=s3://BUCKET is missing");
    row("values not s3", "postgresql://db/kv?values=file:///tmp/x", "values must be s3://BUCKET");
    row("values with keys", "postgresql://db/kv?values=s3://AKIDX:s3cr3t-key@bucket",
        "without credentials");
    row("values with a path", "postgresql://db/kv?values=s3://bucket/prefix", "without a path");
    row("bucket upper case", "postgresql://db/kv?values=s3://Bucket",
        "invalid bucket name 'Bucket'");
    row("bucket too short", "postgresql://db/kv?values=s3://ab", "invalid bucket name 'ab'");
    row("bucket double dot", "postgresql://db/kv?values=s3://a..b", "invalid bucket name");
    row("endpoint ftp", "postgresql://db/kv?values=s3://kv-values&endpoint=ftp://h",
        "invalid S3 endpoint 'ftp://h'");
    row("endpoint with keys",
        "postgresql://db/kv?values=s3://kv-values&endpoint=http://AKIDX:s3cr3t-key@h:9000",
        "carries credentials");
    row("endpoint with a path", "postgresql://db/kv?values=s3://kv-values&endpoint=http://h:9000/b",
        "without a path");
    row("region", "postgresql://db/kv?values=s3://kv-values&region=EU%20WEST",
        "invalid S3 region 'EU WEST'");
    row("unknown parameter", "postgresql://db/kv?values=s3://kv-values&sslmode=disable",
        "unknown parameter 'sslmode'");
    row("not postgresql", "mysql://db/kv", "expected postgresql://");
}

void TestSharedAddress::refusesWithAReason()
{
    QFETCH(QString, address);
    QFETCH(QString, reason);
    const QString message =
        errorMessage(ErrorCode::InvalidInput, [&] { SharedAddress::parse(address); });
    QVERIFY2(message.startsWith(QLatin1String("invalid shared catalog address '")),
             qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String("s3cr3t")), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestSharedAddress)
#include "tst_sharedaddress.moc"
