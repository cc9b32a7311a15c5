// The Registry's connections on a PostgreSQL database (a shared catalog's registry, issue 13):
// opened per thread through QPSQL, the schema created on first open, no password in any address
// or message, and PostgreSQL's failures mapped to the catalog's error codes. The tables on
// PostgreSQL are checked by tst_registrypostgres; this is the plumbing around them.
#include "ExpectError.h"
#include "local/MetaTable.h"
#include "local/Registry.h"
#include "local/RegistrySchema.h"
#include "PostgresServer.h"

#include <memory>
#include <QSqlError>
#include <QTest>
#include <thread>

using namespace kv;
using namespace kvtest;

class TestRegistryConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.reset(); }
    void opensAndMigratesAPostgresDatabase();
    void eachThreadHasItsOwnConnection();
    void twoProgramsCreateOneRegistryAtOnce();
    void aMissingDatabaseIsUnavailableWithoutThePassword();
    void aServerNotListeningIsUnavailable();
    void sqlStatesMapToErrorCodes_data();
    void sqlStatesMapToErrorCodes();
    void displayOfAnAddress();

private:
    PostgresDatabase database(const QString& name) const
    {
        return {QStringLiteral("127.0.0.1"), m_server->port(), name, QStringLiteral("kvdesk")};
    }
    std::unique_ptr<PostgresServer> m_server;
};

void TestRegistryConnection::initTestCase()
{
    if (const QString missing = PostgresServer::missing(); !missing.isEmpty())
        QSKIP(qPrintable(missing));
    m_server = std::make_unique<PostgresServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    for (const char* name : {"reg_migrate", "reg_threads", "reg_race"})
        QVERIFY2(m_server->createDatabase(QLatin1String(name)).isValid(),
                 qPrintable(m_server->error()));
}

void TestRegistryConnection::opensAndMigratesAPostgresDatabase()
{
    {
        Registry registry(database(QStringLiteral("reg_migrate")));
        QCOMPARE(registry.dialect().kind(), SqlDialect::Kind::Postgres);
        QSqlDatabase db = registry.db();
        QCOMPARE(db.driverName(), QStringLiteral("QPSQL"));
        QCOMPARE(RegistrySchema::storedVersion(db), RegistrySchema::currentVersion);
        MetaTable(db).setValue(QStringLiteral("note"), QStringLiteral("kept"));
    }
    // Opened again: the schema is there already and the setting survived.
    Registry again(database(QStringLiteral("reg_migrate")));
    QSqlDatabase db = again.db();
    QCOMPARE(MetaTable(db).value(QStringLiteral("note")), QStringLiteral("kept"));
}

void TestRegistryConnection::eachThreadHasItsOwnConnection()
{
    Registry registry(database(QStringLiteral("reg_threads")));
    QSqlDatabase mine = registry.db();
    MetaTable(mine).setValue(QStringLiteral("from"), QStringLiteral("main"));
    QString otherName, seen;
    std::thread other([&] {
        QSqlDatabase db = registry.db();
        otherName = db.connectionName();
        seen = MetaTable(db).value(QStringLiteral("from"));
        MetaTable(db).setValue(QStringLiteral("from"), QStringLiteral("other"));
    });
    other.join();
    QVERIFY(!otherName.isEmpty());
    QVERIFY(otherName != mine.connectionName());
    QCOMPARE(seen, QStringLiteral("main"));
    QCOMPARE(MetaTable(mine).value(QStringLiteral("from")), QStringLiteral("other"));
    QCOMPARE(registry.db().connectionName(), mine.connectionName());
}

