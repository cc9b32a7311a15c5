// ApiRequest and the request helpers every route shares.
#include "ApiRequest.h"

#include "domain/CatalogError.h"
#include "format/WireFormat.h"

#include <limits>
#include <QUrlQuery>

namespace kv::server {

ApiRequest ApiRequest::from(http::Request&& request)
{
    ApiRequest r;
    r.method = request.method;
    r.encodedPath = request.path();
    // Decoded names too: filters%5Bnamespace%5D%5BEQUALS%5D is filters[namespace][EQUALS].
    const QUrlQuery query(QString::fromUtf8(request.query()));
    r.query = query.queryItems(QUrl::FullyDecoded);
    for (const auto& [name, value] : std::as_const(r.query)) {
        if (!r.params.contains(name))
            r.params.insert(name, value);
    }
    for (const auto& [name, value] : std::as_const(request.headers))
        r.headers.insert(name, value);
    r.body = std::move(request.body);
    r.remote = request.remote;
    r.errorForm = errorFormOf(r.header("accept"));
    return r;
}

ErrorForm errorFormOf(const QByteArray& accept)
{
    // Accept: a list of media ranges with parameters; "q=0" means "not this one" (RFC 9110).
    for (const QByteArray& range : accept.split(',')) {
        const QList<QByteArray> parts = range.split(';');
        if (parts.first().trimmed().toLower() != "application/problem+json")
            continue;
        bool refused = false;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray parameter = parts.at(i).trimmed().toLower();
            if (parameter.startsWith("q=") && parameter.mid(2).toDouble() <= 0.0)
                refused = true;
        }
        if (!refused)
            return ErrorForm::Problem;
    }
    return ErrorForm::Message;
}

namespace {

http::Status statusOf(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
        return http::Status::UnprocessableEntity;
    case ErrorCode::NotFound:
        return http::Status::NotFound;
    case ErrorCode::Expired:
        return http::Status::Gone;
    case ErrorCode::Conflict:
        return http::Status::Conflict;
    case ErrorCode::Unauthorized:
        return http::Status::Unauthorized;
    case ErrorCode::Unavailable:
        return http::Status::ServiceUnavailable;
    case ErrorCode::Unsupported:
        return http::Status::NotImplemented;
    case ErrorCode::Internal:
        break;
    }
    return http::Status::InternalServerError;
}

} // namespace

http::Response errorResponse(http::Status status, const QString& message, ErrorForm form)
{
    if (form == ErrorForm::Message)
        return jsonResponse(wire::errorBody(message), status);
    return http::Response(
        QByteArrayLiteral("application/problem+json"),
        wire::problemBody(int(status), QLatin1String(http::reasonPhrase(status)), message), status);
}

bool ApiRequest::flag(const char* name) const
{
    return wire::queryFlag(params, name);
}

qint64 ApiRequest::number(const char* name, qint64 fallback) const
{
    return wire::queryNumber(params, name, fallback);
}

PageWindow pageWindow(const ApiRequest& r, qint64 defaultSize)
{
    constexpr qint64 maxSize = 10'000;
    bool ok = true;
    const qint64 page =
        r.param(wire::param::page).isEmpty() ? 1 : r.param(wire::param::page).toLongLong(&ok);
    if (!ok || page < 1)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid page '%1': pages start at 1").arg(r.param(wire::param::page)));
    const qint64 size = r.param(wire::param::size).isEmpty()
                            ? defaultSize
                            : r.param(wire::param::size).toLongLong(&ok);
    if (!ok || size < 1 || size > maxSize)
        throw CatalogError::invalidInput(QStringLiteral("invalid size '%1': expected 1 to %2")
                                             .arg(r.param(wire::param::size))
                                             .arg(maxSize));
    if (page - 1 > (std::numeric_limits<qint64>::max() - size) / size)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid page '%1': too large for a page size of %2")
                .arg(r.param(wire::param::page))
                .arg(size));
    return {(page - 1) * size, size};
}

http::Response failureResponse(const std::exception_ptr& error, ErrorForm form)
{
    try {
        std::rethrow_exception(error);
    } catch (const CatalogError& e) {
        return errorResponse(statusOf(e.code()), e.message(), form);
    } catch (const std::exception& e) {
        return errorResponse(http::Status::InternalServerError, QString::fromLocal8Bit(e.what()),
                             form);
    } catch (...) {
        return errorResponse(http::Status::InternalServerError,
                             QStringLiteral("unexpected failure"), form);
    }
}

const char* ApiRequest::methodName() const
{
    return http::methodName(method);
}

} // namespace kv::server
