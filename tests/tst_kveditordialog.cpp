// KvEditorDialog driven through its widgets, offscreen, on a real local catalog: every type
// created and read back exactly, validation messages and the disabled Save button, conflicts
// that keep what was typed, type changes, expiration kept or changed, history and restore.
#include "Catalog.h"
#include "domain/Clock.h"
#include "ErrorText.h"
#include "ExpirationChooser.h"
#include "KvEditorDialog.h"
#include "RevisionListModel.h"

#include <ctime>
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>

using namespace kv;

namespace {
const QString ns = QStringLiteral("company.team");
constexpr qint64 hour = 3'600'000;
} // namespace

class TestKvEditorDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void createsEveryType_data();
    void createsEveryType();
    void dateTimeIsEnteredInLocalTimeAndStoredInUtc();
    void invalidKeyShowsTheRuleAndDisablesSave();
    void jsonErrorShowsLineAndColumn();
    void formatKeepsOrderAndDigits();
    void conflictKeepsWhatWasTyped();
    void overwriteReplaces();
    void editChangesTypeAndKeepsExpiration();
    void editCanChangeExpiration();
    void historyAndRestore();
    void expiredPairCannotBeEdited();
    void missingKeyShowsOneHint();

private:
    KvEditorDialog* open(const QString& key = QString());
    template<typename T> T* child(const char* name)
    {
        T* w = m_dialog->findChild<T*>(QLatin1String(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }
    QPushButton* saveButton()
    {
        return child<QDialogButtonBox>("buttons")->button(QDialogButtonBox::Save);
    }
    void chooseType(const QString& name);
    void put(const QString& key, const QString& text, ValueType type = ValueType::String,
             std::optional<qint64> ttl = std::nullopt);
    KvEntry read(const QString& key) { return m_catalog->get(ns, key).result(); }
    bool save(); // clicks Save; true when the dialog emitted saved() and closed

    QTemporaryDir m_dir;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Catalog> m_catalog;
    QPointer<KvEditorDialog> m_dialog;
    int m_catalogNo = 0;
};

void TestKvEditorDialog::initTestCase()
{
    qputenv("TZ", "Asia/Kolkata"); // UTC+05:30, no daylight saving: a clear non-UTC zone
    tzset();
}

void TestKvEditorDialog::init()
{
    m_clock = std::make_shared<ManualClock>(QDateTime(QDate(2024, 2, 29), QTime(10, 0), Qt::UTC));
    m_catalog = Catalog::open(m_dir.filePath(QStringLiteral("c%1").arg(++m_catalogNo)), m_clock);
}

void TestKvEditorDialog::cleanup()
{
    delete m_dialog;
    m_catalog.reset();
}

KvEditorDialog* TestKvEditorDialog::open(const QString& key)
{
    m_dialog = new KvEditorDialog(m_catalog.get(), m_clock, ns);
    if (key.isEmpty())
        m_dialog->startCreate();
    else
        m_dialog->startEdit(key);
    m_dialog->show();
    if (!key.isEmpty() && !QTest::qWaitFor([this] { return !m_dialog->isBusy(); }))
        qWarning("the pair did not load");
    return m_dialog;
}

void TestKvEditorDialog::chooseType(const QString& name)
{
    auto* combo = child<QComboBox>("typeCombo");
    combo->setCurrentIndex(combo->findText(name));
    QCOMPARE(combo->currentText(), name);
}

void TestKvEditorDialog::put(const QString& key, const QString& text, ValueType type,
                             std::optional<qint64> ttl)
{
    SetRequest r{ns, key, KvValue::parse(type, text)};
    r.ttlMs = ttl;
    r.description = QStringLiteral("old description");
    m_catalog->set(r).waitForFinished();
}

bool TestKvEditorDialog::save()
{
    QSignalSpy saved(m_dialog.data(), &KvEditorDialog::saved);
    QTest::mouseClick(saveButton(), Qt::LeftButton);
    return saved.count() > 0 || saved.wait(5000);
}

void TestKvEditorDialog::createsEveryType_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("editor");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("stored");
    QTest::newRow("string") << "STRING"
                            << "stringEdit"
                            << "two\nlines, ünïcode"
                            << "two\nlines, ünïcode";
    QTest::newRow("20-digit number") << "NUMBER"
                                     << "numberEdit"
                                     << "12345678901234567890"
                                     << "12345678901234567890";
    QTest::newRow("decimal") << "NUMBER"
                             << "numberEdit"
                             << "0.10"
                             << "0.10";
    QTest::newRow("json") << "JSON"
                          << "jsonEdit"
                          << "{ \"b\": 1, \"a\": [1.50, true] }"
                          << "{\"b\":1,\"a\":[1.50,true]}";
    QTest::newRow("duration") << "DURATION"
                              << "durationEdit"
                              << "P1DT2H"
                              << "P1DT2H";
}

