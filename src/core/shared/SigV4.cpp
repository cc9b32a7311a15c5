#include "shared/SigV4.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

namespace kv {

namespace {

const QByteArray algorithm = QByteArrayLiteral("AWS4-HMAC-SHA256");

QByteArray hmac(const QByteArray& key, const QByteArray& message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

bool unreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

// Trimmed, runs of spaces as one (the canonical form of a header value).
QByteArray canonicalValue(const QByteArray& value)
{
    return value.simplified();
}

// Lower-case names, sorted; the values of a repeated name joined by ',' in the order given.
std::map<QByteArray, QByteArray> canonicalHeaders(const SigV4::Headers& headers)
{
    std::map<QByteArray, QByteArray> sorted;
    for (const auto& [name, value] : headers) {
        QByteArray& joined = sorted[name.toLower()];
        if (!joined.isNull())
            joined += ',';
        joined += canonicalValue(value);
    }
    return sorted;
}

QByteArray headerValue(const SigV4::Headers& headers, QByteArrayView name)
{
    for (const auto& [n, value] : headers)
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

} // namespace

SigV4::SigV4(QString accessKey, QString secretKey, QString region, QString service)
    : m_accessKey(std::move(accessKey))
    , m_secretKey(std::move(secretKey))
    , m_region(std::move(region))
    , m_service(std::move(service))
{
}

QByteArray SigV4::uriEncode(QByteArrayView bytes, bool keepSlash)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (const char c : bytes) {
        if (unreserved(c) || (keepSlash && c == '/')) {
            out += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        }
    }
    return out;
}

QByteArray SigV4::canonicalQuery(const Query& query)
{
    QList<QPair<QByteArray, QByteArray>> encoded;
    encoded.reserve(query.size());
    for (const auto& [name, value] : query)
        encoded.append({uriEncode(name, false), uriEncode(value, false)});
    std::sort(encoded.begin(), encoded.end());
    QByteArray out;
    for (const auto& [name, value] : encoded) {
        if (!out.isEmpty())
            out += '&';
        out += name + '=' + value;
    }
    return out;
}

QByteArray SigV4::payloadHash(QByteArrayView body)
{
    return QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
}

QByteArray SigV4::amzDate(const QDateTime& at)
{
    // By hand: QDateTime::toString cost more than the rest of a signature.
    const QDateTime utc = at.toUTC();
    const QDate d = utc.date();
    const QTime t = utc.time();
    char text[17];
    std::snprintf(text, sizeof text, "%04d%02d%02dT%02d%02d%02dZ", d.year(), d.month(), d.day(),
                  t.hour(), t.minute(), t.second());
    return QByteArray(text, 16);
}

QByteArray SigV4::signedHeaders(const Headers& headers)
{
    QByteArray out;
    for (const auto& entry : canonicalHeaders(headers)) {
        if (!out.isEmpty())
            out += ';';
        out += entry.first;
    }
    return out;
}

QByteArray SigV4::canonicalRequest(const Request& request)
{
    QByteArray headers;
    for (const auto& [name, value] : canonicalHeaders(request.headers))
        headers += name + ':' + value + '\n';
    return request.method + '\n' + request.path + '\n' + canonicalQuery(request.query) + '\n' +
           headers + '\n' + signedHeaders(request.headers) + '\n' + request.payloadHash;
}

QByteArray SigV4::scope(const QDateTime& at) const
{
    return amzDate(at).left(8) + '/' + m_region.toUtf8() + '/' + m_service.toUtf8() +
           "/aws4_request";
}

QByteArray SigV4::stringToSign(const QByteArray& canonicalRequest, const QDateTime& at) const
{
    return algorithm + '\n' + amzDate(at) + '\n' + scope(at) + '\n' +
           QCryptographicHash::hash(canonicalRequest, QCryptographicHash::Sha256).toHex();
}

QByteArray SigV4::signingKey(const QDateTime& at) const
{
    const QByteArray day = amzDate(at).left(8);
    std::lock_guard lock(m_keys->mutex);
    if (m_keys->day != day) {
        const QByteArray date = hmac("AWS4" + m_secretKey.toUtf8(), day);
        const QByteArray region = hmac(date, m_region.toUtf8());
        const QByteArray service = hmac(region, m_service.toUtf8());
        m_keys->key = hmac(service, QByteArrayLiteral("aws4_request"));
        m_keys->day = day;
    }
    return m_keys->key;
}

QByteArray SigV4::signature(const QByteArray& stringToSign, const QDateTime& at) const
{
    return hmac(signingKey(at), stringToSign).toHex();
}

QByteArray SigV4::authorization(const Request& request, const QDateTime& at) const
{
    return algorithm + " Credential=" + m_accessKey.toUtf8() + '/' + scope(at) +
           ",SignedHeaders=" + signedHeaders(request.headers) +
           ",Signature=" + signature(stringToSign(canonicalRequest(request), at), at);
}

void SigV4::sign(Request& request, const QDateTime& at) const
{
    request.headers.append({QByteArrayLiteral("x-amz-date"), amzDate(at)});
    if (headerValue(request.headers, "x-amz-content-sha256").isNull())
        request.headers.append({QByteArrayLiteral("x-amz-content-sha256"), request.payloadHash});
    const QByteArray header = authorization(request, at); // over the headers above, not itself
    request.headers.append({QByteArrayLiteral("Authorization"), header});
}

} // namespace kv
