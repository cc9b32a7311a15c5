// The server's routing without a process: an ApiHandler over a real local catalog, fed requests
// as the HTTP layer hands them over. Every route of the tables answers (Kestra's with and without
// the tenant, ours), and what matches nothing gets the 404s the server has always sent.
#include "ApiHandler.h"
#include "ApiRouter.h"
#include "domain/Clock.h"
#include "local/LocalBackend.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace kv;
using namespace kv::server;
using http::Method;

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
    QJsonValue json() const
    {
        const QJsonDocument doc = QJsonDocument::fromJson('[' + body + ']');
        return doc.array().at(0);
    }
    QString message() const { return json().toObject().value(u"message").toString(); }
};

Method methodOf(const QByteArray& name)
{
    for (Method m : {Method::Get, Method::Head, Method::Post, Method::Put, Method::Delete,
                     Method::Options, Method::Patch}) {
        if (name == http::methodName(m))
            return m;
    }
    return Method::Unknown;
}

} // namespace

class TestApiRouting : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void routerMatchesSegments();
    void ping();
    void kestraRoutes_data();
    void kestraRoutes();
    void extensionRoutes_data();
    void extensionRoutes();
    void unknownTenant();
    void unknownRoutes_data();
    void unknownRoutes();
    void invalidPaths();
    void errorsKeepTheirStatus();
    void extensionsOff();

private:
    // One request as ApiRequest::from makes it of what the HTTP layer parsed.
    Reply send(const QByteArray& method, const QByteArray& target, const QByteArray& body = {},
               const http::HeaderList& headers = {}, const ApiHandler* handler = nullptr)
    {
        http::Request request;
        request.method = methodOf(method);
        request.target = target;
        request.headers = headers;
        request.body = body;
        ApiRequest r = ApiRequest::from(std::move(request));
        const http::Response response = (handler ? handler : m_handler.get())->handle(r);
        return {int(response.status), response.body};
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<LocalBackend> m_backend;
    std::unique_ptr<ApiHandler> m_handler;
};

#define QCOMPARE_STATUS(reply, expected)                                                           \
    QVERIFY2((reply).status == (expected), qPrintable(QStringLiteral("status %1: %2")              \
                                                          .arg((reply).status)                     \
                                                          .arg(QString::fromUtf8((reply).body))))

void TestApiRouting::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_backend = std::make_shared<LocalBackend>(m_dir->filePath(QStringLiteral("catalog")),
                                               std::make_shared<ManualClock>());
    m_handler = std::make_unique<ApiHandler>(m_backend);
}

void TestApiRouting::cleanup()
{
    m_handler.reset();
    m_backend.reset();
    m_dir.reset();
}

void TestApiRouting::routerMatchesSegments()
{
    static const auto one = [](CatalogBackend&, const ApiRequest&, const RouteArgs&) {
        return http::Response(QByteArrayLiteral("text/plain"), QByteArrayLiteral("one"));
    };
    static const auto two = [](CatalogBackend&, const ApiRequest&, const RouteArgs&) {
        return http::Response(QByteArrayLiteral("text/plain"), QByteArrayLiteral("two"));
    };
    ApiRouter router;
    router.add({{Method::Get, "a/search", one},
                {Method::Get, "a/{x}", two},
                {Method::Delete, "a/{x}/b/{y}", two}});
    RouteArgs args;
    // The first route that matches wins: a literal listed before a placeholder.
    const Route* route =
        router.match(Method::Get, {QStringLiteral("a"), QStringLiteral("search")}, args);
    QVERIFY(route);
    QCOMPARE(route->pattern, "a/search");
    route = router.match(Method::Get, {QStringLiteral("a"), QStringLiteral("x/y")}, args);
    QVERIFY(route);
    QCOMPARE(args.value("x"), QStringLiteral("x/y")); // a decoded '/' stays in its segment
    route = router.match(
        Method::Delete,
        {QStringLiteral("a"), QStringLiteral("1"), QStringLiteral("b"), QStringLiteral("2")}, args);
    QVERIFY(route);
    QCOMPARE(args.value("x"), QStringLiteral("1"));
    QCOMPARE(args.value("y"), QStringLiteral("2"));
    QVERIFY(!router.match(Method::Put, {QStringLiteral("a"), QStringLiteral("x")}, args));
    QVERIFY(!router.match(Method::Get, {QStringLiteral("a")}, args));
    QVERIFY(!router.match(Method::Get,
                          {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}, args));
}

