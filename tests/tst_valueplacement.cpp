// Where a local catalog stores a value: in its registry row (stored form at most the catalog's
// inline limit) or as a file in the value store. Checked in the registry file itself, with SQL,
// and in the values/ folder; the behaviour both placements share is in the Catalog contract.
#include "domain/CatalogError.h"
#include "domain/Clock.h"
#include "ExpectError.h"
#include "local/LocalBackend.h"
#include "local/PairTable.h"
#include "RawRegistry.h"

#include <QDirIterator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <thread>
#include <vector>

using namespace kv;
using kvtest::expectError;

namespace {

const QString ns = QStringLiteral("ns");

// A STRING value whose stored form ("…", JSON) is exactly `bytes` long.
KvValue stringOfStoredSize(qint64 bytes)
{
    return KvValue::parse(ValueType::String, QString(bytes - 2, QLatin1Char('x')));
}

} // namespace

class TestValuePlacement : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void newCatalogHasTheDefaultLimit();
    void placementAtBelowAndAboveTheLimit();
    void changingTheLimitMovesNothing();
    void settingIsCheckedAtTheGate();
    void historyKeepsPlacementAndRestoreWorksForBoth();
    void removalsReportOnlyValueFiles();
    void fsckVerifiesInlineChecksums();
    void fsckReportsRowWithNeitherValueNorFile();
    void concurrentInlineWritersLoseNothing();

