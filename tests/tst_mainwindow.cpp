// The main window driven through its real widgets, offscreen, on a real local catalog: the tree
// and the namespace page, enterprise tabs, delete, export and import through the actions, catalog
// opening and the settings that persist. (The editor dialog: tst_kveditordialog; the purge and
// other small dialogs: tst_dialogs.)
#include "Catalog.h"
#include "DisplayFormat.h"
#include "domain/Clock.h"
#include "ExpirationDialog.h"
#include "KvEditorDialog.h"
#include "KvStoreWidget.h"
#include "KvTableModel.h"
#include "MainWindow.h"
#include "NamespacePage.h"
#include "NamespacePanel.h"
#include "NamespaceTreeModel.h"
#include "PurgeDialog.h"
#include "ScriptedPrompter.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDirIterator>
#include <QFile>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace kv;

namespace {

const QString team = QStringLiteral("company.team");

QString str(const char* text)
{
    return QString::fromUtf8(text);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void freshCatalogShowsHint();
    void treeAndPageFollowTheCatalog();
    void enterpriseTabsAreDisabled();
    void overviewShowsStatistics();
    void createThroughTheEditor();
    void enterOpensTheEditor();
    void purgeExpiredWithAFixedClock();
    void changeExpirationOfSelection();
    void copyKeyValueAndExpression();
    void deleteSeveralAfterOneConfirmation();
    void deleteDeclinedChangesNothing();
    void exportWritesTheExactBytes();
    void exportSelectionWritesOnlyThoseKeys();
    void importAddsPairs();
    void importBadFileWritesNothing();
    void openCatalogRefusesForeignFolder();
    void openingASchema1CatalogUpgradesIt();
    void recentCatalogsAndHeaderPersist();
    void versionWorksWithoutDisplay();

private:
    void put(const QString& ns, const QString& key, const QString& value,
             std::optional<qint64> ttlMs = std::nullopt);
    void openWindow();
    void selectNamespace(const QString& ns);
    KvStoreWidget* kvStore() const { return m_window->namespacePage()->kvStore(); }
    KvTableModel* table() const { return kvStore()->model(); }
    void selectRows(const QList<int>& rows);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Catalog> m_seed; // writes test data into the same catalog folder
    ScriptedPrompter m_prompter;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KVDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_shared<ManualClock>(QDateTime(QDate(2024, 2, 29), QTime(10, 0), Qt::UTC));
    m_seed = Catalog::open(m_dir->filePath(QStringLiteral("catalog")), m_clock);
    m_prompter = ScriptedPrompter();
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_seed.reset();
    m_dir.reset();
}

void TestMainWindow::put(const QString& ns, const QString& key, const QString& value,
                         std::optional<qint64> ttlMs)
{
    SetRequest r{ns, key, KvValue::parse(ValueType::String, value)};
    r.ttlMs = ttlMs;
    m_seed->set(r).waitForFinished();
}

void TestMainWindow::openWindow()
{
    m_window = std::make_unique<MainWindow>(m_clock, &m_prompter);
    m_window->resize(1200, 700);
    m_window->show();
    QVERIFY(m_window->openCatalog(m_dir->filePath(QStringLiteral("catalog"))));
    NamespaceTreeModel* tree = m_window->namespacePanel()->model();
    QTRY_VERIFY(!tree->isLoading());
}

void TestMainWindow::selectNamespace(const QString& ns)
{
    NamespaceTreeModel* tree = m_window->namespacePanel()->model();
    QTRY_VERIFY(tree->indexOf(ns).isValid());
    m_window->namespacePanel()->selectNamespace(ns);
    QCOMPARE(m_window->namespacePanel()->currentNamespace(), ns);
    QTRY_VERIFY(table()->totalCount() >= 0);
    QTRY_VERIFY(!table()->isLoading());
}

void TestMainWindow::selectRows(const QList<int>& rows)
{
    QTableView* view = kvStore()->table();
    view->clearSelection();
    for (int row : rows) {
        QTRY_VERIFY(table()->index(row, 0).data(KvTableModel::LoadedRole).toBool());
        view->selectionModel()->select(table()->index(row, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

void TestMainWindow::freshCatalogShowsHint()
{
    openWindow();
    auto* hint = m_window->namespacePanel()->findChild<QLabel*>(QStringLiteral("emptyHint"));
    QVERIFY(hint);
    QTRY_VERIFY(hint->isVisible());
    auto* pages = m_window->findChild<QStackedWidget*>(QStringLiteral("pages"));
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("emptyPage"));
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("catalog")));
}

void TestMainWindow::treeAndPageFollowTheCatalog()
{
    for (int i = 0; i < 25; ++i)
        put(team, QStringLiteral("key.%1").arg(i, 2, 10, QLatin1Char('0')), QStringLiteral("v"));
    put(QStringLiteral("company.ops"), QStringLiteral("x"), QStringLiteral("1"));
    openWindow();
    NamespaceTreeModel* tree = m_window->namespacePanel()->model();
    const QModelIndex company = tree->indexOf(QStringLiteral("company"));
    QVERIFY(company.isValid());
    QCOMPARE(tree->rowCount(company), 2);
    QCOMPARE(tree->childNamespaces(QStringLiteral("company")),
             (QStringList{QStringLiteral("company.ops"), team}));
    QCOMPARE(tree->indexOf(team).data(NamespaceTreeModel::KeyCountRole).toLongLong(), 25);

    selectNamespace(team);
    auto* pages = m_window->findChild<QStackedWidget*>(QStringLiteral("pages"));
    QCOMPARE(pages->currentWidget(), m_window->namespacePage());
    QCOMPARE(m_window->namespacePage()->tabs()->currentIndex(), int(NamespacePage::KvStoreTab));
    QCOMPARE(table()->rowCount(), 25);
    QTRY_COMPARE(table()->keyAt(24), QStringLiteral("key.24"));
    QVERIFY(m_window->windowTitle().startsWith(team));

    // A write from elsewhere shows after Refresh.
    put(team, QStringLiteral("key.99"), QStringLiteral("v"));
    m_window->findChild<QAction*>(QStringLiteral("actionRefresh"))->trigger();
    QTRY_COMPARE(table()->rowCount(), 26);
    QTRY_COMPARE(tree->indexOf(team).data(NamespaceTreeModel::KeyCountRole).toLongLong(), 26);
}

void TestMainWindow::enterpriseTabsAreDisabled()
{
    put(team, QStringLiteral("k"), QStringLiteral("v"));
    openWindow();
    selectNamespace(team);
    QTabWidget* tabs = m_window->namespacePage()->tabs();
    const QStringList expected{str("Overview"),  str("KV Store"),        str("Edit"),
                               str("Variables"), str("Plugin defaults"), str("Secrets"),
                               str("Audit logs")};
    QCOMPARE(tabs->count(), expected.size());
    for (int i = 0; i < tabs->count(); ++i) {
        QCOMPARE(tabs->tabText(i).remove(QLatin1Char('&')), expected.at(i));
        const bool enterprise = i >= NamespacePage::EditTab;
        QCOMPARE(tabs->isTabEnabled(i), !enterprise);
        if (enterprise) {
            QVERIFY2(tabs->tabToolTip(i).contains(QStringLiteral("Enterprise Edition")),
                     qPrintable(tabs->tabToolTip(i)));
            auto* hint = tabs->widget(i)->findChild<QLabel*>();
            QVERIFY(hint && hint->text().contains(QStringLiteral("Enterprise Edition")));
        }
    }
    // Clicking a disabled tab does not open it.
    QTabBar* bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(NamespacePage::SecretsTab).center());
    QCOMPARE(tabs->currentIndex(), int(NamespacePage::KvStoreTab));
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(NamespacePage::OverviewTab).center());
    QCOMPARE(tabs->currentIndex(), int(NamespacePage::OverviewTab));
    auto* pageHint =
        m_window->namespacePage()->findChild<QLabel*>(QStringLiteral("enterpriseHint"));
    QVERIFY(pageHint && pageHint->text().contains(QStringLiteral("Enterprise Edition")));
}