void TestApiRouting::ping()
{
    const Reply r = send("GET", "/ping");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.body, QByteArrayLiteral("pong\n"));
}

void TestApiRouting::kestraRoutes_data()
{
    QTest::addColumn<QByteArray>("base");
    QTest::newRow("without tenant") << QByteArrayLiteral("/api/v1");
    QTest::newRow("tenant main") << QByteArrayLiteral("/api/v1/main");
}

void TestApiRouting::kestraRoutes()
{
    QFETCH(QByteArray, base);
    const QByteArray ns = base + "/namespaces/team.a";

    Reply r = send("POST", base + "/namespaces", "{\"id\": \"team.a\", \"description\": \"A\"}");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"id"].toString(), QStringLiteral("team.a"));

    r = send("PUT", ns + "/kv/greeting", "\"hello\"", {{"description", "hi"}});
    QCOMPARE_STATUS(r, 200);
    r = send("PUT", ns + "/kv/count", "42");
    QCOMPARE_STATUS(r, 200);
    r = send("PUT", ns + "/kv/gone", "1");
    QCOMPARE_STATUS(r, 200);

    r = send("GET", ns + "/kv/greeting");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"type"].toString(), QStringLiteral("STRING"));
    QCOMPARE(r.json()[u"value"].toString(), QStringLiteral("hello"));

    r = send("GET", ns + "/kv");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json().toArray().size(), 3);

    r = send("GET", base + "/kv?page=1&size=2&sort=key:desc&filters%5Bnamespace%5D%5BEQUALS%5D="
                           "team.a");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"total"].toInt(), 3);
    QCOMPARE(r.json()[u"results"].toArray().size(), 2);
    QCOMPARE(r.json()[u"results"][0][u"key"].toString(), QStringLiteral("greeting"));
    // A key sort after a column in the same direction is the tie-break the server applies anyway
    // (clients add it for stable pages); in the other direction it is a second column: refused.
    r = send("GET", base + "/kv?sort=updateDate:desc&sort=key:desc&filters%5Bnamespace%5D%5BEQUALS"
                           "%5D=team.a");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"total"].toInt(), 3);
    QCOMPARE_STATUS(send("GET", base + "/kv?sort=key:asc&sort=key:asc"), 200);
    QCOMPARE_STATUS(send("GET", base + "/kv?sort=updateDate:desc&sort=key:asc"), 422);

    r = send("GET", base + "/namespaces/search?q=TEAM");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"total"].toInt(), 2); // team and team.a
    QCOMPARE(r.json()[u"results"][1][u"id"].toString(), QStringLiteral("team.a"));

    r = send("GET", ns);
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"id"].toString(), QStringLiteral("team.a"));
    QCOMPARE(r.json()[u"keyCount"].toInt(), 3);
    QCOMPARE_STATUS(send("PUT", base + "/namespaces/team/kv/count", "7"), 200);
    r = send("GET", ns + "/kv/inheritance");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json().toArray().size(), 1);
    QCOMPARE(r.json()[0][u"namespace"].toString(), QStringLiteral("team"));
    r = send("GET", base + "/kv?filters%5Bnamespace%5D%5BPREFIX%5D=team&sort=namespace:desc");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"total"].toInt(), 4);
    QCOMPARE(r.json()[u"results"][0][u"namespace"].toString(), QStringLiteral("team.a"));
    QCOMPARE(r.json()[u"results"][3][u"namespace"].toString(), QStringLiteral("team"));
    QCOMPARE_STATUS(send("DELETE", base + "/namespaces/team/kv/count"), 200);

    r = send("DELETE", ns + "/kv/gone");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.body, QByteArrayLiteral("true"));
    r = send("DELETE", ns + "/kv/gone");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.body, QByteArrayLiteral("false"));

    r = send("DELETE", ns + "/kv", "{\"keys\": [\"count\", \"nope\"]}");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"keys"].toArray(), QJsonArray{QStringLiteral("count")});

    r = send("DELETE", ns + "?force=true");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.body, QByteArrayLiteral("true"));
    QCOMPARE_STATUS(send("GET", ns + "/kv/greeting"), 404);
}

