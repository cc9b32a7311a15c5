// kvdesk-cli as a real process: purge and fsck, checked against the stored data.
#include "CliTestCase.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
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

QJsonObject jsonObject(const QByteArray& text)
{
    return QJsonDocument::fromJson(text).object();
}

} // namespace

class TestCliMaintenance : public CliTestCase
{
    Q_OBJECT

private slots:
    void init();
    void purgeSelection_data();
    void purgeSelection();
    void purgeCreatedBefore();
    void fsckClean();
    void fsckFindsAndRepairs();
    void fsckGrace();
    void corruptValueIsARuntimeError();
};

void TestCliMaintenance::init()
{
    startCatalog();
}

void TestCliMaintenance::purgeSelection_data()
{
    QTest::addColumn<QString>("options");
    QTest::addColumn<QStringList>("purged"); // "ns/key", sorted
    const QStringList everything = words("p.child/c1 p/alpha p/beta p/tmp-1 p/tmp-2 px/k q/other");
    const QString tomorrow = QDateTime::currentDateTimeUtc().addDays(1).toString(Qt::ISODate);
    QTest::newRow("one namespace") << str("p --all") << words("p/alpha p/beta p/tmp-1 p/tmp-2");
    QTest::newRow("with children")
        << str("p --all --include-children") << words("p.child/c1 p/alpha p/beta p/tmp-1 p/tmp-2");
    QTest::newRow("two namespaces")
        << str("p q --all") << words("p/alpha p/beta p/tmp-1 p/tmp-2 q/other");
    QTest::newRow("key pattern *") << str("--all --key-pattern tmp-*") << words("p/tmp-1 p/tmp-2");
    QTest::newRow("key pattern ?")
        << str("p --all --key-pattern tmp-?") << words("p/tmp-1 p/tmp-2");
    QTest::newRow("key pattern class")
        << str("--all --key-pattern [ab]*") << words("p/alpha p/beta");
    QTest::newRow("everything") << str("--all") << everything;
    QTest::newRow("default: expired only") << str("p") << QStringList();
    QTest::newRow("created before 2000")
        << str("--all --created-before 2000-01-01") << QStringList();
    QTest::newRow("created before tomorrow")
        << (str("q --all --created-before ") + tomorrow) << words("q/other");
}

void TestCliMaintenance::purgeSelection()
{
    QFETCH(QString, options);
    QFETCH(QStringList, purged);
    ok("catalog set inline-limit 0"); // this test is about value files
    const QStringList all = words("p.child/c1 p/alpha p/beta p/tmp-1 p/tmp-2 px/k q/other");
    for (const QString& pair : all)
        ok(QStringList{QStringLiteral("set")} + pair.split(QLatin1Char('/'))
           << QStringLiteral("v"));

    for (const bool dryRun : {true, false}) {
        QStringList args = QStringList{QStringLiteral("purge"), QStringLiteral("--json")} +
                           options.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (dryRun)
            args << QStringLiteral("--dry-run");
        const QJsonObject report = jsonObject(ok(args).out);
        QCOMPARE(report.keys(), words("count dryRun pairs"));
        QCOMPARE(report[u"dryRun"].toBool(), dryRun);
        QCOMPARE(report[u"count"].toInt(), purged.size());
        QStringList reported;
        for (const QJsonValue& p : report[u"pairs"].toArray()) {
            QCOMPARE(p.toObject().keys(), words("key namespace"));
            reported << p[u"namespace"].toString() + QLatin1Char('/') + p[u"key"].toString();
        }
        reported.sort();
        QCOMPARE(reported, purged);

        QStringList remaining;
        for (const char* ns : {"p", "p.child", "px", "q"}) {
            for (const QString& key : keys(str(ns)))
                remaining << str(ns) + QLatin1Char('/') + key;
        }
        remaining.sort();
        QStringList expected = all;
        if (!dryRun) {
            for (const QString& p : purged)
                expected.removeOne(p);
        }
        QCOMPARE(remaining, expected);
        QCOMPARE(files().size(), expected.size());
    }
}

void TestCliMaintenance::purgeCreatedBefore()
{
    ok("catalog set inline-limit 0"); // this test is about value files
    ok("set c a1 v");
    // b1 is created after a1 and a2: it starts once the clock is past them.
    CliRunner::waitForClockPast(ok("set c a2 v").endedAtMs);
    ok("set c b1 v");
    ok("set c a1 v2"); // a new revision keeps the creation date
    QString cut;
    for (const QJsonValue& e : QJsonDocument::fromJson(ok("ls c --json").out).array()) {
        if (e[u"key"].toString() == QLatin1String("b1"))
            cut = e[u"creationDate"].toString();
    }
    QVERIFY(!cut.isEmpty());
    const CliResult dry = ok(words("purge c --all --dry-run --created-before") << cut);
    QVERIFY2(dry.outText().startsWith(QLatin1String("Would purge 2 pair(s)\n")),
             qPrintable(dry.describe()));
    QVERIFY(dry.outText().contains(QLatin1String("c\ta1\n")) &&
            dry.outText().contains(QLatin1String("c\ta2\n")));
    QCOMPARE(keys(QStringLiteral("c")), words("a1 a2 b1"));
    const CliResult real = ok(words("purge c --all --created-before") << cut);
    QVERIFY2(real.outText().startsWith(QLatin1String("Purged 2 pair(s)")),
             qPrintable(real.describe()));
    QCOMPARE(keys(QStringLiteral("c")), words("b1"));
    QCOMPARE(files().size(), 1);
    for (const char* line : {"purge c --all --created-before yesterday", "purge Bad --all"}) {
        const CliResult bad = cli(line);
        QCOMPARE_EXIT(bad, 2);
    }
    QCOMPARE(keys(QStringLiteral("c")), words("b1"));
}

