// Remote catalogs in the GUI, against a real kvdesk-server on 127.0.0.1: the Connections dialog
// (saved without the secret; the secret goes to the credential store), connecting with a stored
// secret, asking for it when there is no keychain, the catalog switcher, and recovering when a
// server that went away comes back. The keychain itself: tst_keychain.
#include "Catalog.h"
#include "ConnectionProfile.h"
#include "ConnectionsDialog.h"
#include "domain/Clock.h"
#include "ErrorText.h"
#include "KvStoreWidget.h"
#include "KvTableModel.h"
#include "MainWindow.h"
#include "NamespacePage.h"
#include "NamespacePanel.h"
#include "NamespaceTreeModel.h"
#include "ScriptedCredentialStore.h"
#include "ScriptedPrompter.h"
#include "ServerProcess.h"

#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kv;

class TestConnections : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void dialogSavesEverythingButTheSecret();
    void connectsWithTheStoredSecret();
    void withoutKeychainItAsksEachTime();
    void recoversWhenTheServerReturns();
    void serverDownShowsOneHint();
    void failedSelectionShowsOneHint();
    void keychainCrashKeepsItsMessage();

private:
    bool startServer(quint16 port = 0);
    void seed(const QString& ns, const QString& key);
    ConnectionProfile profile() const;
    std::unique_ptr<MainWindow> openWindow();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ServerProcess> m_server;
    ScriptedPrompter m_prompter;
    ScriptedCredentialStore m_credentials;
    std::shared_ptr<ManualClock> m_clock = std::make_shared<ManualClock>();
};

void TestConnections::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KVDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_connections"));
}

void TestConnections::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_prompter = ScriptedPrompter();
    m_credentials = ScriptedCredentialStore();
    QCOMPARE(ServerProcess::addCredential(m_dir->filePath(QStringLiteral("users.json")),
                                          "--add-user", QStringLiteral("alice"),
                                          QStringLiteral("open sesame")),
             QString());
}

void TestConnections::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

bool TestConnections::startServer(quint16 port)
{
    m_server = std::make_unique<ServerProcess>(
        QStringList{QStringLiteral("--catalog"), m_dir->filePath(QStringLiteral("catalog")),
                    QStringLiteral("--users"), m_dir->filePath(QStringLiteral("users.json"))},
        port);
    if (!m_server->start()) {
        qWarning("%s", qPrintable(m_server->error()));
        return false;
    }
    return true;
}

void TestConnections::seed(const QString& ns, const QString& key)
{
    RemoteConnection c = RemoteConnection::fromLocation(m_server->url());
    c.auth = RemoteConnection::Auth::Basic;
    c.user = QStringLiteral("alice");
    c.secret = QStringLiteral("open sesame");
    Catalog::openRemote(c)
        ->set({ns, key, KvValue::parse(ValueType::String, QStringLiteral("from the server"))})
        .waitForFinished();
}

ConnectionProfile TestConnections::profile() const
{
    ConnectionProfile p = ConnectionProfile::create();
    p.name = QStringLiteral("Test server");
    p.url = m_server->url();
    p.auth = RemoteConnection::Auth::Basic;
    p.user = QStringLiteral("alice");
    return p;
}

std::unique_ptr<MainWindow> TestConnections::openWindow()
{
    auto window = std::make_unique<MainWindow>(m_clock, &m_prompter, &m_credentials);
    window->resize(1100, 700);
    window->show();
    return window;
}

