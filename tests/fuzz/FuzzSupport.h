#pragma once

// Shared by the libFuzzer targets of this folder: a check that stops the run (so libFuzzer
// saves the input as a crash) and the ways a target turns bytes into text.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <QByteArray>
#include <QString>

// An invariant the code promises. On failure prints what broke and aborts: libFuzzer reports
// the abort as a crash and writes the input to crash-<sha1>.
#define KVDESK_FUZZ_REQUIRE(condition, what)                                                       \
    do {                                                                                           \
        if (!(condition))                                                                          \
            kvfuzz::fail(__FILE__, __LINE__, #condition, (what));                                  \
    } while (false)

namespace kvfuzz {

[[noreturn]] inline void fail(const char* file, int line, const char* condition,
                              const QString& what)
{
    std::fprintf(stderr, "%s:%d: invariant broken: %s\n  %s\n", file, line, condition,
                 what.toUtf8().constData());
    std::abort();
}

inline QByteArray bytes(const uint8_t* data, size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), qsizetype(size));
}

// The bytes as UTF-8 (invalid sequences become U+FFFD, as QString::fromUtf8 does everywhere in
// the code) or, with utf16, as raw UTF-16 units: the only way to reach lone surrogates.
inline QString text(const uint8_t* data, size_t size, bool utf16)
{
    if (!utf16)
        return QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    QString out(qsizetype(size / 2), Qt::Uninitialized);
    std::memcpy(out.data(), data, (size / 2) * 2);
    return out;
}

// Shows a value in a failure message: printable ASCII as it is, everything else escaped.
inline QString show(const QString& s)
{
    QString out;
    for (QChar c : s) {
        if (c.unicode() >= 0x20 && c.unicode() < 0x7F)
            out += c;
        else
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

} // namespace kvfuzz
