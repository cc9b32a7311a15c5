// Behaviour specific to the local catalog: the folder layout, the registry schema, the value
// store and the consistency check. The shared behaviour is in the Catalog contract suite.
#include "Catalog.h"
#include "domain/CatalogError.h"
#include "domain/Clock.h"
#include "ExpectError.h"
#include "local/LocalBackend.h"
#include "local/RegistrySchema.h"

#include <atomic>
#include <QBuffer>
#include <QDirIterator>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtConcurrent/QtConcurrentRun>
#include <QTemporaryDir>
#include <QTest>
#include <thread>
#include <vector>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

using namespace kv;
using kvtest::expectError;

class TestLocalCatalog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void createsCatalogOnFirstUse();
    void refusesFolderWithOtherFiles();
    void refusesPlainFile();
    void refusesForeignDatabase();
    void refusesNewerSchema();
    void registryUsesWal();
    void valueFilesAreNamedByIdNotKey();
    void filesFollowRows();
    void fsckFindsAndRepairsOrphansAndDangling();
    void fsckGraceKeepsYoungOrphans();
    void corruptValueIsReported();
    void historyDepthPersists();
    void fsckWaitsForWritesInFlight();
    void threadsWritingOneKeyLoseNothing();
    void sharedCommitsIsolateFailures();
    void fsckSeesNoDanglingUnderConcurrentDeletes();
    void importOfManyBatchesKeepsOrderAndErrors();

private:
    QString catalogPath() const { return m_dir->filePath(QStringLiteral("catalog")); }
    std::unique_ptr<Catalog>
    open(std::shared_ptr<const Clock> clock = std::make_shared<SystemClock>())
    {
        return std::make_unique<Catalog>(std::make_shared<LocalBackend>(catalogPath(), clock));
    }
    // For the tests of the value store itself: every value in a file (inline limit 0).
    std::unique_ptr<Catalog>
    openFiles(std::shared_ptr<const Clock> clock = std::make_shared<SystemClock>())
    {
        auto c = open(std::move(clock));
        c->backend().setInlineLimit(0);
        return c;
    }
    void put(Catalog& c, const QString& key, const QString& value)
    {
        c.set({QStringLiteral("ns"), key, KvValue::parse(ValueType::String, value)})
            .waitForFinished();
    }
    QStringList valueFiles() const
    {
        QStringList files;
        QDirIterator it(catalogPath() + QStringLiteral("/values"), QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
        return files;
    }
    void execSql(const QString& file, const QString& sql)
    {
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY2(q.exec(sql), qPrintable(sql));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLocalCatalog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestLocalCatalog::createsCatalogOnFirstUse()
{
    const auto c = open();
    QVERIFY(QFile::exists(catalogPath() + QStringLiteral("/registry.sqlite")));
    QVERIFY(QFileInfo(catalogPath() + QStringLiteral("/values")).isDir());
    QCOMPARE(c->location(), QDir(catalogPath()).absolutePath());
    QVERIFY(c->listNamespaces().result().isEmpty());
}

void TestLocalCatalog::refusesFolderWithOtherFiles()
{
    QDir().mkpath(catalogPath());
    QFile other(catalogPath() + QStringLiteral("/notes.txt"));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("mine");
    other.close();
    if (!expectError(
            ErrorCode::InvalidInput, [&] { open(); }, QStringLiteral("not a KV Desk catalog")))
        return;
    QVERIFY(!QFile::exists(catalogPath() + QStringLiteral("/registry.sqlite")));
    QCOMPARE(QDir(catalogPath()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
             QStringList{QStringLiteral("notes.txt")});
}

void TestLocalCatalog::refusesPlainFile()
{
    QFile file(catalogPath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    expectError(
        ErrorCode::InvalidInput, [&] { open(); },
        QStringLiteral("is a file, not a catalog folder"));
}

void TestLocalCatalog::refusesForeignDatabase()
{
    QDir().mkpath(catalogPath());
    execSql(catalogPath() + QStringLiteral("/registry.sqlite"),
            QStringLiteral("CREATE TABLE customers (id INTEGER)"));
    expectError(
        ErrorCode::InvalidInput, [&] { open(); }, QStringLiteral("customers"));
}

void TestLocalCatalog::refusesNewerSchema()
{
    open().reset();
    execSql(catalogPath() + QStringLiteral("/registry.sqlite"),
            QStringLiteral("UPDATE meta SET value = '%1' WHERE name = 'schema_version'")
                .arg(RegistrySchema::currentVersion + 1));
    expectError(
        ErrorCode::InvalidInput, [&] { open(); }, QStringLiteral("newer KV Desk"));
}

void TestLocalCatalog::registryUsesWal()
{
    open().reset();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("wal"));
    db.setDatabaseName(catalogPath() + QStringLiteral("/registry.sqlite"));
    QVERIFY(db.open());
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    q = QSqlQuery();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("wal"));
}

void TestLocalCatalog::valueFilesAreNamedByIdNotKey()
{
    const auto c = openFiles();
    put(*c, QStringLiteral("Secret.Key"), QStringLiteral("hello"));
    const QStringList files = valueFiles();
    QCOMPARE(files.size(), 1);
    const QFileInfo info(files.first());
    QVERIFY(!info.fileName().contains(QStringLiteral("Secret"), Qt::CaseInsensitive));
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(info.fileName()).hasMatch());
    QCOMPARE(info.dir().dirName(), info.fileName().left(2));
    QFile f(files.first());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("\"hello\""));
}

