// kvdesk-cli killed with SIGKILL in the middle of an import, a purge, a burst of mixed writes
// (and of single writes): the registry never points at a missing value file, everything listed
// reads back, and fsck --repair leaves exactly one value file per registry row that names one
// (small values live in their rows).
#include "Catalog.h"
#include "CliRunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace {

constexpr int rowCount = 50'000; // about 4 s of staging and 2.5 s of applying on a CI core
const QString ns = QStringLiteral("crash");

QString keyOf(int i)
{
    return QStringLiteral("k%1").arg(i, 6, 10, QLatin1Char('0'));
}

// Row i of the generated file: every fifth value a NUMBER, some strings that need CSV quoting.
bool isNumber(int i)
{
    return i % 5 == 0;
}

// Every fiftieth value is over the inline limit (16 KiB): a file; the others go into their rows.
bool isLarge(int i)
{
    return i % 50 == 1;
}

QString valueOf(int i)
{
    if (isLarge(i))
        return QStringLiteral("big-%1-").arg(i) + QString(17'000, QLatin1Char('x'));
    if (isNumber(i))
        return QStringLiteral("1%1.5").arg(i, 20, 10, QLatin1Char('0'));
    if (i % 7 == 0)
        return QStringLiteral("value %1, with \"quotes\"").arg(i);
    return QStringLiteral("value-%1-abcdefghijklmnopqrstuvwxyz").arg(i);
}

QJsonObject fsckReport(const CliRunner& cli, const QStringList& options, int* exitCode)
{
    const CliResult r =
        cli.run(QStringList{QStringLiteral("fsck"), QStringLiteral("--json")} + options);
    *exitCode = r.exitCode;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out);
    if (!doc.isObject())
        QTest::qFail(qPrintable(QStringLiteral("fsck printed no report:") + r.describe()), __FILE__,
                     __LINE__);
    return doc.object();
}

} // namespace

class TestCrash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killedImport_data();
    void killedImport();
    void killedWrites();
    void killedPurge();
    void killedWriteBurst();

private:
    qint64 registryRows(const QString& catalog);
    // Runs one statement on the registry as another program would (no kvdesk-cli running).
    void registrySql(const QString& catalog, const QString& sql);
    // Every live pair of `ns` read in-process with its value (a dangling row fails the read):
    // key -> value text.
    QHash<QString, QString> readAll(const QString& catalog);
    // Checks what a killed writer left behind, then repairs it and checks again.
    void verifyAndRepair(const CliRunner& cli, qint64 expectedListed);

    QTemporaryDir m_dir;
    QString m_csv;
};

void TestCrash::initTestCase()
{
    QVERIFY2(!CliRunner::program().isEmpty(), "KVDESK_CLI is not set: run the test through ctest");
    QVERIFY(m_dir.isValid());
    m_csv = m_dir.filePath(QStringLiteral("big.csv"));
    QFile file(m_csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray text = "key,value,type\r\n";
    for (int i = 0; i < rowCount; ++i) {
        const QString value = valueOf(i);
        const QString cell =
            value.contains(QLatin1Char('"'))
                ? QLatin1Char('"') +
                      QString(value).replace(QLatin1String("\""), QLatin1String("\"\"")) +
                      QLatin1Char('"')
                : value;
        text += (keyOf(i) + QLatin1Char(',') + cell + QLatin1Char(',') +
                 (isNumber(i) ? QLatin1String("NUMBER") : QLatin1String("STRING")) +
                 QLatin1String("\r\n"))
                    .toUtf8();
    }
    QCOMPARE(file.write(text), text.size());
}

qint64 TestCrash::registryRows(const QString& catalog)
{
    const QString name = QStringLiteral("probe-") + catalog;
    qint64 count = -1;
    {
        QSqlDatabase db = QSqlDatabase::contains(name)
                              ? QSqlDatabase::database(name)
                              : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        if (!db.isOpen()) {
            db.setDatabaseName(catalog + QStringLiteral("/registry.sqlite"));
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            if (!QFileInfo::exists(db.databaseName()) || !db.open())
                return -1;
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM kv WHERE namespace = :ns"));
        q.bindValue(QStringLiteral(":ns"), ns);
        if (q.exec() && q.next())
            count = q.value(0).toLongLong();
    }
    return count;
}

void TestCrash::registrySql(const QString& catalog, const QString& sql)
{
    QVERIFY(registryRows(catalog) >= 0); // opens the probe connection
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("probe-") + catalog));
    QVERIFY2(q.exec(sql), qPrintable(sql));
}

