#include "domain/JsonText.h"

namespace kv {

namespace {

void appendEscape(QByteArray& out, char16_t c)
{
    static const char hex[] = "0123456789abcdef";
    out += "\\u";
    out += hex[(c >> 12) & 0xf];
    out += hex[(c >> 8) & 0xf];
    out += hex[(c >> 4) & 0xf];
    out += hex[c & 0xf];
}

} // namespace

void appendJsonString(QByteArray& out, QStringView text, JsonEscape mode)
{
    const bool ascii = mode == JsonEscape::Ascii;
    out += '"';
    qsizetype plainStart = 0;
    auto flushPlain = [&](qsizetype end) {
        if (end > plainStart)
            out += text.mid(plainStart, end - plainStart).toUtf8();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        const bool plainAscii = c >= 0x20 && c < 0x7f && c != u'"' && c != u'\\';
        if (plainAscii)
            continue;
        if (!ascii && c >= 0x7f && c != 0xfeff) {
            if (!QChar::isSurrogate(c))
                continue;
            // A pair stays as it is; a lone half is escaped below.
            if (QChar::isHighSurrogate(c) && i + 1 < text.size() &&
                text.at(i + 1).isLowSurrogate()) {
                ++i;
                continue;
            }
        }
        flushPlain(i);
        plainStart = i + 1;
        switch (c) {
        case u'"':
            out += "\\\"";
            break;
        case u'\\':
            out += "\\\\";
            break;
        case u'\n':
            out += "\\n";
            break;
        case u'\r':
            out += "\\r";
            break;
        case u'\t':
            out += "\\t";
            break;
        case u'\b':
            out += "\\b";
            break;
        case u'\f':
            out += "\\f";
            break;
        default:
            appendEscape(out, c);
        }
    }
    flushPlain(text.size());
    out += '"';
}

QByteArray jsonStringLiteral(QStringView text, JsonEscape mode)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    appendJsonString(out, text, mode);
    return out;
}

} // namespace kv
