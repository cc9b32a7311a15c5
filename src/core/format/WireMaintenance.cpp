// The wire format of catalog maintenance: purge, fsck and import requests and results. Field
// names come from WireFields.h, shared by writer and reader.
#include "domain/CatalogError.h"
#include "domain/IsoDuration.h"
#include "format/WireFields.h"
#include "format/WireFormat.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kv::wire {

namespace {

QList<PurgedPair> readPairList(const QJsonValue& list)
{
    QList<PurgedPair> pairs;
    for (const QJsonValue& v : list.toArray())
        pairs.append({member(v.toObject(), field::nsName).toString(),
                      member(v.toObject(), field::key).toString()});
    return pairs;
}

QStringList strings(const QJsonObject& o, const char* name)
{
    QStringList list;
    for (const QJsonValue& v : member(o, name).toArray())
        list << v.toString();
    return list;
}

} // namespace

QByteArray pairList(const QList<PurgedPair>& pairs)
{
    QList<QByteArray> items;
    for (const PurgedPair& p : pairs)
        items << ObjectWriter()
                     .add(field::nsName, string(p.ns))
                     .add(field::key, string(p.key))
                     .done();
    return list(items);
}

QByteArray purgeRequest(const PurgeRequest& r)
{
    return ObjectWriter()
        .add(field::namespaces, stringList(r.namespaces))
        .add(field::includeChildren, boolean(r.includeChildren))
        .add(field::all, boolean(r.all))
        .add(field::keyPattern, string(r.keyPattern))
        .add(field::createdBefore, time(r.createdBeforeMs))
        .add(field::dryRun, boolean(r.dryRun))
        .add(field::collectKeys, boolean(r.collectKeys))
        .add(field::limit, number(r.limit))
        .done();
}

// Strict, and no unknown members: a misspelt "dryRun" must not turn a trial into a purge.
PurgeRequest readPurgeRequest(QByteArrayView body)
{
    const QJsonObject o =
        requestObject(body, "{\"namespaces\": [\"a.b\"], \"all\": false, \"dryRun\": true}");
    refuseUnknownMembers(o,
                         {field::namespaces, field::includeChildren, field::all, field::keyPattern,
                          field::createdBefore, field::dryRun, field::collectKeys, field::limit},
                         "purge request");
    PurgeRequest r;
    r.namespaces = requestStrings(o, field::namespaces);
    r.includeChildren = requestBool(o, field::includeChildren);
    r.all = requestBool(o, field::all);
    r.keyPattern = requestString(o, field::keyPattern);
    r.createdBeforeMs = requestTime(o, field::createdBefore);
    r.dryRun = requestBool(o, field::dryRun);
    r.collectKeys = requestBool(o, field::collectKeys);
    r.limit = requestInteger(o, field::limit).value_or(0);
    if (r.limit < 0)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid \"%1\": expected a whole number, 0 (no limit) or more")
                .arg(QLatin1String(field::limit)));
    return r;
}

QByteArray purgeResult(const PurgeResult& r)
{
    return ObjectWriter()
        .add(field::count, number(r.count))
        .add(field::dryRun, boolean(r.dryRun))
        .add(field::cancelled, boolean(r.cancelled))
        .add(field::pairs, pairList(r.pairs))
        .done();
}

PurgeResult readPurgeResult(QByteArrayView json)
{
    const QJsonObject o = object(json, "purge result");
    PurgeResult r;
    r.count = member(o, field::count).toInteger();
    r.dryRun = member(o, field::dryRun).toBool();
    r.cancelled = member(o, field::cancelled).toBool();
    r.pairs = readPairList(member(o, field::pairs));
    return r;
}

QByteArray fsckRequest(const FsckRequest& r)
{
    return ObjectWriter()
        .add(field::repair, boolean(r.repair))
        .add(field::verify, boolean(r.verify))
        .add(field::grace, string(IsoDuration::fromMilliseconds(r.graceMs).toString()))
        .done();
}

FsckRequest readFsckRequest(QByteArrayView body)
{
    const QJsonObject o =
        requestObject(body, "{\"repair\": false, \"verify\": true, \"grace\": \"PT1H\"}");
    refuseUnknownMembers(o, {field::repair, field::verify, field::grace}, "fsck request");
    FsckRequest r;
    r.repair = requestBool(o, field::repair);
    r.verify = requestBool(o, field::verify);
    if (const QString grace = requestString(o, field::grace); !grace.isEmpty()) {
        IsoDuration duration;
        QString problem;
        if (!IsoDuration::tryParse(grace, true, &duration, &problem))
            throw CatalogError::invalidInput(QStringLiteral("invalid \"%1\" '%2': %3")
                                                 .arg(QLatin1String(field::grace), grace, problem));
        r.graceMs = duration.milliseconds();
    }
    return r;
}

QByteArray fsckReport(const FsckReport& r)
{
    return ObjectWriter()
        .add(field::clean, boolean(r.isClean()))
        .add(field::orphans, stringList(r.orphans))
        .add(field::dangling, pairList(r.dangling))
        .add(field::danglingRevisions, stringList(r.danglingRevisions))
        .add(field::corrupt, stringList(r.corrupt))
        .add(field::invalidIds, stringList(r.invalidIds))
        .add(field::valueFiles, number(r.valueFiles))
        .add(field::rows, number(r.rows))
        .add(field::repaired, boolean(r.repaired))
        .add(field::inlineValues, number(r.inlineValues))
        .done();
}

FsckReport readFsckReport(QByteArrayView json)
{
    const QJsonObject o = object(json, "consistency report");
    FsckReport r;
    r.orphans = strings(o, field::orphans);
    r.dangling = readPairList(member(o, field::dangling));
    r.danglingRevisions = strings(o, field::danglingRevisions);
    r.corrupt = strings(o, field::corrupt);
    r.invalidIds = strings(o, field::invalidIds);
    r.valueFiles = member(o, field::valueFiles).toInteger();
    r.rows = member(o, field::rows).toInteger();
    r.repaired = member(o, field::repaired).toBool();
    r.inlineValues = member(o, field::inlineValues).toInteger();
    return r;
}

QByteArray importResult(const ImportResult& r)
{
    return ObjectWriter()
        .add(field::imported, number(r.imported))
        .add(field::skippedExpired, number(r.skippedExpired))
        .add(field::skippedConflicts, number(r.skippedConflicts))
        .add(field::cancelled, boolean(r.cancelled))
        .done();
}

ImportResult readImportResult(QByteArrayView json)
{
    const QJsonObject o = object(json, "import result");
    ImportResult r;
    r.imported = member(o, field::imported).toInteger();
    r.skippedExpired = member(o, field::skippedExpired).toInteger();
    r.skippedConflicts = member(o, field::skippedConflicts).toInteger();
    r.cancelled = member(o, field::cancelled).toBool();
    return r;
}

} // namespace kv::wire