QHash<QString, QString> TestCrash::readAll(const QString& catalog)
{
    const auto inProcess = kv::Catalog::open(catalog);
    kv::ListQuery query;
    query.ns = ns;
    query.limit = 5000;
    query.withValues = true;
    QHash<QString, QString> values;
    for (;;) {
        const kv::KvPage page = inProcess->list(query).result();
        for (const kv::KvEntry& e : page.entries)
            values.insert(e.key, e.value ? e.value->text() : QString());
        if (page.entries.size() < query.limit)
            break;
        query.afterKey = page.entries.last().key;
    }
    return values;
}

void TestCrash::killedImport_data()
{
    QTest::addColumn<bool>("duringApply");
    QTest::newRow("killed while staging") << false;
    QTest::newRow("killed while applying") << true;
}

void TestCrash::killedImport()
{
    QFETCH(bool, duringApply);
    const QString catalog = m_dir.filePath(
        QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
    const CliRunner cli(catalog);
    cli.ok(CliRunner::words("catalog set inline-limit 0")); // every row has its value file
    // Something to keep: pairs with history elsewhere, and one key the file overwrites.
    for (const char* line :
         {"set keep a 1", "set keep a 2", "set keep b x", "set crash k000001 seed"})
        cli.ok(CliRunner::words(line));

    const std::unique_ptr<QProcess> import = cli.start({QStringLiteral("import"), ns, m_csv});
    QVERIFY2(import->waitForStarted(10'000), qPrintable(import->errorString()));

    QElapsedTimer clock;
    clock.start();
    qint64 rowsAtKill = 0;
    bool finishedFirst = false;
    for (;;) {
        if (import->waitForFinished(5)) {
            finishedFirst = true;
            break;
        }
        QVERIFY2(clock.elapsed() < 120'000, "the import neither progressed nor finished");
        rowsAtKill = registryRows(catalog);
        if (duringApply ? rowsAtKill > 1 && rowsAtKill < rowCount
                        : CliRunner::valueFiles(catalog).size() >= 30 && rowsAtKill <= 1)
            break;
    }
    if (finishedFirst)
        qWarning("the import finished before it could be killed; checking the result anyway");
    import->kill(); // SIGKILL: no cleanup of any kind
    QVERIFY(import->waitForFinished(10'000));
    const qint64 listedAfter = registryRows(catalog);
    qInfo("killed after %lld ms with %lld rows committed (%lld after the kill)", clock.elapsed(),
          rowsAtKill, listedAfter);
    if (!finishedFirst && !duringApply)
        QCOMPARE(listedAfter, qint64(1)); // all-or-nothing until every row is staged: only the seed
    if (!finishedFirst && duringApply)
        QVERIFY(listedAfter > 1 && listedAfter < rowCount);

    // Everything the catalog lists reads back with the value of the file (or the seed value).
    {
        const auto inProcess = kv::Catalog::open(catalog);
        kv::ListQuery query;
        query.ns = ns;
        query.limit = 5000;
        query.withValues = true;
        qint64 seen = 0;
        QString firstMismatch;
        for (;;) {
            const kv::KvPage page = inProcess->list(query).result();
            for (const kv::KvEntry& e : page.entries) {
                ++seen;
                const int i = e.key.mid(1).toInt();
                const QString expected = valueOf(i);
                const bool matches = e.value && (e.value->text() == expected ||
                                                 (e.key == QLatin1String("k000001") &&
                                                  e.value->text() == QLatin1String("seed")));
                if (!matches && firstMismatch.isEmpty())
                    firstMismatch =
                        QStringLiteral("%1 = '%2', expected '%3'")
                            .arg(e.key, e.value ? e.value->text() : QString(), expected);
            }
            if (page.entries.size() < query.limit)
                break;
            query.afterKey = page.entries.last().key;
        }
        QVERIFY2(firstMismatch.isEmpty(), qPrintable(firstMismatch));
        QCOMPARE(seen, listedAfter);
    }
    // ... and through the CLI: the listing's count and a sample of keys.
    const CliResult listed = cli.ok({QStringLiteral("ls"), ns, QStringLiteral("--json")});
    const QJsonArray entries = QJsonDocument::fromJson(listed.out).array();
    QCOMPARE(qint64(entries.size()), listedAfter);
    for (qsizetype at :
         {qsizetype(0), entries.size() / 3, entries.size() / 2, entries.size() - 1}) {
        const QString key = entries.at(at)[u"key"].toString();
        const CliResult get = cli.ok({QStringLiteral("get"), ns, key});
        const QString value = get.outText().chopped(1);
        QVERIFY2(value == valueOf(key.mid(1).toInt()) || value == QLatin1String("seed"),
                 qPrintable(key + get.describe()));
    }
    verifyAndRepair(cli, listedAfter);
    QCOMPARE(cli.ok({QStringLiteral("get"), QStringLiteral("keep"), QStringLiteral("a")}).out,
             QByteArray("2\n"));
}

void TestCrash::verifyAndRepair(const CliRunner& runner, qint64 expectedListed)
{
    // fsck reads every row and walks every value file (tens of thousands after a killed import):
    // on a loaded machine that may take longer than a minute.
    CliRunner cli = runner;
    cli.setTimeout(300'000);
    int exitCode = -1;
    const QJsonObject before = fsckReport(cli, {}, &exitCode);
    QVERIFY2(before[u"dangling"].toArray().isEmpty(),
             QJsonDocument(before[u"dangling"].toArray()).toJson().constData());
    QVERIFY(before[u"danglingRevisions"].toArray().isEmpty());
    QCOMPARE(exitCode, before[u"clean"].toBool() ? 0 : 1);
    qInfo("fsck found %lld orphan(s) in %lld value files for %lld rows",
          qint64(before[u"orphans"].toArray().size()), before[u"valueFiles"].toInteger(),
          before[u"rows"].toInteger());

    const QJsonObject repaired = fsckReport(cli, {QStringLiteral("--repair")}, &exitCode);
    QCOMPARE(exitCode, 0);
    QCOMPARE(repaired[u"orphans"].toArray().size(), before[u"orphans"].toArray().size());
    QVERIFY(repaired[u"dangling"].toArray().isEmpty());

    const QJsonObject after = fsckReport(cli, {}, &exitCode);
    QCOMPARE(exitCode, 0);
    QVERIFY(after[u"clean"].toBool());
    const qint64 files = CliRunner::valueFiles(cli.catalog()).size();
    QCOMPARE(after[u"valueFiles"].toInteger(), files);
    // Every row holds its value inline or names one of the files.
    QCOMPARE(after[u"rows"].toInteger(), files + after[u"inlineValues"].toInteger());
    QCOMPARE(registryRows(cli.catalog()), expectedListed); // the repair removed no live pair
    // The catalog takes writes again.
    cli.ok({QStringLiteral("set"), ns, QStringLiteral("after-crash"), QStringLiteral("ok")});
    QCOMPARE(cli.ok({QStringLiteral("get"), ns, QStringLiteral("after-crash")}).out,
             QByteArray("ok\n"));
}

void TestCrash::killedWrites()
{
    // Writers killed at different moments (starting up, writing the value, committing).
    const QString catalog = m_dir.filePath(QStringLiteral("writes"));
    const CliRunner cli(catalog);
    cli.ok(CliRunner::words("catalog set inline-limit 0")); // every row has its value file
    cli.ok(
        {QStringLiteral("set"), QStringLiteral("w"), QStringLiteral("k"), QStringLiteral("start")});
    int lastCompleted = -1;
    for (int n = 0; n < 30; ++n) {
        const std::unique_ptr<QProcess> p =
            cli.start({QStringLiteral("set"), QStringLiteral("w"), QStringLiteral("k"),
                       QStringLiteral("v%1").arg(n)});
        QVERIFY(p->waitForStarted(10'000));
        if (!p->waitForFinished(5 + (n * 7) % 40)) {
            p->kill();
            QVERIFY(p->waitForFinished(10'000));
        }
        if (p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0)
            lastCompleted = n;
    }
    const CliResult get = cli.ok({QStringLiteral("get"), QStringLiteral("w"), QStringLiteral("k")});
    const QString value = get.outText().trimmed();
    QVERIFY2(value == QLatin1String("start") || value.startsWith(QLatin1Char('v')),
             qPrintable(get.describe()));
    if (lastCompleted >=
        0) // no write that finished can be lost; a killed later one may have landed
        QVERIFY2(
            value != QLatin1String("start") && value.mid(1).toInt() >= lastCompleted,
            qPrintable(QStringLiteral("last completed v%1;").arg(lastCompleted) + get.describe()));
    const CliResult history = cli.ok({QStringLiteral("history"), QStringLiteral("w"),
                                      QStringLiteral("k"), QStringLiteral("--json")});
    QVERIFY(!QJsonDocument::fromJson(history.out).array().isEmpty());
    verifyAndRepair(cli, 0);
}

void TestCrash::killedPurge()
{
    // The whole file imported, then every even key expired (in the registry, as time would).
    const QString catalog = m_dir.filePath(QStringLiteral("purge"));
    CliRunner cli(catalog);
    cli.setTimeout(300'000);
    cli.ok({QStringLiteral("import"), ns, m_csv});
    cli.ok({QStringLiteral("set"), ns, QStringLiteral("k000003"), QStringLiteral("second")});
    registrySql(catalog, QStringLiteral("UPDATE kv SET expires_at = 1 WHERE namespace = '%1' AND "
                                        "CAST(substr(key, 2) AS INTEGER) % 2 = 0")
                             .arg(ns));
    if (QTest::currentTestFailed())
        return;

    const std::unique_ptr<QProcess> purge = cli.start({QStringLiteral("purge"), ns});
    QVERIFY2(purge->waitForStarted(10'000), qPrintable(purge->errorString()));
    bool finishedFirst = false;
    qint64 rowsAtKill = rowCount;
    for (;;) {
        if (purge->waitForFinished(5)) {
            finishedFirst = true;
            break;
        }
        rowsAtKill = registryRows(catalog);
        if (rowsAtKill > rowCount / 2 && rowsAtKill < rowCount)
            break;
    }
    if (finishedFirst) {
        qWarning("the purge finished before it could be killed; checking the result anyway");
    } else {
        purge->kill();
        QVERIFY(purge->waitForFinished(10'000));
    }
    const qint64 rowsAfter = registryRows(catalog);
    qInfo("purge killed with %lld rows left (%lld at the kill)", rowsAfter, rowsAtKill);
    if (!finishedFirst)
        QVERIFY(rowsAfter > rowCount / 2 && rowsAfter < rowCount);

    // Every live (odd) pair is still there and reads back.
    const QHash<QString, QString> values = readAll(catalog);
    QCOMPARE(values.size(), rowCount / 2);
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const int i = it.key().mid(1).toInt();
        QVERIFY2(i % 2 == 1, qPrintable(it.key()));
        QVERIFY2(it.value() == (i == 3 ? QStringLiteral("second") : valueOf(i)),
                 qPrintable(it.key()));
    }
    verifyAndRepair(cli, rowsAfter);
    // The rest of the purge goes through.
    cli.ok({QStringLiteral("purge"), ns});
    QCOMPARE(registryRows(catalog), qint64(rowCount / 2 + 1)); // + after-crash
}

void TestCrash::killedWriteBurst()
{
    // An import that rewrites every key, a delete of many keys and single writes of small and
    // large values, all at once; then everything is killed.
    const QString catalog = m_dir.filePath(QStringLiteral("burst"));
    CliRunner cli(catalog);
    cli.setTimeout(300'000);
    cli.ok({QStringLiteral("import"), ns, m_csv});
    const QString large = QStringLiteral("set-large-") + QString(20'000, QLatin1Char('y'));

    const std::unique_ptr<QProcess> import = cli.start({QStringLiteral("import"), ns, m_csv});
    QStringList removed{QStringLiteral("rm"), ns};
    for (int i = 10'000; i < 12'000; ++i)
        removed << keyOf(i);
    const std::unique_ptr<QProcess> remove = cli.start(removed);
    QVERIFY(import->waitForStarted(10'000));
    QVERIFY(remove->waitForStarted(10'000));
    for (int n = 0; n < 12; ++n) {
        const QString value = n % 2 ? large : QStringLiteral("set-small-%1").arg(n);
        const std::unique_ptr<QProcess> p =
            cli.start({QStringLiteral("set"), ns, keyOf(n * 1000 + 7), value});
        QVERIFY(p->waitForStarted(10'000));
        if (!p->waitForFinished(5 + (n * 11) % 60)) { // some are killed mid-write
            p->kill();
            QVERIFY(p->waitForFinished(10'000));
        }
    }
    for (QProcess* p : {import.get(), remove.get()}) {
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            QVERIFY(p->waitForFinished(10'000));
        }
    }
    const qint64 rowsAfter = registryRows(catalog);
    qInfo("burst killed with %lld rows", rowsAfter);

    // Every listed pair reads back with a value one of the writers wrote.
    const QHash<QString, QString> values = readAll(catalog);
    QCOMPARE(qint64(values.size()), rowsAfter);
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const int i = it.key().mid(1).toInt();
        QVERIFY2(it.value() == valueOf(i) || it.value() == large ||
                     it.value().startsWith(QLatin1String("set-small-")),
                 qPrintable(it.key()));
    }
    verifyAndRepair(cli, rowsAfter);
}

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