void TestLocalCatalog::filesFollowRows()
{
    auto clock = std::make_shared<ManualClock>();
    const auto c = openFiles(clock);
    for (int i = 0; i < 9; ++i)
        put(*c, QStringLiteral("k"), QString::number(i)); // current + 5 history revisions
    QCOMPARE(valueFiles().size(), 6);
    put(*c, QStringLiteral("other"), QStringLiteral("x"));
    c->remove(QStringLiteral("ns"), {QStringLiteral("k")}).waitForFinished();
    QCOMPARE(valueFiles().size(), 1);
    SetRequest r{QStringLiteral("ns"), QStringLiteral("short"),
                 KvValue::parse(ValueType::String, QStringLiteral("x"))};
    r.ttlMs = 1000;
    c->set(r).waitForFinished();
    clock->advanceSeconds(2);
    QCOMPARE(c->purge({}).result().count, 1);
    QCOMPARE(valueFiles().size(), 1);
    c->deleteNamespace(QStringLiteral("ns"), true).waitForFinished();
    QCOMPARE(valueFiles().size(), 0);
}

void TestLocalCatalog::fsckFindsAndRepairsOrphansAndDangling()
{
    const auto c = openFiles();
    put(*c, QStringLiteral("a"), QStringLiteral("1"));
    put(*c, QStringLiteral("b"), QStringLiteral("2"));
    put(*c, QStringLiteral("b"), QStringLiteral("3")); // b has one history revision
    QCOMPARE(c->fsck({}).result().isClean(), true);

    // An orphan, as a crash between writing a file and committing its row leaves it.
    QDir().mkpath(catalogPath() + QStringLiteral("/values/ab"));
    QFile orphan(catalogPath() + QStringLiteral("/values/ab/ab000000000000000000000000000000"));
    QVERIFY(orphan.open(QIODevice::WriteOnly));
    orphan.write("\"lost\"");
    orphan.close();
    // A dangling row: a's value file vanished behind the catalog's back.
    QStringList before = valueFiles();
    const QString aFile = [&] {
        for (const QString& f : before) {
            QFile file(f);
            file.open(QIODevice::ReadOnly);
            if (file.readAll() == "\"1\"")
                return f;
        }
        return QString();
    }();
    QVERIFY(QFile::remove(aFile));

    const FsckReport report = c->fsck({}).result();
    QCOMPARE(report.orphans, QStringList{QStringLiteral("ab/ab000000000000000000000000000000")});
    QCOMPARE(report.dangling.size(), 1);
    QCOMPARE(report.dangling.first().key, QStringLiteral("a"));
    QVERIFY(!report.repaired);
    QVERIFY(orphan.exists());

    FsckRequest repair;
    repair.repair = true;
    QVERIFY(!c->fsck(repair).result().isClean());
    const FsckReport after = c->fsck({}).result();
    QVERIFY(after.isClean());
    QVERIFY(!orphan.exists());
    QCOMPARE(after.rows, 2); // b and its history revision
    QCOMPARE(after.valueFiles, 2);
    if (!expectError(ErrorCode::NotFound,
                     [&] { c->get(QStringLiteral("ns"), QStringLiteral("a")).waitForFinished(); }))
        return;
    QCOMPARE(c->get(QStringLiteral("ns"), QStringLiteral("b")).result().value->text(),
             QStringLiteral("3"));
}

