#include "domain/KvValue.h"

#include "domain/CatalogError.h"
#include "domain/InputText.h"
#include "domain/IsoDuration.h"
#include "domain/JsonText.h"

#include <algorithm>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStringDecoder>

namespace kv {

namespace {

using inputtext::describeChar;
using inputtext::isAsciiDigit;
using inputtext::quoted;

constexpr int maxFractionDigits = 9;

bool isHexDigit(QChar c)
{
    return isAsciiDigit(c) || ((c.unicode() | 0x20) >= 'a' && (c.unicode() | 0x20) <= 'f');
}
bool isAsciiLetter(QChar c)
{
    return (c.unicode() | 0x20) >= 'a' && (c.unicode() | 0x20) <= 'z';
}

QString hexCode(QChar c)
{
    return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
}

[[noreturn]] void invalid(ValueType type, QStringView text, const QString& detail)
{
    throw CatalogError::invalidInput(
        QStringLiteral("invalid %1 %2: %3").arg(valueTypeName(type), quoted(text), detail));
}

bool isJsonNumber(QStringView s)
{
    return KvValue::isNumberLiteral(s);
}

bool readDigits(QStringView s, qsizetype pos, int count, int* value)
{
    if (pos + count > s.size())
        return false;
    *value = 0;
    for (qsizetype i = pos; i < pos + count; ++i) {
        if (!isAsciiDigit(s.at(i)))
            return false;
        *value = *value * 10 + s.at(i).digitValue();
    }
    return true;
}

// Reads YYYY-MM-DD. False when the shape is wrong; *date is invalid when there is no such day.
bool readDate(QStringView s, QDate* date)
{
    int year = 0, month = 0, day = 0;
    if (s.size() < 10 || s.at(4) != QLatin1Char('-') || s.at(7) != QLatin1Char('-') ||
        !readDigits(s, 0, 4, &year) || !readDigits(s, 5, 2, &month) || !readDigits(s, 8, 2, &day))
        return false;
    *date = year == 0 ? QDate() : QDate(year, month, day);
    return true;
}

QString parseDate(const QString& text)
{
    const QString t = text.trimmed();
    QDate date;
    if (t.size() != 10 || !readDate(t, &date))
        invalid(ValueType::Date, text,
                QStringLiteral("expected a date YYYY-MM-DD, e.g. 2024-02-29"));
    if (!date.isValid()) {
        invalid(ValueType::Date, text,
                QStringLiteral("there is no such day in the calendar; expected a real date "
                               "YYYY-MM-DD, e.g. 2024-02-29"));
    }
    return t;
}

QString parseDateTime(const QString& text)
{
    const QString t = text.trimmed();
    auto fail = [&](const QString& reason) {
        invalid(ValueType::DateTime, text,
                reason + QStringLiteral("expected ISO-8601 with an offset, e.g. "
                                        "2024-02-29T10:00:00Z or 2024-02-29T11:00:00+01:00"));
    };
    QDate date;
    int hour = 0, minute = 0, second = 0, millis = 0;
    const bool shapeOk = readDate(t, &date) && t.size() >= 16 &&
                         (t.at(10) == QLatin1Char('T') || t.at(10) == QLatin1Char('t')) &&
                         readDigits(t, 11, 2, &hour) && t.at(13) == QLatin1Char(':') &&
                         readDigits(t, 14, 2, &minute);
    if (!shapeOk)
        fail(QString());
    qsizetype pos = 16;
    if (pos < t.size() && t.at(pos) == QLatin1Char(':')) {
        if (!readDigits(t, pos + 1, 2, &second))
            fail(QString());
        pos += 3;
        if (pos < t.size() && t.at(pos) == QLatin1Char('.')) {
            const qsizetype start = ++pos;
            while (pos < t.size() && isAsciiDigit(t.at(pos)))
                ++pos;
            if (pos == start || pos - start > maxFractionDigits)
                fail(QStringLiteral("the fraction of a second has 1 to 9 digits; "));
            for (qsizetype i = start; i < start + 3; ++i) // truncated to milliseconds
                millis = millis * 10 + (i < pos ? t.at(i).digitValue() : 0);
        }
    }
    int offsetSeconds = 0;
    int offsetHours = 0, offsetMinutes = 0;
    const QChar zone = pos < t.size() ? t.at(pos) : QChar();
    if (pos == t.size()) {
        fail(QStringLiteral("the offset (Z or +hh:mm) is missing; "));
    } else if ((zone == QLatin1Char('Z') || zone == QLatin1Char('z')) && pos + 1 == t.size()) {
        offsetSeconds = 0;
    } else if ((zone == QLatin1Char('+') || zone == QLatin1Char('-')) && pos + 6 == t.size() &&
               readDigits(t, pos + 1, 2, &offsetHours) && t.at(pos + 3) == QLatin1Char(':') &&
               readDigits(t, pos + 4, 2, &offsetMinutes)) {
        if (offsetHours > 23 || offsetMinutes > 59)
            fail(QStringLiteral("the offset is out of range; "));
        offsetSeconds =
            (offsetHours * 3600 + offsetMinutes * 60) * (zone == QLatin1Char('-') ? -1 : 1);
    } else {
        fail(QString());
    }
    if (!date.isValid())
        fail(QStringLiteral("there is no such day in the calendar; "));
    const QTime time(hour, minute, second, millis);
    if (!time.isValid())
        fail(QStringLiteral("there is no such time of day; "));
    const QDateTime utc = QDateTime(date, time, Qt::UTC).addSecs(-offsetSeconds);
    if (utc.date().year() < 1 || utc.date().year() > 9999)
        fail(QStringLiteral("the date is out of range in UTC (years 0001 to 9999); "));
    QString out = utc.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss"));
    if (utc.time().msec() != 0)
        out += utc.toString(QStringLiteral(".zzz"));
    return out + QLatin1Char('Z');
}

// "line L, column C" (1-based; columns count characters) for a position in `text`.
QString lineColumn(QStringView text, qsizetype index)
{
    int line = 1, column = 1;
    for (qsizetype i = 0; i < index && i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\n')) {
            ++line;
            column = 1;
        } else if (!text.at(i).isLowSurrogate()) {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

// Checks the tokens strictly (QJsonDocument accepts "1.", ".5", "\x" and raw control
// characters) and builds the compact text: the input without whitespace outside strings.
// Returns an empty string when fine, else "at line L, column C: problem". The skeleton is the
// input with each number replaced by 0 and spaces, so that QJsonDocument, which refuses numbers
// beyond the range of a double (1e400), checks the structure at the same offsets.
QString lexJson(QStringView s, QString* compact, QString* skeleton = nullptr)
{
    const qsizetype n = s.size();
    auto at = [&](qsizetype index, const QString& problem) {
        return QStringLiteral("at %1: %2").arg(lineColumn(s, index), problem);
    };
    const QLatin1String whitespace(" \t\n\r"), structural("{}[],:"), numberChars("+-.eE0123456789");
    compact->clear();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = s.at(i);
        if (whitespace.contains(c))
            continue;
        if (structural.contains(c)) {
            compact->append(c);
        } else if (c == QLatin1Char('"')) {
            const qsizetype start = i;
            compact->append(c);
            for (++i;; ++i) {
                if (i >= n)
                    return at(start, QStringLiteral("unterminated string"));
                const QChar ch = s.at(i);
                if (ch == QLatin1Char('\\')) {
                    const QChar e = i + 1 < n ? s.at(i + 1) : QChar();
                    qsizetype length = QLatin1String("\"\\/bfnrt").contains(e) ? 2 : 0;
                    if (e == QLatin1Char('u') && i + 6 <= n) {
                        const auto hex = s.mid(i + 2, 4);
                        length = std::all_of(hex.begin(), hex.end(), isHexDigit) ? 6 : 0;
                    }
                    if (length == 0)
                        return at(i, QStringLiteral("invalid escape sequence"));
                    compact->append(s.mid(i, length));
                    i += length - 1;
                    continue;
                }
                if (ch.unicode() < 0x20)
                    return at(i, QStringLiteral("unescaped control character %1").arg(hexCode(ch)));
                if (ch.isHighSurrogate() && i + 1 < n && s.at(i + 1).isLowSurrogate()) {
                    compact->append(s.mid(i++, 2));
                    continue;
                }
                if (ch.isSurrogate())
                    return at(i, QStringLiteral("invalid character %1").arg(hexCode(ch)));
                compact->append(ch);
                if (ch == QLatin1Char('"'))
                    break;
            }
        } else if (numberChars.contains(c) || isAsciiLetter(c)) {
            const bool number = numberChars.contains(c);
            qsizetype end = i;
            while (end < n && (number ? numberChars.contains(s.at(end))
                                      : isAsciiLetter(s.at(end)) || isAsciiDigit(s.at(end))))
                ++end;
            const QStringView token = s.mid(i, end - i);
            const bool ok = number ? isJsonNumber(token)
                                   : token == QLatin1String("true") ||
                                         token == QLatin1String("false") ||
                                         token == QLatin1String("null");
            if (!ok) {
                return at(i, QStringLiteral("invalid %1 %2")
                                 .arg(number ? QLatin1String("number") : QLatin1String("word"),
                                      quoted(token)));
            }
            compact->append(token);
            if (skeleton && number) {
                for (qsizetype k = i; k < end; ++k)
                    (*skeleton)[k] = k == i ? QLatin1Char('0') : QLatin1Char(' ');
            }
            i = end - 1;
        } else {
            return at(
                i, QStringLiteral("unexpected character %1")
                       .arg(c.isPrint() ? QLatin1Char('\'') + c + QLatin1Char('\'') : hexCode(c)));
        }
    }
    return QString();
}

// Validates a JSON document (object or array) and returns its compact text; throws
// CatalogError(InvalidInput) with the line and column of the first problem.
QString parseJsonDocument(const QString& text)
{
    const QString expected =
        QStringLiteral("expected an object or an array, e.g. {\"a\": 1} or [1, 2]");
    QString compact;
    QString skeleton = text;
    const QString lexProblem = lexJson(text, &compact, &skeleton);
    if (!lexProblem.isEmpty())
        throw CatalogError::invalidInput(QStringLiteral("invalid JSON %1").arg(lexProblem));
    if (compact.isEmpty()) {
        throw CatalogError::invalidInput(
            QStringLiteral("invalid JSON: the text is empty; %1").arg(expected));
    }
    // The tokens are valid: check the structure on the skeleton, whose offsets are the input's.
    const QByteArray utf8 = skeleton.toUtf8();
    QJsonParseError error;
    QJsonDocument::fromJson(utf8, &error);
    if (error.error == QJsonParseError::NoError)
        return compact;
    if (compact.front() != QLatin1Char('{') && compact.front() != QLatin1Char('[')) {
        QJsonParseError wrapped;
        QJsonDocument::fromJson('[' + utf8 + ']', &wrapped);
        if (wrapped.error == QJsonParseError::NoError) {
            throw CatalogError::invalidInput(
                QStringLiteral("invalid JSON %1: a JSON value must be an object or an array, "
                               "e.g. {\"a\": 1} or [1, 2]")
                    .arg(quoted(text.trimmed())));
        }
    }
    // Qt's offset is just past the offending token, except for garbage at the end.
    const int offset =
        error.error == QJsonParseError::GarbageAtEnd ? error.offset : qMax(0, error.offset - 1);
    const qsizetype index = QString::fromUtf8(utf8.left(offset)).size();
    throw CatalogError::invalidInput(
        QStringLiteral("invalid JSON at %1: %2").arg(lineColumn(text, index), error.errorString()));
}

// Reads back one JSON string literal; throws CatalogError(InvalidInput) when it is not one.
QString readJsonString(const QString& stored)
{
    const QString t = stored.trimmed();
    QString compact;
    if (t.startsWith(QLatin1Char('"')) && lexJson(t, &compact).isEmpty()) {
        // Qt's JSON parser drops a U+FEFF that opens a string, but keeps it escaped. Valid JSON
        // has the character only inside strings, and never right after a backslash.
        QString escaped = t;
        escaped.replace(QChar(0xFEFF), QLatin1String("\\ufeff"));
        const QJsonDocument doc = QJsonDocument::fromJson('[' + escaped.toUtf8() + ']');
        if (doc.isArray() && doc.array().size() == 1 && doc.array().at(0).isString())
            return doc.array().at(0).toString();
    }
    throw CatalogError::invalidInput(QStringLiteral("expected a JSON string"));
}

} // namespace

bool KvValue::isNumberLiteral(QStringView text)
{
    static const QRegularExpression number(QRegularExpression::anchoredPattern(
        QStringLiteral("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")));
    return number.match(text).hasMatch();
}

KvValue KvValue::parse(ValueType type, const QString& text)
{
    switch (type) {
    case ValueType::String:
        return KvValue(type, text);
    case ValueType::Number: {
        const QString t = text.trimmed();
        if (!isJsonNumber(t))
            invalid(type, text,
                    QStringLiteral("expected a decimal number such as 42, -1.5 or 6.02e23"));
        return KvValue(type, t);
    }
    case ValueType::Boolean: {
        const QString t = text.trimmed();
        if (t.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
            return KvValue(type, QStringLiteral("true"));
        if (t.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
            return KvValue(type, QStringLiteral("false"));
        invalid(type, text, QStringLiteral("expected true or false"));
    }
    case ValueType::Date:
        return KvValue(type, parseDate(text));
    case ValueType::DateTime:
        return KvValue(type, parseDateTime(text));
    case ValueType::Duration: {
        IsoDuration duration;
        QString error;
        if (!IsoDuration::tryParse(text.trimmed(), true, &duration, &error)) {
            const QLatin1String generic("invalid duration");
            if (error.startsWith(generic))
                error.replace(0, generic.size(), QStringLiteral("invalid DURATION"));
            throw CatalogError::invalidInput(error);
        }
        return KvValue(type, duration.toString());
    }
    case ValueType::Json:
        return KvValue(type, parseJsonDocument(text));
    }
    throw CatalogError::internal(QStringLiteral("unknown value type %1").arg(int(type)));
}

QByteArray KvValue::toJson() const
{
    switch (m_type) {
    case ValueType::Number:
    case ValueType::Boolean:
    case ValueType::Json:
        return m_text.toUtf8();
    case ValueType::String:
    case ValueType::Date:
    case ValueType::DateTime:
    case ValueType::Duration:
        break;
    }
    return jsonStringLiteral(m_text);
}

KvValue KvValue::fromJson(ValueType type, const QByteArray& json)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString stored = decoder.decode(json);
    try {
        if (decoder.hasError())
            throw CatalogError::invalidInput(QStringLiteral("it is not valid UTF-8"));
        switch (type) {
        case ValueType::String:
            return KvValue(type, readJsonString(stored));
        case ValueType::Date:
        case ValueType::DateTime:
        case ValueType::Duration:
            return parse(type, readJsonString(stored));
        case ValueType::Number:
        case ValueType::Boolean: {
            const KvValue value = parse(type, stored);
            if (value.m_text != stored.trimmed()) // e.g. TRUE: not how it is stored
                throw CatalogError::invalidInput(QStringLiteral("expected %1").arg(value.m_text));
            return value;
        }
        case ValueType::Json:
            return parse(type, stored);
        }
        throw CatalogError::invalidInput(QStringLiteral("unknown value type %1").arg(int(type)));
    } catch (const CatalogError& error) {
        throw CatalogError::internal(
            QStringLiteral("the stored %1 value %2 is corrupt: %3")
                .arg(valueTypeName(type), quoted(stored), error.message()));
    }
}

} // namespace kv
