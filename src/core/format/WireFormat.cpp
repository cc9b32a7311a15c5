#include "format/WireFormat.h"

#include "domain/CatalogError.h"
#include "domain/IsoDuration.h"
#include "domain/JsonScan.h"
#include "domain/JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kv::wire {

namespace {

CatalogError malformed(const char* what, const QString& detail)
{
    return CatalogError::internal(
        QStringLiteral("malformed %1: %2").arg(QLatin1String(what), detail));
}

std::optional<qint64> readTime(const QJsonValue& v, const char* what)
{
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    const std::optional<qint64> ms = parseIsoDateTime(v.toString());
    if (!ms)
        throw malformed(what, QStringLiteral("'%1' is no ISO-8601 time").arg(v.toString()));
    return ms;
}

ValueType readType(const QJsonValue& v, const char* what)
{
    const std::optional<ValueType> type = parseValueType(v.toString());
    if (!type)
        throw malformed(what, QStringLiteral("unknown type '%1'").arg(v.toString()));
    return *type;
}

QList<PurgedPair> readPairList(const QJsonValue& list)
{
    QList<PurgedPair> pairs;
    for (const QJsonValue& v : list.toArray())
        pairs.append(
            {v.toObject().value(u"namespace").toString(), v.toObject().value(u"key").toString()});
    return pairs;
}

QByteArray number(qint64 n)
{
    return QByteArray::number(n);
}

QByteArray boolean(bool b)
{
    return b ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
}

} // namespace

QByteArray pairList(const QList<PurgedPair>& pairs)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < pairs.size(); ++i) {
        if (i > 0)
            out += ',';
        out += "{\"namespace\":" + jsonStringLiteral(pairs.at(i).ns) +
               ",\"key\":" + jsonStringLiteral(pairs.at(i).key) + '}';
    }
    return out + ']';
}

QByteArray string(QStringView text)
{
    return jsonStringLiteral(text);
}

QByteArray time(std::optional<qint64> ms)
{
    return ms ? string(isoUtc(*ms)) : QByteArrayLiteral("null");
}

QJsonObject object(QByteArrayView json, const char* what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (!doc.isObject())
        throw malformed(what, error.error != QJsonParseError::NoError
                                  ? error.errorString()
                                  : QStringLiteral("not an object"));
    return doc.object();
}

QList<QJsonObject> objects(QByteArrayView json, const char* what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (!doc.isArray())
        throw malformed(what, error.error != QJsonParseError::NoError
                                  ? error.errorString()
                                  : QStringLiteral("not an array"));
    QList<QJsonObject> result;
    for (const QJsonValue& v : doc.array())
        result << v.toObject();
    return result;
}

QByteArray entry(const KvEntry& e, EntryFields extra)
{
    QByteArray out = "{";
    if (extra & EntryField::Namespace)
        out += "\"namespace\":" + string(e.ns) + ',';
    out += "\"key\":" + string(e.key) + ",\"type\":" + string(valueTypeName(e.type)) +
           ",\"description\":" + string(e.description) + ",\"size\":" + number(e.size) +
           ",\"revision\":" + number(e.revision) + ",\"creationDate\":" + time(e.createdAtMs) +
           ",\"updateDate\":" + time(e.updatedAtMs) + ",\"expirationDate\":" + time(e.expiresAtMs);
    if (extra & EntryField::Checksum)
        out += ",\"checksum\":" + string(e.checksum);
    if ((extra & EntryField::Value) && e.value)
        out += ",\"value\":" + e.value->toJson();
    return out + '}';
}

KvEntry readEntry(QByteArrayView json, const QString& ns)
{
    const QJsonObject o = object(json, "entry");
    KvEntry e;
    e.ns = o.value(u"namespace").toString(ns);
    e.key = o.value(u"key").toString();
    if (e.key.isEmpty())
        throw malformed("entry", QStringLiteral("no key"));
    e.type = o.contains(u"type") ? readType(o.value(u"type"), "entry") : ValueType::String;
    e.description = o.value(u"description").toString();
    e.size = o.value(u"size").toInteger();
    e.revision = o.value(u"revision").toInteger(1);
    e.checksum = o.value(u"checksum").toString();
    e.createdAtMs = readTime(o.value(u"creationDate"), "entry").value_or(0);
    e.updatedAtMs = readTime(o.value(u"updateDate"), "entry").value_or(e.createdAtMs);
    e.expiresAtMs = readTime(o.value(u"expirationDate"), "entry");
    if (const auto raw = jsonscan::member(json, "value"))
        e.value = KvValue::fromJson(e.type, raw->toByteArray());
    return e;
}

QByteArray typedValue(const KvValue& value)
{
    return "{\"type\":" + string(valueTypeName(value.type())) + ",\"value\":" + value.toJson() +
           '}';
}

