// kvdesk-server as a real process on 127.0.0.1, over HTTP: every route of the Kestra API and of
// our extensions, every error status, authentication on and off, TLS with a certificate made at
// test time, the body limit, malformed and hostile requests, the scheduled purge and SIGTERM.
#include "CliRunner.h"
#include "domain/CatalogError.h"
#include "ExpectError.h"
#include "remote/HttpClient.h"
#include "ServerProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <vector>

using kv::HttpClient;
using kv::HttpReply;
using kv::RemoteConnection;

namespace {

QJsonObject objectOf(const HttpReply& r)
{
    return QJsonDocument::fromJson(r.body).object();
}

QString messageOf(const HttpReply& r)
{
    return objectOf(r).value(u"message").toString();
}

// GET .../kv/{key} answers {"type","value","revision","updated"} since Kestra 1.2.5: its type
// and value as written, without the two fields after them.
QByteArray typedPart(const QByteArray& body)
{
    const qsizetype at = body.indexOf(",\"revision\":");
    return at < 0 ? body : body.left(at) + '}';
}

// Sends `requests` on one connection all at once (pipelined) and reads as many answers: their
// statuses and bodies, in order; fewer when the connection ended first.
QList<QPair<int, QByteArray>> pipelined(quint16 port, const QList<QByteArray>& requests)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    QList<QPair<int, QByteArray>> answers;
    if (!socket.waitForConnected(5000))
        return answers;
    for (const QByteArray& r : requests)
        socket.write(r);
    QByteArray in;
    while (answers.size() < requests.size()) {
        const qsizetype headEnd = in.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            const QByteArray head = in.left(headEnd).toLower();
            const qsizetype at = head.indexOf("content-length:");
            const qsizetype length =
                at < 0 ? 0 : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toInt();
            if (in.size() >= headEnd + 4 + length) {
                answers.append({in.mid(9, 3).toInt(), in.mid(headEnd + 4, length)});
                in.remove(0, headEnd + 4 + length);
                continue;
            }
        }
        if (!socket.waitForReadyRead(10'000))
            break;
        in += socket.readAll();
    }
    return answers;
}

QByteArray putRequest(const QByteArray& path, const QByteArray& body, const QByteArray& extra = {})
{
    return "PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
           extra + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

// `reply` is evaluated once: QVERIFY2 evaluates its message even when the check passes, and a
// request written in the macro's arguments was sent three times.
#define QCOMPARE_STATUS(reply, expected)                                                           \
    do {                                                                                           \
        const HttpReply& checked_ = (reply);                                                       \
        QVERIFY2(checked_.status == (expected),                                                    \
                 qPrintable(QStringLiteral("status %1, expected %2: %3")                           \
                                .arg(checked_.status)                                              \
                                .arg(expected)                                                     \
                                .arg(QString::fromUtf8(checked_.body))));                          \
    } while (false)

class TestServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void pingAndValueRoundTrip();
    void putInfersKestraTypes_data();
    void putInfersKestraTypes();
    void headersTtlDescriptionTypeOverwrite();
    void listsAndPages();
    void deleteOneAndMany();
    void namespacesSearchCreateDelete();
    void extensionRoutes();
    void errorStatuses_data();
    void errorStatuses();
    void expiredPairIsGoneWith410();
    void tenantSegment();
    void hostilePaths_data();
    void hostilePaths();
    void bodyLimit();
    void concurrentPutsAreDurable();
    void putsOutsideTheirRow();
    void basicAndBearerAuthentication();
    void usersFileHoldsNoSecret();
    void refusesPublicAddressWithoutUsers();
    void tlsWithThrowAwayCertificate();
    void scheduledPurge();
    void stopsOnSigterm();

private:
    bool startServer(const QStringList& extra = {});
    HttpReply send(const QByteArray& method, const QString& path, const QByteArray& body = {},
                   const HttpClient::Headers& headers = {}, const QUrlQuery& query = {});
    // Sends raw bytes on a plain socket and returns the status line's code.
    int rawStatus(const QByteArray& requestLine);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ServerProcess> m_server;
    RemoteConnection m_connection;
};

void TestServer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestServer::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

bool TestServer::startServer(const QStringList& extra)
{
    m_server = std::make_unique<ServerProcess>(
        QStringList{QStringLiteral("--catalog"), m_dir->filePath(QStringLiteral("catalog"))} +
        extra);
    if (!m_server->start()) {
        qWarning("%s", qPrintable(m_server->error()));
        return false;
    }
    m_connection = RemoteConnection::fromLocation(m_server->url());
    return true;
}

HttpReply TestServer::send(const QByteArray& method, const QString& path, const QByteArray& body,
                           const HttpClient::Headers& headers, const QUrlQuery& query)
{
    return HttpClient(m_connection).send(method, path, query, body, headers);
}

int TestServer::rawStatus(const QByteArray& requestLine)
{
    const QUrl url(m_server->url());
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(url.port()));
    if (!socket.waitForConnected(5000))
        return -1;
    socket.write(requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    while (!answer.contains("\r\n") && socket.waitForReadyRead(5000))
        answer += socket.readAll();
    const QList<QByteArray> status = answer.left(answer.indexOf('\r')).split(' ');
    return status.size() >= 2 ? status.at(1).toInt() : -1;
}

void TestServer::pingAndValueRoundTrip()
{
    QVERIFY(startServer());
    HttpReply r = send("GET", QStringLiteral("/ping"));
    QCOMPARE_STATUS(r, 200);
    r = send("PUT", QStringLiteral("/api/v1/namespaces/company.team/kv/big"),
             "12345678901234567890");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(objectOf(r).value(u"type").toString(), QStringLiteral("NUMBER"));
    r = send("GET", QStringLiteral("/api/v1/namespaces/company.team/kv/big"));
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(typedPart(r.body), QByteArray("{\"type\":\"NUMBER\",\"value\":12345678901234567890}"));
    QVERIFY(
        m_server->log().contains(QStringLiteral("GET /api/v1/namespaces/company.team/kv/big 200")));
}

void TestServer::putInfersKestraTypes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("string") << QByteArray("\"hello\"") << "STRING" << QByteArray("\"hello\"");
    QTest::newRow("integer") << QByteArray("42") << "NUMBER" << QByteArray("42");
    QTest::newRow("decimal") << QByteArray("1.50") << "NUMBER" << QByteArray("1.50");
    QTest::newRow("boolean") << QByteArray("true") << "BOOLEAN" << QByteArray("true");
    QTest::newRow("object") << QByteArray("{\"b\": 1, \"a\": [2]}") << "JSON"
                            << QByteArray("{\"b\":1,\"a\":[2]}");
    QTest::newRow("array") << QByteArray("[1, 2]") << "JSON" << QByteArray("[1,2]");
    QTest::newRow("quoted duration")
        << QByteArray("\"PT5S\"") << "DURATION" << QByteArray("\"PT5S\"");
    QTest::newRow("date") << QByteArray("2024-02-29") << "DATE" << QByteArray("\"2024-02-29\"");
    QTest::newRow("datetime") << QByteArray("2024-02-29T11:00:00+01:00") << "DATETIME"
                              << QByteArray("\"2024-02-29T10:00:00Z\"");
    QTest::newRow("not json") << QByteArray("just text, {not json") << "STRING"
                              << QByteArray("\"just text, {not json\"");
}

