#pragma once

#include <QString>
#include <QtGlobal>

namespace kv {

// An ISO-8601 duration restricted to what a TTL needs: weeks, days, hours, minutes and
// (fractional) seconds. Years and months are refused (their length is not fixed).
// Grammar: P[nW] | P[nD][T[nH][nM][n[.f]S]] with at least one component, e.g. PT30S, PT1.5S,
// P1D, P2DT3H4M, P1W. Resolution is one millisecond.
class IsoDuration
{
public:
    IsoDuration() = default;
    static IsoDuration fromMilliseconds(qint64 ms);

    // Parses a TTL: must be strictly positive. Throws CatalogError(InvalidInput) with a message
    // that quotes the input and says what is expected, e.g.
    // "invalid duration 'P1Y': years and months are not allowed; use weeks, days, hours, ...".
    static IsoDuration parseTtl(QStringView text);
    // Parses a DURATION value: like parseTtl, but zero (PT0S) is allowed.
    static IsoDuration parseValue(QStringView text);
    // Non-throwing form: returns false and sets *error (when not null).
    static bool tryParse(QStringView text, bool allowZero, IsoDuration* out, QString* error);

    qint64 milliseconds() const { return m_ms; }
    // Canonical text: P[nD][T[nH][nM][n[.fff]S]], "PT0S" for zero; e.g. P1W -> "P7D",
    // PT90M -> "PT1H30M", PT1.500S -> "PT1.5S".
    QString toString() const;

    friend bool operator==(IsoDuration a, IsoDuration b) { return a.m_ms == b.m_ms; }
    friend bool operator!=(IsoDuration a, IsoDuration b) { return a.m_ms != b.m_ms; }

private:
    explicit IsoDuration(qint64 ms)
        : m_ms(ms)
    {
    }
    qint64 m_ms = 0;
};

} // namespace kv
