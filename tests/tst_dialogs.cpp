// The smaller dialogs driven through their widgets on a real local catalog: change expiration,
// purge (preview, expired only, all with confirmation, cancel, a failed purge), new namespace,
// preferences.
#include "Catalog.h"
#include "domain/CatalogError.h"
#include "domain/Clock.h"
#include "ExpirationDialog.h"
#include "FakeBackend.h"
#include "NamespaceDialog.h"
#include "PreferencesDialog.h"
#include "PurgeDialog.h"
#include "ScriptedPrompter.h"

#include <QBuffer>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kv;

namespace {
const QString ns = QStringLiteral("company.team");
constexpr qint64 minute = 60'000;
} // namespace

class TestDialogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void expirationForSeveralPairs();
    void expirationNeverAndMissingKey();
    void purgePreviewThenExpiredOnly();
    void purgeAllNeedsConfirmation();
    void purgeChildrenAndPattern();
    void purgeCancel();
    void purgeFailureIsShownAndTheDialogStaysUsable();
    void namespaceValidatesAndCreates();
    void childNamespaceAndConflict();
    void preferencesStoreTheLanguage();

private:
    void put(const QString& space, const QString& key, std::optional<qint64> ttl = std::nullopt);
    QStringList keys(const QString& space);
    static QPushButton* okButton(QDialog* dialog)
    {
        return dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttons"))
            ->button(QDialogButtonBox::Ok);
    }

    QTemporaryDir m_dir;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Catalog> m_catalog;
    ScriptedPrompter m_prompter;
    int m_no = 0;
};

void TestDialogs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KVDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_dialogs"));
}

void TestDialogs::init()
{
    m_clock = std::make_shared<ManualClock>(QDateTime(QDate(2024, 2, 29), QTime(10, 0), Qt::UTC));
    m_catalog = Catalog::open(m_dir.filePath(QStringLiteral("c%1").arg(++m_no)), m_clock);
    m_prompter = ScriptedPrompter();
}

void TestDialogs::cleanup()
{
    m_catalog.reset();
}

void TestDialogs::put(const QString& space, const QString& key, std::optional<qint64> ttl)
{
    SetRequest r{space, key, KvValue::parse(ValueType::String, QStringLiteral("v"))};
    r.ttlMs = ttl;
    m_catalog->set(r).waitForFinished();
}

QStringList TestDialogs::keys(const QString& space)
{
    ListQuery q{space};
    q.includeExpired = true;
    QStringList result;
    for (const KvEntry& e : m_catalog->list(q).result().entries)
        result << e.key;
    return result;
}

void TestDialogs::expirationForSeveralPairs()
{
    put(ns, QStringLiteral("a"));
    put(ns, QStringLiteral("b"), minute);
    put(ns, QStringLiteral("c"));
    ExpirationDialog dialog(m_catalog.get(), ns, {QStringLiteral("a"), QStringLiteral("b")});
    dialog.setClock(m_clock);
    dialog.show();
    auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("expirationCombo"));
    combo->setCurrentIndex(combo->findText(QStringLiteral("1 day")));
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("summaryLabel"))
                ->text()
                .contains(QStringLiteral("2 pair")));
    QSignalSpy applied(&dialog, &ExpirationDialog::applied);
    QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
    QVERIFY(applied.wait(5000));
    QCOMPARE(applied.first().first().toStringList(),
             (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    for (const char* key : {"a", "b"}) {
        const KvEntry e = m_catalog->get(ns, QLatin1String(key)).result();
        QCOMPARE(e.expiresAtMs.value_or(-1), m_clock->nowMs() + 24 * 60 * minute);
        QCOMPARE(e.revision, 1); // the value was not rewritten
    }
    QVERIFY(!m_catalog->get(ns, QStringLiteral("c")).result().expiresAtMs.has_value());
}

void TestDialogs::expirationNeverAndMissingKey()
{
    put(ns, QStringLiteral("a"), minute);
    ExpirationDialog dialog(m_catalog.get(), ns, {QStringLiteral("a"), QStringLiteral("gone")});
    dialog.show();
    auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("expirationCombo"));
    combo->setCurrentIndex(combo->findText(QStringLiteral("Never expires")));
    QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
    auto* banner = dialog.findChild<QLabel*>(QStringLiteral("messageBanner"));
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("gone")), qPrintable(banner->text()));
    QVERIFY(dialog.isVisible());
    // All or nothing: "a" still expires.
    QVERIFY(m_catalog->get(ns, QStringLiteral("a")).result().expiresAtMs.has_value());
}

