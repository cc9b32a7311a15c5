// Several kvdesk-cli processes (and a process next to an in-process Catalog) writing one local
// catalog at once: no "busy" failures, no lost update, and a consistent catalog afterwards.
#include "Catalog.h"
#include "CliRunner.h"
#include "domain/CatalogError.h"
#include "format/CsvReader.h"

#include <atomic>
#include <QBuffer>
#include <QFuture>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace {

constexpr int writers = 4;
constexpr int writesPerWriter = 50; // even steps write an own key, odd steps the shared key

// Runs `work` on `count` threads at once and waits for all of them.
void runThreads(int count, const std::function<void(int)>& work)
{
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < count; ++t)
        threads.emplace_back(QThread::create(work, t));
    for (auto& t : threads)
        t->start();
    for (auto& t : threads)
        t->wait();
}

// key -> value of `export NS --with-values`, read with the project's CSV reader.
QHash<QString, QString> exportedValues(const CliRunner& cli, const QString& ns)
{
    QBuffer buffer;
    buffer.setData(cli.ok({QStringLiteral("export"), ns, QStringLiteral("--with-values")}).out);
    buffer.open(QIODevice::ReadOnly);
    kv::CsvReader reader(&buffer);
    QStringList fields;
    QHash<QString, QString> values;
    reader.readRecord(fields); // header
    while (reader.readRecord(fields))
        values.insert(fields.value(1), fields.value(8));
    if (reader.hasError())
        QTest::qFail(qPrintable(reader.error()), __FILE__, __LINE__);
    return values;
}

QJsonObject entryOf(const CliRunner& cli, const QString& ns, const QString& key)
{
    const CliResult r = cli.ok(
        {QStringLiteral("ls"), ns, QStringLiteral("--json"), QStringLiteral("--prefix"), key});
    for (const QJsonValue& e : QJsonDocument::fromJson(r.out).array()) {
        if (e[u"key"].toString() == key)
            return e.toObject();
    }
    return {};
}

} // namespace

class TestConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void parallelProcesses();
    void threadsNextToAProcess();

