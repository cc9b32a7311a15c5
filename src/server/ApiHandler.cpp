// ApiHandler: path parsing, errors, and Kestra's routes. Our extensions are in
// ApiExtensions.cpp.
#include "ApiHandler.h"

#include "domain/CatalogBackend.h"
#include "domain/CatalogError.h"
#include "domain/IsoDuration.h"
#include "domain/Rules.h"
#include "format/ValueBody.h"
#include "format/WireFormat.h"

#include <limits>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace kv::server {

using Method = http::Method;
using Status = http::Status;

namespace {

constexpr qint64 listChunk = 10'000;

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
                             .arg(QLatin1String(r.methodName()), QString::fromUtf8(r.encodedPath)));
}

QJsonObject bodyObject(const ApiRequest& r, const char* example)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &error);
    if (!doc.isObject())
        throw CatalogError::invalidInput(
            QStringLiteral("the request body must be a JSON object such as %1 (%2)")
                .arg(QLatin1String(example), error.error == QJsonParseError::NoError
                                                 ? QStringLiteral("not an object")
                                                 : error.errorString()));
    return doc.object();
}

QString headerString(const QByteArray& literal)
{
    const QJsonDocument doc = QJsonDocument::fromJson('[' + literal + ']');
    if (!doc.isArray() || !doc.array().at(0).isString())
        throw CatalogError::invalidInput(
            QStringLiteral("invalid kv-description header: expected a JSON string literal"));
    return doc.array().at(0).toString();
}

QStringList stringArray(const QJsonObject& o, const char* member)
{
    QStringList list;
    for (const QJsonValue& v : o.value(QLatin1String(member)).toArray())
        list << v.toString();
    return list;
}

// Kestra's page (1-based) and size as an offset: checked, so that no page number can overflow
// (page 2^62 of size 4 is refused, not wrapped around to a negative offset).
struct PageWindow
{
    qint64 offset = 0;
    qint64 size = 0;
};

PageWindow pageWindow(const ApiRequest& r, qint64 defaultSize)
{
    constexpr qint64 maxSize = 10'000;
    bool ok = true;
    const qint64 page = r.param("page").isEmpty() ? 1 : r.param("page").toLongLong(&ok);
    if (!ok || page < 1)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid page '%1': pages start at 1").arg(r.param("page")));
    const qint64 size = r.param("size").isEmpty() ? defaultSize : r.param("size").toLongLong(&ok);
    if (!ok || size < 1 || size > maxSize)
        throw CatalogError::invalidInput(QStringLiteral("invalid size '%1': expected 1 to %2")
                                             .arg(r.param("size"))
                                             .arg(maxSize));
    if (page - 1 > (std::numeric_limits<qint64>::max() - size) / size)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid page '%1': too large for a page size of %2")
                .arg(r.param("page"))
                .arg(size));
    return {(page - 1) * size, size};
}

} // namespace

ApiHandler::ApiHandler(std::shared_ptr<CatalogBackend> backend, bool extensions)
    : m_backend(std::move(backend))
    , m_extensions(extensions)
{
}

http::Response ApiHandler::handle(ApiRequest& r) const
{
    try {
        return dispatch(r);
    } catch (const CatalogError& e) {
        return errorResponse(statusOf(e.code()), e.message());
    } catch (const std::exception& e) {
        return errorResponse(Status::InternalServerError, QString::fromLocal8Bit(e.what()));
    }
}

http::Response ApiHandler::dispatch(ApiRequest& r) const
{
    if (r.encodedPath == "/ping")
        return http::Response(QByteArrayLiteral("text/plain"), QByteArrayLiteral("pong\n"));
    QString problem;
    const std::optional<QStringList> decoded = decodePath(r.encodedPath, problem);
    if (!decoded)
        return errorResponse(Status::BadRequest, QStringLiteral("invalid path: %1").arg(problem));
    QStringList path = *decoded;
    if (path.size() < 2 || path.at(0) != QLatin1String("api") || path.at(1) != QLatin1String("v1"))
        return notFound(r);
    path = path.mid(2);
    // An optional tenant: /api/v1/{tenant}/namespaces/... This server has one, "main".
    static const QStringList roots{QStringLiteral("namespaces"), QStringLiteral("kv"),
                                   QStringLiteral("kvdesk")};
    if (!path.isEmpty() && !roots.contains(path.first())) {
        if (path.first() != QLatin1String(defaultTenant))
            return errorResponse(Status::NotFound,
                                 QStringLiteral("unknown tenant '%1': this server has only '%2'")
                                     .arg(path.first(), QLatin1String(defaultTenant)));
        path.removeFirst();
    }
    if (path.isEmpty())
        return notFound(r);
    r.segments = path;
    if (path.first() == QLatin1String("kvdesk"))
        return m_extensions ? extensionRoute(r, path.mid(1)) : notFound(r);
    return kestraRoute(r, path);
}

