// kvdesk-cli as a real process: set and get, invalid input, usage errors and exit codes.
// (tst_clikeys: ls, rm, expire, history, restore, ns; tst_cliexchange: export and import;
// tst_climaintenance: purge and fsck)
#include "CliTestCase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
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

} // namespace

class TestCli : public CliTestCase
{
    Q_OBJECT

private slots:
    void init();
    void setGetRoundTrip_data();
    void setGetRoundTrip();
    void setReadsStdin();
    void invalidInputWritesNothing_data();
    void invalidInputWritesNothing();
    void noOverwriteConflict();
    void getMissing();
    void expiryIsLazy();
    void notACatalog();
    void usageErrors_data();
    void usageErrors();
    void helpAndVersion();
    void catalogFromEnvironment();
    void successKeepsStderrClean();
};

void TestCli::init()
{
    startCatalog();
}

void TestCli::setGetRoundTrip_data()
{
    QTest::addColumn<QString>("typeArg");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("printed");   // `get` output without the newline
    QTest::addColumn<QByteArray>("jsonValue"); // "value" of `get --json` (the stored form)
    QTest::addColumn<QString>("typeName");
    auto row = [](const char* name, const char* type, const QString& input,
                  const QByteArray& printed, const QByteArray& json, const char* typeName) {
        QTest::newRow(name) << str(type) << input << printed << json << str(typeName);
    };
    const QString text = str("say \"hi\", gr\u00fc\u00dfe \u2013 ok");
    row("string (default type)", "", text, text.toUtf8(),
        "\"" + text.toUtf8().replace('"', "\\\"") + "\"", "STRING");
    row("string with spaces", "STRING", str("  two  spaces "), "  two  spaces ",
        "\"  two  spaces \"", "STRING");
    row("number keeps digits", "NUMBER", str("12345678901234567890"), "12345678901234567890",
        "12345678901234567890", "NUMBER");
    row("number decimal", "number", str("12.5"), "12.5", "12.5", "NUMBER");
    row("number exponent", "NUMBER", str("-6.02e23"), "-6.02e23", "-6.02e23", "NUMBER");
    row("boolean any case", "BOOLEAN", str("TRUE"), "true", "true", "BOOLEAN");
    row("boolean false", "boolean", str("false"), "false", "false", "BOOLEAN");
    row("date", "DATE", str("2024-02-29"), "2024-02-29", "\"2024-02-29\"", "DATE");
    row("datetime to utc", "DATETIME", str("2024-02-29T11:00:00+01:00"), "2024-02-29T10:00:00Z",
        "\"2024-02-29T10:00:00Z\"", "DATETIME");
    row("datetime millis", "DATETIME", str("2024-02-29T10:00:00.250Z"), "2024-02-29T10:00:00.250Z",
        "\"2024-02-29T10:00:00.250Z\"", "DATETIME");
    row("duration canonical", "DURATION", str("PT300S"), "PT5M", "\"PT5M\"", "DURATION");
    row("json object compact", "JSON", str("{ \"a\" : [1, 2.50],\n \"b\": {\"c\": \"x y\"} }"),
        "{\"a\":[1,2.50],\"b\":{\"c\":\"x y\"}}", "{\"a\":[1,2.50],\"b\":{\"c\":\"x y\"}}", "JSON");
    row("json array", "json", str("[ 1 , true , null ]"), "[1,true,null]", "[1,true,null]", "JSON");
}

void TestCli::setGetRoundTrip()
{
    QFETCH(QString, typeArg);
    QFETCH(QString, input);
    QFETCH(QByteArray, printed);
    QFETCH(QByteArray, jsonValue);
    QFETCH(QString, typeName);
    ok("catalog set inline-limit 0"); // this test is about value files
    QStringList args = words("set team.a k1") << input;
    if (!typeArg.isEmpty())
        args << QStringLiteral("--type") << typeArg;
    const CliResult set = ok(args);
    QVERIFY_PRINTS(set, "revision 1");
    QCOMPARE(files().size(), 1);

    QCOMPARE(ok("get team.a k1").out, printed + '\n');
    QCOMPARE(ok("get team.a k1 --json").out,
             "{\"type\":\"" + typeName.toUtf8() + "\",\"value\":" + jsonValue + "}\n");
    const QJsonObject e = entry("team.a", QStringLiteral("k1"));
    QCOMPARE(e[u"type"].toString(), typeName);
    QCOMPARE(e[u"size"].toInteger(), jsonValue.size());
}