void TestKvEditorDialog::createsEveryType()
{
    QFETCH(QString, type);
    QFETCH(QString, editor);
    QFETCH(QString, input);
    QFETCH(QString, stored);
    open();
    QVERIFY(!saveButton()->isEnabled()); // no key yet
    QTest::keyClicks(child<QLineEdit>("keyEdit"), QStringLiteral("the.key"));
    chooseType(type);
    if (auto* text = m_dialog->findChild<QPlainTextEdit*>(editor))
        text->setPlainText(input);
    else
        child<QLineEdit>(qPrintable(editor))->setText(input);
    QVERIFY2(saveButton()->isEnabled(), qPrintable(child<QLabel>("valueProblem")->text()));
    QVERIFY(save());
    const KvEntry e = read(QStringLiteral("the.key"));
    QCOMPARE(valueTypeName(e.type), type);
    QCOMPARE(e.value->text(), stored);
    QVERIFY(!e.expiresAtMs.has_value());
    QVERIFY(m_dialog.isNull() || !m_dialog->isVisible());
}

void TestKvEditorDialog::dateTimeIsEnteredInLocalTimeAndStoredInUtc()
{
    open();
    QTest::keyClicks(child<QLineEdit>("keyEdit"), QStringLiteral("when"));
    chooseType(QStringLiteral("DATETIME"));
    child<QDateTimeEdit>("dateTimeEdit")
        ->setDateTime(QDateTime(QDate(2024, 2, 29), QTime(15, 30), Qt::LocalTime));
    QVERIFY(child<QLabel>("timeZoneLabel")->text().contains(QStringLiteral("+05:30")));
    chooseType(QStringLiteral("BOOLEAN")); // and back: the value survives a type change
    chooseType(QStringLiteral("DATETIME"));
    QVERIFY(save());
    QCOMPARE(read(QStringLiteral("when")).value->text(), QStringLiteral("2024-02-29T10:00:00Z"));

    open();
    QTest::keyClicks(child<QLineEdit>("keyEdit"), QStringLiteral("day"));
    chooseType(QStringLiteral("DATE"));
    child<QDateEdit>("dateEdit")->setDate(QDate(2024, 2, 29));
    QVERIFY(save());
    QCOMPARE(read(QStringLiteral("day")).value->text(), QStringLiteral("2024-02-29"));

    open();
    QTest::keyClicks(child<QLineEdit>("keyEdit"), QStringLiteral("flag"));
    chooseType(QStringLiteral("BOOLEAN"));
    QTest::keyClick(child<QCheckBox>("booleanCheck"), Qt::Key_Space);
    QCOMPARE(child<QCheckBox>("booleanCheck")->text(), QStringLiteral("true"));
    QVERIFY(save());
    QCOMPARE(read(QStringLiteral("flag")).value->text(), QStringLiteral("true"));
}

void TestKvEditorDialog::invalidKeyShowsTheRuleAndDisablesSave()
{
    open();
    auto* key = child<QLineEdit>("keyEdit");
    QTest::keyClicks(key, QStringLiteral("bad key"));
    QVERIFY(!saveButton()->isEnabled());
    QLabel* problem = child<QLabel>("keyProblem");
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(QStringLiteral("'bad key'")), qPrintable(problem->text()));
    key->setText(QStringLiteral("good.key"));
    QVERIFY(!problem->isVisible());
    QVERIFY(saveButton()->isEnabled()); // an empty STRING is a fine value

    chooseType(QStringLiteral("NUMBER"));
    child<QLineEdit>("numberEdit")->setText(QStringLiteral("12,5"));
    QVERIFY(!saveButton()->isEnabled());
    QVERIFY(child<QLabel>("valueProblem")->text().contains(QStringLiteral("'12,5'")));
    QVERIFY(m_catalog->listNamespaces().result().isEmpty()); // nothing was written
}

