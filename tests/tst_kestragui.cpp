// The desktop application against an old (0.20) and a current (2.0) Kestra of the emulation in
// tests/support/kestra, offscreen: browse, edit (the description stays), delete, the actions
// Kestra lacks greyed with the reason naming its version, and the Connections dialog's test
// naming the server.
#include "Catalog.h"
#include "ConnectionProfile.h"
#include "ConnectionsDialog.h"
#include "ExpectError.h"
#include "KestraEmulator.h"
#include "KvEditorDialog.h"
#include "KvStoreWidget.h"
#include "KvTableModel.h"
#include "MainWindow.h"
#include "NamespacePage.h"
#include "NamespacePanel.h"
#include "NamespaceTreeModel.h"
#include "ScriptedCredentialStore.h"
#include "ScriptedPrompter.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTabWidget>
#include <QTest>

using namespace kv;
using kvtest::KestraProfile;

Q_DECLARE_METATYPE(kvtest::KestraProfile)

class TestKestraGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void browseEditDelete_data() { profiles(); }
    void browseEditDelete();
    void connectionTestNamesTheServer_data() { profiles(); }
    void connectionTestNamesTheServer();

private:
    static void profiles();
    void startKestra();
    void put(const QString& key, const QString& text, const QString& description);

    KestraProfile m_profile = KestraProfile::V0_20;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<KestraEmulator> m_kestra;
    std::unique_ptr<Catalog> m_seed;
    ScriptedPrompter m_prompter;
    ScriptedCredentialStore m_credentials;
    const QString team = QStringLiteral("company.team");
};

void TestKestraGui::profiles()
{
    QTest::addColumn<KestraProfile>("profile");
    for (KestraProfile p : {KestraProfile::V0_20, KestraProfile::V1_1, KestraProfile::V1_1_4,
                            KestraProfile::V1_2_5, KestraProfile::V2_0})
        QTest::newRow(qPrintable(kvtest::versionOf(p))) << p;
}

void TestKestraGui::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KVDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_kestragui"));
}

void TestKestraGui::init()
{
    QSettings().clear();
    m_prompter = ScriptedPrompter();
    m_credentials = ScriptedCredentialStore();
    m_clock = std::make_shared<ManualClock>(QDateTime::currentDateTimeUtc());
}

void TestKestraGui::cleanup()
{
    m_seed.reset();
    m_kestra.reset();
}

void TestKestraGui::startKestra()
{
    QFETCH(KestraProfile, profile);
    m_profile = profile;
    m_kestra = std::make_unique<KestraEmulator>(profile, m_clock);
    QVERIFY2(m_kestra->start(), qPrintable(m_kestra->error()));
    m_seed = Catalog::open(m_kestra->url());
}

void TestKestraGui::put(const QString& key, const QString& text, const QString& description)
{
    SetRequest r{team, key, KvValue::parse(ValueType::String, text)};
    r.description = description;
    m_seed->set(r).waitForFinished();
}