void TestCli::setReadsStdin()
{
    const QByteArray text = "first line\nsecond, with \xc3\xbc\n";
    ok(words("set io multi -"), text);
    QCOMPARE(ok("get io multi").out, text + '\n');
    ok(words("set io doc - --type JSON"), "{\n  \"n\": 1\n}\n");
    QCOMPARE(ok("get io doc").out, QByteArray("{\"n\":1}\n"));
    ok("set io neg --type NUMBER -- -5"); // after "--", "-5" is a value, not an option
    QCOMPARE(ok("get io neg").out, QByteArray("-5\n"));
}

void TestCli::invalidInputWritesNothing_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("mentions"); // each must appear in the message (any case)
    QTest::newRow("key with space") << (words("set team.a") << str("bad key") << str("v"))
                                    << QStringList{str("key"), str("'bad key'")};
    QTest::newRow("key starting with dot")
        << words("set team.a .hidden v") << words("key '.hidden'");
    QTest::newRow("key too long") << (words("set team.a")
                                      << QString(256, QLatin1Char('k')) << str("v"))
                                  << words("key 255 256");
    QTest::newRow("namespace uppercase") << words("set Team.a k v") << words("namespace 'Team.a'");
    QTest::newRow("namespace empty segment")
        << words("set team..a k v") << words("namespace 'team..a'");
    QTest::newRow("unknown type") << words("set team.a k v --type FOO") << words("type 'FOO'");
    QTest::newRow("number") << words("set team.a k 12abc --type NUMBER") << words("NUMBER '12abc'");
    QTest::newRow("boolean") << words("set team.a k yes --type BOOLEAN") << words("BOOLEAN 'yes'");
    QTest::newRow("date not in calendar")
        << words("set team.a k 2023-02-29 --type DATE") << words("DATE '2023-02-29'");
    QTest::newRow("datetime without offset")
        << words("set team.a k 2024-02-29T10:00:00 --type DATETIME")
        << words("DATETIME '2024-02-29T10:00:00'");
    QTest::newRow("duration value")
        << words("set team.a k 5min --type DURATION") << words("duration '5min'");
    QTest::newRow("json scalar") << words("set team.a k 42 --type JSON")
                                 << words("JSON object array");
    QTest::newRow("json broken") << words("set team.a k {\"a\": --type JSON") << words("JSON");
    QTest::newRow("ttl in years") << words("set team.a k v --ttl P1Y") << words("duration 'P1Y'");
    QTest::newRow("ttl zero") << words("set team.a k v --ttl PT0S") << words("'PT0S'");
    QTest::newRow("ttl negative") << words("set team.a k v --ttl -PT5S") << words("'-PT5S'");
    QTest::newRow("ttl garbage") << words("set team.a k v --ttl 5m") << words("'5m'");
    QTest::newRow("existing key, bad value")
        << words("set team.a existing abc --type NUMBER") << words("'abc'");
    QTest::newRow("existing key, bad ttl")
        << words("set team.a existing v --ttl soon") << words("'soon'");
}

void TestCli::invalidInputWritesNothing()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, mentions);
    ok("set team.a existing old");
    const QStringList filesBefore = files();
    const QByteArray namespacesBefore = ok("ns list --json").out;

    const CliResult r = cli(args);
    QCOMPARE_EXIT(r, 2);
    QVERIFY2(r.errorLines().size() == 1, qPrintable(r.describe()));
    for (const QString& m : mentions)
        QVERIFY2(r.errorLines().first().contains(m, Qt::CaseInsensitive),
                 qPrintable(m + r.describe()));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));

    QCOMPARE(files(), filesBefore);
    QCOMPARE(keysOf(ls("team.a")), QStringList{QStringLiteral("existing")});
    QCOMPARE(ok("get team.a existing").out, QByteArray("old\n"));
    QCOMPARE(entry("team.a", QStringLiteral("existing"))[u"revision"].toInt(), 1);
    QCOMPARE(ok("ns list --json").out, namespacesBefore);
}

