// kvdesk-server against Kestra's own tests, over HTTP to a real process: the cases of Kestra's
// webserver/src/test/java/io/kestra/webserver/controllers/api/KVControllerTest.java that apply
// over HTTP (its set-up writes through Kestra's KVStore; here it is a PUT). The rules of Kestra's
// controllers that it does not test are in ServerKestraRules.cpp. The server's clock is a file
// (--test-clock-file), so times are exact.
#include "ServerKestra.h"

void TestServerKestra::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = m_dir->filePath(QStringLiteral("clock"));
    setNow(t0);
    m_server = std::make_unique<ServerProcess>(
        QStringList{QStringLiteral("--catalog"), m_dir->filePath(QStringLiteral("catalog")),
                    QStringLiteral("--test-clock-file"), m_clock});
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    m_connection = RemoteConnection::fromLocation(m_server->url());
}

void TestServerKestra::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

HttpReply TestServerKestra::send(const QByteArray& method, const QString& path,
                                 const QByteArray& body, const HttpClient::Headers& headers) const
{
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    const QUrlQuery query(q < 0 ? QString() : path.mid(q + 1));
    return HttpClient(m_connection)
        .send(method, QStringLiteral("/api/v1/main/") + (q < 0 ? path : path.left(q)), query, body,
              headers);
}

HttpReply TestServerKestra::put(const QString& nsName, const QString& key, const QByteArray& body,
                                const HttpClient::Headers& headers) const
{
    HttpClient::Headers all = headers;
    all.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain")}); // Kestra 1.1+
    return send("PUT", QStringLiteral("namespaces/%1/kv/%2").arg(nsName, key), body, all);
}

void TestServerKestra::setNow(qint64 ms)
{
    QFile file(m_clock);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QByteArray::number(ms));
}

// One request on its own connection; the whole answer, head included.
QByteArray TestServerKestra::rawExchange(const QByteArray& request) const
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(QUrl(m_server->url()).port()));
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    QByteArray answer;
    while (socket.waitForReadyRead(5000))
        answer += socket.readAll();
    return answer + socket.readAll();
}

// KVControllerTest.givenTwoKeys: a-key at revision 2, b-key at revision 1.
void TestServerKestra::sortsByEveryEntryField()
{
    put(QStringLiteral("some.ns"), QStringLiteral("b-key"), "\"b-value\"",
        {{"description", "first"}});
    put(QStringLiteral("some.ns"), QStringLiteral("a-key"), "\"a-value\"",
        {{"description", "second"}});
    put(QStringLiteral("some.ns"), QStringLiteral("a-key"), "\"again\"",
        {{"description", "second"}});
    for (const char* field : {"namespace", "key", "revision", "description", "creationDate",
                              "updateDate", "expirationDate"}) {
        for (const char* direction : {"asc", "desc"}) {
            const HttpReply r =
                send("GET", QStringLiteral("kv?size=10&page=1&sort=%1:%2")
                                .arg(QLatin1String(field), QLatin1String(direction)));
            QCOMPARE_STATUS(r, 200);
            QCOMPARE(resultsOf(r).size(), 2);
        }
    }
}

void TestServerKestra::ordersByTheMappedColumn()
{
    put(QStringLiteral("some.ns"), QStringLiteral("b-key"), "\"b-value\"");
    put(QStringLiteral("some.ns"), QStringLiteral("a-key"), "\"a-value\"");
    put(QStringLiteral("some.ns"), QStringLiteral("a-key"), "\"again\"");
    const auto first = [this](const char* sort) {
        return resultsOf(
                   send("GET", QStringLiteral("kv?size=10&page=1&sort=") + QLatin1String(sort)))
            .at(0)
            .toObject()
            .value(u"key")
            .toString();
    };
    QCOMPARE(first("key:asc"), QStringLiteral("a-key"));
    QCOMPARE(first("key:desc"), QStringLiteral("b-key"));
    QCOMPARE(first("revision:asc"), QStringLiteral("b-key"));
    QCOMPARE(first("revision:desc"), QStringLiteral("a-key"));
}

void TestServerKestra::refusesASortFieldThatIsNoEntryField()
{
    const HttpReply r = send("GET", QStringLiteral("kv?size=10&page=1&sort=last:asc"));
    QCOMPARE_STATUS(r, 422);
    QVERIFY(objectOf(r).value(u"message").toString().contains(QStringLiteral("last:asc")));
}

