// CatalogBackend::startSet on a local catalog: the write a server starts without a thread waiting
// for its group commit. The same gate as set() (invalid arguments throw at once), the same rules
// inside the transaction (conflict, the catalog's maximum value size) reported through the
// callback, every write durable once its callback says so (read back by a fresh backend).
#include "domain/CatalogError.h"
#include "domain/Clock.h"
#include "ExpectError.h"
#include "local/LocalBackend.h"

#include <exception>
#include <QHash>
#include <QMutex>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <vector>

using namespace kv;
using kvtest::expectError;

namespace {

const QString ns = QStringLiteral("ns");

// What the callbacks of several started writes reported, collected from the committer thread.
struct Outcomes
{
    QMutex mutex;
    QSemaphore finished;
    QList<KvEntry> entries;
    QList<std::exception_ptr> errors;
    bool onCallerThread = false;

    CatalogBackend::SetDone callback()
    {
        QThread* caller = QThread::currentThread();
        return [this, caller](const KvEntry& entry, std::exception_ptr error) {
            {
                QMutexLocker lock(&mutex);
                onCallerThread = onCallerThread || QThread::currentThread() == caller;
                if (error)
                    errors << error;
                else
                    entries << entry;
            }
            finished.release();
        };
    }
    bool wait(int count) { return finished.tryAcquire(count, 10'000); }
};

SetRequest request(const QString& key, const KvValue& value)
{
    SetRequest r;
    r.ns = ns;
    r.key = key;
    r.value = value;
    return r;
}

kvtest::Thrown thrownFrom(const std::exception_ptr& error)
{
    return kvtest::thrownBy([&] { std::rethrow_exception(error); });
}

} // namespace

class TestAsyncSet : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { m_dir.reset(); }