void TestKvEditorDialog::jsonErrorShowsLineAndColumn()
{
    open();
    QTest::keyClicks(child<QLineEdit>("keyEdit"), QStringLiteral("config"));
    chooseType(QStringLiteral("JSON"));
    auto* json = child<QPlainTextEdit>("jsonEdit");
    json->setPlainText(QStringLiteral("{\n  \"a\": 1,\n  \"b\": \n}"));
    QVERIFY(!saveButton()->isEnabled());
    const QString problem = child<QLabel>("valueProblem")->text();
    QVERIFY2(problem.contains(QStringLiteral("line 4, column 1")), qPrintable(problem));
    QCOMPARE(json->extraSelections().size(), 1);
    QCOMPARE(json->extraSelections().first().cursor.block().blockNumber(), 3);
    json->setPlainText(QStringLiteral("\"just a string\""));
    QVERIFY(!saveButton()->isEnabled()); // JSON must be an object or an array
    json->setPlainText(QStringLiteral("[1, 2]"));
    QVERIFY(saveButton()->isEnabled());
    QVERIFY(json->extraSelections().isEmpty());
}

void TestKvEditorDialog::formatKeepsOrderAndDigits()
{
    open();
    chooseType(QStringLiteral("JSON"));
    auto* json = child<QPlainTextEdit>("jsonEdit");
    json->setPlainText(
        QStringLiteral("{\"z\":12345678901234567890,\"a\":{\"x\":[],\"y\":\"a, b\"}}"));
    QTest::mouseClick(child<QPushButton>("formatButton"), Qt::LeftButton);
    QCOMPARE(
        json->toPlainText(),
        QStringLiteral("{\n    \"z\": 12345678901234567890,\n    \"a\": {\n        \"x\": [],\n"
                       "        \"y\": \"a, b\"\n    }\n}"));
}

void TestKvEditorDialog::conflictKeepsWhatWasTyped()
{
    put(QStringLiteral("taken"), QStringLiteral("original"));
    open();
    QTest::keyClicks(child<QLineEdit>("keyEdit"), QStringLiteral("taken"));
    child<QPlainTextEdit>("stringEdit")->setPlainText(QStringLiteral("replacement"));
    QVERIFY(!child<QCheckBox>("overwriteCheck")->isChecked());
    QTest::mouseClick(saveButton(), Qt::LeftButton);
    QLabel* banner = child<QLabel>("messageBanner");
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("'taken'")), qPrintable(banner->text()));
    QVERIFY(m_dialog->isVisible());
    QCOMPARE(child<QPlainTextEdit>("stringEdit")->toPlainText(), QStringLiteral("replacement"));
    QCOMPARE(read(QStringLiteral("taken")).value->text(), QStringLiteral("original"));
    QCOMPARE(read(QStringLiteral("taken")).revision, 1);
}

void TestKvEditorDialog::overwriteReplaces()
{
    put(QStringLiteral("taken"), QStringLiteral("original"));
    open();
    QTest::keyClicks(child<QLineEdit>("keyEdit"), QStringLiteral("taken"));
    child<QPlainTextEdit>("stringEdit")->setPlainText(QStringLiteral("replacement"));
    child<QCheckBox>("overwriteCheck")->setChecked(true);
    QVERIFY(save());
    QCOMPARE(read(QStringLiteral("taken")).value->text(), QStringLiteral("replacement"));
    QCOMPARE(read(QStringLiteral("taken")).revision, 2);
}

void TestKvEditorDialog::editChangesTypeAndKeepsExpiration()
{
    put(QStringLiteral("count"), QStringLiteral("42"), ValueType::String, 2 * hour);
    const qint64 expires = *read(QStringLiteral("count")).expiresAtMs;
    m_clock->advanceSeconds(60);
    open(QStringLiteral("count"));
    QVERIFY(child<QLineEdit>("keyEdit")->isReadOnly());
    QVERIFY(!child<QCheckBox>("overwriteCheck")->isVisible());
    QCOMPARE(child<QPlainTextEdit>("stringEdit")->toPlainText(), QStringLiteral("42"));
    QCOMPARE(child<QLineEdit>("descriptionEdit")->text(), QStringLiteral("old description"));
    QVERIFY(child<QComboBox>("expirationCombo")->currentText().startsWith(QStringLiteral("Keep")));
    chooseType(QStringLiteral("NUMBER"));
    QCOMPARE(child<QLineEdit>("numberEdit")->text(), QStringLiteral("42")); // carried over
    child<QLineEdit>("descriptionEdit")->setText(QStringLiteral("new description"));
    QVERIFY(save());
    const KvEntry e = read(QStringLiteral("count"));
    QCOMPARE(e.type, ValueType::Number);
    QCOMPARE(e.value->text(), QStringLiteral("42"));
    QCOMPARE(e.description, QStringLiteral("new description"));
    QCOMPARE(e.revision, 2);
    QCOMPARE(e.expiresAtMs.value_or(-1), expires); // kept
}

