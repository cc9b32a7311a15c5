// KvTableModel on a real local catalog: the first rows before the count, paging (only what is
// looked at loads, bounded cache), sorting and filtering pushed down, stale answers dropped,
// refresh, typed errors, the TTL countdown with a manual clock, and QAbstractItemModelTester
// watching all of it. FakeBackend holds calls where the order of answers matters.
#include "Catalog.h"
#include "DisplayFormat.h"
#include "domain/Clock.h"
#include "ErrorText.h"
#include "FakeBackend.h"
#include "KvTableModel.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QItemSelectionModel>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kv;

namespace {

const QString big = QStringLiteral("big.space");
constexpr int bigCount = 10'000;

QString keyOf(int i)
{
    return QStringLiteral("key.%1").arg(i, 5, 10, QLatin1Char('0'));
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

// The model on a FakeBackend over the test's catalog, every call held at its gate until the test
// releases it; at the end the model goes back to the plain catalog.
struct HeldCatalog
{
    HeldCatalog(Catalog& data, KvTableModel* model)
        : fake(std::make_shared<kvtest::FakeBackend>(data.sharedBackend()))
        , catalog(fake)
        , m_model(model)
        , m_data(&data)
    {
        m_model->setCatalog(&catalog);
        fake->hold();
    }
    ~HeldCatalog()
    {
        fake->hold(false);
        fake->releaseAll(); // before `catalog` waits for its operations
        m_model->setCatalog(m_data);
    }

    std::shared_ptr<kvtest::FakeBackend> fake;
    Catalog catalog;

private:
    KvTableModel* m_model;
    Catalog* m_data;
};

} // namespace

class TestKvTableModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void loadsOnlyWhatIsLookedAt();
    void rowsShowBeforeTheCount();
    void countBeforeTheFirstPage();
    void firstPageShorterThanTheCount();
    void failedCountKeepsTheRows();
    void cacheStaysBounded();
    void browsingFarKeepsLoadedRowsBounded();
    void rowWindowMovesKeepPersistentRows();
    void sortsLikeTheCatalog_data();
    void sortsLikeTheCatalog();
    void valueColumnDoesNotSort();
    void filtersArePushedDown();
    void staleAnswersAreDropped();
    void refreshShowsInsertsAndDeletes();
    void ttlCountdownAndExpiredRows();
    void valuePreviewIsOneShortLine();
    void keysForRowsLoadsMissingRows();
    void invalidNamespaceReportsFailure();
    void emptyWithoutCatalog();

private:
    void put(const QString& ns, const QString& key, const QString& value,
             std::optional<qint64> ttlMs = std::nullopt);
    void waitLoaded();
    QStringList catalogKeys(const ListQuery& query);
    QStringList modelKeys(int first, int count);

    QTemporaryDir m_dir;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<KvTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestKvTableModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_clock = std::make_shared<ManualClock>(QDateTime(QDate(2024, 2, 29), QTime(10, 0), Qt::UTC));
    m_catalog = Catalog::open(m_dir.filePath(QStringLiteral("catalog")), m_clock);
    // A namespace of 10,000 pairs with varied types, sizes and descriptions, imported in bulk.
    QByteArray csv = "key,type,value,description,expires\n";
    for (int i = 0; i < bigCount; ++i) {
        const QString value =
            i % 3 == 0 ? QString::number(i * 7 % 1000) : QStringLiteral("text %1").arg(i % 97);
        const char* type = i % 3 == 0 ? "NUMBER" : "STRING";
        const QString expires =
            i % 5 == 0
                ? QStringLiteral("2024-03-%1T00:00:00Z").arg(1 + i % 28, 2, 10, QLatin1Char('0'))
                : QString();
        csv += QStringLiteral("%1,%2,%3,d%4,%5\n")
                   .arg(keyOf(i), QLatin1String(type), value)
                   .arg((bigCount - i) % 113)
                   .arg(expires)
                   .toUtf8();
    }
    QBuffer buffer(&csv);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    QCOMPARE(m_catalog->importCsv({big}, &buffer).result().imported, bigCount);
}

void TestKvTableModel::init()
{
    m_model = std::make_unique<KvTableModel>(m_clock);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_model->setCatalog(m_catalog.get());
}

void TestKvTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestKvTableModel::put(const QString& ns, const QString& key, const QString& value,
                           std::optional<qint64> ttlMs)
{
    SetRequest r{ns, key, KvValue::parse(ValueType::String, value)};
    r.ttlMs = ttlMs;
    m_catalog->set(r).waitForFinished();
}

void TestKvTableModel::waitLoaded()
{
    QTRY_VERIFY(m_model->totalCount() >= 0 && !m_model->isLoading());
}

QStringList TestKvTableModel::catalogKeys(const ListQuery& query)
{
    QStringList keys;
    for (const KvEntry& e : m_catalog->list(query).result().entries)
        keys << e.key;
    return keys;
}

QStringList TestKvTableModel::modelKeys(int first, int count)
{
    QStringList keys;
    for (int row = first; row < first + count && row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, KvTableModel::KeyColumn);
        if (!QTest::qWaitFor([&] { return index.data(KvTableModel::LoadedRole).toBool(); }))
            return {QStringLiteral("<row %1 did not load>").arg(row)};
        keys << index.data(KvTableModel::KeyRole).toString();
    }
    return keys;
}

void TestKvTableModel::loadsOnlyWhatIsLookedAt()
{
    QSignalSpy counted(m_model.get(), &KvTableModel::countChanged);
    m_model->setNamespace(big);
    QCOMPARE(m_model->rowCount(), 0); // nothing is in yet
    waitLoaded();
    QCOMPARE(m_model->totalCount(), bigCount);
    QCOMPARE(m_model->rowCount(), bigCount);
    QCOMPARE(counted.last().first().toLongLong(), qint64(bigCount));
    QCOMPARE(m_model->cachedPageCount(), 1); // the first page, asked for beside the count
    QCOMPARE(m_model->index(0, 0).data().toString(), keyOf(0));

    // A row at the end shows a placeholder, then its page, and nothing in between loads.
    const QModelIndex last = m_model->index(bigCount - 1, KvTableModel::KeyColumn);
    QVERIFY(!last.data(KvTableModel::LoadedRole).toBool());
    QCOMPARE(last.data().toString(), QStringLiteral("…"));
    QTRY_COMPARE(last.data().toString(), keyOf(bigCount - 1));
    QCOMPARE(m_model->cachedPageCount(), 2);
    const QModelIndex middle = m_model->index(5'123, KvTableModel::KeyColumn);
    QTRY_COMPARE(middle.data().toString(), keyOf(5'123));
    QCOMPARE(m_model->cachedPageCount(), 3);
    const std::optional<KvEntry> e = m_model->entryAt(5'123);
    QVERIFY(e.has_value());
    QCOMPARE(e->ns, big);
    QVERIFY(!e->value.has_value()); // values are not kept, only their preview
}

void TestKvTableModel::rowsShowBeforeTheCount()
{
    HeldCatalog held(*m_catalog, m_model.get());
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->setNamespace(big);
    QVERIFY(held.fake->waitHeld(2));
    const QString count = QStringLiteral("count ") + big;
    const QString list = QStringLiteral("list ") + big;
    QCOMPARE(sorted(held.fake->held()), QStringList({count, list}));

    // The first page is in, the count is not: its rows are there.
    QVERIFY(held.fake->release(list));
    QVERIFY(inserted.wait());
    QCOMPARE(m_model->rowCount(), KvTableModel::pageSize);
    QCOMPARE(m_model->totalCount(), -1);
    QVERIFY(m_model->isLoading());
    QCOMPARE(m_model->index(0, KvTableModel::KeyColumn).data().toString(), keyOf(0));
    const int lastShown = KvTableModel::pageSize - 1;
    QVERIFY(m_model->index(lastShown, 0).data(KvTableModel::LoadedRole).toBool());
    QCOMPARE(m_model->index(lastShown, 0).data().toString(), keyOf(lastShown));
    QCOMPARE(held.fake->held(), QStringList{count}); // still counting

    // A row selected meanwhile stays selected when the count brings the other rows.
    QItemSelectionModel selection(m_model.get());
    selection.select(m_model->index(5, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QSignalSpy counted(m_model.get(), &KvTableModel::countChanged);
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    held.fake->hold(false);
    QVERIFY(held.fake->release(count));
    QVERIFY(counted.wait());
    QCOMPARE(counted.last().first().toLongLong(), qint64(bigCount));
    QCOMPARE(m_model->rowCount(), bigCount);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.last().at(1).toInt(), KvTableModel::pageSize);
    QCOMPARE(inserted.last().at(2).toInt(), bigCount - 1);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(selection.selectedRows(), QModelIndexList{m_model->index(5, 0)});
    QCOMPARE(m_model->index(5, 0).data().toString(), keyOf(5));
    QCOMPARE(modelKeys(bigCount - 2, 2), QStringList({keyOf(bigCount - 2), keyOf(bigCount - 1)}));
    waitLoaded();
}

void TestKvTableModel::countBeforeTheFirstPage()
{
    // A count that comes first waits for the first rows: a view given 10,000,000 rows first
    // would spend its time on them before painting any.
    HeldCatalog held(*m_catalog, m_model.get());
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy counted(m_model.get(), &KvTableModel::countChanged);
    m_model->setNamespace(big);
    QVERIFY(held.fake->waitHeld(2));
    QVERIFY(held.fake->release(QStringLiteral("count ") + big));
    QVERIFY(QTest::qWaitFor([&] { return held.fake->finishedCalls() == 1; }));
    QCoreApplication::sendPostedEvents();
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(m_model->isLoading());

    QVERIFY(held.fake->release(QStringLiteral("list ") + big));
    QVERIFY(QTest::qWaitFor([&] { return m_model->totalCount() >= 0; }));
    // The first page's rows, then the rest: in that order.
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), KvTableModel::pageSize - 1);
    QCOMPARE(inserted.at(1).at(1).toInt(), KvTableModel::pageSize);
    QCOMPARE(inserted.at(1).at(2).toInt(), bigCount - 1);
    QCOMPARE(counted.last().first().toLongLong(), qint64(bigCount));
    QCOMPARE(m_model->index(0, 0).data().toString(), keyOf(0));
    QVERIFY(!m_model->isLoading());
    // Nothing was asked twice: two calls in all.
    held.fake->hold(false);
    held.fake->releaseAll();
    QVERIFY(held.catalog.threadPool()->waitForDone(10000));
    QCOMPARE(held.fake->finishedCalls(), 2);
}

void TestKvTableModel::firstPageShorterThanTheCount()
{
    // The first page and the count are separate snapshots: pairs written between them make the
    // count bigger than the page. The missing rows load; they do not stay placeholders.
    const QString ns = QStringLiteral("growing");
    for (int i = 0; i < 5; ++i)
        put(ns, keyOf(i), QStringLiteral("v"));
    HeldCatalog held(*m_catalog, m_model.get());
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->setNamespace(ns);
    QVERIFY(held.fake->waitHeld(2));
    QVERIFY(held.fake->release(QStringLiteral("list ") + ns));
    QVERIFY(inserted.wait());
    QCOMPARE(m_model->rowCount(), 5);
    for (int i = 5; i < 8; ++i)
        put(ns, keyOf(i), QStringLiteral("v"));
    held.fake->hold(false);
    QVERIFY(held.fake->release(QStringLiteral("count ") + ns));
    waitLoaded();
    QCOMPARE(m_model->totalCount(), 8);
    QCOMPARE(modelKeys(0, 8), QStringList({keyOf(0), keyOf(1), keyOf(2), keyOf(3), keyOf(4),
                                           keyOf(5), keyOf(6), keyOf(7)}));
}

void TestKvTableModel::failedCountKeepsTheRows()
{
    HeldCatalog held(*m_catalog, m_model.get());
    held.fake->failNext(QStringLiteral("count ") + big,
                        CatalogError::unavailable(QStringLiteral("the server went away")));
    QList<CatalogError> errors;
    const auto connection = connect(m_model.get(), &KvTableModel::failed, this,
                                    [&](const CatalogError& error) { errors << error; });
    const auto disconnect = qScopeGuard([&] { QObject::disconnect(connection); });
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->setNamespace(big);
    QVERIFY(held.fake->waitHeld(2));
    QVERIFY(held.fake->release(QStringLiteral("list ") + big));
    QVERIFY(inserted.wait());
    QSignalSpy counted(m_model.get(), &KvTableModel::countChanged);
    QVERIFY(held.fake->release(QStringLiteral("count ") + big));
    QVERIFY(counted.wait());
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().code(), ErrorCode::Unavailable);
    const QString words = ErrorText::describe(errors.first());
    QVERIFY2(words.contains(QStringLiteral("server went away")), qPrintable(words));
    QVERIFY2(words.contains(ErrorText::hint(ErrorCode::Unavailable)), qPrintable(words));
    // The rows shown stay; counting stops (F5 counts again).
    QCOMPARE(m_model->totalCount(), KvTableModel::pageSize);
    QCOMPARE(m_model->rowCount(), KvTableModel::pageSize);
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_model->index(0, 0).data().toString(), keyOf(0));

    held.fake->hold(false);
    m_model->refresh();
    QTRY_COMPARE(m_model->totalCount(), bigCount);
    waitLoaded();
    QCOMPARE(modelKeys(bigCount - 1, 1), QStringList{keyOf(bigCount - 1)});
}

void TestKvTableModel::cacheStaysBounded()
{
    m_model->setNamespace(big);
    waitLoaded();
    for (int page = 0; page < bigCount / KvTableModel::pageSize; page += 1) {
        const QModelIndex index = m_model->index(page * KvTableModel::pageSize, 0);
        QTRY_VERIFY(index.data(KvTableModel::LoadedRole).toBool());
        QVERIFY(m_model->cachedPageCount() <= KvTableModel::maxCachedPages);
    }
    QCOMPARE(m_model->cachedPageCount(), KvTableModel::maxCachedPages);
    // A page dropped from the cache loads again when looked at.
    QTRY_COMPARE(m_model->index(0, 0).data().toString(), keyOf(0));
}

void TestKvTableModel::browsingFarKeepsLoadedRowsBounded()
{
    // Pairs that never expire: the TTL countdown has nothing to repaint, so the cache full of
    // pages costs the test (and the item model tester) no work per second.
    const QString far = QStringLiteral("far.space");
    QByteArray csv = "key,type,value\n";
    for (int i = 0; i < bigCount; ++i)
        csv += QStringLiteral("%1,STRING,v%2\n").arg(keyOf(i)).arg(i).toUtf8();
    QBuffer buffer(&csv);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    QCOMPARE(m_catalog->importCsv({far}, &buffer).result().imported, bigCount);
    auto removeFar = qScopeGuard([&] {
        m_model->setNamespace(QString());
        m_catalog->deleteNamespace(far, true).waitForFinished();
    });

    m_model->setNamespace(far);
    waitLoaded();
    const int pages = bigCount / KvTableModel::pageSize;
    const int bound = KvTableModel::maxCachedPages * KvTableModel::pageSize;
    QVERIFY(pages > KvTableModel::maxCachedPages); // else nothing would have to go
    // Jumps far across the namespace, to each page in a scattered order (17 and 50 are
    // coprime), twice, looking at rows at both ends of the page as a view would.
    for (int i = 0; i < 2 * pages; ++i) {
        const int first = (i * 17 % pages) * KvTableModel::pageSize;
        for (int row : {first, first + KvTableModel::pageSize - 1}) {
            const QModelIndex index = m_model->index(row, KvTableModel::KeyColumn);
            QTRY_VERIFY(index.data(KvTableModel::LoadedRole).toBool());
            QCOMPARE(index.data(KvTableModel::KeyRole).toString(), keyOf(row));
        }
        QVERIFY2(m_model->loadedRowCount() <= bound,
                 qPrintable(QStringLiteral("%1 rows loaded").arg(m_model->loadedRowCount())));
    }
    QCOMPARE(m_model->loadedRowCount(), bound);
    QCOMPARE(m_model->rowCount(), bigCount);
}

void TestKvTableModel::rowWindowMovesKeepPersistentRows()
{
    // A window of 1,000 of the 10,000 rows: rows 0... are result rows offset...; moves remove and
    // insert rows at its ends (the item model tester checks every step), so persistent indexes
    // follow their result rows, and are dropped with them.
    m_model->setWindowSize(1'000);
    m_model->setNamespace(big);
    waitLoaded();
    QCOMPARE(m_model->resultRowCount(), qint64(bigCount));
    QCOMPARE(m_model->rowCount(), 1'000);
    QCOMPARE(modelKeys(999, 1), QStringList{keyOf(999)});
    QPersistentModelIndex kept(m_model->index(700, 0));
    const QPersistentModelIndex leaves(m_model->index(100, 0));
    m_model->moveWindow(500);
    QCOMPARE(m_model->windowOffset(), qint64(500));
    QCOMPARE(m_model->rowCount(), 1'000);
    QCOMPARE(kept.row(), 200);
    QVERIFY(!leaves.isValid());
    QCOMPARE(m_model->resultRow(200), qint64(700));
    QCOMPARE(m_model->windowRow(700), 200);
    QCOMPARE(m_model->windowRow(100), -1);
    QCOMPARE(modelKeys(200, 1), QStringList{keyOf(700)});
    QCOMPARE(m_model->keyAt(200), keyOf(700));
    QCOMPARE(m_model->entryAt(200)->key, keyOf(700));
    // Past the end: clamped, the last row is the result's last.
    m_model->moveWindow(bigCount);
    QCOMPARE(m_model->windowOffset(), qint64(bigCount - 1'000));
    QVERIFY(!kept.isValid());
    QCOMPARE(modelKeys(999, 1), QStringList{keyOf(bigCount - 1)});
    // The keys of model rows are those of their result rows.
    QFuture<QStringList> keys = m_model->keysForRows({0, 999});
    QTRY_VERIFY(keys.isFinished());
    QCOMPARE(keys.result(), (QStringList{keyOf(bigCount - 1'000), keyOf(bigCount - 1)}));
    // Back towards the start: rows come at the top.
    kept = m_model->index(0, 0);
    m_model->moveWindow(bigCount - 1'500);
    QCOMPARE(kept.row(), 500);
    QCOMPARE(modelKeys(0, 1), QStringList{keyOf(bigCount - 1'500)});
    // A new query starts at the top again.
    m_model->sort(KvTableModel::KeyColumn, Qt::DescendingOrder);
    waitLoaded();
    QCOMPARE(m_model->windowOffset(), qint64(0));
    QCOMPARE(m_model->rowCount(), 1'000);
    QCOMPARE(modelKeys(0, 1), QStringList{keyOf(bigCount - 1)});
}

void TestKvTableModel::sortsLikeTheCatalog_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("sortColumn");
    QTest::newRow("key") << int(KvTableModel::KeyColumn) << int(SortColumn::Key);
    QTest::newRow("type") << int(KvTableModel::TypeColumn) << int(SortColumn::Type);
    QTest::newRow("description") << int(KvTableModel::DescriptionColumn)
                                 << int(SortColumn::Description);
    QTest::newRow("created") << int(KvTableModel::CreatedColumn) << int(SortColumn::Created);
    QTest::newRow("updated") << int(KvTableModel::UpdatedColumn) << int(SortColumn::Updated);
    QTest::newRow("expires") << int(KvTableModel::ExpiresColumn) << int(SortColumn::Expires);
    QTest::newRow("ttl left") << int(KvTableModel::TtlLeftColumn) << int(SortColumn::Expires);
    QTest::newRow("size") << int(KvTableModel::SizeColumn) << int(SortColumn::Size);
    QTest::newRow("revision") << int(KvTableModel::RevisionColumn) << int(SortColumn::Revision);
}

void TestKvTableModel::sortsLikeTheCatalog()
{
    QFETCH(int, column);
    QFETCH(int, sortColumn);
    m_model->setNamespace(big);
    waitLoaded();
    for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        m_model->sort(column, order);
        waitLoaded();
        ListQuery q{big};
        q.sort = SortColumn(sortColumn);
        q.descending = order == Qt::DescendingOrder;
        q.limit = 30;
        QCOMPARE(modelKeys(0, 30), catalogKeys(q));
        q.offset = 7'000;
        QCOMPARE(modelKeys(7'000, 30), catalogKeys(q));
    }
}

void TestKvTableModel::valueColumnDoesNotSort()
{
    m_model->setNamespace(big);
    waitLoaded();
    m_model->sort(KvTableModel::SizeColumn, Qt::DescendingOrder);
    waitLoaded();
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->sort(KvTableModel::ValueColumn, Qt::AscendingOrder);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(m_model->sortColumn(), int(KvTableModel::SizeColumn));
    QVERIFY(!KvTableModel::isSortable(KvTableModel::ValueColumn));
}

void TestKvTableModel::filtersArePushedDown()
{
    m_model->setNamespace(big);
    waitLoaded();
    m_model->setKeyFilter(QStringLiteral("key.05"), KvTableModel::FilterMode::Prefix);
    waitLoaded();
    QCOMPARE(m_model->totalCount(), 1000);
    QCOMPARE(modelKeys(0, 2), (QStringList{keyOf(5000), keyOf(5001)}));
    QTRY_COMPARE(m_model->index(999, 0).data().toString(), keyOf(5999));

    m_model->setKeyFilter(QStringLiteral("999"), KvTableModel::FilterMode::Contains);
    waitLoaded();
    ListQuery q{big};
    q.contains = QStringLiteral("999");
    q.withTotal = true;
    q.limit = 100;
    const KvPage expected = m_catalog->list(q).result();
    QCOMPARE(m_model->totalCount(), expected.total);
    QVERIFY(expected.total >= 19);
    QStringList keys;
    for (const KvEntry& e : expected.entries)
        keys << e.key;
    QCOMPARE(modelKeys(0, int(expected.total)), keys);

    m_model->setKeyFilter(QStringLiteral("nothing-like-this"), KvTableModel::FilterMode::Prefix);
    waitLoaded();
    QCOMPARE(m_model->rowCount(), 0);
}

void TestKvTableModel::staleAnswersAreDropped()
{
    put(QStringLiteral("small"), QStringLiteral("only"), QStringLiteral("1"));
    // The big namespace is asked for, then replaced; its answer is held back until the small
    // one has been shown, so it arrives stale every time.
    const auto fake = std::make_shared<kvtest::FakeBackend>(m_catalog->sharedBackend());
    Catalog slow(fake);
    const auto restore = qScopeGuard([&] {
        fake->hold(false);
        fake->releaseAll(); // before `slow` waits for its operations
        m_model->setCatalog(m_catalog.get());
    });
    m_model->setCatalog(&slow);
    fake->hold();
    m_model->setNamespace(big);
    QVERIFY(fake->waitHeld(2)); // its first page and its count
    QCOMPARE(sorted(fake->held()),
             QStringList({QStringLiteral("count ") + big, QStringLiteral("list ") + big}));
    m_model->setNamespace(QStringLiteral("small"));
    QVERIFY(m_model->isLoading());
    QStringList seen;
    connect(m_model.get(), &QAbstractItemModel::dataChanged, this,
            [&](const QModelIndex& from, const QModelIndex& to) {
                for (int row = from.row(); row <= to.row(); ++row)
                    seen << m_model->index(row, 0).data(KvTableModel::KeyRole).toString();
            });
    // The big count comes back stale; the small namespace's calls pass (those that reached the
    // gate are let go: the pool may have run them already).
    fake->hold(false);
    QVERIFY(fake->release(QStringLiteral("count ") + big));
    fake->release(QStringLiteral("list small"));
    fake->release(QStringLiteral("count small"));
    waitLoaded();
    QCOMPARE(m_model->totalCount(), 1);
    QVERIFY(fake->release(QStringLiteral("list ") + big));
    // The stale answer is in once every call has returned and the queued results were handled.
    QVERIFY(slow.threadPool()->waitForDone(10000));
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents();
    QCOMPARE(m_model->totalCount(), 1);
    QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("only"));
    for (const QString& key : std::as_const(seen))
        QVERIFY2(key.isEmpty() || key == QLatin1String("only"), qPrintable(key));
}

void TestKvTableModel::refreshShowsInsertsAndDeletes()
{
    const QString ns = QStringLiteral("changing");
    for (int i = 0; i < 450; ++i)
        put(ns, keyOf(i), QStringLiteral("v"));
    m_model->setNamespace(ns);
    waitLoaded();
    QTRY_COMPARE(m_model->index(449, 0).data().toString(), keyOf(449));
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);

    for (int i = 450; i < 500; ++i)
        put(ns, keyOf(i), QStringLiteral("v"));
    m_model->refresh();
    QTRY_COMPARE(m_model->totalCount(), 500);
    QTRY_COMPARE(m_model->index(499, 0).data().toString(), keyOf(499));

    m_catalog->remove(ns, {keyOf(0), keyOf(1), keyOf(2)}).waitForFinished();
    m_model->refresh();
    QTRY_COMPARE(m_model->totalCount(), 497);
    QTRY_COMPARE(m_model->index(0, 0).data().toString(), keyOf(3));
    QTRY_COMPARE(m_model->index(496, 0).data().toString(), keyOf(499));
    QCOMPARE(resets.count(), 0); // the view keeps its place: no reset
}

void TestKvTableModel::ttlCountdownAndExpiredRows()
{
    const QString ns = QStringLiteral("ttl");
    put(ns, QStringLiteral("soon"), QStringLiteral("v"), 90'000);
    put(ns, QStringLiteral("permanent"), QStringLiteral("v"));
    m_model->setNamespace(ns);
    waitLoaded();
    const QModelIndex permanent = m_model->index(0, KvTableModel::TtlLeftColumn);
    const QModelIndex soon = m_model->index(1, KvTableModel::TtlLeftColumn);
    QCOMPARE(permanent.data().toString(), DisplayFormat::timeLeft(std::nullopt, 0));
    QCOMPARE(soon.data().toString(), QStringLiteral("1 min 30 s"));
    QVERIFY(!soon.data(Qt::ForegroundRole).isValid());

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_clock->advanceSeconds(30);
    QVERIFY(changed.wait(3000)); // the countdown ticks on its own
    QCOMPARE(soon.data().toString(), QStringLiteral("1 min"));
    m_clock->advanceSeconds(60);
    QTRY_COMPARE(soon.data().toString(), QStringLiteral("expired"));
    QVERIFY(soon.data(Qt::ForegroundRole).isValid()); // greyed
    QVERIFY(m_model->index(1, KvTableModel::KeyColumn).data(Qt::ForegroundRole).isValid());
    QVERIFY(!permanent.data(Qt::ForegroundRole).isValid());
}

void TestKvTableModel::valuePreviewIsOneShortLine()
{
    const QString ns = QStringLiteral("preview");
    put(ns, QStringLiteral("long"), QString(500, QLatin1Char('x')));
    put(ns, QStringLiteral("lines"), QStringLiteral("one\ntwo"));
    m_model->setNamespace(ns);
    waitLoaded();
    const QString lines = m_model->index(0, KvTableModel::ValueColumn).data().toString();
    QCOMPARE(lines, QStringLiteral("one↵two"));
    const QString longText = m_model->index(1, KvTableModel::ValueColumn).data().toString();
    QCOMPARE(longText.size(), KvTableModel::previewLength + 1);
    QVERIFY(longText.endsWith(QStringLiteral("…")));
}

void TestKvTableModel::keysForRowsLoadsMissingRows()
{
    m_model->setNamespace(big);
    waitLoaded();
    QFuture<QStringList> future = m_model->keysForRows({9'999, 0, 5'000, 5'001, 0});
    QTRY_VERIFY(future.isFinished());
    QCOMPARE(future.result(), (QStringList{keyOf(0), keyOf(5000), keyOf(5001), keyOf(9999)}));
}

void TestKvTableModel::invalidNamespaceReportsFailure()
{
    QList<CatalogError> errors;
    const auto connection = connect(m_model.get(), &KvTableModel::failed, this,
                                    [&](const CatalogError& error) { errors << error; });
    const auto disconnect = qScopeGuard([&] { QObject::disconnect(connection); });
    m_model->setNamespace(QStringLiteral("Not Valid"));
    QTRY_VERIFY(!errors.isEmpty());
    // Typed until shown: the kind of error, and the words the status line will show.
    QCOMPARE(errors.first().code(), ErrorCode::InvalidInput);
    const QString words = ErrorText::describe(errors.first());
    QVERIFY2(words.contains(QStringLiteral("'Not Valid'")), qPrintable(words));
    QVERIFY2(words.contains(ErrorText::hint(ErrorCode::InvalidInput)), qPrintable(words));
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->isLoading());
    // The first page and the count both failed; the model said so once.
    QVERIFY(m_catalog->threadPool()->waitForDone(10000));
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents();
    QCOMPARE(errors.size(), 1);
}

void TestKvTableModel::emptyWithoutCatalog()
{
    m_model->setNamespace(big);
    waitLoaded();
    m_model->setCatalog(nullptr);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_model->keyAt(0), QString());
}

QTEST_MAIN(TestKvTableModel)
#include "tst_kvtablemodel.moc"
