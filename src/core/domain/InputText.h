#pragma once

#include <QChar>
#include <QString>
#include <QStringView>

// Small helpers for the messages of the domain rules (Rules, IsoDuration, KvValue).
namespace kv::inputtext {

// The input in single quotes, shortened to its first 40 characters followed by "…" (a
// surrogate pair is never split).
QString quoted(QStringView text);
// One character for a message: 'x', or U+XXXX when it is not printable.
QString describeChar(QChar c);
inline bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}
inline bool isAsciiLower(QChar c)
{
    return c >= QLatin1Char('a') && c <= QLatin1Char('z');
}
inline bool isAsciiUpper(QChar c)
{
    return c >= QLatin1Char('A') && c <= QLatin1Char('Z');
}

} // namespace kv::inputtext
