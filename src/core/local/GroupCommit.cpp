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
    Item item;
    item.work = std::move(work);
    std::unique_lock lock(m_mutex);
    if (!m_committer.joinable())
        m_committer = std::thread([this] { commitLoop(); });
    m_queue.push_back(&item);
    m_queued.notify_one();
    item.finished.wait(lock, [&] { return item.done; });
    if (item.error)
        std::rethrow_exception(item.error);
}

void GroupCommit::commitLoop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_queued.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty())
            return; // stopping, and nothing left to write
        std::vector<Item*> batch;
        while (!m_queue.empty() && batch.size() < maxBatch) {
            batch.push_back(m_queue.front());
            m_queue.pop_front();
        }
        lock.unlock();
        std::exception_ptr commitError;
        try {
            QSqlDatabase db = m_registry.db(); // this thread's: opened once, kept
            Registry::Transaction tx(db, m_registry.dialect());
            // Items run one after the other: each is released before the next begins, so one
            // savepoint name (and its cached statements) serves them all.
            const auto run = [&db](const QString& sql) {
                StatementCache::run(db, sql);
            };
            for (Item* item : batch) {
                run(QStringLiteral("SAVEPOINT item"));
                try {
                    item->work(db);
                    run(QStringLiteral("RELEASE SAVEPOINT item"));
                } catch (...) {
                    item->error = std::current_exception();
                    run(QStringLiteral("ROLLBACK TO SAVEPOINT item"));
                    run(QStringLiteral("RELEASE SAVEPOINT item"));
                }
            }
            tx.commit();
        } catch (...) {
            commitError = std::current_exception();
        }
        lock.lock();
        for (Item* item : batch) {
            if (commitError && !item->error)
                item->error = commitError;
            item->done = true;
            item->finished.notify_one();
        }
    }
}

} // namespace kv
