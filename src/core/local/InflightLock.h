#pragma once

#include <QMutex>
#include <QString>

namespace kv {

// Tells value files that are being written apart from orphans left by a crash.
//
// Every write holds the lock shared from the moment it creates a value file until its registry
// row is committed; fsck holds it exclusively while it looks for orphans. The lock is an OS file
// lock (flock / LockFileEx) on <catalog>/inflight.lock, so it spans processes and is released by
// the OS when a writer dies: a file no row points at is then an orphan for certain.
class InflightLock
{
public:
    explicit InflightLock(QString path);
    ~InflightLock();
    InflightLock(const InflightLock&) = delete;
    InflightLock& operator=(const InflightLock&) = delete;

    class Shared
    {
    public:
        explicit Shared(InflightLock& lock)
            : m_lock(lock)
        {
            m_lock.lockShared();
        }
        ~Shared() { m_lock.unlockShared(); }
        Shared(const Shared&) = delete;
        Shared& operator=(const Shared&) = delete;

    private:
        InflightLock& m_lock;
    };

    class Exclusive
    {
    public:
        explicit Exclusive(InflightLock& lock);
        ~Exclusive();
        Exclusive(const Exclusive&) = delete;
        Exclusive& operator=(const Exclusive&) = delete;

    private:
        qintptr m_handle;
    };

private:
    void lockShared();
    void unlockShared();

    QString m_path;
    QMutex m_mutex; // guards m_holders: one OS lock per process, counted across threads
    int m_holders = 0;
    qintptr m_sharedHandle = -1;
};

} // namespace kv
