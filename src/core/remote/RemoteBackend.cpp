// RemoteBackend: HTTP plumbing, errors, and the pairs (set, get, list, remove, expire, history,
// restore) over our extensions. Namespaces and bulk work: RemoteBackendBulk.cpp. The plain
// Kestra fallbacks: RemoteBackendPlain.cpp.
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
    QString p = QStringLiteral("/api/v1/") +
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
    const HttpReply reply = m_http.send(method, target, query, body, headers);
    if (reply.status >= 200 && reply.status < 300)
        return reply.body;
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
    if (m_extensions.load() >= 0)
        return;
    const QMutexLocker lock(&m_probeMutex);
    if (m_extensions.load() >= 0)
        return;
    const HttpReply reply = m_http.send("GET", extensionPath({QStringLiteral("info")}));
    if (reply.status == 401 || reply.status == 403)
        call("GET", extensionPath({QStringLiteral("info")})); // throws Unauthorized
    const wire::Settings info = wire::readSettings(reply.body);
    const bool ours = reply.status == 200 && info.server == QLatin1String(wire::ourServerName);
    if (ours)
        readInfo(info);
    m_extensions = ours ? 1 : 0;
}

void RemoteBackend::readInfo(const wire::Settings& info) const
{
    m_historyDepth = info.historyDepth.value_or(m_historyDepth.load());
    m_maxValueBytes = info.maxValueBytes.value_or(m_maxValueBytes.load());
}

bool RemoteBackend::hasExtensions() const
{
    probe();
    return m_extensions.load() == 1;
}

void RemoteBackend::unsupported(const char* what) const
{
    throw CatalogError(ErrorCode::Unsupported,
                       QStringLiteral("%1 is a plain Kestra server: it does not offer %2")
                           .arg(location(), QLatin1String(what)));
}

KvEntry RemoteBackend::doSet(const SetRequest& r)
{
    // The server checks the value's size against its catalog's limit.
    const QByteArray body =
        call("PUT", path({QStringLiteral("namespaces"), r.ns, QStringLiteral("kv"), r.key}), {},
             bodyFromValue(r.value), putHeaders(r));
    KvEntry e;
    if (hasExtensions()) {
        e = wire::readEntry(body, r.ns);
    } else {
        e = plainGet(r.ns, r.key); // Kestra answers a PUT without the metadata
    }
    e.ns = r.ns;
    e.value = r.value;
    return e;
}

KvEntry RemoteBackend::doGet(const QString& ns, const QString& key)
{
    if (!hasExtensions())
        return plainGet(ns, key);
    return wire::readEntry(
        call("GET", extensionPath({QStringLiteral("namespaces"), ns, QStringLiteral("kv"), key})),
        ns);
}

KvPage RemoteBackend::doList(const ListQuery& q)
{
    if (!hasExtensions())
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
        unsupported("changing expirations");
    const QByteArray answer =
        call("POST", extensionPath({QStringLiteral("namespaces"), r.ns, QStringLiteral("expire")}),
             {}, wire::expireRequest(r));
    return wire::readKeysAnswer(answer, "expire result");
}

QList<KvRevision> RemoteBackend::doHistory(const QString& ns, const QString& key)
{
    if (!hasExtensions())
        unsupported("revision history");
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
        unsupported("restoring revisions");
    KvEntry e =
        wire::readEntry(call("POST",
                             extensionPath({QStringLiteral("namespaces"), ns, QStringLiteral("kv"),
                                            key, QStringLiteral("restore")}),
                             {}, wire::restoreRequest(revision)),
                        ns);
    return e;
}

} // namespace kv
