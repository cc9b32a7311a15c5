// The registry's schema and table access (src/core/local: RegistrySchema, PairTable, PairQueries,
// NamespaceTable, MetaTable) on PostgreSQL 15 through Qt's QPSQL driver, on a private server
// (tests/support/PostgresServer) — groundwork of the shared catalogs (issue 13). Every check runs
// on SQLite too, with the same expectations: what the local catalog does is the reference.
// This file: the fixture, the schema and the pair counts; RegistryPostgresTables.cpp: the rows,
// listings, namespaces and settings; RegistryPostgresBulk.cpp: the import's staging and fsck's
// value references.
#include "local/MetaTable.h"
#include "local/PairTable.h"
#include "local/RegistrySchema.h"
#include "RegistryPostgres.h"

#include <algorithm>
#include <atomic>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <thread>
#include <vector>

using namespace kv;
using namespace kvtest;
using namespace registrytest;

namespace registrytest {

StoredEntry pairRow(const char* ns, const char* key, qint64 revision, qint64 updatedMs,
                    std::optional<qint64> expiresAtMs, qint64 size)
{
    const QByteArray name = QByteArray(ns) + '/' + key + '@' + QByteArray::number(revision);
    StoredEntry row;
    KvEntry& e = row.entry;
    e.ns = QLatin1String(ns);
    e.key = QLatin1String(key);
    e.revision = revision;
    e.type = ValueType::Number;
    e.description = QStringLiteral("r\u00e9vision %1 of '%2'").arg(revision).arg(e.key);
    e.size = size;
    e.checksum = QLatin1String("sha256:") +
                 QLatin1String(QCryptographicHash::hash(name, QCryptographicHash::Sha256).toHex());
    e.createdAtMs = 100;
    e.updatedAtMs = updatedMs;
    e.expiresAtMs = expiresAtMs;
    row.valueId = QLatin1String(QCryptographicHash::hash(name, QCryptographicHash::Md5).toHex());
    return row;
}

QString describe(const StoredEntry& row)
{
    const KvEntry& e = row.entry;
    return QStringLiteral("%1/%2@%3 type %4 '%5' size %6 %7 created %8 updated %9 expires %10 "
                          "value %11")
        .arg(e.ns, e.key)
        .arg(e.revision)
        .arg(int(e.type))
        .arg(e.description)
        .arg(e.size)
        .arg(e.checksum)
        .arg(e.createdAtMs)
        .arg(e.updatedAtMs)
        .arg(e.expiresAtMs ? QString::number(*e.expiresAtMs) : QStringLiteral("never"),
             row.isInline() ? QStringLiteral("inline") : row.valueId);
}

QStringList describe(const QList<StoredEntry>& rows)
{
    QStringList out;
    for (const StoredEntry& row : rows)
        out << describe(row);
    return out;
}

QStringList keys(const QList<StoredEntry>& rows)
{
    QStringList out;
    for (const StoredEntry& row : rows)
        out << row.entry.key;
    return out;
}

namespace {

QStringList pairsOf(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return {q.lastError().text()};
    QStringList out;
    while (q.next())
        out << q.value(0).toString() + QLatin1Char('=') + q.value(1).toString();
    out.sort();
    return out;
}

} // namespace

QStringList metaRows(QSqlDatabase& db)
{
    return pairsOf(db, QStringLiteral("SELECT name, value FROM meta"));
}

QStringList pairCounts(QSqlDatabase& db)
{
    return pairsOf(db, QStringLiteral("SELECT namespace, pairs FROM kv_counts"));
}

} // namespace registrytest

void TestRegistryPostgres::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const Thrown opened = thrownBy([&] {
        m_registry = std::make_unique<Registry>(m_dir.filePath(QStringLiteral("registry.sqlite")));
    });
    QVERIFY2(opened.kind == Thrown::Kind::Nothing, qPrintable(opened.message));
    m_sqlite.db = m_registry->db();
    m_sqlite.dialect = SqlDialect::of(m_sqlite.db);

    m_postgresMissing = PostgresServer::missing();
    if (!m_postgresMissing.isEmpty())
        return;
    QVERIFY2(m_server.start(), qPrintable(m_server.error()));
    m_postgres.db = m_server.createDatabase(QStringLiteral("registry"));
    QVERIFY2(m_postgres.db.isOpen(), qPrintable(m_server.error()));
    m_postgres.dialect = SqlDialect::of(m_postgres.db);
    const Thrown migrated =
        thrownBy([&] { RegistrySchema::migrate(m_postgres.db, m_postgres.dialect); });
    QVERIFY2(migrated.kind == Thrown::Kind::Nothing, qPrintable(migrated.message));
}