void TestMainWindow::overviewShowsStatistics()
{
    m_seed->createNamespace(team, QStringLiteral("The team's state")).waitForFinished();
    put(team, QStringLiteral("a"), QStringLiteral("abc"));       // 5 bytes
    put(team, QStringLiteral("b"), QStringLiteral("x"), 60'000); // expires
    put(team + QStringLiteral(".child"), QStringLiteral("c"), QStringLiteral("1"));
    m_clock->advanceSeconds(120);
    openWindow();
    selectNamespace(team);
    // The statistics are read when the Overview tab shows (not behind the KV Store's rows).
    QCOMPARE(m_window->namespacePage()->findChild<QLabel*>(QStringLiteral("liveKeysValue"))->text(),
             QStringLiteral("–"));
    m_window->namespacePage()->tabs()->setCurrentIndex(NamespacePage::OverviewTab);
    auto label = [this](const char* name) {
        auto* l = m_window->namespacePage()->findChild<QLabel*>(QLatin1String(name));
        return l ? l->text() : QStringLiteral("<missing %1>").arg(QLatin1String(name));
    };
    QTRY_COMPARE(label("liveKeysValue"), QStringLiteral("1"));
    QCOMPARE(label("expiredValue"), QStringLiteral("1"));
    QCOMPARE(label("descriptionValue"), QStringLiteral("The team's state"));
    QCOMPARE(label("totalSizeValue"), DisplayFormat::size(5));
    QVERIFY(label("childrenValue").contains(QStringLiteral("company.team.child")));
}

void TestMainWindow::createThroughTheEditor()
{
    m_seed->createNamespace(team).waitForFinished();
    openWindow();
    selectNamespace(team);
    QCOMPARE(table()->rowCount(), 0);
    kvStore()->actions().create->trigger();
    auto* editor = m_window->findChild<KvEditorDialog*>();
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());
    QTest::keyClicks(editor->findChild<QLineEdit*>(QStringLiteral("keyEdit")),
                     QStringLiteral("created.here"));
    editor->findChild<QPlainTextEdit*>(QStringLiteral("stringEdit"))
        ->setPlainText(QStringLiteral("hello"));
    editor->accept();
    QTRY_COMPARE(table()->rowCount(), 1);
    QTRY_COMPARE(table()->keyAt(0), QStringLiteral("created.here"));
    QCOMPARE(m_seed->get(team, QStringLiteral("created.here")).result().value->text(),
             QStringLiteral("hello"));
    QTRY_VERIFY(m_window->findChild<KvEditorDialog*>() == nullptr); // closed and deleted
}

