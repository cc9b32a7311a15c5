// AWS Signature Version 4 (src/core/shared/SigV4) on the examples AWS publishes for S3
// ("Signature Calculations for the Authorization Header: Transferring Payload in a Single
// Chunk": examplebucket, 24 May 2013), step by step: canonical request, string to sign,
// signature, Authorization header; then S3's URI encoding of keys with spaces, '+', '~' and
// non-ASCII characters, and the canonical form of headers and query parameters.
#include "shared/SigV4.h"

#include <QTest>

using kv::SigV4;

namespace {

const QString accessKey = QStringLiteral("AKIAIOSFODNN7EXAMPLE");
const QString secretKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
const QByteArray host = QByteArrayLiteral("examplebucket.s3.amazonaws.com");
const QByteArray emptyHash =
    QByteArrayLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

QDateTime exampleTime()
{
    return QDateTime(QDate(2013, 5, 24), QTime(0, 0), Qt::UTC);
}

} // namespace

class TestSigV4 : public QObject
{
    Q_OBJECT

private slots:
    void awsExamples_data();
    void awsExamples();
    void signAddsTheHeaders();
    void uriEncoding_data();
    void uriEncoding();
    void canonicalQuery_data();
    void canonicalQuery();
    void canonicalHeaders();
    void keysWithSpecialCharacters();
    void timeIsTakenInUtc();
    void signingKeyOfEachDay();
};

