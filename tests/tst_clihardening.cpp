// kvdesk-cli as a real process on catalogs that are damaged, tampered with, addressed wrongly,
// limited or read-only: what the Hardening issue fixed, checked against the stored data.
#include "CliTestCase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace {

QJsonObject jsonObject(const QByteArray& text)
{
    return QJsonDocument::fromJson(text).object();
}

QStringList sorted(const QJsonValue& list)
{
    QStringList out;
    for (const QJsonValue& v : list.toArray())
        out << v.toString();
    out.sort();
    return out;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

} // namespace

class TestCliHardening : public CliTestCase
{
    Q_OBJECT

private slots:
    void init();
    void fsckVerifyFindsCorruptValues();
    void exportWithCorruptValueFails();
    void invalidValueIdsNeverBecomePaths_data();
    void invalidValueIdsNeverBecomePaths();
    void unknownAddressSchemes_data();
    void unknownAddressSchemes();
    void catalogSettings();
    void maxValueSize();
    void readOnlyCatalog();

private:
    // The value file (shard/name) a command adds to the store.
    QString newFile(const char* line)
    {
        const QStringList before = files();
        ok(line);
        for (const QString& f : files()) {
            if (!before.contains(f))
                return f;
        }
        return QString();
    }
    QString valuePath(const QString& file) const
    {
        return catalog() + QStringLiteral("/values/") + file;
    }
    void execSql(const QString& sql)
    {
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            db.setDatabaseName(catalog() + QStringLiteral("/registry.sqlite"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY2(q.exec(sql), qPrintable(sql));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    }
};

void TestCliHardening::init()
{
    startCatalog();
}

void TestCliHardening::fsckVerifyFindsCorruptValues()
{
    ok("catalog set inline-limit 0"); // this test is about value files
    const QString k = newFile("set f k v");
    const QString h1 = newFile("set f h v1");
    ok("set f h v2");
    ok("set f fine ok");
    // Same size, other bytes: only the checksum tells.
    QVERIFY(writeFile(valuePath(k), "\"w\""));
    QVERIFY(writeFile(valuePath(h1), "\"w2\""));

    // Without --verify the files are only counted.
    QVERIFY(jsonObject(ok("fsck --json").out)[u"clean"].toBool());
    const CliResult check = cli("fsck --verify --json");
    QCOMPARE_EXIT(check, 1);
    const QJsonObject report = jsonObject(check.out);
    QVERIFY(!report[u"clean"].toBool());
    QCOMPARE(sorted(report[u"corrupt"]),
             (QStringList{QStringLiteral("f/h@1"), QStringLiteral("f/k")}));
    QVERIFY(report[u"dangling"].toArray().isEmpty());
    const CliResult text = cli("fsck --verify");
    QCOMPARE_EXIT(text, 1);
    QVERIFY_PRINTS(text, "corrupt value (checksum mismatch): f/k");

    // A repair verifies by default: a corrupt value is lost, like a missing one.
    const CliResult repair = ok("fsck --repair");
    QVERIFY_PRINTS(repair, "f/h@1 (removed: its value was lost");
    QVERIFY_PRINTS(repair, "f/k (removed: its value was lost");
    const QJsonObject after = jsonObject(ok("fsck --verify --json").out);
    QVERIFY(after[u"clean"].toBool());
    QCOMPARE(after[u"rows"].toInt(), 2); // h@2 and fine
    QCOMPARE(files().size(), 2);         // the corrupt files went with their rows
    const CliResult gone = cli("get f k");
    QCOMPARE_EXIT(gone, 3);
    QCOMPARE(ok("get f h").out, QByteArray("v2\n"));
    QCOMPARE(ok("history f h --json").out.count("\"revision\""), 1);
}

void TestCliHardening::exportWithCorruptValueFails()
{
    ok("catalog set inline-limit 0"); // this test is about value files
    ok("set company.team a 1");
    const QString b = newFile("set company.team b 2");
    ok("set company.team c 3");
    QVERIFY(writeFile(valuePath(b), "\"9\""));
    const QString out = m_dir->filePath(QStringLiteral("backup.csv"));
    const CliResult r = cli({QStringLiteral("export"), QStringLiteral("company.team"),
                             QStringLiteral("--with-values"), QStringLiteral("-o"), out});
    QCOMPARE_EXIT(r, 1);
    QVERIFY_MENTIONS(r, "value of company.team/b is corrupt (checksum mismatch): run kvdesk-cli "
                        "fsck --verify --repair, or write the key again");
    QVERIFY2(!QFile::exists(out), "a failed export must not leave a file that looks complete");
    QVERIFY(QDir(m_dir->path()).entryList({QStringLiteral("backup.csv*")}, QDir::Files).isEmpty());
    // Without values the registry alone answers: the export works.
    ok({QStringLiteral("export"), QStringLiteral("company.team"), QStringLiteral("-o"), out});
    QVERIFY(QFile::exists(out));
}

void TestCliHardening::invalidValueIdsNeverBecomePaths_data()
{
    QTest::addColumn<QString>("id");
    // Resolved against values/<first two characters>/: the test's own temporary folder, so that
    // tests running side by side never share a victim.
    QTest::newRow("relative") << QStringLiteral("../victim");
    QTest::newRow("absolute")
        << QStringLiteral("/tmp/kvdesk-victim-%1").arg(QCoreApplication::applicationPid());
    QTest::newRow("inside a shard") << QStringLiteral("ab/../../x");
}

void TestCliHardening::invalidValueIdsNeverBecomePaths()
{
    QFETCH(QString, id);
    ok("catalog set inline-limit 0"); // this test is about value files
    // Files where the id would lead: the old path (shard = first two characters) and the id itself.
    QStringList victims{QDir::cleanPath(valuePath(id.left(2) + QLatin1Char('/') + id))};
    if (!QDir::isAbsolutePath(id))
        QVERIFY2(victims.first().startsWith(QFileInfo(catalog()).absolutePath() + QLatin1Char('/')),
                 qPrintable(victims.first()));
    if (QDir::isAbsolutePath(id))
        victims << id;
    auto plant = [&] {
        for (const QString& v : std::as_const(victims)) {
            QDir().mkpath(QFileInfo(v).absolutePath());
            QVERIFY2(writeFile(v, "\"precious\""), qPrintable(v));
        }
    };
    QStringList replaced; // the files the tampered rows pointed at: orphans now
    auto tamper = [&] {
        replaced = QStringList{newFile("set t k v"), newFile("set t h v1")};
        replaced.sort();
        ok("set t h v2");
        execSql(QStringLiteral("UPDATE kv SET value_id = '%1' WHERE key = 'k'").arg(id));
        execSql(QStringLiteral("UPDATE kv_history SET value_id = '%1' WHERE key = 'h'").arg(id));
        plant();
    };
    auto survived = [&] {
        for (const QString& v : std::as_const(victims)) {
            QFile f(v);
            if (!f.open(QIODevice::ReadOnly) || f.readAll() != "\"precious\"")
                return false;
        }
        return true;
    };
    auto cleanUp = qScopeGuard([&] {
        for (const QString& v : std::as_const(victims))
            QFile::remove(v);
    });

    tamper();
    const CliResult get = cli("get t k");
    QCOMPARE_EXIT(get, 1);
    QVERIFY_MENTIONS(get, "invalid value id");
    QVERIFY2(get.errorLines().value(0).contains(id), qPrintable(get.describe()));
    const CliResult restore = cli("restore t h 1");
    QCOMPARE_EXIT(restore, 1);
    QVERIFY_MENTIONS(restore, "invalid value id");
    const CliResult check = cli("fsck --json");
    QCOMPARE_EXIT(check, 1);
    QCOMPARE(sorted(jsonObject(check.out)[u"invalidIds"]),
             (QStringList{QStringLiteral("t/h@1"), QStringLiteral("t/k")}));
    QCOMPARE(sorted(jsonObject(check.out)[u"orphans"]), replaced);
    QVERIFY(survived());

    // Deleting the pairs removes their rows and leaves the named files alone.
    ok("rm t k");
    QVERIFY(survived());
    ok("purge --all");
    QVERIFY(survived());
    QVERIFY(keys(QStringLiteral("t")).isEmpty());

    // fsck --repair removes such rows without touching any file.
    tamper();
    const CliResult repair = ok("fsck --repair");
    QVERIFY_PRINTS(repair, "invalid value id");
    QVERIFY(survived());
    QVERIFY(jsonObject(ok("fsck --verify --json").out)[u"clean"].toBool());
    const CliResult gone = cli("get t k");
    QCOMPARE_EXIT(gone, 3);
    QCOMPARE(ok("get t h").out, QByteArray("v2\n"));
}

void TestCliHardening::unknownAddressSchemes_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("says");
    QTest::newRow("ftp") << QStringLiteral("ftp://x")
                         << QStringLiteral("unsupported catalog address 'ftp://x': give a folder "
                                           "path or an http(s):// address");
    QTest::newRow("s3") << QStringLiteral("s3://bucket/catalog")
                        << QStringLiteral("unsupported catalog address 's3://bucket/catalog'");
    QTest::newRow("postgresql")
        << QStringLiteral("postgresql://kv:secret@db/kv")
        << QStringLiteral("shared catalogs (PostgreSQL) are not supported by this build yet");
    QTest::newRow("odd scheme") << QStringLiteral("git+ssh.v2-x://h")
                                << QStringLiteral("unsupported catalog address");
}

void TestCliHardening::unknownAddressSchemes()
{
    QFETCH(QString, address);
    QFETCH(QString, says);
    const QString cwd = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_dir->path()));
    auto back = qScopeGuard([&] { QDir::setCurrent(cwd); });
    const CliRunner runner(address);
    const CliResult r = runner.run(words("ns list"));
    QCOMPARE_EXIT(r, 2);
    QVERIFY2(r.errorLines().value(0).contains(says), qPrintable(r.describe()));
    QVERIFY2(!r.err.contains(QLatin1String("secret")), "the password must not be echoed");
    QVERIFY2(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty(),
             "nothing may be created for an unsupported address");
    // Drive-letter paths stay folders.
    for (const QString& folder : {QStringLiteral("C:/x"), QStringLiteral("C:\\x")}) {
        const CliResult local = CliRunner(folder).run(words("ns list"));
        QCOMPARE_EXIT(local, 0);
    }
}

