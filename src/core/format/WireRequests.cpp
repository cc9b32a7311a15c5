// The readers of request bodies share these: the server's side of the wire, where a body comes
// from anyone, so a member of the wrong type is refused (InvalidInput naming it), never guessed.
#include "domain/CatalogError.h"
#include "domain/CatalogTypes.h"
#include "format/WireFields.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kv::wire {

namespace {

CatalogError wrongType(const char* name, const char* expected)
{
    return CatalogError::invalidInput(QStringLiteral("invalid \"%1\": expected %2")
                                          .arg(QLatin1String(name), QLatin1String(expected)));
}

} // namespace

QJsonObject requestObject(QByteArrayView body, const char* example)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body.toByteArray(), &error);
    if (!doc.isObject())
        throw CatalogError::invalidInput(
            QStringLiteral("the request body must be a JSON object such as %1 (%2)")
                .arg(QLatin1String(example), error.error == QJsonParseError::NoError
                                                 ? QStringLiteral("not an object")
                                                 : error.errorString()));
    return doc.object();
}

QStringList requestStrings(const QJsonObject& o, const char* name)
{
    const QJsonValue v = member(o, name);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isArray())
        throw wrongType(name, "an array of strings");
    QStringList list;
    for (const QJsonValue& item : v.toArray()) {
        if (!item.isString())
            throw wrongType(name, "an array of strings");
        list << item.toString();
    }
    return list;
}

QString requestString(const QJsonObject& o, const char* name)
{
    const QJsonValue v = member(o, name);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isString())
        throw wrongType(name, "a string");
    return v.toString();
}

std::optional<qint64> requestInteger(const QJsonObject& o, const char* name)
{
    const QJsonValue v = member(o, name);
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isDouble())
        throw wrongType(name, "an integer");
    return v.toInteger(-1); // a fraction reads as -1, which the catalog refuses
}

bool requestBool(const QJsonObject& o, const char* name)
{
    const QJsonValue v = member(o, name);
    if (v.isUndefined())
        return false;
    if (!v.isBool())
        throw wrongType(name, "true or false");
    return v.toBool();
}

std::optional<qint64> requestTime(const QJsonObject& o, const char* name)
{
    const QJsonValue v = member(o, name);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isString())
        throw wrongType(name, "an ISO-8601 time with an offset, or null");
    const std::optional<qint64> ms = parseIsoDateTime(v.toString());
    if (!ms)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid %1 '%2': expected ISO-8601 with an offset")
                .arg(QLatin1String(name), v.toString()));
    return ms;
}

void refuseUnknownMembers(const QJsonObject& o, std::initializer_list<const char*> known,
                          const char* what)
{
    QStringList names;
    for (const char* name : known)
        names << QLatin1String(name);
    for (const QString& name : o.keys()) {
        if (!names.contains(name))
            throw CatalogError::invalidInput(
                QStringLiteral("unknown field \"%1\" in the %2: expected %3")
                    .arg(name, QLatin1String(what), names.join(QStringLiteral(", "))));
    }
}

} // namespace kv::wire