void TestSigV4::awsExamples_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<SigV4::Query>("query");
    QTest::addColumn<SigV4::Headers>("headers"); // as sent, before signing
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("canonicalRequest");
    QTest::addColumn<QByteArray>("stringToSignHash"); // the last line of the string to sign
    QTest::addColumn<QByteArray>("signedHeaders");
    QTest::addColumn<QByteArray>("signature");

    QTest::newRow("GET Object")
        << QByteArray("GET") << QByteArray("/test.txt") << SigV4::Query()
        << SigV4::Headers{{"Host", host}, {"Range", "bytes=0-9"}} << QByteArray()
        << QByteArray("GET\n/test.txt\n\n"
                      "host:examplebucket.s3.amazonaws.com\n"
                      "range:bytes=0-9\n"
                      "x-amz-content-sha256:" +
                      emptyHash +
                      "\n"
                      "x-amz-date:20130524T000000Z\n\n"
                      "host;range;x-amz-content-sha256;x-amz-date\n" +
                      emptyHash)
        << QByteArray("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972")
        << QByteArray("host;range;x-amz-content-sha256;x-amz-date")
        << QByteArray("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");

    const QByteArray putHash("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    QTest::newRow("PUT Object")
        << QByteArray("PUT") << QByteArray("/" + SigV4::uriEncode("test$file.text", true))
        << SigV4::Query()
        << SigV4::Headers{{"Host", host},
                          {"Date", "Fri, 24 May 2013 00:00:00 GMT"},
                          {"x-amz-storage-class", "REDUCED_REDUNDANCY"}}
        << QByteArray("Welcome to Amazon S3.")
        << QByteArray("PUT\n/test%24file.text\n\n"
                      "date:Fri, 24 May 2013 00:00:00 GMT\n"
                      "host:examplebucket.s3.amazonaws.com\n"
                      "x-amz-content-sha256:" +
                      putHash +
                      "\n"
                      "x-amz-date:20130524T000000Z\n"
                      "x-amz-storage-class:REDUCED_REDUNDANCY\n\n"
                      "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class\n" +
                      putHash)
        << QByteArray("9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d")
        << QByteArray("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class")
        << QByteArray("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");

    QTest::newRow("GET Bucket Lifecycle")
        << QByteArray("GET") << QByteArray("/") << SigV4::Query{{"lifecycle", ""}}
        << SigV4::Headers{{"Host", host}} << QByteArray()
        << QByteArray("GET\n/\nlifecycle=\n"
                      "host:examplebucket.s3.amazonaws.com\n"
                      "x-amz-content-sha256:" +
                      emptyHash +
                      "\n"
                      "x-amz-date:20130524T000000Z\n\n"
                      "host;x-amz-content-sha256;x-amz-date\n" +
                      emptyHash)
        << QByteArray("9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca")
        << QByteArray("host;x-amz-content-sha256;x-amz-date")
        << QByteArray("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");

    // The parameters in the opposite order: the canonical query sorts them.
    QTest::newRow("Get Bucket (List Objects)")
        << QByteArray("GET") << QByteArray("/") << SigV4::Query{{"prefix", "J"}, {"max-keys", "2"}}
        << SigV4::Headers{{"Host", host}} << QByteArray()
        << QByteArray("GET\n/\nmax-keys=2&prefix=J\n"
                      "host:examplebucket.s3.amazonaws.com\n"
                      "x-amz-content-sha256:" +
                      emptyHash +
                      "\n"
                      "x-amz-date:20130524T000000Z\n\n"
                      "host;x-amz-content-sha256;x-amz-date\n" +
                      emptyHash)
        << QByteArray("df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7")
        << QByteArray("host;x-amz-content-sha256;x-amz-date")
        << QByteArray("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

void TestSigV4::awsExamples()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(SigV4::Query, query);
    QFETCH(SigV4::Headers, headers);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, canonicalRequest);
    QFETCH(QByteArray, stringToSignHash);
    QFETCH(QByteArray, signedHeaders);
    QFETCH(QByteArray, signature);

    const SigV4 signer(accessKey, secretKey, QStringLiteral("us-east-1"));
    SigV4::Request request{method, path, query, headers, SigV4::payloadHash(body)};
    // The headers the example sends besides its own, as sign() adds them.
    request.headers.append({"x-amz-date", SigV4::amzDate(exampleTime())});
    request.headers.append({"x-amz-content-sha256", request.payloadHash});

    QCOMPARE(SigV4::canonicalRequest(request), canonicalRequest);
    const QByteArray stringToSign = signer.stringToSign(canonicalRequest, exampleTime());
    QCOMPARE(stringToSign, QByteArray("AWS4-HMAC-SHA256\n20130524T000000Z\n"
                                      "20130524/us-east-1/s3/aws4_request\n" +
                                      stringToSignHash));
    QCOMPARE(SigV4::signedHeaders(request.headers), signedHeaders);
    QCOMPARE(signer.signature(stringToSign, exampleTime()), signature);
    QCOMPARE(signer.authorization(request, exampleTime()),
             "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
             "aws4_request,SignedHeaders=" +
                 signedHeaders + ",Signature=" + signature);

    // sign() gives the same header from the request as the example sends it.
    SigV4::Request unsigned_{method, path, query, headers, SigV4::payloadHash(body)};
    signer.sign(unsigned_, exampleTime());
    QCOMPARE(unsigned_.headers.last().first, QByteArray("Authorization"));
    QVERIFY(unsigned_.headers.last().second.endsWith(",Signature=" + signature));
}