void TestConnections::dialogSavesEverythingButTheSecret()
{
    QVERIFY(startServer());
    ConnectionsDialog dialog(&m_credentials, &m_prompter);
    dialog.show();
    auto* list = dialog.findChild<QListWidget*>(QStringLiteral("connectionList"));
    QCOMPARE(list->count(), 1); // an empty list starts with a new entry to fill in
    auto type = [&dialog](const char* name, const QString& text) {
        auto* edit = dialog.findChild<QLineEdit*>(QLatin1String(name));
        edit->selectAll();
        QTest::keyClicks(edit, text);
    };
    type("nameEdit", QStringLiteral("Staging"));
    type("urlEdit", QStringLiteral("not a url"));
    auto* connect = dialog.findChild<QPushButton*>(QStringLiteral("connectButton"));
    QVERIFY(!connect->isEnabled());
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("problemLabel"))
                ->text()
                .contains(QStringLiteral("'not a url'")));
    type("urlEdit", m_server->url());
    auto* auth = dialog.findChild<QComboBox*>(QStringLiteral("authCombo"));
    auth->setCurrentIndex(auth->findData(int(RemoteConnection::Auth::Basic)));
    QVERIFY(!connect->isEnabled()); // a user is needed
    type("userEdit", QStringLiteral("alice"));
    QVERIFY(connect->isEnabled());
    type("secretEdit", QStringLiteral("open sesame"));

    QSignalSpy requested(&dialog, &ConnectionsDialog::connectRequested);
    QTest::mouseClick(connect, Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    const auto chosen = requested.first().first().value<ConnectionProfile>();
    QCOMPARE(chosen.name, QStringLiteral("Staging"));
    QCOMPARE(requested.first().at(1).value<std::optional<QString>>().value_or(QString()),
             QStringLiteral("open sesame"));
    QTRY_COMPARE(m_credentials.secrets.value(chosen.id), QStringLiteral("open sesame"));

    const QList<ConnectionProfile> saved = ConnectionProfile::loadAll();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().url, m_server->url());
    QCOMPARE(saved.first().user, QStringLiteral("alice"));
    QSettings().sync();
    QDirIterator it(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains("open sesame"), qPrintable(file.fileName()));
    }
}

void TestConnections::connectsWithTheStoredSecret()
{
    QVERIFY(startServer());
    seed(QStringLiteral("remote.team"), QStringLiteral("k"));
    const ConnectionProfile p = profile();
    ConnectionProfile::saveAll({p});
    m_credentials.secrets.insert(p.id, QStringLiteral("open sesame"));
    auto window = openWindow();
    window->openConnection(p);
    NamespaceTreeModel* tree = window->namespacePanel()->model();
    QTRY_VERIFY(tree->indexOf(QStringLiteral("remote.team")).isValid());
    window->namespacePanel()->selectNamespace(QStringLiteral("remote.team"));
    KvTableModel* table = window->namespacePage()->kvStore()->model();
    QTRY_COMPARE(table->keyAt(0), QStringLiteral("k"));
    QVERIFY(window->windowTitle().contains(m_server->url()));
    auto* switcher = window->findChild<QComboBox*>(QStringLiteral("catalogSwitcher"));
    QVERIFY(switcher->currentText().contains(QStringLiteral("Test server")));
    QVERIFY(m_prompter.asked.isEmpty()); // nothing asked: the secret was stored
}

void TestConnections::withoutKeychainItAsksEachTime()
{
    QVERIFY(startServer());
    seed(QStringLiteral("asked"), QStringLiteral("k"));
    m_credentials.unavailable = true;
    const ConnectionProfile p = profile();
    auto window = openWindow();
    m_prompter.secretAnswers.enqueue(QStringLiteral("open sesame"));
    window->openConnection(p);
    QTRY_VERIFY(window->namespacePanel()->model()->indexOf(QStringLiteral("asked")).isValid());
    QCOMPARE(m_prompter.asked.size(), 2);
    QVERIFY(m_prompter.asked.at(0).startsWith(QStringLiteral("warn: No keychain")));
    QVERIFY(m_prompter.asked.at(1).startsWith(QStringLiteral("secret: ")));
    // Next time: asked again, the keychain warning is not repeated; a cancel opens nothing.
    m_prompter.secretAnswers.enqueue(QString());
    window->openConnection(p);
    QTRY_COMPARE(m_prompter.asked.size(), 3);
    QVERIFY(m_prompter.asked.at(2).startsWith(QStringLiteral("secret: ")));
    QVERIFY(m_credentials.secrets.isEmpty());
}