void TestDialogs::purgePreviewThenExpiredOnly()
{
    put(ns, QStringLiteral("old.1"), minute);
    put(ns, QStringLiteral("old.2"), minute);
    put(ns, QStringLiteral("fresh"), 60 * minute);
    put(ns, QStringLiteral("forever"));
    put(QStringLiteral("other"), QStringLiteral("old"), minute);
    m_clock->advanceSeconds(120);
    PurgeDialog dialog(m_catalog.get(), &m_prompter, ns);
    dialog.show();
    QVERIFY(!dialog.isModal());
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("previewButton")),
                      Qt::LeftButton);
    auto* preview = dialog.findChild<QLabel*>(QStringLiteral("previewLabel"));
    QTRY_VERIFY2(preview->text().startsWith(QStringLiteral("2 pair")), qPrintable(preview->text()));
    QCOMPARE(keys(ns).size(), 4); // a preview removes nothing

    QSignalSpy purged(&dialog, &PurgeDialog::purged);
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("purgeButton")),
                      Qt::LeftButton);
    QVERIFY(purged.wait(5000));
    QCOMPARE(purged.first().first().value<PurgeResult>().count, 2);
    QCOMPARE(keys(ns), (QStringList{QStringLiteral("forever"), QStringLiteral("fresh")}));
    QCOMPARE(keys(QStringLiteral("other")).size(), 1); // another namespace: untouched
    QVERIFY(m_prompter.asked.isEmpty());               // expired pairs go without a second question
}

void TestDialogs::purgeAllNeedsConfirmation()
{
    put(ns, QStringLiteral("a"));
    put(ns, QStringLiteral("b"));
    PurgeDialog dialog(m_catalog.get(), &m_prompter, ns);
    dialog.show();
    dialog.findChild<QRadioButton*>(QStringLiteral("allPairs"))->setChecked(true);
    auto* purge = dialog.findChild<QPushButton*>(QStringLiteral("purgeButton"));
    m_prompter.confirmAnswers.enqueue(false);
    QTest::mouseClick(purge, Qt::LeftButton);
    QCOMPARE(m_prompter.asked.size(), 1);
    QVERIFY(m_prompter.asked.first().contains(QStringLiteral("cannot be undone")));
    // A purge would have been started by the click: once every started operation is done,
    // nothing may be gone.
    QVERIFY(m_catalog->threadPool()->waitForDone(10000));
    QCOMPARE(keys(ns).size(), 2);

    m_prompter.confirmAnswers.enqueue(true);
    QSignalSpy purged(&dialog, &PurgeDialog::purged);
    QTest::mouseClick(purge, Qt::LeftButton);
    QVERIFY(purged.wait(5000));
    QVERIFY(keys(ns).isEmpty());
}

void TestDialogs::purgeChildrenAndPattern()
{
    put(ns, QStringLiteral("tmp.1"));
    put(ns, QStringLiteral("keep"));
    put(ns + QStringLiteral(".child"), QStringLiteral("tmp.2"));
    put(QStringLiteral("company"), QStringLiteral("tmp.3"));
    PurgeDialog dialog(m_catalog.get(), &m_prompter, ns);
    dialog.show();
    dialog.findChild<QRadioButton*>(QStringLiteral("scopeChildren"))->setChecked(true);
    dialog.findChild<QRadioButton*>(QStringLiteral("allPairs"))->setChecked(true);
    dialog.findChild<QLineEdit*>(QStringLiteral("keyPatternEdit"))
        ->setText(QStringLiteral("tmp.*"));
    const PurgeRequest r = dialog.request();
    QCOMPARE(r.namespaces, QStringList{ns});
    QVERIFY(r.includeChildren && r.all);
    m_prompter.confirmAnswers.enqueue(true);
    QSignalSpy purged(&dialog, &PurgeDialog::purged);
    dialog.purge();
    QVERIFY(purged.wait(5000));
    QCOMPARE(keys(ns), QStringList{QStringLiteral("keep")});
    QVERIFY(keys(ns + QStringLiteral(".child")).isEmpty());
    QCOMPARE(keys(QStringLiteral("company")).size(), 1); // the parent is not a child
}

void TestDialogs::purgeCancel()
{
    // Enough expired pairs that the purge runs several batches; cancel right after it starts.
    QByteArray csv = "key,value,expires\n";
    for (int i = 0; i < 5000; ++i)
        csv += "k" + QByteArray::number(i) + ",v,2024-02-29T10:01:00Z\n";
    QBuffer buffer(&csv);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    QCOMPARE(m_catalog->importCsv({ns}, &buffer).result().imported, 5000);
    m_clock->advanceSeconds(120);
    PurgeDialog dialog(m_catalog.get(), &m_prompter, ns);
    dialog.show();
    QSignalSpy purged(&dialog, &PurgeDialog::purged);
    dialog.purge();
    auto* close = dialog.findChild<QDialogButtonBox*>(QStringLiteral("buttons"))
                      ->button(QDialogButtonBox::Close);
    QCOMPARE(close->text(), QStringLiteral("Cancel"));
    QTest::mouseClick(close, Qt::LeftButton);
    QVERIFY(dialog.isVisible()); // it waits for the purge to stop
    QVERIFY(purged.wait(10000));
    const qint64 left =
        m_catalog->list({ns, {}, {}, SortColumn::Key, false, 0, 0, true, true}).result().total;
    QVERIFY2(left > 0, "the purge went to the end although it was cancelled at once");
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("messageBanner"))
                ->text()
                .contains(QStringLiteral("ancel")));
}