void TestCliHardening::catalogSettings()
{
    const QJsonObject info = jsonObject(ok("catalog info --json").out);
    QCOMPARE(info[u"location"].toString(), QDir(catalog()).absolutePath());
    QCOMPARE(info[u"schemaVersion"].toInt(), 3);
    QCOMPARE(info[u"historyDepth"].toInt(), 5);
    QCOMPARE(info[u"maxValueBytes"].toInteger(), 16777216);
    ok("catalog set history-depth 2");
    ok("catalog set max-value-size 2048");
    const CliResult text = ok("catalog info");
    QVERIFY_PRINTS(text, "History depth: 2");
    QVERIFY_PRINTS(text, "Max value size: 2048 bytes");
    QVERIFY_PRINTS(text, "Schema version: 3");
    for (const char* bad : {"catalog set max-value-size 1023", "catalog set max-value-size lots",
                            "catalog set history-depth -1", "catalog set colour blue",
                            "catalog set history-depth", "catalog"}) {
        const CliResult r = cli(bad);
        QCOMPARE_EXIT(r, 2);
    }
    QCOMPARE(jsonObject(ok("catalog info --json").out)[u"maxValueBytes"].toInteger(), 2048);
}

void TestCliHardening::maxValueSize()
{
    ok("catalog set inline-limit 0"); // this test is about value files
    ok("catalog set max-value-size 1024");
    const QString big(1100, QLatin1Char('x'));
    const QString fits(1000, QLatin1Char('y'));
    const CliResult set =
        cli({QStringLiteral("set"), QStringLiteral("f"), QStringLiteral("k"), big});
    QCOMPARE_EXIT(set, 2);
    QVERIFY_MENTIONS(set, "the value of f/k is 1102 bytes as stored, over this catalog's maximum "
                          "value size of 1024 bytes (run kvdesk-cli catalog set max-value-size");
    QVERIFY(files().isEmpty());
    QVERIFY(keys(QStringLiteral("f")).isEmpty());

    // Import: all or nothing, naming the row.
    const QString csv = m_dir->filePath(QStringLiteral("in.csv"));
    QVERIFY(writeFile(csv, "key,value\na," + fits.toUtf8() + "\nb," + big.toUtf8() + "\n"));
    const CliResult import = cli({QStringLiteral("import"), QStringLiteral("f"), csv});
    QCOMPARE_EXIT(import, 2);
    QVERIFY_MENTIONS(import, "(line 3): the value of f/b is 1102 bytes");
    QVERIFY(files().isEmpty());
    QVERIFY(keys(QStringLiteral("f")).isEmpty());

    // Restore of a revision written under a higher limit.
    ok("catalog set max-value-size 4096");
    ok({QStringLiteral("set"), QStringLiteral("f"), QStringLiteral("r"), big});
    ok("set f r small");
    ok("catalog set max-value-size 1024");
    const CliResult restore = cli("restore f r 1");
    QCOMPARE_EXIT(restore, 2);
    QVERIFY_MENTIONS(restore, "the value of f/r is 1102 bytes");
    QCOMPARE(ok("get f r").out, QByteArray("small\n"));
    QCOMPARE(files().size(), 2);
    ok({QStringLiteral("set"), QStringLiteral("f"), QStringLiteral("k"), fits});
}