void TestSigV4::signAddsTheHeaders()
{
    const SigV4 signer(accessKey, secretKey, QStringLiteral("eu-west-3"));
    SigV4::Request request{
        "PUT", "/b/k", {}, {{"Host", "127.0.0.1:9000"}}, SigV4::payloadHash("abc")};
    signer.sign(request, exampleTime());
    QCOMPARE(request.headers.size(), 4);
    QCOMPARE(request.headers.at(1),
             (QPair<QByteArray, QByteArray>("x-amz-date", "20130524T000000Z")));
    QCOMPARE(request.headers.at(2),
             (QPair<QByteArray, QByteArray>(
                 "x-amz-content-sha256",
                 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")));
    QVERIFY(request.headers.at(3).second.startsWith(
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/eu-west-3/s3/aws4_request,"
        "SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature="));

    // UNSIGNED-PAYLOAD given by the caller is kept, not replaced by a hash.
    SigV4::Request unsignedPayload{"GET",
                                   "/b/k",
                                   {},
                                   {{"Host", "h"}, {"x-amz-content-sha256", "UNSIGNED-PAYLOAD"}},
                                   "UNSIGNED-PAYLOAD"};
    signer.sign(unsignedPayload, exampleTime());
    QCOMPARE(unsignedPayload.headers.size(), 4);
    QVERIFY(SigV4::canonicalRequest(unsignedPayload).endsWith("\nUNSIGNED-PAYLOAD"));

    // Another secret, another day or another region: another signature.
    const auto signatureWith = [](const SigV4& s, const QDateTime& at) {
        SigV4::Request r{"GET", "/b/k", {}, {{"Host", "h"}}, SigV4::payloadHash({})};
        s.sign(r, at);
        return r.headers.last().second.split('=').last();
    };
    const QByteArray base = signatureWith(signer, exampleTime());
    QVERIFY(base != signatureWith(
                        SigV4(accessKey, secretKey + QLatin1Char('x'), QStringLiteral("eu-west-3")),
                        exampleTime()));
    QVERIFY(base != signatureWith(signer, exampleTime().addDays(1)));
    QVERIFY(base !=
            signatureWith(SigV4(accessKey, secretKey, QStringLiteral("us-east-1")), exampleTime()));
    QCOMPARE(base.size(), 64);
}

void TestSigV4::uriEncoding_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("keepSlash");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("unreserved") << QByteArray("AZaz09-_.~") << true << QByteArray("AZaz09-_.~");
    QTest::newRow("space is %20, never +") << QByteArray("a b") << true << QByteArray("a%20b");
    QTest::newRow("plus") << QByteArray("a+b") << true << QByteArray("a%2Bb");
    QTest::newRow("slash kept in a key")
        << QByteArray("values/ab/x") << true << QByteArray("values/ab/x");
    QTest::newRow("slash encoded in a query value")
        << QByteArray("values/ab/x") << false << QByteArray("values%2Fab%2Fx");
    QTest::newRow("reserved and sub-delimiters")
        << QByteArray("!#$&'()*,:;=?@[]%") << true
        << QByteArray("%21%23%24%26%27%28%29%2A%2C%3A%3B%3D%3F%40%5B%5D%25");
    QTest::newRow("non-ASCII as UTF-8 bytes, upper-case hex")
        << QStringLiteral("clé/日本").toUtf8() << true << QByteArray("cl%C3%A9/%E6%97%A5%E6%9C%AC");
    QTest::newRow("control and DEL") << QByteArray("\t\n\x7f") << true << QByteArray("%09%0A%7F");
    QTest::newRow("empty") << QByteArray() << false << QByteArray();
}

void TestSigV4::uriEncoding()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, keepSlash);
    QFETCH(QByteArray, encoded);
    QCOMPARE(SigV4::uriEncode(raw, keepSlash), encoded);
    // QByteArray::fromPercentEncoding reads it back to the same bytes.
    QCOMPARE(QByteArray::fromPercentEncoding(encoded), raw);
}

void TestSigV4::canonicalQuery_data()
{
    QTest::addColumn<SigV4::Query>("query");
    QTest::addColumn<QByteArray>("canonical");
    QTest::newRow("none") << SigV4::Query() << QByteArray();
    QTest::newRow("a name without value has '='")
        << SigV4::Query{{"delete", ""}} << QByteArray("delete=");
    QTest::newRow("ListObjectsV2, sorted by name")
        << SigV4::Query{{"prefix", "values/"}, {"list-type", "2"}, {"max-keys", "3"}}
        << QByteArray("list-type=2&max-keys=3&prefix=values%2F");
    QTest::newRow("a continuation token's '+', '/' and '='")
        << SigV4::Query{{"continuation-token", "a+b/c=="}, {"list-type", "2"}}
        << QByteArray("continuation-token=a%2Bb%2Fc%3D%3D&list-type=2");
    QTest::newRow("sorted by encoded name, then value")
        << SigV4::Query{{"b", "2"}, {"a", "z"}, {"b", "1"}, {"A", "x"}}
        << QByteArray("A=x&a=z&b=1&b=2");
    QTest::newRow("non-ASCII prefix") << SigV4::Query{{"prefix", QStringLiteral("ä ö").toUtf8()}}
                                      << QByteArray("prefix=%C3%A4%20%C3%B6");
}