KvValue readTypedValue(QByteArrayView json)
{
    const QJsonObject o = object(json, "value");
    const ValueType type = readType(o.value(u"type"), "value");
    const auto raw = jsonscan::member(json, "value");
    if (!raw)
        throw malformed("value", QStringLiteral("no \"value\" member"));
    return KvValue::fromJson(type, raw->toByteArray());
}

QByteArray page(const KvPage& page, EntryFields extra)
{
    QByteArray out = "{\"entries\":[";
    for (qsizetype i = 0; i < page.entries.size(); ++i) {
        if (i > 0)
            out += ',';
        out += entry(page.entries.at(i), extra);
    }
    return out + "],\"total\":" + number(page.total) + '}';
}

KvPage readPage(QByteArrayView json, const QString& ns)
{
    const QJsonObject o = object(json, "page");
    KvPage p;
    p.total = o.value(u"total").toInteger(-1);
    const auto list = jsonscan::member(json, "entries");
    const auto items = list ? jsonscan::elements(*list) : std::nullopt;
    if (!items)
        throw malformed("page", QStringLiteral("no \"entries\" array"));
    for (const QByteArrayView item : *items)
        p.entries << readEntry(item, ns);
    return p;
}

QByteArray revision(const KvRevision& r)
{
    return "{\"revision\":" + number(r.revision) + ",\"type\":" + string(valueTypeName(r.type)) +
           ",\"description\":" + string(r.description) + ",\"size\":" + number(r.size) +
           ",\"updateDate\":" + time(r.writtenAtMs) + ",\"expirationDate\":" + time(r.expiresAtMs) +
           ",\"current\":" + boolean(r.isCurrent) + '}';
}

KvRevision readRevision(const QJsonObject& o)
{
    KvRevision r;
    r.revision = o.value(u"revision").toInteger();
    r.type = readType(o.value(u"type"), "revision");
    r.description = o.value(u"description").toString();
    r.size = o.value(u"size").toInteger();
    r.writtenAtMs = readTime(o.value(u"updateDate"), "revision").value_or(0);
    r.expiresAtMs = readTime(o.value(u"expirationDate"), "revision");
    r.isCurrent = o.value(u"current").toBool();
    return r;
}

QByteArray namespaceInfo(const NamespaceInfo& info)
{
    return "{\"id\":" + string(info.name) + ",\"description\":" + string(info.description) +
           ",\"explicit\":" + boolean(info.isExplicit) +
           ",\"creationDate\":" + time(info.createdAtMs) +
           ",\"keyCount\":" + number(info.keyCount) + '}';
}

NamespaceInfo readNamespaceInfo(const QJsonObject& o)
{
    NamespaceInfo info;
    info.name = o.value(u"id").toString();
    info.description = o.value(u"description").toString();
    info.isExplicit = o.value(u"explicit").toBool();
    info.createdAtMs = readTime(o.value(u"creationDate"), "namespace");
    info.keyCount = o.value(u"keyCount").toInteger();
    return info;
}

QByteArray stats(const NamespaceStats& s)
{
    return "{\"id\":" + string(s.name) + ",\"description\":" + string(s.description) +
           ",\"explicit\":" + boolean(s.isExplicit) + ",\"creationDate\":" + time(s.createdAtMs) +
           ",\"liveCount\":" + number(s.liveCount) + ",\"expiredCount\":" + number(s.expiredCount) +
           ",\"totalSize\":" + number(s.totalSize) + ",\"lastUpdate\":" + time(s.lastUpdateMs) +
           '}';
}

NamespaceStats readStats(QByteArrayView json)
{
    const QJsonObject o = object(json, "namespace statistics");
    NamespaceStats s;
    s.name = o.value(u"id").toString();
    s.description = o.value(u"description").toString();
    s.isExplicit = o.value(u"explicit").toBool();
    s.createdAtMs = readTime(o.value(u"creationDate"), "namespace statistics");
    s.liveCount = o.value(u"liveCount").toInteger();
    s.expiredCount = o.value(u"expiredCount").toInteger();
    s.totalSize = o.value(u"totalSize").toInteger();
    s.lastUpdateMs = readTime(o.value(u"lastUpdate"), "namespace statistics");
    return s;
}

QByteArray stringList(const QStringList& list)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i > 0)
            out += ',';
        out += string(list.at(i));
    }
    return out + ']';
}

QByteArray purgeRequest(const PurgeRequest& r)
{
    return "{\"namespaces\":" + stringList(r.namespaces) +
           ",\"includeChildren\":" + boolean(r.includeChildren) + ",\"all\":" + boolean(r.all) +
           ",\"keyPattern\":" + string(r.keyPattern) +
           ",\"createdBefore\":" + time(r.createdBeforeMs) + ",\"dryRun\":" + boolean(r.dryRun) +
           ",\"collectKeys\":" + boolean(r.collectKeys) + ",\"limit\":" + number(r.limit) + '}';
}

