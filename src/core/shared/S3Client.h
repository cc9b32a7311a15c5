#pragma once

#include "remote/HttpClient.h"
#include "shared/S3Config.h"
#include "shared/S3Xml.h"
#include "shared/SigV4.h"

#include <functional>
#include <memory>
#include <optional>

namespace kv {

class Clock;

// What HEAD tells of an object.
struct S3ObjectInfo
{
    qint64 size = 0;
    QByteArray etag;
};

// The object operations the shared catalog's value store needs, on one bucket of an
// S3-compatible store: blocking, over the remote layer's HttpClient, every request signed with
// SigV4. Callable from several threads at once (HttpClient keeps a network manager per thread).
// Failures throw CatalogError naming the operation, the key and the bucket: NotFound (NoSuchKey,
// NoSuchBucket), Unauthorized (AccessDenied, SignatureDoesNotMatch, InvalidAccessKeyId, any 401
// or 403, AuthorizationHeaderMalformed: a wrong region), Unavailable (5xx, throttling, the network,
// a clock the store refuses), Internal (anything else, an unreadable answer).
class S3Client
{
public:
    // The clock signs the requests: the store refuses a time more than 15 minutes off its own,
    // so only a test of the signature itself gives another one.
    explicit S3Client(S3Config config, std::shared_ptr<const Clock> clock = {});

    // Creates the bucket; one that exists and is ours already is fine (Conflict when another
    // account owns the name).
    void createBucket() const;

    void putObject(const QString& key, const QByteArray& data) const;
    QByteArray getObject(const QString& key) const; // NotFound when absent
    std::optional<S3ObjectInfo> headObject(const QString& key) const;
    bool exists(const QString& key) const { return headObject(key).has_value(); }
    void deleteObject(const QString& key) const; // an absent key is fine
    // In requests of up to 1,000 keys; absent keys are fine. The first failure is thrown after
    // the whole batch was tried, naming how many keys failed.
    void deleteObjects(const QStringList& keys) const;

    // One page of ListObjectsV2 (keys in UTF-8 byte order); pass the page's
    // nextContinuationToken for the next one, until it is empty. maxKeys 1 to 1000.
    S3ListPage listObjects(const QString& prefix, const QString& continuationToken = {},
                           int maxKeys = 1000) const;
    // Every object under `prefix`, page after page, until `visit` returns false.
    void forEachObject(const QString& prefix, const std::function<bool(const S3Object&)>& visit,
                       int pageSize = 1000) const;

    const S3Config& config() const { return m_config; }

private:
    // One signed request; `key` empty addresses the bucket. The reply of any status comes back.
    HttpReply send(const QByteArray& method, const QString& key, const SigV4::Query& query = {},
                   const QByteArray& body = {}, const QByteArray& contentType = {},
                   const SigV4::Headers& extra = {}) const;
    [[noreturn]] void fail(const QByteArray& method, const QString& key,
                           const HttpReply& reply) const;
    QString describe(const QByteArray& method, const QString& key) const;

    S3Config m_config;
    std::shared_ptr<const Clock> m_clock;
    SigV4 m_signer;
    HttpClient m_http;
    QByteArray m_host; // the Host header sent and signed
};

} // namespace kv