void TestCliHardening::readOnlyCatalog()
{
#ifdef Q_OS_UNIX
    if (::geteuid() != 0)
        QSKIP(
            "needs root to run kvdesk-cli as another user (setpriv) on a catalog it cannot write");
    const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
    if (setpriv.isEmpty())
        QSKIP("setpriv (util-linux) is not installed");
    ok("set f k v1");
    ok("set f k v2");
    const qint64 goneSet = ok("set f gone x --ttl PT1S").endedAtMs;
    ok("ns create empty");
    // The catalog as root made it (files 0644, folders 0755), readable along the way.
    QVERIFY(QFile::setPermissions(
        m_dir->path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                           QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));
    // "gone" expires (a real second: kvdesk-cli runs in its own process, on the system clock).
    CliRunner::waitForClockPast(goneSet + 1000);
    const QStringList before = QDir(catalog()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    const QStringList valuesBefore = files();
    auto asNobody = [&](const QStringList& args) {
        QProcess p;
        p.setProgram(setpriv);
        p.setArguments(QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                   QStringLiteral("--clear-groups"), CliRunner::program(),
                                   QStringLiteral("--catalog"), catalog()} +
                       args);
        p.start();
        p.closeWriteChannel();
        return m_cli->finish(p, args);
    };
    const CliResult ls = asNobody(words("ls f"));
    QCOMPARE_EXIT(ls, 0);
    QVERIFY_PRINTS(ls, "k\tSTRING");
    const CliResult get = asNobody(words("get f k"));
    QCOMPARE_EXIT(get, 0);
    QCOMPARE(get.out, QByteArray("v2\n"));
    const CliResult history = asNobody(words("history f k --json"));
    QCOMPARE_EXIT(history, 0);
    QCOMPARE(history.out.count("\"revision\""), 2);
    const CliResult exported = asNobody(words("export f --with-values"));
    QCOMPARE_EXIT(exported, 0);
    QVERIFY_PRINTS(exported, "f,k,STRING");
    const CliResult fsck = asNobody(words("fsck --verify --json"));
    QCOMPARE_EXIT(fsck, 0);
    QVERIFY(jsonObject(fsck.out)[u"clean"].toBool());
    const CliResult expired = asNobody(words("get f gone"));
    QCOMPARE_EXIT(expired, 3);
    for (const char* write :
         {"set f k v3", "rm f k", "purge", "fsck --repair", "ns create n", "ns delete empty",
          "restore f k 1", "expire f k --never", "catalog set history-depth 1"}) {
        const CliResult r = asNobody(words(write));
        QCOMPARE_EXIT(r, 2);
        QVERIFY_MENTIONS(r, "is read-only");
    }
    QCOMPARE(QDir(catalog()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), before);
    QCOMPARE(files(), valuesBefore);
    QCOMPARE(ok("get f k").out, QByteArray("v2\n"));
    QCOMPARE(ok("history f k --json").out.count("\"revision\""), 2);
#else
    QSKIP("runs kvdesk-cli as another user with setpriv (Linux)");
#endif
}

QTEST_GUILESS_MAIN(TestCliHardening)
#include "tst_clihardening.moc"