void TestMainWindow::enterOpensTheEditor()
{
    put(team, QStringLiteral("a"), QStringLiteral("first"));
    put(team, QStringLiteral("b"), QStringLiteral("second"));
    openWindow();
    selectNamespace(team);
    QTableView* view = kvStore()->table();
    QTRY_VERIFY(table()->index(1, 0).data(KvTableModel::LoadedRole).toBool());
    view->setFocus();
    view->setCurrentIndex(table()->index(1, 0));
    view->selectRow(1);
    QTest::keyClick(view, Qt::Key_Return);
    auto* editor = m_window->findChild<KvEditorDialog*>();
    QVERIFY(editor);
    QTRY_VERIFY(!editor->isBusy());
    QCOMPARE(editor->findChild<QLineEdit*>(QStringLiteral("keyEdit"))->text(), QStringLiteral("b"));
    QTRY_COMPARE(editor->findChild<QPlainTextEdit*>(QStringLiteral("stringEdit"))->toPlainText(),
                 QStringLiteral("second"));
    editor->reject();
}

void TestMainWindow::purgeExpiredWithAFixedClock()
{
    put(team, QStringLiteral("old"), QStringLiteral("v"), 60'000);
    put(team, QStringLiteral("older"), QStringLiteral("v"), 30'000);
    put(team, QStringLiteral("kept"), QStringLiteral("v"));
    openWindow();
    selectNamespace(team);
    QCOMPARE(table()->rowCount(), 3);
    m_clock->advanceSeconds(90);
    kvStore()->actions().purge->trigger();
    auto* purge = m_window->findChild<PurgeDialog*>();
    QVERIFY(purge);
    QVERIFY(!purge->isModal()); // the window stays usable while it runs
    QTest::mouseClick(purge->findChild<QPushButton*>(QStringLiteral("purgeButton")),
                      Qt::LeftButton);
    QTRY_COMPARE(table()->rowCount(), 1);
    ListQuery all{team};
    all.includeExpired = true;
    QCOMPARE(m_seed->list(all).result().entries.size(), 1);
    m_window->namespacePage()->tabs()->setCurrentIndex(NamespacePage::OverviewTab);
    auto* expired = m_window->namespacePage()->findChild<QLabel*>(QStringLiteral("expiredValue"));
    QTRY_COMPARE(expired->text(), QStringLiteral("0"));
}

void TestMainWindow::changeExpirationOfSelection()
{
    for (const char* key : {"a", "b", "c"})
        put(team, str(key), QStringLiteral("v"));
    openWindow();
    selectNamespace(team);
    selectRows({0, 2});
    kvStore()->actions().changeExpiration->trigger();
    ExpirationDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ExpirationDialog*>()) != nullptr);
    auto* combo = dialog->findChild<QComboBox*>(QStringLiteral("expirationCombo"));
    combo->setCurrentIndex(combo->findText(QStringLiteral("7 days")));
    dialog->accept();
    QTRY_VERIFY(m_seed->get(team, QStringLiteral("c")).result().expiresAtMs.has_value());
    QCOMPARE(*m_seed->get(team, QStringLiteral("a")).result().expiresAtMs,
             m_clock->nowMs() + 7 * 24 * 3'600'000LL);
    QVERIFY(!m_seed->get(team, QStringLiteral("b")).result().expiresAtMs.has_value());
    QTRY_VERIFY(table()->index(0, KvTableModel::TtlLeftColumn).data().toString() !=
                QStringLiteral("never"));
}