void TestCliMaintenance::fsckClean()
{
    ok("catalog set inline-limit 0"); // this test is about value files
    ok("set f a 1");
    ok("set f a 2");
    ok("set f.g b x --ttl PT1H");
    const CliResult text = ok("fsck");
    QVERIFY_PRINTS(text, "consistent");
    const QJsonObject report = jsonObject(ok("fsck --json").out);
    QVERIFY(report[u"clean"].toBool());
    QVERIFY(!report[u"repaired"].toBool());
    QCOMPARE(report[u"valueFiles"].toInt(), 3);
    QCOMPARE(report[u"rows"].toInt(), 3); // two current rows and one history row
    for (const char* list : {"orphans", "dangling", "danglingRevisions"})
        QVERIFY2(report[QLatin1String(list)].toArray().isEmpty(), list);
}

void TestCliMaintenance::fsckFindsAndRepairs()
{
    ok("catalog set inline-limit 0"); // this test is about value files
    // The value file a command adds to the store.
    auto newFile = [this](const char* line) {
        const QStringList before = files();
        ok(line);
        const QStringList after = files();
        for (const QString& f : after) {
            if (!before.contains(f))
                return f;
        }
        return QString();
    };
    ok("set f live v");
    const QString goneFile = newFile("set f gone v");
    const QString firstRevision = newFile("set f hist v1");
    ok("set f hist v2");
    QVERIFY(!goneFile.isEmpty() && !firstRevision.isEmpty());
    const QDir values(catalog() + QStringLiteral("/values"));
    QVERIFY(QFile::remove(values.filePath(goneFile)));
    QVERIFY(QFile::remove(values.filePath(firstRevision)));
    QVERIFY(values.mkpath(QStringLiteral("ab")) && values.mkpath(QStringLiteral("cd")));
    const QString orphan = QStringLiteral("ab/ab0123456789abcdef0123456789abcd");
    const QString leftover = QStringLiteral("cd/cd0123456789abcdef0123456789abcd.tmp");
    for (const QString& name : {orphan, leftover}) {
        QFile f(values.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\"stray\"");
    }

    const CliResult check = cli("fsck --json");
    QCOMPARE_EXIT(check, 1);
    for (const bool repair : {false, true}) {
        const QJsonObject report = jsonObject(repair ? ok("fsck --repair --json").out : check.out);
        QVERIFY(!report[u"clean"].toBool());
        QCOMPARE(report[u"repaired"].toBool(), repair);
        QCOMPARE(report[u"orphans"].toArray(), (QJsonArray{orphan, leftover}));
        QCOMPARE(report[u"dangling"].toArray(),
                 (QJsonArray{QJsonObject{{QStringLiteral("namespace"), QStringLiteral("f")},
                                         {QStringLiteral("key"), QStringLiteral("gone")}}}));
        QCOMPARE(report[u"danglingRevisions"].toArray(), QJsonArray{QStringLiteral("f/hist@1")});
    }
    const QJsonObject after = jsonObject(ok("fsck --json").out);
    QVERIFY(after[u"clean"].toBool());
    QCOMPARE(after[u"valueFiles"].toInt(), files().size());
    QCOMPARE(after[u"rows"].toInt(), files().size());
    QVERIFY(!files().contains(orphan) && !files().contains(leftover));
    const CliResult gone = cli("get f gone");
    QCOMPARE_EXIT(gone, 3);
    QCOMPARE(ok("get f hist").out, QByteArray("v2\n"));
    QCOMPARE(ok("get f live").out, QByteArray("v\n"));
    QCOMPARE(ok("history f hist --json").out.count("\"revision\""), 1);
}

void TestCliMaintenance::fsckGrace()
{
    ok("set f k v");
    const QDir values(catalog() + QStringLiteral("/values"));
    QVERIFY(values.mkpath(QStringLiteral("ef")));
    QFile stray(values.filePath(QStringLiteral("ef/ef0123456789abcdef0123456789abcd")));
    QVERIFY(stray.open(QIODevice::WriteOnly));
    stray.write("1");
    stray.close();
    // A fresh orphan may be a write in flight: within the grace period it is left alone.
    QVERIFY(jsonObject(ok("fsck --grace PT1H --json").out)[u"clean"].toBool());
    QVERIFY(ok("fsck --grace PT1H --repair").outText().contains(QLatin1String("consistent")));
    QVERIFY(stray.exists());
    QVERIFY(stray.open(QIODevice::ReadWrite));
    QVERIFY(stray.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-7200),
                              QFileDevice::FileModificationTime));
    stray.close();
    const CliResult old = cli("fsck --grace PT1H");
    QCOMPARE_EXIT(old, 1);
    QVERIFY_PRINTS(old, "orphan value file: ef/ef0123");
    const CliResult bad = cli("fsck --grace soon");
    QCOMPARE_EXIT(bad, 2);
}

void TestCliMaintenance::corruptValueIsARuntimeError()
{
    ok("catalog set inline-limit 0"); // this test is about value files
    ok("set f k v");
    const QStringList stored = files();
    QCOMPARE(stored.size(), 1);
    QFile value(catalog() + QStringLiteral("/values/") + stored.first());
    QVERIFY(value.open(QIODevice::WriteOnly | QIODevice::Truncate));
    value.write("\"w\""); // same size, other bytes: the checksum no longer matches
    value.close();
    const CliResult r = cli("get f k");
    QCOMPARE_EXIT(r, 1);
    QVERIFY_MENTIONS(r, "corrupt");
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCliMaintenance)
#include "tst_climaintenance.moc"
