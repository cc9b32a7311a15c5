// The HTTP request parser of kvdesk-server (src/server/http/RequestParser): what it accepts,
// every malformed or smuggling-prone form it refuses with the status it answers, the limits it
// enforces before buffering, and input split at every possible byte.
#include "http/RequestParser.h"

#include <QTest>

using kv::http::Method;
using kv::http::ParserLimits;
using kv::http::RequestParser;
using kv::http::Status;
using State = RequestParser::State;

Q_DECLARE_METATYPE(Status)

namespace {

// Feeds `bytes` in pieces of `step` bytes, reading the body whenever the head is done; returns
// the bytes used.
qsizetype parse(RequestParser& parser, const QByteArray& bytes, qsizetype step = 1 << 30)
{
    qsizetype used = 0;
    while (used < bytes.size()) {
        const qsizetype piece = qMin(step, bytes.size() - used);
        qsizetype taken = parser.feed(bytes.constData() + used, piece);
        used += taken;
        if (parser.state() == State::HeadDone) {
            parser.readBody();
            continue;
        }
        if (parser.state() == State::Complete || parser.state() == State::Failed)
            break;
        if (taken < piece)
            break;
    }
    if (parser.state() == State::HeadDone)
        parser.readBody();
    return used;
}

ParserLimits smallLimits()
{
    ParserLimits limits;
    limits.maxHeadBytes = 256;
    limits.maxHeaders = 5;
    limits.maxBodyBytes = 100;
    return limits;
}

} // namespace

class TestHttpParser : public QObject
{
    Q_OBJECT

private slots:
    void simpleRequests();
    void chunkedBody();
    void splitAtEveryByte();
    void pipelinedRequestsStopAtTheEnd();
    void headDoneComesBeforeTheBody();
    void refused_data();
    void refused();
    void limitsBeforeBuffering();
};

void TestHttpParser::simpleRequests()
{
    RequestParser p;
    const QByteArray bytes =
        "PUT /api/v1/namespaces/a/kv/k?x=1 HTTP/1.1\r\nHost: h\r\n"
        "Content-Type:  application/json \r\nContent-Length: 7\r\n\r\n\"hello\"";
    QCOMPARE(parse(p, bytes), bytes.size());
    QCOMPARE(p.state(), State::Complete);
    QCOMPARE(p.request().method, Method::Put);
    QCOMPARE(p.request().path(), QByteArray("/api/v1/namespaces/a/kv/k"));
    QCOMPARE(p.request().query(), QByteArray("x=1"));
    QCOMPARE(p.request().header("content-type"), QByteArray("application/json"));
    QCOMPARE(p.request().body, QByteArray("\"hello\""));
    QVERIFY(p.request().keepAlive());

    RequestParser get;
    parse(get, "\r\nGET /ping HTTP/1.0\r\n\r\n"); // an empty line before a request is ignored
    QCOMPARE(get.state(), State::Complete);
    QVERIFY(!get.request().keepAlive()); // HTTP/1.0 closes unless asked otherwise
    QVERIFY(get.request().body.isEmpty());
}

void TestHttpParser::chunkedBody()
{
    RequestParser p;
    parse(p,
          "POST /x HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n"
          "5;name=value\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: t\r\n\r\n");
    QCOMPARE(p.state(), State::Complete);
    QCOMPARE(p.request().body, QByteArray("helloabcdefghijklmnopqrstuvwxyz"));
    QVERIFY(!p.request().hasHeader("x-trailer")); // trailers are checked, then dropped
}

void TestHttpParser::splitAtEveryByte()
{
    const QByteArray bytes = "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
    for (qsizetype step = 1; step <= 7; ++step) {
        RequestParser p;
        QCOMPARE(parse(p, bytes, step), bytes.size());
        QCOMPARE(p.state(), State::Complete);
        QCOMPARE(p.request().body, QByteArray("abcde"));
    }
}

void TestHttpParser::pipelinedRequestsStopAtTheEnd()
{
    const QByteArray first = "PUT /a HTTP/1.1\r\nContent-Length: 2\r\n\r\nab";
    const QByteArray second = "GET /b HTTP/1.1\r\n\r\n";
    RequestParser p;
    QCOMPARE(parse(p, first + second), first.size()); // the second request is left for later
    QCOMPARE(p.request().body, QByteArray("ab"));
    p.reset();
    QCOMPARE(parse(p, second), second.size());
    QCOMPARE(p.request().path(), QByteArray("/b"));
}

void TestHttpParser::headDoneComesBeforeTheBody()
{
    RequestParser p;
    const QByteArray head = "PUT /a HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n";
    const QByteArray bytes = head + "hello";
    QCOMPARE(p.feed(bytes.constData(), bytes.size()), head.size());
    QCOMPARE(p.state(), State::HeadDone);
    QVERIFY(p.request().body.isEmpty());
    QVERIFY(p.request().expectsContinue());
    QCOMPARE(p.feed(bytes.constData() + head.size(), 5), 0); // nothing before readBody()
    p.readBody();
    QCOMPARE(p.feed(bytes.constData() + head.size(), 5), 5);
    QCOMPARE(p.state(), State::Complete);
}