http::Response ApiHandler::kestraRoute(const ApiRequest& r, const QStringList& path) const
{
    const qsizetype n = path.size();
    if (path.first() == QLatin1String("kv") && n == 1 && r.method == Method::Get)
        return pagedList(r);
    if (path.first() != QLatin1String("namespaces"))
        return notFound(r);
    if (n == 1 && r.method == Method::Post) {
        const QJsonObject o = bodyObject(r, "{\"id\": \"company.team\", \"description\": \"\"}");
        const NamespaceInfo info = m_backend->createNamespace(o.value(u"id").toString(),
                                                              o.value(u"description").toString());
        return jsonResponse(wire::namespaceInfo(info));
    }
    if (n == 2 && path.at(1) == QLatin1String("search") && r.method == Method::Get)
        return searchNamespaces(r);
    if (n == 2 && r.method == Method::Delete) {
        m_backend->deleteNamespace(path.at(1), r.flag("force"));
        return jsonResponse(QByteArrayLiteral("true"));
    }
    if (n < 3 || path.at(2) != QLatin1String("kv"))
        return notFound(r);
    const QString& ns = path.at(1);
    if (n == 4)
        return keyRoute(r, ns, path.at(3));
    if (n != 3)
        return notFound(r);
    if (r.method == Method::Get) {
        // Every live pair of the namespace (Kestra's list); the paged form is GET .../kv.
        QByteArray out = "[";
        ListQuery q{ns};
        q.limit = listChunk;
        bool first = true;
        for (;;) {
            const KvPage page = m_backend->list(q);
            for (const KvEntry& e : page.entries) {
                out += (first ? "" : ",") + wire::entry(e);
                first = false;
            }
            if (page.entries.size() < listChunk)
                break;
            q.afterKey = page.entries.last().key;
        }
        return jsonResponse(out + ']');
    }
    if (r.method == Method::Delete) {
        const QJsonObject o = bodyObject(r, "{\"keys\": [\"a\", \"b\"]}");
        const DeleteResult result = m_backend->remove(ns, stringArray(o, "keys"), false);
        return jsonResponse("{\"keys\":" + wire::stringList(result.deleted) + '}');
    }
    return notFound(r);
}

http::Response ApiHandler::keyRoute(const ApiRequest& r, const QString& ns,
                                    const QString& key) const
{
    switch (r.method) {
    case Method::Get:
        return jsonResponse(wire::typedValue(*m_backend->get(ns, key).value));
    case Method::Put: {
        SetRequest s;
        s.ns = ns;
        s.key = key;
        std::optional<ValueType> type;
        if (const QByteArray forced = r.header("kv-type"); !forced.isEmpty())
            type = requireValueType(QString::fromUtf8(forced));
        s.value = valueFromBody(r.body, type);
        if (const QByteArray ttl = r.header("ttl"); !ttl.isEmpty())
            s.ttlMs = IsoDuration::parseTtl(QString::fromUtf8(ttl)).milliseconds();
        if (r.headers.contains("kv-description")) // ours: a JSON string literal, any text
            s.description = headerString(r.header("kv-description"));
        else if (r.headers.contains("description"))
            s.description = QString::fromUtf8(r.header("description"));
        s.overwrite = r.header("kv-overwrite").toLower() != "false";
        return jsonResponse(wire::entry(m_backend->set(s), wire::EntryField::Checksum));
    }
    case Method::Delete: {
        const DeleteResult result = m_backend->remove(ns, {key}, false);
        return jsonResponse(result.deleted.isEmpty() ? QByteArrayLiteral("false")
                                                     : QByteArrayLiteral("true"));
    }
    default:
        return notFound(r);
    }
}

http::Response ApiHandler::pagedList(const ApiRequest& r) const
{
    // GET /api/v1/{tenant}/kv?page=1&size=50&sort=key:asc&filters[namespace][EQUALS]=ns
    //     &filters[key][STARTS_WITH]=p  (&filters[key][CONTAINS]=c)
    ListQuery q;
    q.ns = r.param("filters[namespace][EQUALS]");
    if (q.ns.isEmpty())
        throw CatalogError::invalidInput(
            QStringLiteral("give the namespace: filters[namespace][EQUALS]=company.team"));
    q.prefix = r.param("filters[key][STARTS_WITH]");
    q.contains = r.param("filters[key][CONTAINS]");
    const PageWindow window = pageWindow(r, 25);
    q.limit = window.size;
    q.offset = window.offset;
    q.withTotal = true;
    if (const QString sort = r.param("sort"); !sort.isEmpty()) {
        const QStringList parts = sort.split(QLatin1Char(':'));
        static const QHash<QString, QString> kestraNames{
            {QStringLiteral("creationDate"), QStringLiteral("created")},
            {QStringLiteral("updateDate"), QStringLiteral("updated")},
            {QStringLiteral("expirationDate"), QStringLiteral("expires")}};
        const std::optional<SortColumn> column =
            parseSortColumn(kestraNames.value(parts.at(0), parts.at(0)));
        if (!column)
            throw CatalogError::invalidInput(
                QStringLiteral("invalid sort '%1': expected a column such as key:asc or "
                               "updateDate:desc")
                    .arg(sort));
        q.sort = *column;
        q.descending = parts.value(1).compare(QLatin1String("desc"), Qt::CaseInsensitive) == 0;
    }
    const KvPage result = m_backend->list(q);
    QByteArray out = "{\"results\":[";
    for (qsizetype i = 0; i < result.entries.size(); ++i)
        out += (i > 0 ? "," : "") + wire::entry(result.entries.at(i), wire::EntryField::Namespace);
    return jsonResponse(out + "],\"total\":" + QByteArray::number(result.total) + '}');
}

http::Response ApiHandler::searchNamespaces(const ApiRequest& r) const
{
    const QString q = r.param("q");
    const PageWindow window = pageWindow(r, 1000);
    QList<NamespaceInfo> all;
    for (const NamespaceInfo& info : m_backend->listNamespaces(QString())) {
        if (q.isEmpty() || info.name.contains(q, Qt::CaseInsensitive))
            all << info;
    }
    QByteArray out = "{\"results\":[";
    const qsizetype from = qsizetype(qMin<qint64>(window.offset, all.size()));
    const qsizetype to = qsizetype(qMin<qint64>(from + window.size, all.size()));
    for (qsizetype i = from; i < to; ++i)
        out += (i > from ? "," : "") + wire::namespaceInfo(all.at(i));
    return jsonResponse(out + "],\"total\":" + QByteArray::number(all.size()) + '}');
}

} // namespace kv::server
