// IsoDuration::tryParse as a TTL (zero refused) and as a DURATION value (zero allowed).
// Input: one mode byte (bit 0: allow zero; bit 6: the text is raw UTF-16), then the text.
// On success: within 0 (or 1 ms) and a million days, and the canonical text re-parses to the
// same milliseconds and prints the same. On failure: a message that names the problem.

#include "domain/IsoDuration.h"
#include "FuzzSupport.h"

using kv::IsoDuration;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const bool allowZero = data[0] & 1;
    const QString text = kvfuzz::text(data + 1, size - 1, data[0] & 0x40);

    IsoDuration duration = IsoDuration::fromMilliseconds(-1);
    QString error;
    if (!IsoDuration::tryParse(text, allowZero, &duration, &error)) {
        KVDESK_FUZZ_REQUIRE(error.startsWith(QLatin1String("invalid duration")), error);
        KVDESK_FUZZ_REQUIRE(duration.milliseconds() == -1, QStringLiteral("output changed"));
        return 0;
    }
    KVDESK_FUZZ_REQUIRE(error.isEmpty(), error);
    const qint64 ms = duration.milliseconds();
    constexpr qint64 maxMs = 1000000LL * 24 * 3600 * 1000;
    KVDESK_FUZZ_REQUIRE(ms >= (allowZero ? 0 : 1) && ms <= maxMs,
                        QStringLiteral("%1 ms from %2").arg(ms).arg(kvfuzz::show(text)));

    const QString canonical = duration.toString();
    for (bool zero : {allowZero, true}) {
        IsoDuration again;
        QString againError;
        KVDESK_FUZZ_REQUIRE(IsoDuration::tryParse(canonical, zero, &again, &againError),
                            canonical + QStringLiteral(": ") + againError);
        KVDESK_FUZZ_REQUIRE(again == duration && again.toString() == canonical,
                            QStringLiteral("%1 (%2 ms) re-parses as %3 ms")
                                .arg(canonical)
                                .arg(ms)
                                .arg(again.milliseconds()));
    }
    return 0;
}