PurgeRequest readPurgeRequest(QByteArrayView json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (!doc.isObject())
        throw CatalogError::invalidInput(
            QStringLiteral("invalid purge request: expected a JSON object such as "
                           "{\"namespaces\": [\"a.b\"], \"all\": false}"));
    const QJsonObject o = doc.object();
    PurgeRequest r;
    for (const QJsonValue& v : o.value(u"namespaces").toArray())
        r.namespaces << v.toString();
    r.includeChildren = o.value(u"includeChildren").toBool();
    r.all = o.value(u"all").toBool();
    r.keyPattern = o.value(u"keyPattern").toString();
    const QJsonValue before = o.value(u"createdBefore");
    if (!before.isNull() && !before.isUndefined()) {
        r.createdBeforeMs = parseIsoDateTime(before.toString());
        if (!r.createdBeforeMs)
            throw CatalogError::invalidInput(
                QStringLiteral("invalid createdBefore '%1': expected ISO-8601 with an offset")
                    .arg(before.toString()));
    }
    r.dryRun = o.value(u"dryRun").toBool();
    r.collectKeys = o.value(u"collectKeys").toBool();
    r.limit = qMax<qint64>(0, o.value(u"limit").toInteger(0));
    return r;
}

QByteArray purgeResult(const PurgeResult& r)
{
    return "{\"count\":" + number(r.count) + ",\"dryRun\":" + boolean(r.dryRun) +
           ",\"cancelled\":" + boolean(r.cancelled) + ",\"pairs\":" + pairList(r.pairs) + '}';
}

PurgeResult readPurgeResult(QByteArrayView json)
{
    const QJsonObject o = object(json, "purge result");
    PurgeResult r;
    r.count = o.value(u"count").toInteger();
    r.dryRun = o.value(u"dryRun").toBool();
    r.cancelled = o.value(u"cancelled").toBool();
    r.pairs = readPairList(o.value(u"pairs"));
    return r;
}

QByteArray fsckRequest(const FsckRequest& r)
{
    return "{\"repair\":" + boolean(r.repair) + ",\"verify\":" + boolean(r.verify) +
           ",\"grace\":" + string(IsoDuration::fromMilliseconds(r.graceMs).toString()) + '}';
}

FsckRequest readFsckRequest(const QJsonObject& o)
{
    FsckRequest r;
    r.repair = o.value(u"repair").toBool();
    r.verify = o.value(u"verify").toBool();
    if (const QString grace = o.value(u"grace").toString(); !grace.isEmpty())
        r.graceMs = IsoDuration::parseValue(grace).milliseconds();
    return r;
}

QByteArray fsckReport(const FsckReport& r)
{
    return "{\"clean\":" + boolean(r.isClean()) + ",\"orphans\":" + stringList(r.orphans) +
           ",\"dangling\":" + pairList(r.dangling) +
           ",\"danglingRevisions\":" + stringList(r.danglingRevisions) +
           ",\"corrupt\":" + stringList(r.corrupt) + ",\"invalidIds\":" + stringList(r.invalidIds) +
           ",\"valueFiles\":" + number(r.valueFiles) + ",\"rows\":" + number(r.rows) +
           ",\"repaired\":" + boolean(r.repaired) + '}';
}

FsckReport readFsckReport(QByteArrayView json)
{
    const QJsonObject o = object(json, "consistency report");
    auto strings = [&o](QStringView name) {
        QStringList list;
        for (const QJsonValue& v : o.value(name).toArray())
            list << v.toString();
        return list;
    };
    FsckReport r;
    r.orphans = strings(u"orphans");
    r.dangling = readPairList(o.value(u"dangling"));
    r.danglingRevisions = strings(u"danglingRevisions");
    r.corrupt = strings(u"corrupt");
    r.invalidIds = strings(u"invalidIds");
    r.valueFiles = o.value(u"valueFiles").toInteger();
    r.rows = o.value(u"rows").toInteger();
    r.repaired = o.value(u"repaired").toBool();
    return r;
}

QByteArray importResult(const ImportResult& r)
{
    return "{\"imported\":" + number(r.imported) +
           ",\"skippedExpired\":" + number(r.skippedExpired) +
           ",\"skippedConflicts\":" + number(r.skippedConflicts) +
           ",\"cancelled\":" + boolean(r.cancelled) + '}';
}

ImportResult readImportResult(QByteArrayView json)
{
    const QJsonObject o = object(json, "import result");
    ImportResult r;
    r.imported = o.value(u"imported").toInteger();
    r.skippedExpired = o.value(u"skippedExpired").toInteger();
    r.skippedConflicts = o.value(u"skippedConflicts").toInteger();
    r.cancelled = o.value(u"cancelled").toBool();
    return r;
}

} // namespace kv::wire
