// kvdesk-cli as a real process: honest output (every write to standard output checked) and
// strict input (invalid UTF-8, oversized values and overflowing numbers on standard input).
#include "CliTestCase.h"
#include "domain/Rules.h"

#include <QFile>
#include <QProcess>
#include <QTest>

namespace {

QString str(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

const QString devFull = QStringLiteral("/dev/full");

} // namespace

class TestCliStrict : public CliTestCase
{
    Q_OBJECT

private slots:
    void init();
    void fullStdoutFails_data();
    void fullStdoutFails();
    void fullStdoutLargeListing();
    void fullDiskExportLeavesNoFile();
    void stdinInvalidUtf8_data();
    void stdinInvalidUtf8();
    void stdinValidUtf8Kept();
    void stdinTooLarge();
    void stdinAtLimit();
    void overflowingNumber();

private:
    // Runs the CLI with its standard output on /dev/full.
    CliResult toFullDisk(const QStringList& args) const;
};

void TestCliStrict::init()
{
    startCatalog();
}

CliResult TestCliStrict::toFullDisk(const QStringList& args) const
{
    CliRunner full(catalog());
    full.setStandardOutputFile(devFull);
    return full.run(args);
}

void TestCliStrict::fullStdoutFails_data()
{
    QTest::addColumn<QString>("command");
    QTest::newRow("get") << str("get team k");
    QTest::newRow("get --json") << str("get team k --json");
    QTest::newRow("ls") << str("ls team");
    QTest::newRow("ls --json") << str("ls team --json");
    QTest::newRow("export") << str("export team --with-values");
    QTest::newRow("history") << str("history team k");
    QTest::newRow("ns list") << str("ns list");
    QTest::newRow("set") << str("set team k2 v");
    QTest::newRow("--version") << str("--version");
    QTest::newRow("--help") << str("--help");
}

void TestCliStrict::fullStdoutFails()
{
    QFETCH(QString, command);
    if (!QFileInfo::exists(devFull))
        QSKIP("no /dev/full on this system");
    ok("set team k v");
    const CliResult r = toFullDisk(command.split(QLatin1Char(' ')));
    QCOMPARE_EXIT(r, 1);
    QCOMPARE(r.errorLines(),
             QStringList{str("cannot write to standard output: No space left on device")});
}

void TestCliStrict::fullStdoutLargeListing()
{
    if (!QFileInfo::exists(devFull))
        QSKIP("no /dev/full on this system");
    // Far more than any buffer: the error must not hide in a buffer flushed after the check.
    QByteArray csv = "key,value\n";
    for (int i = 0; i < 5000; ++i)
        csv += "key-" + QByteArray::number(i) + ",value " + QByteArray::number(i) + "\n";
    ok(words("import big -"), csv);
    for (const char* command : {"ls big", "ls big --json", "export big --with-values"}) {
        const CliResult r = toFullDisk(words(command));
        QCOMPARE_EXIT(r, 1);
        QVERIFY_MENTIONS(r, "cannot write to standard output: No space left on device");
    }
}

void TestCliStrict::fullDiskExportLeavesNoFile()
{
    // A full disk for one process, without privileges: a file size limit, with SIGXFSZ
    // ignored (inherited through exec) so that write() fails with EFBIG instead.
    if (!QFileInfo::exists(QStringLiteral("/bin/sh")))
        QSKIP("needs /bin/sh for ulimit");
    QByteArray csv = "key,value\n";
    for (int i = 0; i < 2000; ++i)
        csv += "key-" + QByteArray::number(i) + "," + QByteArray(400, 'x') + "\n";
    ok(words("import big -"), csv);
    const QString target = m_dir->filePath(QStringLiteral("out.csv"));
    QProcess shell;
    shell.setProgram(QStringLiteral("/bin/sh"));
    shell.setArguments(
        {QStringLiteral("-c"), QStringLiteral("trap '' XFSZ; ulimit -f 128 && exec \"$0\" \"$@\""),
         CliRunner::program(), QStringLiteral("--catalog"), catalog(), QStringLiteral("export"),
         QStringLiteral("big"), QStringLiteral("--with-values"), QStringLiteral("-o"), target});
    shell.start();
    QVERIFY(shell.waitForFinished(60000));
    const QString err = QString::fromUtf8(shell.readAllStandardError());
    QCOMPARE(shell.exitStatus(), QProcess::NormalExit);
    QVERIFY2(shell.exitCode() == 1, qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("cannot write '%1'").arg(target)), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("File too large")), qPrintable(err));
    QVERIFY(!QFileInfo::exists(target));
    QCOMPARE(QDir(m_dir->path()).entryList({QStringLiteral("out.csv*")}, QDir::Files),
             QStringList());
}