void TestRegistryPostgres::cleanupTestCase()
{
    m_sqlite.db = QSqlDatabase();
    m_postgres.db = QSqlDatabase(); // the server closes its connections when it stops
    for (const QString& name : std::as_const(m_sqliteConnections)) {
        QSqlDatabase::database(name, false).close();
        QSqlDatabase::removeDatabase(name);
    }
    m_registry.reset();
}

void TestRegistryPostgres::databases()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgresql") << true;
}

TestRegistryPostgres::Database* TestRegistryPostgres::current()
{
    QFETCH(bool, postgres);
    if (!postgres)
        return &m_sqlite;
    return m_postgresMissing.isEmpty() ? &m_postgres : nullptr;
}

QSqlDatabase TestRegistryPostgres::freshDatabase(const QString& name)
{
    QFETCH(bool, postgres);
    if (postgres) {
        QSqlDatabase db = m_server.createDatabase(name);
        if (!db.isOpen())
            QTest::qFail(qPrintable(m_server.error()), __FILE__, __LINE__);
        return db;
    }
    const QString connection = QStringLiteral("fresh-") + name;
    m_sqliteConnections << connection;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(m_dir.filePath(name + QStringLiteral(".sqlite")));
    if (!db.open())
        QTest::qFail(qPrintable(db.lastError().text()), __FILE__, __LINE__);
    return db;
}

void TestRegistryPostgres::privateServerTrustsLoopbackOnly()
{
    if (!m_postgresMissing.isEmpty())
        QSKIP(qPrintable(m_postgresMissing));
    // The unix socket is there (in the server's folder), but pg_hba.conf trusts 127.0.0.1 only.
    QVERIFY(QFileInfo::exists(
        QStringLiteral("%1/.s.PGSQL.%2").arg(m_server.socketDirectory()).arg(m_server.port())));
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("unix"));
        db.setHostName(m_server.socketDirectory());
        db.setPort(m_server.port());
        db.setUserName(QStringLiteral("kvdesk"));
        db.setDatabaseName(QStringLiteral("registry"));
        QVERIFY(!db.open());
        QVERIFY2(db.lastError().text().contains(QLatin1String("no pg_hba.conf entry")),
                 qPrintable(db.lastError().text()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("unix"));
}

void TestRegistryPostgres::migrateCreatesSchemaThree()
{
    if (!current())
        QSKIP(qPrintable(m_postgresMissing));
    QSqlDatabase db = freshDatabase(QStringLiteral("created"));
    QVERIFY(db.isOpen());
    guarded([&] {
        QCOMPARE(RegistrySchema::storedVersion(db), 0);
        RegistrySchema::migrate(db, SqlDialect::of(db));
        QCOMPARE(RegistrySchema::storedVersion(db), 3);
        QStringList tables = db.tables();
        tables.sort();
        QCOMPARE(tables, QStringList({QStringLiteral("kv"), QStringLiteral("kv_counts"),
                                      QStringLiteral("kv_history"), QStringLiteral("meta"),
                                      QStringLiteral("namespaces")}));
        QVERIFY(db.record(QStringLiteral("kv")).contains(QStringLiteral("value")));
        QVERIFY(db.record(QStringLiteral("kv_history")).contains(QStringLiteral("value")));
        // An empty catalog has no values to move out of files: no value_migration.
        QCOMPARE(metaRows(db),
                 QStringList(
                     {QStringLiteral("format=kvdesk-catalog"), QStringLiteral("history_depth=5"),
                      QStringLiteral("inline_limit=16384"), QStringLiteral("schema_version=3")}));
    });
}

void TestRegistryPostgres::migrateTwiceIsANoOp()
{
    if (!current())
        QSKIP(qPrintable(m_postgresMissing));
    QSqlDatabase db = freshDatabase(QStringLiteral("twice"));
    QVERIFY(db.isOpen());
    guarded([&] {
        const SqlDialect dialect = SqlDialect::of(db);
        RegistrySchema::migrate(db, dialect);
        const QStringList meta = metaRows(db);
        RegistrySchema::migrate(db, dialect);
        QCOMPARE(metaRows(db), meta);
        QCOMPARE(db.tables().size(), 5);
        // One insert counts one pair, once.
        PairTable(db).insertEntry(pairRow("ns", "k", 1, 100));
        QCOMPARE(pairCounts(db), QStringList{QStringLiteral("ns=1")});
    });
}