void TestServer::putInfersKestraTypes()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    QFETCH(QByteArray, value);
    QVERIFY(startServer());
    const QString path = QStringLiteral("/api/v1/main/namespaces/a/kv/k");
    QCOMPARE_STATUS(send("PUT", path, body, {{"Content-Type", "text/plain"}}), 200);
    const HttpReply r = send("GET", path);
    QCOMPARE(typedPart(r.body), "{\"type\":\"" + type.toLatin1() + "\",\"value\":" + value + '}');
}

void TestServer::headersTtlDescriptionTypeOverwrite()
{
    QVERIFY(startServer());
    const QString path = QStringLiteral("/api/v1/namespaces/a/kv/k");
    HttpReply r = send("PUT", path, "\"2024-02-29\"",
                       {{"ttl", "PT1H"}, {"description", "the date"}, {"kv-type", "DATE"}});
    QCOMPARE_STATUS(r, 200);
    const QJsonObject e = objectOf(r);
    QCOMPARE(e.value(u"type").toString(), QStringLiteral("DATE"));
    QCOMPARE(e.value(u"description").toString(), QStringLiteral("the date"));
    QVERIFY(!e.value(u"expirationDate").isNull());
    r = send("PUT", path, "\"other\"", {{"kv-overwrite", "false"}});
    QCOMPARE_STATUS(r, 409);
    QVERIFY(messageOf(r).contains(QStringLiteral("'k'")));
    QCOMPARE(typedPart(send("GET", path).body),
             QByteArray("{\"type\":\"DATE\",\"value\":\"2024-02-29\"}"));
    r = send("PUT", path, "1", {{"ttl", "P1Y"}});
    QCOMPARE_STATUS(r, 422);
    QVERIFY(messageOf(r).contains(QStringLiteral("'P1Y'")));
    r = send("PUT", path, "1", {{"ttl", "PT0S"}});
    QCOMPARE_STATUS(r, 422);
    r = send("PUT", path, "1", {{"kv-type", "COLOR"}});
    QCOMPARE_STATUS(r, 422);
    QVERIFY(messageOf(r).contains(QStringLiteral("COLOR")));
    r = send("PUT", path, "\"x\"", {{"kv-description", "\"caf\\u00e9\\nline two\""}});
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(objectOf(r).value(u"description").toString(), QStringLiteral("café\nline two"));
    // Exactly one string literal: anything more is refused, and nothing is written.
    r = send("PUT", path, "\"y\"", {{"kv-description", "\"a\", 5"}});
    QCOMPARE_STATUS(r, 422);
    QVERIFY2(messageOf(r).contains(QStringLiteral("kv-description")), r.body.constData());
    QCOMPARE(typedPart(send("GET", path).body),
             QByteArray("{\"type\":\"STRING\",\"value\":\"x\"}"));
}

