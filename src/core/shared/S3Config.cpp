#include "shared/S3Config.h"

#include "domain/CatalogError.h"

#include <QRegularExpression>

namespace kv {

S3Config S3Config::fromEnvironment(const QUrl& endpoint, const QString& bucket,
                                   const QString& region)
{
    S3Config config;
    config.endpoint = endpoint;
    config.bucket = bucket;
    config.region = region;
    config.accessKey = qEnvironmentVariable("AWS_ACCESS_KEY_ID");
    config.secretKey = qEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
    config.check();
    if (config.accessKey.isEmpty() || config.secretKey.isEmpty())
        throw CatalogError(ErrorCode::Unauthorized,
                           QStringLiteral("no credentials for the bucket %1: set "
                                          "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
                               .arg(config.displayName()));
    return config;
}

void S3Config::check() const
{
    const QString shown = endpoint.toDisplayString(QUrl::RemoveUserInfo);
    if (!endpoint.isValid() || endpoint.host().isEmpty() ||
        (endpoint.scheme() != QLatin1String("http") && endpoint.scheme() != QLatin1String("https")))
        throw CatalogError::invalidInput(
            QStringLiteral("invalid S3 endpoint '%1': expected http(s)://HOST[:PORT]").arg(shown));
    if (!endpoint.userInfo().isEmpty())
        throw CatalogError::invalidInput(
            QStringLiteral("the S3 endpoint %1 carries credentials: give them in "
                           "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead")
                .arg(shown));
    if ((!endpoint.path().isEmpty() && endpoint.path() != QLatin1String("/")) ||
        endpoint.hasQuery() || endpoint.hasFragment())
        throw CatalogError::invalidInput(
            QStringLiteral("invalid S3 endpoint '%1': expected http(s)://HOST[:PORT] without a "
                           "path (the bucket is given apart)")
                .arg(shown));
    static const QRegularExpression bucketName(
        QStringLiteral("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"));
    if (!bucketName.match(bucket).hasMatch() || bucket.contains(QLatin1String("..")))
        throw CatalogError::invalidInput(
            QStringLiteral("invalid bucket name '%1': 3 to 63 characters of a-z, 0-9, '.' and "
                           "'-', starting and ending with a letter or a digit")
                .arg(bucket));
    static const QRegularExpression regionName(QStringLiteral("^[a-z0-9-]{1,40}$"));
    if (!regionName.match(region).hasMatch())
        throw CatalogError::invalidInput(
            QStringLiteral("invalid S3 region '%1': expected a name such as us-east-1")
                .arg(region));
}

QString S3Config::displayName() const
{
    QUrl url = endpoint.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery |
                                 QUrl::RemoveFragment);
    return url.toDisplayString() + QLatin1Char('/') + bucket;
}

} // namespace kv
