// The registry's SQL dialect (src/core/local/SqlDialect), each branch run on its real database:
// SQLite on a file, PostgreSQL 15 on a private server (tests/support/PostgresServer) through
// Qt's QPSQL driver. Every check runs on both, with the same expectations: each fragment must
// mean what the registry relies on.
#include "local/SqlDialect.h"
#include "PostgresServer.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using kv::SqlDialect;

class TestSqlDialect : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void detectsTheDriver_data() { databases(); }
    void detectsTheDriver();
    void containsIsCaseSensitive_data() { databases(); }
    void containsIsCaseSensitive();
    void jsonRowsYieldOneRowPerElement_data() { databases(); }
    void jsonRowsYieldOneRowPerElement();
    void binaryCollationOrdersBytes_data() { databases(); }
    void binaryCollationOrdersBytes();
    void blobTypeKeepsEveryByte_data() { databases(); }
    void blobTypeKeepsEveryByte();
    void clusteredTableAndWriteTransaction_data() { databases(); }
    void clusteredTableAndWriteTransaction();
    void readTransactionKeepsOneSnapshot_data() { databases(); }
    void readTransactionKeepsOneSnapshot();

private:
    struct Database
    {
        QSqlDatabase db;
        QSqlDatabase other; // a second connection to the same database
        SqlDialect dialect{SqlDialect::Kind::Sqlite};
    };
    // Rows "sqlite" and "postgresql".
    void databases();
    // The row's database; null when PostgreSQL is not installed (the caller skips).
    Database* current();
    void createKeys(Database& d);
    QStringList column(QSqlDatabase& db, const QString& sql, const QVariantMap& bindings = {});

    kvtest::PostgresServer m_server;
    QString m_postgresMissing;
    QTemporaryDir m_dir;
    Database m_sqlite;
    Database m_postgres;
};

void TestSqlDialect::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_sqlite.db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("dialect"));
    m_sqlite.db.setDatabaseName(m_dir.filePath(QStringLiteral("t.sqlite")));
    QVERIFY2(m_sqlite.db.open(), qPrintable(m_sqlite.db.lastError().text()));
    m_sqlite.dialect = SqlDialect::of(m_sqlite.db);
    QSqlQuery wal(m_sqlite.db); // as the registry: readers and a writer at once
    QVERIFY(wal.exec(QStringLiteral("PRAGMA journal_mode=WAL")));
    createKeys(m_sqlite);
    m_sqlite.other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
    m_sqlite.other.setDatabaseName(m_sqlite.db.databaseName());
    QVERIFY2(m_sqlite.other.open(), qPrintable(m_sqlite.other.lastError().text()));

    m_postgresMissing = kvtest::PostgresServer::missing();
    if (!m_postgresMissing.isEmpty())
        return;
    QVERIFY2(m_server.start(), qPrintable(m_server.error()));
    m_postgres.db = m_server.createDatabase(QStringLiteral("dialect"));
    QVERIFY2(m_postgres.db.isOpen(), qPrintable(m_server.error()));
    m_postgres.dialect = SqlDialect::of(m_postgres.db);
    createKeys(m_postgres);
    m_postgres.other = m_server.connect(QStringLiteral("dialect"));
    QVERIFY2(m_postgres.other.isOpen(), qPrintable(m_server.error()));
}

void TestSqlDialect::cleanupTestCase()
{
    m_sqlite.db.close();
    m_sqlite.other.close();
    m_sqlite = Database();
    QSqlDatabase::removeDatabase(QStringLiteral("dialect"));
    QSqlDatabase::removeDatabase(QStringLiteral("other"));
    m_postgres = Database(); // the server closes its connections when it stops
}

void TestSqlDialect::databases()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgresql") << true;
}

TestSqlDialect::Database* TestSqlDialect::current()
{
    QFETCH(bool, postgres);
    if (!postgres)
        return &m_sqlite;
    return m_postgresMissing.isEmpty() ? &m_postgres : nullptr;
}

void TestSqlDialect::createKeys(Database& d)
{
    QSqlQuery q(d.db);
    QVERIFY2(q.exec(QStringLiteral("CREATE TABLE t (k TEXT PRIMARY KEY%1)%2")
                        .arg(d.dialect.binaryCollation(), d.dialect.clusteredTableSuffix())),
             qPrintable(q.lastError().text()));
    for (const char* k : {"apple", "Apple", "banana", "Zebra", "a.b", "a-b"})
        QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES ('%1')").arg(QLatin1String(k))));
}

QStringList TestSqlDialect::column(QSqlDatabase& db, const QString& sql,
                                   const QVariantMap& bindings)
{
    QSqlQuery q(db);
    if (!q.prepare(sql)) {
        QTest::qFail(qPrintable(sql + QLatin1String(": ") + q.lastError().text()), __FILE__,
                     __LINE__);
        return {};
    }
    for (auto it = bindings.cbegin(); it != bindings.cend(); ++it)
        q.bindValue(it.key(), it.value());
    if (!q.exec()) {
        QTest::qFail(qPrintable(sql + QLatin1String(": ") + q.lastError().text()), __FILE__,
                     __LINE__);
        return {};
    }
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

void TestSqlDialect::detectsTheDriver()
{
    QFETCH(bool, postgres);
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    QCOMPARE(d->dialect.kind(), postgres ? SqlDialect::Kind::Postgres : SqlDialect::Kind::Sqlite);
}

void TestSqlDialect::containsIsCaseSensitive()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    const QString sql =
        QStringLiteral("SELECT k FROM t WHERE %1 ORDER BY k")
            .arg(d->dialect.containsExpr(QStringLiteral("k"), QStringLiteral(":p")));
    QCOMPARE(column(d->db, sql, {{QStringLiteral(":p"), QStringLiteral("pple")}}),
             QStringList({QStringLiteral("Apple"), QStringLiteral("apple")}));
    QCOMPARE(column(d->db, sql, {{QStringLiteral(":p"), QStringLiteral("App")}}),
             QStringList{QStringLiteral("Apple")});
    // No pattern characters: '%' and '_' are plain text.
    QCOMPARE(column(d->db, sql, {{QStringLiteral(":p"), QStringLiteral("%")}}), QStringList());
    QCOMPARE(column(d->db, sql, {{QStringLiteral(":p"), QStringLiteral("a_b")}}), QStringList());
}

