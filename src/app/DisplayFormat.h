#pragma once

#include <optional>
#include <QCoreApplication>
#include <QString>

// Localized text for what the GUI shows: times, sizes, time left. One place, so the table, the
// overview and the dialogs say the same thing the same way. Times are ms since the epoch (UTC)
// and are shown in the user's time zone and locale.
class DisplayFormat
{
    Q_DECLARE_TR_FUNCTIONS(DisplayFormat)
public:
    // "22.11.26 14:05:09" style short date and time, local time, in the current locale.
    static QString dateTime(qint64 ms);
    // dateTime(), or "Never" for std::nullopt.
    static QString expiry(std::optional<qint64> ms);
    // "512 B", "1.4 KiB", "3.2 MiB" (locale's decimal point).
    static QString size(qint64 bytes);
    // Time left until `expiresMs` seen from `nowMs`: "never", "expired", "45 s", "12 min 5 s",
    // "3 h 20 min", "2 d 4 h" (the two largest units).
    static QString timeLeft(std::optional<qint64> expiresMs, qint64 nowMs);
};
