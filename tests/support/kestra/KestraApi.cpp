// Kestra's KV API, profile by profile. Sources (kestra-io/kestra):
//   [KV-0.20]  webserver/…/controllers/api/KVController.java at v0.20.7 (the mirror's tag)
//   [KV-1.0]   the same file with a {tenant} segment, description header and /inheritance
//              (the stored 7,009-character version; the generation before 1.1)
//   [KV-1.x]   the same file as @Controller("/api/v1/{tenant}") with the paged GET /kv, the
//              text/plain PUT and KvDetail built from kvEntry.version() (8,928 characters)
//   [KV-2.0]   the same file with SORT_FIELDS, KvDetail from kvEntry.revision() and no
//              GET /namespaces/{ns}/kv (11,208 characters)
//   [KVEntry]  core/…/storages/kv/KVEntry.java: (key, creationDate, updateDate, expirationDate)
//              at v0.20.7; (namespace, key, version, description, …) in 1.x
//   [Test]     webserver/…/KVControllerTest.java at v0.20.7 (messages of 404, 410, 422)
//   [Misc]     MiscController.java: GET /api/v1{/tenant}/configs at v0.20.7, /api/v1/configs
//              in 1.x; both answer the server's "version"
//   [Problem]  kestra-io/kestra pull request 17912 (2.0, "adopt RFC 9457 problem details as the
//              single API error format"): application/problem+json from ErrorController;
//              before, Micronaut's JsonError with "<reason>: <detail>" in "message"
#include "KestraApi.h"

#include "domain/CatalogTypes.h"
#include "domain/IsoDuration.h"
#include "domain/Rules.h"
#include "format/ValueBody.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QSet>

