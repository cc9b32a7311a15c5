#include "domain/IsoDuration.h"

#include "domain/CatalogError.h"
#include "domain/InputText.h"

namespace kv {

namespace {

using inputtext::describeChar;
using inputtext::isAsciiDigit;
using inputtext::quoted;

constexpr qint64 msPerSecond = 1000;
constexpr qint64 msPerMinute = 60 * msPerSecond;
constexpr qint64 msPerHour = 60 * msPerMinute;
constexpr qint64 msPerDay = 24 * msPerHour;
constexpr qint64 msPerWeek = 7 * msPerDay;
// The longest accepted duration: one million days (about 2,700 years). Far below what qint64
// milliseconds can hold, so "now + TTL" can never overflow either.
constexpr qint64 maxDays = 1000000;
constexpr qint64 maxMs = maxDays * msPerDay;
constexpr int maxFractionDigits = 9;

// The rank of each component, in the only order accepted: W, D, T, H, M, S.
enum Rank { Weeks, Days, Hours, Minutes, Seconds };
constexpr qint64 unitMs[] = {msPerWeek, msPerDay, msPerHour, msPerMinute, msPerSecond};

// Thrown inside the parser only; carries the complete message.
struct ParseFailure
{
    QString message;
};

class Parser
{
public:
    explicit Parser(QStringView text)
        : m_text(text)
    {
    }

    qint64 run(bool allowZero);

private:
    [[noreturn]] void fail(const QString& reason) const
    {
        throw ParseFailure{QStringLiteral("invalid duration %1: %2; expected an ISO-8601 duration "
                                          "such as PT30S, PT1.5S, P1D, P2DT3H4M or P1W")
                               .arg(quoted(m_text), reason)};
    }
    [[noreturn]] void failYearsMonths(bool months) const
    {
        const QString hint =
            months ? QStringLiteral(" (P1M is one month; minutes are PT1M)") : QString();
        throw ParseFailure{QStringLiteral("invalid duration %1: years and months are not allowed%2;"
                                          " use weeks (W), days (D), hours (H), minutes (M) or "
                                          "seconds (S), e.g. PT30S, P1D, P1W")
                               .arg(quoted(m_text), hint)};
    }
    void component();
    Rank designator(QChar letter) const;

    QStringView m_text;
    qsizetype m_pos = 1;
    bool m_inTime = false;
    int m_lastRank = -1;
    int m_timeComponents = 0;
    bool m_anyNonZeroDigit = false;
    qint64 m_total = 0;
};

qint64 Parser::run(bool allowZero)
{
    if (m_text.isEmpty()) {
        throw ParseFailure{QStringLiteral("invalid duration: a duration must not be empty; "
                                          "expected an ISO-8601 duration such as PT30S, P1D or "
                                          "P1W")};
    }
    if (m_text.front() == QLatin1Char('-'))
        fail(QStringLiteral("a duration must not be negative"));
    for (QChar c : m_text) {
        if (c >= QLatin1Char('a') && c <= QLatin1Char('z')) {
            const QString upper = m_text.toString().toUpper();
            if (IsoDuration::tryParse(upper, allowZero, nullptr, nullptr)) {
                fail(QStringLiteral("the letters must be uppercase (did you mean %1?)")
                         .arg(quoted(upper)));
            }
            fail(QStringLiteral("the letters must be uppercase"));
        }
    }
    if (m_text.front() != QLatin1Char('P'))
        fail(QStringLiteral("a duration starts with 'P'"));
    if (m_text.size() == 1)
        fail(QStringLiteral("'P' must be followed by at least one component"));
    while (m_pos < m_text.size()) {
        if (m_text.at(m_pos) == QLatin1Char('T')) {
            if (m_inTime)
                fail(QStringLiteral("'T' appears twice"));
            m_inTime = true;
            ++m_pos;
            continue;
        }
        component();
    }
    if (m_inTime && m_timeComponents == 0)
        fail(QStringLiteral("'T' must be followed by hours (H), minutes (M) or seconds (S)"));
    if (m_total == 0 && !allowZero) {
        if (m_anyNonZeroDigit)
            fail(QStringLiteral("a TTL must be at least one millisecond (PT0.001S)"));
        fail(QStringLiteral("a TTL must be greater than zero"));
    }
    return m_total;
}

void Parser::component()
{
    const qsizetype start = m_pos;
    qint64 whole = 0;
    bool tooBig = false;
    for (; m_pos < m_text.size() && isAsciiDigit(m_text.at(m_pos)); ++m_pos) {
        const int digit = m_text.at(m_pos).digitValue();
        m_anyNonZeroDigit = m_anyNonZeroDigit || digit != 0;
        if (whole > maxMs)
            tooBig = true;
        else
            whole = whole * 10 + digit;
    }
    const bool hasWhole = m_pos > start;
    qsizetype fractionStart = -1;
    qsizetype fractionDigits = 0;
    if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char('.')) {
        fractionStart = ++m_pos;
        while (m_pos < m_text.size() && isAsciiDigit(m_text.at(m_pos)))
            ++m_pos;
        fractionDigits = m_pos - fractionStart;
        if (!hasWhole || fractionDigits == 0)
            fail(QStringLiteral("a fraction needs digits on both sides of '.', e.g. PT1.5S"));
    }
    if (!hasWhole) {
        const QChar c = m_text.at(m_pos);
        if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            fail(QStringLiteral("'%1' must be preceded by a number").arg(c));
        fail(QStringLiteral("unexpected character %1").arg(describeChar(c)));
    }
    if (m_pos == m_text.size()) {
        fail(QStringLiteral("the number %1 must be followed by W, D, H, M or S")
                 .arg(quoted(m_text.mid(start))));
    }
    const QChar letter = m_text.at(m_pos++);
    const Rank rank = designator(letter);
    if (rank == m_lastRank)
        fail(QStringLiteral("'%1' appears twice").arg(letter));
    if (rank < m_lastRank)
        fail(QStringLiteral("the components are out of order; the order is W, D, T, H, M, S"));
    if (fractionStart >= 0 && rank != Seconds)
        fail(QStringLiteral("only seconds (S) may have a fraction"));
    if (fractionDigits > maxFractionDigits)
        fail(QStringLiteral("seconds have at most 9 digits after '.'"));
    if (m_lastRank == Weeks)
        fail(QStringLiteral("weeks (W) cannot be combined with other components; use days, "
                            "e.g. P9D instead of P1W2D"));

