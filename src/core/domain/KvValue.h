#pragma once

#include "domain/ValueType.h"

#include <QByteArray>
#include <QString>

namespace kv {

// A typed value. It keeps its canonical text, so no precision is lost (a NUMBER keeps the digits
// it was given, a JSON document keeps its member order and number literals).
//
// Canonical text per type (what `kvdesk-cli get` prints):
//   STRING   the text itself                    NUMBER   the JSON number literal as given: 12.50
//   BOOLEAN  true | false                       DATE     2024-02-29
//   DATETIME UTC with Z: 2024-02-29T10:00:00Z   (milliseconds only when not zero: ...:00.250Z)
//   DURATION canonical IsoDuration: PT5M        JSON     compact JSON (whitespace outside strings
//   removed)
class KvValue
{
public:
    KvValue() = default; // an empty STRING

    // Parses user text for `type`. Throws CatalogError(InvalidInput) naming the problem, e.g.
    // "invalid NUMBER 'abc': expected a decimal number such as 42, -1.5 or 6.02e23" or
    // "invalid JSON at line 3, column 7: missing value" or "invalid DATETIME '...': expected
    // ISO-8601 with an offset, e.g. 2024-02-29T10:00:00Z or 2024-02-29T11:00:00+01:00".
    // STRING accepts any text. BOOLEAN accepts true/false in any letter case. DATE must be a real
    // calendar date YYYY-MM-DD. DATETIME needs an offset (Z or +hh:mm) and is converted to UTC.
    // DURATION uses IsoDuration::parseValue. JSON must be an object or an array.
    static KvValue parse(ValueType type, const QString& text);

    // The one rule for what a NUMBER is: a JSON number literal (-?int frac? exp?), whatever its
    // magnitude. 1e999999 overflows a double but is a NUMBER all the same: its digits are kept.
    static bool isNumberLiteral(QStringView text);

    // The value-store form: the value as JSON text. STRING, DATE, DATETIME and DURATION are JSON
    // strings, NUMBER a JSON number literal, BOOLEAN true/false, JSON the compact document.
    QByteArray toJson() const;
    // Reads the value-store form back. Throws CatalogError(Internal) when the bytes do not hold
    // a valid value of `type` (a corrupt value file).
    static KvValue fromJson(ValueType type, const QByteArray& json);

    ValueType type() const { return m_type; }
    const QString& text() const { return m_text; }

    friend bool operator==(const KvValue& a, const KvValue& b)
    {
        return a.m_type == b.m_type && a.m_text == b.m_text;
    }
    friend bool operator!=(const KvValue& a, const KvValue& b) { return !(a == b); }

private:
    KvValue(ValueType type, QString canonicalText)
        : m_type(type)
        , m_text(std::move(canonicalText))
    {
    }
    ValueType m_type = ValueType::String;
    QString m_text;
};

} // namespace kv
