// The rules of Kestra's controllers kvdesk-server follows that KVControllerTest does not test
// (part of tst_serverkestra): the paged search's filters and sorts (KVController.listAllKeys,
// QueryFilterFormatBinder, QueryFilter), PUT's headers and bodies (KVController.setKeyValue),
// namespaces (NamespaceController) and RFC 9457 problem details (Kestra 2.0's errors).
#include "ServerKestra.h"

void TestServerKestra::searchFilters()
{
    for (const char* path : {"a/k1", "a.b/k2", "a.b.c/k3", "ab/k4", "other/k5", "other/x-key"}) {
        const QStringList parts = QString::fromLatin1(path).split(QLatin1Char('/'));
        QCOMPARE_STATUS(put(parts.at(0), parts.at(1), "1"), 200);
    }
    const auto found = [this](const QString& query) {
        const HttpReply r = send("GET", QStringLiteral("kv?") + query);
        return QStringList{QString::number(objectOf(r).value(u"total").toInt())} +
               keysOf(resultsOf(r));
    };
    QCOMPARE(found(QStringLiteral("filters[namespace][IN]=[a.b,other]")),
             strings({"3", "a.b/k2", "other/k5", "other/x-key"}));
    QCOMPARE(found(QStringLiteral("filters[namespace][IN]=a.b,nowhere")), strings({"1", "a.b/k2"}));
    QCOMPARE(found(QStringLiteral("filters[namespace][PREFIX]=a")),
             strings({"3", "a/k1", "a.b/k2", "a.b.c/k3"})); // not ab
    QCOMPARE(found(QStringLiteral("filters[namespace][EQUALS]=a.b")), strings({"1", "a.b/k2"}));
    QCOMPARE(found(QStringLiteral("filters[namespace][PREFIX]=a&filters[namespace][IN]=a.b.c,ab")),
             strings({"1", "a.b.c/k3"}));
    QCOMPARE(found(QStringLiteral("filters[q][EQUALS]=x-")), strings({"1", "other/x-key"}));
    QCOMPARE(found(QStringLiteral("filters[namespace][PREFIX]=a&filters[key][STARTS_WITH]=k2")),
             strings({"1", "a.b/k2"}));
    QCOMPARE(found(QStringLiteral("filters[namespace][EQUALS]=nowhere")), strings({"0"}));

    // Without filters: every namespace, 10 to a page (Kestra's default size).
    for (int i = 0; i < 6; ++i)
        put(QStringLiteral("many"), QStringLiteral("k%1").arg(i), "1");
    const HttpReply r = send("GET", QStringLiteral("kv"));
    QCOMPARE(objectOf(r).value(u"total").toInt(), 12);
    QCOMPARE(resultsOf(r).size(), 10);
    QCOMPARE(keysOf(resultsOf(r)).first(), QStringLiteral("a/k1")); // namespace order
    QCOMPARE(keysOf(resultsOf(send("GET", QStringLiteral("kv?page=2")))),
             strings({"other/k5", "other/x-key"}));
}

void TestServerKestra::searchRefusesWhatItDoesNotRead_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("named");
    QTest::newRow("unknown field") << "filters[color][EQUALS]=x"
                                   << "color";
    QTest::newRow("unknown operation") << "filters[namespace][LIKE]=x"
                                       << "LIKE";
    QTest::newRow("operation not implemented") << "filters[namespace][NOT_EQUALS]=x"
                                               << "filters[namespace][NOT_EQUALS]";
    QTest::newRow("update times") << "filters[updated][GREATER_THAN]=2026-01-01T00:00:00Z"
                                  << "filters[updated][GREATER_THAN]";
    QTest::newRow("q not equals") << "filters[q][NOT_EQUALS]=x"
                                  << "NOT_EQUALS";
    QTest::newRow("nested key") << "filters[labels][EQUALS][k]=v"
                                << "filters[labels][EQUALS][k]";
    QTest::newRow("and group") << "filters[and][0][namespace][EQUALS]=a"
                               << "filters[and][0][namespace][EQUALS]";
    QTest::newRow("malformed") << "filtersX=1"
                               << "filtersX";
    QTest::newRow("legacy q") << "q=x"
                              << "filters[q][EQUALS]";
    QTest::newRow("legacy namespace") << "namespace=a"
                                      << "filters[namespace][EQUALS]";
    QTest::newRow("invalid namespace") << "filters[namespace][EQUALS]=Bad%20Name"
                                       << "filters[namespace][EQUALS]";
    QTest::newRow("two texts") << "filters[q][EQUALS]=a&filters[key][CONTAINS]=b"
                               << "'a'";
    QTest::newRow("sort direction") << "sort=key:up"
                                    << "key:up";
    QTest::newRow("two sort columns") << "sort=key,updateDate"
                                      << "key,updateDate";
    QTest::newRow("size 0") << "size=0"
                            << "size";
}

