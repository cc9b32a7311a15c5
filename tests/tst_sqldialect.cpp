// The registry's SQL dialect (src/core/local/SqlDialect), its SQLite branch run on a real SQLite
// database: each fragment must mean what the registry relies on. (The PostgreSQL branch gets its
// real server with the shared catalogs.)
#include "local/SqlDialect.h"

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
    void detectsTheDriver();
    void containsIsCaseSensitive();
    void jsonRowsYieldOneRowPerElement();
    void binaryCollationOrdersBytes();
    void clusteredTableAndWriteTransaction();

private:
    QStringList column(const QString& sql, const QVariantMap& bindings = {});

    QTemporaryDir m_dir;
    QSqlDatabase m_db;
    SqlDialect m_dialect{SqlDialect::Kind::Sqlite};
};

void TestSqlDialect::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("dialect"));
    m_db.setDatabaseName(m_dir.filePath(QStringLiteral("t.sqlite")));
    QVERIFY2(m_db.open(), qPrintable(m_db.lastError().text()));
    m_dialect = SqlDialect::of(m_db);
    QSqlQuery q(m_db);
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (k TEXT PRIMARY KEY%1)%2")
                       .arg(m_dialect.binaryCollation(), m_dialect.clusteredTableSuffix())));
    for (const char* k : {"apple", "Apple", "banana", "Zebra", "a.b", "a-b"})
        QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES ('%1')").arg(QLatin1String(k))));
}

void TestSqlDialect::cleanupTestCase()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("dialect"));
}

QStringList TestSqlDialect::column(const QString& sql, const QVariantMap& bindings)
{
    QSqlQuery q(m_db);
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
    QCOMPARE(m_dialect.kind(), SqlDialect::Kind::Sqlite);
}

void TestSqlDialect::containsIsCaseSensitive()
{
    const QString sql = QStringLiteral("SELECT k FROM t WHERE %1 ORDER BY k")
                            .arg(m_dialect.containsExpr(QStringLiteral("k"), QStringLiteral(":p")));
    QCOMPARE(column(sql, {{QStringLiteral(":p"), QStringLiteral("pple")}}),
             QStringList({QStringLiteral("Apple"), QStringLiteral("apple")}));
    QCOMPARE(column(sql, {{QStringLiteral(":p"), QStringLiteral("App")}}),
             QStringList{QStringLiteral("Apple")});
    QCOMPARE(column(sql, {{QStringLiteral(":p"), QStringLiteral("%")}}), QStringList());
}

void TestSqlDialect::jsonRowsYieldOneRowPerElement()
{
    const QString sql = QStringLiteral("SELECT (value ->> 0) || '=' || (value ->> 1) FROM %1")
                            .arg(m_dialect.jsonRows(QStringLiteral(":rows")));
    QCOMPARE(column(sql, {{QStringLiteral(":rows"),
                           QStringLiteral("[[\"a\",1],[\"b \\\"q\\\"\",22],[\"\\u00e9\",3]]")}}),
             QStringList({QStringLiteral("a=1"), QStringLiteral("b \"q\"=22"),
                          QStringLiteral("\u00e9=3")}));
}

void TestSqlDialect::binaryCollationOrdersBytes()
{
    // Byte order: upper case before lower case, '-' before '.' — what key prefixes rely on.
    QCOMPARE(
        column(QStringLiteral("SELECT k FROM t ORDER BY k")),
        QStringList({QStringLiteral("Apple"), QStringLiteral("Zebra"), QStringLiteral("a-b"),
                     QStringLiteral("a.b"), QStringLiteral("apple"), QStringLiteral("banana")}));
}

void TestSqlDialect::clusteredTableAndWriteTransaction()
{
    QSqlQuery q(m_db);
    QVERIFY2(q.exec(m_dialect.beginWrite()), qPrintable(q.lastError().text()));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES ('cherry')")));
    QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
    QCOMPARE(column(QStringLiteral("SELECT count(*) FROM t WHERE k = 'cherry'")),
             QStringList{QStringLiteral("0")});
    // WITHOUT ROWID: the table has no rowid to select.
    QVERIFY(!q.exec(QStringLiteral("SELECT rowid FROM t")));
}

QTEST_GUILESS_MAIN(TestSqlDialect)
#include "tst_sqldialect.moc"