void TestCli::noOverwriteConflict()
{
    ok("set team.a k old --description first");
    const QStringList filesBefore = files();
    const CliResult r = cli("set team.a k new --no-overwrite");
    QCOMPARE_EXIT(r, 4);
    QVERIFY2(r.errorLines().value(0).contains(QLatin1String("'k'")) &&
                 r.errorLines().value(0).contains(QLatin1String("already exists")),
             qPrintable(r.describe()));
    QCOMPARE(ok("get team.a k").out, QByteArray("old\n"));
    QCOMPARE(entry("team.a", QStringLiteral("k"))[u"revision"].toInt(), 1);
    QCOMPARE(files(), filesBefore);
    // On a new key --no-overwrite is fine; without it an existing key gets a new revision that
    // keeps the description when none is given.
    ok("set team.a fresh x --no-overwrite");
    ok("set team.a k new");
    QCOMPARE(ok("get team.a k").out, QByteArray("new\n"));
    const QJsonObject e = entry("team.a", QStringLiteral("k"));
    QCOMPARE(e[u"revision"].toInt(), 2);
    QCOMPARE(e[u"description"].toString(), QStringLiteral("first"));
}

void TestCli::getMissing()
{
    ok("set team.a k v");
    const CliResult r = cli("get team.a K");
    QCOMPARE_EXIT(r, 3); // keys are case-sensitive
    QVERIFY_MENTIONS(r, "no key 'K'");
    QVERIFY(r.out.isEmpty());
    const CliResult other = cli("get team.b k");
    QCOMPARE_EXIT(other, 3);
    QVERIFY_MENTIONS(other, "'team.b'");
}

void TestCli::expiryIsLazy()
{
    ok("catalog set inline-limit 0"); // this test is about value files
    qint64 lastShortTtl = 0;
    for (const char* key : {"gone", "e1", "e2"})
        lastShortTtl = ok(words("set ttl") << str(key) << words("v --ttl PT1S")).endedAtMs;
    ok("set ttl live v --ttl PT1H");
    QCOMPARE(ls("ttl").size(), 4);
    // A real second passes: kvdesk-cli runs in its own process, on the system clock.
    CliRunner::waitForClockPast(lastShortTtl + 1000);

    const CliResult first = cli("get ttl gone");
    QCOMPARE_EXIT(first, 3);
    QVERIFY_MENTIONS(first, "expired");
    const CliResult second = cli("get ttl gone");
    QCOMPARE_EXIT(second, 3); // the first read removed it
    QVERIFY_MENTIONS(second, "no key 'gone'");

    QCOMPARE(keysOf(ls("ttl")), words("live"));
    QCOMPARE(keysOf(ls("ttl --include-expired")), words("e1 e2 live"));
    const CliResult history = cli("history ttl e1"); // reports the expiry and removes e1 too
    QCOMPARE_EXIT(history, 3);
    const CliResult revive = cli("expire ttl e2 --never");
    QCOMPARE_EXIT(revive, 3); // an expired pair cannot be revived
    QCOMPARE(keysOf(ls("ttl --include-expired")), words("e2 live"));
    const QJsonObject report = QJsonDocument::fromJson(ok("purge --json").out).object();
    QCOMPARE(report[u"count"].toInt(), 1);
    QCOMPARE(keysOf(ls("ttl --include-expired")), words("live"));
    QCOMPARE(files().size(), 1);
}

