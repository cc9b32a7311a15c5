#include "shared/S3Client.h"

#include "domain/CatalogError.h"
#include "domain/Clock.h"

#include <QCryptographicHash>
#include <QUrlQuery>

namespace kv {

namespace {

constexpr int maxKeysPerDelete = 1000; // S3's limit for DeleteObjects
constexpr int maxKeyBytes = 1024;      // S3's limit for a key

const QString credentialsHint = QStringLiteral("check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");

S3Config checked(S3Config config)
{
    config.check();
    return config;
}

RemoteConnection connectionTo(const S3Config& config)
{
    RemoteConnection connection;
    connection.url = config.endpoint.adjusted(QUrl::RemovePath | QUrl::RemoveQuery |
                                              QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    connection.timeoutMs = config.timeoutMs;
    return connection;
}

QByteArray md5Base64(const QByteArray& body)
{
    return QCryptographicHash::hash(body, QCryptographicHash::Md5).toBase64();
}

// Refused before anything is sent: what S3 refuses, and dot segments, which a proxy or the
// store's HTTP layer may resolve into another key than the one signed.
void checkKey(const QString& key, const QString& where)
{
    const QByteArray utf8 = key.toUtf8();
    if (utf8.isEmpty() || utf8.size() > maxKeyBytes)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid object key '%1' for %2: 1 to %3 bytes in UTF-8")
                .arg(key, where)
                .arg(maxKeyBytes));
    for (const QString& segment : key.split(QLatin1Char('/')))
        if (segment == QLatin1String(".") || segment == QLatin1String(".."))
            throw CatalogError::invalidInput(
                QStringLiteral("invalid object key '%1' for %2: no '.' or '..' segments")
                    .arg(key, where));
}

bool isUnauthorized(const QString& code, int status)
{
    return code == QLatin1String("AccessDenied") ||
           code == QLatin1String("SignatureDoesNotMatch") ||
           code == QLatin1String("InvalidAccessKeyId") || status == 401 || status == 403;
}

bool isUnavailable(const QString& code, int status)
{
    return status >= 500 || code == QLatin1String("SlowDown") ||
           code == QLatin1String("ServiceUnavailable") || code == QLatin1String("InternalError");
}

} // namespace

S3Client::S3Client(S3Config config, std::shared_ptr<const Clock> clock)
    : m_config(checked(std::move(config)))
    , m_clock(clock ? std::move(clock) : std::make_shared<SystemClock>())
    , m_signer(m_config.accessKey, m_config.secretKey, m_config.region)
    , m_http(connectionTo(m_config))
    , m_host(m_config.endpoint.authority(QUrl::FullyEncoded).toLatin1())
{
}

QString S3Client::describe(const QByteArray& method, const QString& key) const
{
    if (key.isEmpty())
        return QStringLiteral("S3 %1 of the bucket %2")
            .arg(QString::fromLatin1(method), m_config.displayName());
    return QStringLiteral("S3 %1 of '%2' in the bucket %3")
        .arg(QString::fromLatin1(method), key, m_config.displayName());
}

HttpReply S3Client::send(const QByteArray& method, const QString& key, const SigV4::Query& query,
                         const QByteArray& body, const QByteArray& contentType,
                         const SigV4::Headers& extra) const
{
    QByteArray path = '/' + m_config.bucket.toUtf8();
    if (!key.isEmpty())
        path += '/' + SigV4::uriEncode(key.toUtf8(), true);
    // Host is set here rather than left to Qt, so what is signed is what is sent.
    SigV4::Request request{method, path, query, {{"Host", m_host}}, SigV4::payloadHash(body)};
    if (!contentType.isEmpty())
        request.headers.append({"Content-Type", contentType});
    request.headers.append(extra);
    m_signer.sign(request, m_clock->now());
    const QByteArray queryText = SigV4::canonicalQuery(query);
    try {
        // A non-null body makes HttpClient send it (and its Content-Length), also when empty.
        return m_http.send(method, QString::fromLatin1(path),
                           QUrlQuery(QString::fromLatin1(queryText)),
                           contentType.isEmpty() ? QByteArray() : body, request.headers);
    } catch (const CatalogError& e) {
        throw CatalogError(e.code(),
                           QStringLiteral("%1 (%2)").arg(e.message(), describe(method, key)));
    }
}

void S3Client::fail(const QByteArray& method, const QString& key, const HttpReply& reply) const
{
    const S3ErrorInfo error = s3xml::parseError(reply.body);
    const QString what = describe(method, key);
    QString detail = error.code.isEmpty()
                         ? QStringLiteral("HTTP %1").arg(reply.status)
                         : QStringLiteral("%1 (HTTP %2)").arg(error.code).arg(reply.status);
    if (!error.message.isEmpty())
        detail += QStringLiteral(": ") + error.message;

    if (error.code == QLatin1String("NoSuchKey") ||
        (error.code.isEmpty() && reply.status == 404 && !key.isEmpty()))
        throw CatalogError::notFound(
            QStringLiteral("no object '%1' in the bucket %2").arg(key, m_config.displayName()));
    if (error.code == QLatin1String("NoSuchBucket") || reply.status == 404)
        throw CatalogError::notFound(QStringLiteral("%1: no such bucket: %2").arg(what, detail));
    if (error.code == QLatin1String("RequestTimeTooSkewed"))
        throw CatalogError::unavailable(
            QStringLiteral("%1: %2; this machine's clock differs from the store's")
                .arg(what, detail));
    if (error.code == QLatin1String("AuthorizationHeaderMalformed"))
        throw CatalogError(ErrorCode::Unauthorized,
                           QStringLiteral("%1 refused: %2; check the region (%3)")
                               .arg(what, detail, m_config.region));
    if (isUnauthorized(error.code, reply.status))
        throw CatalogError(ErrorCode::Unauthorized,
                           QStringLiteral("%1 refused: %2; %3").arg(what, detail, credentialsHint));
    if (isUnavailable(error.code, reply.status))
        throw CatalogError::unavailable(QStringLiteral("%1 failed: %2").arg(what, detail));
    if (error.code == QLatin1String("BucketAlreadyExists"))
        throw CatalogError::conflict(
            QStringLiteral("%1: the name belongs to another account (%2)").arg(what, detail));
    throw CatalogError::internal(QStringLiteral("%1 failed: %2").arg(what, detail));
}

void S3Client::createBucket() const
{
    const bool usEast1 = m_config.region == QLatin1String("us-east-1");
    const HttpReply reply =
        send("PUT", {}, {}, usEast1 ? QByteArray("") : s3xml::createBucketRequest(m_config.region),
             "application/xml");
    if (reply.status == 200 ||
        s3xml::parseError(reply.body).code == QLatin1String("BucketAlreadyOwnedByYou"))
        return;
    fail("PUT", {}, reply);
}

void S3Client::putObject(const QString& key, const QByteArray& data) const
{
    checkKey(key, describe("PUT", key));
    // Content-MD5: the store refuses a body that arrives different (BadDigest).
    const HttpReply reply = send("PUT", key, {}, data.isNull() ? QByteArray("") : data,
                                 "application/octet-stream", {{"Content-MD5", md5Base64(data)}});
    if (reply.status != 200)
        fail("PUT", key, reply);
}

QByteArray S3Client::getObject(const QString& key) const
{
    checkKey(key, describe("GET", key));
    const HttpReply reply = send("GET", key);
    if (reply.status != 200)
        fail("GET", key, reply);
    return reply.body;
}

std::optional<S3ObjectInfo> S3Client::headObject(const QString& key) const
{
    checkKey(key, describe("HEAD", key));
    const HttpReply reply = send("HEAD", key);
    // A HEAD answer has no body: a missing bucket is a 404 too, so it reads as "absent".
    if (reply.status == 404)
        return std::nullopt;
    if (reply.status != 200)
        fail("HEAD", key, reply);
    return S3ObjectInfo{reply.header("Content-Length").toLongLong(), reply.header("ETag")};
}

void S3Client::deleteObject(const QString& key) const
{
    checkKey(key, describe("DELETE", key));
    const HttpReply reply = send("DELETE", key);
    // S3 answers 204 for an absent key too; some stores answer 404 NoSuchKey.
    if (reply.status == 204 || reply.status == 200)
        return;
    if (reply.status == 404 && s3xml::parseError(reply.body).code != QLatin1String("NoSuchBucket"))
        return;
    fail("DELETE", key, reply);
}

void S3Client::deleteObjects(const QStringList& keys) const
{
    for (const QString& key : keys)
        checkKey(key, describe("DeleteObjects", key));
    QList<S3ErrorInfo> failures;
    for (qsizetype start = 0; start < keys.size(); start += maxKeysPerDelete) {
        const QByteArray body = s3xml::deleteRequest(keys.mid(start, maxKeysPerDelete));
        // DeleteObjects requires Content-MD5.
        const HttpReply reply = send("POST", {}, {{"delete", ""}}, body, "application/xml",
                                     {{"Content-MD5", md5Base64(body)}});
        if (reply.status != 200)
            fail("POST", {}, reply);
        failures += s3xml::parseDeleteErrors(reply.body, describe("DeleteObjects", {}));
    }
    if (failures.isEmpty())
        return;
    const S3ErrorInfo& first = failures.first();
    const QString message = QStringLiteral("%1: %2 of %3 keys not deleted, the first '%4': %5: %6")
                                .arg(describe("DeleteObjects", {}))
                                .arg(failures.size())
                                .arg(keys.size())
                                .arg(first.key, first.code, first.message);
    if (isUnauthorized(first.code, 0))
        throw CatalogError(ErrorCode::Unauthorized,
                           message + QStringLiteral("; ") + credentialsHint);
    if (isUnavailable(first.code, 0))
        throw CatalogError::unavailable(message);
    throw CatalogError::internal(message);
}

S3ListPage S3Client::listObjects(const QString& prefix, const QString& continuationToken,
                                 int maxKeys) const
{
    if (maxKeys < 1 || maxKeys > 1000)
        throw CatalogError::invalidInput(
            QStringLiteral("a listing page holds 1 to 1000 keys, not %1").arg(maxKeys));
    SigV4::Query query{{"list-type", "2"}, {"max-keys", QByteArray::number(maxKeys)}};
    if (!prefix.isEmpty())
        query.append({"prefix", prefix.toUtf8()});
    if (!continuationToken.isEmpty())
        query.append({"continuation-token", continuationToken.toUtf8()});
    const HttpReply reply = send("GET", {}, query);
    if (reply.status != 200)
        fail("GET", {}, reply);
    return s3xml::parseListPage(reply.body, describe("ListObjectsV2", {}));
}

void S3Client::forEachObject(const QString& prefix,
                             const std::function<bool(const S3Object&)>& visit, int pageSize) const
{
    QString token;
    do {
        const S3ListPage page = listObjects(prefix, token, pageSize);
        for (const S3Object& object : page.objects)
            if (!visit(object))
                return;
        token = page.nextContinuationToken;
    } while (!token.isEmpty());
}

} // namespace kv