void TestServer::listsAndPages()
{
    QVERIFY(startServer());
    for (int i = 0; i < 12; ++i)
        QCOMPARE_STATUS(
            send(
                "PUT",
                QStringLiteral("/api/v1/namespaces/team/kv/key.%1").arg(i, 2, 10, QLatin1Char('0')),
                QByteArray::number(i)),
            200);
    HttpReply r = send("GET", QStringLiteral("/api/v1/namespaces/team/kv"));
    QCOMPARE_STATUS(r, 200);
    const QJsonArray all = QJsonDocument::fromJson(r.body).array();
    QCOMPARE(all.size(), 12);
    for (const char* field :
         {"key", "description", "creationDate", "updateDate", "expirationDate", "type", "size"})
        QVERIFY2(all.first().toObject().contains(QLatin1String(field)), field);
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("page"), QStringLiteral("2"));
    q.addQueryItem(QStringLiteral("size"), QStringLiteral("5"));
    q.addQueryItem(QStringLiteral("sort"), QStringLiteral("key:desc"));
    q.addQueryItem(QStringLiteral("filters[namespace][EQUALS]"), QStringLiteral("team"));
    r = send("GET", QStringLiteral("/api/v1/main/kv"), {}, {}, q);
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(objectOf(r).value(u"total").toInt(), 12);
    const QJsonArray page = objectOf(r).value(u"results").toArray();
    QCOMPARE(page.size(), 5);
    QCOMPARE(page.first().toObject().value(u"key").toString(), QStringLiteral("key.06"));
    QCOMPARE(page.first().toObject().value(u"namespace").toString(), QStringLiteral("team"));
    q.addQueryItem(QStringLiteral("filters[key][STARTS_WITH]"), QStringLiteral("key.1"));
    r = send("GET", QStringLiteral("/api/v1/main/kv"), {}, {}, q);
    QCOMPARE(objectOf(r).value(u"total").toInt(), 2);
    QCOMPARE(objectOf(r).value(u"results").toArray().size(), 0); // page 2 of 2 results
    // Without a namespace filter Kestra 1.1.4+ searches every namespace, 10 to a page.
    r = send("GET", QStringLiteral("/api/v1/main/kv"));
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(objectOf(r).value(u"total").toInt(), 12);
    QCOMPARE(objectOf(r).value(u"results").toArray().size(), 10);
}

void TestServer::deleteOneAndMany()
{
    QVERIFY(startServer());
    for (const char* key : {"a", "b", "c"})
        send("PUT", QStringLiteral("/api/v1/namespaces/n/kv/") + QLatin1String(key), "1");
    HttpReply r = send("DELETE", QStringLiteral("/api/v1/namespaces/n/kv/a"));
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.body, QByteArray("true"));
    r = send("DELETE", QStringLiteral("/api/v1/namespaces/n/kv/a"));
    QCOMPARE(r.body, QByteArray("false"));
    r = send("DELETE", QStringLiteral("/api/v1/namespaces/n/kv"), "{\"keys\": [\"b\", \"x\"]}");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(objectOf(r).value(u"keys").toArray(), QJsonArray{QStringLiteral("b")});
    r = send("DELETE", QStringLiteral("/api/v1/namespaces/n/kv"), "not json");
    QCOMPARE_STATUS(r, 422);
    QCOMPARE(QJsonDocument::fromJson(send("GET", QStringLiteral("/api/v1/namespaces/n/kv")).body)
                 .array()
                 .size(),
             1);
}

