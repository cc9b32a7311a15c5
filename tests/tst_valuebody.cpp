// The bodies of PUT .../kv/{key} (ValueBody) and the strict UTF-8 check they share with the CLI.
#include "domain/CatalogError.h"
#include "domain/KvValue.h"
#include "domain/Utf8.h"
#include "ExpectError.h"
#include "format/KestraText.h"
#include "format/ValueBody.h"

#include <QStringDecoder>
#include <QTest>

using namespace kv;
using kvtest::errorMessage;

Q_DECLARE_METATYPE(kv::ValueType)
Q_DECLARE_METATYPE(std::optional<kv::ValueType>)

class TestValueBody : public QObject
{
    Q_OBJECT

private slots:
    void typing_data();
    void typing();
    void numberRuleIsKvValues_data();
    void numberRuleIsKvValues();
    void javaDuration_data();
    void javaDuration();
    void kestraDuration_data();
    void kestraDuration();
    void putHeadersAsKestra();
    void invalidUtf8Refused_data();
    void invalidUtf8Refused();
    void firstInvalidByte_data();
    void firstInvalidByte();
    void largeValidInput();
};

void TestValueBody::typing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ValueType>("type");
    QTest::addColumn<QString>("text");
    using T = ValueType;
    QTest::newRow("string") << QByteArray("\"hello\"") << T::String << QStringLiteral("hello");
    QTest::newRow("number") << QByteArray("42") << T::Number << QStringLiteral("42");
    QTest::newRow("number beyond 64 bits") << QByteArray("12345678901234567890") << T::Number
                                           << QStringLiteral("12345678901234567890");
    QTest::newRow("number overflowing a double")
        << QByteArray("1e999999") << T::Number << QStringLiteral("1e999999");
    QTest::newRow("negative overflow, spaces")
        << QByteArray(" -1.5E+999999\n") << T::Number << QStringLiteral("-1.5E+999999");
    QTest::newRow("underflow") << QByteArray("1e-999999") << T::Number
                               << QStringLiteral("1e-999999");
    QTest::newRow("not a number: 1.") << QByteArray("1.") << T::String << QStringLiteral("1.");
    QTest::newRow("not a number: 01") << QByteArray("01") << T::String << QStringLiteral("01");
    QTest::newRow("boolean") << QByteArray("true") << T::Boolean << QStringLiteral("true");
    QTest::newRow("json") << QByteArray("{\"a\": 1e999999}") << T::Json
                          << QStringLiteral("{\"a\":1e999999}");
    QTest::newRow("duration") << QByteArray("\"PT5S\"") << T::Duration << QStringLiteral("PT5S");
    QTest::newRow("date") << QByteArray("2024-02-29") << T::Date << QStringLiteral("2024-02-29");
    // Kestra's typing (KVController.setKeyValue, InternalKVStore's DURATION_PATTERN, Ion).
    QTest::newRow("week: no Kestra duration")
        << QByteArray("\"P1W\"") << T::String << QStringLiteral("P1W");
    QTest::newRow("fraction: no Kestra duration")
        << QByteArray("\"PT1.5S\"") << T::String << QStringLiteral("PT1.5S");
    QTest::newRow("section without digits")
        << QByteArray("\"PD\"") << T::String << QStringLiteral("PD");
    QTest::newRow("lower case: no Kestra duration")
        << QByteArray("\"pt5s\"") << T::String << QStringLiteral("pt5s");
    QTest::newRow("days and time")
        << QByteArray("\"P2DT3H4M\"") << T::Duration << QStringLiteral("P2DT3H4M");
    QTest::newRow("ion struct") << QByteArray("{a: 1, 'b c': x, \"d\": [true, null,],}") << T::Json
                                << QStringLiteral("{\"a\":1,\"b c\":\"x\",\"d\":[true,null]}");
    QTest::newRow("ion with comments")
        << QByteArray("{ // one\n  a: /* two */ 2 }") << T::Json << QStringLiteral("{\"a\":2}");
    QTest::newRow("ion trailing content")
        << QByteArray("{a: 1} b") << T::String << QStringLiteral("{a: 1} b");
    QTest::newRow("ion annotation")
        << QByteArray("{a: t::1}") << T::String << QStringLiteral("{a: t::1}");
    QTest::newRow("ion quoted symbol")
        << QByteArray("'it''s'") << T::String << QStringLiteral("'it''s'");
    QTest::newRow("ion quoted symbol, escaped")
        << QByteArray("'it\\'s \"so\"'") << T::String << QStringLiteral("it's \"so\"");
    QTest::newRow("other text") << QByteArray("gr\xC3\xBC\xC3\x9F"
                                              "e")
                                << T::String
                                << QString::fromUtf8("gr\xC3\xBC\xC3\x9F"
                                                     "e");
}