void TestLocalCatalog::fsckGraceKeepsYoungOrphans()
{
    const auto c = open();
    QDir().mkpath(catalogPath() + QStringLiteral("/values/cd"));
    QFile orphan(catalogPath() + QStringLiteral("/values/cd/cd000000000000000000000000000000.tmp"));
    QVERIFY(orphan.open(QIODevice::WriteOnly));
    orphan.close();
    FsckRequest r;
    r.repair = true;
    r.graceMs = 3'600'000;
    QVERIFY(c->fsck(r).result().orphans.isEmpty());
    QVERIFY(orphan.exists());
    r.graceMs = 0;
    QCOMPARE(c->fsck(r).result().orphans.size(), 1);
    QVERIFY(!orphan.exists());
}

void TestLocalCatalog::corruptValueIsReported()
{
    const auto c = openFiles();
    put(*c, QStringLiteral("k"), QStringLiteral("good"));
    QFile f(valueFiles().first());
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("\"evil\"");
    f.close();
    expectError(
        ErrorCode::Internal,
        [&] { c->get(QStringLiteral("ns"), QStringLiteral("k")).waitForFinished(); },
        QStringLiteral("corrupt"));
}

void TestLocalCatalog::historyDepthPersists()
{
    open()->backend().setHistoryDepth(2);
    const auto c = open();
    QCOMPARE(c->backend().historyDepth(), 2);
    for (int i = 0; i < 5; ++i)
        put(*c, QStringLiteral("k"), QString::number(i));
    QCOMPARE(c->history(QStringLiteral("ns"), QStringLiteral("k")).result().size(), 3);
}

void TestLocalCatalog::fsckWaitsForWritesInFlight()
{
#ifdef Q_OS_UNIX
    const auto c = open();
    // Another process in the middle of a write holds the in-flight lock shared.
    const int fd =
        ::open(QFile::encodeName(catalogPath() + QStringLiteral("/inflight.lock")).constData(),
               O_RDWR | O_CREAT, 0644);
    QVERIFY(fd >= 0);
    QCOMPARE(::flock(fd, LOCK_SH), 0);
    QFuture<FsckReport> f = c->fsck({});
    // A check that something does not happen: there is no event to wait for, so fsck gets
    // 300 ms to finish wrongly (it finishes in a few ms when it does not wait for the lock).
    QTest::qWait(300);
    QVERIFY2(!f.isFinished(), "fsck must not look for orphans while a write is in flight");
    ::close(fd);
    QVERIFY(f.result().isClean());
#else
    QSKIP("uses POSIX flock to act as another process");
#endif
}

void TestLocalCatalog::threadsWritingOneKeyLoseNothing()
{
    // Two catalogs on one folder (as two processes would), each with several worker threads.
    const auto a = openFiles(); // the value files' protocol under concurrency
    const auto b = open();
    QList<QFuture<KvEntry>> writes;
    for (int i = 0; i < 40; ++i) {
        Catalog& c = i % 2 ? *a : *b;
        writes << c.set({QStringLiteral("ns"), QStringLiteral("shared"),
                         KvValue::parse(ValueType::String, QString::number(i))});
        writes << c.set({QStringLiteral("ns"), QStringLiteral("own%1").arg(i),
                         KvValue::parse(ValueType::Number, QString::number(i))});
    }
    for (QFuture<KvEntry>& w : writes)
        w.waitForFinished(); // throws on any error, e.g. a busy registry
    QCOMPARE(a->get(QStringLiteral("ns"), QStringLiteral("shared")).result().revision, 40);
    ListQuery all{QStringLiteral("ns")};
    all.withTotal = true;
    QCOMPARE(a->list(all).result().total, 41);
    const FsckReport report = b->fsck({}).result();
    QVERIFY(report.isClean());
    QCOMPARE(report.valueFiles, 41 + 5); // 41 current values and shared's 5 history revisions
}

