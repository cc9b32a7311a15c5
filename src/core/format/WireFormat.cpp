#include "format/WireFormat.h"

#include "domain/CatalogError.h"
#include "domain/JsonScan.h"
#include "domain/JsonText.h"
#include "format/WireFields.h"

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

} // namespace

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
    ObjectWriter out;
    if (extra & EntryField::Namespace)
        out.add(field::nsName, string(e.ns));
    out.add(field::key, string(e.key))
        .add(field::type, string(valueTypeName(e.type)))
        .add(field::description, string(e.description))
        .add(field::size, number(e.size))
        .add(field::revision, number(e.revision))
        .add(field::creationDate, time(e.createdAtMs))
        .add(field::updateDate, time(e.updatedAtMs))
        .add(field::expirationDate, time(e.expiresAtMs));
    if (extra & EntryField::Checksum)
        out.add(field::checksum, string(e.checksum));
    if ((extra & EntryField::Value) && e.value)
        out.add(field::value, e.value->toJson());
    return out.done();
}

KvEntry readEntry(QByteArrayView json, const QString& ns)
{
    const QJsonObject o = object(json, "entry");
    KvEntry e;
    e.ns = member(o, field::nsName).toString(ns);
    e.key = member(o, field::key).toString();
    if (e.key.isEmpty())
        throw malformed("entry", QStringLiteral("no key"));
    e.type = o.contains(QLatin1String(field::type)) ? readType(member(o, field::type), "entry")
                                                    : ValueType::String;
    e.description = member(o, field::description).toString();
    e.size = member(o, field::size).toInteger();
    // Kestra 1.x calls it "version" (KVEntry), 2.0 "revision".
    e.revision = member(o, field::revision).toInteger(member(o, field::version).toInteger(1));
    e.checksum = member(o, field::checksum).toString();
    e.createdAtMs = readTime(member(o, field::creationDate), "entry").value_or(0);
    e.updatedAtMs = readTime(member(o, field::updateDate), "entry").value_or(e.createdAtMs);
    e.expiresAtMs = readTime(member(o, field::expirationDate), "entry");
    if (const auto raw = jsonscan::member(json, field::value))
        e.value = KvValue::fromJson(e.type, raw->toByteArray());
    return e;
}

QByteArray typedValue(const KvValue& value)
{
    return ObjectWriter()
        .add(field::type, string(valueTypeName(value.type())))
        .add(field::value, value.toJson())
        .done();
}

QByteArray valueDetail(const KvEntry& e)
{
    return ObjectWriter()
        .add(field::type, string(valueTypeName(e.value->type())))
        .add(field::value, e.value->toJson())
        .add(field::revision, number(e.revision))
        .add(field::updated, time(e.updatedAtMs))
        .done();
}

KvValue readTypedValue(QByteArrayView json)
{
    const QJsonObject o = object(json, "value");
    const ValueType type = readType(member(o, field::type), "value");
    const auto raw = jsonscan::member(json, field::value);
    if (!raw)
        throw malformed("value",
                        QStringLiteral("no \"%1\" member").arg(QLatin1String(field::value)));
    return KvValue::fromJson(type, raw->toByteArray());
}

ValueDetail readValueDetail(QByteArrayView json)
{
    const QJsonObject o = object(json, "value");
    ValueDetail d{readTypedValue(json), std::nullopt, std::nullopt};
    if (o.contains(QLatin1String(field::revision)))
        d.revision = member(o, field::revision).toInteger();
    d.updatedMs = readTime(member(o, field::updated), "value");
    return d;
}

QByteArray page(const KvPage& page, EntryFields extra)
{
    QList<QByteArray> entries;
    for (const KvEntry& e : page.entries)
        entries << entry(e, extra);
    return ObjectWriter()
        .add(field::entries, list(entries))
        .add(field::total, number(page.total))
        .done();
}