void TestCli::notACatalog()
{
    const QString folder = m_dir->filePath(QStringLiteral("documents"));
    QVERIFY(QDir().mkpath(folder));
    QFile notes(folder + QStringLiteral("/notes.txt"));
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("private\n");
    notes.close();
    for (const char* line : {"ls team", "set team k v", "fsck"}) {
        const CliResult r = CliRunner(folder).run(words(line));
        QCOMPARE_EXIT(r, 2);
        QVERIFY2(r.errorLines().value(0).contains(QLatin1String("not a KV Desk catalog")) &&
                     r.errorLines().value(0).contains(folder),
                 qPrintable(r.describe()));
    }
    QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             words("notes.txt"));
    const CliResult file = CliRunner(notes.fileName()).run(words("ls team"));
    QCOMPARE_EXIT(file, 2);
    QVERIFY2(file.errorLines().value(0).contains(notes.fileName()), qPrintable(file.describe()));
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mention");
    QTest::newRow("unknown command") << words("frobnicate") << str("unknown command 'frobnicate'");
    QTest::newRow("no command") << QStringList() << QString();
    QTest::newRow("ns alone") << words("ns") << str("subcommand");
    QTest::newRow("unknown ns command") << words("ns rename a b") << str("'ns rename'");
    QTest::newRow("too few arguments") << words("get team.a") << str("wrong number of arguments");
    QTest::newRow("too many arguments")
        << words("get team.a k extra") << str("wrong number of arguments");
    QTest::newRow("set without value") << words("set team.a k") << str("wrong number of arguments");
    QTest::newRow("rm without key") << words("rm team.a") << str("wrong number of arguments");
    QTest::newRow("unknown option") << words("get team.a k --bogus") << str("--bogus");
    QTest::newRow("option of another command") << words("get team.a k --ttl PT5M") << str("--ttl");
    QTest::newRow("flag given a value") << words("get team.a k --json=yes") << str("--json");
    QTest::newRow("option without value") << words("ls team.a --limit") << str("--limit");
    QTest::newRow("bad limit") << words("ls team.a --limit -1") << str("'-1'");
    QTest::newRow("bad sort") << words("ls team.a --sort colour") << str("'colour'");
    QTest::newRow("bad sort direction") << words("ls team.a --sort key:up") << str("'key:up'");
    QTest::newRow("catalog without value") << words("--catalog") << str("--catalog");
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mention);
    const CliResult r = cli(args);
    QCOMPARE_EXIT(r, 2);
    if (!mention.isEmpty()) {
        QVERIFY2(r.errorLines().size() == 1, qPrintable(r.describe()));
        QVERIFY2(r.errorLines().first().contains(mention), qPrintable(r.describe()));
    }
    QCOMPARE(files().size(), 0);
}

void TestCli::helpAndVersion()
{
    const CliResult help = ok("--help");
    for (const char* command :
         {"ns list", "ns create", "ns delete", "set", "get", "ls", "rm", "expire", "history",
          "restore", "purge", "export", "import", "fsck"})
        QVERIFY2(help.outText().contains(QStringLiteral("\n  %1 ").arg(str(command))), command);
    QVERIFY(ok("--version").outText().startsWith(QLatin1String("kvdesk-cli ")));
    QVERIFY(ok("get --help").outText().contains(QLatin1String("get NAMESPACE KEY")));
}

void TestCli::catalogFromEnvironment()
{
    const QString fromEnv = m_dir->filePath(QStringLiteral("env-catalog"));
    CliRunner envOnly{QString()}; // no --catalog
    envOnly.setEnvironmentVariable(QStringLiteral("KVDESK_CATALOG"), fromEnv);
    const CliResult set = envOnly.run(words("set env k from-env"));
    QCOMPARE_EXIT(set, 0);
    QCOMPARE(CliRunner(fromEnv).run(words("get env k")).out, QByteArray("from-env\n"));
    const CliResult elsewhere = cli("get env k");
    QCOMPARE_EXIT(elsewhere, 3);
    envOnly.setEnvironmentVariable(QStringLiteral("KVDESK_CATALOG"),
                                   m_dir->filePath(QStringLiteral("unused")));
    const CliResult explicitWins = envOnly.run(words("--catalog") << fromEnv << words("get env k"));
    QCOMPARE(explicitWins.out, QByteArray("from-env\n"));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("unused"))));
}

void TestCli::successKeepsStderrClean()
{
    // Scripts treat output on stderr as a problem: a successful command writes nothing there.
    for (const char* line : {"set team.a k v", "get team.a k", "ls team.a", "ns list", "fsck"}) {
        const CliResult r = ok(line);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.describe()));
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
