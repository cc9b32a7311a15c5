// storedform::canonicalText, the export's reading of a stored form without decoding it: when
// it answers, its answer is exactly what KvValue::fromJson reads; when fromJson reports a
// corrupt value, it does not answer.
#include "domain/CatalogError.h"
#include "domain/KvValue.h"
#include "domain/StoredForm.h"

#include <QRandomGenerator>
#include <QTest>

Q_DECLARE_METATYPE(kv::ValueType)

using namespace kv;

namespace {

// fromJson's text as UTF-8, or nullopt when it reports the stored form corrupt.
std::optional<QByteArray> fullRead(ValueType type, const QByteArray& stored)
{
    try {
        return KvValue::fromJson(type, stored).text().toUtf8();
    } catch (const CatalogError&) {
        return std::nullopt;
    }
}

// The invariant, with a message naming the input when it does not hold.
QString violation(ValueType type, const QByteArray& stored)
{
    const auto fast = storedform::canonicalText(type, stored);
    if (!fast)
        return QString();
    const auto full = fullRead(type, stored);
    if (!full)
        return QStringLiteral("%1 %2: answered '%3' for a form fromJson refuses")
            .arg(valueTypeName(type), QString::fromLatin1(stored.toPercentEncoding()),
                 QString::fromUtf8(fast->toByteArray()));
    if (*full != fast->toByteArray())
        return QStringLiteral("%1 %2: '%3' instead of '%4'")
            .arg(valueTypeName(type), QString::fromLatin1(stored.toPercentEncoding()),
                 QString::fromUtf8(fast->toByteArray()), QString::fromUtf8(*full));
    return QString();
}

} // namespace

class TestStoredForm : public QObject
{
    Q_OBJECT

private slots:
    void commonValuesAreReadDirectly_data();
    void commonValuesAreReadDirectly();
    void leftToTheFullReader_data();
    void leftToTheFullReader();
    void storedFormsAgreeWithFromJson_data();
    void storedFormsAgreeWithFromJson();
    void mutatedFormsAgreeWithFromJson();
};

void TestStoredForm::commonValuesAreReadDirectly_data()
{
    QTest::addColumn<ValueType>("type");
    QTest::addColumn<QString>("text");
    QTest::newRow("string") << ValueType::String << QStringLiteral("value of key.000001");
    QTest::newRow("empty string") << ValueType::String << QString();
    QTest::newRow("string with formula") << ValueType::String << QStringLiteral("=SUM(A1)");
    QTest::newRow("string, unicode")
        << ValueType::String << QString::fromUtf8("Grüße, 東京 🙂");
    QTest::newRow("number") << ValueType::Number << QStringLiteral("12.25");
    QTest::newRow("big number") << ValueType::Number << QStringLiteral("-1e999999");
    QTest::newRow("true") << ValueType::Boolean << QStringLiteral("true");
    QTest::newRow("false") << ValueType::Boolean << QStringLiteral("false");
    QTest::newRow("date") << ValueType::Date << QStringLiteral("2024-02-29");
    QTest::newRow("json") << ValueType::Json << QStringLiteral("{\"id\":1,\"tags\":[\"a\",\"b\"]}");
    QTest::newRow("json, escapes")
        << ValueType::Json << QStringLiteral("[\"a\\\"b\\\\c\\n\",null,true,-0.5E+3,{}]");
}

void TestStoredForm::commonValuesAreReadDirectly()
{
    QFETCH(ValueType, type);
    QFETCH(QString, text);
    const KvValue value = KvValue::parse(type, text);
    const QByteArray stored = value.toJson(); // the answer is a view into it
    const auto direct = storedform::canonicalText(type, stored);
    QVERIFY2(direct.has_value(), stored.constData());
    QCOMPARE(direct->toByteArray(), value.text().toUtf8());
}

void TestStoredForm::leftToTheFullReader_data()
{
    QTest::addColumn<ValueType>("type");
    QTest::addColumn<QByteArray>("stored");
    QTest::newRow("string with an escape") << ValueType::String << QByteArray("\"a\\nb\"");
    QTest::newRow("string with \\u") << ValueType::String << QByteArray("\"\\u00e9\"");
    QTest::newRow("string, bom escaped") << ValueType::String << QByteArray("\"\\ufeffx\"");
    QTest::newRow("string, invalid utf-8") << ValueType::String << QByteArray("\"\xC3(\"");
    QTest::newRow("string, noncharacter") << ValueType::String << QByteArray("\"\xEF\xBF\xBE\"");
    QTest::newRow("string, not a literal") << ValueType::String << QByteArray("abc");
    QTest::newRow("string, control char") << ValueType::String << QByteArray("\"a\tb\"");
    QTest::newRow("number, spaces") << ValueType::Number << QByteArray(" 12 ");
    QTest::newRow("number, leading zero") << ValueType::Number << QByteArray("012");
    QTest::newRow("boolean, capitals") << ValueType::Boolean << QByteArray("TRUE");
    QTest::newRow("date, not a day") << ValueType::Date << QByteArray("\"2023-02-29\"");
    QTest::newRow("date, year 0") << ValueType::Date << QByteArray("\"0000-01-01\"");
    QTest::newRow("datetime") << ValueType::DateTime << QByteArray("\"2024-02-29T10:00:00Z\"");
    QTest::newRow("duration") << ValueType::Duration << QByteArray("\"PT5M\"");
    QTest::newRow("json, whitespace") << ValueType::Json << QByteArray("{\"a\": 1}");
    QTest::newRow("json, scalar") << ValueType::Json << QByteArray("1");
    QTest::newRow("json, trailing comma") << ValueType::Json << QByteArray("[1,]");
    QTest::newRow("json, garbage after") << ValueType::Json << QByteArray("[1]x");
    QTest::newRow("json, \\u escape") << ValueType::Json << QByteArray("[\"\\u0041\"]");
    QTest::newRow("json, bad word") << ValueType::Json << QByteArray("[tru]");
    QTest::newRow("json, cut short") << ValueType::Json << QByteArray("{\"a\":[1,2]");
    QTest::newRow("json, bom first") << ValueType::Json << QByteArray("\xEF\xBB\xBF[1]");
    QTest::newRow("unknown type") << ValueType(9) << QByteArray("\"x\"");
}

