#pragma once

#include <atomic>
#include <functional>
#include <QDateTime>
#include <QtGlobal>

namespace kv {

// Where every piece of the core (src/core) gets "now" from, so that TTL behaviour is tested
// without sleeping. Times are milliseconds since the Unix epoch, UTC. Implementations must be
// thread-safe.
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
    void setNow(const QDateTime& t)
    {
        m_ms.store(t.toMSecsSinceEpoch());
        changed();
    }
    void advanceMs(qint64 ms)
    {
        m_ms.fetch_add(ms);
        changed();
    }
    void advanceSeconds(qint64 s) { advanceMs(s * 1000); }
    // Called with the new time after every change, on the thread that made it: lets a test
    // carry this clock over to another process (kvdesk-server --test-clock-file).
    void setListener(std::function<void(qint64)> listener) { m_listener = std::move(listener); }

private:
    void changed()
    {
        if (m_listener)
            m_listener(m_ms.load());
    }
    std::atomic<qint64> m_ms;
    std::function<void(qint64)> m_listener;
};

} // namespace kv
