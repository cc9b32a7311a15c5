// Requests and small answers of the HTTP API, and kvdesk-cli's --json summaries. Every field is
// named once (WireFields.h); writer and reader use the same constant, so they cannot drift apart.
#include "domain/CatalogError.h"
#include "domain/IsoDuration.h"
#include "format/WireFields.h"
#include "format/WireFormat.h"

#include <limits>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <utility>

namespace kv::wire {

namespace {

QStringList answerStrings(const QJsonObject& o, const char* name, const char* what)
{
    const QJsonValue v = member(o, name);
    if (!v.isUndefined() && !v.isArray())
        throw CatalogError::internal(QStringLiteral("malformed %1: \"%2\" is not an array")
                                         .arg(QLatin1String(what), QLatin1String(name)));
    QStringList list;
    for (const QJsonValue& item : v.toArray())
        list << item.toString();
    return list;
}

} // namespace

QByteArray keysRequest(const QStringList& keys)
{
    return ObjectWriter().add(field::keys, stringList(keys)).done();
}

QStringList readKeysRequest(QByteArrayView body)
{
    return requestStrings(requestObject(body, "{\"keys\": [\"a\", \"b\"]}"), field::keys);
}

QStringList readKeysAnswer(QByteArrayView json, const char* what)
{
    return answerStrings(object(json, what), field::keys, what);
}

QByteArray expireRequest(const ExpireRequest& r)
{
    return ObjectWriter()
        .add(field::keys, stringList(r.keys))
        .add(field::ttl, r.ttlMs ? string(IsoDuration::fromMilliseconds(*r.ttlMs).toString())
                                 : QByteArrayLiteral("null"))
        .done();
}

ExpireRequest readExpireRequest(QByteArrayView body, const QString& ns)
{
    const QJsonObject o = requestObject(body, "{\"keys\": [\"a\"], \"ttl\": \"PT1H\"}");
    ExpireRequest r;
    r.ns = ns;
    r.keys = requestStrings(o, field::keys);
    if (const QString ttl = requestString(o, field::ttl); !ttl.isEmpty())
        r.ttlMs = IsoDuration::parseTtl(ttl).milliseconds();
    return r;
}

QByteArray restoreRequest(qint64 revision)
{
    return ObjectWriter().add(field::revision, QByteArray::number(revision)).done();
}

qint64 readRestoreRequest(QByteArrayView body)
{
    return requestInteger(requestObject(body, "{\"revision\": 2}"), field::revision).value_or(-1);
}

QByteArray namespaceCreate(const QString& ns, const QString& description)
{
    return ObjectWriter()
        .add(field::id, string(ns))
        .add(field::description, string(description))
        .done();
}

NamespaceInfo readNamespaceCreate(QByteArrayView body)
{
    const QJsonObject o = requestObject(body, "{\"id\": \"company.team\", \"description\": \"\"}");
    NamespaceInfo info;
    info.name = requestString(o, field::id);
    info.description = requestString(o, field::description);
    return info;
}

QList<NamespaceInfo> readNamespaceSearch(QByteArrayView json)
{
    const QJsonObject page = object(json, "namespace search");
    QList<NamespaceInfo> result;
    for (const QJsonValue& v : member(page, field::results).toArray()) {
        NamespaceInfo info;
        info.name = member(v.toObject(), field::id).toString();
        info.description = member(v.toObject(), field::description).toString();
        result << info;
    }
    return result;
}

namespace {

// The value placement members of kvdesk/info and catalog info, when the catalog tells them.
void addPlacement(ObjectWriter& out, std::optional<qint64> inlineLimit,
                  const std::optional<ValuePlacement>& placement)
{
    if (inlineLimit)
        out.add(field::inlineLimit, QByteArray::number(*inlineLimit));
    if (placement) {
        out.add(field::inlineValues, QByteArray::number(placement->inlineValues));
        out.add(field::externalValues, QByteArray::number(placement->externalValues));
    }
}

} // namespace

QByteArray settings(const Settings& s)
{
    ObjectWriter out;
    out.add(field::server, string(s.server))
        .add(field::version, string(s.version))
        .add(field::historyDepth, QByteArray::number(s.historyDepth.value_or(0)))
        .add(field::maxValueBytes, QByteArray::number(s.maxValueBytes.value_or(0)));
    addPlacement(out, s.inlineLimit, s.placement);
    return out.done();
}

Settings readSettings(const QJsonObject& o)
{
    Settings s;
    s.server = member(o, field::server).toString();
    s.version = member(o, field::version).toString();
    if (const QJsonValue v = member(o, field::historyDepth);
        v.isDouble() && v.toDouble() == v.toInt())
        s.historyDepth = v.toInt();
    if (const QJsonValue v = member(o, field::maxValueBytes); v.isDouble())
        s.maxValueBytes = v.toInteger();
    if (const QJsonValue v = member(o, field::inlineLimit); v.isDouble())
        s.inlineLimit = v.toInteger();
    const QJsonValue inlineValues = member(o, field::inlineValues);
    const QJsonValue externalValues = member(o, field::externalValues);
    if (inlineValues.isDouble() && externalValues.isDouble())
        s.placement = ValuePlacement{inlineValues.toInteger(), externalValues.toInteger()};
    return s;
}

Settings readSettings(QByteArrayView json)
{
    return readSettings(QJsonDocument::fromJson(json.toByteArray()).object());
}

QByteArray settingsRequest(std::optional<int> historyDepth, std::optional<qint64> maxValueBytes,
                           std::optional<qint64> inlineLimit)
{
    ObjectWriter out;
    if (historyDepth)
        out.add(field::historyDepth, QByteArray::number(*historyDepth));
    if (maxValueBytes)
        out.add(field::maxValueBytes, QByteArray::number(*maxValueBytes));
    if (inlineLimit)
        out.add(field::inlineLimit, QByteArray::number(*inlineLimit));
    return out.done();
}

Settings readSettingsRequest(QByteArrayView body)
{
    const QJsonObject o = requestObject(body, "{\"historyDepth\": 5, \"maxValueBytes\": 16777216}");
    Settings s;
    if (const std::optional<qint64> depth = requestInteger(o, field::historyDepth))
        s.historyDepth = int(qBound(qint64(-1), *depth, qint64(std::numeric_limits<int>::max())));
    s.maxValueBytes = requestInteger(o, field::maxValueBytes);
    s.inlineLimit = requestInteger(o, field::inlineLimit);
    if (!s.historyDepth && !s.maxValueBytes && !s.inlineLimit)
        throw CatalogError::invalidInput(
            QStringLiteral("give historyDepth or maxValueBytes or inlineLimit"));
    return s;
}

QByteArray errorBody(const QString& message)
{
    return ObjectWriter().add(field::message, string(message)).done();
}

QByteArray problemBody(int status, const QString& title, const QString& message)
{
    return ObjectWriter()
        .add(field::type, string(u"about:blank"))
        .add(field::title, string(title))
        .add(field::status, number(status))
        .add(field::detail, string(message))
        .add(field::message, string(message))
        .done();
}

QString readErrorMessage(QByteArrayView body)
{
    // Kestra 2.0 answers RFC 9457 problem details: the text is in "detail".
    const QJsonObject o = QJsonDocument::fromJson(body.toByteArray()).object();
    const QString message = member(o, field::message).toString();
    return message.isEmpty() ? member(o, field::detail).toString() : message;
}

QByteArray deletedAnswer(bool existed)
{
    return boolean(existed);
}

bool readDeletedAnswer(QByteArrayView json)
{
    return json.trimmed() == boolean(true);
}

QByteArray deleteResult(const DeleteResult& r)
{
    return ObjectWriter()
        .add(field::deleted, stringList(r.deleted))
        .add(field::missing, stringList(r.missing))
        .done();
}

DeleteResult readDeleteResult(QByteArrayView json)
{
    const QJsonObject o = object(json, "delete result");
    return {answerStrings(o, field::deleted, "delete result"),
            answerStrings(o, field::missing, "delete result")};
}

QByteArray ListWriter::element(const QByteArray& json)
{
    const bool first = std::exchange(m_empty, false);
    if (m_layout == Layout::Compact)
        return first ? json : ',' + json;
    return (first ? "\n" : ",\n") + json;
}

QByteArray ListWriter::end() const
{
    return m_layout == Layout::OneALine && !m_empty ? QByteArrayLiteral("\n]")
                                                    : QByteArrayLiteral("]");
}

QByteArray list(const QList<QByteArray>& items)
{
    ListWriter writer;
    QByteArray out = writer.begin();
    for (const QByteArray& item : items)
        out += writer.element(item);
    return out + writer.end();
}

QByteArray results(const QList<QByteArray>& items, qint64 total)
{
    return ObjectWriter()
        .add(field::results, list(items))
        .add(field::total, QByteArray::number(total))
        .done();
}

QByteArray cliNamespace(const NamespaceInfo& ns)
{
    return ObjectWriter()
        .add(field::nsName, string(ns.name))
        .add(field::description, string(ns.description))
        .add(field::keyCount, QByteArray::number(ns.keyCount))
        .add(field::isExplicit, boolean(ns.isExplicit))
        .add(field::creationDate, time(ns.createdAtMs))
        .done();
}

QByteArray cliPurgeResult(const PurgeResult& r)
{
    return ObjectWriter()
        .add(field::dryRun, boolean(r.dryRun))
        .add(field::count, QByteArray::number(r.count))
        .add(field::pairs, pairList(r.pairs))
        .done();
}

QByteArray cliCatalogInfo(const QString& location, const QString& serverApi,
                          std::optional<int> schemaVersion, int historyDepth, qint64 maxValueBytes,
                          std::optional<qint64> inlineLimit,
                          std::optional<ValuePlacement> placement)
{
    ObjectWriter out;
    out.add(field::location, string(location));
    if (!serverApi.isEmpty())
        out.add(field::serverApi, string(serverApi));
    out.add(field::schemaVersion,
            schemaVersion ? QByteArray::number(*schemaVersion) : QByteArrayLiteral("null"))
        .add(field::historyDepth, QByteArray::number(historyDepth))
        .add(field::maxValueBytes, QByteArray::number(maxValueBytes));
    addPlacement(out, inlineLimit, placement);
    return out.done();
}

} // namespace kv::wire
