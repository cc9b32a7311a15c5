#pragma once

#include <memory>
#include <mutex>
#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace kv {

// AWS Signature Version 4 in the Authorization header, payload in a single chunk (the S3 API's
// "Signature Calculations for the Authorization Header"). No state beyond the credentials and
// the scope; the time is a parameter, so tests sign at the dates of AWS's published examples.
class SigV4
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    using Query = QList<QPair<QByteArray, QByteArray>>; // names and values in UTF-8, not encoded

    struct Request
    {
        QByteArray method;      // "GET"
        QByteArray path;        // the path as sent: encodePath() of each part ("/bucket/a%20b")
        Query query;            // sent in canonicalQuery() form, so both sides agree
        Headers headers;        // every header to sign, Host included, exactly as sent
        QByteArray payloadHash; // payloadHash(body), or "UNSIGNED-PAYLOAD"
    };

    SigV4(QString accessKey, QString secretKey, QString region,
          QString service = QStringLiteral("s3"));

    // Adds x-amz-date, x-amz-content-sha256 (unless present) and Authorization to the headers.
    void sign(Request& request, const QDateTime& at) const;

    // S3's URI encoding: every byte but A-Z a-z 0-9 - _ . ~ as %XY (upper-case hex), '/' kept
    // when keepSlash (object keys in a path), encoded otherwise (query names and values).
    static QByteArray uriEncode(QByteArrayView bytes, bool keepSlash);
    // Parameters encoded, sorted by name then value, "name=value" joined by '&' ("lifecycle=").
    static QByteArray canonicalQuery(const Query& query);
    static QByteArray payloadHash(QByteArrayView body); // hex SHA-256
    static QByteArray amzDate(const QDateTime& at);     // 20130524T000000Z

    // The steps, public for the tests on AWS's examples. The request must carry x-amz-date.
    static QByteArray signedHeaders(const Headers& headers); // "host;range;x-amz-date"
    static QByteArray canonicalRequest(const Request& request);
    QByteArray stringToSign(const QByteArray& canonicalRequest, const QDateTime& at) const;
    QByteArray signingKey(const QDateTime& at) const; // kept for the day it was made for
    QByteArray signature(const QByteArray& stringToSign, const QDateTime& at) const; // hex
    QByteArray authorization(const Request& request, const QDateTime& at) const;

    const QString& accessKey() const { return m_accessKey; }
    const QString& region() const { return m_region; }

private:
    QByteArray scope(const QDateTime& at) const; // 20130524/us-east-1/s3/aws4_request

    QString m_accessKey;
    QString m_secretKey;
    QString m_region;
    QString m_service;

    // The signing key changes once a day and its four HMACs were half of a signature's cost.
    // Shared by copies, which sign with the same secret and scope.
    struct KeyCache
    {
        std::mutex mutex;
        QByteArray day; // yyyyMMdd
        QByteArray key;
    };
    std::shared_ptr<KeyCache> m_keys = std::make_shared<KeyCache>();
};

} // namespace kv
