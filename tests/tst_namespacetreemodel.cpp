// NamespaceTreeModel on a real local catalog: the hierarchy by dots with implied parents, counts
// and descriptions, incremental reloads that keep persistent indexes, and filtering under a
// recursive QSortFilterProxyModel — with QAbstractItemModelTester watching.
#include "Catalog.h"
#include "domain/Clock.h"
#include "NamespaceTreeModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>

using namespace kv;

class TestNamespaceTreeModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void hierarchyCountsAndDescriptions();
    void reloadIsIncremental();
    void filteringKeepsTheAncestors();
    void catalogSwitchEmptiesAndReloads();

private:
    void put(const QString& ns, const QString& key, std::optional<qint64> ttlMs = std::nullopt);
    void load();
    QStringList names(const QModelIndex& parent = {}) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<NamespaceTreeModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestNamespaceTreeModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_clock = std::make_shared<ManualClock>();
    m_catalog = Catalog::open(m_dir->filePath(QStringLiteral("catalog")), m_clock);
    m_model = std::make_unique<NamespaceTreeModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TestNamespaceTreeModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_catalog.reset();
    m_dir.reset();
}

void TestNamespaceTreeModel::put(const QString& ns, const QString& key, std::optional<qint64> ttlMs)
{
    SetRequest r{ns, key, KvValue::parse(ValueType::String, QStringLiteral("v"))};
    r.ttlMs = ttlMs;
    m_catalog->set(r).waitForFinished();
}

void TestNamespaceTreeModel::load()
{
    QTRY_VERIFY(!m_model->isLoading());
}

QStringList TestNamespaceTreeModel::names(const QModelIndex& parent) const
{
    QStringList result;
    for (int row = 0; row < m_model->rowCount(parent); ++row)
        result << m_model->index(row, 0, parent).data(NamespaceTreeModel::NamespaceRole).toString();
    return result;
}

void TestNamespaceTreeModel::hierarchyCountsAndDescriptions()
{
    m_catalog->createNamespace(QStringLiteral("company.ops"), QStringLiteral("Operations"))
        .waitForFinished();
    put(QStringLiteral("company.team.etl"), QStringLiteral("a"));
    put(QStringLiteral("company.team.etl"), QStringLiteral("b"));
    put(QStringLiteral("company.team.etl"), QStringLiteral("c"), 1000); // expires
    put(QStringLiteral("company"), QStringLiteral("root.key"));
    put(QStringLiteral("zeta"), QStringLiteral("z"));
    m_clock->advanceSeconds(5);
    m_model->setCatalog(m_catalog.get());
    load();

    QCOMPARE(names(), (QStringList{QStringLiteral("company"), QStringLiteral("zeta")}));
    const QModelIndex company = m_model->indexOf(QStringLiteral("company"));
    QCOMPARE(company.data().toString(), QStringLiteral("company"));
    QCOMPARE(company.data(NamespaceTreeModel::KeyCountRole).toLongLong(), 1);
    QCOMPARE(names(company),
             (QStringList{QStringLiteral("company.ops"), QStringLiteral("company.team")}));
    const QModelIndex team = m_model->indexOf(QStringLiteral("company.team"));
    QCOMPARE(team.data().toString(), QStringLiteral("team")); // the last segment
    QVERIFY(!team.data(NamespaceTreeModel::IsExplicitRole).toBool());
    QCOMPARE(team.parent(), company);
    const QModelIndex etl = m_model->indexOf(QStringLiteral("company.team.etl"));
    QCOMPARE(etl.data(NamespaceTreeModel::KeyCountRole).toLongLong(), 2); // not the expired one
    QCOMPARE(m_model->index(etl.row(), NamespaceTreeModel::KeyCountColumn, etl.parent())
                 .data()
                 .toString(),
             QStringLiteral("2"));
    const QModelIndex ops = m_model->indexOf(QStringLiteral("company.ops"));
    QVERIFY(ops.data(NamespaceTreeModel::IsExplicitRole).toBool());
    QCOMPARE(ops.data(NamespaceTreeModel::DescriptionRole).toString(),
             QStringLiteral("Operations"));
    QVERIFY(ops.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Operations")));
    QCOMPARE(m_model->childNamespaces(QStringLiteral("company.team")),
             QStringList{QStringLiteral("company.team.etl")});
    QCOMPARE(m_model->childNamespaces(QString()),
             (QStringList{QStringLiteral("company"), QStringLiteral("zeta")}));
    QVERIFY(!m_model->indexOf(QStringLiteral("company.nothing")).isValid());
}

void TestNamespaceTreeModel::reloadIsIncremental()
{
    put(QStringLiteral("company.team"), QStringLiteral("a"));
    put(QStringLiteral("other"), QStringLiteral("a"));
    m_model->setCatalog(m_catalog.get());
    load();
    const QPersistentModelIndex team = m_model->indexOf(QStringLiteral("company.team"));
    QVERIFY(team.isValid());

    put(QStringLiteral("company.alpha"), QStringLiteral("a"));
    put(QStringLiteral("company.team"), QStringLiteral("b"));
    m_catalog->deleteNamespace(QStringLiteral("other"), true).waitForFinished();
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->reload();
    load();
    QCOMPARE(resets.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(removed.count(), 1);
    QVERIFY(changed.count() >= 1);
    QVERIFY(team.isValid()); // the persistent index followed its row
    QCOMPARE(team.data(NamespaceTreeModel::NamespaceRole).toString(),
             QStringLiteral("company.team"));
    QCOMPARE(team.data(NamespaceTreeModel::KeyCountRole).toLongLong(), 2);
    QCOMPARE(team.row(), 1); // "alpha" came before it
    QCOMPARE(names(), QStringList{QStringLiteral("company")});
}

void TestNamespaceTreeModel::filteringKeepsTheAncestors()
{
    put(QStringLiteral("company.team.etl"), QStringLiteral("a"));
    put(QStringLiteral("company.ops"), QStringLiteral("a"));
    put(QStringLiteral("other.thing"), QStringLiteral("a"));
    m_model->setCatalog(m_catalog.get());
    load();
    QSortFilterProxyModel proxy;
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(m_model.get());
    proxy.setRecursiveFilteringEnabled(true);
    proxy.setFilterRole(NamespaceTreeModel::NamespaceRole);
    proxy.setFilterFixedString(QStringLiteral("etl"));
    QCOMPARE(proxy.rowCount(), 1);
    const QModelIndex company = proxy.index(0, 0);
    QCOMPARE(company.data().toString(), QStringLiteral("company"));
    QCOMPARE(proxy.rowCount(company), 1);
    const QModelIndex team = proxy.index(0, 0, company);
    QCOMPARE(proxy.index(0, 0, team).data(NamespaceTreeModel::NamespaceRole).toString(),
             QStringLiteral("company.team.etl"));
    // The proxy follows a reload of the model.
    put(QStringLiteral("company.etl2"), QStringLiteral("a"));
    m_model->reload();
    load();
    QCOMPARE(proxy.rowCount(company), 2);
}

void TestNamespaceTreeModel::catalogSwitchEmptiesAndReloads()
{
    put(QStringLiteral("a"), QStringLiteral("k"));
    m_model->setCatalog(m_catalog.get());
    load();
    QCOMPARE(m_model->rowCount(), 1);
    m_model->setCatalog(nullptr);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->isLoading());
    m_model->setCatalog(m_catalog.get());
    load();
    QCOMPARE(names(), QStringList{QStringLiteral("a")});
}

QTEST_MAIN(TestNamespaceTreeModel)
#include "tst_namespacetreemodel.moc"
