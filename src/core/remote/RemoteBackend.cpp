// RemoteBackend: HTTP plumbing, errors, the server's API generation, and the pairs (set, get,
// list, remove, expire, history, restore) over our extensions. Namespaces and bulk work:
// RemoteBackendBulk.cpp. Kestra's routes: RemoteBackendPlain.cpp (whole lists) and
// RemoteBackendSearch.cpp (the paged search, writes).
#include "remote/RemoteBackend.h"

#include "domain/CatalogError.h"
#include "format/ValueBody.h"
#include "format/WireFormat.h"

#include <QJsonObject>
#include <QMutexLocker>

namespace kv {

namespace {

QString serverMessage(const QByteArray& body)
{
    const QString message = wire::readErrorMessage(body);
    if (!message.isEmpty())
        return message;
    return QString::fromUtf8(body.left(300)).trimmed();
}

ErrorCode codeOf(int status)
{
    switch (status) {
    case 400:
    case 413:
    case 422:
        return ErrorCode::InvalidInput;
    case 401:
    case 403:
        return ErrorCode::Unauthorized;
    case 404:
        return ErrorCode::NotFound;
    case 409:
        return ErrorCode::Conflict;
    case 410:
        return ErrorCode::Expired;
    case 501:
        return ErrorCode::Unsupported;
    case 502:
    case 503:
    case 504:
        return ErrorCode::Unavailable;
    default:
        return ErrorCode::Internal;
    }
}

} // namespace

RemoteBackend::RemoteBackend(RemoteConnection connection)
    : m_http(std::move(connection))
{
}

QString RemoteBackend::location() const
{
    return m_http.connection().displayUrl();
}

QString RemoteBackend::path(const QStringList& segments) const
{
    // An empty tenant: Kestra's routes without one (0.2x and earlier have no other).
    QString p = QStringLiteral("/api/v1");
    if (!m_http.connection().tenant.isEmpty())
        p += QLatin1Char('/') +
             QString::fromLatin1(QUrl::toPercentEncoding(m_http.connection().tenant));
    for (const QString& s : segments)
        p += QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(s));
    return p;
}

QString RemoteBackend::extensionPath(const QStringList& segments) const
{
    return path(QStringList{QStringLiteral("kvdesk")} + segments);
}

QByteArray RemoteBackend::call(const QByteArray& method, const QString& target,
                               const QUrlQuery& query, const QByteArray& body,
                               const HttpClient::Headers& headers) const
{
    return replyBody(m_http.send(method, target, query, body, headers));
}

QByteArray RemoteBackend::replyBody(const HttpReply& reply) const
{
    if (reply.status >= 200 && reply.status < 300)
        return reply.body;
    // A route or a content type the generation was thought to have: ask again next time.
    if (reply.status == 405 || reply.status == 415)
        forgetApi();
    QString message = serverMessage(reply.body);
    if (message.isEmpty())
        message = QStringLiteral("HTTP %1").arg(reply.status);
    if (reply.status == 401 || reply.status == 403)
        message =
            (m_http.connection().auth == RemoteConnection::Auth::None
                 ? QStringLiteral("%1 needs credentials (a user and password, or a token): %2")
                 : QStringLiteral("%1 refused the credentials: %2"))
                .arg(m_http.connection().displayUrl(), message);
    throw CatalogError(codeOf(reply.status), message);
}

void RemoteBackend::probe() const
{
    (void)serverApi();
}

ServerApi RemoteBackend::serverApi() const
{
    const QMutexLocker lock(&m_probeMutex);
    if (!m_api)
        m_api = detectApi(); // throws without remembering anything
    return *m_api;
}

std::optional<ServerApi> RemoteBackend::knownServerApi() const
{
    const QMutexLocker lock(&m_probeMutex);
    return m_api;
}

void RemoteBackend::learnApi(const ServerApi& api) const
{
    const QMutexLocker lock(&m_probeMutex);
    m_api = api;
}

void RemoteBackend::forgetApi() const
{
    const QMutexLocker lock(&m_probeMutex);
    m_api.reset();
}

ServerApi RemoteBackend::detectApi() const
{
    // Only an answer that tells is taken: a 5xx, 408 or 429 (a proxy, a restart) is thrown and
    // the next call asks again.
    const auto conclusive = [this](const HttpReply& reply, const QString& what) {
        if (reply.status == 401 || reply.status == 403)
            call("GET", what); // throws Unauthorized with the server's message
        if (reply.status >= 500 || reply.status == 408 || reply.status == 429)
            throw CatalogError::unavailable(
                QStringLiteral("cannot tell which API %1 speaks: GET %2 answered HTTP %3")
                    .arg(location(), what)
                    .arg(reply.status));
    };
    // 1. kvdesk-server names itself in kvdesk/info.
    const QString infoPath = extensionPath({QStringLiteral("info")});
    const HttpReply reply = m_http.send("GET", infoPath);
    conclusive(reply, infoPath);
    const wire::Settings info = wire::readSettings(reply.body);
    if (reply.status == 200 && info.server == QLatin1String(wire::ourServerName)) {
        readInfo(info);
        return {ApiGeneration::KvDesk, info.version};
    }
    // 2. Kestra tells its version in GET /api/v1/configs (MiscController; open without login).
    const QString configsPath = QStringLiteral("/api/v1/configs");
    const HttpReply configs = m_http.send("GET", configsPath);
    conclusive(configs, configsPath);
    if (configs.status == 200) {
        const QString version = wire::readSettings(configs.body).version;
        if (const std::optional<ApiGeneration> generation = ServerApi::ofKestraVersion(version))
            return {*generation, version};
    }
    // 3. No version: the paged search route (1.1.4 on) answers anything but 404 and 405.
    const QString searchPath = path({QStringLiteral("kv")});
    QUrlQuery one;
    wire::addQueryText(one, wire::param::size, QStringLiteral("1"));
    const HttpReply search = m_http.send("GET", searchPath, one);
    conclusive(search, searchPath);
    return {search.status == 404 || search.status == 405 ? ApiGeneration::Kestra10
                                                         : ApiGeneration::Kestra114,
            QString()};
}