void TestStoredForm::leftToTheFullReader()
{
    QFETCH(ValueType, type);
    QFETCH(QByteArray, stored);
    QVERIFY(!storedform::canonicalText(type, stored).has_value());
}

void TestStoredForm::storedFormsAgreeWithFromJson_data()
{
    QTest::addColumn<ValueType>("type");
    QTest::addColumn<QByteArray>("stored");
    const QList<QByteArray> forms{"\"\"",
                                  "\"x\"",
                                  "\"a,b\"",
                                  "\"q\\\"\"",
                                  "\"\xF0\x9F\x99\x82\"",
                                  "\"\xED\xA0\x80\"",
                                  "\"\xEF\xBB\xBFx\"",
                                  "\"2024-01-31\"",
                                  "\"2024-13-01\"",
                                  "\"2024-1-01\"",
                                  "\" 2024-01-01\"",
                                  "0",
                                  "-0",
                                  "1.5e3",
                                  "1.",
                                  ".5",
                                  "+1",
                                  "1e",
                                  "true",
                                  "false",
                                  "null",
                                  "[]",
                                  "{}",
                                  "[[[]]]",
                                  "{\"a\":{\"b\":[1,{\"c\":null}]}}",
                                  "{\"a\"}",
                                  "{1:2}",
                                  "[\"a\\x\"]",
                                  "[1 ,2]",
                                  "[\"\xC0\xAF\"]",
                                  "[\"\xEF\xB7\x90\"]",
                                  "{\"\":\"\"}",
                                  "[-]",
                                  "[0.0e-0]",
                                  "[01]",
                                  QByteArray(300, '[') + QByteArray(300, ']')};
    for (const ValueType type : allValueTypes()) {
        for (const QByteArray& form : forms)
            QTest::addRow("%s %s", qPrintable(valueTypeName(type)),
                          form.left(40).toPercentEncoding().constData())
                << type << form;
    }
}

void TestStoredForm::storedFormsAgreeWithFromJson()
{
    QFETCH(ValueType, type);
    QFETCH(QByteArray, stored);
    const QString problem = violation(type, stored);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestStoredForm::mutatedFormsAgreeWithFromJson()
{
    // Stored forms with one byte changed, inserted or removed: what a corrupt registry row
    // holds. Fixed seed, so a failure repeats.
    const QList<QPair<ValueType, QByteArray>> seeds{
        {ValueType::String, "\"value of key.000123\""},
        {ValueType::String, "\"Gr\xC3\xBC\xC3\x9F\x65 \xF0\x9F\x99\x82\""},
        {ValueType::Number, "-123.25e+7"},
        {ValueType::Boolean, "false"},
        {ValueType::Date, "\"2024-02-29\""},
        {ValueType::Json, "{\"id\":42,\"tags\":[\"a\",\"b\"],\"x\":{\"y\":[true,null,-1.5]}}"},
    };
    const QByteArray alphabet("\"\\{}[],:.-+eE0129aftnu \t\x7F\x80\xBF\xC3\xEF\xF0");
    QRandomGenerator random(20261202);
    int checked = 0;
    for (int round = 0; round < 4000; ++round) {
        for (const auto& [type, seed] : seeds) {
            QByteArray form = seed;
            const int edits = 1 + random.bounded(2);
            for (int e = 0; e < edits && !form.isEmpty(); ++e) {
                const qsizetype at = random.bounded(form.size());
                const char c = alphabet.at(random.bounded(alphabet.size()));
                switch (random.bounded(3)) {
                case 0:
                    form[at] = c;
                    break;
                case 1:
                    form.insert(at, c);
                    break;
                default:
                    form.remove(at, 1);
                }
            }
            const QString problem = violation(type, form);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            ++checked;
        }
    }
    QCOMPARE(checked, 4000 * 6);
}

QTEST_GUILESS_MAIN(TestStoredForm)
#include "tst_storedform.moc"
