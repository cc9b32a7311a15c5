#include "domain/CatalogError.h"
#include "domain/KvValue.h"
#include "ExpectError.h"

#include <QTest>

Q_DECLARE_METATYPE(kv::ValueType)

namespace kv {

class TestKvValue : public QObject
{
    Q_OBJECT

private slots:
    void defaultValue();
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void jsonErrors_data();
    void jsonErrors();
    void toJson_data();
    void toJson();
    void roundTrip_data();
    void roundTrip();
    void fromJsonCorrupt_data();
    void fromJsonCorrupt();
};

namespace {

using kvtest::errorMessage;

QString str(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

// Parses without throwing, so that a failing row reports the message instead of aborting.
bool parsed(ValueType type, const QString& input, KvValue* out, QString* error)
{
    try {
        *out = KvValue::parse(type, input);
        return true;
    } catch (const CatalogError& e) {
        *error = e.message();
        return false;
    }
}

} // namespace

void TestKvValue::defaultValue()
{
    const KvValue value;
    QCOMPARE(value.type(), ValueType::String);
    QCOMPARE(value.text(), QString());
    QCOMPARE(value.toJson(), QByteArray("\"\""));
    QCOMPARE(value, KvValue::parse(ValueType::String, QString()));
    QVERIFY(value != KvValue::parse(ValueType::Json, QStringLiteral("[]")));
}

void TestKvValue::parseValid_data()
{
    QTest::addColumn<ValueType>("type");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    auto row = [](const char* name, ValueType type, const char* input, const char* canonical) {
        QTest::newRow(name) << type << str(input) << str(canonical);
    };
    using T = ValueType;
    row("string: text", T::String, "hello world", "hello world");
    row("string: empty", T::String, "", "");
    row("string: kept untrimmed", T::String, "  padded\n", "  padded\n");
    row("string: unicode", T::String, "caf\u00e9 \u2603 \U0001F600", "caf\u00e9 \u2603 \U0001F600");
    row("number: integer", T::Number, "42", "42");
    row("number: negative", T::Number, "-1.5", "-1.5");
    row("number: zero", T::Number, "0", "0");
    row("number: negative zero", T::Number, "-0", "-0");
    row("number: trailing zeros kept", T::Number, "12.50", "12.50");
    row("number: 0.1 exactly", T::Number, "0.1", "0.1");
    row("number: beyond 64 bits", T::Number, "12345678901234567890", "12345678901234567890");
    row("number: beyond double", T::Number, "3.14159265358979323846264338327950288",
        "3.14159265358979323846264338327950288");
    row("number: exponent", T::Number, "6.02e23", "6.02e23");
    row("number: signed exponents", T::Number, "1E+2", "1E+2");
    row("number: negative exponent", T::Number, "-2.5e-10", "-2.5e-10");
    row("number: trimmed", T::Number, "  7 \n", "7");
    row("number: overflows a double", T::Number, "1e999999", "1e999999");
    row("number: underflows a double", T::Number, "-1E-999999", "-1E-999999");
    row("boolean: true", T::Boolean, "true", "true");
    row("boolean: TRUE", T::Boolean, "TRUE", "true");
    row("boolean: False", T::Boolean, "False", "false");
    row("boolean: trimmed", T::Boolean, " fAlSe ", "false");
    row("date: leap day", T::Date, "2024-02-29", "2024-02-29");
    row("date: first day", T::Date, "0001-01-01", "0001-01-01");
    row("date: last day", T::Date, "9999-12-31", "9999-12-31");
    row("date: trimmed", T::Date, " 2024-01-15 ", "2024-01-15");
    row("datetime: Z", T::DateTime, "2024-02-29T10:00:00Z", "2024-02-29T10:00:00Z");
    row("datetime: positive offset", T::DateTime, "2024-02-29T11:00:00+01:00",
        "2024-02-29T10:00:00Z");
    row("datetime: negative offset", T::DateTime, "2024-02-29T05:30:00-04:30",
        "2024-02-29T10:00:00Z");
    row("datetime: zero offset", T::DateTime, "2024-02-29T10:00:00+00:00", "2024-02-29T10:00:00Z");
    row("datetime: milliseconds", T::DateTime, "2024-02-29T10:00:00.250Z",
        "2024-02-29T10:00:00.250Z");
    row("datetime: one fraction digit", T::DateTime, "2024-02-29T10:00:00.5Z",
        "2024-02-29T10:00:00.500Z");
    row("datetime: zero milliseconds dropped", T::DateTime, "2024-02-29T10:00:00.000Z",
        "2024-02-29T10:00:00Z");
    row("datetime: nanoseconds truncated", T::DateTime, "2024-02-29T10:00:00.123999999Z",
        "2024-02-29T10:00:00.123Z");
    row("datetime: without seconds", T::DateTime, "2024-02-29T10:00Z", "2024-02-29T10:00:00Z");
    row("datetime: lowercase t and z", T::DateTime, "2024-02-29t10:00:00z", "2024-02-29T10:00:00Z");
    row("datetime: crosses a day", T::DateTime, "2024-03-01T01:00:00+02:00",
        "2024-02-29T23:00:00Z");
    row("datetime: crosses a year", T::DateTime, "2023-12-31T22:00:00-03:00",
        "2024-01-01T01:00:00Z");
    row("datetime: earliest", T::DateTime, "0001-01-01T01:00:00.007+01:00",
        "0001-01-01T00:00:00.007Z");
    row("datetime: trimmed", T::DateTime, " 2024-02-29T10:00:00Z\n", "2024-02-29T10:00:00Z");
    row("duration: minutes", T::Duration, "PT5M", "PT5M");
    row("duration: week", T::Duration, "P1W", "P7D");
    row("duration: normalised", T::Duration, "PT90M", "PT1H30M");
    row("duration: fraction", T::Duration, "PT1.500S", "PT1.5S");
    row("duration: zero", T::Duration, "PT0S", "PT0S");
    row("duration: trimmed", T::Duration, " P1D ", "P1D");
    row("json: object compacted", T::Json, "{ \"a\" : 1,\n  \"b\" : [ 1 , 2 ] }",
        "{\"a\":1,\"b\":[1,2]}");
    row("json: array", T::Json, "[1, \"two\", true, null]", "[1,\"two\",true,null]");
    row("json: empty object", T::Json, " {} ", "{}");
    row("json: empty array", T::Json, "[ ]", "[]");
    row("json: member order kept", T::Json, "{\"z\":1,\"a\":2}", "{\"z\":1,\"a\":2}");
    row("json: number literals kept", T::Json, "[12345678901234567890, 0.1, 1.50, 1e400]",
        "[12345678901234567890,0.1,1.50,1e400]");
    row("json: spaces in strings kept", T::Json, "{\"k\": \"a  b\\t c\"}", "{\"k\":\"a  b\\t c\"}");
    row("json: escapes kept", T::Json, "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"]",
        "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"]");
    row("json: unicode kept", T::Json, "{\"caf\u00e9\": \"\U0001F600\"}",
        "{\"caf\u00e9\":\"\U0001F600\"}");
    row("json: nested", T::Json, "{\"a\": {\"b\": [[], {}]}}", "{\"a\":{\"b\":[[],{}]}}");
    row("json: duplicate keys kept", T::Json, "{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":2}");
}

void TestKvValue::parseValid()
{
    QFETCH(ValueType, type);
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    KvValue value;
    QString error;
    QVERIFY2(parsed(type, input, &value, &error), qPrintable(error));
    QCOMPARE(value.type(), type);
    QCOMPARE(value.text(), canonical);
    QCOMPARE(KvValue::parse(type, canonical), value); // canonical text is a fixed point
}

void TestKvValue::parseInvalid_data()
{
    QTest::addColumn<ValueType>("type");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("reason");
    auto row = [](const char* name, ValueType type, const char* input, const char* reason) {
        QTest::newRow(name) << type << str(input) << str(reason);
    };
    using T = ValueType;
    const char* number = "expected a decimal number such as 42, -1.5 or 6.02e23";
    row("number: word", T::Number, "abc", number);
    row("number: empty", T::Number, "", number);
    row("number: leading zero", T::Number, "01", number);
    row("number: plus sign", T::Number, "+1", number);
    row("number: dot without digits after", T::Number, "1.", number);
    row("number: dot without digits before", T::Number, ".5", number);
    row("number: comma", T::Number, "1,5", number);
    row("number: empty exponent", T::Number, "1e", number);
    row("number: hexadecimal", T::Number, "0x10", number);
    row("number: NaN", T::Number, "NaN", number);
    row("number: Infinity", T::Number, "Infinity", number);
    row("number: two numbers", T::Number, "1 2", number);
    row("boolean: yes", T::Boolean, "yes", "expected true or false");
    row("boolean: 1", T::Boolean, "1", "expected true or false");
    row("boolean: empty", T::Boolean, "", "expected true or false");
    row("date: not a leap year", T::Date, "2023-02-29", "there is no such day in the calendar");
    row("date: month 13", T::Date, "2024-13-01", "there is no such day in the calendar");
    row("date: day 32", T::Date, "2024-01-32", "there is no such day in the calendar");
    row("date: year zero", T::Date, "0000-01-01", "there is no such day in the calendar");
    row("date: short fields", T::Date, "2024-2-1", "expected a date YYYY-MM-DD, e.g. 2024-02-29");
    row("date: slashes", T::Date, "2024/02/29", "expected a date YYYY-MM-DD");
    row("date: with time", T::Date, "2024-02-29T10:00:00Z", "expected a date YYYY-MM-DD");
    row("date: empty", T::Date, "", "expected a date YYYY-MM-DD");
    row("datetime: no offset", T::DateTime, "2024-02-29T10:00:00",
        "the offset (Z or +hh:mm) is missing; expected ISO-8601 with an offset, e.g. "
        "2024-02-29T10:00:00Z or 2024-02-29T11:00:00+01:00");
    row("datetime: date only", T::DateTime, "2024-02-29", "expected ISO-8601 with an offset");
    row("datetime: space separator", T::DateTime, "2024-02-29 10:00:00Z",
        "expected ISO-8601 with an offset");
    row("datetime: short offset", T::DateTime, "2024-02-29T10:00:00+1:00",
        "expected ISO-8601 with an offset");
    row("datetime: offset without colon", T::DateTime, "2024-02-29T10:00:00+0100",
        "expected ISO-8601 with an offset");
    row("datetime: offset out of range", T::DateTime, "2024-02-29T10:00:00+24:00",
        "the offset is out of range");
    row("datetime: no such day", T::DateTime, "2023-02-29T10:00:00Z",
        "there is no such day in the calendar");
    row("datetime: hour 24", T::DateTime, "2024-02-29T24:00:00Z", "there is no such time of day");
    row("datetime: leap second", T::DateTime, "2016-12-31T23:59:60Z",
        "there is no such time of day");
    row("datetime: empty fraction", T::DateTime, "2024-02-29T10:00:00.Z",
        "the fraction of a second has 1 to 9 digits");
    row("datetime: ten fraction digits", T::DateTime, "2024-02-29T10:00:00.1234567890Z",
        "the fraction of a second has 1 to 9 digits");
    row("datetime: before year 1 in UTC", T::DateTime, "0001-01-01T00:00:00+01:00",
        "the date is out of range in UTC");
    row("datetime: after year 9999 in UTC", T::DateTime, "9999-12-31T23:00:00-01:00",
        "the date is out of range in UTC");
    row("datetime: garbage after", T::DateTime, "2024-02-29T10:00:00Zx",
        "expected ISO-8601 with an offset");
    row("duration: years", T::Duration, "P1Y", "years and months are not allowed");
    row("duration: negative", T::Duration, "-PT1S", "a duration must not be negative");
    row("duration: lowercase", T::Duration, "pt5m", "the letters must be uppercase");
    row("duration: empty", T::Duration, "", "a duration must not be empty");
}

void TestKvValue::parseInvalid()
{
    QFETCH(ValueType, type);
    QFETCH(QString, input);
    QFETCH(QString, reason);
    const QString message =
        errorMessage(ErrorCode::InvalidInput, [&] { KvValue::parse(type, input); });
    const QString start = type == ValueType::Duration && input.isEmpty()
                              ? QStringLiteral("invalid DURATION: ")
                              : QStringLiteral("invalid %1 '%2': ").arg(valueTypeName(type), input);
    QVERIFY2(message.startsWith(start), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
}

void TestKvValue::jsonErrors_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("message");
    auto at = [](const char* name, const char* input, int line, int column, const char* reason) {
        QTest::newRow(name) << str(input)
                            << QStringLiteral("invalid JSON at line %1, column %2: %3")
                                   .arg(line)
                                   .arg(column)
                                   .arg(str(reason));
    };
    at("missing name separator", "{\n  \"a\": 1,\n  \"b\" 2\n}", 3, 7, "missing name separator");
    at("missing value separator", "[1,\n  2\n  3]", 3, 3, "missing value separator");
    at("trailing comma in array", "[1,]", 1, 4, "object is missing after a comma");
    at("trailing comma in object", "{\"a\":1,}", 1, 8, "object is missing after a comma");
    at("unterminated array", "[1, 2", 1, 5, "invalid termination by number");
    at("unterminated object", "{\"a\":[1}", 1, 8, "unterminated array");
    at("garbage after", "[1] [2]", 1, 5, "garbage at the end of the document");
    at("after unicode", "[\"\u00e9\u00e9\" 2]", 1, 7, "missing value separator");
    at("CRLF lines", "{\r\n\"a\":1\r\n\"b\":2}", 3, 1, "unterminated object");
    at("number 1.", "[1.]", 1, 2, "invalid number '1.'");
    at("number .5", "[.5]", 1, 2, "invalid number '.5'");
    at("leading zero", "{\"a\":\n 01}", 2, 2, "invalid number '01'");
    at("plus sign", "[+1]", 1, 2, "invalid number '+1'");
    at("NaN", "[NaN]", 1, 2, "invalid word 'NaN'");
    at("wrong case literal", "[tRue]", 1, 2, "invalid word 'tRue'");
    at("bare word", "abc", 1, 1, "invalid word 'abc'");
    at("single quotes", "{'a': 1}", 1, 2, "unexpected character '''");
    at("comment", "[1] // note", 1, 5, "unexpected character '/'");
    at("raw newline in string", "[\"a\nb\"]", 1, 4, "unescaped control character U+000A");
    at("raw tab in string", "[\"a\tb\"]", 1, 4, "unescaped control character U+0009");
    at("bad escape", "[\"\\x\"]", 1, 3, "invalid escape sequence");
    at("short unicode escape", "[\"\\u12\"]", 1, 3, "invalid escape sequence");
    at("unterminated string", "{\"a\": \"b}", 1, 7, "unterminated string");
    QTest::newRow("byte order mark") // QString::fromUtf8 would drop it, so add it as a QChar
        << QChar(0xFEFF) + QStringLiteral("[1]")
        << QStringLiteral("invalid JSON at line 1, column 1: unexpected character U+FEFF");
    QTest::newRow("empty") << QString()
                           << QStringLiteral("invalid JSON: the text is empty; expected an object "
                                             "or an array, e.g. {\"a\": 1} or [1, 2]");
    QTest::newRow("blank") << QStringLiteral(" \n\t ")
                           << QStringLiteral("invalid JSON: the text is empty; expected an object "
                                             "or an array, e.g. {\"a\": 1} or [1, 2]");
    const QString scalar = QStringLiteral(": a JSON value must be an object or an array, e.g. "
                                          "{\"a\": 1} or [1, 2]");
    QTest::newRow("number") << QStringLiteral("42") << QStringLiteral("invalid JSON '42'") + scalar;
    QTest::newRow("string") << QStringLiteral(" \"x\" ")
                            << QStringLiteral("invalid JSON '\"x\"'") + scalar;
    QTest::newRow("null") << QStringLiteral("null")
                          << QStringLiteral("invalid JSON 'null'") + scalar;
}

void TestKvValue::jsonErrors()
{
    QFETCH(QString, input);
    QFETCH(QString, message);
    QCOMPARE(errorMessage(ErrorCode::InvalidInput, [&] { KvValue::parse(ValueType::Json, input); }),
             message);
}

void TestKvValue::toJson_data()
{
    QTest::addColumn<ValueType>("type");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("json");
    auto row = [](const char* name, ValueType type, const QString& input, const char* json) {
        QTest::newRow(name) << type << input << QByteArray(json);
    };
    using T = ValueType;
    row("string", T::String, str("hello"), "\"hello\"");
    row("string: empty", T::String, QString(), "\"\"");
    row("string: quote and backslash", T::String, str("say \"hi\" \\o/"),
        "\"say \\\"hi\\\" \\\\o/\"");
    row("string: named escapes", T::String, str("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"");
    row("string: other control characters", T::String, str("\x01\x1f\x7f"),
        "\"\\u0001\\u001f\x7f\"");
    row("string: nul", T::String, QString(QChar(0)), "\"\\u0000\"");
    row("string: unicode as UTF-8", T::String, str("caf\u00e9 \U0001F600"),
        "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");
    row("string: lone surrogate escaped", T::String, QString(QChar(0xD800)), "\"\\ud800\"");
    row("number", T::Number, str("12345678901234567890"), "12345678901234567890");
    row("number: exact decimal", T::Number, str("0.1"), "0.1");
    row("boolean", T::Boolean, str("TRUE"), "true");
    row("date", T::Date, str("2024-02-29"), "\"2024-02-29\"");
    row("datetime", T::DateTime, str("2024-02-29T11:00:00.25+01:00"),
        "\"2024-02-29T10:00:00.250Z\"");
    row("duration", T::Duration, str("P1W"), "\"P7D\"");
    row("json", T::Json, str("{ \"a\" : [ 1 , 2 ] }"), "{\"a\":[1,2]}");
}

void TestKvValue::toJson()
{
    QFETCH(ValueType, type);
    QFETCH(QString, input);
    QFETCH(QByteArray, json);
    KvValue value;
    QString error;
    QVERIFY2(parsed(type, input, &value, &error), qPrintable(error));
    QCOMPARE(value.toJson(), json);
    QCOMPARE(KvValue::fromJson(type, json), value);
}

void TestKvValue::roundTrip_data()
{
    QTest::addColumn<ValueType>("type");
    QTest::addColumn<QString>("input");
    using T = ValueType;
    QString allControls;
    for (ushort c = 0; c < 0x20; ++c)
        allControls += QChar(c);
    QTest::newRow("string: every control character") << T::String << allControls;
    QTest::newRow("string: JSON-looking") << T::String << str("{\"a\": [1, 2]}");
    QTest::newRow("string: whitespace only") << T::String << str(" \t\n ");
    QTest::newRow("string: lone low surrogate") << T::String << QString(QChar(0xDC00));
    QTest::newRow("string: U+2028 and U+FEFF") << T::String << str("a\u2028b\uFEFF");
    // Found by fuzz_value_parse: Qt's JSON parser drops a U+FEFF that opens a string. (Built
    // with QChar: QString::fromUtf8 drops a leading U+FEFF too.)
    QTest::newRow("string: leading U+FEFF") << T::String << QChar(0xFEFF) + str("text");
    QTest::newRow("string: U+FEFF alone") << T::String << QString(QChar(0xFEFF));
    QTest::newRow("string: emoji") << T::String << str("\U0001F600\U0001F680");
    QTest::newRow("number: big") << T::Number << str("-12345678901234567890.000e-0012");
    QTest::newRow("boolean: false") << T::Boolean << str("false");
    QTest::newRow("date") << T::Date << str("1999-12-31");
    QTest::newRow("datetime: milliseconds") << T::DateTime << str("2024-02-29T10:00:00.001Z");
    QTest::newRow("duration: zero") << T::Duration << str("PT0S");
    QTest::newRow("duration: all parts") << T::Duration << str("P3DT4H5M6.789S");
    QTest::newRow("json: escapes and unicode")
        << T::Json << str("{\"k\\n\": [\"\\u0000\", \"\u00e9\", \"\U0001F600\", -0.0e+5]}");
    QTest::newRow("json: deep") << T::Json << str("[[[[[[[[[[{\"a\":[]}]]]]]]]]]]");
}

void TestKvValue::roundTrip()
{
    QFETCH(ValueType, type);
    QFETCH(QString, input);
    KvValue value;
    QString error;
    QVERIFY2(parsed(type, input, &value, &error), qPrintable(error));
    const KvValue back = KvValue::fromJson(type, value.toJson());
    QCOMPARE(back.type(), type);
    QCOMPARE(back.text(), value.text());
    QVERIFY(back == value);
}

void TestKvValue::fromJsonCorrupt_data()
{
    QTest::addColumn<ValueType>("type");
    QTest::addColumn<QByteArray>("json");
    using T = ValueType;
    QTest::newRow("string: bare text") << T::String << QByteArray("hello");
    QTest::newRow("string: unterminated") << T::String << QByteArray("\"hello");
    QTest::newRow("string: two strings") << T::String << QByteArray("\"a\",\"b\"");
    QTest::newRow("string: array") << T::String << QByteArray("[\"a\"]");
    QTest::newRow("string: invalid UTF-8") << T::String << QByteArray("\"\xC3\x28\"");
    QTest::newRow("string: empty") << T::String << QByteArray();
    QTest::newRow("number: string") << T::Number << QByteArray("\"42\"");
    QTest::newRow("number: NaN") << T::Number << QByteArray("NaN");
    QTest::newRow("boolean: uppercase") << T::Boolean << QByteArray("TRUE");
    QTest::newRow("boolean: number") << T::Boolean << QByteArray("1");
    QTest::newRow("date: not a date") << T::Date << QByteArray("\"2023-02-29\"");
    QTest::newRow("date: unquoted") << T::Date << QByteArray("2024-02-29");
    QTest::newRow("datetime: no offset") << T::DateTime << QByteArray("\"2024-02-29T10:00:00\"");
    QTest::newRow("duration: years") << T::Duration << QByteArray("\"P1Y\"");
    QTest::newRow("json: scalar") << T::Json << QByteArray("42");
    QTest::newRow("json: truncated") << T::Json << QByteArray("{\"a\":");
}

void TestKvValue::fromJsonCorrupt()
{
    QFETCH(ValueType, type);
    QFETCH(QByteArray, json);
    const QString message =
        errorMessage(ErrorCode::Internal, [&] { KvValue::fromJson(type, json); });
    const QString start = QStringLiteral("the stored %1 value '").arg(valueTypeName(type));
    QVERIFY2(message.startsWith(start), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("is corrupt")), qPrintable(message));
}

} // namespace kv

QTEST_APPLESS_MAIN(kv::TestKvValue)
#include "tst_kvvalue.moc"
