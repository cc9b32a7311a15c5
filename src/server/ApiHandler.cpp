// ApiHandler: path decoding, the tenant, errors, and routing by the tables of ApiKestra.cpp and
// ApiExtensions.cpp.
#include "ApiHandler.h"

#include "domain/CatalogBackend.h"
#include "domain/CatalogError.h"

#include <optional>
#include <QStringDecoder>

namespace kv::server {

using Status = http::Status;

namespace {

// Splits the percent-encoded path into decoded segments; refuses what could escape or confuse
// (".", "..", NUL, empty segments, invalid UTF-8). Every request's path comes through here, the
// quick ones too: no list of parts, and nothing decoded that holds no '%'.
std::optional<QStringList> decodePath(const QByteArray& encoded, QString& problem)
{
    QStringList segments;
    qsizetype start = encoded.indexOf('/'); // what comes before the first '/' is no segment
    if (start < 0)
        return segments;
    for (++start;;) {
        qsizetype end = encoded.indexOf('/', start);
        const bool last = end < 0;
        if (last)
            end = encoded.size();
        const QByteArray part = QByteArray::fromRawData(encoded.constData() + start, end - start);
        const QByteArray decoded =
            part.contains('%') ? QByteArray::fromPercentEncoding(part) : part;
        QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless |
                                                        QStringConverter::Flag::ConvertInitialBom);
        const QString segment = utf8.decode(decoded);
        if (decoded.contains('\0') || utf8.hasError()) {
            problem = QStringLiteral("the path holds a NUL byte or invalid UTF-8");
            return std::nullopt;
        }
        if (segment == QLatin1String(".") || segment == QLatin1String("..")) {
            problem = QStringLiteral("the path must not contain '.' or '..' segments");
            return std::nullopt;
        }
        if (segment.isEmpty() && !last) {
            problem = QStringLiteral("the path has an empty segment");
            return std::nullopt;
        }
        if (!segment.isEmpty())
            segments << segment;
        if (last)
            return segments;
        start = end + 1;
    }
}

http::Response notFound(const ApiRequest& r)
{
    return errorResponse(Status::NotFound,
                         QStringLiteral("no such route: %1 %2")
                             .arg(QLatin1String(r.methodName()), QString::fromUtf8(r.encodedPath)),
                         r.errorForm);
}

} // namespace

ApiHandler::ApiHandler(std::shared_ptr<CatalogBackend> backend, bool extensions)
    : m_backend(std::move(backend))
{
    m_router.add(kestraRoutes());
    // Without them kvdesk/... is still no tenant: a plain Kestra's 404 for an unknown route.
    if (extensions)
        m_router.add(extensionRoutes());
}

http::Response ApiHandler::handle(ApiRequest& r) const
{
    try {
        return dispatch(r);
    } catch (...) {
        return failureResponse(std::current_exception(), r.errorForm);
    }
}

http::Response ApiHandler::dispatch(ApiRequest& r) const
{
    if (r.encodedPath == "/ping")
        return http::Response(QByteArrayLiteral("text/plain"), QByteArrayLiteral("pong\n"));
    http::Response failure;
    const std::optional<QStringList> path = routePath(r, failure);
    if (!path)
        return failure;
    r.segments = *path;
    RouteArgs args;
    const Route* route = m_router.match(r.method, *path, args);
    return route ? route->handler(*m_backend, r, args) : notFound(r);
}

std::optional<QStringList> ApiHandler::routePath(const ApiRequest& r, http::Response& failure) const
{
    QString problem;
    const std::optional<QStringList> decoded = decodePath(r.encodedPath, problem);
    if (!decoded) {
        failure = errorResponse(Status::BadRequest, QStringLiteral("invalid path: %1").arg(problem),
                                r.errorForm);
        return std::nullopt;
    }
    QStringList path = *decoded;
    if (path.size() < 2 || path.at(0) != QLatin1String("api") ||
        path.at(1) != QLatin1String("v1")) {
        failure = notFound(r);
        return std::nullopt;
    }
    path = path.mid(2);
    // An optional tenant: /api/v1/{tenant}/namespaces/... This server has one, "main".
    static const QStringList roots{QStringLiteral("namespaces"), QStringLiteral("kv"),
                                   QStringLiteral("kvdesk")};
    if (!path.isEmpty() && !roots.contains(path.first())) {
        if (path.first() != QLatin1String(defaultTenant)) {
            failure = errorResponse(Status::NotFound,
                                    QStringLiteral("unknown tenant '%1': this server has only '%2'")
                                        .arg(path.first(), QLatin1String(defaultTenant)),
                                    r.errorForm);
            return std::nullopt;
        }
        path.removeFirst();
    }
    return path;
}

http::Started ApiHandler::start(http::Request& request, const QString& user,
                                const http::Reply& reply) const
{
    using http::Started;
    if (request.path() == "/ping")
        return Started::answered(
            http::Response(QByteArrayLiteral("text/plain"), QByteArrayLiteral("pong\n")));
    // The route from the head alone: a request for a worker is not read any further here.
    ApiRequest head;
    head.method = request.method;
    head.encodedPath = request.path();
    head.errorForm = errorFormOf(request.header("accept"));
    http::Response failure;
    const std::optional<QStringList> path = routePath(head, failure);
    if (!path)
        return Started::answered(std::move(failure));
    RouteArgs args;
    const Route* route = m_router.match(head.method, *path, args);
    if (!route)
        return Started::answered(notFound(head));
    if (!route->quick && !route->start)
        return Started::worker();
    ApiRequest r = ApiRequest::from(std::move(request));
    r.user = user;
    r.segments = *path;
    try {
        if (route->quick)
            return Started::answered(route->handler(*m_backend, r, args));
        return route->start(*m_backend, r, args, reply) ? Started::pending() : Started::worker();
    } catch (...) {
        return Started::answered(failureResponse(std::current_exception(), r.errorForm));
    }
}

} // namespace kv::server