void TestDialogs::purgeFailureIsShownAndTheDialogStaysUsable()
{
    put(ns, QStringLiteral("old.1"), minute);
    put(ns, QStringLiteral("old.2"), minute);
    put(ns, QStringLiteral("fresh"), 60 * minute);
    m_clock->advanceSeconds(120);
    // The catalog's data behind a gate: the purge waits there until the test lets it fail.
    const auto fake = std::make_shared<kvtest::FakeBackend>(m_catalog->sharedBackend());
    Catalog failing(fake);
    const auto letGo = qScopeGuard([&] {
        fake->hold(false);
        fake->releaseAll(); // before `failing` waits for its operations
    });
    PurgeDialog dialog(&failing, &m_prompter, ns);
    dialog.show();
    auto* purgeButton = dialog.findChild<QPushButton*>(QStringLiteral("purgeButton"));
    auto* close = dialog.findChild<QDialogButtonBox*>(QStringLiteral("buttons"))
                      ->button(QDialogButtonBox::Close);
    auto* banner = dialog.findChild<QLabel*>(QStringLiteral("messageBanner"));
    fake->failNext(QStringLiteral("purge"),
                   CatalogError::unavailable(QStringLiteral("the registry is locked by fsck")));
    fake->hold();
    QSignalSpy purged(&dialog, &PurgeDialog::purged);
    QTest::mouseClick(purgeButton, Qt::LeftButton);
    QVERIFY(fake->waitHeld(1));
    QCOMPARE(fake->held(), QStringList{QStringLiteral("purge")});
    QVERIFY(!purgeButton->isEnabled());
    QCOMPARE(close->text(), QStringLiteral("Cancel"));

    fake->hold(false);
    QVERIFY(fake->release(QStringLiteral("purge")));
    QVERIFY(purged.wait(5000));
    // The failure is said, nothing was removed, and the dialog is open for another try.
    QCOMPARE(purged.first().first().value<PurgeResult>().count, 0);
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("The registry is locked by fsck.")),
             qPrintable(banner->text()));
    QVERIFY(dialog.isVisible());
    QVERIFY(purgeButton->isEnabled());
    QCOMPARE(close->text(), QStringLiteral("Close"));
    QCOMPARE(keys(ns).size(), 3);

    QTest::mouseClick(purgeButton, Qt::LeftButton);
    QVERIFY(purged.wait(5000));
    QCOMPARE(purged.last().first().value<PurgeResult>().count, 2);
    QCOMPARE(keys(ns), QStringList{QStringLiteral("fresh")});
    QVERIFY(m_prompter.asked.isEmpty());
}

void TestDialogs::namespaceValidatesAndCreates()
{
    NamespaceDialog dialog(m_catalog.get(), QString());
    dialog.show();
    auto* name = dialog.findChild<QLineEdit*>(QStringLiteral("nameEdit"));
    QVERIFY(!okButton(&dialog)->isEnabled());
    QTest::keyClicks(name, QStringLiteral("Company"));
    QVERIFY(!okButton(&dialog)->isEnabled());
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("nameProblem"))
                ->text()
                .contains(QStringLiteral("'Company'")));
    name->setText(QStringLiteral("company.data"));
    QVERIFY(okButton(&dialog)->isEnabled());
    dialog.findChild<QLineEdit*>(QStringLiteral("descriptionEdit"))
        ->setText(QStringLiteral("Data team"));
    QSignalSpy created(&dialog, &NamespaceDialog::created);
    QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
    QVERIFY(created.wait(5000));
    QCOMPARE(created.first().first().toString(), QStringLiteral("company.data"));
    const NamespaceStats stats = m_catalog->namespaceStats(QStringLiteral("company.data")).result();
    QVERIFY(stats.isExplicit);
    QCOMPARE(stats.description, QStringLiteral("Data team"));
}

void TestDialogs::childNamespaceAndConflict()
{
    m_catalog->createNamespace(QStringLiteral("company.etl")).waitForFinished();
    NamespaceDialog dialog(m_catalog.get(), QStringLiteral("company"));
    dialog.show();
    QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("parentLabel"))->text(),
             QStringLiteral("company."));
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("nameEdit")),
                     QStringLiteral("etl"));
    QCOMPARE(dialog.namespaceName(), QStringLiteral("company.etl"));
    QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
    auto* banner = dialog.findChild<QLabel*>(QStringLiteral("messageBanner"));
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("already exists")), qPrintable(banner->text()));
    QVERIFY(dialog.isVisible());
}

void TestDialogs::preferencesStoreTheLanguage()
{
    QSettings().remove(QStringLiteral("ui/language"));
    {
        PreferencesDialog dialog;
        dialog.show();
        auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("languageCombo"));
        QCOMPARE(combo->currentIndex(), 0); // system default
        combo->setCurrentIndex(combo->findData(QStringLiteral("de")));
        QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("restartHint"))->isVisible());
        dialog.accept();
    }
    QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("de"));
    PreferencesDialog again;
    auto* combo = again.findChild<QComboBox*>(QStringLiteral("languageCombo"));
    QCOMPARE(combo->currentData().toString(), QStringLiteral("de"));
    combo->setCurrentIndex(0);
    again.accept();
    QVERIFY(!QSettings().contains(QStringLiteral("ui/language")));
}

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