void TestKestraGui::browseEditDelete()
{
    startKestra();
    put(QStringLiteral("a"), QStringLiteral("first"), QStringLiteral("about a"));
    put(QStringLiteral("b"), QStringLiteral("second"), QStringLiteral("about b"));
    MainWindow window(m_clock, &m_prompter, &m_credentials);
    window.resize(1100, 700);
    window.show();
    QVERIFY(window.openCatalog(m_kestra->url()));

    // Browse.
    QTRY_VERIFY2(window.namespacePanel()->model()->indexOf(team).isValid(),
                 qPrintable(m_kestra->api().requestLog().join(QLatin1Char('\n')) +
                            m_prompter.asked.join(QLatin1Char('\n'))));
    window.namespacePanel()->selectNamespace(team);
    KvStoreWidget* store = window.namespacePage()->kvStore();
    KvTableModel* table = store->model();
    QTRY_COMPARE(table->rowCount(), 2);
    QTRY_VERIFY(table->index(1, 0).data(KvTableModel::LoadedRole).toBool());
    QCOMPARE(table->keyAt(1), QStringLiteral("b"));

    // What Kestra lacks is greyed, the reason naming its version.
    const QString version = kvtest::versionOf(m_profile);
    for (QAction* action : {store->actions().purge, store->actions().import,
                            window.namespacePanel()->newNamespaceAction()}) {
        QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
        QVERIFY2(action->toolTip().contains(version), qPrintable(action->toolTip()));
    }
    QVERIFY(store->actions().purge->toolTip().contains(QStringLiteral("purging")));
    QVERIFY(store->actions().exportAll->isEnabled());

    // Edit b: the value changes, its description (not touched) stays.
    QTableView* view = store->table();
    view->setFocus();
    view->setCurrentIndex(table->index(1, 0));
    view->selectRow(1);
    QTest::keyClick(view, Qt::Key_Return);
    auto* editor = window.findChild<KvEditorDialog*>();
    QVERIFY(editor);
    QTRY_VERIFY(!editor->isBusy());
    QTRY_COMPARE(editor->findChild<QPlainTextEdit*>(QStringLiteral("stringEdit"))->toPlainText(),
                 QStringLiteral("second"));
    // Kestra has no revisions: the History tab is greyed with the reason.
    auto* tabs = editor->findChild<QTabWidget*>(QStringLiteral("tabs"));
    const int historyTab = tabs->indexOf(editor->findChild<QWidget*>(QStringLiteral("historyTab")));
    QTRY_VERIFY(!tabs->isTabEnabled(historyTab));
    QVERIFY2(tabs->tabToolTip(historyTab).contains(version),
             qPrintable(tabs->tabToolTip(historyTab)));
    editor->findChild<QPlainTextEdit*>(QStringLiteral("stringEdit"))
        ->setPlainText(QStringLiteral("changed"));
    editor->accept();
    QTRY_VERIFY(window.findChild<KvEditorDialog*>() == nullptr);
    const KvEntry b = m_seed->get(team, QStringLiteral("b")).result();
    QCOMPARE(b.value->text(), QStringLiteral("changed"));
    QCOMPARE(b.description, QStringLiteral("about b"));

    // Delete a.
    view->setCurrentIndex(table->index(0, 0));
    view->selectRow(0);
    m_prompter.confirmAnswers.enqueue(true);
    QVERIFY(store->actions().remove->isEnabled());
    store->actions().remove->trigger();
    QTRY_COMPARE(table->rowCount(), 1);
    QCOMPARE(table->keyAt(0), QStringLiteral("b"));
    kvtest::expectError(ErrorCode::NotFound,
                        [&] { (void)m_seed->get(team, QStringLiteral("a")).result(); });
}

void TestKestraGui::connectionTestNamesTheServer()
{
    startKestra();
    ConnectionProfile p = ConnectionProfile::create();
    p.name = QStringLiteral("Kestra");
    p.url = m_kestra->url();
    p.auth = RemoteConnection::Auth::None;
    ConnectionProfile::saveAll({p});
    ConnectionsDialog dialog(&m_credentials, &m_prompter);
    dialog.show();
    dialog.findChild<QListWidget*>(QStringLiteral("connectionList"))->setCurrentRow(0);
    auto* test = dialog.findChild<QPushButton*>(QStringLiteral("testButton"));
    QVERIFY(test->isEnabled());
    test->click();
    auto* result = dialog.findChild<QLabel*>(QStringLiteral("testResult"));
    QTRY_VERIFY2(result->text().startsWith(QStringLiteral("Connected")),
                 qPrintable(result->text()));
    QVERIFY2(result->text().contains(kvtest::nameOf(m_profile)), qPrintable(result->text()));
}

QTEST_MAIN(TestKestraGui)
#include "tst_kestragui.moc"