void TestServer::namespacesSearchCreateDelete()
{
    QVERIFY(startServer());
    HttpReply r = send("POST", QStringLiteral("/api/v1/namespaces"),
                       "{\"id\": \"company.ops\", \"description\": \"Operations\"}");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE_STATUS(send("POST", QStringLiteral("/api/v1/namespaces"), "{\"id\": \"company.ops\"}"),
                    409);
    QCOMPARE_STATUS(send("POST", QStringLiteral("/api/v1/namespaces"), "{\"id\": \"Bad Name\"}"),
                    422);
    send("PUT", QStringLiteral("/api/v1/namespaces/company.team/kv/k"), "1");
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("q"), QStringLiteral("team"));
    r = send("GET", QStringLiteral("/api/v1/namespaces/search"), {}, {}, q);
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(objectOf(r).value(u"total").toInt(), 1);
    QCOMPARE(objectOf(r).value(u"results").toArray().at(0).toObject().value(u"id").toString(),
             QStringLiteral("company.team"));
    r = send("DELETE", QStringLiteral("/api/v1/namespaces/company"));
    QCOMPARE_STATUS(r, 409); // it holds pairs below it
    QUrlQuery force;
    force.addQueryItem(QStringLiteral("force"), QStringLiteral("true"));
    QCOMPARE_STATUS(send("DELETE", QStringLiteral("/api/v1/namespaces/company"), {}, {}, force),
                    200);
    QCOMPARE_STATUS(send("GET", QStringLiteral("/api/v1/namespaces/company.team/kv/k")), 404);
}

void TestServer::extensionRoutes()
{
    QVERIFY(startServer());
    const QString base = QStringLiteral("/api/v1/main/kvdesk");
    QCOMPARE(objectOf(send("GET", base + QStringLiteral("/info"))).value(u"server").toString(),
             QStringLiteral("kvdesk-server"));
    send("PUT", QStringLiteral("/api/v1/namespaces/t/kv/k"), "\"one\"");
    send("PUT", QStringLiteral("/api/v1/namespaces/t/kv/k"), "\"two\"", {{"ttl", "PT1H"}});
    HttpReply r = send("GET", base + QStringLiteral("/namespaces/t/kv/k"));
    QCOMPARE(objectOf(r).value(u"value").toString(), QStringLiteral("two"));
    QCOMPARE(objectOf(r).value(u"revision").toInt(), 2);
    r = send("GET", base + QStringLiteral("/namespaces/t/kv/k/history"));
    QCOMPARE(QJsonDocument::fromJson(r.body).array().size(), 2);
    r = send("POST", base + QStringLiteral("/namespaces/t/kv/k/restore"), "{\"revision\": 1}");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(objectOf(r).value(u"revision").toInt(), 3);
    r = send("POST", base + QStringLiteral("/namespaces/t/expire"),
             "{\"keys\": [\"k\"], \"ttl\": null}");
    QCOMPARE(objectOf(r).value(u"keys").toArray().size(), 1);
    r = send("GET", base + QStringLiteral("/namespaces/t/stats"));
    QCOMPARE(objectOf(r).value(u"liveCount").toInt(), 1);
    QUrlQuery list;
    list.addQueryItem(QStringLiteral("withTotal"), QStringLiteral("true"));
    list.addQueryItem(QStringLiteral("withValues"), QStringLiteral("true"));
    r = send("GET", base + QStringLiteral("/namespaces/t/kv"), {}, {}, list);
    QCOMPARE(objectOf(r).value(u"total").toInt(), 1);
    QCOMPARE(objectOf(r).value(u"entries").toArray().at(0).toObject().value(u"value").toString(),
             QStringLiteral("one"));
    r = send("GET", base + QStringLiteral("/namespaces"));
    QCOMPARE(QJsonDocument::fromJson(r.body).array().at(0).toObject().value(u"id").toString(),
             QStringLiteral("t"));
    r = send("GET", base + QStringLiteral("/namespaces/t/export"));
    QVERIFY(r.body.startsWith("namespace,key,type,description,size,created,updated,expires\r\n"));
    r = send("POST", base + QStringLiteral("/namespaces/t/import"), "key,value\r\nnew,1\r\n");
    QCOMPARE(objectOf(r).value(u"imported").toInt(), 1);
    r = send("POST", base + QStringLiteral("/namespaces/t/import"), "key,value\r\nbad key,1\r\n");
    QCOMPARE_STATUS(r, 422);
    QVERIFY2(messageOf(r).contains(QStringLiteral("line 2")), r.body.constData());
    r = send("POST", base + QStringLiteral("/purge"), "{\"all\": true, \"dryRun\": true}");
    QCOMPARE(objectOf(r).value(u"count").toInt(), 2);
    // A trial the server would read otherwise is refused, and purges nothing.
    r = send("POST", base + QStringLiteral("/purge"), "{\"all\": true, \"dryRun\": \"yes\"}");
    QCOMPARE_STATUS(r, 422);
    QVERIFY2(messageOf(r).contains(QStringLiteral("\"dryRun\"")), r.body.constData());
    r = send("POST", base + QStringLiteral("/purge"), "{\"all\": true, \"dryRun\": true}");
    QCOMPARE(objectOf(r).value(u"count").toInt(), 2);
    r = send("POST", base + QStringLiteral("/fsck"), "{\"repair\": false}");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(objectOf(r).value(u"orphans").toArray().size(), 0);
}