void TestServerKestra::searchRefusesWhatItDoesNotRead()
{
    QFETCH(QString, query);
    QFETCH(QString, named);
    put(QStringLiteral("a"), QStringLiteral("k"), "1");
    const HttpReply r = send("GET", QStringLiteral("kv?") + query);
    QCOMPARE_STATUS(r, 422);
    const QString message = objectOf(r).value(u"message").toString();
    QVERIFY2(message.contains(named), qPrintable(message));
}

void TestServerKestra::searchSortsByNamespace()
{
    put(QStringLiteral("b"), QStringLiteral("x"), "1");
    setNow(t0 + 1000);
    put(QStringLiteral("a"), QStringLiteral("y1"), "1");
    setNow(t0 + 2000);
    put(QStringLiteral("c"), QStringLiteral("z"), "1");
    setNow(t0 + 3000);
    put(QStringLiteral("a"), QStringLiteral("y2"), "1");
    const auto order = [this](const QString& query) {
        return keysOf(resultsOf(send("GET", QStringLiteral("kv?") + query)));
    };
    QCOMPARE(order(QStringLiteral("sort=namespace:desc")), strings({"c/z", "b/x", "a/y1", "a/y2"}));
    QCOMPARE(order(QStringLiteral("sort=namespace:asc&sort=key:desc")),
             strings({"a/y2", "a/y1", "b/x", "c/z"}));
    QCOMPARE(order(QStringLiteral("sort=updateDate:desc")),
             strings({"a/y2", "c/z", "a/y1", "b/x"}));
    QCOMPARE(order(QStringLiteral("sort=updateDate:asc&size=2&page=2")), strings({"c/z", "a/y2"}));
    // A pair column orders across namespaces, as Kestra's repository sorts the whole table.
    QCOMPARE(order(QStringLiteral("sort=key:asc&size=3")), strings({"b/x", "a/y1", "a/y2"}));
}

void TestServerKestra::putWithoutDescriptionClearsIt()
{
    const auto description = [this] {
        return resultsOf(send("GET", QStringLiteral("kv?filters[namespace][EQUALS]=") + ns))
            .at(0)
            .toObject()
            .value(u"description")
            .toString();
    };
    put(ns, QStringLiteral("k"), "1", {{"description", "kept?"}});
    QCOMPARE(description(), QStringLiteral("kept?"));
    put(ns, QStringLiteral("k"), "2", {{"kv-keep-description", "true"}}); // ours
    QCOMPARE(description(), QStringLiteral("kept?"));
    put(ns, QStringLiteral("k"), "3"); // Kestra's PUT replaces the metadata
    QCOMPARE(description(), QString());
}

