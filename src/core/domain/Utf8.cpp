#include "domain/Utf8.h"

#include "domain/CatalogError.h"

#include <cstdint>
#include <cstring>

namespace kv::utf8 {

qsizetype firstInvalidByte(QByteArrayView bytes)
{
    const auto* const begin = reinterpret_cast<const uchar*>(bytes.data());
    const uchar* p = begin;
    const uchar* const end = p + bytes.size();
    while (p < end) {
        if (end - p >= 8) {
            std::uint64_t word;
            std::memcpy(&word, p, sizeof word);
            if ((word & 0x8080808080808080ULL) == 0) {
                p += 8;
                continue;
            }
        }
        const uchar b = *p;
        if (b < 0x80) {
            ++p;
            continue;
        }
        qsizetype length = 0;
        uchar lo = 0x80; // the range of the second byte
        uchar hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            lo = b == 0xE0 ? 0xA0 : 0x80; // no overlong forms
            hi = b == 0xED ? 0x9F : 0xBF; // no surrogates
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            lo = b == 0xF0 ? 0x90 : 0x80;
            hi = b == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
        } else {
            return p - begin;
        }
        if (end - p < 2 || p[1] < lo || p[1] > hi)
            return p - begin;
        for (qsizetype k = 2; k < length; ++k) {
            if (end - p <= k || (p[k] & 0xC0) != 0x80)
                return p - begin;
        }
        p += length;
    }
    return -1;
}

QString decodeValue(QByteArrayView bytes)
{
    const qsizetype bad = firstInvalidByte(bytes);
    if (bad >= 0)
        throw CatalogError::invalidInput(
            QStringLiteral("the value is not valid UTF-8 (byte offset %1)").arg(bad));
    return QString::fromUtf8(bytes);
}

} // namespace kv::utf8
