// kvdesk-cli against a real kvdesk-server: the same commands on an http(s):// catalog, and the
// remote options --user, --password-stdin, --token-stdin, --tenant and --ca-file, with the exit
// codes of the CLI contract (network and authentication problems are runtime errors, 1).
#include "CliRunner.h"
#include "ServerProcess.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestCliRemote : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void commandsOverHttp();
    void passwordAndToken();
    void tenantOption();
    void caFileForTls();
    void unreachableServerIsARuntimeError();
    void remoteOptionsNeedARemoteCatalog();
    void settingsAndVerifyOverHttp();

private:
    bool startServer(const QStringList& extra = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ServerProcess> m_server;
};

void TestCliRemote::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestCliRemote::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

bool TestCliRemote::startServer(const QStringList& extra)
{
    m_server = std::make_unique<ServerProcess>(
        QStringList{QStringLiteral("--catalog"), m_dir->filePath(QStringLiteral("catalog"))} +
        extra);
    const bool ok = m_server->start();
    if (!ok)
        qWarning("%s", qPrintable(m_server->error()));
    return ok;
}

void TestCliRemote::commandsOverHttp()
{
    QVERIFY(startServer());
    CliRunner cli(m_server->url());
    cli.ok(CliRunner::words("set company.etl last.run 2024-02-29T10:00:00Z --type DATETIME "
                            "--ttl P7D --description nightly"));
    CliResult r = cli.ok(CliRunner::words("get company.etl last.run"));
    QCOMPARE(r.out, QByteArray("2024-02-29T10:00:00Z\n"));
    cli.ok(CliRunner::words("set company.etl big 12345678901234567890 --type NUMBER"));
    r = cli.ok(CliRunner::words("get company.etl big --json"));
    QCOMPARE(r.out, QByteArray("{\"type\":\"NUMBER\",\"value\":12345678901234567890}\n"));
    r = cli.ok(CliRunner::words("ls company.etl --json --sort key:desc"));
    const QJsonArray list = QJsonDocument::fromJson(r.out).array();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).toObject().value(u"key").toString(), QStringLiteral("last.run"));
    QCOMPARE(list.at(0).toObject().value(u"description").toString(), QStringLiteral("nightly"));
    r = cli.run(CliRunner::words("set company.etl big 1 --no-overwrite"));
    QCOMPARE_EXIT(r, 4);
    r = cli.run(CliRunner::words("get company.etl nope"));
    QCOMPARE_EXIT(r, 3);
    r = cli.run(CliRunner::words("set company.etl 'bad' 1"));
    QCOMPARE_EXIT(r, 2);
    cli.ok(CliRunner::words("history company.etl big"));
    cli.ok(CliRunner::words("rm company.etl big"));
    r = cli.ok(CliRunner::words("ns list --json"));
    QVERIFY(r.out.contains("company.etl"));
}

void TestCliRemote::passwordAndToken()
{
    QCOMPARE(ServerProcess::addCredential(m_dir->filePath(QStringLiteral("users.json")),
                                          "--add-user", QStringLiteral("alice"),
                                          QStringLiteral("pw 1")),
             QString());
    QCOMPARE(ServerProcess::addCredential(m_dir->filePath(QStringLiteral("users.json")),
                                          "--add-token", QStringLiteral("ci"),
                                          QStringLiteral("t0ken")),
             QString());
    QVERIFY(
        startServer({QStringLiteral("--users"), m_dir->filePath(QStringLiteral("users.json"))}));
    CliRunner cli(m_server->url());
    CliResult r = cli.run(CliRunner::words("ns list"));
    QCOMPARE_EXIT(r, 1);
    QVERIFY_MENTIONS(r, "needs credentials");
    r = cli.run(CliRunner::words("--user alice --password-stdin ns list"), "wrong\n");
    QCOMPARE_EXIT(r, 1);
    QVERIFY_MENTIONS(r, "refused the credentials");
    // The password is the first line; `set ... -` reads the value from the rest.
    r = cli.run(CliRunner::words("--user alice --password-stdin set a.b k -"),
                "pw 1\nthe value\nsecond line");
    QCOMPARE_EXIT(r, 0);
    r = cli.run(CliRunner::words("--token-stdin get a.b k"), "t0ken\n");
    QCOMPARE_EXIT(r, 0);
    QCOMPARE(r.out, QByteArray("the value\nsecond line\n"));
    r = cli.run(CliRunner::words("--password-stdin ns list"), "x\n");
    QCOMPARE_EXIT(r, 2);
    QVERIFY_MENTIONS(r, "--user");
}