void TestServerKestra::putTtlAsJavaReadsIt()
{
    const auto expiry = [this] {
        return resultsOf(send("GET", QStringLiteral("kv?filters[namespace][EQUALS]=") + ns))
            .at(0)
            .toObject()
            .value(u"expirationDate")
            .toString();
    };
    QCOMPARE_STATUS(put(ns, QStringLiteral("k"), "1", {{"ttl", "pt1m"}}), 200);
    QCOMPARE(expiry(), iso(t0 + 60'000));
    QCOMPARE_STATUS(put(ns, QStringLiteral("k"), "1", {{"ttl", "P1DT0,5S"}}), 200);
    QCOMPARE(expiry(), iso(t0 + 86'400'500));
    QCOMPARE_STATUS(put(ns, QStringLiteral("k"), "1"), 200); // no ttl: never expires
    QVERIFY(resultsOf(send("GET", QStringLiteral("kv")))
                .at(0)
                .toObject()
                .value(u"expirationDate")
                .isNull());
    HttpReply r = put(ns, QStringLiteral("k"), "2", {{"ttl", "P1W"}}); // no weeks in Java's
    QCOMPARE_STATUS(r, 422);
    QVERIFY(objectOf(r).value(u"message").toString().contains(QStringLiteral("'P1W'")));
    QCOMPARE_STATUS(put(ns, QStringLiteral("k"), "2", {{"ttl", "-PT1M"}}), 422);
    QCOMPARE(objectOf(send("GET", QStringLiteral("namespaces/io.namespace/kv/k")))
                 .value(u"value")
                 .toInt(),
             1); // nothing written
}

void TestServerKestra::putIonBodies()
{
    const auto typed = [this](const QByteArray& body) {
        put(ns, QStringLiteral("k"), body);
        const QJsonObject v = objectOf(send("GET", QStringLiteral("namespaces/io.namespace/kv/k")));
        return v.value(u"type").toString() + QLatin1Char(' ') +
               QString::fromUtf8(
                   QJsonDocument(v.value(u"value").toObject()).toJson(QJsonDocument::Compact));
    };
    QCOMPARE(typed("{a: 1, b: [x, 'y z'], \"c\": null, /* note */ }"),
             QStringLiteral("JSON {\"a\":1,\"b\":[\"x\",\"y z\"],\"c\":null}"));
    const auto type = [this](const QByteArray& body) {
        put(ns, QStringLiteral("k"), body);
        return objectOf(send("GET", QStringLiteral("namespaces/io.namespace/kv/k")))
            .value(u"type")
            .toString();
    };
    QCOMPARE(type("\"P1W\""), QStringLiteral("STRING")); // not Kestra's DURATION form
    QCOMPARE(type("\"PT90M\""), QStringLiteral("DURATION"));
    QCOMPARE(type("{a: 1} trailing"), QStringLiteral("STRING"));
}

void TestServerKestra::namespaces()
{
    // Kestra's getNamespace answers any valid id.
    HttpReply r = send("GET", QStringLiteral("namespaces/io.namespace"));
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(objectOf(r).value(u"id").toString(), ns);
    QCOMPARE(objectOf(r).value(u"deleted").toBool(true), false);
    QCOMPARE(objectOf(r).value(u"keyCount").toInt(), 0);
    put(ns, QStringLiteral("k"), "1");
    QCOMPARE(
        objectOf(send("GET", QStringLiteral("namespaces/io.namespace"))).value(u"keyCount").toInt(),
        1);
    QCOMPARE_STATUS(send("POST", QStringLiteral("namespaces"),
                         "{\"id\": \"made\", \"description\": \"Made here\"}",
                         {{"Content-Type", "application/json"}}),
                    200);
    r = send("GET", QStringLiteral("namespaces/made"));
    QCOMPARE(objectOf(r).value(u"description").toString(), QStringLiteral("Made here"));
    QCOMPARE(objectOf(r).value(u"explicit").toBool(), true);
    QCOMPARE_STATUS(send("GET", QStringLiteral("namespaces/Bad%20Name")), 422);

    // The namespace search: 10 to a page by default.
    for (int i = 0; i < 11; ++i)
        put(QStringLiteral("n%1").arg(i, 2, 10, QLatin1Char('0')), QStringLiteral("k"), "1");
    r = send("GET", QStringLiteral("namespaces/search"));
    QCOMPARE_STATUS(r, 200);
    QCOMPARE(resultsOf(r).size(), 10);
    QCOMPARE(objectOf(r).value(u"total").toInt(), 14); // io, io.namespace, made, n00..n10
}

void TestServerKestra::problemDetails()
{
    const QByteArray head = "GET /api/v1/main/namespaces/io.namespace/kv/nope HTTP/1.1\r\n"
                            "Host: 127.0.0.1\r\nConnection: close\r\n";
    const auto bodyOf = [](const QByteArray& answer) {
        return QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4)).object();
    };
    QByteArray answer = rawExchange(head + "Accept: application/problem+json\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 404"), answer.constData());
    QVERIFY2(answer.contains("Content-Type: application/problem+json\r\n"), answer.constData());
    QJsonObject problem = bodyOf(answer);
    QCOMPARE(problem.value(u"type").toString(), QStringLiteral("about:blank"));
    QCOMPARE(problem.value(u"title").toString(), QStringLiteral("Not Found"));
    QCOMPARE(problem.value(u"status").toInt(), 404);
    QVERIFY(problem.value(u"detail").toString().contains(QStringLiteral("nope")));
    QCOMPARE(problem.value(u"message").toString(), problem.value(u"detail").toString());

    // Among other types, and for a route that does not exist.
    answer = rawExchange("GET /api/v1/main/nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         "Connection: close\r\nAccept: application/json, "
                         "Application/Problem+JSON;q=0.5\r\n\r\n");
    QCOMPARE(bodyOf(answer).value(u"status").toInt(), 404);

    // Not asked for (or refused with q=0): {"message"} alone.
    for (const QByteArray& accept :
         {QByteArray(), QByteArray("Accept: application/problem+json;q=0\r\n")}) {
        answer = rawExchange(head + accept + "\r\n");
        QVERIFY2(answer.contains("Content-Type: application/json\r\n"), answer.constData());
        problem = bodyOf(answer);
        QVERIFY(problem.contains(QLatin1String("message")));
        QVERIFY(!problem.contains(QLatin1String("detail")));
    }
}
