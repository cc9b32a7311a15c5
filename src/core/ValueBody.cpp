#include "ValueBody.h"

#include "CatalogError.h"
#include "CatalogTypes.h"
#include "IsoDuration.h"

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

bool isJsonNumber(const QByteArray& text)
{
    if (text.isEmpty())
        return false;
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text + ']');
    return doc.isArray() && doc.array().size() == 1 && doc.array().at(0).isDouble();
}

} // namespace

KvValue valueFromBody(const QByteArray& body, std::optional<ValueType> forcedType)
{
    const QByteArray text = body.trimmed();
    const std::optional<QString> literal = stringLiteral(text);
    if (forcedType)
        return KvValue::parse(*forcedType, literal ? *literal
                                                   : (*forcedType == ValueType::String
                                                          ? QString::fromUtf8(body)
                                                          : QString::fromUtf8(text)));
    if (literal) {
        IsoDuration duration;
        if (IsoDuration::tryParse(*literal, true, &duration, nullptr))
            return KvValue::parse(ValueType::Duration, *literal);
        return KvValue::parse(ValueType::String, *literal);
    }
    if (text == "true" || text == "false")
        return KvValue::parse(ValueType::Boolean, QString::fromLatin1(text));
    if (isJsonNumber(text))
        return KvValue::parse(ValueType::Number, QString::fromLatin1(text));
    if (text.startsWith('{') || text.startsWith('[')) {
        try {
            return KvValue::parse(ValueType::Json, QString::fromUtf8(text));
        } catch (const CatalogError&) {
            // not valid JSON after all: a string, like any other text
        }
    }
    const QString plain = QString::fromUtf8(text);
    if (parseIsoDateTime(plain))
        return KvValue::parse(ValueType::DateTime, plain);
    try {
        return KvValue::parse(ValueType::Date, plain);
    } catch (const CatalogError&) {
    }
    return KvValue::parse(ValueType::String, QString::fromUtf8(body));
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

} // namespace kv