void TestMainWindow::copyKeyValueAndExpression()
{
    put(team, QStringLiteral("a.key"), QStringLiteral("the value"));
    put(team, QStringLiteral("b.key"), QStringLiteral("other"));
    openWindow();
    selectNamespace(team);
    selectRows({0, 1});
    QClipboard* clipboard = QGuiApplication::clipboard();
    kvStore()->actions().copyKey->trigger();
    QTRY_COMPARE(clipboard->text(), QStringLiteral("a.key\nb.key"));
    kvStore()->actions().copyExpression->trigger();
    QTRY_COMPARE(clipboard->text(), QStringLiteral("{{ kv('a.key') }}\n{{ kv('b.key') }}"));
    QVERIFY(!kvStore()->actions().copyValue->isEnabled()); // one pair at a time
    selectRows({0});
    QVERIFY(kvStore()->actions().copyValue->isEnabled());
    kvStore()->actions().copyValue->trigger();
    QTRY_COMPARE(clipboard->text(), QStringLiteral("the value"));
}

void TestMainWindow::deleteSeveralAfterOneConfirmation()
{
    for (const char* key : {"a", "b", "c", "d", "e"})
        put(team, str(key), QStringLiteral("v"));
    openWindow();
    selectNamespace(team);
    QCOMPARE(table()->rowCount(), 5);
    selectRows({1, 2, 3});
    m_prompter.confirmAnswers.enqueue(true);
    QAction* remove = kvStore()->actions().remove;
    QVERIFY(remove->isEnabled());
    remove->trigger();
    QTRY_COMPARE(table()->rowCount(), 2);
    QCOMPARE(m_prompter.asked.size(), 1);
    QVERIFY2(m_prompter.asked.first().contains(QStringLiteral("3")),
             qPrintable(m_prompter.asked.first()));
    QVERIFY(m_prompter.asked.first().contains(QStringLiteral("b\nc\nd")));
    ListQuery q{team};
    QStringList left;
    for (const KvEntry& e : m_seed->list(q).result().entries)
        left << e.key;
    QCOMPARE(left, (QStringList{QStringLiteral("a"), QStringLiteral("e")}));
    QTRY_COMPARE(m_window->namespacePanel()
                     ->model()
                     ->indexOf(team)
                     .data(NamespaceTreeModel::KeyCountRole)
                     .toLongLong(),
                 2);
}

void TestMainWindow::deleteDeclinedChangesNothing()
{
    for (const char* key : {"a", "b"})
        put(team, str(key), QStringLiteral("v"));
    openWindow();
    selectNamespace(team);
    selectRows({0, 1});
    m_prompter.confirmAnswers.enqueue(false);
    kvStore()->actions().remove->trigger();
    QTRY_COMPARE(m_prompter.asked.size(), 1);
    // A removal would have been started by the answer: once the window's operations are done,
    // nothing may be gone.
    QVERIFY(m_window->catalog()->threadPool()->waitForDone(10000));
    QCOMPARE(m_seed->list({team}).result().entries.size(), 2);
    QCOMPARE(table()->rowCount(), 2);
}

