// The exact JSON scanner (src/core/domain/JsonScan): raw member and element texts, digits and
// member order kept, and no guessing on malformed input.
#include "domain/JsonScan.h"

#include <QTest>

namespace scan = kv::jsonscan;

class TestJsonScan : public QObject
{
    Q_OBJECT

private slots:
    void members_data();
    void members();
    void elements();
    void malformedGivesNothing_data();
    void malformedGivesNothing();
};

void TestJsonScan::members_data()
{
    QTest::addColumn<QByteArray>("object");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("raw"); // "<absent>" when there is none
    const QByteArray o = R"( {"n": 12345678901234567890, "s":"a\"b}", "o":{"z":1,"a":[1,2]},
                             "t":true, "nul":null, "e":-1.5e+300 } )";
    QTest::newRow("big number keeps its digits")
        << o << QByteArray("n") << QByteArray("12345678901234567890");
    QTest::newRow("string with escapes") << o << QByteArray("s") << QByteArray(R"("a\"b}")");
    QTest::newRow("object keeps member order")
        << o << QByteArray("o") << QByteArray(R"({"z":1,"a":[1,2]})");
    QTest::newRow("literal") << o << QByteArray("t") << QByteArray("true");
    QTest::newRow("null") << o << QByteArray("nul") << QByteArray("null");
    QTest::newRow("exponent") << o << QByteArray("e") << QByteArray("-1.5e+300");
    QTest::newRow("absent") << o << QByteArray("x") << QByteArray("<absent>");
    QTest::newRow("nested name is not top level") << o << QByteArray("z") << QByteArray("<absent>");
}

void TestJsonScan::members()
{
    QFETCH(QByteArray, object);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, raw);
    const std::optional<QByteArrayView> found = scan::member(object, name);
    if (raw == "<absent>")
        QVERIFY(!found);
    else
        QCOMPARE(found ? found->toByteArray() : QByteArray("<absent>"), raw);
}

void TestJsonScan::elements()
{
    const std::optional<QList<QByteArrayView>> list =
        scan::elements(R"([1, "two", {"b":2,"a":1}, [3], 1e999999, false])");
    QVERIFY(list);
    QStringList texts;
    for (const QByteArrayView e : *list)
        texts << QString::fromUtf8(e.toByteArray());
    QCOMPARE(texts, QStringList({QStringLiteral("1"), QStringLiteral("\"two\""),
                                 QStringLiteral("{\"b\":2,\"a\":1}"), QStringLiteral("[3]"),
                                 QStringLiteral("1e999999"), QStringLiteral("false")}));
    QVERIFY(scan::elements("[]") && scan::elements("[]")->isEmpty());
    QVERIFY(!scan::elements(R"({"a":1})"));
    QVERIFY(!scan::elements("[1,]"));
    QVERIFY(!scan::elements("[,1]"));
    QVERIFY(!scan::elements("[1"));
}

void TestJsonScan::malformedGivesNothing_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("unterminated object") << QByteArray(R"({"a":1)");
    QTest::newRow("unterminated string") << QByteArray(R"({"a":"x)");
    QTest::newRow("missing value") << QByteArray(R"({"a":})");
    QTest::newRow("trailing comma") << QByteArray(R"({"a":1,})");
    QTest::newRow("not JSON") << QByteArray("hello");
    QTest::newRow("empty") << QByteArray();
}

void TestJsonScan::malformedGivesNothing()
{
    QFETCH(QByteArray, text);
    QVERIFY(!scan::member(text, "a"));
}

QTEST_GUILESS_MAIN(TestJsonScan)
#include "tst_jsonscan.moc"
