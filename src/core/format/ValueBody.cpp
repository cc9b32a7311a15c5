#include "format/ValueBody.h"

#include "domain/CatalogError.h"
#include "domain/CatalogTypes.h"
#include "domain/IsoDuration.h"
#include "domain/JsonText.h"
#include "domain/Utf8.h"
#include "format/KestraText.h"

#include <cctype>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace kv {

namespace {

// The content of a JSON string literal ("a\"b" -> a"b); std::nullopt for other text.
std::optional<QString> stringLiteral(const QByteArray& text)
{
    if (text.size() < 2 || !text.startsWith('"') || !text.endsWith('"'))
        return std::nullopt;
    // QJsonDocument reads a bare string since Qt 5.12 only inside an array: wrap it.
    QJsonDocument doc = QJsonDocument::fromJson('[' + text + ']');
    if (!doc.isArray() || doc.array().size() != 1 || !doc.array().at(0).isString())
        return std::nullopt;
    // Qt's JSON parser drops a U+FEFF that opens a string, but keeps it escaped. In a valid
    // literal the character never follows a backslash.
    if (text.contains("\xEF\xBB\xBF")) {
        QByteArray escaped = text;
        doc = QJsonDocument::fromJson('[' + escaped.replace("\xEF\xBB\xBF", "\\ufeff") + ']');
    }
    return doc.array().at(0).toString();
}

// Kestra's description header takes printable ASCII alone.
bool isPlainHeaderText(const QString& text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

namespace header {
constexpr char type[] = "kv-type";
constexpr char ttl[] = "ttl";
constexpr char description[] = "description";
constexpr char kvDescription[] = "kv-description";
constexpr char overwrite[] = "kv-overwrite";
constexpr char keepDescription[] = "kv-keep-description";
} // namespace header

} // namespace

KvValue valueFromBody(const QByteArray& body, std::optional<ValueType> forcedType)
{
    // Refused before anything else: a lenient decoder would store U+FFFD for each bad byte.
    const QString whole = utf8::decodeValue(body);
    const QByteArray text = body.trimmed();
    const std::optional<QString> literal = stringLiteral(text);
    if (forcedType)
        return KvValue::parse(
            *forcedType,
            literal ? *literal
                    : (*forcedType == ValueType::String ? whole : QString::fromUtf8(text)));
    if (literal) {
        // DURATION only in Kestra's own form (kestra::isDuration); "P1W" or "PT1.5S" stay the
        // strings they were sent as.
        IsoDuration duration;
        if (kestra::isDuration(*literal) &&
            IsoDuration::tryParse(*literal, true, &duration, nullptr))
            return KvValue::parse(ValueType::Duration, *literal);
        return KvValue::parse(ValueType::String, *literal);
    }
    if (text == "true" || text == "false")
        return KvValue::parse(ValueType::Boolean, QString::fromLatin1(text));
    // KvValue's rule, not QJsonDocument's, which refuses what overflows a double (1e999999).
    const bool numberStart =
        !text.isEmpty() && (text.front() == '-' || std::isdigit(uchar(text.front())));
    if (numberStart && KvValue::isNumberLiteral(QString::fromLatin1(text)))
        return KvValue::parse(ValueType::Number, QString::fromLatin1(text));
    if (text.startsWith('{') || text.startsWith('[')) {
        try {
            return KvValue::parse(ValueType::Json, QString::fromUtf8(text));
        } catch (const CatalogError&) {
            // not JSON: perhaps Ion that Kestra reads ({a: 1}), else a string like any text
        }
        if (const std::optional<QByteArray> json = kestra::ionToJson(text)) {
            try {
                return KvValue::parse(ValueType::Json, QString::fromUtf8(*json));
            } catch (const CatalogError&) {
            }
        }
    }
    if (text.startsWith('\'')) { // an Ion 'quoted symbol': Kestra reads the string in it
        if (const std::optional<QByteArray> json = kestra::ionToJson(text)) {
            if (const std::optional<QString> symbol = stringLiteral(*json))
                return KvValue::parse(ValueType::String, *symbol);
        }
    }
    const QString plain = QString::fromUtf8(text);
    if (parseIsoDateTime(plain))
        return KvValue::parse(ValueType::DateTime, plain);
    try {
        return KvValue::parse(ValueType::Date, plain);
    } catch (const CatalogError&) {
    }
    return KvValue::parse(ValueType::String, whole);
}

QByteArray bodyFromValue(const KvValue& value)
{
    switch (value.type()) {
    case ValueType::Date:
    case ValueType::DateTime:
        return value.text().toUtf8(); // unquoted: not JSON, read as a date (time)
    default:
        return value.toJson(); // "text", 42, true, {...}, "PT5M"
    }
}

PutHeaders putHeaders(const SetRequest& r)
{
    PutHeaders headers{{header::type, valueTypeName(r.value.type()).toLatin1()}};
    if (r.ttlMs)
        headers.append(
            {header::ttl, IsoDuration::fromMilliseconds(*r.ttlMs).toString().toLatin1()});
    if (r.description) {
        if (!r.description->isEmpty() && isPlainHeaderText(*r.description))
            headers.append({header::description, r.description->toLatin1()});
        headers.append(
            {header::kvDescription, jsonStringLiteral(*r.description, JsonEscape::Ascii)});
    } else {
        // Kestra's PUT clears a description it is not sent; ours keeps it when asked to.
        headers.append({header::keepDescription, QByteArrayLiteral("true")});
    }
    if (!r.overwrite)
        headers.append({header::overwrite, QByteArrayLiteral("false")});
    return headers;
}

SetRequest readPut(const QByteArray& body, const QHash<QByteArray, QByteArray>& headers)
{
    SetRequest s;
    std::optional<ValueType> type;
    if (const QByteArray forced = headers.value(header::type); !forced.isEmpty())
        type = requireValueType(QString::fromUtf8(forced));
    s.value = valueFromBody(body, type);
    // Kestra reads its ttl header with Java's Duration.parse (KVController.setKeyValue through
    // TypeConverter.toDuration); the catalog then refuses one that is not strictly positive.
    if (const QByteArray ttl = headers.value(header::ttl); !ttl.isEmpty()) {
        s.ttlMs = kestra::parseJavaDuration(QString::fromUtf8(ttl));
        if (!s.ttlMs)
            throw CatalogError::invalidInput(
                QStringLiteral("invalid ttl '%1': expected a duration as Java's Duration.parse "
                               "reads it, e.g. PT1H, P2DT3H4M or PT0.5S (days, hours, minutes "
                               "and seconds; no years, months or weeks)")
                    .arg(QString::fromUtf8(ttl)));
    }
    if (headers.contains(header::kvDescription)) { // ours wins: it carries any text
        s.description = stringLiteral(headers.value(header::kvDescription));
        if (!s.description)
            throw CatalogError::invalidInput(
                QStringLiteral("invalid %1 header: expected a JSON string literal")
                    .arg(QLatin1String(header::kvDescription)));
    } else if (headers.contains(header::description)) {
        s.description = QString::fromUtf8(headers.value(header::description));
    } else if (headers.value(header::keepDescription).toLower() == "true") {
        s.description.reset(); // keep the pair's description
    } else {
        // Kestra's PUT replaces the metadata: no description header clears it.
        s.description = QString();
    }
    s.overwrite = headers.value(header::overwrite).toLower() != "false";
    return s;
}

} // namespace kv
