#pragma once

#include <QString>
#include <QUrl>

namespace kv {

// Where a bucket lives and how to sign for it. Path-style addressing only
// (http://HOST:PORT/BUCKET/KEY), which every S3-compatible store serves.
struct S3Config
{
    QUrl endpoint; // http(s)://HOST[:PORT], no path
    QString bucket;
    QString region = QStringLiteral("us-east-1");
    QString accessKey;
    QString secretKey; // never shown in a message
    int timeoutMs = 30'000;

    // The credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, never from an address or
    // a command line (where other users see them). Throws CatalogError: Unauthorized when either
    // is unset, InvalidInput for a bad endpoint, bucket or region.
    static S3Config fromEnvironment(const QUrl& endpoint, const QString& bucket,
                                    const QString& region = QStringLiteral("us-east-1"));

    // Throws CatalogError(InvalidInput) naming what is wrong: the endpoint (scheme, host, no
    // user, path, query), the bucket name (S3's rules: 3 to 63 of a-z 0-9 . -, starting and
    // ending with a letter or digit) or the region.
    void check() const;

    // "http://127.0.0.1:8080/bucket", for messages.
    QString displayName() const;
};

} // namespace kv