void TestCliRemote::tenantOption()
{
    QVERIFY(startServer());
    CliRunner cli(m_server->url());
    cli.ok(CliRunner::words("--tenant main set a k v"));
    const CliResult r = cli.run(CliRunner::words("--tenant other get a k"));
    QCOMPARE_EXIT(r, 3);
    QVERIFY_MENTIONS(r, "unknown tenant 'other'");
}

void TestCliRemote::caFileForTls()
{
    const QString cert = m_dir->filePath(QStringLiteral("cert.pem"));
    const QString key = m_dir->filePath(QStringLiteral("key.pem"));
    QCOMPARE(ServerProcess::makeCertificate(m_dir->path()), QString());
    QVERIFY(startServer({QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key}));
    CliRunner cli(m_server->url());
    CliResult r = cli.run(CliRunner::words("ns list"));
    QCOMPARE_EXIT(r, 1);
    QVERIFY_MENTIONS(r, "SHA-256");
    r = cli.run({QStringLiteral("--ca-file"), cert, QStringLiteral("set"), QStringLiteral("a"),
                 QStringLiteral("k"), QStringLiteral("over tls")});
    QCOMPARE_EXIT(r, 0);
}

void TestCliRemote::unreachableServerIsARuntimeError()
{
    CliRunner cli(QStringLiteral("http://127.0.0.1:9"));
    const CliResult r = cli.run(CliRunner::words("get a k"));
    QCOMPARE_EXIT(r, 1);
    QVERIFY_MENTIONS(r, "cannot reach http://127.0.0.1:9");
}

void TestCliRemote::remoteOptionsNeedARemoteCatalog()
{
    CliRunner cli(m_dir->filePath(QStringLiteral("local")));
    const CliResult r = cli.run(CliRunner::words("--tenant main ns list"));
    QCOMPARE_EXIT(r, 2);
    QVERIFY_MENTIONS(r, "http(s)://");
}

void TestCliRemote::settingsAndVerifyOverHttp()
{
    // catalog info/set travel in kvdesk/info; fsck --verify reaches the server's catalog.
    QVERIFY(startServer());
    CliRunner cli(m_server->url());
    QJsonObject info =
        QJsonDocument::fromJson(cli.ok(CliRunner::words("catalog info --json")).out).object();
    QCOMPARE(info[u"maxValueBytes"].toInteger(), 16777216);
    QVERIFY(info[u"schemaVersion"].isNull());
    QVERIFY2(info[u"serverApi"].toString().startsWith(u"kvdesk-server"),
             qPrintable(info[u"serverApi"].toString()));
    cli.ok(CliRunner::words("catalog set max-value-size 1024"));
    cli.ok(CliRunner::words("catalog set history-depth 3"));
    info = QJsonDocument::fromJson(cli.ok(CliRunner::words("catalog info --json")).out).object();
    QCOMPARE(info[u"maxValueBytes"].toInteger(), 1024);
    QCOMPARE(info[u"historyDepth"].toInt(), 3);
    CliResult r = cli.run({QStringLiteral("set"), QStringLiteral("a"), QStringLiteral("big"),
                           QString(1100, QLatin1Char('x'))});
    QCOMPARE_EXIT(r, 2);
    QVERIFY_MENTIONS(r, "the value of a/big is 1102 bytes");
    r = cli.run(CliRunner::words("catalog set max-value-size 10"));
    QCOMPARE_EXIT(r, 2);

    cli.ok(CliRunner::words("catalog set inline-limit 0")); // the value below must be a file
    cli.ok(CliRunner::words("set a k v"));
    QDirIterator it(m_dir->filePath(QStringLiteral("catalog/values")), QDir::Files,
                    QDirIterator::Subdirectories);
    QVERIFY(it.hasNext());
    QFile value(it.next());
    QVERIFY(value.open(QIODevice::WriteOnly | QIODevice::Truncate));
    value.write("\"w\"");
    value.close();
    QVERIFY(QJsonDocument::fromJson(cli.ok(CliRunner::words("fsck --json")).out)
                .object()[u"clean"]
                .toBool());
    r = cli.run(CliRunner::words("fsck --verify --json"));
    QCOMPARE_EXIT(r, 1);
    QCOMPARE(QJsonDocument::fromJson(r.out).object()[u"corrupt"].toArray(),
             QJsonArray{QStringLiteral("a/k")});
}

QTEST_GUILESS_MAIN(TestCliRemote)
#include "tst_cliremote.moc"
