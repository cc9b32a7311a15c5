// What the GUI prints for sizes and counts in English and German: the application's own
// translations are loaded for English too, since the plural forms ("1 key", "2 keys") live there.
#include "AppLanguage.h"
#include "DisplayFormat.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

class TestDisplayFormat : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void englishSaysOneByteAndManyBytes();
    void germanSaysByte();
    void otherLanguagesGetEnglish();

private:
    // Installs the translations the application would install for `language`, and only those.
    void useLanguage(const QString& language);
};

void TestDisplayFormat::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KVDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_displayformat"));
}

void TestDisplayFormat::useLanguage(const QString& language)
{
    for (QTranslator* t : QCoreApplication::instance()->findChildren<QTranslator*>())
        QCoreApplication::removeTranslator(t);
    QSettings().setValue(QLatin1String(AppLanguage::settingsKey), language);
    AppLanguage::install(*QCoreApplication::instance());
}

void TestDisplayFormat::englishSaysOneByteAndManyBytes()
{
    useLanguage(QStringLiteral("en"));
    QCOMPARE(DisplayFormat::size(0), QStringLiteral("0 bytes"));
    QCOMPARE(DisplayFormat::size(1), QStringLiteral("1 byte"));
    QCOMPARE(DisplayFormat::size(1023), QStringLiteral("1023 bytes"));
    QCOMPARE(DisplayFormat::size(2048),
             QLocale().formattedDataSize(2048, 1, QLocale::DataSizeIecFormat));
}

void TestDisplayFormat::germanSaysByte()
{
    useLanguage(QStringLiteral("de"));
    QCOMPARE(DisplayFormat::size(1), QStringLiteral("1 Byte"));
    QCOMPARE(DisplayFormat::size(5), QStringLiteral("5 Byte"));
    QLocale::setDefault(QLocale::c());
}

// A language without a translation (or the C locale of a bare system) shows English, plurals
// included.
void TestDisplayFormat::otherLanguagesGetEnglish()
{
    useLanguage(QStringLiteral("xx"));
    QCOMPARE(AppLanguage::chosen(), QStringLiteral("en"));
    QCOMPARE(DisplayFormat::size(1), QStringLiteral("1 byte"));
    QCOMPARE(DisplayFormat::size(7), QStringLiteral("7 bytes"));
}

QTEST_MAIN(TestDisplayFormat)
#include "tst_displayformat.moc"