namespace kvtest {

QString versionOf(KestraProfile profile)
{
    switch (profile) {
    case KestraProfile::V0_20:
        return QStringLiteral("0.20.7");
    case KestraProfile::V1_1:
        return QStringLiteral("1.1.0");
    case KestraProfile::V1_1_4:
        return QStringLiteral("1.1.4");
    case KestraProfile::V1_2_5:
        return QStringLiteral("1.2.5");
    case KestraProfile::V2_0:
        return QStringLiteral("2.0.0");
    }
    return {};
}

QString nameOf(KestraProfile profile)
{
    return QStringLiteral("Kestra ") + versionOf(profile);
}

namespace {

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

KestraResponse ok(QByteArray body, QByteArray type = QByteArrayLiteral("application/json"))
{
    return {200, std::move(type), std::move(body), {}};
}

QString time(qint64 ms)
{
    return kv::isoUtc(ms);
}

} // namespace

KestraApi::KestraApi(KestraProfile profile, std::shared_ptr<const kv::Clock> clock)
    : m_profile(profile)
    , m_clock(std::move(clock))
{
}

QStringList KestraApi::requestLog() const
{
    const QMutexLocker lock(&m_mutex);
    return m_log;
}

void KestraApi::clearRequestLog()
{
    const QMutexLocker lock(&m_mutex);
    m_log.clear();
}

void KestraApi::setProfile(KestraProfile profile)
{
    const QMutexLocker lock(&m_mutex);
    m_profile = profile;
}

void KestraApi::hideVersion()
{
    const QMutexLocker lock(&m_mutex);
    m_versionHidden = true;
}

void KestraApi::missTextSearches()
{
    const QMutexLocker lock(&m_mutex);
    m_textSearchMisses = true;
}

void KestraApi::failNext(int count, int status)
{
    const QMutexLocker lock(&m_mutex);
    m_failures = count;
    m_failureStatus = status;
}

bool KestraApi::live(const Pair& pair) const
{
    return !pair.expiresMs || *pair.expiresMs > m_clock->nowMs();
}

KestraResponse KestraApi::error(int status, const QString& message) const
{
    static const QHash<int, QString> titles{{404, QStringLiteral("Not Found")},
                                            {405, QStringLiteral("Method Not Allowed")},
                                            {410, QStringLiteral("Resource has expired")},
                                            {415, QStringLiteral("Unsupported Media Type")},
                                            {422, QStringLiteral("Illegal argument")},
                                            {500, QStringLiteral("Internal Server Error")}};
    const QString title = titles.value(status, QStringLiteral("Error"));
    if (atLeast(KestraProfile::V2_0)) {
        // [Problem] 2.0: RFC 9457 problem details, the text in "detail", no "message".
        QJsonObject o{{QStringLiteral("type"), QStringLiteral("about:blank")},
                      {QStringLiteral("title"), title},
                      {QStringLiteral("status"), status},
                      {QStringLiteral("detail"), message}};
        return {status, QByteArrayLiteral("application/problem+json"), json(o), {}};
    }
    // ≤ 1.x: Micronaut's JsonError, "<reason>: <text>" in "message" ([Test] getNotFound,
    // [Problem]).
    QJsonObject o{{QStringLiteral("message"), title + QStringLiteral(": ") + message}};
    return {status, QByteArrayLiteral("application/json"), json(o), {}};
}

QByteArray KestraApi::entry(const QString& ns, const QString& key, const Pair& p) const
{
    QJsonObject o;
    // [KVEntry]: the namespace from 1.2.5 on (issue 12), "version" in 1.x, "revision" in 2.0
    // ([KV-2.0] SORT_FIELDS maps the entry field "revision" to the property "version").
    if (atLeast(KestraProfile::V1_2_5))
        o.insert(QStringLiteral("namespace"), ns);
    o.insert(QStringLiteral("key"), key);
    if (atLeast(KestraProfile::V2_0))
        o.insert(QStringLiteral("revision"), p.version);
    else if (atLeast(KestraProfile::V1_1))
        o.insert(QStringLiteral("version"), p.version);
    if (!p.description.isEmpty())
        o.insert(QStringLiteral("description"), p.description);
    o.insert(QStringLiteral("creationDate"), time(p.createdMs));
    o.insert(QStringLiteral("updateDate"), time(p.updatedMs));
    if (p.expiresMs) // Kestra's mapper leaves null members out
        o.insert(QStringLiteral("expirationDate"), time(*p.expiresMs));
    return json(o);
}

KestraResponse KestraApi::handle(const KestraRequest& r)
{
    QString logLine = QString::fromLatin1(r.method) + QStringLiteral(" /api/v1/") +
                      r.segments.join(QLatin1Char('/'));
    if (!r.query.isEmpty())
        logLine += QLatin1Char('?') + r.query.toString(QUrl::FullyDecoded);
    const QMutexLocker lock(&m_mutex);
    m_log << logLine;
    if (m_failures > 0) {
        --m_failures;
        return {m_failureStatus, QByteArrayLiteral("text/html"), "<html>Bad Gateway</html>", {}};
    }
    if (r.segments == QStringList{QStringLiteral("configs")} && m_versionHidden)
        return error(404, QStringLiteral("Page Not Found"));
    if (r.segments == QStringList{QStringLiteral("configs")}) // [Misc]
        return ok(json({{QStringLiteral("version"), versionOf(m_profile)},
                        {QStringLiteral("isBasicAuthEnabled"), false}}));
    if (r.segments.value(0) == QLatin1String("namespaces")) {
        // [KV-0.20]: @Controller("/api/v1/namespaces/{namespace}/kv"), no tenant; from 1.0 on
        // every route has one ([KV-1.0]).
        if (m_profile != KestraProfile::V0_20)
            return error(404, QStringLiteral("Page Not Found"));
        return route(r, r.segments);
    }
    // The tenant: Kestra's open-source edition has the one tenant "main".
    if (r.segments.value(0) != QLatin1String("main"))
        return error(404, QStringLiteral("Page Not Found"));
    const QStringList path = r.segments.mid(1);
    if (path == QStringList{QStringLiteral("configs")} && m_profile == KestraProfile::V0_20)
        return ok(json({{QStringLiteral("version"), versionOf(m_profile)}})); // [Misc] {/tenant}
    return route(r, path);
}

KestraResponse KestraApi::route(const KestraRequest& r, const QStringList& p)
{
    const QByteArray& m = r.method;
    if (p == QStringList{QStringLiteral("kv")} && m == "GET" && atLeast(KestraProfile::V1_1_4))
        return search(r.query); // [KV-1.x] listAllKeys
    if (p.size() == 2 && p[0] == QLatin1String("namespaces") && p[1] == QLatin1String("search") &&
        m == "GET")
        return namespaces(r.query);
    if (p.size() < 3 || p[0] != QLatin1String("namespaces") || p[2] != QLatin1String("kv"))
        return error(404, QStringLiteral("Page Not Found"));
    const QString& ns = p[1];
    if (p.size() == 3) {
        if (m == "DELETE")
            return removeMany(r, ns);
        if (m == "GET" && !atLeast(KestraProfile::V2_0))
            return list(ns);
        // [KV-2.0] has no GET on this path, only the bulk DELETE: Micronaut answers 405. (The
        // stored [KV-1.x] has none either, so the removal may predate 2.0; issue 12 dates it to
        // 2.0. The client reads it only before 1.1.4, where no search exists.)
        KestraResponse answer =
            error(405, QStringLiteral("Method [%1] not allowed for URI [/api/v1/main/namespaces/"
                                      "%2/kv]. Allowed methods: [DELETE]")
                           .arg(QString::fromLatin1(m), ns));
        answer.headers.append(qMakePair(QByteArrayLiteral("Allow"), QByteArrayLiteral("DELETE")));
        return answer;
    }
    if (p.size() != 4)
        return error(404, QStringLiteral("Page Not Found"));
    const QString& key = p[3];
    if (key == QLatin1String("inheritance") && m == "GET" && atLeast(KestraProfile::V1_2_5))
        return inheritance(ns);
    // [Test] illegalKey: every route on a key checks it first (422).
    if (!kv::rules::isValidKey(key))
        return error(422, QStringLiteral("Key must start with an alphanumeric character "
                                         "(uppercase or lowercase) and can contain alphanumeric "
                                         "characters (uppercase or lowercase), dots (.), "
                                         "underscores (_), and hyphens (-) only."));
    if (m == "GET")
        return get(ns, key);
    if (m == "PUT")
        return put(r, ns, key);
    if (m == "DELETE")
        return remove(ns, key);
    return error(405, QStringLiteral("Method [%1] not allowed").arg(QString::fromLatin1(m)));
}

KestraResponse KestraApi::list(const QString& ns)
{
    // [KV-0.20] list(): every live pair of the namespace, whole, as a JSON array.
    QByteArray out = "[";
    for (const auto& [k, pair] : m_pairs) {
        if (k.first == ns && live(pair))
            out += (out.size() > 1 ? "," : "") + entry(k.first, k.second, pair);
    }
    return ok(out + ']');
}

KestraResponse KestraApi::inheritance(const QString& ns)
{
    // [KV-2.0] listKeysWithInheritence: the parents' pairs, nearest parent first, each key once.
    QByteArray out = "[";
    QSet<QString> seen;
    for (QString parent = kv::rules::parentNamespace(ns); !parent.isEmpty();
         parent = kv::rules::parentNamespace(parent)) {
        for (const auto& [k, pair] : m_pairs) {
            if (k.first == parent && live(pair) && !seen.contains(k.second)) {
                seen.insert(k.second);
                out += (out.size() > 1 ? "," : "") + entry(k.first, k.second, pair);
            }
        }
    }
    return ok(out + ']');
}

KestraResponse KestraApi::get(const QString& ns, const QString& key)
{
    const auto it = m_pairs.find({ns, key});
    if (it == m_pairs.end())
        return error(404, QStringLiteral("No value found for key '%1' in namespace '%2'")
                              .arg(key, ns)); // [Test] getNotFound
    if (!live(it->second))
        return error(410, QStringLiteral("The requested value has expired")); // [Test] getExpired
    const Pair& p = it->second;
    // [KV-0.20] TypedValue(type, value); [KV-1.x] KvDetail(type, value, revision, updated).
    QByteArray out = "{\"type\":\"" + kv::valueTypeName(p.value.type()).toLatin1() +
                     "\",\"value\":" + p.value.toJson();
    if (atLeast(KestraProfile::V1_2_5))
        out += ",\"revision\":" + QByteArray::number(p.version) + ",\"updated\":\"" +
               time(p.updatedMs).toLatin1() + '"';
    return ok(out + '}');
}

KestraResponse KestraApi::put(const KestraRequest& r, const QString& ns, const QString& key)
{
    const QByteArray type = r.headers.value("content-type").split(';').value(0).trimmed();
    // [KV-0.20] consumes JSON or text; [KV-1.x] consumes = { MediaType.TEXT_PLAIN } alone.
    const bool accepted = atLeast(KestraProfile::V1_1) ? type == "text/plain"
                                                       : type.isEmpty() || type == "text/plain" ||
                                                             type == "application/json";
    if (!accepted)
        return error(415, QStringLiteral("Content Type [%1] not allowed. Allowed types: [%2]")
                              .arg(QString::fromLatin1(type),
                                   atLeast(KestraProfile::V1_1)
                                       ? QStringLiteral("text/plain")
                                       : QStringLiteral("application/json, text/plain")));
    const qint64 now = m_clock->nowMs();
    std::optional<qint64> expires;
    if (r.headers.contains("ttl")) {
        // Duration.parse: ISO-8601 durations, case-insensitive.
        kv::IsoDuration ttl;
        QString problem;
        if (!kv::IsoDuration::tryParse(QString::fromLatin1(r.headers.value("ttl")).toUpper(), false,
                                       &ttl, &problem))
            return error(422, QStringLiteral("Text cannot be parsed to a Duration"));
        expires = now + ttl.milliseconds();
    }
    // The body's type by Kestra's Ion reading (ValueBody.h holds these rules for us).
    kv::KvValue value;
    try {
        value = kv::valueFromBody(r.body, std::nullopt);
    } catch (const std::exception&) {
        return error(422, QStringLiteral("Invalid value"));
    }
    // [KV-0.20]: text that is no JSON/Ion is refused; [KV-1.x] stores it as a string.
    if (!atLeast(KestraProfile::V1_1) && value.type() == kv::ValueType::String &&
        !r.body.trimmed().startsWith('"'))
        return error(422,
                     QStringLiteral("Invalid JSON value for: %1").arg(QString::fromUtf8(r.body)));
    Pair& p = m_pairs[{ns, key}];
    const bool existed = p.createdMs != 0 && live(p);
    p.version = existed ? p.version + 1 : 1;
    p.createdMs = existed ? p.createdMs : now;
    p.updatedMs = now;
    p.value = value;
    p.expiresMs = expires;
    // new KVMetadata(description, ttl): the PUT replaces the metadata, so no header clears it.
    p.description = QString::fromUtf8(r.headers.value("description"));
    return {200, {}, {}, {}};
}

KestraResponse KestraApi::remove(const QString& ns, const QString& key)
{
    // [KV-0.20] delete(): true when a pair was there (an expired one too: it is a file).
    const bool existed = m_pairs.erase({ns, key}) > 0;
    return ok(existed ? "true" : "false");
}

KestraResponse KestraApi::removeMany(const KestraRequest& r, const QString& ns)
{
    // [KV-0.20] deleteKeys(): {"keys": [...]} in, the keys that were deleted out.
    QJsonArray deleted;
    for (const QJsonValue& k :
         QJsonDocument::fromJson(r.body).object().value(QStringLiteral("keys")).toArray()) {
        if (m_pairs.erase({ns, k.toString()}) > 0)
            deleted.append(k);
    }
    return ok(json({{QStringLiteral("keys"), deleted}}));
}

KestraResponse KestraApi::namespaces(const QUrlQuery& query)
{
    // NamespaceController search: {results: [{id}], total}; here the namespaces with pairs.
    QStringList names;
    for (const auto& [k, pair] : m_pairs) {
        if (live(pair) && !names.contains(k.first))
            names << k.first;
    }
    const QString q = query.queryItemValue(QStringLiteral("q"));
    names.removeIf([&q](const QString& n) { return !n.contains(q); });
    QJsonArray results;
    for (const QString& n : names)
        results.append(QJsonObject{{QStringLiteral("id"), n}});
    return ok(
        json({{QStringLiteral("results"), results}, {QStringLiteral("total"), int(names.size())}}));
}

} // namespace kvtest
