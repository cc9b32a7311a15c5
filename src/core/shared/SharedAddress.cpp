#include "shared/SharedAddress.h"

#include "domain/CatalogError.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace kv {

namespace {

const QString defaultRegion = QStringLiteral("us-east-1");

[[noreturn]] void refuse(const QString& shown, const QString& why)
{
    throw CatalogError::invalidInput(
        QStringLiteral("invalid shared catalog address '%1': %2").arg(shown, why));
}

// The address for messages: never a secret, even of an address refused for having one — the
// database password, or user information in the values or endpoint parameters.
QString redacted(const QUrl& url)
{
    if (!url.isValid())
        return QStringLiteral("postgresql://…");
    QUrl shown = url;
    static const QRegularExpression userInfo(QStringLiteral("(://)[^/?&@]*@"));
    shown.setQuery(url.query(QUrl::FullyDecoded).replace(userInfo, QStringLiteral("\\1…@")),
                   QUrl::DecodedMode);
    return shown.toDisplayString(QUrl::RemovePassword);
}

} // namespace

bool SharedAddress::isSharedLocation(const QString& location)
{
    return location.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive) ||
           location.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

SharedAddress SharedAddress::parse(const QString& location)
{
    const QUrl url(location, QUrl::StrictMode);
    const QString shown = redacted(url);
    if (!isSharedLocation(location) || !url.isValid())
        refuse(shown, QStringLiteral("expected postgresql://USER@HOST:PORT/DATABASE?values=s3://"
                                     "BUCKET&endpoint=URL&region=REGION"));
    if (!url.password().isEmpty())
        refuse(shown, QStringLiteral("the password must not be in the address: give it in "
                                     "PGPASSWORD or ~/.pgpass"));
    SharedAddress address;
    address.registry.host = url.host();
    if (address.registry.host.isEmpty())
        refuse(shown, QStringLiteral("the PostgreSQL host is missing"));
    address.registry.port = url.port(5432);
    address.registry.user = url.userName();
    address.registry.database = url.path().mid(1);
    static const QRegularExpression databaseName(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_$-]*$"));
    if (!databaseName.match(address.registry.database).hasMatch())
        refuse(shown, QStringLiteral("the database name is missing or not a plain name (letters, "
                                     "digits, '_', '$', '-') after the host: /DATABASE"));

    const QUrlQuery query(url);
    address.values.region = defaultRegion;
    bool haveValues = false;
    for (const auto& [name, encoded] : query.queryItems(QUrl::FullyEncoded)) {
        const QString value = QUrl::fromPercentEncoding(encoded.toUtf8());
        if (name == QLatin1String("values")) {
            // Read as text, not as a QUrl: a URL's host is case-insensitive and would come back
            // lower-cased, turning an invalid bucket name into another bucket's.
            if (!value.startsWith(QLatin1String("s3://")))
                refuse(shown, QStringLiteral("values must be s3://BUCKET"));
            QString bucket = value.mid(5);
            if (bucket.endsWith(QLatin1Char('/')))
                bucket.chop(1);
            if (bucket.contains(QLatin1Char('@')))
                refuse(shown, QStringLiteral("values must be s3://BUCKET, without credentials: "
                                             "give the S3 keys in AWS_ACCESS_KEY_ID and "
                                             "AWS_SECRET_ACCESS_KEY"));
            if (bucket.contains(QLatin1Char('/')))
                refuse(shown, QStringLiteral("values must be s3://BUCKET, without a path"));
            address.values.bucket = bucket;
            haveValues = true;
        } else if (name == QLatin1String("endpoint")) {
            address.values.endpoint = QUrl(value, QUrl::StrictMode);
            if (address.values.endpoint.isEmpty())
                refuse(shown, QStringLiteral("endpoint is empty"));
        } else if (name == QLatin1String("region")) {
            address.values.region = value;
        } else {
            refuse(shown, QStringLiteral("unknown parameter '%1' (known: values, endpoint, "
                                         "region)")
                              .arg(name));
        }
    }
    if (!haveValues)
        refuse(shown, QStringLiteral("values=s3://BUCKET is missing: where the values are kept"));
    // The bucket, endpoint and region pass the S3 client's own gate, here already. Without an
    // endpoint the region's AWS endpoint is meant, once the region is known to be a name.
    const bool awsEndpoint = address.values.endpoint.isEmpty();
    if (awsEndpoint)
        address.values.endpoint = QUrl(QStringLiteral("https://s3.amazonaws.com"));
    try {
        address.values.check();
    } catch (const CatalogError& e) {
        refuse(shown, e.message());
    }
    if (awsEndpoint)
        address.values.endpoint =
            QUrl(QStringLiteral("https://s3.%1.amazonaws.com").arg(address.values.region));
    address.values.endpoint = address.values.endpoint.adjusted(QUrl::StripTrailingSlash);
    return address;
}

QString SharedAddress::display() const
{
    return QStringLiteral("%1?values=s3://%2&endpoint=%3&region=%4")
        .arg(registry.display(), values.bucket, values.endpoint.toString(), values.region);
}

} // namespace kv