private:
    QString catalogPath() const { return m_dir->filePath(QStringLiteral("catalog")); }
    std::shared_ptr<LocalBackend> openBackend()
    {
        return std::make_shared<LocalBackend>(catalogPath(), std::make_shared<SystemClock>());
    }
    void put(LocalBackend& b, const QString& key, const KvValue& value) { b.set({ns, key, value}); }
    // The registry row of a current pair (or of one history revision) as stored.
    struct Placement
    {
        bool found = false;
        QString valueId;
        bool valueIsNull = true;
        qint64 valueLength = -1;
    };
    Placement placementOf(const QString& key, qint64 historyRevision = -1)
    {
        QSqlQuery q(raw());
        q.prepare(
            historyRevision < 0
                ? QStringLiteral("SELECT value_id, value IS NULL, length(value) FROM kv "
                                 "WHERE namespace = ? AND key = ?")
                : QStringLiteral("SELECT value_id, value IS NULL, length(value) FROM "
                                 "kv_history WHERE namespace = ? AND key = ? AND revision = ?"));
        q.addBindValue(ns);
        q.addBindValue(key);
        if (historyRevision >= 0)
            q.addBindValue(historyRevision);
        if (!q.exec())
            qFatal("%s", qPrintable(q.lastError().text()));
        if (!q.next())
            return {};
        return {true, q.value(0).toString(), q.value(1).toBool(),
                q.value(1).toBool() ? -1 : q.value(2).toLongLong()};
    }
    bool fileExists(const QString& valueId) const
    {
        return QFile::exists(catalogPath() + QStringLiteral("/values/") + valueId.left(2) +
                             QLatin1Char('/') + valueId);
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
    QSqlDatabase raw() { return kvtest::rawRegistry(registryFile()); }
    void execSql(const QString& sql) { kvtest::execRaw(registryFile(), sql); }
    QString registryFile() const { return catalogPath() + QStringLiteral("/registry.sqlite"); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestValuePlacement::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestValuePlacement::cleanup()
{
    if (QSqlDatabase::contains(QStringLiteral("raw"))) {
        QSqlDatabase::database(QStringLiteral("raw"), false).close();
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    }
}

void TestValuePlacement::newCatalogHasTheDefaultLimit()
{
    auto b = openBackend();
    QCOMPARE(b->inlineLimit(), std::optional<qint64>(16384));
    QCOMPARE(CatalogBackend::defaultInlineLimit, 16384);
    const std::optional<ValuePlacement> none = b->valuePlacement();
    QVERIFY(none);
    QCOMPARE(none->inlineValues + none->externalValues, 0);
}

void TestValuePlacement::placementAtBelowAndAboveTheLimit()
{
    auto b = openBackend();
    b->setInlineLimit(100);
    const KvValue below = stringOfStoredSize(99);
    const KvValue at = stringOfStoredSize(100);
    const KvValue above = stringOfStoredSize(101);
    QCOMPARE(at.toJson().size(), 100);
    put(*b, QStringLiteral("below"), below);
    put(*b, QStringLiteral("at"), at);
    put(*b, QStringLiteral("above"), above);

    for (const auto& [key, size] :
         {std::pair{QStringLiteral("below"), 99}, std::pair{QStringLiteral("at"), 100}}) {
        const Placement p = placementOf(key);
        QVERIFY2(p.found, qPrintable(key));
        QCOMPARE(p.valueId, QString());
        QVERIFY(!p.valueIsNull);
        QCOMPARE(p.valueLength, size);
    }
    const Placement external = placementOf(QStringLiteral("above"));
    QCOMPARE(external.valueId.size(), 32);
    QVERIFY(external.valueIsNull);
    QVERIFY(fileExists(external.valueId));
    QCOMPARE(valueFiles().size(), 1); // the inline values have no file

    QCOMPARE(b->get(ns, QStringLiteral("below")).value->toJson(), below.toJson());
    QCOMPARE(b->get(ns, QStringLiteral("at")).value->toJson(), at.toJson());
    QCOMPARE(b->get(ns, QStringLiteral("above")).value->toJson(), above.toJson());
    const ValuePlacement counts = *b->valuePlacement();
    QCOMPARE(counts.inlineValues, 2);
    QCOMPARE(counts.externalValues, 1);
    const FsckReport report = b->fsck({false, true, 0});
    QVERIFY(report.isClean());
    QCOMPARE(report.valueFiles, 1);
    QCOMPARE(report.inlineValues, 2);
    QCOMPARE(report.rows, 3);
}

void TestValuePlacement::changingTheLimitMovesNothing()
{
    auto b = openBackend();
    const KvValue small = KvValue::parse(ValueType::Number, QStringLiteral("42"));
    put(*b, QStringLiteral("old"), small);
    QCOMPARE(placementOf(QStringLiteral("old")).valueId, QString());

    b->setInlineLimit(0);
    QCOMPARE(placementOf(QStringLiteral("old")).valueId, QString()); // stays in its row
    QCOMPARE(b->get(ns, QStringLiteral("old")).value->text(), QStringLiteral("42"));
    put(*b, QStringLiteral("new"), small);
    const QString newId = placementOf(QStringLiteral("new")).valueId;
    QCOMPARE(newId.size(), 32);
    QVERIFY(fileExists(newId));

    // Written again, the old pair follows the limit of the moment.
    put(*b, QStringLiteral("old"), KvValue::parse(ValueType::Number, QStringLiteral("43")));
    const Placement rewritten = placementOf(QStringLiteral("old"));
    QCOMPARE(rewritten.valueId.size(), 32);
    QVERIFY(rewritten.valueIsNull);
    QCOMPARE(placementOf(QStringLiteral("old"), 1).valueId, QString()); // revision 1 kept its row

    b->setInlineLimit(16384);
    QCOMPARE(placementOf(QStringLiteral("new")).valueId, newId);
    QCOMPARE(b->valuePlacement()->externalValues, 2);
    QCOMPARE(b->valuePlacement()->inlineValues, 0);
    QCOMPARE(b->get(ns, QStringLiteral("new")).value->text(), QStringLiteral("42"));
}

void TestValuePlacement::settingIsCheckedAtTheGate()
{
    auto b = openBackend();
    b->setMaxValueBytes(4096);
    expectError(
        ErrorCode::InvalidInput, [&] { b->setInlineLimit(-1); }, QStringLiteral("-1"));
    expectError(
        ErrorCode::InvalidInput, [&] { b->setInlineLimit(4097); },
        QStringLiteral("maximum value size of 4096"));
    QCOMPARE(b->inlineLimit(), std::optional<qint64>(16384)); // refused: nothing changed
    b->setInlineLimit(4096);
    b->setInlineLimit(0);
    b.reset();
    QCOMPARE(openBackend()->inlineLimit(), std::optional<qint64>(0)); // kept in the registry
}

void TestValuePlacement::historyKeepsPlacementAndRestoreWorksForBoth()
{
    auto b = openBackend();
    b->setInlineLimit(64);
    const KvValue small1 = KvValue::parse(ValueType::String, QStringLiteral("one"));
    const KvValue big = stringOfStoredSize(200);
    const KvValue small3 = KvValue::parse(ValueType::String, QStringLiteral("three"));
    put(*b, QStringLiteral("k"), small1); // revision 1, inline
    put(*b, QStringLiteral("k"), big);    // revision 2, a file
    put(*b, QStringLiteral("k"), small3); // revision 3, inline
    QCOMPARE(placementOf(QStringLiteral("k"), 1).valueId, QString());
    QVERIFY(!placementOf(QStringLiteral("k"), 1).valueIsNull);
    const QString bigId = placementOf(QStringLiteral("k"), 2).valueId;
    QCOMPARE(bigId.size(), 32);
    QVERIFY(fileExists(bigId));

    KvEntry restored = b->restore(ns, QStringLiteral("k"), 2);
    QCOMPARE(restored.revision, 4);
    QCOMPARE(b->get(ns, QStringLiteral("k")).value->toJson(), big.toJson());
    QCOMPARE(placementOf(QStringLiteral("k")).valueId.size(), 32);

    restored = b->restore(ns, QStringLiteral("k"), 1);
    QCOMPARE(restored.revision, 5);
    QCOMPARE(b->get(ns, QStringLiteral("k")).value->text(), QStringLiteral("one"));
    QCOMPARE(placementOf(QStringLiteral("k")).valueId, QString());

    // A restore is a new write: it follows the limit of the moment.
    b->setInlineLimit(0);
    b->restore(ns, QStringLiteral("k"), 3);
    QCOMPARE(b->get(ns, QStringLiteral("k")).value->text(), QStringLiteral("three"));
    QCOMPARE(placementOf(QStringLiteral("k")).valueId.size(), 32);
    QVERIFY(b->fsck({false, true, 0}).isClean());
}

void TestValuePlacement::removalsReportOnlyValueFiles()
{
    auto b = openBackend();
    b->setInlineLimit(64);
    put(*b, QStringLiteral("k"), KvValue::parse(ValueType::String, QStringLiteral("a")));
    put(*b, QStringLiteral("k"), stringOfStoredSize(100));
    put(*b, QStringLiteral("k"), KvValue::parse(ValueType::String, QStringLiteral("c")));
    const QString fileId = placementOf(QStringLiteral("k"), 2).valueId;
    QSqlDatabase db = raw();
    QVERIFY(db.transaction());
    PairTable table(db);
    QCOMPARE(table.trimHistory(ns, QStringLiteral("k"), 1), QStringList()); // revision 1: inline
    QVERIFY(!placementOf(QStringLiteral("k"), 1).found);
    QCOMPARE(table.deletePair(ns, QStringLiteral("k")), QStringList{fileId});
    QVERIFY(db.rollback());

    // The same through the catalog: the file goes, and nothing else is touched.
    b->remove(ns, {QStringLiteral("k")}, true);
    QVERIFY(!fileExists(fileId));
    QVERIFY(valueFiles().isEmpty());
    QVERIFY(b->fsck({}).isClean());
}

void TestValuePlacement::fsckVerifiesInlineChecksums()
{
    auto b = openBackend();
    put(*b, QStringLiteral("a"), KvValue::parse(ValueType::String, QStringLiteral("good")));
    put(*b, QStringLiteral("h"), KvValue::parse(ValueType::String, QStringLiteral("first")));
    put(*b, QStringLiteral("h"), KvValue::parse(ValueType::String, QStringLiteral("second")));
    // One byte changed behind the catalog's back, in a current row and in a history row.
    execSql(QStringLiteral("UPDATE kv SET value = CAST('\"gooD\"' AS BLOB) WHERE key = 'a'"));
    execSql(QStringLiteral("UPDATE kv_history SET value = CAST('\"firsT\"' AS BLOB) "
                           "WHERE key = 'h' AND revision = 1"));

    QVERIFY(b->fsck({}).isClean()); // without verify only the rows' shape is checked
    const FsckReport verified = b->fsck({false, true, 0});
    QCOMPARE(verified.corrupt, (QStringList{QStringLiteral("ns/a"), QStringLiteral("ns/h@1")}));
    QCOMPARE(verified.inlineValues, 3);
    expectError(
        ErrorCode::Internal, [&] { (void)b->get(ns, QStringLiteral("a")); },
        QStringLiteral("corrupt"));

    const FsckReport repaired = b->fsck({true, true, 0});
    QCOMPARE(repaired.corrupt.size(), 2);
    const FsckReport after = b->fsck({false, true, 0});
    QVERIFY(after.isClean());
    QCOMPARE(after.rows, 1);
    expectError(ErrorCode::NotFound, [&] { (void)b->get(ns, QStringLiteral("a")); });
    QCOMPARE(b->get(ns, QStringLiteral("h")).value->text(), QStringLiteral("second"));
    QCOMPARE(b->history(ns, QStringLiteral("h")).size(), 1);
}

void TestValuePlacement::fsckReportsRowWithNeitherValueNorFile()
{
    auto b = openBackend();
    put(*b, QStringLiteral("c"), KvValue::parse(ValueType::String, QStringLiteral("x")));
    put(*b, QStringLiteral("keep"), KvValue::parse(ValueType::String, QStringLiteral("y")));
    execSql(QStringLiteral("UPDATE kv SET value = NULL WHERE key = 'c'"));

    const FsckReport report = b->fsck({});
    QCOMPARE(report.invalidIds, QStringList{QStringLiteral("ns/c")});
    QVERIFY(report.dangling.isEmpty());
    expectError(
        ErrorCode::Internal, [&] { (void)b->get(ns, QStringLiteral("c")); },
        QStringLiteral("neither a value file nor an inline value"));

    QCOMPARE(b->fsck({true, false, 0}).invalidIds.size(), 1);
    QVERIFY(!placementOf(QStringLiteral("c")).found);
    QVERIFY(b->fsck({false, true, 0}).isClean());
    QCOMPARE(b->get(ns, QStringLiteral("keep")).value->text(), QStringLiteral("y"));
}

void TestValuePlacement::concurrentInlineWritersLoseNothing()
{
    // Inline writes share the group commit's transactions; a conflicting one is rolled back alone.
    auto b = openBackend();
    put(*b, QStringLiteral("taken"), KvValue::parse(ValueType::String, QStringLiteral("x")));
    constexpr int threads = 16;
    constexpr int perThread = 40;
    std::atomic<int> conflicts{0};
    std::atomic<int> otherErrors{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (int i = 0; i < perThread; ++i) {
                try {
                    put(*b, QStringLiteral("t%1.%2").arg(t).arg(i),
                        KvValue::parse(ValueType::Number, QString::number(i)));
                    if (i % 10 == 0) {
                        SetRequest clash{ns, QStringLiteral("taken"),
                                         KvValue::parse(ValueType::String, QStringLiteral("y"))};
                        clash.overwrite = false;
                        b->set(clash);
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
    for (int t = 0; t < threads; ++t)
        QCOMPARE(b->get(ns, QStringLiteral("t%1.%2").arg(t).arg(perThread - 1)).value->text(),
                 QString::number(perThread - 1));
    QCOMPARE(b->get(ns, QStringLiteral("taken")).value->text(), QStringLiteral("x"));
    const FsckReport report = b->fsck({false, true, 0});
    QVERIFY(report.isClean());
    QCOMPARE(report.inlineValues, threads * perThread + 1);
    QCOMPARE(report.valueFiles, 0);
    QVERIFY(valueFiles().isEmpty());
}

QTEST_GUILESS_MAIN(TestValuePlacement)
#include "tst_valueplacement.moc"
