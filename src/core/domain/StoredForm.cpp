#include "domain/StoredForm.h"

#include "domain/Utf8.h"

#include <QDate>

namespace kv::storedform {

namespace {

using Byte = unsigned char;

bool isDigit(Byte c)
{
    return c >= '0' && c <= '9';
}

// Strict UTF-8 (utf8::firstInvalidByte) without noncharacters (U+FDD0..U+FDEF, U+xFFFE,
// U+xFFFF): text that every UTF-8 decoder and JSON parser reads back as it is.
bool isPlainUtf8(QByteArrayView bytes)
{
    const auto* p = reinterpret_cast<const Byte*>(bytes.data());
    const auto* const end = p + bytes.size();
    bool ascii = true;
    for (const Byte* q = p; q < end && ascii; ++q)
        ascii = *q < 0x80;
    if (ascii)
        return true;
    if (utf8::firstInvalidByte(bytes) >= 0)
        return false;
    for (; p < end; ++p) {
        if (p[0] == 0xEF && end - p >= 3 &&
            ((p[1] == 0xB7 && p[2] >= 0x90 && p[2] <= 0xAF) || (p[1] == 0xBF && p[2] >= 0xBE)))
            return false;
        if (p[0] >= 0xF0 && end - p >= 4 && (p[1] & 0x0F) == 0x0F && p[2] == 0xBF && p[3] >= 0xBE)
            return false;
    }
    return true;
}

// A JSON number literal, the grammar of KvValue::isNumberLiteral: -?(0|[1-9][0-9]*)(\.[0-9]+)?
// ([eE][+-]?[0-9]+)?. Advances `p` past it; false when there is none.
bool scanNumber(const Byte*& p, const Byte* end)
{
    if (p < end && *p == '-')
        ++p;
    if (p == end || !isDigit(*p))
        return false;
    if (*p++ != '0') {
        while (p < end && isDigit(*p))
            ++p;
    }
    if (p < end && *p == '.') {
        if (++p == end || !isDigit(*p))
            return false;
        while (p < end && isDigit(*p))
            ++p;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        if (++p < end && (*p == '+' || *p == '-'))
            ++p;
        if (p == end || !isDigit(*p))
            return false;
        while (p < end && isDigit(*p))
            ++p;
    }
    return true;
}

// A string literal without \u escapes (whose surrogate rules are left to the full parser).
bool scanString(const Byte*& p, const Byte* end)
{
    if (p == end || *p != '"')
        return false;
    for (++p; p < end; ++p) {
        const Byte c = *p;
        if (c == '"') {
            ++p;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            if (++p == end)
                return false;
            switch (*p) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
                break;
            default:
                return false;
            }
        }
    }
    return false;
}

bool scanWord(const Byte*& p, const Byte* end, QByteArrayView word)
{
    if (end - p < word.size() || QByteArrayView(p, word.size()) != word)
        return false;
    p += word.size();
    return true;
}

// Far below Qt's own nesting limit: a deeper document goes to the full parser.
constexpr int maxDepth = 256;

// A compact JSON value: no whitespace outside strings (that is what parsing would remove).
bool scanValue(const Byte*& p, const Byte* end, int depth)
{
    if (p == end)
        return false;
    switch (*p) {
    case '"':
        return scanString(p, end);
    case 't':
        return scanWord(p, end, "true");
    case 'f':
        return scanWord(p, end, "false");
    case 'n':
        return scanWord(p, end, "null");
    case '{':
    case '[': {
        if (depth >= maxDepth)
            return false;
        const bool object = *p == '{';
        const Byte close = object ? '}' : ']';
        if (++p < end && *p == close) {
            ++p;
            return true;
        }
        for (;;) {
            if (object && !(scanString(p, end) && p < end && *p++ == ':'))
                return false;
            if (!scanValue(p, end, depth + 1) || p == end)
                return false;
            const Byte next = *p++;
            if (next == close)
                return true;
            if (next != ',')
                return false;
        }
    }
    default:
        return scanNumber(p, end) && (p == end || *p == ',' || *p == ']' || *p == '}');
    }
}

bool isCompactDocument(QByteArrayView stored)
{
    if (stored.isEmpty() || (stored.front() != '{' && stored.front() != '['))
        return false;
    const auto* p = reinterpret_cast<const Byte*>(stored.data());
    const auto* const end = p + stored.size();
    return scanValue(p, end, 0) && p == end && isPlainUtf8(stored);
}

// The text of a string literal with nothing to unescape; nullopt otherwise.
std::optional<QByteArrayView> plainStringText(QByteArrayView stored)
{
    if (stored.size() < 2 || stored.front() != '"' || stored.back() != '"')
        return std::nullopt;
    const QByteArrayView text = stored.sliced(1, stored.size() - 2);
    for (const char c : text) {
        if (c == '"' || c == '\\' || Byte(c) < 0x20)
            return std::nullopt;
    }
    if (!isPlainUtf8(text))
        return std::nullopt;
    return text;
}

bool isCanonicalDate(QByteArrayView text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    int parts[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8};
    const int lengths[3] = {4, 2, 2};
    for (int i = 0; i < 3; ++i) {
        for (int k = starts[i]; k < starts[i] + lengths[i]; ++k) {
            if (!isDigit(Byte(text[k])))
                return false;
            parts[i] = parts[i] * 10 + (text[k] - '0');
        }
    }
    return parts[0] != 0 && QDate(parts[0], parts[1], parts[2]).isValid();
}

} // namespace

std::optional<QByteArrayView> canonicalText(ValueType type, QByteArrayView stored)
{
    switch (type) {
    case ValueType::String:
        return plainStringText(stored);
    case ValueType::Number: {
        const auto* p = reinterpret_cast<const Byte*>(stored.data());
        const auto* const end = p + stored.size();
        if (scanNumber(p, end) && p == end)
            return stored;
        return std::nullopt;
    }
    case ValueType::Boolean:
        if (stored == QByteArrayView("true") || stored == QByteArrayView("false"))
            return stored;
        return std::nullopt;
    case ValueType::Date: {
        const auto text = plainStringText(stored);
        if (text && isCanonicalDate(*text))
            return text;
        return std::nullopt;
    }
    case ValueType::Json:
        if (isCompactDocument(stored))
            return stored;
        return std::nullopt;
    case ValueType::DateTime:
    case ValueType::Duration:
        break;
    }
    return std::nullopt;
}

} // namespace kv::storedform