    void startedWriteCommitsThenCallsBack();
    void concurrentStartsAreAllDurable();
    void gateThrowsAtOnce();
    void transactionRulesComeThroughTheCallback();
    void valueForAFileIsLeftToSet();
    void queuedWritesFinishWhenTheBackendCloses();

private:
    std::unique_ptr<LocalBackend> open()
    {
        return std::make_unique<LocalBackend>(m_dir->filePath(QStringLiteral("catalog")),
                                              std::make_shared<SystemClock>());
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAsyncSet::startedWriteCommitsThenCallsBack()
{
    auto b = open();
    Outcomes o;
    const KvValue value = KvValue::parse(ValueType::String, QStringLiteral("hello"));
    QVERIFY(b->startSet(request(QStringLiteral("k"), value), o.callback()));
    QVERIFY(o.wait(1));
    QCOMPARE(o.errors.size(), 0);
    QVERIFY(!o.onCallerThread);
    QCOMPARE(o.entries.at(0).revision, qint64(1));
    QCOMPARE(o.entries.at(0).value->toJson(), value.toJson());
    QCOMPARE(b->get(ns, QStringLiteral("k")).value->toJson(), value.toJson());
}

void TestAsyncSet::concurrentStartsAreAllDurable()
{
    constexpr int threads = 4;
    constexpr int perThread = 100;
    constexpr int keys = 10;
    {
        auto b = open();
        Outcomes o;
        std::vector<std::unique_ptr<QThread>> starters;
        for (int t = 0; t < threads; ++t) {
            starters.emplace_back(QThread::create([&, t] {
                for (int i = 0; i < perThread; ++i) {
                    const QString key = QStringLiteral("k%1").arg(i % keys);
                    const KvValue v = KvValue::parse(ValueType::Number, QString::number(t));
                    if (!b->startSet(request(key, v), o.callback()))
                        qFatal("startSet refused an inline value");
                }
            }));
        }
        for (auto& s : starters)
            s->start();
        for (auto& s : starters)
            s->wait();
        QVERIFY(o.wait(threads * perThread));
        QCOMPARE(o.errors.size(), 0);
        // Every write got its own revision: no lost update, no revision twice.
        QHash<QString, QList<qint64>> revisions;
        for (const KvEntry& e : std::as_const(o.entries))
            revisions[e.key] << e.revision;
        QCOMPARE(revisions.size(), keys);
        for (QList<qint64>& r : revisions) {
            std::sort(r.begin(), r.end());
            for (qsizetype i = 0; i < r.size(); ++i)
                QCOMPARE(r.at(i), qint64(i + 1));
        }
    }
    // Another backend on the same folder reads every last revision.
    auto again = open();
    for (int k = 0; k < keys; ++k)
        QCOMPARE(again->get(ns, QStringLiteral("k%1").arg(k)).revision,
                 qint64(threads * perThread / keys));
}

void TestAsyncSet::gateThrowsAtOnce()
{
    auto b = open();
    Outcomes o;
    const KvValue one = KvValue::parse(ValueType::Number, QStringLiteral("1"));
    expectError(
        ErrorCode::InvalidInput,
        [&] { b->startSet(request(QStringLiteral("bad key"), one), o.callback()); },
        QStringLiteral("'bad key'"));
    SetRequest r = request(QStringLiteral("k"), one);
    r.ttlMs = 0;
    expectError(
        ErrorCode::InvalidInput, [&] { b->startSet(r, o.callback()); }, QStringLiteral("TTL"));
    r = request(QStringLiteral("k"), one);
    r.ns = QStringLiteral("Bad.NS");
    expectError(
        ErrorCode::InvalidInput, [&] { b->startSet(r, o.callback()); }, QStringLiteral("'Bad.NS'"));
    QVERIFY(!o.finished.tryAcquire(1, 200)); // no callback for a write that never started
    expectError(
        ErrorCode::NotFound, [&] { b->get(ns, QStringLiteral("k")); }, QString());
}

void TestAsyncSet::transactionRulesComeThroughTheCallback()
{
    auto b = open();
    const KvValue one = KvValue::parse(ValueType::Number, QStringLiteral("1"));
    b->set(request(QStringLiteral("k"), one));
    Outcomes o;
    SetRequest r =
        request(QStringLiteral("k"), KvValue::parse(ValueType::Number, QStringLiteral("2")));
    r.overwrite = false;
    QVERIFY(b->startSet(r, o.callback()));
    QVERIFY(o.wait(1));
    QCOMPARE(o.errors.size(), 1);
    kvtest::Thrown t = thrownFrom(o.errors.at(0));
    QCOMPARE(t.code, ErrorCode::Conflict);

    // Over the catalog's maximum but within the inline limit: refused in the transaction.
    b->setMaxValueBytes(1024);
    const KvValue big = KvValue::parse(ValueType::String, QString(2000, QLatin1Char('x')));
    QVERIFY(b->startSet(request(QStringLiteral("big"), big), o.callback()));
    QVERIFY(o.wait(1));
    QCOMPARE(o.errors.size(), 2);
    t = thrownFrom(o.errors.at(1));
    QCOMPARE(t.code, ErrorCode::InvalidInput);
    QVERIFY2(t.message.contains(QStringLiteral("maximum value size")), qPrintable(t.message));
    expectError(
        ErrorCode::NotFound, [&] { b->get(ns, QStringLiteral("big")); }, QString());
    QCOMPARE(b->get(ns, QStringLiteral("k")).value->toJson(), QByteArray("1"));
}

void TestAsyncSet::valueForAFileIsLeftToSet()
{
    auto b = open();
    b->setInlineLimit(0); // every value in a file of its own
    b->set(
        request(QStringLiteral("first"), KvValue::parse(ValueType::Number, QStringLiteral("1"))));
    Outcomes o;
    QVERIFY(!b->startSet(
        request(QStringLiteral("k"), KvValue::parse(ValueType::Number, QStringLiteral("2"))),
        o.callback()));
    QVERIFY(!o.finished.tryAcquire(1, 200));
    expectError(
        ErrorCode::NotFound, [&] { b->get(ns, QStringLiteral("k")); }, QString());
}

void TestAsyncSet::queuedWritesFinishWhenTheBackendCloses()
{
    constexpr int count = 200;
    Outcomes o;
    {
        auto b = open();
        for (int i = 0; i < count; ++i)
            QVERIFY(b->startSet(request(QStringLiteral("k%1").arg(i),
                                        KvValue::parse(ValueType::Number, QString::number(i))),
                                o.callback()));
    } // closed with writes still queued: they commit first
    QCOMPARE(o.finished.available(), count);
    QCOMPARE(o.errors.size(), 0);
    auto again = open();
    for (int i = 0; i < count; ++i)
        QCOMPARE(again->get(ns, QStringLiteral("k%1").arg(i)).value->toJson(),
                 QByteArray::number(i));
}

QTEST_GUILESS_MAIN(TestAsyncSet)
#include "tst_asyncset.moc"