void TestServer::errorStatuses_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("missing key") << QByteArray("GET") << "/api/v1/namespaces/a/kv/nope"
                                 << QByteArray() << 404 << "'nope'";
    QTest::newRow("invalid key") << QByteArray("PUT") << "/api/v1/namespaces/a/kv/bad%20key"
                                 << QByteArray("1") << 422 << "'bad key'";
    QTest::newRow("invalid namespace")
        << QByteArray("GET") << "/api/v1/namespaces/A.B/kv" << QByteArray() << 422 << "'A.B'";
    QTest::newRow("unknown tenant") << QByteArray("GET") << "/api/v1/other/namespaces/a/kv"
                                    << QByteArray() << 404 << "unknown tenant 'other'";
    QTest::newRow("unknown route")
        << QByteArray("GET") << "/api/v1/main/whatever" << QByteArray() << 404 << "no such route";
    QTest::newRow("outside the api")
        << QByteArray("GET") << "/etc/passwd" << QByteArray() << 404 << "no such route";
    QTest::newRow("malformed purge") << QByteArray("POST") << "/api/v1/kvdesk/purge"
                                     << QByteArray("{oops") << 422 << "JSON object";
    QTest::newRow("purge flag of the wrong type")
        << QByteArray("POST") << "/api/v1/kvdesk/purge"
        << QByteArray("{\"all\": true, \"dryRun\": \"true\"}") << 422 << "\"dryRun\"";
    QTest::newRow("fsck with an unknown field")
        << QByteArray("POST") << "/api/v1/kvdesk/fsck" << QByteArray("{\"repare\": true}") << 422
        << "\"repare\"";
    QTest::newRow("bad page") << QByteArray("GET")
                              << "/api/v1/kv?page=0&filters%5Bnamespace%5D%5BEQUALS%5D=a"
                              << QByteArray() << 422 << "page";
}

void TestServer::errorStatuses()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, fragment);
    QVERIFY(startServer());
    const qsizetype question = path.indexOf(QLatin1Char('?'));
    const HttpReply r = send(method, path.left(question), body, {},
                             QUrlQuery(question < 0 ? QString() : path.mid(question + 1)));
    QCOMPARE_STATUS(r, status);
    QVERIFY2(messageOf(r).contains(fragment), qPrintable(messageOf(r)));
}

void TestServer::expiredPairIsGoneWith410()
{
    const QString clock = m_dir->filePath(QStringLiteral("clock"));
    auto setClock = [&clock](qint64 ms) {
        QFile f(clock);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::number(ms));
    };
    setClock(1'700'000'000'000);
    QVERIFY(startServer({QStringLiteral("--test-clock-file"), clock}));
    const QString path = QStringLiteral("/api/v1/namespaces/a/kv/short");
    QCOMPARE_STATUS(send("PUT", path, "1", {{"ttl", "PT30S"}}), 200);
    setClock(1'700'000'031'000);
    HttpReply r = send("GET", path);
    QCOMPARE_STATUS(r, 410);
    QVERIFY(messageOf(r).contains(QStringLiteral("expired at")));
    QCOMPARE_STATUS(send("GET", path), 404); // reading it removed it
}

void TestServer::tenantSegment()
{
    QVERIFY(startServer());
    QCOMPARE_STATUS(send("PUT", QStringLiteral("/api/v1/main/namespaces/a/kv/k"), "1"), 200);
    QCOMPARE_STATUS(send("GET", QStringLiteral("/api/v1/namespaces/a/kv/k")), 200);
    const HttpReply r = send("GET", QStringLiteral("/api/v1/other/namespaces/a/kv/k"));
    QCOMPARE_STATUS(r, 404);
    QVERIFY(messageOf(r).contains(QStringLiteral("'other'")));
}

