#include "remote/RemoteConnection.h"

#include "domain/CatalogError.h"

namespace kv {

bool RemoteConnection::isRemoteLocation(const QString& location)
{
    return location.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
           location.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

RemoteConnection RemoteConnection::fromLocation(const QString& location)
{
    const QUrl url(location, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        throw CatalogError::invalidInput(
            QStringLiteral("invalid catalog address '%1': expected http(s)://HOST[:PORT], e.g. "
                           "https://kv.example.com:8080")
                .arg(location));
    RemoteConnection c;
    c.url = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment |
                         QUrl::StripTrailingSlash);
    if (!url.userName().isEmpty()) {
        c.auth = Auth::Basic;
        c.user = url.userName();
        c.secret = url.password();
    }
    return c;
}

QString RemoteConnection::displayUrl() const
{
    return url.toDisplayString(QUrl::RemoveUserInfo);
}

} // namespace kv