void TestRegistryPostgres::migrateRefusesANewerSchema()
{
    if (!current())
        QSKIP(qPrintable(m_postgresMissing));
    QSqlDatabase db = freshDatabase(QStringLiteral("newer"));
    QVERIFY(db.isOpen());
    guarded([&] {
        const SqlDialect dialect = SqlDialect::of(db);
        RegistrySchema::migrate(db, dialect);
        MetaTable(db).setValue(QStringLiteral("schema_version"), QStringLiteral("4"));
        expectError(
            ErrorCode::InvalidInput, [&] { RegistrySchema::migrate(db, dialect); },
            QStringLiteral("was written by a newer KV Desk (registry schema 4; this version "
                           "reads up to 3)"));
        QCOMPARE(RegistrySchema::storedVersion(db), 4);
    });
}

void TestRegistryPostgres::migrateRefusesForeignTables()
{
    if (!current())
        QSKIP(qPrintable(m_postgresMissing));
    QSqlDatabase db = freshDatabase(QStringLiteral("foreign_tables"));
    QVERIFY(db.isOpen());
    QSqlQuery q(db);
    QVERIFY2(q.exec(QStringLiteral("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")),
             qPrintable(q.lastError().text()));
    expectError(
        ErrorCode::InvalidInput, [&] { RegistrySchema::migrate(db, SqlDialect::of(db)); },
        QStringLiteral("is not a KV Desk registry: it holds other tables (invoices)"));
    QCOMPARE(db.tables(), QStringList{QStringLiteral("invoices")});
}

void TestRegistryPostgres::migrationsOfOneNewDatabaseTakeTurns()
{
    // Two servers opening one new shared registry at once: without a lock, both would find no
    // schema and create it, and the second would fail on the first one's tables. SQLite's
    // BEGIN IMMEDIATE serialises them already; PostgreSQL needs SqlDialect::schemaLock().
    if (!m_postgresMissing.isEmpty())
        QSKIP(qPrintable(m_postgresMissing));
    QSqlDatabase holder = m_server.createDatabase(QStringLiteral("turns"));
    QSqlDatabase observer = m_server.connect(QStringLiteral("turns"));
    QVERIFY2(holder.isOpen() && observer.isOpen(), qPrintable(m_server.error()));
    const SqlDialect dialect = SqlDialect::of(holder);
    QVERIFY(!dialect.schemaLock().isEmpty());
    std::optional<Registry::Transaction> held;
    guarded([&] {
        held.emplace(holder, dialect);
        QSqlQuery lock(holder);
        Registry::exec(lock, dialect.schemaLock());
    });
    QVERIFY(held);

    // Each migration on its own connection, in its own thread (a connection stays in the thread
    // that opened it).
    std::atomic<int> finished{0};
    QStringList errors[2];
    std::vector<std::thread> migrations;
    // Whatever happens below, the lock goes and the threads end before this function does.
    const auto release = qScopeGuard([&] {
        held.reset();
        for (std::thread& t : migrations)
            t.join();
    });
    for (int i = 0; i < 2; ++i) {
        migrations.emplace_back([&, i] {
            const QString name = QStringLiteral("turns-%1").arg(i);
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
                db.setHostName(QStringLiteral("127.0.0.1"));
                db.setPort(m_server.port());
                db.setUserName(QStringLiteral("kvdesk"));
                db.setDatabaseName(QStringLiteral("turns"));
                if (!db.open())
                    errors[i] << db.lastError().text();
                else
                    errors[i] << errorText(
                        [&] { RegistrySchema::migrate(db, SqlDialect::of(db)); });
            }
            QSqlDatabase::removeDatabase(name);
            ++finished;
        });
    }
    // Both wait for the lock before either looks at the schema. (A migration that does not wait
    // finishes instead, which ends the loop too.)
    qint64 waiting = 0;
    while (waiting < 2 && finished == 0) {
        QSqlQuery q(observer);
        QVERIFY2(q.exec(QStringLiteral("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' "
                                       "AND NOT granted")),
                 qPrintable(q.lastError().text()));
        waiting = q.next() ? q.value(0).toLongLong() : 0;
    }
    QCOMPARE(int(finished), 0);
    held.reset(); // rolls back: the lock goes, the two take turns
    for (std::thread& t : migrations)
        t.join();
    migrations.clear();
    QCOMPARE(errors[0], QStringList{QString()});
    QCOMPARE(errors[1], QStringList{QString()});
    QCOMPARE(RegistrySchema::storedVersion(observer), 3);
    QCOMPARE(metaRows(observer).size(), 4);
}