void TestSigV4::canonicalQuery()
{
    QFETCH(SigV4::Query, query);
    QFETCH(QByteArray, canonical);
    QCOMPARE(SigV4::canonicalQuery(query), canonical);
}

void TestSigV4::canonicalHeaders()
{
    // Names in lower case and sorted, values trimmed with runs of spaces as one, a repeated
    // name's values joined by ',' in the order sent.
    const SigV4::Request request{"GET",
                                 "/",
                                 {},
                                 {{"X-Amz-Meta-B", "  two   words  "},
                                  {"Host", "h:1"},
                                  {"x-amz-meta-a", "1"},
                                  {"X-AMZ-META-A", "2"},
                                  {"x-amz-date", "20130524T000000Z"}},
                                 emptyHash};
    QCOMPARE(SigV4::canonicalRequest(request),
             "GET\n/\n\nhost:h:1\nx-amz-date:20130524T000000Z\nx-amz-meta-a:1,2\n"
             "x-amz-meta-b:two words\n\nhost;x-amz-date;x-amz-meta-a;x-amz-meta-b\n" +
                 emptyHash);
}

void TestSigV4::keysWithSpecialCharacters()
{
    // What the S3 client signs for a key: "/bucket/" + the key encoded with '/' kept.
    const QString key = QStringLiteral("values/a b+c~d/é€/日本.json");
    const QByteArray path = "/bucket/" + SigV4::uriEncode(key.toUtf8(), true);
    QCOMPARE(path,
             QByteArray("/bucket/values/a%20b%2Bc~d/%C3%A9%E2%82%AC/%E6%97%A5%E6%9C%AC.json"));
    const SigV4::Request request{"HEAD", path, {}, {{"Host", "127.0.0.1:8080"}}, emptyHash};
    QVERIFY(
        SigV4::canonicalRequest(request).startsWith("HEAD\n" + path + "\n\nhost:127.0.0.1:8080\n"));
    // Two keys that differ only in an encoded character sign differently.
    const SigV4 signer(accessKey, secretKey, QStringLiteral("us-east-1"));
    SigV4::Request other = request;
    other.path = "/bucket/" + SigV4::uriEncode("values/a b c~d/é€/日本.json", true);
    QVERIFY(signer.authorization(request, exampleTime()) !=
            signer.authorization(other, exampleTime()));
}

void TestSigV4::timeIsTakenInUtc()
{
    // 02:00 in UTC+2 on 24 May is midnight UTC: the example's date and scope.
    const QDateTime local(QDate(2013, 5, 24), QTime(2, 0), Qt::OffsetFromUTC, 2 * 3600);
    QCOMPARE(SigV4::amzDate(local), QByteArray("20130524T000000Z"));
    const SigV4 signer(accessKey, secretKey, QStringLiteral("us-east-1"));
    QCOMPARE(signer.signingKey(local), signer.signingKey(exampleTime()));
}

void TestSigV4::signingKeyOfEachDay()
{
    QCOMPARE(SigV4::amzDate(QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 999), Qt::UTC)),
             QByteArray("20260102T030405Z"));
    // The key kept for one day is not used on another, and comes back the same.
    const SigV4 signer(accessKey, secretKey, QStringLiteral("us-east-1"));
    const QByteArray first = signer.signingKey(exampleTime());
    const QByteArray next = signer.signingKey(exampleTime().addDays(1));
    QVERIFY(first != next);
    QCOMPARE(signer.signingKey(exampleTime().addSecs(86399)), first);
    QCOMPARE(next, SigV4(accessKey, secretKey, QStringLiteral("us-east-1"))
                       .signingKey(exampleTime().addDays(1)));
    QCOMPARE(first.size(), 32);
}

QTEST_APPLESS_MAIN(TestSigV4)
#include "tst_sigv4.moc"
