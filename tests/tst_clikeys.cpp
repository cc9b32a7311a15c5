// kvdesk-cli as a real process: ls, rm, expire, history, restore and the ns commands.
#include "CliTestCase.h"
#include "domain/CatalogTypes.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString str(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

QStringList keysOf(const QJsonArray& entries)
{
    QStringList keys;
    for (const QJsonValue& e : entries)
        keys << e.toObject()[u"key"].toString();
    return keys;
}

qint64 msOf(const QJsonValue& isoText)
{
    return kv::parseIsoDateTime(isoText.toString()).value_or(-1);
}

} // namespace

class TestCliKeys : public CliTestCase
{
    Q_OBJECT

private slots:
    void init();
    void listJson();
    void listJsonLayout();
    void listOptions_data();
    void listOptions();
    void removeKeys();
    void expireKeys();
    void historyAndRestore();
    void namespaces();
};

void TestCliKeys::init()
{
    startCatalog();
}

void TestCliKeys::listJson()
{
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    ok("set team.a b 42 --type NUMBER --description second");
    ok("set team.a a hello --ttl P1D");
    ok(QStringList{QStringLiteral("set"), QStringLiteral("team.a"), QStringLiteral("c"),
                   QStringLiteral("x"), QStringLiteral("--description"),
                   str("d\u00e9j\u00e0 \"vu\", twice")});
    ok("set team.a b 43 --type NUMBER");
    ok("set team.other z elsewhere");
    const qint64 after = QDateTime::currentMSecsSinceEpoch();

    const QJsonArray all = ls("team.a");
    QCOMPARE(keysOf(all), words("a b c"));
    const QStringList fields =
        words("key type description size revision creationDate updateDate expirationDate");
    for (const QJsonValue& v : all) {
        const QJsonObject e = v.toObject();
        QCOMPARE(e.keys().size(), fields.size());
        for (const QString& f : fields)
            QVERIFY2(e.contains(f), qPrintable(f));
        QVERIFY(msOf(e[u"creationDate"]) >= before);
        QVERIFY(msOf(e[u"updateDate"]) <= after);
        QVERIFY(e[u"updateDate"].toString().endsWith(QLatin1Char('Z')));
    }
    const QJsonObject a = all.at(0).toObject(), b = all.at(1).toObject(), c = all.at(2).toObject();
    QCOMPARE(a[u"type"].toString(), QStringLiteral("STRING"));
    QCOMPARE(a[u"size"].toInt(), 7); // "hello" as JSON
    QCOMPARE(a[u"description"].toString(), QString());
    const qint64 ttl = msOf(a[u"expirationDate"]) - msOf(a[u"updateDate"]);
    QVERIFY2(qAbs(ttl - 86'400'000) < 2000, qPrintable(QString::number(ttl)));
    QCOMPARE(b[u"revision"].toInt(), 2);
    QCOMPARE(b[u"type"].toString(), QStringLiteral("NUMBER"));
    QCOMPARE(b[u"description"].toString(), QStringLiteral("second"));
    QVERIFY(b[u"expirationDate"].isNull());
    QVERIFY(msOf(b[u"updateDate"]) > msOf(b[u"creationDate"]));
    QCOMPARE(c[u"description"].toString(), str("d\u00e9j\u00e0 \"vu\", twice"));

    const CliResult text = ok("ls team.a");
    const QStringList lines = text.outText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines.at(0).startsWith(QLatin1String("KEY\tTYPE")), qPrintable(text.describe()));
    QVERIFY(lines.at(2).startsWith(QLatin1String("b\tNUMBER\t")));
    QCOMPARE(ls("team.b").size(), 0);
}

// The bytes of `ls --json`, which scripts may read line by line: "[]" when empty, otherwise "["
// and "]" on lines of their own and one entry a line, commas at the ends of lines, across the
// pages the CLI reads (1000 entries each).
void TestCliKeys::listJsonLayout()
{
    QCOMPARE(ok("ls team.none --json").out, QByteArray("[]\n"));
    QByteArray csv = "key,value\n";
    QStringList written;
    for (int i = 0; i < 1001; ++i) {
        written << QStringLiteral("k%1").arg(i, 4, 10, QLatin1Char('0'));
        csv += written.last().toUtf8() + ",v\n";
    }
    ok(words("import big -"), csv);
    for (const qsizetype count : {qsizetype(1), written.size()}) {
        const CliResult r = ok(count == 1 ? "ls big --json --limit 1" : "ls big --json");
        const QList<QByteArray> lines = r.out.split('\n');
        QCOMPARE(lines.size(), count + 3);
        QCOMPARE(lines.first(), QByteArray("["));
        QCOMPARE(lines.at(count + 1), QByteArray("]"));
        QCOMPARE(lines.last(), QByteArray());
        for (qsizetype i = 1; i <= count; ++i) {
            QByteArray line = lines.at(i);
            if (i < count) {
                QVERIFY2(line.endsWith(','), line.constData());
                line.chop(1);
            }
            const QJsonObject e = QJsonDocument::fromJson(line).object();
            QCOMPARE(e[u"key"].toString(), written.at(i - 1));
        }
    }
}

