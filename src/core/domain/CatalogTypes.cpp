#include "domain/CatalogTypes.h"

namespace kv {

namespace {

struct SortName
{
    SortColumn column;
    const char* name;
};

constexpr SortName sortNames[] = {
    {SortColumn::Key, "key"},
    {SortColumn::Type, "type"},
    {SortColumn::Description, "description"},
    {SortColumn::Size, "size"},
    {SortColumn::Revision, "revision"},
    {SortColumn::Created, "created"},
    {SortColumn::Updated, "updated"},
    {SortColumn::Expires, "expires"},
};

void appendDigits(char*& out, int value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
    out += width;
}

} // namespace

QString sortColumnName(SortColumn column)
{
    for (const SortName& s : sortNames) {
        if (s.column == column)
            return QString::fromLatin1(s.name);
    }
    return QString();
}

std::optional<SortColumn> parseSortColumn(QStringView name)
{
    for (const SortName& s : sortNames) {
        if (name.compare(QLatin1String(s.name), Qt::CaseInsensitive) == 0)
            return s.column;
    }
    // Accept the registry/JSON spellings too.
    if (name == QLatin1String("creationDate"))
        return SortColumn::Created;
    if (name == QLatin1String("updateDate"))
        return SortColumn::Updated;
    if (name == QLatin1String("expirationDate"))
        return SortColumn::Expires;
    return std::nullopt;
}

int formatIsoUtc(qint64 ms, char (&buffer)[32])
{
    // Civil-from-days (Howard Hinnant's algorithm): fast and exact for the proleptic calendar;
    // exports format millions of dates, so QDateTime::toString is avoided here.
    qint64 days = ms >= 0 ? ms / 86'400'000 : -((-ms + 86'399'999) / 86'400'000);
    qint64 msOfDay = ms - days * 86'400'000;
    days += 719'468;
    const qint64 era = (days >= 0 ? days : days - 146'096) / 146'097;
    const qint64 doe = days - era * 146'097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = int(doy - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999)
        return -1;

    char* out = buffer;
    appendDigits(out, int(year), 4);
    *out++ = '-';
    appendDigits(out, month, 2);
    *out++ = '-';
    appendDigits(out, day, 2);
    *out++ = 'T';
    appendDigits(out, int(msOfDay / 3'600'000), 2);
    *out++ = ':';
    appendDigits(out, int(msOfDay / 60'000 % 60), 2);
    *out++ = ':';
    appendDigits(out, int(msOfDay / 1000 % 60), 2);
    if (msOfDay % 1000 != 0) {
        *out++ = '.';
        appendDigits(out, int(msOfDay % 1000), 3);
    }
    *out++ = 'Z';
    return int(out - buffer);
}

QString isoUtc(qint64 ms)
{
    char buffer[32];
    const int length = formatIsoUtc(ms, buffer);
    if (length < 0)
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    return QString::fromLatin1(buffer, length);
}

std::optional<qint64> parseIsoDateTime(const QString& text)
{
    const QString t = text.trimmed();
    // An offset is required: "Z" or "+hh:mm"/"-hh:mm" after the time.
    const bool hasOffset =
        t.endsWith(QLatin1Char('Z')) ||
        (t.size() > 6 &&
         (t.at(t.size() - 6) == QLatin1Char('+') || t.at(t.size() - 6) == QLatin1Char('-')) &&
         t.at(t.size() - 3) == QLatin1Char(':'));
    if (!hasOffset || !t.contains(QLatin1Char('T')))
        return std::nullopt;
    const QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    return dt.toMSecsSinceEpoch();
}

} // namespace kv
