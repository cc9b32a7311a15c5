// `kvdesk-cli catalog set inline-limit` and what `catalog info` and `fsck` say about value
// placement, on a local catalog and over HTTP through kvdesk-server (kvdesk/info).
#include "CliRunner.h"
#include "ServerProcess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestCliPlacement : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void localCatalog();
    void overHttp();

private:
    static QJsonObject json(const CliResult& r) { return QJsonDocument::fromJson(r.out).object(); }
    // The setting commands that must be refused with exit 2 and the word that says why.
    static void refusesBadLimits(const CliRunner& cli);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ServerProcess> m_server;
};

void TestCliPlacement::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCliPlacement::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void TestCliPlacement::refusesBadLimits(const CliRunner& cli)
{
    const QList<std::pair<const char*, const char*>> bad{
        {"catalog set inline-limit -1", "invalid inline limit -1"},
        {"catalog set inline-limit lots", "invalid inline limit 'lots'"},
        {"catalog set inline-limit 16777217", "above this catalog's maximum value size"},
    };
    for (const auto& [line, why] : bad) {
        const CliResult r = cli.run(CliRunner::words(line));
        QCOMPARE_EXIT(r, 2);
        QVERIFY2(r.err.contains(QLatin1String(why)), qPrintable(r.describe()));
    }
}

void TestCliPlacement::localCatalog()
{
    CliRunner cli(m_dir->filePath(QStringLiteral("catalog")));
    QJsonObject info = json(cli.ok(CliRunner::words("catalog info --json")));
    QCOMPARE(info[u"inlineLimit"].toInteger(), 16384);
    QCOMPARE(info[u"inlineValues"].toInteger(), 0);
    QCOMPARE(info[u"externalValues"].toInteger(), 0);

    cli.ok(CliRunner::words("set a small v"));
    const CliResult set = cli.ok(CliRunner::words("catalog set inline-limit 0"));
    QVERIFY_PRINTS(set, "Inline limit: 0 bytes");
    cli.ok(CliRunner::words("set a file v"));
    QCOMPARE(CliRunner::valueFiles(cli.catalog()).size(), 1);

    info = json(cli.ok(CliRunner::words("catalog info --json")));
    QCOMPARE(info[u"inlineLimit"].toInteger(), 0);
    QCOMPARE(info[u"inlineValues"].toInteger(), 1);
    QCOMPARE(info[u"externalValues"].toInteger(), 1);
    const CliResult text = cli.ok(CliRunner::words("catalog info"));
    QVERIFY_PRINTS(text, "Inline limit: 0 bytes (every value in the value store)");
    QVERIFY_PRINTS(text, "Values: 1 inline, 1 in the value store (current pairs)");

    const QJsonObject fsck = json(cli.ok(CliRunner::words("fsck --verify --json")));
    QCOMPARE(fsck[u"clean"].toBool(), true);
    QCOMPARE(fsck[u"inlineValues"].toInteger(), 1);
    QCOMPARE(fsck[u"valueFiles"].toInteger(), 1);
    QVERIFY_PRINTS(cli.ok(CliRunner::words("fsck")), "1 value file(s), 1 inline value(s)");

    refusesBadLimits(cli);
    QCOMPARE(json(cli.ok(CliRunner::words("catalog info --json")))[u"inlineLimit"].toInteger(), 0);
}

void TestCliPlacement::overHttp()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList{QStringLiteral("--catalog"), m_dir->filePath(QStringLiteral("catalog"))});
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    CliRunner cli(m_server->url());
    QJsonObject info = json(cli.ok(CliRunner::words("catalog info --json")));
    QCOMPARE(info[u"inlineLimit"].toInteger(), 16384);
    QCOMPARE(info[u"inlineValues"].toInteger(), 0);

    cli.ok(CliRunner::words("set a k v"));
    cli.ok(CliRunner::words("catalog set inline-limit 0"));
    cli.ok(CliRunner::words("set a big v"));
    info = json(cli.ok(CliRunner::words("catalog info --json")));
    QCOMPARE(info[u"inlineLimit"].toInteger(), 0);
    QCOMPARE(info[u"inlineValues"].toInteger(), 1);
    QCOMPARE(info[u"externalValues"].toInteger(), 1);
    QCOMPARE(CliRunner::valueFiles(m_dir->filePath(QStringLiteral("catalog"))).size(), 1);
    refusesBadLimits(cli);
    // A plain GET kvdesk/info (every client's first request) does not count the rows.
    QNetworkAccessManager http;
    QNetworkReply* reply = http.get(
        QNetworkRequest(QUrl(m_server->url() + QStringLiteral("/api/v1/main/kvdesk/info"))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(30000));
    const QJsonObject plain = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    QCOMPARE(plain[u"inlineLimit"].toInteger(), 0);
    QVERIFY(!plain.contains(u"inlineValues"));

    // The server's catalog kept the setting: a local look at the same folder sees it too.
    m_server.reset();
    CliRunner local(m_dir->filePath(QStringLiteral("catalog")));
    QCOMPARE(json(local.ok(CliRunner::words("catalog info --json")))[u"inlineLimit"].toInteger(),
             0);
}

QTEST_GUILESS_MAIN(TestCliPlacement)
#include "tst_cliplacement.moc"