void TestServerKestra::listAllKeys()
{
    const QString first = QStringLiteral("first.ns");
    const QString second = QStringLiteral("second.ns");
    QCOMPARE_STATUS(put(first, QStringLiteral("namespace-key"), "\"namespace-value\"",
                        {{"description", "namespaceDescription"}, {"ttl", "PT5M"}}),
                    200);
    QCOMPARE_STATUS(put(first, QStringLiteral("z-expired-key"), "\"expired\"", {{"ttl", "PT1S"}}),
                    200);
    QCOMPARE_STATUS(put(second, QStringLiteral("another-namespace-key"), "\"another\"",
                        {{"description", "anotherNamespaceDescription"}, {"ttl", "PT10M"}}),
                    200);
    setNow(t0 + 2000); // z-expired-key is expired: not listed

    HttpReply r = send("GET", QStringLiteral("kv?size=1&page=1&sort=key:desc"));
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(objectOf(r).value(u"total").toInt(), 2);
    QCOMPARE(resultsOf(r).size(), 1);
    const QJsonObject e = resultsOf(r).at(0).toObject();
    QCOMPARE(e.value(u"namespace").toString(), first);
    QCOMPARE(e.value(u"key").toString(), QStringLiteral("namespace-key"));
    QCOMPARE(e.value(u"description").toString(), QStringLiteral("namespaceDescription"));
    QCOMPARE(e.value(u"creationDate").toString(), iso(t0));
    QCOMPARE(e.value(u"updateDate").toString(), iso(t0));
    QCOMPARE(e.value(u"expirationDate").toString(), iso(t0 + 5 * 60'000));

    r = send("GET", QStringLiteral("kv?size=1&page=2&sort=key:desc"));
    QCOMPARE(objectOf(r).value(u"total").toInt(), 2);
    QCOMPARE(keysOf(resultsOf(r)), QStringList{second + QStringLiteral("/another-namespace-key")});

    QCOMPARE_STATUS(send("DELETE", QStringLiteral("namespaces/second.ns/kv/another-namespace-key")),
                    200);
    r = send("GET", QStringLiteral("kv?size=1&page=1&sort=key:desc"));
    QCOMPARE(objectOf(r).value(u"total").toInt(), 1);
    QCOMPARE(keysOf(resultsOf(r)), QStringList{first + QStringLiteral("/namespace-key")});
}

void TestServerKestra::listKeysWithInheritance()
{
    put(ns, QStringLiteral("shared-key"), "\"my-value\"", {{"description", "in the namespace"}});
    put(ns, QStringLiteral("child-key"), "\"my-second-value\"",
        {{"description", "in the namespace"}});
    put(QStringLiteral("io"), QStringLiteral("shared-key"), "\"my-value\"",
        {{"description", "in the parent namespace"}});
    put(QStringLiteral("io"), QStringLiteral("parent-key"), "\"my-second-value\"",
        {{"description", "in the parent namespace"}});
    const HttpReply r = send("GET", QStringLiteral("namespaces/io.namespace/kv/inheritance"));
    QCOMPARE_STATUS(r, 200);
    const QJsonArray entries = arrayOf(r);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(keysOf(entries),
             (QStringList{QStringLiteral("io/parent-key"), QStringLiteral("io/shared-key")}));
    for (const QJsonValue& e : entries)
        QCOMPARE(e.toObject().value(u"description").toString(),
                 QStringLiteral("in the parent namespace"));
}

void TestServerKestra::getKeyValue_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("object") << QByteArray("{\"hello\":\"world\"}") << "JSON"
                            << QByteArray("{\"hello\":\"world\"}");
    QTest::newRow("list") << QByteArray("[\"hello\",\"world\"]") << "JSON"
                          << QByteArray("[\"hello\",\"world\"]");
    QTest::newRow("string") << QByteArray("\"hello\"") << "STRING" << QByteArray("\"hello\"");
    QTest::newRow("integer") << QByteArray("1") << "NUMBER" << QByteArray("1");
    QTest::newRow("decimal") << QByteArray("1.1") << "NUMBER" << QByteArray("1.1");
    QTest::newRow("true") << QByteArray("true") << "BOOLEAN" << QByteArray("true");
    QTest::newRow("false") << QByteArray("false") << "BOOLEAN" << QByteArray("false");
    QTest::newRow("date") << QByteArray("2021-09-01") << "DATE" << QByteArray("\"2021-09-01\"");
    QTest::newRow("datetime") << QByteArray("2021-09-01T01:02:03Z") << "DATETIME"
                              << QByteArray("\"2021-09-01T01:02:03Z\"");
    QTest::newRow("duration") << QByteArray("\"PT5S\"") << "DURATION" << QByteArray("\"PT5S\"");
}

void TestServerKestra::getKeyValue()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    QFETCH(QByteArray, value);
    QCOMPARE_STATUS(put(ns, QStringLiteral("my-key"), body, {{"ttl", "PT5M"}}), 200);
    HttpReply r = send("GET", QStringLiteral("namespaces/io.namespace/kv/my-key"));
    QCOMPARE_STATUS(r, 200);
    QVERIFY2(r.body.contains("\"type\":\"" + type.toLatin1() + '"'), r.body.constData());
    QVERIFY2(r.body.contains("\"value\":" + value), r.body.constData());
    QCOMPARE(objectOf(r).value(u"revision").toInt(), 1);
    QCOMPARE(objectOf(r).value(u"updated").toString(), iso(t0));

    // Revision and update time follow a second write.
    setNow(t0 + 60'000);
    QCOMPARE_STATUS(put(ns, QStringLiteral("my-key"), body, {{"description", "some description"}}),
                    200);
    r = send("GET", QStringLiteral("namespaces/io.namespace/kv/my-key"));
    QCOMPARE(objectOf(r).value(u"revision").toInt(), 2);
    QCOMPARE(objectOf(r).value(u"updated").toString(), iso(t0 + 60'000));
}

void TestServerKestra::getKeyValueNotFound()
{
    const HttpReply r = send("GET", QStringLiteral("namespaces/io.namespace/kv/my-key"));
    QCOMPARE_STATUS(r, 404);
    const QString message = objectOf(r).value(u"message").toString();
    QVERIFY2(message.contains(QStringLiteral("my-key")) && message.contains(ns),
             qPrintable(message));
}

void TestServerKestra::getKeyValueExpired()
{
    QCOMPARE_STATUS(put(ns, QStringLiteral("my-key"), "\"value\"", {{"ttl", "PT1M"}}), 200);
    setNow(t0 + 5 * 60'000);
    QCOMPARE_STATUS(send("GET", QStringLiteral("namespaces/io.namespace/kv/my-key")), 410);
}

void TestServerKestra::setKeyValue_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");
    QTest::newRow("object") << QByteArray("{\"hello\":\"world\"}") << "JSON";
    QTest::newRow("list") << QByteArray("[\"hello\",\"world\"]") << "JSON";
    QTest::newRow("string") << QByteArray("\"hello\"") << "STRING";
    QTest::newRow("integer") << QByteArray("1") << "NUMBER";
    QTest::newRow("decimal") << QByteArray("1.0") << "NUMBER";
    QTest::newRow("true") << QByteArray("true") << "BOOLEAN";
    QTest::newRow("false") << QByteArray("false") << "BOOLEAN";
    QTest::newRow("date") << QByteArray("2021-09-01") << "DATE";
    QTest::newRow("datetime") << QByteArray("2021-09-01T01:02:03Z") << "DATETIME";
    QTest::newRow("duration") << QByteArray("\"PT5S\"") << "DURATION";
}

void TestServerKestra::setKeyValue()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    QCOMPARE_STATUS(put(ns, QStringLiteral("my-key"), body,
                        {{"ttl", "PT5M"}, {"description", "myDescription"}}),
                    200);
    QCOMPARE(objectOf(send("GET", QStringLiteral("namespaces/io.namespace/kv/my-key")))
                 .value(u"type")
                 .toString(),
             type);
    const QJsonArray list =
        resultsOf(send("GET", QStringLiteral("kv?filters[namespace][EQUALS]=") + ns));
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).toObject().value(u"expirationDate").toString(), iso(t0 + 5 * 60'000));
    QCOMPARE(list.at(0).toObject().value(u"description").toString(),
             QStringLiteral("myDescription"));
}

void TestServerKestra::deleteKeyValue()
{
    put(ns, QStringLiteral("my-key"), "\"content\"", {{"ttl", "PT5M"}});
    const HttpReply r = send("DELETE", QStringLiteral("namespaces/io.namespace/kv/my-key"));
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(r.body, QByteArray("true"));
    QCOMPARE_STATUS(send("GET", QStringLiteral("namespaces/io.namespace/kv/my-key")), 404);
}

void TestServerKestra::deleteKeyValuesInBulk()
{
    put(ns, QStringLiteral("my-key"), "\"content\"", {{"ttl", "PT5M"}});
    HttpReply r = send("DELETE", QStringLiteral("namespaces/io.namespace/kv"),
                       "{\"keys\":[\"my-key\"]}", {{"Content-Type", "application/json"}});
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(objectOf(r).value(u"keys").toArray(), QJsonArray{QStringLiteral("my-key")});
    QCOMPARE_STATUS(send("GET", QStringLiteral("namespaces/io.namespace/kv/my-key")), 404);
    r = send("DELETE", QStringLiteral("namespaces/io.namespace/kv"), "{\"keys\":[\"my-key\"]}",
             {{"Content-Type", "application/json"}});
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(objectOf(r).value(u"keys").toArray(), QJsonArray());
}

void TestServerKestra::illegalKey()
{
    const QString path = QStringLiteral("namespaces/io.namespace/kv/bad$key");
    QCOMPARE_STATUS(send("GET", path), 422);
    QCOMPARE_STATUS(put(ns, QStringLiteral("bad$key"), "\"content\""), 422);
    QCOMPARE_STATUS(send("DELETE", path), 422);
}

void TestServerKestra::jsonFallback()
{
    QCOMPARE_STATUS(put(ns, QStringLiteral("my-key"), "1.2.3"), 200);
    const QJsonObject v =
        objectOf(send("GET", QStringLiteral("namespaces/io.namespace/kv/my-key")));
    QCOMPARE(v.value(u"type").toString(), QStringLiteral("STRING"));
    QCOMPARE(v.value(u"value").toString(), QStringLiteral("1.2.3"));
}

QTEST_GUILESS_MAIN(TestServerKestra)
