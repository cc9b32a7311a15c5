#pragma once

#include <atomic>
#include <QDateTime>
#include <QtGlobal>

namespace kv {

// Where every piece of kvcore gets "now" from, so that TTL behaviour is tested without sleeping.
// Times are milliseconds since the Unix epoch, UTC. Implementations must be thread-safe.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }
};

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override;
};

// A clock that only moves when told to: for tests and for replaying.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1'700'000'000'000)
        : m_ms(startMs)
    {
    }
    explicit ManualClock(const QDateTime& start)
        : m_ms(start.toMSecsSinceEpoch())
    {
    }
    qint64 nowMs() const override { return m_ms.load(); }
    void setNow(const QDateTime& t) { m_ms.store(t.toMSecsSinceEpoch()); }
    void advanceMs(qint64 ms) { m_ms.fetch_add(ms); }
    void advanceSeconds(qint64 s) { advanceMs(s * 1000); }

private:
    std::atomic<qint64> m_ms;
};

} // namespace kv