KvPage readPage(QByteArrayView json, const QString& ns)
{
    const QJsonObject o = object(json, "page");
    KvPage p;
    p.total = member(o, field::total).toInteger(-1);
    const auto items = jsonscan::member(json, field::entries);
    const auto elements = items ? jsonscan::elements(*items) : std::nullopt;
    if (!elements)
        throw malformed("page",
                        QStringLiteral("no \"%1\" array").arg(QLatin1String(field::entries)));
    for (const QByteArrayView item : *elements)
        p.entries << readEntry(item, ns);
    return p;
}

KvPage readEntryResults(QByteArrayView json, const QString& ns)
{
    const QJsonObject o = object(json, "pair search");
    KvPage p;
    p.total = member(o, field::total).toInteger(-1);
    const auto items = jsonscan::member(json, field::results);
    const auto elements = items ? jsonscan::elements(*items) : std::nullopt;
    if (!elements)
        throw malformed("pair search",
                        QStringLiteral("no \"%1\" array").arg(QLatin1String(field::results)));
    for (const QByteArrayView item : *elements)
        p.entries << readEntry(item, ns);
    return p;
}

QByteArray revision(const KvRevision& r)
{
    return ObjectWriter()
        .add(field::revision, number(r.revision))
        .add(field::type, string(valueTypeName(r.type)))
        .add(field::description, string(r.description))
        .add(field::size, number(r.size))
        .add(field::updateDate, time(r.writtenAtMs))
        .add(field::expirationDate, time(r.expiresAtMs))
        .add(field::current, boolean(r.isCurrent))
        .done();
}

KvRevision readRevision(const QJsonObject& o)
{
    KvRevision r;
    r.revision = member(o, field::revision).toInteger();
    r.type = readType(member(o, field::type), "revision");
    r.description = member(o, field::description).toString();
    r.size = member(o, field::size).toInteger();
    r.writtenAtMs = readTime(member(o, field::updateDate), "revision").value_or(0);
    r.expiresAtMs = readTime(member(o, field::expirationDate), "revision");
    r.isCurrent = member(o, field::current).toBool();
    return r;
}

QByteArray namespaceInfo(const NamespaceInfo& info)
{
    return ObjectWriter()
        .add(field::id, string(info.name))
        .add(field::description, string(info.description))
        .add(field::isExplicit, boolean(info.isExplicit))
        .add(field::creationDate, time(info.createdAtMs))
        .add(field::keyCount, number(info.keyCount))
        .add(field::deleted, boolean(false)) // Kestra's Namespace: required, never true here
        .done();
}

NamespaceInfo readNamespaceInfo(const QJsonObject& o)
{
    NamespaceInfo info;
    info.name = member(o, field::id).toString();
    info.description = member(o, field::description).toString();
    info.isExplicit = member(o, field::isExplicit).toBool();
    info.createdAtMs = readTime(member(o, field::creationDate), "namespace");
    info.keyCount = member(o, field::keyCount).toInteger();
    return info;
}

QByteArray stats(const NamespaceStats& s)
{
    return ObjectWriter()
        .add(field::id, string(s.name))
        .add(field::description, string(s.description))
        .add(field::isExplicit, boolean(s.isExplicit))
        .add(field::creationDate, time(s.createdAtMs))
        .add(field::liveCount, number(s.liveCount))
        .add(field::expiredCount, number(s.expiredCount))
        .add(field::totalSize, number(s.totalSize))
        .add(field::lastUpdate, time(s.lastUpdateMs))
        .done();
}

NamespaceStats readStats(QByteArrayView json)
{
    const QJsonObject o = object(json, "namespace statistics");
    NamespaceStats s;
    s.name = member(o, field::id).toString();
    s.description = member(o, field::description).toString();
    s.isExplicit = member(o, field::isExplicit).toBool();
    s.createdAtMs = readTime(member(o, field::creationDate), "namespace statistics");
    s.liveCount = member(o, field::liveCount).toInteger();
    s.expiredCount = member(o, field::expiredCount).toInteger();
    s.totalSize = member(o, field::totalSize).toInteger();
    s.lastUpdateMs = readTime(member(o, field::lastUpdate), "namespace statistics");
    return s;
}

QByteArray stringList(const QStringList& strings)
{
    QList<QByteArray> items;
    for (const QString& s : strings)
        items << string(s);
    return list(items);
}

} // namespace kv::wire