void TestCliStrict::stdinInvalidUtf8_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("offset");
    QTest::newRow("stray byte") << QByteArray("ab\xff"
                                              "cd")
                                << 2;
    QTest::newRow("stray continuation") << QByteArray("\x80") << 0;
    QTest::newRow("overlong") << QByteArray("x\xC0\xAF") << 1;
    QTest::newRow("surrogate") << QByteArray("abc\xED\xA0\x80") << 3;
    QTest::newRow("above U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << 0;
    QTest::newRow("truncated at end") << QByteArray("caf\xC3") << 3;
    QTest::newRow("after 20 valid bytes") << QByteArray("0123456789\xC3\xA9"
                                                        "abcdefgh\xE2\x82"
                                                        "x")
                                          << 20;
}

void TestCliStrict::stdinInvalidUtf8()
{
    QFETCH(QByteArray, input);
    QFETCH(int, offset);
    for (const char* type : {"STRING", "JSON"}) {
        const CliResult r = cli(words("set team k - --type") << str(type), input);
        QCOMPARE_EXIT(r, 2);
        QCOMPARE(r.errorLines(),
                 QStringList{
                     QStringLiteral("the value is not valid UTF-8 (byte offset %1)").arg(offset)});
    }
    QCOMPARE(keys(QStringLiteral("team")), QStringList());
    QCOMPARE(files(), QStringList());
}

void TestCliStrict::stdinValidUtf8Kept()
{
    const QByteArray text = "gr\xC3\xBC\xC3\x9F"
                            "e \xF0\x9F\x98\x80 \xE6\x97\xA5";
    ok(words("set team k -"), text);
    QCOMPARE(ok("get team k").out, text + '\n');
}

void TestCliStrict::stdinTooLarge()
{
    const QByteArray big(kv::rules::defaultMaxValueBytes + 1024 * 1024, 'a');
    const CliResult r = cli(words("set team k -"), big);
    QCOMPARE_EXIT(r, 2);
    QVERIFY_MENTIONS(r, "larger than the limit of 16777216 bytes");
    QCOMPARE(keys(QStringLiteral("team")), QStringList());
    QCOMPARE(files(), QStringList());
}

void TestCliStrict::stdinAtLimit()
{
    // The limit is on the stored form: the text and its two quotes.
    const QByteArray value(kv::rules::defaultMaxValueBytes - 2, 'a');
    ok(words("set team k -"), value);
    QCOMPARE(entry("team", QStringLiteral("k"))[u"size"].toInteger(), value.size() + 2);
    const CliResult over = cli(words("set team k -"), value + 'b');
    QCOMPARE_EXIT(over, 2);
    QVERIFY_MENTIONS(over, "maximum value size of 16777216 bytes");
}

void TestCliStrict::overflowingNumber()
{
    // Beyond a double's range: a NUMBER that keeps its digits, on every path into the CLI.
    ok("set team a 1e999999 --type NUMBER");
    ok(words("set team b - --type NUMBER"), "-1E+999999\n");
    QCOMPARE(ok("get team a --json").out, QByteArray("{\"type\":\"NUMBER\",\"value\":1e999999}\n"));
    QCOMPARE(ok("get team b --json").out,
             QByteArray("{\"type\":\"NUMBER\",\"value\":-1E+999999}\n"));
    ok(words("import team -"), "key,value,type\nc,1e999999,NUMBER\n");
    QCOMPARE(ok("get team c").out, QByteArray("1e999999\n"));
}

QTEST_GUILESS_MAIN(TestCliStrict)
#include "tst_clistrict.moc"
