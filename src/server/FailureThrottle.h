#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QString>

namespace kv::server {

// Counts failed logins per key (a client address, a user name) and says how long that key must
// wait: each key may fail `perMinute` times at once, then once more for every 60/perMinute
// seconds that pass (a token bucket). A guesser is held back without any key derivation, while a
// user whose header was accepted before never reaches the check. Thread-safe; memory is bounded
// (keys that have refilled are forgotten first).
class FailureThrottle
{
public:
    explicit FailureThrottle(int perMinute, qsizetype maxKeys = 65536);

    // 0 when `key` may try now, else the seconds to wait (at least 1).
    int waitSeconds(const QString& key) const;
    void recordFailure(const QString& key);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 atMs = 0;
    };
    double refilled(const Bucket& bucket, qint64 nowMs) const;
    void forgetRefilled(qint64 nowMs);

    double m_capacity;
    double m_perMs;
    qsizetype m_maxKeys;
    QElapsedTimer m_clock;
    mutable QMutex m_mutex;
    QHash<QString, Bucket> m_buckets;
};

} // namespace kv::server
