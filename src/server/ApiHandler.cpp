// ApiHandler: path decoding, the tenant, errors, and routing by the tables of ApiKestra.cpp and
// ApiExtensions.cpp.
#include "ApiHandler.h"

#include "domain/CatalogBackend.h"
#include "domain/CatalogError.h"

#include <optional>

namespace kv::server {

using Status = http::Status;

namespace {

Status statusOf(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
        return Status::UnprocessableEntity;
    case ErrorCode::NotFound:
        return Status::NotFound;
    case ErrorCode::Expired:
        return Status::Gone;
    case ErrorCode::Conflict:
        return Status::Conflict;
    case ErrorCode::Unauthorized:
        return Status::Unauthorized;
    case ErrorCode::Unavailable:
        return Status::ServiceUnavailable;
    case ErrorCode::Unsupported:
        return Status::NotImplemented;
    case ErrorCode::Internal:
        break;
    }
    return Status::InternalServerError;
}

// Splits the percent-encoded path into decoded segments; refuses what could escape or confuse
// (".", "..", NUL, empty segments, invalid UTF-8).
std::optional<QStringList> decodePath(const QByteArray& encoded, QString& problem)
{
    QStringList segments;
    const QList<QByteArray> parts = encoded.split('/');
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray decoded = QByteArray::fromPercentEncoding(parts.at(i));
        const QString segment = QString::fromUtf8(decoded);
        if (decoded.contains('\0') || segment.toUtf8() != decoded) {
            problem = QStringLiteral("the path holds a NUL byte or invalid UTF-8");
            return std::nullopt;
        }
        if (segment == QLatin1String(".") || segment == QLatin1String("..")) {
            problem = QStringLiteral("the path must not contain '.' or '..' segments");
            return std::nullopt;
        }
        if (segment.isEmpty() && i + 1 < parts.size()) {
            problem = QStringLiteral("the path has an empty segment");
            return std::nullopt;
        }
        if (!segment.isEmpty())
            segments << segment;
    }
    return segments;
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
    } catch (const CatalogError& e) {
        return errorResponse(statusOf(e.code()), e.message(), r.errorForm);
    } catch (const std::exception& e) {
        return errorResponse(Status::InternalServerError, QString::fromLocal8Bit(e.what()),
                             r.errorForm);
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

bool ApiHandler::quick(http::Method method, const QByteArray& encodedPath) const
{
    if (method != http::Method::Get && method != http::Method::Head)
        return false;
    if (encodedPath == "/ping")
        return true;
    ApiRequest head;
    head.method = method;
    head.encodedPath = encodedPath;
    http::Response failure;
    const std::optional<QStringList> path = routePath(head, failure);
    if (!path)
        return true; // answered with the error at once
    RouteArgs args;
    const Route* route = m_router.match(method, *path, args);
    return route && route->quick;
}

} // namespace kv::server