void TestCliKeys::listOptions_data()
{
    QTest::addColumn<QString>("options");
    QTest::addColumn<QStringList>("keys");
    // Written in the order k3, k1, k2, apple, then k3 again: updated order k1 k2 apple k3.
    QTest::newRow("default: by key") << QString() << words("apple k1 k2 k3");
    QTest::newRow("key:desc") << str("--sort key:desc") << words("k3 k2 k1 apple");
    QTest::newRow("updated") << str("--sort updated") << words("k1 k2 apple k3");
    QTest::newRow("updated:desc") << str("--sort updated:desc") << words("k3 apple k2 k1");
    QTest::newRow("created") << str("--sort created") << words("k3 k1 k2 apple");
    QTest::newRow("revision") << str("--sort revision") << words("apple k1 k2 k3");
    QTest::newRow("size") << str("--sort size") << words("k1 k2 k3 apple");
    QTest::newRow("prefix") << str("--prefix k") << words("k1 k2 k3");
    QTest::newRow("prefix is case-sensitive") << str("--prefix K") << QStringList();
    QTest::newRow("limit") << str("--limit 2") << words("apple k1");
    QTest::newRow("limit with sort and prefix")
        << str("--prefix k --sort updated:desc --limit 2") << words("k3 k2");
    QTest::newRow("limit 0") << str("--limit 0") << QStringList();
}

void TestCliKeys::listOptions()
{
    QFETCH(QString, options);
    QFETCH(QStringList, keys);
    for (const char* line :
         {"set s k3 333", "set s k1 1", "set s k2 22", "set s apple 4444", "set s k3 333"}) {
        // Distinct update times: the next write starts once the clock is past this one.
        CliRunner::waitForClockPast(ok(line).endedAtMs);
    }
    QCOMPARE(keysOf(ls(qPrintable(QStringLiteral("s ") + options))), keys);
}

void TestCliKeys::removeKeys()
{
    ok("catalog set inline-limit 0"); // this test is about value files
    for (const char* key : {"a", "b", "c"})
        ok(words("set team.a") << str(key) << str("v"));
    const CliResult r = ok("rm team.a a b missing");
    QVERIFY_PRINTS(r, "Deleted 2 of 3");
    QVERIFY2(r.err.contains(QLatin1String("missing")), qPrintable(r.describe()));
    QCOMPARE(keysOf(ls("team.a")), words("c"));
    QCOMPARE(files().size(), 1);

    const CliResult strict = cli("rm team.a c missing --error-on-missing");
    QCOMPARE_EXIT(strict, 3);
    QVERIFY_MENTIONS(strict, "missing");
    QCOMPARE(keysOf(ls("team.a")), words("c"));
    QCOMPARE(files().size(), 1);
    ok("rm team.a c --error-on-missing");
    QCOMPARE(ls("team.a").size(), 0);
    QCOMPARE(files().size(), 0);
    const CliResult invalid = cli("rm team.a c bad/key");
    QCOMPARE_EXIT(invalid, 2);
}

void TestCliKeys::expireKeys()
{
    ok("set team.a k v --ttl PT1H");
    const QJsonObject original = entry("team.a", QStringLiteral("k"));
    QVERIFY(!original[u"expirationDate"].isNull());

    const CliResult never = ok("expire team.a k --never");
    QVERIFY_PRINTS(never, "1 key");
    QJsonObject e = entry("team.a", QStringLiteral("k"));
    QVERIFY(e[u"expirationDate"].isNull());
    QCOMPARE(e[u"revision"], original[u"revision"]);
    QCOMPARE(e[u"size"], original[u"size"]);
    QCOMPARE(ok("get team.a k").out, QByteArray("v\n"));

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    ok("expire team.a k --ttl P1D");
    e = entry("team.a", QStringLiteral("k"));
    const qint64 expires = msOf(e[u"expirationDate"]);
    QVERIFY2(expires >= before + 86'400'000 &&
                 expires < QDateTime::currentMSecsSinceEpoch() + 86'400'000,
             qPrintable(e[u"expirationDate"].toString()));
    QCOMPARE(e[u"revision"].toInt(), 1);
    QCOMPARE(ok("history team.a k --json").out.count("\"revision\""), 1);

    const CliResult missing = cli("expire team.a k nokey --ttl PT5M");
    QCOMPARE_EXIT(missing, 3);
    QVERIFY_MENTIONS(missing, "nokey");
    QCOMPARE(entry("team.a", QStringLiteral("k"))[u"expirationDate"],
             e[u"expirationDate"]); // nothing changed
    for (const char* line :
         {"expire team.a k", "expire team.a k --never --ttl PT5M", "expire team.a k --ttl P1Y"}) {
        const CliResult bad = cli(line);
        QCOMPARE_EXIT(bad, 2);
    }
    QCOMPARE(entry("team.a", QStringLiteral("k"))[u"expirationDate"], e[u"expirationDate"]);
}