void TestServer::hostilePaths_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("status");
    QTest::newRow("dot dot") << QByteArray("GET /api/v1/namespaces/a/kv/../../etc") << 400;
    QTest::newRow("encoded dot dot") << QByteArray("GET /api/v1/namespaces/a/kv/%2e%2e") << 400;
    QTest::newRow("NUL") << QByteArray("GET /api/v1/namespaces/a/kv/k%00x") << 400;
    QTest::newRow("encoded slash in a key")
        << QByteArray("GET /api/v1/namespaces/a/kv/a%2Fb") << 422;
    QTest::newRow("empty segment") << QByteArray("GET /api/v1/namespaces//kv/k") << 400;
    QTest::newRow("bad utf-8") << QByteArray("GET /api/v1/namespaces/a/kv/%ff") << 400;
}

void TestServer::hostilePaths()
{
    QFETCH(QByteArray, line);
    QFETCH(int, status);
    QVERIFY(startServer());
    QCOMPARE(rawStatus(line), status);
    QCOMPARE(rawStatus("GET /ping"), 200); // still serving
}

void TestServer::bodyLimit()
{
    QVERIFY(startServer({QStringLiteral("--max-body"), QStringLiteral("1000")}));
    const QByteArray atLimit = '"' + QByteArray(998, 'x') + '"';
    QCOMPARE_STATUS(send("PUT", QStringLiteral("/api/v1/namespaces/a/kv/k"), atLimit), 200);
    const HttpReply r = send("PUT", QStringLiteral("/api/v1/namespaces/a/kv/k"), atLimit + ' ');
    QCOMPARE_STATUS(r, 413);
    QVERIFY(messageOf(r).contains(QStringLiteral("1000")));
    QCOMPARE(typedPart(send("GET", QStringLiteral("/api/v1/namespaces/a/kv/k")).body).size(),
             atLimit.size() + 26); // {"type":"STRING","value":...}
}