void TestHttpParser::refused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Status>("status");
    const QByteArray put = "PUT /a HTTP/1.1\r\n";
    QTest::newRow("negative length") << put + "Content-Length: -1\r\n\r\n" << Status::BadRequest;
    QTest::newRow("letters as length") << put + "Content-Length: abc\r\n\r\n" << Status::BadRequest;
    QTest::newRow("2^64-1 as length") << put + "Content-Length: 18446744073709551615\r\n\r\n"
                                      << Status::BadRequest;
    QTest::newRow("length list") << put + "Content-Length: 1, 1\r\n\r\nx" << Status::BadRequest;
    QTest::newRow("plus sign") << put + "Content-Length: +1\r\n\r\nx" << Status::BadRequest;
    QTest::newRow("two lengths") << put + "Content-Length: 1\r\nContent-Length: 1\r\n\r\nx"
                                 << Status::BadRequest;
    QTest::newRow("length and chunked")
        << put + "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"
        << Status::BadRequest;
    QTest::newRow("two transfer encodings")
        << put + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
        << Status::BadRequest;
    QTest::newRow("gzip transfer encoding") << put + "Transfer-Encoding: gzip, chunked\r\n\r\n"
                                            << Status::NotImplemented;
    QTest::newRow("chunked on HTTP/1.0")
        << QByteArray("PUT /a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n")
        << Status::BadRequest;
    QTest::newRow("chunk size not hex") << put + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"
                                        << Status::BadRequest;
    QTest::newRow("chunk size negative") << put + "Transfer-Encoding: chunked\r\n\r\n-1\r\n"
                                         << Status::BadRequest;
    QTest::newRow("chunk size 2^64")
        << put + "Transfer-Encoding: chunked\r\n\r\n10000000000000000\r\n"
        << Status::BadRequest;
    QTest::newRow("chunk size with space")
        << put + "Transfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n0\r\n\r\n"
        << Status::BadRequest;
    QTest::newRow("chunk longer than its size")
        << put + "Transfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n"
        << Status::BadRequest;
    QTest::newRow("bare LF") << QByteArray("GET /a HTTP/1.1\nHost: h\n\n") << Status::BadRequest;
    QTest::newRow("bare CR") << QByteArray("GET /a HTTP/1.1\r\nHo\rst: h\r\n\r\n")
                             << Status::BadRequest;
    QTest::newRow("folded header")
        << QByteArray("GET /a HTTP/1.1\r\nX-A: 1\r\n  2\r\n\r\n") << Status::BadRequest;
    QTest::newRow("space before colon")
        << QByteArray("GET /a HTTP/1.1\r\nContent-Length : 1\r\n\r\n") << Status::BadRequest;
    QTest::newRow("control character in value") << QByteArray("GET /a HTTP/1.1\r\nX-A: a\x01"
                                                              "b\r\n\r\n")
                                                << Status::BadRequest;
    QTest::newRow("two hosts") << QByteArray("GET /a HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
                               << Status::BadRequest;
    QTest::newRow("absolute target")
        << QByteArray("GET http://h/a HTTP/1.1\r\n\r\n") << Status::BadRequest;
    QTest::newRow("double space") << QByteArray("GET  /a HTTP/1.1\r\n\r\n") << Status::BadRequest;
    QTest::newRow("unknown method")
        << QByteArray("BREW /a HTTP/1.1\r\n\r\n") << Status::NotImplemented;
    QTest::newRow("HTTP/2.0") << QByteArray("GET /a HTTP/2.0\r\n\r\n")
                              << Status::HttpVersionNotSupported;
    QTest::newRow("garbage version") << QByteArray("GET /a HTTPS\r\n\r\n") << Status::BadRequest;
    QTest::newRow("NUL in target")
        << QByteArray("GET /a\0b HTTP/1.1\r\n\r\n", 22) << Status::BadRequest;
}

void TestHttpParser::refused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(Status, status);
    for (const qsizetype step : {qsizetype(1), bytes.size()}) {
        RequestParser p;
        parse(p, bytes, step);
        QCOMPARE(p.state(), State::Failed);
        QCOMPARE(p.errorStatus(), status);
        QVERIFY(!p.errorMessage().isEmpty());
    }
}

void TestHttpParser::limitsBeforeBuffering()
{
    {
        RequestParser p(smallLimits());
        parse(p, "PUT /a HTTP/1.1\r\nContent-Length: 101\r\n\r\n");
        QCOMPARE(p.state(), State::Failed); // refused at the head: no body byte was needed
        QCOMPARE(p.errorStatus(), Status::PayloadTooLarge);
        QVERIFY(p.errorMessage().contains(QStringLiteral("101")));
    }
    {
        RequestParser p(smallLimits());
        parse(p, "PUT /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n50\r\n" +
                     QByteArray(80, 'x') + "\r\n50\r\n");
        QCOMPARE(p.errorStatus(), Status::PayloadTooLarge); // the chunk that would pass the limit
        QCOMPARE(p.request().body.size(), 80);
    }
    {
        RequestParser p(smallLimits());
        parse(p, "GET /" + QByteArray(300, 'a') + " HTTP/1.1\r\n\r\n");
        QCOMPARE(p.errorStatus(), Status::UriTooLong);
    }
    {
        RequestParser p(smallLimits());
        parse(p, "GET /a HTTP/1.1\r\nX-Big: " + QByteArray(300, 'a') + "\r\n\r\n");
        QCOMPARE(p.errorStatus(), Status::RequestHeaderFieldsTooLarge);
    }
    {
        RequestParser p(smallLimits());
        QByteArray many = "GET /a HTTP/1.1\r\n";
        for (int i = 0; i < 6; ++i)
            many += "X-" + QByteArray::number(i) + ": 1\r\n";
        parse(p, many + "\r\n");
        QCOMPARE(p.errorStatus(), Status::RequestHeaderFieldsTooLarge);
    }
    {
        // A head that never ends is refused once it passes the limit, not buffered further.
        RequestParser p(smallLimits());
        const QByteArray endless = "GET /a HTTP/1.1\r\nX-A: " + QByteArray(1 << 20, 'a');
        const qsizetype used = parse(p, endless, 4096);
        QCOMPARE(p.state(), State::Failed);
        QVERIFY(used <= 256);
    }
}

QTEST_GUILESS_MAIN(TestHttpParser)
#include "tst_httpparser.moc"
