#include "ApiService.h"

#include "ApiHandler.h"
#include "ApiRequest.h"
#include "AuthGate.h"
#include "domain/CatalogTypes.h"

#include <algorithm>
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

http::Started ApiService::start(http::Request& request, const QString& user,
                                const http::Reply& reply)
{
    return m_handler->start(request, user, reply);
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
    // Bytes appended, not QString::arg: the line cost more than some of the answers it logs
    // (formatIsoUtc too: QDateTime::toString cost more than the rest of the line). The
    // milliseconds always written, so that lines stay aligned.
    char now[32];
    const int length = formatIsoUtc(QDateTime::currentMSecsSinceEpoch(), now);
    QByteArray line;
    line.reserve(160);
    line.append(now, qMax(length, 0));
    if (length == 20) // "…:SSZ": no milliseconds
        line.insert(19, ".000");
    line +=
        ' ' + request.remote.toString().toLatin1() + ' ' + http::methodName(request.method) + ' ';
    const QByteArray path = request.path().left(512);
    const bool ascii = std::all_of(path.cbegin(), path.cend(), [](char c) { return c > 0; });
    line += ascii ? path : QString::fromUtf8(path).toUtf8(); // invalid UTF-8 as U+FFFD
    line += ' ' + QByteArray::number(int(response.status)) + ' ' +
            QByteArray::number(milliseconds, 'f', 2) + " ms";
    if (!user.isEmpty())
        line += ' ' + user.toUtf8();
    line += '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
}

http::Response ApiService::errorResponse(http::Status status, const QString& message) const
{
    return server::errorResponse(status, message);
}

} // namespace kv::server