void TestApiRouting::extensionRoutes_data()
{
    kestraRoutes_data();
}

void TestApiRouting::extensionRoutes()
{
    QFETCH(QByteArray, base);
    const QByteArray ours = base + "/kvdesk";
    const QByteArray ns = ours + "/namespaces/team.b";
    QCOMPARE_STATUS(send("PUT", base + "/namespaces/team.b/kv/k", "\"v1\""), 200);
    QCOMPARE_STATUS(send("PUT", base + "/namespaces/team.b/kv/k", "\"v2\""), 200);
    QCOMPARE_STATUS(send("PUT", base + "/namespaces/team.b/kv/other", "1"), 200);

    Reply r = send("GET", ours + "/info");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"server"].toString(), QStringLiteral("kvdesk-server"));
    r = send("PUT", ours + "/info", "{\"historyDepth\": 7}");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"historyDepth"].toInt(), 7);

    r = send("GET", ours + "/namespaces?prefix=team");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json().toArray().size(), 2); // team and team.b
    QCOMPARE(r.json()[1][u"id"].toString(), QStringLiteral("team.b"));

    r = send("GET", ns + "/stats");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"id"].toString(), QStringLiteral("team.b"));

    r = send("GET", ns + "/kv?sort=key&desc=true&withTotal=true&limit=1");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"entries"].toArray().size(), 1);
    QCOMPARE(r.json()[u"entries"][0][u"key"].toString(), QStringLiteral("other"));

    r = send("GET", ns + "/kv/k");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"value"].toString(), QStringLiteral("v2"));

    r = send("GET", ns + "/kv/k/history");
    QCOMPARE_STATUS(r, 200);
    QVERIFY(!r.json().toArray().isEmpty());
    const int first = r.json().toArray().last()[u"revision"].toInt();
    r = send("POST", ns + "/kv/k/restore",
             QStringLiteral("{\"revision\": %1}").arg(first).toUtf8());
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(send("GET", ns + "/kv/k").json()[u"value"].toString(), QStringLiteral("v1"));

    r = send("GET", ns + "/export?withValues=true");
    QCOMPARE_STATUS(r, 200);
    const QByteArray csv = r.body;
    QVERIFY(csv.contains("other"));
    r = send("POST", ours + "/namespaces/team.c/import", csv);
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"imported"].toInt(), 2);

    r = send("POST", ns + "/expire", "{\"keys\": [\"other\"]}");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"keys"].toArray(), QJsonArray{QStringLiteral("other")});

    r = send("POST", ours + "/purge", "{\"dryRun\": true}");
    QCOMPARE_STATUS(r, 200);
    r = send("POST", ours + "/fsck", "{\"repair\": false}");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"orphans"].toArray().size(), 0);

    r = send("DELETE", ns + "/kv", "{\"keys\": [\"k\", \"nope\"]}");
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.json()[u"deleted"].toArray(), QJsonArray{QStringLiteral("k")});
    QCOMPARE(r.json()[u"missing"].toArray(), QJsonArray{QStringLiteral("nope")});
}

void TestApiRouting::unknownTenant()
{
    const Reply r = send("GET", "/api/v1/other/namespaces/a/kv");
    QCOMPARE_STATUS(r, 404);
    QCOMPARE(r.message(), QStringLiteral("unknown tenant 'other': this server has only 'main'"));
}

