#include "local/GroupCommit.h"

#include "local/Registry.h"
#include "local/StatementCache.h"

#include <vector>

namespace kv {

GroupCommit::GroupCommit(Registry& registry)
    : m_registry(registry)
{
}

GroupCommit::~GroupCommit()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_queued.notify_all();
    if (m_committer.joinable())
        m_committer.join();
}

void GroupCommit::run(Work work)
{
    // Its own condition, so a commit wakes only its writers, not every writer waiting for the
    // next one.
    struct Wait
    {
        std::mutex mutex;
        std::condition_variable finished;
        bool done = false;
        std::exception_ptr error;
    } wait;
    start(std::move(work), [&wait](std::exception_ptr error) {
        std::lock_guard lock(wait.mutex);
        wait.error = std::move(error);
        wait.done = true;
        wait.finished.notify_one(); // under the lock: `wait` is gone once run() sees done
    });
    std::unique_lock lock(wait.mutex);
    wait.finished.wait(lock, [&] { return wait.done; });
    if (wait.error)
        std::rethrow_exception(wait.error);
}

void GroupCommit::start(Work work, Done done)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_committer.joinable())
            m_committer = std::thread([this] { commitLoop(); });
        m_queue.push_back({std::move(work), std::move(done), {}});
    }
    m_queued.notify_one();
}

void GroupCommit::commitLoop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_queued.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty())
            return; // stopping, and nothing left to write
        std::vector<Item> batch;
        while (!m_queue.empty() && batch.size() < maxBatch) {
            batch.push_back(std::move(m_queue.front()));
            m_queue.pop_front();
        }
        lock.unlock();
        const std::exception_ptr commitError = commitBatch(batch);
        for (Item& item : batch) {
            if (commitError && !item.error)
                item.error = commitError;
            item.done(item.error);
        }
        lock.lock();
    }
}

std::exception_ptr GroupCommit::commitBatch(std::vector<Item>& batch)
{
    // First without savepoints: two statements per item that a batch where nothing fails does
    // not need. When an item fails, the whole transaction rolls back and the batch runs again
    // with one savepoint per item, so that only the failed one is left out (an item's work may
    // run twice; it keeps nothing but what its last run produced).
    for (const bool savepoints : {false, true}) {
        try {
            QSqlDatabase db = m_registry.db(); // this thread's: opened once, kept
            Registry::Transaction tx(db, m_registry.dialect());
            ++m_transaction;
            const auto run = [&db](const QString& sql) {
                StatementCache::run(db, sql);
            };
            bool failed = false;
            for (Item& item : batch) {
                if (!savepoints) {
                    try {
                        item.work(db);
                    } catch (...) {
                        failed = true;
                        break;
                    }
                    continue;
                }
                // Each item is released before the next begins, so one savepoint name (and its
                // cached statements) serves them all.
                run(QStringLiteral("SAVEPOINT item"));
                try {
                    item.work(db);
                    run(QStringLiteral("RELEASE SAVEPOINT item"));
                } catch (...) {
                    item.error = std::current_exception();
                    run(QStringLiteral("ROLLBACK TO SAVEPOINT item"));
                    run(QStringLiteral("RELEASE SAVEPOINT item"));
                }
            }
            if (failed)
                continue; // rolled back as `tx` goes
            tx.commit();
            return nullptr;
        } catch (...) {
            return std::current_exception();
        }
    }
    return nullptr; // not reached: the pass with savepoints returns
}

} // namespace kv