void RemoteBackend::readInfo(const wire::Settings& info) const
{
    m_historyDepth = info.historyDepth.value_or(m_historyDepth.load());
    m_maxValueBytes = info.maxValueBytes.value_or(m_maxValueBytes.load());
}

bool RemoteBackend::hasExtensions() const
{
    return !serverApi().isKestra();
}

namespace {

const char* featureText(RemoteBackend::Feature feature)
{
    switch (feature) {
    case RemoteBackend::Feature::History:
        return "revision history";
    case RemoteBackend::Feature::Expiration:
        return "changing expirations";
    case RemoteBackend::Feature::Purge:
        return "purging (Kestra purges expired pairs on its own schedule)";
    case RemoteBackend::Feature::Import:
        return "importing CSV files";
    case RemoteBackend::Feature::Namespaces:
        return "creating or deleting namespaces (Kestra creates them with flows)";
    }
    return "";
}

QString unsupportedMessage(const QString& location, const ServerApi& api, const char* what)
{
    return QStringLiteral("%1 is a plain Kestra server (%2): it does not offer %3")
        .arg(location, api.name(), QLatin1String(what));
}

} // namespace

void RemoteBackend::unsupported(const char* what) const
{
    throw CatalogError(ErrorCode::Unsupported, unsupportedMessage(location(), serverApi(), what));
}

void RemoteBackend::unsupported(Feature feature) const
{
    unsupported(featureText(feature));
}

QString RemoteBackend::unsupportedReason(Feature feature) const
{
    const std::optional<ServerApi> api = knownServerApi();
    if (!api || !api->isKestra())
        return QString();
    return unsupportedMessage(location(), *api, featureText(feature));
}

KvEntry RemoteBackend::doSet(const SetRequest& r)
{
    const ServerApi api = serverApi();
    if (api.isKestra())
        return kestraSet(r, api);
    // The server checks the value's size against its catalog's limit.
    const QByteArray body =
        call("PUT", path({QStringLiteral("namespaces"), r.ns, QStringLiteral("kv"), r.key}), {},
             bodyFromValue(r.value), putHeaders(r));
    KvEntry e = wire::readEntry(body, r.ns);
    e.ns = r.ns;
    e.value = r.value;
    return e;
}

KvEntry RemoteBackend::doGet(const QString& ns, const QString& key)
{
    const ServerApi api = serverApi();
    if (api.pagedSearch())
        return searchGet(ns, key);
    if (api.isKestra())
        return plainGet(ns, key);
    return wire::readEntry(
        call("GET", extensionPath({QStringLiteral("namespaces"), ns, QStringLiteral("kv"), key})),
        ns);
}

KvPage RemoteBackend::doList(const ListQuery& q)
{
    const ServerApi api = serverApi();
    if (api.pagedSearch())
        return searchList(q);
    if (api.isKestra())
        return plainList(q);
    return wire::readPage(
        call("GET", extensionPath({QStringLiteral("namespaces"), q.ns, QStringLiteral("kv")}),
             wire::listQuery(q)),
        q.ns);
}

DeleteResult RemoteBackend::doRemove(const QString& ns, const QStringList& keys,
                                     bool errorOnMissing)
{
    DeleteResult result;
    if (!hasExtensions()) {
        if (errorOnMissing)
            unsupported("deleting only when every key exists");
        for (const QString& key : keys) {
            const QByteArray answer =
                call("DELETE", path({QStringLiteral("namespaces"), ns, QStringLiteral("kv"), key}));
            (wire::readDeletedAnswer(answer) ? result.deleted : result.missing) << key;
        }
        return result;
    }
    QUrlQuery query;
    if (errorOnMissing)
        wire::addQueryFlag(query, wire::param::errorOnMissing);
    const QByteArray answer =
        call("DELETE", extensionPath({QStringLiteral("namespaces"), ns, QStringLiteral("kv")}),
             query, wire::keysRequest(keys));
    return wire::readDeleteResult(answer);
}

QStringList RemoteBackend::doExpire(const ExpireRequest& r)
{
    if (!hasExtensions())
        unsupported(Feature::Expiration);
    const QByteArray answer =
        call("POST", extensionPath({QStringLiteral("namespaces"), r.ns, QStringLiteral("expire")}),
             {}, wire::expireRequest(r));
    return wire::readKeysAnswer(answer, "expire result");
}

QList<KvRevision> RemoteBackend::doHistory(const QString& ns, const QString& key)
{
    if (!hasExtensions())
        unsupported(Feature::History);
    QList<KvRevision> revisions;
    for (const QJsonObject& o : wire::objects(
             call("GET", extensionPath({QStringLiteral("namespaces"), ns, QStringLiteral("kv"), key,
                                        QStringLiteral("history")})),
             "history"))
        revisions << wire::readRevision(o);
    return revisions;
}

KvEntry RemoteBackend::doRestore(const QString& ns, const QString& key, qint64 revision)
{
    if (!hasExtensions())
        unsupported(Feature::History);
    KvEntry e =
        wire::readEntry(call("POST",
                             extensionPath({QStringLiteral("namespaces"), ns, QStringLiteral("kv"),
                                            key, QStringLiteral("restore")}),
                             {}, wire::restoreRequest(revision)),
                        ns);
    return e;
}

} // namespace kv
