#include "format/KestraText.h"

#include "domain/KvValue.h"

#include <QRegularExpression>

namespace kv::kestra {

namespace {

// Java's Duration.parse grammar (java.time.Duration, Lazy.PATTERN), case-insensitive. Digits
// are spelled [0-9]: Qt's \d also matches other scripts' digits.
const QRegularExpression& javaDurationPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("^([-+]?)P(?:([-+]?[0-9]+)D)?(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?"
                       "(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?$"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

// Section `group` of `m` times `unit` seconds, added to `total`; false on overflow (Java's
// parseNumber with multiplyExact, then addExact).
bool addSection(const QRegularExpressionMatch& m, int group, qint64 unit, qint64& total)
{
    if (!m.hasCaptured(group))
        return true;
    bool ok = false;
    const qint64 n = m.captured(group).toLongLong(&ok);
    qint64 seconds = 0;
    return ok && !__builtin_mul_overflow(n, unit, &seconds) &&
           !__builtin_add_overflow(total, seconds, &total);
}

constexpr int maxDepth = 256; // nesting of Ion containers read; deeper is no Ion of ours

// Reads the subset of Ion text described in KestraText.h, writing JSON as it goes.
class IonReader
{
public:
    explicit IonReader(QByteArrayView text)
        : m_text(text)
    {
    }

    std::optional<QByteArray> document()
    {
        QByteArray out;
        if (!space() || !value(out, 0) || !space() || m_pos != m_text.size())
            return std::nullopt;
        return out;
    }

private:
    char peek() const { return m_pos < m_text.size() ? m_text.at(m_pos) : '\0'; }

    // White space and comments; false for a comment that never ends.
    bool space()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text.at(m_pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
                ++m_pos;
            } else if (c == '/' && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == '/') {
                while (m_pos < m_text.size() && m_text.at(m_pos) != '\n')
                    ++m_pos;
            } else if (c == '/' && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == '*') {
                const qsizetype end = QByteArrayView(m_text).indexOf("*/", m_pos + 2);
                if (end < 0)
                    return false;
                m_pos = end + 2;
            } else {
                break;
            }
        }
        return true;
    }

    static bool identifierStart(char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    QByteArray identifier()
    {
        const qsizetype start = m_pos;
        while (identifierStart(peek()) || (peek() >= '0' && peek() <= '9'))
            ++m_pos;
        return m_text.sliced(start, m_pos - start).toByteArray();
    }

    // A "string" or 'quoted symbol' as a JSON string literal: escapes are kept as they are (the
    // caller's JSON reader judges them), \' becomes ' and a bare " is escaped.
    bool quoted(QByteArray& out)
    {
        const char quote = peek();
        ++m_pos;
        out += '"';
        while (m_pos < m_text.size()) {
            const char c = m_text.at(m_pos++);
            if (c == quote) {
                out += '"';
                return true;
            }
            if (c == '\n' || c == '\r')
                return false;
            if (c == '\\') {
                if (m_pos == m_text.size())
                    return false;
                const char escaped = m_text.at(m_pos++);
                if (escaped == '\'')
                    out += '\'';
                else
                    out += QByteArray("\\") + escaped;
            } else if (c == '"') {
                out += "\\\"";
            } else {
                out += c;
            }
        }
        return false;
    }

    bool number(QByteArray& out)
    {
        const qsizetype start = m_pos;
        while (m_pos < m_text.size()) {
            const char c = m_text.at(m_pos);
            if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' ||
                  c == 'E'))
                break;
            ++m_pos;
        }
        const QByteArray digits = m_text.sliced(start, m_pos - start).toByteArray();
        if (!KvValue::isNumberLiteral(QString::fromLatin1(digits)))
            return false;
        out += digits;
        return true;
    }

    bool value(QByteArray& out, int depth)
    {
        const char c = peek();
        if (c == '{' || c == '[')
            return depth < maxDepth && container(out, depth + 1);
        if (c == '"' || c == '\'')
            return quoted(out);
        if (c == '-' || (c >= '0' && c <= '9'))
            return number(out);
        if (!identifierStart(c))
            return false;
        const QByteArray word = identifier();
        if (word == "true" || word == "false" || word == "null")
            out += word;
        else if (word == "nan" || peek() == '.' || peek() == ':') // typed null, annotation
            return false;
        else
            out += '"' + word + '"'; // a symbol: Kestra reads it as a string
        return true;
    }

    bool fieldName(QByteArray& out)
    {
        if (peek() == '"' || peek() == '\'')
            return quoted(out);
        if (!identifierStart(peek()))
            return false;
        out += '"' + identifier() + '"';
        return true;
    }

    bool container(QByteArray& out, int depth)
    {
        const bool isStruct = peek() == '{';
        const char close = isStruct ? '}' : ']';
        out += peek();
        ++m_pos;
        bool first = true;
        for (;;) {
            if (!space())
                return false;
            if (peek() == close) {
                ++m_pos;
                out += close;
                return true;
            }
            if (!first)
                out += ',';
            first = false;
            if (isStruct) {
                if (!fieldName(out) || !space() || peek() != ':')
                    return false;
                ++m_pos;
                out += ':';
                if (!space())
                    return false;
            }
            if (!value(out, depth) || !space())
                return false;
            if (peek() == ',')
                ++m_pos;
            else if (peek() != close)
                return false;
        }
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

} // namespace

std::optional<qint64> parseJavaDuration(QStringView text)
{
    const QRegularExpressionMatch m = javaDurationPattern().match(text.toString());
    if (!m.hasMatch() ||
        !(m.hasCaptured(2) || m.hasCaptured(4) || m.hasCaptured(5) || m.hasCaptured(6)))
        return std::nullopt;
    qint64 seconds = 0;
    if (!addSection(m, 2, 86'400, seconds) || !addSection(m, 4, 3'600, seconds) ||
        !addSection(m, 5, 60, seconds) || !addSection(m, 6, 1, seconds))
        return std::nullopt;
    // The fraction takes the sign of its seconds ("PT-1.5S" is minus 1.5 seconds).
    qint64 fractionMs = m.captured(7).leftJustified(3, QLatin1Char('0')).left(3).toLongLong();
    if (m.captured(6).startsWith(QLatin1Char('-')))
        fractionMs = -fractionMs;
    qint64 ms = 0;
    if (__builtin_mul_overflow(seconds, qint64(1000), &ms) ||
        __builtin_add_overflow(ms, fractionMs, &ms))
        return std::nullopt;
    return m.captured(1) == QLatin1String("-") ? -ms : ms;
}

bool isDuration(QStringView text)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^P(?=[^T]|T.)(?:[0-9]*D)?(?:T(?=.)(?:[0-9]*H)?(?:[0-9]*M)?(?:[0-9]*S)?)?$"));
    return pattern.match(text.toString()).hasMatch() && parseJavaDuration(text).has_value();
}

std::optional<QByteArray> ionToJson(QByteArrayView text)
{
    return IonReader(text).document();
}

} // namespace kv::kestra
