// The one JSON string escaper (src/core/domain/JsonText): what it escapes, in both modes, and
// that Qt's JSON parser reads every literal back to the same text.
#include "domain/JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestJsonText : public QObject
{
    Q_OBJECT

private slots:
    void escapes_data();
    void escapes();
};

void TestJsonText::escapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("utf8");
    QTest::addColumn<QByteArray>("ascii");
    QTest::newRow("plain") << QStringLiteral("abc") << QByteArray("\"abc\"")
                           << QByteArray("\"abc\"");
    QTest::newRow("quotes and backslash")
        << QStringLiteral("a\"b\\c") << QByteArray("\"a\\\"b\\\\c\"")
        << QByteArray("\"a\\\"b\\\\c\"");
    QTest::newRow("controls") << QStringLiteral("\n\r\t\b\f") + QChar(1) + QChar(0x7f)
                              << QByteArray("\"\\n\\r\\t\\b\\f\\u0001\x7f\"")
                              << QByteArray("\"\\n\\r\\t\\b\\f\\u0001\\u007f\"");
    QTest::newRow("non-ASCII") << QStringLiteral("é€") << QByteArray("\"\xc3\xa9\xe2\x82\xac\"")
                               << QByteArray("\"\\u00e9\\u20ac\"");
    QTest::newRow("surrogate pair")
        << QString::fromUtf8("\xf0\x9f\x98\x80") << QByteArray("\"\xf0\x9f\x98\x80\"")
        << QByteArray("\"\\ud83d\\ude00\"");
    QTest::newRow("lone high surrogate")
        << QString(QChar(0xd800)) + QLatin1Char('x') << QByteArray("\"\\ud800x\"")
        << QByteArray("\"\\ud800x\"");
    QTest::newRow("lone low surrogate")
        << QString(QChar(0xdc00)) << QByteArray("\"\\udc00\"") << QByteArray("\"\\udc00\"");
    QTest::newRow("byte-order mark first")
        << QString(QChar(0xfeff)) + QLatin1String("t") << QByteArray("\"\\ufefft\"")
        << QByteArray("\"\\ufefft\"");
}

void TestJsonText::escapes()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, utf8);
    QFETCH(QByteArray, ascii);
    QCOMPARE(kv::jsonStringLiteral(text), utf8);
    QCOMPARE(kv::jsonStringLiteral(text, kv::JsonEscape::Ascii), ascii);
    for (const QByteArray& literal : {utf8, ascii}) {
        const QJsonDocument doc = QJsonDocument::fromJson('[' + literal + ']');
        QVERIFY2(doc.isArray(), literal.constData());
        QCOMPARE(doc.array().at(0).toString(), text);
    }
}

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