void TestRegistryConnection::twoProgramsCreateOneRegistryAtOnce()
{
    // Two servers started at once on one new database: the schema lock lets one create the
    // tables; the other finds them made.
    std::unique_ptr<Registry> first, second;
    QString firstError, secondError;
    auto open = [this](std::unique_ptr<Registry>& out, QString& error) {
        try {
            out = std::make_unique<Registry>(database(QStringLiteral("reg_race")));
        } catch (const CatalogError& e) {
            error = e.message();
        }
    };
    std::thread a([&] { open(first, firstError); });
    std::thread b([&] { open(second, secondError); });
    a.join();
    b.join();
    QVERIFY2(first, qPrintable(firstError));
    QVERIFY2(second, qPrintable(secondError));
    QSqlDatabase db = first->db();
    QCOMPARE(RegistrySchema::storedVersion(db), RegistrySchema::currentVersion);
}

void TestRegistryConnection::aMissingDatabaseIsUnavailableWithoutThePassword()
{
    // The server trusts loopback, so the password is ignored: it must still never be shown.
    qputenv("PGPASSWORD", "hunter2-do-not-show");
    const QString message = errorMessage(ErrorCode::Unavailable, [this] {
        Registry registry(database(QStringLiteral("no_such_db")));
    });
    qunsetenv("PGPASSWORD");
    QVERIFY2(message.contains(database(QStringLiteral("no_such_db")).display()),
             qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("no_such_db\" does not exist")), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String("hunter2")), qPrintable(message));
}

void TestRegistryConnection::aServerNotListeningIsUnavailable()
{
    // Port 1 on loopback: nothing listens there (and a non-root test cannot bind it).
    const PostgresDatabase nowhere{QStringLiteral("127.0.0.1"), 1, QStringLiteral("kv"),
                                   QStringLiteral("kvdesk")};
    expectError(
        ErrorCode::Unavailable, [&] { Registry registry(nowhere); },
        QStringLiteral("cannot open the registry 'postgresql://kvdesk@127.0.0.1:1/kv'"));
}

void TestRegistryConnection::sqlStatesMapToErrorCodes_data()
{
    QTest::addColumn<QString>("sqlState");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("serialization failure") << "40001" << ErrorCode::Unavailable << "busy";
    QTest::newRow("deadlock") << "40P01" << ErrorCode::Unavailable << "busy";
    QTest::newRow("lock not available") << "55P03" << ErrorCode::Unavailable << "busy";
    QTest::newRow("connection lost") << "08006" << ErrorCode::Unavailable << "unavailable";
    QTest::newRow("admin shutdown") << "57P01" << ErrorCode::Unavailable << "unavailable";
    QTest::newRow("disk full") << "53100" << ErrorCode::Unavailable << "unavailable";
    QTest::newRow("unique violation") << "23505" << ErrorCode::Internal << "registry error";
    QTest::newRow("SQLite busy") << "5" << ErrorCode::Unavailable << "busy";
}

void TestRegistryConnection::sqlStatesMapToErrorCodes()
{
    QFETCH(QString, sqlState);
    QFETCH(ErrorCode, code);
    QFETCH(QString, fragment);
    const CatalogError e = Registry::error(QSqlError(QStringLiteral("driver"),
                                                     QStringLiteral("what the database said"),
                                                     QSqlError::StatementError, sqlState),
                                           QStringLiteral("a test"));
    QCOMPARE(e.code(), code);
    QVERIFY2(e.message().contains(fragment), qPrintable(e.message()));
    QVERIFY2(e.message().contains(QLatin1String("what the database said")),
             qPrintable(e.message()));
}

void TestRegistryConnection::displayOfAnAddress()
{
    QCOMPARE((PostgresDatabase{QStringLiteral("db.example"), 5433, QStringLiteral("kv"),
                               QStringLiteral("ops")})
                 .display(),
             QStringLiteral("postgresql://ops@db.example:5433/kv"));
    QCOMPARE(
        (PostgresDatabase{QStringLiteral("::1"), 5432, QStringLiteral("kv"), QString()}).display(),
        QStringLiteral("postgresql://[::1]:5432/kv"));
}

QTEST_GUILESS_MAIN(TestRegistryConnection)
#include "tst_registryconnection.moc"
