// kv_counts on a local catalog: since schema 3 the statements that insert and delete kv rows
// keep it (no triggers), so every write path is checked against a COUNT(*) of kv, and a catalog
// written by schema 2 is checked after its upgrade.
#include "Catalog.h"
#include "domain/CatalogError.h"
#include "domain/Clock.h"
#include "local/LocalBackend.h"
#include "local/RegistrySchema.h"
#include "local/SqlDialect.h"
#include "RawRegistry.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kv;
using kvtest::execRaw;
using kvtest::rawRegistry;

class TestPairCounts : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void countsFollowEveryWritePath();
    void schemaTwoCatalogIsRecounted();

private:
    QString catalogPath() const { return m_dir->filePath(QStringLiteral("catalog")); }
    QString registryFile() const { return catalogPath() + QStringLiteral("/registry.sqlite"); }
    void open()
    {
        m_catalog =
            std::make_unique<Catalog>(std::make_shared<LocalBackend>(catalogPath(), m_clock));
    }
    void set(const QString& ns, const QString& key, const QString& value,
             std::optional<qint64> ttlMs = std::nullopt)
    {
        m_catalog->set({ns, key, KvValue::parse(ValueType::String, value), ttlMs})
            .waitForFinished();
    }
    qint64 import(const QString& ns, const QByteArray& csv)
    {
        QBuffer in;
        in.setData(csv);
        in.open(QIODevice::ReadOnly);
        return m_catalog->importCsv({ns, true}, &in).result().imported;
    }
    // "namespace=pairs" of kv_counts (rows at 0 left out: a namespace emptied keeps its row) and
    // of a COUNT(*) of kv, read behind the catalog's back.
    static QStringList rows(const QString& sql)
    {
        QSqlQuery q(rawRegistry(QString()));
        if (!q.exec(sql))
            return {sql};
        QStringList out;
        while (q.next())
            out << q.value(0).toString() + QLatin1Char('=') + q.value(1).toString();
        out.sort();
        return out;
    }
    static QStringList storedCounts()
    {
        return rows(QStringLiteral("SELECT namespace, pairs FROM kv_counts WHERE pairs <> 0"));
    }
    static QStringList countedRows()
    {
        return rows(QStringLiteral("SELECT namespace, COUNT(*) FROM kv GROUP BY namespace"));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Catalog> m_catalog;
};

void TestPairCounts::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_shared<ManualClock>();
    open();
    rawRegistry(registryFile()); // the raw connection for this test's catalog
}

void TestPairCounts::cleanup()
{
    m_catalog.reset();
    QSqlDatabase::database(QStringLiteral("raw"), false).close();
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
}

#define CHECK_COUNTS(step)                                                                         \
    do {                                                                                           \
        const QStringList stored = storedCounts();                                                 \
        QVERIFY2(stored == countedRows(),                                                          \
                 qPrintable(                                                                       \
                     QStringLiteral("after %1: kv_counts %2, COUNT(*) %3")                         \
                         .arg(QLatin1String(step), stored.join(u' '), countedRows().join(u' ')))); \
    } while (false)