void TestApiRouting::unknownRoutes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("outside the api") << QByteArray("GET") << QByteArray("/etc/passwd");
    QTest::newRow("api root") << QByteArray("GET") << QByteArray("/api/v1");
    QTest::newRow("tenant root") << QByteArray("GET") << QByteArray("/api/v1/main");
    QTest::newRow("unknown route") << QByteArray("GET") << QByteArray("/api/v1/main/whatever");
    QTest::newRow("tenant twice") << QByteArray("GET") << QByteArray("/api/v1/main/main/kv");
    QTest::newRow("too long") << QByteArray("GET") << QByteArray("/api/v1/namespaces/a/kv/k/x");
    QTest::newRow("unknown extension") << QByteArray("GET") << QByteArray("/api/v1/kvdesk/nope");
    QTest::newRow("wrong method on a key")
        << QByteArray("POST") << QByteArray("/api/v1/namespaces/a/kv/k");
    // GET is a route since Kestra's getNamespace; PUT (Kestra EE's update) is none here.
    QTest::newRow("wrong method on a namespace")
        << QByteArray("PUT") << QByteArray("/api/v1/namespaces/a");
    QTest::newRow("wrong method on paged kv")
        << QByteArray("DELETE") << QByteArray("/api/v1/main/kv");
    QTest::newRow("wrong method on info")
        << QByteArray("PATCH") << QByteArray("/api/v1/kvdesk/info");
    QTest::newRow("HEAD is no GET") << QByteArray("HEAD") << QByteArray("/api/v1/kvdesk/info");
}

void TestApiRouting::unknownRoutes()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    const Reply r = send(method, path);
    QCOMPARE_STATUS(r, 404);
    QCOMPARE(r.message(), QStringLiteral("no such route: %1 %2")
                              .arg(QString::fromLatin1(method), QString::fromLatin1(path)));
}

void TestApiRouting::invalidPaths()
{
    for (const QByteArray& path :
         {QByteArrayLiteral("/api/v1/namespaces/%2e%2e/kv"),
          QByteArrayLiteral("/api/v1//namespaces"), QByteArrayLiteral("/api/v1/namespaces/a%00/kv"),
          QByteArrayLiteral("/api/v1/namespaces/%ff/kv")}) {
        const Reply r = send("GET", path);
        QCOMPARE_STATUS(r, 400);
        QVERIFY2(r.message().startsWith(QLatin1String("invalid path: ")), r.body.constData());
    }
}

void TestApiRouting::errorsKeepTheirStatus()
{
    QCOMPARE_STATUS(send("GET", "/api/v1/namespaces/a/kv/nope"), 404);
    QCOMPARE_STATUS(send("PUT", "/api/v1/namespaces/a/kv/bad%20key", "1"), 422);
    QCOMPARE_STATUS(send("GET", "/api/v1/namespaces/A.B/kv"), 422);
    QCOMPARE_STATUS(send("GET", "/api/v1/kv?page=0&filters%5Bnamespace%5D%5BEQUALS%5D=a"), 422);
    QCOMPARE_STATUS(send("GET", "/api/v1/kvdesk/namespaces/a/kv?limit=many"), 422);
    for (const QByteArray& path :
         {QByteArrayLiteral("/api/v1/namespaces"), QByteArrayLiteral("/api/v1/kvdesk/fsck")}) {
        const Reply r = send("POST", path, "{oops");
        QCOMPARE_STATUS(r, 422);
        QVERIFY2(r.message().contains(QLatin1String("JSON object")), r.body.constData());
    }
    // A trailing '/' is no segment of its own.
    QCOMPARE_STATUS(send("GET", "/api/v1/namespaces/a/kv/"), 200);
}

void TestApiRouting::extensionsOff()
{
    const ApiHandler plain(m_backend, false);
    QCOMPARE_STATUS(send("PUT", "/api/v1/namespaces/a/kv/k", "1", {}, &plain), 200);
    QCOMPARE_STATUS(send("GET", "/api/v1/main/namespaces/a/kv/k", {}, {}, &plain), 200);
    for (const QByteArray& path :
         {QByteArrayLiteral("/api/v1/kvdesk/info"), QByteArrayLiteral("/api/v1/main/kvdesk/info"),
          QByteArrayLiteral("/api/v1/kvdesk/namespaces/a/kv/k")}) {
        const Reply r = send("GET", path, {}, {}, &plain);
        QCOMPARE_STATUS(r, 404);
        QCOMPARE(r.message(), QStringLiteral("no such route: GET ") + QString::fromLatin1(path));
    }
}

QTEST_GUILESS_MAIN(TestApiRouting)
#include "tst_apirouting.moc"