private:
    void verifyConsistent(const CliRunner& cli);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestConcurrency::init()
{
    QVERIFY2(!CliRunner::program().isEmpty(), "KVDESK_CLI is not set: run the test through ctest");
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestConcurrency::verifyConsistent(const CliRunner& cli)
{
    const CliResult r = cli.run({QStringLiteral("fsck"), QStringLiteral("--json")});
    QCOMPARE_EXIT(r, 0);
    const QJsonObject report = QJsonDocument::fromJson(r.out).object();
    QVERIFY2(report[u"clean"].toBool(), r.out.constData());
    const qint64 files = CliRunner::valueFiles(cli.catalog()).size();
    QCOMPARE(report[u"valueFiles"].toInteger(), files);
    QCOMPARE(report[u"rows"].toInteger(), files);
}

void TestConcurrency::parallelProcesses()
{
    const CliRunner cli(m_dir->filePath(QStringLiteral("catalog")));
    cli.ok({QStringLiteral("ns"), QStringLiteral("create"),
            QStringLiteral("conc")});                       // the registry exists
    cli.ok(CliRunner::words("catalog set inline-limit 0")); // every row has its value file

    QMutex mutex;
    QList<CliResult> failures; // writers: anything but a clean exit 0
    QList<CliResult> badReads; // readers and fsck: anything but 0 (or 3 before the first write)
    std::atomic<int> writersLeft{writers};
    std::atomic<int> reads{0};
    QSemaphore writesDone; // one release per finished write
    runThreads(writers + 2, [&](int worker) {
        auto record = [&](QList<CliResult>& list, const CliResult& r) {
            QMutexLocker lock(&mutex);
            list << r;
        };
        if (worker < writers) {
            for (int i = 0; i < writesPerWriter; ++i) {
                const QString key = i % 2 == 0 ? QStringLiteral("w%1-%2").arg(worker).arg(i)
                                               : QStringLiteral("shared");
                const CliResult r = cli.run({QStringLiteral("set"), QStringLiteral("conc"), key,
                                             QStringLiteral("value-%1-%2").arg(worker).arg(i)});
                if (r.exitCode != 0 || !r.err.isEmpty())
                    record(failures, r);
                writesDone.release();
            }
            --writersLeft;
        } else if (worker == writers) { // a reader, all along
            while (writersLeft > 0) {
                const CliResult get = cli.run(
                    {QStringLiteral("get"), QStringLiteral("conc"), QStringLiteral("shared")});
                if (get.exitCode != 0 && get.exitCode != 3)
                    record(badReads, get);
                const CliResult ls = cli.run(
                    {QStringLiteral("ls"), QStringLiteral("conc"), QStringLiteral("--json")});
                if (ls.exitCode != 0 || !QJsonDocument::fromJson(ls.out).isArray())
                    record(badReads, ls);
                ++reads;
            }
        } else { // consistency checks while the writers run: they must wait for the check
            for (int n = 0; n < 3; ++n) {
                // After each further quarter of the writes (3 quarters: never more than done).
                writesDone.acquire(writers * writesPerWriter / 4);
                if (writersLeft == 0)
                    break;
                const CliResult fsck = cli.run({QStringLiteral("fsck"), QStringLiteral("--json")});
                if (fsck.exitCode != 0 || !fsck.outText().contains(QLatin1String("\"clean\":true")))
                    record(badReads, fsck);
            }
        }
    });
    QVERIFY2(failures.isEmpty(),
             qPrintable(QStringLiteral("%1 failed write(s), first:").arg(failures.size()) +
                        failures.value(0).describe()));
    QVERIFY2(badReads.isEmpty(),
             qPrintable(QStringLiteral("%1 failed read(s), first:").arg(badReads.size()) +
                        badReads.value(0).describe()));
    QVERIFY(reads > 0);

    // Every distinct key holds its value; the shared key saw every write.
    const QHash<QString, QString> values = exportedValues(cli, QStringLiteral("conc"));
    QCOMPARE(int(values.size()), writers * writesPerWriter / 2 + 1);
    for (int w = 0; w < writers; ++w) {
        for (int i = 0; i < writesPerWriter; i += 2)
            QCOMPARE(values.value(QStringLiteral("w%1-%2").arg(w).arg(i)),
                     QStringLiteral("value-%1-%2").arg(w).arg(i));
    }
    const QString last = values.value(QStringLiteral("shared"));
    QVERIFY2(last.startsWith(QLatin1String("value-")) &&
                 last.section(QLatin1Char('-'), 2).toInt() % 2 == 1,
             qPrintable(last));
    const int sharedWrites = writers * writesPerWriter / 2;
    QCOMPARE(entryOf(cli, QStringLiteral("conc"), QStringLiteral("shared"))[u"revision"].toInt(),
             sharedWrites);
    const QJsonArray history =
        QJsonDocument::fromJson(cli.ok({QStringLiteral("history"), QStringLiteral("conc"),
                                        QStringLiteral("shared"), QStringLiteral("--json")})
                                    .out)
            .array();
    QVERIFY(!history.isEmpty());
    for (int i = 0; i < history.size();
         ++i) // consecutive revisions, newest first: none went missing
        QCOMPARE(history.at(i)[u"revision"].toInt(), sharedWrites - i);
    verifyConsistent(cli);
}

void TestConcurrency::threadsNextToAProcess()
{
    // One Catalog used from several threads at once, and a kvdesk-cli process writing the same key.
    const CliRunner cli(m_dir->filePath(QStringLiteral("catalog")));
    const auto catalog = kv::Catalog::open(cli.catalog());
    catalog->backend().setInlineLimit(0); // every row has its value file
    catalog->threadPool()->setMaxThreadCount(4);
    constexpr int inProcessWrites = 60;
    constexpr int processWrites = 15;

    QList<CliResult> failures;
    std::unique_ptr<QThread> process(QThread::create([&] {
        for (int i = 0; i < processWrites; ++i) {
            for (const QString& key : {QStringLiteral("mixed"), QStringLiteral("p%1").arg(i)}) {
                const CliResult r = cli.run({QStringLiteral("set"), QStringLiteral("mix"), key,
                                             QStringLiteral("process-%1").arg(i)});
                if (r.exitCode != 0 || !r.err.isEmpty())
                    failures << r;
            }
        }
    }));
    process->start();
    QList<QFuture<kv::KvEntry>> futures;
    for (int i = 0; i < inProcessWrites; ++i) {
        for (const QString& key : {QStringLiteral("mixed"), QStringLiteral("t%1").arg(i)}) {
            kv::SetRequest request;
            request.ns = QStringLiteral("mix");
            request.key = key;
            request.value = kv::KvValue::parse(kv::ValueType::Number, QString::number(i));
            futures << catalog->set(request);
        }
    }
    QStringList errors;
    for (QFuture<kv::KvEntry>& f : futures) {
        try {
            f.waitForFinished();
        } catch (const kv::CatalogError& e) {
            errors << e.message();
        }
    }
    process->wait();
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY2(failures.isEmpty(), qPrintable(failures.value(0).describe()));

    const kv::KvEntry mixed = catalog->get(QStringLiteral("mix"), QStringLiteral("mixed")).result();
    QCOMPARE(mixed.revision, qint64(inProcessWrites + processWrites));
    for (int i = 0; i < inProcessWrites; ++i)
        QCOMPARE(catalog->get(QStringLiteral("mix"), QStringLiteral("t%1").arg(i))
                     .result()
                     .value->text(),
                 QString::number(i));
    const QHash<QString, QString> values = exportedValues(cli, QStringLiteral("mix"));
    QCOMPARE(int(values.size()), inProcessWrites + processWrites + 1);
    for (int i = 0; i < processWrites; ++i)
        QCOMPARE(values.value(QStringLiteral("p%1").arg(i)), QStringLiteral("process-%1").arg(i));
    const kv::FsckReport report = catalog->fsck({}).result();
    QVERIFY(report.isClean());
    verifyConsistent(cli);
}

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