void TestMainWindow::exportWritesTheExactBytes()
{
    m_seed->createNamespace(team).waitForFinished();
    SetRequest r{team, QStringLiteral("greeting"),
                 KvValue::parse(ValueType::String, str("=hi, \"you\""))};
    r.description = QStringLiteral("formula-looking");
    m_seed->set(r).waitForFinished();
    m_clock->advanceSeconds(1);
    put(team, QStringLiteral("limit"), QStringLiteral("42"), 3'600'000);
    openWindow();
    selectNamespace(team);
    const QString path = m_dir->filePath(QStringLiteral("out.csv"));
    m_prompter.fileAnswers.enqueue(path);
    kvStore()->actions().includeValues->setChecked(true);
    kvStore()->actions().exportAll->trigger();
    QTRY_VERIFY(QFile::exists(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray expected =
        "namespace,key,type,description,size,created,updated,expires,value\r\n"
        "company.team,greeting,STRING,formula-looking,14,2024-02-29T10:00:00Z,"
        "2024-02-29T10:00:00Z,,\"'=hi, \"\"you\"\"\"\r\n"
        "company.team,limit,STRING,,4,2024-02-29T10:00:01Z,2024-02-29T10:00:01Z,"
        "2024-02-29T11:00:01Z,42\r\n";
    QCOMPARE(file.readAll(), expected);
}

void TestMainWindow::exportSelectionWritesOnlyThoseKeys()
{
    for (const char* key : {"a", "b", "c"})
        put(team, str(key), QStringLiteral("v"));
    openWindow();
    selectNamespace(team);
    selectRows({0, 2});
    const QString path = m_dir->filePath(QStringLiteral("selection.csv"));
    m_prompter.fileAnswers.enqueue(path);
    kvStore()->actions().exportSelection->trigger();
    QTRY_VERIFY(QFile::exists(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 4); // header, a, c and the empty rest after the last CRLF
    QVERIFY(lines.at(1).startsWith("company.team,a,"));
    QVERIFY(lines.at(2).startsWith("company.team,c,"));
}

void TestMainWindow::importAddsPairs()
{
    put(team, QStringLiteral("existing"), QStringLiteral("old"));
    openWindow();
    selectNamespace(team);
    const QString path = m_dir->filePath(QStringLiteral("in.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("key,type,value\r\nexisting,STRING,new\r\nfresh,NUMBER,12345678901234567890\r\n");
    file.close();
    m_prompter.fileAnswers.enqueue(path);
    m_prompter.confirmAnswers.enqueue(true);
    kvStore()->actions().import->trigger();
    QTRY_COMPARE(table()->rowCount(), 2);
    QCOMPARE(m_seed->get(team, QStringLiteral("existing")).result().value->text(),
             QStringLiteral("new"));
    const KvEntry fresh = m_seed->get(team, QStringLiteral("fresh")).result();
    QCOMPARE(fresh.type, ValueType::Number);
    QCOMPARE(fresh.value->text(), QStringLiteral("12345678901234567890"));
}

void TestMainWindow::importBadFileWritesNothing()
{
    put(team, QStringLiteral("existing"), QStringLiteral("old"));
    openWindow();
    selectNamespace(team);
    const QString path = m_dir->filePath(QStringLiteral("bad.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("key,value\r\nexisting,new\r\nbad key,1\r\n");
    file.close();
    m_prompter.fileAnswers.enqueue(path);
    m_prompter.confirmAnswers.enqueue(true);
    kvStore()->actions().import->trigger();
    QTRY_VERIFY(m_prompter.asked.size() == 3); // open, confirm, warn
    QVERIFY2(m_prompter.asked.last().startsWith(QStringLiteral("warn: ")) &&
                 m_prompter.asked.last().contains(QStringLiteral("'bad key'")),
             qPrintable(m_prompter.asked.last()));
    QCOMPARE(m_seed->get(team, QStringLiteral("existing")).result().value->text(),
             QStringLiteral("old"));
}

void TestMainWindow::openCatalogRefusesForeignFolder()
{
    put(team, QStringLiteral("k"), QStringLiteral("v"));
    openWindow();
    const QString foreign = m_dir->filePath(QStringLiteral("foreign"));
    QVERIFY(QDir().mkpath(foreign));
    QFile note(foreign + QStringLiteral("/notes.txt"));
    QVERIFY(note.open(QIODevice::WriteOnly));
    note.write("not a catalog");
    note.close();
    QVERIFY(!m_window->openCatalog(foreign));
    QCOMPARE(m_prompter.asked.size(), 1);
    QVERIFY(m_prompter.asked.first().startsWith(QStringLiteral("warn: ")));
    QVERIFY(m_window->catalog()->location().endsWith(QStringLiteral("catalog")));
    QVERIFY(QFile::exists(foreign + QStringLiteral("/notes.txt")));
    QVERIFY(!QFile::exists(foreign + QStringLiteral("/registry.sqlite")));
}

// A catalog written by schema 1 opens through the window: its upgrade runs while it opens (with
// the progress dialog wired in) and every value reads back.
void TestMainWindow::openingASchema1CatalogUpgradesIt()
{
    openWindow();
    const QString fixture = QStringLiteral(KVDESK_FIXTURES "/catalog-v1");
    const QString old = m_dir->filePath(QStringLiteral("old"));
    QDirIterator files(fixture, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString from = files.next();
        const QString to = old + from.mid(fixture.size());
        QVERIFY(QDir().mkpath(QFileInfo(to).path()));
        QVERIFY(QFile::copy(from, to));
    }
    QVERIFY(m_window->openCatalog(old));
    QCOMPARE(m_prompter.asked, QStringList());
    Catalog* catalog = m_window->catalog();
    QCOMPARE(catalog->location(), QDir(old).absolutePath());
    QCOMPARE(catalog->backend().schemaVersion(), std::optional<int>(3));
    const KvEntry counter =
        catalog->get(QStringLiteral("team.billing"), QStringLiteral("counter")).result();
    QVERIFY(counter.value);
    QCOMPARE(counter.value->toJson(), QByteArray("43"));
    QCOMPARE(catalog->get(QStringLiteral("team.billing"), QStringLiteral("big")).result().size,
             20002);
    // The upgrade ran: of the fixture's 17 value files only the two over the 16 KiB inline limit
    // (20,002 and 16,385 bytes) are still files.
    QDirIterator left(old + QStringLiteral("/values"), QDir::Files, QDirIterator::Subdirectories);
    int stillFiles = 0;
    for (; left.hasNext(); left.next())
        ++stillFiles;
    QCOMPARE(stillFiles, 2);
}

void TestMainWindow::recentCatalogsAndHeaderPersist()
{
    put(team, QStringLiteral("k"), QStringLiteral("v"));
    openWindow();
    const QString second = m_dir->filePath(QStringLiteral("second"));
    QVERIFY(m_window->openCatalog(second));
    QCOMPARE(m_window->recentCatalogs().value(0), second);
    QVERIFY(m_window->recentCatalogs().value(1).endsWith(QStringLiteral("catalog")));
    QVERIFY(m_window->openCatalog(m_dir->filePath(QStringLiteral("catalog"))));
    selectNamespace(team);
    QHeaderView* header = kvStore()->table()->horizontalHeader();
    header->resizeSection(KvTableModel::KeyColumn, 333);
    kvStore()->table()->sortByColumn(KvTableModel::UpdatedColumn, Qt::DescendingOrder);
    m_window->close();
    m_window.reset();

    openWindow();
    selectNamespace(team);
    header = kvStore()->table()->horizontalHeader();
    QCOMPARE(header->sectionSize(KvTableModel::KeyColumn), 333);
    QCOMPARE(header->sortIndicatorSection(), int(KvTableModel::UpdatedColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
}

void TestMainWindow::versionWorksWithoutDisplay()
{
    const QString program = qEnvironmentVariable("KVDESK_GUI");
    QVERIFY2(!program.isEmpty(), "KVDESK_GUI is not set: run the test through ctest");
    for (const char* option : {"--version", "--help"}) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        process.setProcessEnvironment(env);
        process.start(program, {QLatin1String(option)});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        if (qstrcmp(option, "--version") == 0)
            QVERIFY2(out.contains(QStringLiteral(KVDESK_VERSION)), qPrintable(out));
        else
            QVERIFY2(out.contains(QStringLiteral("catalog")), qPrintable(out));
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
