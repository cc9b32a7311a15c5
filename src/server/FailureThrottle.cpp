#include "FailureThrottle.h"

#include <cmath>

namespace kv::server {

FailureThrottle::FailureThrottle(int perMinute, qsizetype maxKeys)
    : m_capacity(qMax(1, perMinute))
    , m_perMs(m_capacity / 60'000.0)
    , m_maxKeys(maxKeys)
{
    m_clock.start();
}

double FailureThrottle::refilled(const Bucket& bucket, qint64 nowMs) const
{
    return qMin(m_capacity, bucket.tokens + double(nowMs - bucket.atMs) * m_perMs);
}

int FailureThrottle::waitSeconds(const QString& key) const
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_buckets.constFind(key);
    if (it == m_buckets.cend())
        return 0;
    const double tokens = refilled(*it, m_clock.elapsed());
    if (tokens >= 1.0)
        return 0;
    return qMax(1, int(std::ceil((1.0 - tokens) / m_perMs / 1000.0)));
}

void FailureThrottle::recordFailure(const QString& key)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock.elapsed();
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= m_maxKeys)
            forgetRefilled(now);
        if (m_buckets.size() >= m_maxKeys) // every key is guessing: start over rather than grow
            m_buckets.clear();
        it = m_buckets.insert(key, Bucket{m_capacity, now});
    }
    it->tokens = qMax(0.0, refilled(*it, now) - 1.0);
    it->atMs = now;
}

void FailureThrottle::forgetRefilled(qint64 nowMs)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (refilled(*it, nowMs) >= m_capacity)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

} // namespace kv::server