void TestRegistryPostgres::migrateFromTwoRecountsWithoutTriggers()
{
    if (!current())
        QSKIP(qPrintable(m_postgresMissing));
    QSqlDatabase db = freshDatabase(QStringLiteral("from_two"));
    QVERIFY(db.isOpen());
    guarded([&] {
        const SqlDialect dialect = SqlDialect::of(db);
        RegistrySchema::migrate(db, dialect);
        // Back to what schema 2 was: its count triggers, its version.
        QSqlQuery q(db);
        for (const QString& statement : dialect.pairCountTriggers())
            Registry::exec(q, statement);
        MetaTable(db).setValue(QStringLiteral("schema_version"), QStringLiteral("2"));
        auto insertRaw = [&](const char* ns, const char* key) {
            Registry::exec(q, QStringLiteral("INSERT INTO kv (namespace, key, revision, type, "
                                             "description, size, checksum, created_at, "
                                             "updated_at, expires_at, value_id) VALUES "
                                             "('%1', '%2', 1, 1, '', 1, 'c', 1, 1, 1, '')")
                                  .arg(QLatin1String(ns), QLatin1String(key)));
        };
        for (const char* key : {"k1", "k2", "k3"})
            insertRaw("two.a", key);
        insertRaw("two.b", "k1");
        QCOMPARE(pairCounts(db),
                 QStringList({QStringLiteral("two.a=3"), QStringLiteral("two.b=1")}));
        // Counts gone wrong (a hand edit, say): the migration recounts.
        Registry::exec(q, QStringLiteral("UPDATE kv_counts SET pairs = 99 WHERE namespace = "
                                         "'two.a'"));
        Registry::exec(q, QStringLiteral("DELETE FROM kv_counts WHERE namespace = 'two.b'"));

        RegistrySchema::migrate(db, dialect);
        QCOMPARE(RegistrySchema::storedVersion(db), 3);
        QCOMPARE(pairCounts(db),
                 QStringList({QStringLiteral("two.a=3"), QStringLiteral("two.b=1")}));
        // No trigger counts any more: a row written behind the tables' back moves nothing.
        insertRaw("two.b", "k2");
        QCOMPARE(pairCounts(db),
                 QStringList({QStringLiteral("two.a=3"), QStringLiteral("two.b=1")}));
    });
}

void TestRegistryPostgres::pairCountsFollowInsertsAndDeletes()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    guarded([&] {
        Registry::Transaction tx(d->db, d->dialect); // rolled back at the end
        PairTable pairs(d->db);
        for (const char* key : {"k1", "k2", "k3"})
            pairs.insertEntry(pairRow("counts.a", key, 1, 100));
        pairs.insertEntry(pairRow("counts.b", "k1", 1, 100));
        pairs.insertEntry(pairRow("counts.b", "gone", 1, 100, 50)); // expired rows count too
        QCOMPARE(pairCounts(d->db),
                 QStringList({QStringLiteral("counts.a=3"), QStringLiteral("counts.b=2")}));

        // An update moves no count; a write rolled back to its savepoint (as GroupCommit does)
        // takes its count with it.
        pairs.updateEntry(pairRow("counts.a", "k1", 2, 200), true);
        QSqlQuery q(d->db);
        Registry::exec(q, QStringLiteral("SAVEPOINT one_write"));
        pairs.insertEntry(pairRow("counts.a", "k4", 1, 100));
        Registry::exec(q, QStringLiteral("ROLLBACK TO SAVEPOINT one_write"));
        QCOMPARE(pairCounts(d->db),
                 QStringList({QStringLiteral("counts.a=3"), QStringLiteral("counts.b=2")}));

        pairs.deletePair(QStringLiteral("counts.a"), QStringLiteral("k2"));
        PairTable::Remover remover(d->db);
        QStringList obsolete;
        QVERIFY(remover.removeIfUnchanged(
            QStringLiteral("counts.b"), QStringLiteral("k1"),
            pairRow("counts.b", "k1", 1, 100).valueId,
            PairRow::checksumColumn(pairRow("counts.b", "k1", 1, 100).entry.checksum), obsolete));
        QCOMPARE(pairCounts(d->db),
                 QStringList({QStringLiteral("counts.a=2"), QStringLiteral("counts.b=1")}));
        pairs.deletePair(QStringLiteral("counts.b"), QStringLiteral("gone"));
        QCOMPARE(pairCounts(d->db),
                 QStringList({QStringLiteral("counts.a=2"), QStringLiteral("counts.b=0")}));
        // A namespace whose count row exists takes the insert's ON CONFLICT path.
        pairs.insertEntry(pairRow("counts.b", "again", 1, 300));
        QCOMPARE(pairCounts(d->db),
                 QStringList({QStringLiteral("counts.a=2"), QStringLiteral("counts.b=1")}));
    });
}

QTEST_GUILESS_MAIN(TestRegistryPostgres)