    qint64 fractionMs = 0;
    if (fractionStart >= 0) {
        qint64 nanos = 0;
        for (qsizetype i = 0; i < maxFractionDigits; ++i) {
            const int digit = i < fractionDigits ? m_text.at(fractionStart + i).digitValue() : 0;
            m_anyNonZeroDigit = m_anyNonZeroDigit || digit != 0;
            nanos = nanos * 10 + digit;
        }
        fractionMs = (nanos + 500000) / 1000000; // to the nearest millisecond, halves up
    }
    if (tooBig || whole > maxMs / unitMs[rank])
        fail(QStringLiteral("it is too long; at most %1 days are allowed").arg(maxDays));
    m_total += whole * unitMs[rank] + fractionMs;
    if (m_total > maxMs)
        fail(QStringLiteral("it is too long; at most %1 days are allowed").arg(maxDays));
    m_lastRank = rank;
    if (m_inTime)
        ++m_timeComponents;
}

Rank Parser::designator(QChar letter) const
{
    switch (letter.unicode()) {
    case 'Y':
        failYearsMonths(false);
    case 'M':
        if (!m_inTime)
            failYearsMonths(true);
        return Minutes;
    case 'W':
    case 'D':
        if (m_inTime)
            fail(QStringLiteral("weeks (W) and days (D) must come before 'T', e.g. P1DT2H"));
        return letter == QLatin1Char('W') ? Weeks : Days;
    case 'H':
    case 'S':
        if (!m_inTime)
            fail(QStringLiteral("hours (H) and seconds (S) must come after 'T', e.g. PT2H"));
        return letter == QLatin1Char('H') ? Hours : Seconds;
    default:
        fail(QStringLiteral("unexpected character %1").arg(describeChar(letter)));
    }
}

} // namespace

IsoDuration IsoDuration::fromMilliseconds(qint64 ms)
{
    return IsoDuration(ms);
}

bool IsoDuration::tryParse(QStringView text, bool allowZero, IsoDuration* out, QString* error)
{
    try {
        const qint64 ms = Parser(text).run(allowZero);
        if (out)
            *out = IsoDuration(ms);
        return true;
    } catch (const ParseFailure& failure) {
        if (error)
            *error = failure.message;
        return false;
    }
}

IsoDuration IsoDuration::parseTtl(QStringView text)
{
    IsoDuration result;
    QString error;
    if (!tryParse(text, false, &result, &error))
        throw CatalogError::invalidInput(error);
    return result;
}

IsoDuration IsoDuration::parseValue(QStringView text)
{
    IsoDuration result;
    QString error;
    if (!tryParse(text, true, &result, &error))
        throw CatalogError::invalidInput(error);
    return result;
}

QString IsoDuration::toString() const
{
    if (m_ms == 0)
        return QStringLiteral("PT0S");
    // The magnitude as unsigned, so that even the most negative qint64 is printed correctly.
    quint64 rest = m_ms < 0 ? 0 - quint64(m_ms) : quint64(m_ms);
    const quint64 days = rest / msPerDay;
    rest %= msPerDay;
    const quint64 hours = rest / msPerHour;
    rest %= msPerHour;
    const quint64 minutes = rest / msPerMinute;
    rest %= msPerMinute;
    const quint64 seconds = rest / msPerSecond;
    const quint64 millis = rest % msPerSecond;

    QString out = m_ms < 0 ? QStringLiteral("-P") : QStringLiteral("P");
    if (days)
        out += QString::number(days) + QLatin1Char('D');
    if (hours || minutes || seconds || millis) {
        out += QLatin1Char('T');
        if (hours)
            out += QString::number(hours) + QLatin1Char('H');
        if (minutes)
            out += QString::number(minutes) + QLatin1Char('M');
        if (seconds || millis) {
            out += QString::number(seconds);
            if (millis) {
                QString fraction = QStringLiteral("%1").arg(millis, 3, 10, QLatin1Char('0'));
                while (fraction.endsWith(QLatin1Char('0')))
                    fraction.chop(1);
                out += QLatin1Char('.') + fraction;
            }
            out += QLatin1Char('S');
        }
    }
    return out;
}

} // namespace kv