void TestSqlDialect::jsonRowsYieldOneRowPerElement()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    const QString sql = QStringLiteral("SELECT (value ->> 0) || '=' || (value ->> 1) FROM %1")
                            .arg(d->dialect.jsonRows(QStringLiteral(":rows")));
    QCOMPARE(column(d->db, sql,
                    {{QStringLiteral(":rows"),
                      QStringLiteral("[[\"a\",1],[\"b \\\"q\\\"\",22],[\"\\u00e9\",3]]")}}),
             QStringList({QStringLiteral("a=1"), QStringLiteral("b \"q\"=22"),
                          QStringLiteral("\u00e9=3")}));
}

void TestSqlDialect::binaryCollationOrdersBytes()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    // Byte order: upper case before lower case, '-' before '.' — what key prefixes rely on. (The
    // PostgreSQL database's own collation is ICU en-US, which orders these otherwise.)
    QCOMPARE(
        column(d->db, QStringLiteral("SELECT k FROM t ORDER BY k")),
        QStringList({QStringLiteral("Apple"), QStringLiteral("Zebra"), QStringLiteral("a-b"),
                     QStringLiteral("a.b"), QStringLiteral("apple"), QStringLiteral("banana")}));
    // A prefix is the key range [p, p + U+007F): U+007F must sort after every key character.
    QCOMPARE(column(d->db, QStringLiteral("SELECT k FROM t WHERE k >= :lo AND k < :hi ORDER BY k"),
                    {{QStringLiteral(":lo"), QStringLiteral("a")},
                     {QStringLiteral(":hi"), QStringLiteral("a\x7f")}}),
             QStringList({QStringLiteral("a-b"), QStringLiteral("a.b"), QStringLiteral("apple")}));
}

void TestSqlDialect::blobTypeKeepsEveryByte()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    QSqlQuery q(d->db);
    QVERIFY2(q.exec(QStringLiteral("CREATE TABLE b (id INTEGER PRIMARY KEY, v %1)")
                        .arg(d->dialect.blobType())),
             qPrintable(q.lastError().text()));
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all.append(char(i));
    const QList<QByteArray> values{all, QByteArray("\"text\\\" with a quote'")};
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO b (id, v) VALUES (:id, :v)")));
    for (int i = 0; i < values.size(); ++i) {
        q.bindValue(QStringLiteral(":id"), i);
        q.bindValue(QStringLiteral(":v"), values.at(i));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
    // NULL stays NULL: the value is in a file.
    QVERIFY(q.exec(QStringLiteral("INSERT INTO b (id, v) VALUES (3, NULL)")));
    QVERIFY(q.exec(QStringLiteral("SELECT v FROM b ORDER BY id")));
    for (const QByteArray& expected : values) {
        QVERIFY(q.next());
        QVERIFY(!q.value(0).isNull());
        QCOMPARE(q.value(0).toByteArray(), expected);
    }
    QVERIFY(q.next());
    QVERIFY(q.value(0).isNull());
    QVERIFY(q.exec(QStringLiteral("DROP TABLE b")));
}

void TestSqlDialect::clusteredTableAndWriteTransaction()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    QSqlQuery q(d->db);
    QVERIFY2(q.exec(d->dialect.beginWrite()), qPrintable(q.lastError().text()));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES ('cherry')")));
    QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
    QCOMPARE(column(d->db, QStringLiteral("SELECT count(*) FROM t WHERE k = 'cherry'")),
             QStringList{QStringLiteral("0")});
    if (d->dialect.kind() == SqlDialect::Kind::Sqlite) {
        // WITHOUT ROWID: the table has no rowid to select.
        QVERIFY(!q.exec(QStringLiteral("SELECT rowid FROM t")));
    } else {
        // No suffix: a PostgreSQL table is a heap with its primary key as an index.
        QCOMPARE(d->dialect.clusteredTableSuffix(), QString());
    }
}

void TestSqlDialect::readTransactionKeepsOneSnapshot()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    const QString count = QStringLiteral("SELECT COUNT(*) FROM t");
    QSqlQuery q(d->db);
    QVERIFY2(q.exec(d->dialect.beginRead()), qPrintable(q.lastError().text()));
    QCOMPARE(column(d->db, count), QStringList{QStringLiteral("6")});
    // Another connection commits a row meanwhile: the transaction does not see it.
    QSqlQuery write(d->other);
    QVERIFY2(write.exec(QStringLiteral("INSERT INTO t VALUES ('snapshot')")),
             qPrintable(write.lastError().text()));
    QCOMPARE(column(d->db, count), QStringList{QStringLiteral("6")});
    QVERIFY(q.exec(QStringLiteral("COMMIT")));
    QCOMPARE(column(d->db, count), QStringList{QStringLiteral("7")});
    QVERIFY(write.exec(QStringLiteral("DELETE FROM t WHERE k = 'snapshot'")));
}

QTEST_GUILESS_MAIN(TestSqlDialect)
#include "tst_sqldialect.moc"
