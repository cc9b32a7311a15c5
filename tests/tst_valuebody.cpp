// The bodies of PUT .../kv/{key} (ValueBody) and the strict UTF-8 check they share with the CLI.
#include "domain/CatalogError.h"
#include "domain/KvValue.h"
#include "domain/Utf8.h"
#include "ExpectError.h"
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