void TestValueBody::typing()
{
    QFETCH(QByteArray, body);
    QFETCH(ValueType, type);
    QFETCH(QString, text);
    const KvValue value = valueFromBody(body, std::nullopt);
    QCOMPARE(value.type(), type);
    QCOMPARE(value.text(), text);
    // The body the client sends for it is read back as the same value.
    QCOMPARE(valueFromBody(bodyFromValue(value), std::nullopt), value);
}

void TestValueBody::numberRuleIsKvValues_data()
{
    QTest::addColumn<QString>("text");
    for (const char* t : {"0", "-0", "42", "1.5", "6.02e23", "1E+2", "1e999999", "-1e-999999",
                          "123456789012345678901234567890", "01", "1.", ".5", "+1", "1e", "0x10",
                          "NaN", "Infinity", "-", "1 2"})
        QTest::newRow(t) << QString::fromLatin1(t);
}

void TestValueBody::numberRuleIsKvValues()
{
    // One rule: a PUT body is typed NUMBER exactly when KvValue::parse accepts it as a NUMBER
    // (what `kvdesk-cli set --type NUMBER` and the CSV import use).
    QFETCH(QString, text);
    bool parses = true;
    try {
        KvValue::parse(ValueType::Number, text);
    } catch (const CatalogError&) {
        parses = false;
    }
    QCOMPARE(KvValue::isNumberLiteral(text), parses);
    const KvValue fromBody = valueFromBody(text.toLatin1(), std::nullopt);
    QCOMPARE(fromBody.type() == ValueType::Number, parses);
    if (parses)
        QCOMPARE(fromBody.text(), text);
}