void TestLocalCatalog::sharedCommitsIsolateFailures()
{
    // Writers on many threads share commits (GroupCommit); a write that fails (a conflict) must
    // be rolled back alone, and its value file removed, while the others in its batch commit.
    auto backend = std::make_shared<LocalBackend>(catalogPath(), std::make_shared<SystemClock>());
    backend->setInlineLimit(0); // every write has a file to remove when it fails
    const QString ns = QStringLiteral("ns");
    backend->set(
        {ns, QStringLiteral("taken"), KvValue::parse(ValueType::String, QStringLiteral("x"))});
    constexpr int threads = 16;
    constexpr int perThread = 40;
    std::atomic<int> conflicts{0};
    std::atomic<int> otherErrors{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (int i = 0; i < perThread; ++i) {
                try {
                    backend->set({ns, QStringLiteral("t%1.%2").arg(t).arg(i),
                                  KvValue::parse(ValueType::Number, QString::number(i))});
                    if (i % 10 == 0) {
                        SetRequest clash{ns, QStringLiteral("taken"),
                                         KvValue::parse(ValueType::String, QStringLiteral("y"))};
                        clash.overwrite = false;
                        backend->set(clash);
                    }
                } catch (const CatalogError& e) {
                    (e.code() == ErrorCode::Conflict ? conflicts : otherErrors)++;
                }
            }
        });
    }
    for (std::thread& w : workers)
        w.join();
    QCOMPARE(otherErrors.load(), 0);
    QCOMPARE(conflicts.load(), threads * perThread / 10);
    ListQuery all{ns};
    all.withTotal = true;
    all.limit = 0;
    QCOMPARE(backend->list(all).total, threads * perThread + 1);
    const KvEntry taken = backend->get(ns, QStringLiteral("taken"));
    QCOMPARE(taken.revision, 1);
    QCOMPARE(taken.value->text(), QStringLiteral("x"));
    const FsckReport report = backend->fsck({});
    QVERIFY2(report.isClean(), qPrintable(report.orphans.join(QLatin1Char(','))));
    QCOMPARE(report.valueFiles, threads * perThread + 1);
}

void TestLocalCatalog::fsckSeesNoDanglingUnderConcurrentDeletes()
{
    // Deletes (remove, purge) do not take the in-flight lock: they commit, then unlink. A pair
    // deleted after fsck's registry scan began is no dangling row, and a repair running meanwhile
    // must remove nothing but what is really lost.
    auto backend = std::make_shared<LocalBackend>(catalogPath(), std::make_shared<SystemClock>());
    constexpr int count = 2000;
    for (const char* ns : {"del", "pur", "keep"}) {
        QByteArray csv = "key,value\n";
        for (int i = 0; i < count; ++i)
            csv += 'k' + QByteArray::number(i) + ",v" + QByteArray::number(i) + '\n';
        QBuffer in(&csv);
        QVERIFY(in.open(QIODevice::ReadOnly));
        backend->importCsv({QLatin1String(ns)}, &in, {});
    }
    std::atomic<bool> done{false};
    QString deleterError;
    std::thread deleter([&] {
        try {
            for (int i = 0; i < count; i += 4) {
                QStringList keys;
                for (int j = i; j < i + 4; ++j)
                    keys << QStringLiteral("k%1").arg(j);
                backend->remove(QStringLiteral("del"), keys, false);
            }
            for (int digit = 1; digit <= 9; ++digit) {
                PurgeRequest purge;
                purge.namespaces = {QStringLiteral("pur")};
                purge.all = true;
                purge.keyPattern = QStringLiteral("k%1*").arg(digit);
                backend->purge(purge, {});
            }
        } catch (const CatalogError& e) {
            deleterError = e.message();
        }
        done = true;
    });
    QStringList dangling;
    int runs = 0;
    while (!done.load() || runs == 0) {
        FsckRequest request;
        request.repair = runs % 3 == 2;
        const FsckReport report = backend->fsck(request);
        for (const PurgedPair& p : report.dangling)
            dangling << p.ns + QLatin1Char('/') + p.key;
        dangling << report.danglingRevisions;
        ++runs;
    }
    deleter.join();
    QVERIFY2(deleterError.isEmpty(), qPrintable(deleterError));
    QVERIFY2(dangling.isEmpty(), qPrintable(QStringLiteral("%1 fsck run(s) reported dangling: %2")
                                                .arg(runs)
                                                .arg(dangling.mid(0, 10).join(QLatin1Char(' ')))));
    ListQuery keep{QStringLiteral("keep")};
    keep.withTotal = true;
    keep.limit = 0;
    QCOMPARE(backend->list(keep).total, count);
    QCOMPARE(backend->get(QStringLiteral("keep"), QStringLiteral("k1999")).value->text(),
             QStringLiteral("v1999"));
    QVERIFY(backend->fsck({}).isClean());
}