void TestCliKeys::historyAndRestore()
{
    ok("set h k one");
    ok("set h k 42 --type NUMBER --description second");
    ok("set h k three --description third");
    const QJsonArray revisions = QJsonDocument::fromJson(ok("history h k --json").out).array();
    QCOMPARE(revisions.size(), 3);
    QList<int> numbers;
    for (const QJsonValue& r : revisions)
        numbers << r.toObject()[u"revision"].toInt();
    QCOMPARE(numbers, (QList<int>{3, 2, 1}));
    QVERIFY(revisions.at(0).toObject()[u"current"].toBool());
    QVERIFY(!revisions.at(1).toObject()[u"current"].toBool());
    QCOMPARE(revisions.at(1).toObject()[u"type"].toString(), QStringLiteral("NUMBER"));
    QCOMPARE(revisions.at(1).toObject()[u"description"].toString(), QStringLiteral("second"));
    QVERIFY(ok("history h k")
                .outText()
                .split(QLatin1Char('\n'))
                .value(1)
                .startsWith(QLatin1String("3 (current)")));

    const CliResult restored = ok("restore h k 2");
    QVERIFY_PRINTS(restored, "as revision 4");
    QCOMPARE(ok("get h k --json").out, QByteArray("{\"type\":\"NUMBER\",\"value\":42}\n"));
    const QJsonObject e = entry("h", QStringLiteral("k"));
    QCOMPARE(e[u"revision"].toInt(), 4);
    QCOMPARE(e[u"description"].toString(), QStringLiteral("second"));
    QCOMPARE(QJsonDocument::fromJson(ok("history h k --json").out).array().size(), 4);
    ok("restore h k 1");
    QCOMPARE(ok("get h k").out, QByteArray("one\n"));

    for (const auto& [line, code] : {std::pair{"restore h k 99", 3},
                                     {"restore h k 0", 2},
                                     {"restore h k x", 2},
                                     {"restore h nokey 1", 3},
                                     {"history h nokey", 3}}) {
        const CliResult r = cli(line);
        QCOMPARE_EXIT(r, code);
    }
    QCOMPARE(ok("get h k").out, QByteArray("one\n"));
}

void TestCliKeys::namespaces()
{
    const CliResult created = ok(words("ns create team.a --description") << str("Team A"));
    QVERIFY(created.outText().contains(QLatin1String("team.a")));
    const CliResult again = cli("ns create team.a");
    QCOMPARE_EXIT(again, 4);
    const CliResult bad = cli("ns create Team");
    QCOMPARE_EXIT(bad, 2);
    ok("set team.b.x k v");

    const QJsonArray list = QJsonDocument::fromJson(ok("ns list --json").out).array();
    QStringList names;
    for (const QJsonValue& v : list)
        names << v.toObject()[u"namespace"].toString();
    QCOMPARE(names, words("team team.a team.b team.b.x"));
    const QJsonObject a = list.at(1).toObject(), x = list.at(3).toObject();
    QCOMPARE(a[u"description"].toString(), QStringLiteral("Team A"));
    QVERIFY(a[u"explicit"].toBool());
    QVERIFY(msOf(a[u"creationDate"]) > 0);
    QCOMPARE(a[u"keyCount"].toInt(), 0);
    QCOMPARE(x[u"keyCount"].toInt(), 1);
    QVERIFY(!x[u"explicit"].toBool());
    QVERIFY(x[u"creationDate"].isNull());
    QCOMPARE(QJsonDocument::fromJson(ok("ns list --prefix team.b --json").out).array().size(), 2);
    QVERIFY(ok("ns list").outText().contains(QLatin1String("team.a\t0\tTeam A\n")));

    const CliResult notEmpty = cli("ns delete team.b");
    QCOMPARE_EXIT(notEmpty, 4);
    QVERIFY_MENTIONS(notEmpty, "not empty");
    QCOMPARE(ok("get team.b.x k").out, QByteArray("v\n"));
    ok("ns delete team.b --force");
    const CliResult gone = cli("get team.b.x k");
    QCOMPARE_EXIT(gone, 3);
    QCOMPARE(files().size(), 0);
    ok("ns delete team.a");
    QVERIFY(!ok("ns list").outText().contains(QLatin1String("team.a")));
    const CliResult missing = cli("ns delete no.such");
    QCOMPARE_EXIT(missing, 3);
}

QTEST_GUILESS_MAIN(TestCliKeys)
#include "tst_clikeys.moc"