void TestValueBody::javaDuration_data()
{
    // Java's Duration.parse, as Kestra reads its ttl header: std::nullopt where it throws.
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms"); // -1: not a duration
    QTest::newRow("hour") << "PT1H" << qint64(3'600'000);
    QTest::newRow("lower case") << "pt1h" << qint64(3'600'000);
    QTest::newRow("days and time") << "P2DT3H4M" << qint64(((2 * 24 + 3) * 60 + 4) * 60'000LL);
    QTest::newRow("fraction") << "PT0.5S" << qint64(500);
    QTest::newRow("fraction with comma") << "PT1,25S" << qint64(1250);
    QTest::newRow("beyond milliseconds") << "PT0.123456789S" << qint64(123);
    QTest::newRow("empty fraction") << "PT1.S" << qint64(1000);
    QTest::newRow("signed sections") << "P1DT-1H" << qint64(23 * 3'600'000LL);
    QTest::newRow("negative") << "-PT1M" << qint64(-60'000);
    QTest::newRow("negative seconds with fraction") << "PT-1.5S" << qint64(-1500);
    QTest::newRow("zero") << "PT0S" << qint64(0);
    QTest::newRow("weeks") << "P1W" << qint64(-1);
    QTest::newRow("years") << "P1Y" << qint64(-1);
    QTest::newRow("months") << "P1M" << qint64(-1);
    QTest::newRow("no section") << "P" << qint64(-1);
    QTest::newRow("T without time") << "PT" << qint64(-1);
    QTest::newRow("ten fraction digits") << "PT0.1234567890S" << qint64(-1);
    QTest::newRow("days overflow") << "P106751991167301D" << qint64(-1);
    QTest::newRow("milliseconds overflow") << "PT9223372036854776S" << qint64(-1);
    QTest::newRow("spaces") << " PT1H" << qint64(-1);
    QTest::newRow("other digits") << QString::fromUtf8("PT\u0661H") << qint64(-1);
}

void TestValueBody::javaDuration()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const std::optional<qint64> parsed = kestra::parseJavaDuration(text);
    if (ms == -1)
        QVERIFY2(!parsed, qPrintable(QString::number(parsed.value_or(0))));
    else
        QCOMPARE(parsed, std::optional<qint64>(ms));
}

void TestValueBody::kestraDuration_data()
{
    // InternalKVStore's DURATION_PATTERN, and Duration.parse accepting what it matches.
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("duration");
    for (const char* yes : {"PT5S", "P1D", "P2DT3H4M", "PT1H30M", "P0D", "PT0S"})
        QTest::newRow(yes) << QString::fromLatin1(yes) << true;
    for (const char* no :
         {"PD", "PTS", "PT", "P", "pt5s", "PT1.5S", "P1W", "-PT5S", "PT+5S", "P1Y", "PT5S ", "5S"})
        QTest::newRow(no) << QString::fromLatin1(no) << false;
}

void TestValueBody::kestraDuration()
{
    QFETCH(QString, text);
    QFETCH(bool, duration);
    QCOMPARE(kestra::isDuration(text), duration);
}

// readPut with Kestra's headers: its ttl as Java reads it, and the description cleared when it
// is not sent (KVController.setKeyValue builds new metadata from the two headers).
void TestValueBody::putHeadersAsKestra()
{
    SetRequest s = readPut("1", {{"ttl", "pt2m"}});
    QCOMPARE(s.ttlMs, std::optional<qint64>(120'000));
    QCOMPARE(s.description, std::optional<QString>(QString()));
    s = readPut("1", {{"description", "kept"}});
    QCOMPARE(s.description, std::optional<QString>(QStringLiteral("kept")));
    QVERIFY(!s.ttlMs);
    QVERIFY(!readPut("1", {{"kv-keep-description", "true"}}).description);
    const QString message = errorMessage(ErrorCode::InvalidInput, [] {
        readPut("1", {{"ttl", "P1W"}});
    });
    QVERIFY2(message.contains(QStringLiteral("'P1W'")), qPrintable(message));
}

void TestValueBody::invalidUtf8Refused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<std::optional<ValueType>>("forced");
    QTest::addColumn<int>("offset");
    const std::optional<ValueType> none;
    QTest::newRow("plain text") << QByteArray("ab\xFF"
                                              "cd")
                                << none << 2;
    QTest::newRow("in a string literal") << QByteArray("\"x\xC0\xAF\"") << none << 2;
    QTest::newRow("in a JSON document") << QByteArray("{\"a\":\"\xED\xA0\x80\"}") << none << 6;
    QTest::newRow("truncated at end") << QByteArray("caf\xC3") << none << 3;
    QTest::newRow("forced STRING")
        << QByteArray("\x80") << std::optional<ValueType>(ValueType::String) << 0;
    QTest::newRow("forced JSON") << QByteArray("[\"\xF4\x90\x80\x80\"]")
                                 << std::optional<ValueType>(ValueType::Json) << 2;
}

void TestValueBody::invalidUtf8Refused()
{
    QFETCH(QByteArray, body);
    QFETCH(std::optional<ValueType>, forced);
    QFETCH(int, offset);
    QCOMPARE(errorMessage(ErrorCode::InvalidInput, [&] { valueFromBody(body, forced); }),
             QStringLiteral("the value is not valid UTF-8 (byte offset %1)").arg(offset));
}

void TestValueBody::firstInvalidByte_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("offset");
    QTest::newRow("empty") << QByteArray() << -1;
    QTest::newRow("ascii") << QByteArray("hello, world: 0123456789") << -1;
    QTest::newRow("every length") << QByteArray("\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF"
                                                "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF")
                                  << -1;
    QTest::newRow("U+FEFF is fine") << QByteArray("\xEF\xBB\xBF"
                                                  "a")
                                    << -1;
    QTest::newRow("C0 overlong") << QByteArray("\xC0\x80") << 0;
    QTest::newRow("C1 overlong") << QByteArray("a\xC1\xBF") << 1;
    QTest::newRow("E0 overlong") << QByteArray("ab\xE0\x9F\xBF") << 2;
    QTest::newRow("surrogate") << QByteArray("\xED\xBF\xBF") << 0;
    QTest::newRow("F0 overlong") << QByteArray("\xF0\x8F\xBF\xBF") << 0;
    QTest::newRow("above U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << 0;
    QTest::newRow("F5") << QByteArray("\xF5\x80\x80\x80") << 0;
    QTest::newRow("missing continuation") << QByteArray("\xE2\x82"
                                                        "a")
                                          << 0;
    QTest::newRow("truncated 4-byte") << QByteArray("12345678\xF0\x9F\x98") << 8;
    QTest::newRow("after 8-byte ASCII runs") << QByteArray("0123456789abcdefgh\xFF") << 18;
    QTest::newRow("stray continuation in a run") << QByteArray("0123\x80"
                                                               "56789")
                                                 << 4;
}

void TestValueBody::firstInvalidByte()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, offset);
    QCOMPARE(utf8::firstInvalidByte(bytes), qsizetype(offset));
    // The same verdict as Qt's strict decoder.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes); // (lazy: only a QString runs it)
    Q_UNUSED(decoded)
    QCOMPARE(decoder.hasError(), offset >= 0);
}

void TestValueBody::largeValidInput()
{
    // 16 MiB of mixed text is accepted and decoded; one bad byte near the end is found.
    QByteArray bytes;
    const QByteArray piece = "plain ascii text, gr\xC3\xBC\xC3\x9F"
                             "e \xF0\x9F\x98\x80\n";
    while (bytes.size() < 16 * 1024 * 1024)
        bytes += piece;
    QCOMPARE(utf8::firstInvalidByte(bytes), qsizetype(-1));
    QCOMPARE(utf8::decodeValue(bytes).size(), QString::fromUtf8(bytes).size());
    bytes[bytes.size() - 1] = '\xFF';
    QCOMPARE(utf8::firstInvalidByte(bytes), bytes.size() - 1);
}

QTEST_APPLESS_MAIN(TestValueBody)
#include "tst_valuebody.moc"