// Many PUTs at once on several connections, pipelined, with refused ones among them: each is
// answered in its connection's order, every accepted write has its own revision, and every
// answered write is there after the server is killed (answers come after the commit).
void TestServer::concurrentPutsAreDurable()
{
    QVERIFY(startServer());
    const quint16 port = quint16(QUrl(m_server->url()).port());
    constexpr int connections = 8;
    constexpr int perConnection = 40;
    constexpr int keys = 16;
    QList<QList<QPair<int, QByteArray>>> answers(connections);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int c = 0; c < connections; ++c) {
        threads.emplace_back(QThread::create([&answers, port, c] {
            QList<QByteArray> requests;
            for (int i = 0; i < perConnection; ++i) {
                const QByteArray key = "k" + QByteArray::number((c * perConnection + i) % keys);
                const QByteArray path = "/api/v1/main/namespaces/load/kv/" + key;
                if (i % 10 == 5) // refused by the gate (422), answered in turn
                    requests << putRequest(path, "1", "ttl: PT0S\r\n");
                else if (i % 10 == 7) // refused by the path's rules (422)
                    requests << putRequest("/api/v1/main/namespaces/load/kv/bad%20key", "1");
                else
                    requests << putRequest(path, QByteArray::number(c * 1000 + i));
            }
            answers[c] = pipelined(port, requests);
        }));
    }
    for (auto& t : threads)
        t->start();
    for (auto& t : threads)
        QVERIFY(t->wait(60'000));

    QHash<QString, QList<qint64>> revisions;
    QHash<QString, QPair<qint64, QByteArray>> last; // key -> newest revision and its value
    for (int c = 0; c < connections; ++c) {
        QCOMPARE(answers.at(c).size(), perConnection);
        for (int i = 0; i < perConnection; ++i) {
            const auto& [status, body] = answers.at(c).at(i);
            if (i % 10 == 5 || i % 10 == 7) {
                QVERIFY2(status == 422, body.constData());
                QVERIFY2(body.contains(i % 10 == 5 ? "TTL" : "'bad key'"), body.constData());
                continue;
            }
            QVERIFY2(status == 200, body.constData());
            const QJsonObject e = QJsonDocument::fromJson(body).object();
            const QString key = e.value(u"key").toString();
            QCOMPARE(key, QStringLiteral("k%1").arg((c * perConnection + i) % keys));
            const auto revision = qint64(e.value(u"revision").toDouble());
            revisions[key] << revision;
            if (revision > last.value(key).first)
                last[key] = {revision, QByteArray::number(c * 1000 + i)};
        }
    }
    QCOMPARE(revisions.size(), keys);
    for (QList<qint64>& r : revisions) {
        std::sort(r.begin(), r.end());
        for (qsizetype i = 0; i < r.size(); ++i)
            QCOMPARE(r.at(i), qint64(i + 1));
    }

    m_server->process().kill(); // no orderly stop: what was answered must be committed
    QVERIFY(m_server->process().waitForFinished(10'000));
    QVERIFY(startServer());
    for (auto it = last.cbegin(); it != last.cend(); ++it) {
        const HttpReply r = send("GET", QStringLiteral("/api/v1/namespaces/load/kv/") + it.key());
        QCOMPARE_STATUS(r, 200);
        QCOMPARE(qint64(objectOf(r).value(u"revision").toDouble()), it->first);
        QCOMPARE(objectOf(r).value(u"value").toInteger(), it->second.toLongLong());
    }
}

// A value larger than the inline limit is written to a file first, by a worker; with the limit at
// 0 every PUT goes that way. Both answer as before, and the catalog's maximum still holds.
void TestServer::putsOutsideTheirRow()
{
    const QString catalog = m_dir->filePath(QStringLiteral("catalog"));
    const QString path = QStringLiteral("/api/v1/namespaces/a/kv/k");
    QVERIFY(startServer());
    const QByteArray large = '"' + QByteArray(20'000, 'x') + '"'; // over the 16 KiB default
    HttpReply r = send("PUT", path, large);
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(objectOf(r).value(u"revision").toInt(), 1);
    QCOMPARE(typedPart(send("GET", path).body).size(), large.size() + 26);
    QCOMPARE_STATUS(send("PUT", path, "\"small\""), 200);
    QCOMPARE(typedPart(send("GET", path).body),
             QByteArray("{\"type\":\"STRING\",\"value\":\"small\"}"));
    QCOMPARE(m_server->stop(), 0);

    CliRunner cli(catalog);
    cli.ok({QStringLiteral("catalog"), QStringLiteral("set"), QStringLiteral("inline-limit"),
            QStringLiteral("0")});
    cli.ok({QStringLiteral("catalog"), QStringLiteral("set"), QStringLiteral("max-value-size"),
            QStringLiteral("1024")});
    QVERIFY(startServer());
    const quint16 port = quint16(QUrl(m_server->url()).port());
    const QByteArray encoded = path.toUtf8();
    const QList<QPair<int, QByteArray>> answers =
        pipelined(port, {putRequest(encoded, "\"in a file\""),
                         putRequest(encoded, '"' + QByteArray(2000, 'y') + '"')});
    QCOMPARE(answers.size(), 2);
    QCOMPARE(answers.at(0).first, 200);
    QCOMPARE(QJsonDocument::fromJson(answers.at(0).second).object().value(u"revision").toInt(), 3);
    QCOMPARE(answers.at(1).first, 422);
    QVERIFY2(answers.at(1).second.contains("maximum value size"), answers.at(1).second.constData());
    QCOMPARE(typedPart(send("GET", path).body),
             QByteArray("{\"type\":\"STRING\",\"value\":\"in a file\"}"));
}

void TestServer::basicAndBearerAuthentication()
{
    QCOMPARE(ServerProcess::addCredential(m_dir->filePath(QStringLiteral("users.json")),
                                          "--add-user", QStringLiteral("alice"),
                                          QStringLiteral("s3cret pass")),
             QString());
    QCOMPARE(ServerProcess::addCredential(m_dir->filePath(QStringLiteral("users.json")),
                                          "--add-token", QStringLiteral("ci"),
                                          QStringLiteral("tok-123456")),
             QString());
    QVERIFY(
        startServer({QStringLiteral("--users"), m_dir->filePath(QStringLiteral("users.json"))}));
    const QString path = QStringLiteral("/api/v1/namespaces/a/kv");
    HttpReply r = send("GET", path);
    QCOMPARE_STATUS(r, 401);
    // Problem details when asked for, from the gate too.
    r = send("GET", path, {}, {{"Accept", "application/problem+json"}});
    QCOMPARE_STATUS(r, 401);
    QCOMPARE(objectOf(r).value(u"status").toInt(), 401);
    QCOMPARE(objectOf(r).value(u"title").toString(), QStringLiteral("Unauthorized"));
    QCOMPARE(objectOf(r).value(u"detail").toString(), messageOf(r));
    QCOMPARE_STATUS(send("GET", QStringLiteral("/ping")), 200); // health checks need no login
    m_connection.auth = RemoteConnection::Auth::Basic;
    m_connection.user = QStringLiteral("alice");
    m_connection.secret = QStringLiteral("wrong");
    QCOMPARE_STATUS(send("GET", path), 401);
    m_connection.secret = QStringLiteral("s3cret pass");
    QCOMPARE_STATUS(send("GET", path), 200);
    QVERIFY(m_server->log().contains(QStringLiteral(" alice")));
    m_connection.auth = RemoteConnection::Auth::Bearer;
    m_connection.secret = QStringLiteral("tok-123456");
    QCOMPARE_STATUS(send("GET", path), 200);
    m_connection.secret = QStringLiteral("tok-1234567");
    QCOMPARE_STATUS(send("GET", path), 401);
    // The challenge names both schemes.
    const QUrl url(m_server->url());
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(url.port()));
    QVERIFY(socket.waitForConnected());
    socket.write("GET /api/v1/namespaces/a/kv HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    while (!answer.contains("\r\n\r\n") && socket.waitForReadyRead(3000))
        answer += socket.readAll();
    QVERIFY2(answer.contains("WWW-Authenticate: Basic realm=\"kvdesk\""), answer.constData());
    QVERIFY(answer.contains("Bearer"));
}

void TestServer::usersFileHoldsNoSecret()
{
    QCOMPARE(ServerProcess::addCredential(m_dir->filePath(QStringLiteral("users.json")),
                                          "--add-user", QStringLiteral("bob"),
                                          QStringLiteral("correct horse")),
             QString());
    QFile file(m_dir->filePath(QStringLiteral("users.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(!text.contains("correct horse"));
    QVERIFY(!text.contains(QByteArray("correct horse").toBase64()));
    QVERIFY(text.contains("\"iterations\""));
    QCOMPARE(file.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());
}

void TestServer::refusesPublicAddressWithoutUsers()
{
    QProcess server;
    server.start(ServerProcess::program(),
                 {QStringLiteral("--catalog"), m_dir->filePath(QStringLiteral("c")),
                  QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")});
    QVERIFY(server.waitForFinished(10000));
    QCOMPARE(server.exitCode(), 2);
    QVERIFY(server.readAllStandardError().contains("without --users"));
}

void TestServer::tlsWithThrowAwayCertificate()
{
    const QString cert = m_dir->filePath(QStringLiteral("cert.pem"));
    const QString key = m_dir->filePath(QStringLiteral("key.pem"));
    QCOMPARE(ServerProcess::makeCertificate(m_dir->path()), QString());
    QVERIFY(startServer({QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key}));
    QVERIFY(m_server->url().startsWith(QStringLiteral("https://")));
    // Not trusted yet: the error names the certificate and its fingerprint.
    const QString untrusted = kvtest::errorMessage(
        kv::ErrorCode::Unavailable, [&] { (void)send("GET", QStringLiteral("/ping")); });
    QVERIFY2(untrusted.contains(QStringLiteral("'127.0.0.1'")), qPrintable(untrusted));
    QVERIFY2(untrusted.contains(QStringLiteral("SHA-256")), qPrintable(untrusted));
    m_connection.caFile = cert; // trust it
    HttpReply r;
    try {
        r = send("PUT", QStringLiteral("/api/v1/namespaces/a/kv/k"), "\"secure\"");
    } catch (const kv::CatalogError& e) {
        QFAIL(qPrintable(e.message()));
    }
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(typedPart(send("GET", QStringLiteral("/api/v1/namespaces/a/kv/k")).body),
             QByteArray("{\"type\":\"STRING\",\"value\":\"secure\"}"));
}

void TestServer::scheduledPurge()
{
    const QString clock = m_dir->filePath(QStringLiteral("clock"));
    QFile f(clock);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("1700000000000");
    f.close();
    QVERIFY(startServer({QStringLiteral("--test-clock-file"), clock,
                         QStringLiteral("--purge-interval"), QStringLiteral("PT0.2S")}));
    for (int i = 0; i < 5; ++i)
        send("PUT", QStringLiteral("/api/v1/namespaces/a/kv/k%1").arg(i), "1", {{"ttl", "PT10S"}});
    send("PUT", QStringLiteral("/api/v1/namespaces/a/kv/stays"), "1");
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("1700000020000");
    f.close();
    QTRY_VERIFY_WITH_TIMEOUT(
        m_server->log().contains(QStringLiteral("scheduled purge removed 5 expired pair")), 10000);
    QUrlQuery list;
    list.addQueryItem(QStringLiteral("includeExpired"), QStringLiteral("true"));
    list.addQueryItem(QStringLiteral("withTotal"), QStringLiteral("true"));
    const HttpReply r = send("GET", QStringLiteral("/api/v1/kvdesk/namespaces/a/kv"), {}, {}, list);
    QCOMPARE(objectOf(r).value(u"total").toInt(), 1);
}

void TestServer::stopsOnSigterm()
{
    QVERIFY(startServer());
    QCOMPARE_STATUS(send("GET", QStringLiteral("/ping")), 200);
    QCOMPARE(m_server->stop(), 0);
    QVERIFY(m_server->log().contains(QStringLiteral("stopping")));
}

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
