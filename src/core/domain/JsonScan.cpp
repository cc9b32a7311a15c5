#include "domain/JsonScan.h"

namespace kv::jsonscan {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype skipSpace(QByteArrayView text, qsizetype i)
{
    while (i < text.size() && isSpace(text.at(i)))
        ++i;
    return i;
}

// The end (one past) of the string literal starting at `i` (a '"'); -1 when unterminated.
qsizetype endOfString(QByteArrayView text, qsizetype i)
{
    for (++i; i < text.size(); ++i) {
        if (text.at(i) == '\\')
            ++i;
        else if (text.at(i) == '"')
            return i + 1;
    }
    return -1;
}

// The end (one past) of the value starting at `i`; -1 when malformed.
qsizetype endOfValue(QByteArrayView text, qsizetype i)
{
    if (i >= text.size())
        return -1;
    const char c = text.at(i);
    if (c == '"')
        return endOfString(text, i);
    if (c == '{' || c == '[') {
        int depth = 0;
        for (; i < text.size(); ++i) {
            const char d = text.at(i);
            if (d == '"') {
                i = endOfString(text, i);
                if (i < 0)
                    return -1;
                --i;
            } else if (d == '{' || d == '[') {
                ++depth;
            } else if (d == '}' || d == ']') {
                if (--depth == 0)
                    return i + 1;
            }
        }
        return -1;
    }
    // A number, true, false or null: up to the next delimiter.
    while (i < text.size() && !isSpace(text.at(i)) && text.at(i) != ',' && text.at(i) != '}' &&
           text.at(i) != ']')
        ++i;
    return i;
}

} // namespace

std::optional<QByteArrayView> member(QByteArrayView object, QByteArrayView name)
{
    qsizetype i = skipSpace(object, 0);
    if (i >= object.size() || object.at(i) != '{')
        return std::nullopt;
    i = skipSpace(object, i + 1);
    if (i < object.size() && object.at(i) == '}')
        return std::nullopt; // {}
    std::optional<QByteArrayView> found;
    // Every member is read to the closing brace, also after `name` was found: a text cut short
    // or malformed after it gives nothing rather than a guess.
    while (i < object.size() && object.at(i) == '"') {
        const qsizetype keyEnd = endOfString(object, i);
        if (keyEnd < 0)
            return std::nullopt;
        const QByteArrayView key = object.sliced(i + 1, keyEnd - i - 2);
        i = skipSpace(object, keyEnd);
        if (i >= object.size() || object.at(i) != ':')
            return std::nullopt;
        i = skipSpace(object, i + 1);
        const qsizetype valueEnd = endOfValue(object, i);
        if (valueEnd <= i)
            return std::nullopt; // malformed, or no value at all
        if (key == name && !found)
            found = object.sliced(i, valueEnd - i);
        i = skipSpace(object, valueEnd);
        if (i < object.size() && object.at(i) == '}')
            return found;
        if (i >= object.size() || object.at(i) != ',')
            return std::nullopt;
        i = skipSpace(object, i + 1);
    }
    return std::nullopt; // cut short, or a comma before the closing brace
}

std::optional<QList<QByteArrayView>> elements(QByteArrayView array)
{
    qsizetype i = skipSpace(array, 0);
    if (i >= array.size() || array.at(i) != '[')
        return std::nullopt;
    QList<QByteArrayView> result;
    i = skipSpace(array, i + 1);
    if (i < array.size() && array.at(i) == ']')
        return result;
    while (i < array.size()) {
        const qsizetype end = endOfValue(array, i);
        if (end <= i)
            return std::nullopt;
        result << array.sliced(i, end - i);
        i = skipSpace(array, end);
        if (i < array.size() && array.at(i) == ',') {
            i = skipSpace(array, i + 1);
            continue;
        }
        if (i < array.size() && array.at(i) == ']')
            return result;
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace kv::jsonscan
