#include "ApiService.h"

#include "ApiHandler.h"
#include "ApiRequest.h"
#include "AuthGate.h"
#include "domain/CatalogTypes.h"

#include <cstdio>
#include <QDateTime>

namespace kv::server {

void logLine(const QString& line)
{
    const QByteArray bytes = (line + QLatin1Char('\n')).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
}

ApiService::ApiService(std::shared_ptr<const ApiHandler> handler, std::shared_ptr<AuthGate> auth)
    : m_handler(std::move(handler))
    , m_auth(std::move(auth))
{
}

http::HeadDecision ApiService::inspectHead(const http::Request& head)
{
    if (head.path() == "/ping")
        return http::HeadDecision::proceed();
    return m_auth->inspect(head);
}

http::HeadDecision ApiService::verifyHead(const http::Request& head)
{
    return m_auth->verify(head);
}

bool ApiService::quick(const http::Request& head) const
{
    return m_handler->quick(head.method, head.path());
}

http::Response ApiService::handle(http::Request& request, const QString& user)
{
    ApiRequest r = ApiRequest::from(std::move(request));
    r.user = user;
    return m_handler->handle(r);
}

void ApiService::log(const http::Request& request, const http::Response& response,
                     const QString& user, double milliseconds)
{
    // The path only: a query may carry values (filters) that do not belong in a log.
    // formatIsoUtc, not QDateTime::toString, which cost more than the rest of the line; the
    // milliseconds always written, so that lines stay aligned.
    char now[32];
    const int length = formatIsoUtc(QDateTime::currentMSecsSinceEpoch(), now);
    QString time = QString::fromLatin1(now, qMax(length, 0));
    if (length == 20) // "…:SSZ": no milliseconds
        time.insert(19, QLatin1String(".000"));
    logLine(QStringLiteral("%1 %2 %3 %4 %5 %6 ms%7")
                .arg(time, request.remote.toString(),
                     QLatin1String(http::methodName(request.method)),
                     QString::fromUtf8(request.path().left(512)))
                .arg(int(response.status))
                .arg(milliseconds, 0, 'f', 2)
                .arg(user.isEmpty() ? QString() : QLatin1Char(' ') + user));
}

http::Response ApiService::errorResponse(http::Status status, const QString& message) const
{
    return server::errorResponse(status, message);
}

} // namespace kv::server