// The import reads and checks rows on a thread of its own (ImportParser) and hands them over in
// batches; the staging commits every 10,000 rows. Across those batches the rows keep their order
// and their numbers, an error late in the file still writes nothing, and the files of the large
// values staged before it are removed.
void TestLocalCatalog::importOfManyBatchesKeepsOrderAndErrors()
{
    const auto c = open();
    c->backend().setInlineLimit(64);
    constexpr int rows = 12345;
    auto csv = [](int badRow, int repeatedRow) {
        QByteArray text = "key,type,value\n";
        for (int i = 1; i <= rows; ++i) {
            const QByteArray n = QByteArray::number(i);
            const QByteArray key = i == repeatedRow ? QByteArray("k1") : "k" + n;
            if (i == badRow)
                text += key + ",NUMBER,not a number\n";
            else if (i % 100 == 0) // over the inline limit: a file
                text += key + ",STRING," + QByteArray(100, 'x') + n + "\n";
            else
                text += key + ",STRING,v" + n + "\n";
        }
        return text;
    };
    auto import = [&](const QByteArray& text) {
        QBuffer in;
        in.setData(text);
        in.open(QIODevice::ReadOnly);
        return c->importCsv({QStringLiteral("ns")}, &in).result();
    };

    // Data row 11,999 is record 12,000 (the header is record 1) on line 12,000.
    expectError(
        ErrorCode::InvalidInput, [&] { import(csv(11999, 0)); },
        QStringLiteral("row 12000 (line 12000): "));
    QCOMPARE(c->list({QStringLiteral("ns")}).result().entries.size(), 0);
    QCOMPARE(valueFiles(), QStringList());
    expectError(
        ErrorCode::InvalidInput, [&] { import(csv(0, 12300)); },
        QStringLiteral("row 12301 (line 12301): key 'k1' appears more than once in the file "
                       "(also on row 2)"));
    QCOMPARE(valueFiles(), QStringList());

    QCOMPARE(import(csv(0, 0)).imported, rows);
    ListQuery all{QStringLiteral("ns")};
    all.limit = 0;
    all.withTotal = true;
    QCOMPARE(c->list(all).result().total, rows);
    QCOMPARE(valueFiles().size(), rows / 100);
    for (int i : {1, 999, 1000, 1001, 5000, 10000, 10001, rows}) {
        const QString expected = i % 100 == 0 ? QString(100, QLatin1Char('x')) + QString::number(i)
                                              : QStringLiteral("v%1").arg(i);
        QCOMPARE(c->get(QStringLiteral("ns"), QStringLiteral("k%1").arg(i)).result().value->text(),
                 expected);
    }
    QVERIFY(c->fsck({}).result().isClean());
}

QTEST_GUILESS_MAIN(TestLocalCatalog)
#include "tst_localcatalog.moc"