void TestKvEditorDialog::editCanChangeExpiration()
{
    put(QStringLiteral("k"), QStringLiteral("v"), ValueType::String, hour);
    open(QStringLiteral("k"));
    auto* combo = child<QComboBox>("expirationCombo");
    combo->setCurrentIndex(combo->findText(QStringLiteral("Never expires")));
    QVERIFY(save());
    QVERIFY(!read(QStringLiteral("k")).expiresAtMs.has_value());

    open(QStringLiteral("k"));
    combo = child<QComboBox>("expirationCombo");
    QCOMPARE(combo->currentText(), QStringLiteral("Never expires"));
    combo->setCurrentIndex(combo->findText(QStringLiteral("Custom duration…")));
    auto* custom = child<QLineEdit>("customTtlEdit");
    QVERIFY(custom->isVisible());
    custom->setText(QStringLiteral("P1Y"));
    QVERIFY(!saveButton()->isEnabled());
    QVERIFY(child<QLabel>("expiryPreview")->text().contains(QStringLiteral("'P1Y'")));
    custom->setText(QStringLiteral("PT90M"));
    QVERIFY(saveButton()->isEnabled());
    QVERIFY(save());
    QCOMPARE(read(QStringLiteral("k")).expiresAtMs.value_or(-1), m_clock->nowMs() + 90 * 60'000);
}

void TestKvEditorDialog::historyAndRestore()
{
    put(QStringLiteral("k"), QStringLiteral("first"));
    m_clock->advanceSeconds(10);
    put(QStringLiteral("k"), QStringLiteral("second"));
    open(QStringLiteral("k"));
    auto* view = child<QTableView>("historyView");
    QAbstractItemModelTester tester(view->model(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    QTRY_COMPARE(view->model()->rowCount(), 2);
    QVERIFY(view->model()->index(0, 0).data(RevisionListModel::IsCurrentRole).toBool());
    QCOMPARE(view->model()->index(1, 0).data(RevisionListModel::RevisionRole).toLongLong(), 1);
    auto* restore = child<QPushButton>("restoreButton");
    view->selectRow(0);
    QVERIFY(!restore->isEnabled()); // the current revision
    view->selectRow(1);
    QVERIFY(restore->isEnabled());
    QSignalSpy saved(m_dialog.data(), &KvEditorDialog::saved);
    QTest::mouseClick(restore, Qt::LeftButton);
    QVERIFY(saved.wait(5000));
    const KvEntry e = read(QStringLiteral("k"));
    QCOMPARE(e.value->text(), QStringLiteral("first"));
    QCOMPARE(e.revision, 3);
    QTRY_COMPARE(child<QPlainTextEdit>("stringEdit")->toPlainText(), QStringLiteral("first"));
    QTRY_COMPARE(view->model()->rowCount(), 3);
}

void TestKvEditorDialog::expiredPairCannotBeEdited()
{
    put(QStringLiteral("gone"), QStringLiteral("v"), ValueType::String, 60'000);
    m_clock->advanceSeconds(61);
    open(QStringLiteral("gone"));
    QLabel* banner = child<QLabel>("messageBanner");
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("expired")), qPrintable(banner->text()));
    QVERIFY(!saveButton()->isEnabled());
}

void TestKvEditorDialog::missingKeyShowsOneHint()
{
    // The catalog's words and the hint for its kind of error, each once.
    open(QStringLiteral("nowhere"));
    QLabel* banner = child<QLabel>("messageBanner");
    QTRY_VERIFY(banner->isVisible());
    const QString text = banner->text();
    QVERIFY2(text.contains(QStringLiteral("nowhere")), qPrintable(text));
    QCOMPARE(text.count(ErrorText::hint(ErrorCode::NotFound)), 1);
    CatalogError error = CatalogError::internal(QString());
    try {
        m_catalog->get(ns, QStringLiteral("nowhere")).waitForFinished();
    } catch (const CatalogError& e) {
        error = e;
    }
    QCOMPARE(error.code(), ErrorCode::NotFound);
    QCOMPARE(text, ErrorText::describe(error)); // exactly the catalog's error, described once
}

QTEST_MAIN(TestKvEditorDialog)
#include "tst_kveditordialog.moc"