void TestConnections::recoversWhenTheServerReturns()
{
    QVERIFY(startServer());
    seed(QStringLiteral("comes.back"), QStringLiteral("k"));
    const quint16 port = quint16(QUrl(m_server->url()).port());
    const ConnectionProfile p = profile();
    auto window = openWindow();
    window->openConnection(p, QStringLiteral("open sesame"));
    NamespaceTreeModel* tree = window->namespacePanel()->model();
    QTRY_VERIFY(tree->indexOf(QStringLiteral("comes.back")).isValid());

    QCOMPARE(m_server->stop(), 0);
    window->namespacePanel()->reload();
    auto* hint = window->namespacePanel()->findChild<QLabel*>(QStringLiteral("emptyHint"));
    QTRY_VERIFY2(hint->isVisible() && hint->text().contains(QStringLiteral("annot reach")),
                 qPrintable(hint->text()));
    QVERIFY(tree->indexOf(QStringLiteral("comes.back")).isValid()); // still shown meanwhile

    QVERIFY(startServer(port)); // back, same address
    QSignalSpy recovered(window->namespacePanel(), &NamespacePanel::recovered);
    QVERIFY(recovered.wait(15000)); // it retries on its own
    QTRY_VERIFY(!hint->isVisible());
}

void TestConnections::serverDownShowsOneHint()
{
    QVERIFY(startServer());
    const ConnectionProfile p = profile();
    QCOMPARE(m_server->stop(), 0);
    auto window = openWindow();
    window->openConnection(p, QStringLiteral("open sesame"));
    auto* hint = window->namespacePanel()->findChild<QLabel*>(QStringLiteral("emptyHint"));
    QTRY_VERIFY2(hint->isVisible() && hint->text().contains(QStringLiteral("annot reach")),
                 qPrintable(hint->text()));
    QCOMPARE(hint->text().count(ErrorText::hint(ErrorCode::Unavailable)), 1);
}

void TestConnections::failedSelectionShowsOneHint()
{
    // Keys of rows not loaded yet are read when the selection is used; when that read fails, the
    // error arrives as the catalog reported it — not described, wrapped and described again.
    QVERIFY(startServer());
    const QString ns = QStringLiteral("many");
    const int count = KvTableModel::pageSize + 5;
    for (int i = 0; i < count; ++i)
        seed(ns, QStringLiteral("k%1").arg(i, 4, 10, QLatin1Char('0')));
    RemoteConnection c = profile().connection();
    c.secret = QStringLiteral("open sesame");
    std::unique_ptr<Catalog> catalog = Catalog::openRemote(c);
    KvTableModel model(m_clock);
    model.setCatalog(catalog.get());
    model.setNamespace(ns);
    QTRY_COMPARE(model.rowCount(), count);
    QCOMPARE(m_server->stop(), 0);
    QFuture<QStringList> keys = model.keysForRows({count - 1}); // beyond the first page
    QTRY_VERIFY(keys.isFinished());
    CatalogError error = CatalogError::internal(QString());
    try {
        keys.waitForFinished();
        QFAIL("the keys were read from a server that is down");
    } catch (...) {
        error = ErrorText::catalogError(std::current_exception());
    }
    QCOMPARE(error.code(), ErrorCode::Unavailable);
    const QString text = ErrorText::describe(error);
    QCOMPARE(text.count(ErrorText::hint(ErrorCode::Unavailable)), 1);
}

void TestConnections::keychainCrashKeepsItsMessage()
{
    QVERIFY(startServer());
    m_credentials.crashWith = QStringLiteral("the keychain daemon crashed");
    auto window = openWindow();
    window->openConnection(profile());
    QTRY_COMPARE(m_prompter.asked.size(), 1);
    const QString warning = m_prompter.asked.first();
    QVERIFY2(warning.startsWith(QStringLiteral("warn: The keychain daemon crashed.")),
             qPrintable(warning));
    QCOMPARE(warning.count(ErrorText::hint(ErrorCode::Internal)), 1);
}

QTEST_MAIN(TestConnections)
#include "tst_connections.moc"