void TestPairCounts::countsFollowEveryWritePath()
{
    const QString a = QStringLiteral("mix.a");
    const QString b = QStringLiteral("mix.b");
    const QString c = QStringLiteral("mix.b.c");
    for (int i = 1; i <= 6; ++i)
        set(a, QStringLiteral("k%1").arg(i), QStringLiteral("v%1").arg(i));
    set(b, QStringLiteral("k1"), QStringLiteral("v"));
    set(c, QStringLiteral("k1"), QStringLiteral("v"));
    CHECK_COUNTS("set of new keys");
    set(a, QStringLiteral("k1"), QStringLiteral("second")); // a revision: no new row
    m_catalog->restore(a, QStringLiteral("k1"), 1).waitForFinished();
    CHECK_COUNTS("rewrite and restore");

    // Short-lived pairs, one of them in a file (a value over the inline limit).
    set(a, QStringLiteral("t1"), QStringLiteral("x"), 1000);
    set(a, QStringLiteral("t2"), QStringLiteral("x"), 1000);
    set(b, QStringLiteral("t1"), QStringLiteral("x"), 1000);
    set(c, QStringLiteral("t1"), QStringLiteral("x"), 1000);
    m_catalog->backend().setInlineLimit(0);
    set(c, QStringLiteral("file"), QStringLiteral("in a file"));
    set(a, QStringLiteral("t3"), QStringLiteral("x"), 1000);
    m_catalog->backend().setInlineLimit(16384);
    CHECK_COUNTS("writes with a TTL");

    m_catalog->remove(a, {QStringLiteral("k2")}).waitForFinished();
    m_catalog->remove(a, {QStringLiteral("k3"), QStringLiteral("k4"), QStringLiteral("none")})
        .waitForFinished();
    m_catalog->expire({a, {QStringLiteral("k5")}, 1000}).waitForFinished();
    CHECK_COUNTS("remove and expire");

    // Import: new keys in a new namespace, then new and existing keys in another.
    QCOMPARE(import(QStringLiteral("mix.d"), "key,value\nd1,one\nd2,two\nd3,three\n"), 3);
    QCOMPARE(import(a, "key,value\nk1,one\nn1,two\nn2,three\n"), 3);
    CHECK_COUNTS("import");

    m_clock->advanceSeconds(10); // t1, t2, t3 and k5 expire
    try {
        m_catalog->get(a, QStringLiteral("t1")).waitForFinished(); // removes it
        QFAIL("an expired pair was read");
    } catch (const CatalogError& e) {
        QCOMPARE(e.code(), ErrorCode::Expired);
    }
    CHECK_COUNTS("expire on read");
    set(a, QStringLiteral("t2"), QStringLiteral("again")); // replaces an expired row
    CHECK_COUNTS("set over an expired pair");

    PurgeRequest byPattern; // the batch read, filtered, removed path
    byPattern.namespaces = {b};
    byPattern.includeChildren = true;
    byPattern.keyPattern = QStringLiteral("t*");
    QCOMPARE(m_catalog->purge(byPattern).result().count, 2);
    CHECK_COUNTS("purge with a key pattern");
    PurgeRequest oneNamespace; // the registry selects and removes
    oneNamespace.namespaces = {a};
    QCOMPARE(m_catalog->purge(oneNamespace).result().count, 2); // t3 and k5
    CHECK_COUNTS("purge of one namespace");
    set(b, QStringLiteral("t9"), QStringLiteral("x"), 1000);
    set(QStringLiteral("mix.d"), QStringLiteral("t9"), QStringLiteral("x"), 1000);
    m_clock->advanceSeconds(10);
    QCOMPARE(m_catalog->purge(PurgeRequest{}).result().count, 2); // every namespace
    CHECK_COUNTS("purge of every namespace");

    // fsck's repair of a dangling row (its value file is gone).
    QDirIterator files(catalogPath() + QStringLiteral("/values"), QDir::Files,
                       QDirIterator::Subdirectories);
    QVERIFY(files.hasNext());
    QVERIFY(QFile::remove(files.next()));
    FsckRequest repair;
    repair.repair = true;
    QCOMPARE(m_catalog->fsck(repair).result().dangling.size(), 1);
    CHECK_COUNTS("fsck repair");

    m_catalog->deleteNamespace(b, true).waitForFinished(); // b and c, all of their pairs
    CHECK_COUNTS("namespace delete");
    QCOMPARE(countedRows(), QStringList({QStringLiteral("mix.a=5"), QStringLiteral("mix.d=3")}));

    // The catalog's own counts read the same.
    ListQuery all;
    all.ns = a;
    all.limit = 0;
    all.withTotal = true;
    QCOMPARE(m_catalog->list(all).result().total, 5);
}

void TestPairCounts::schemaTwoCatalogIsRecounted()
{
    // A catalog as schema 2 left it: written through the catalog, then its count triggers and
    // version put back, and its counts gone wrong (a hand edit, or a bug of the time).
    for (int i = 0; i < 2500; ++i)
        set(QStringLiteral("old.a"), QStringLiteral("k%1").arg(i, 4, 10, QLatin1Char('0')),
            QString::number(i));
    set(QStringLiteral("old.b"), QStringLiteral("only"), QStringLiteral("one"));
    m_catalog.reset();
    for (const QString& statement : SqlDialect(SqlDialect::Kind::Sqlite).pairCountTriggers())
        execRaw(registryFile(), statement);
    execRaw(registryFile(), QStringLiteral("UPDATE meta SET value = '2' WHERE name = "
                                           "'schema_version'"));
    execRaw(registryFile(),
            QStringLiteral("UPDATE kv_counts SET pairs = 7 WHERE namespace = 'old.a'"));
    execRaw(registryFile(), QStringLiteral("DELETE FROM kv_counts WHERE namespace = 'old.b'"));
    QCOMPARE(rows(QStringLiteral("SELECT type, COUNT(*) FROM sqlite_master WHERE type = "
                                 "'trigger' GROUP BY type")),
             QStringList{QStringLiteral("trigger=2")});

    open();
    QCOMPARE(m_catalog->backend().schemaVersion(),
             std::optional<int>(RegistrySchema::currentVersion));
    QCOMPARE(rows(QStringLiteral("SELECT type, COUNT(*) FROM sqlite_master WHERE type = "
                                 "'trigger' GROUP BY type")),
             QStringList());
    QCOMPARE(storedCounts(),
             QStringList({QStringLiteral("old.a=2500"), QStringLiteral("old.b=1")}));
    CHECK_COUNTS("the upgrade");
    // Every pair reads back as written.
    for (int i = 0; i < 2500; ++i) {
        const KvEntry e = m_catalog
                              ->get(QStringLiteral("old.a"),
                                    QStringLiteral("k%1").arg(i, 4, 10, QLatin1Char('0')))
                              .result();
        QCOMPARE(e.value->text(), QString::number(i));
    }
    QCOMPARE(m_catalog->get(QStringLiteral("old.b"), QStringLiteral("only")).result().value->text(),
             QStringLiteral("one"));
    // And the counts go on from there.
    set(QStringLiteral("old.b"), QStringLiteral("two"), QStringLiteral("2"));
    m_catalog->remove(QStringLiteral("old.a"), {QStringLiteral("k0000")}).waitForFinished();
    QCOMPARE(storedCounts(),
             QStringList({QStringLiteral("old.a=2499"), QStringLiteral("old.b=2")}));
}

QTEST_GUILESS_MAIN(TestPairCounts)
#include "tst_paircounts.moc"
