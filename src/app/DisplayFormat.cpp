#include "DisplayFormat.h"

#include <QDateTime>
#include <QLocale>

QString DisplayFormat::dateTime(qint64 ms)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    return QLocale().toString(local, QLocale::ShortFormat);
}

QString DisplayFormat::expiry(std::optional<qint64> ms)
{
    return ms ? dateTime(*ms) : tr("Never");
}

QString DisplayFormat::size(qint64 bytes)
{
    // Qt says "1 bytes" below 1 KiB: the plural is ours there.
    if (bytes < 1024)
        return tr("%n byte(s)", nullptr, int(bytes));
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString DisplayFormat::timeLeft(std::optional<qint64> expiresMs, qint64 nowMs)
{
    if (!expiresMs)
        return tr("never");
    const qint64 left = *expiresMs - nowMs;
    if (left <= 0)
        return tr("expired");
    qint64 s = (left + 999) / 1000; // a pair with 0.2 s left still has "1 s"
    const qint64 days = s / 86400;
    const qint64 hours = s % 86400 / 3600;
    const qint64 minutes = s % 3600 / 60;
    s %= 60;
    if (days > 0)
        return hours > 0 ? tr("%1 d %2 h").arg(days).arg(hours) : tr("%1 d").arg(days);
    if (hours > 0)
        return minutes > 0 ? tr("%1 h %2 min").arg(hours).arg(minutes) : tr("%1 h").arg(hours);
    if (minutes > 0)
        return s > 0 ? tr("%1 min %2 s").arg(minutes).arg(s) : tr("%1 min").arg(minutes);
    return tr("%1 s").arg(s);
}
