#include "local/GroupCommit.h"

#include "local/Registry.h"

#include <QSqlQuery>
#include <vector>

namespace kv {

GroupCommit::GroupCommit(Registry& registry)
    : m_registry(registry)
{
}

void GroupCommit::run(Work work)
{
    Item item{std::move(work), nullptr, false};
    std::unique_lock lock(m_mutex);
    m_queue.push_back(&item);
    while (!item.done) {
        if (!m_leading)
            lead(lock, item); // commits our item (and whatever else is queued with it)
        else
            m_finished.wait(lock, [&] { return item.done || !m_leading; });
    }
    if (item.error)
        std::rethrow_exception(item.error);
}

void GroupCommit::lead(std::unique_lock<std::mutex>& lock, const Item& own)
{
    m_leading = true;
    // Only until our own item is committed: a leader that went on while others kept queueing
    // would hold its own caller back for as long as the load lasts. A waiting writer takes over.
    while (!own.done) {
        std::vector<Item*> batch;
        while (!m_queue.empty() && batch.size() < maxBatch) {
            batch.push_back(m_queue.front());
            m_queue.pop_front();
        }
        lock.unlock();
        std::exception_ptr commitError;
        try {
            QSqlDatabase db = m_registry.db();
            Registry::Transaction tx(db, m_registry.dialect());
            QSqlQuery q(db);
            for (std::size_t i = 0; i < batch.size(); ++i) {
                const QString savepoint = QStringLiteral("w%1").arg(i);
                Registry::exec(q, QStringLiteral("SAVEPOINT ") + savepoint);
                try {
                    batch[i]->work(db);
                    Registry::exec(q, QStringLiteral("RELEASE SAVEPOINT ") + savepoint);
                } catch (...) {
                    batch[i]->error = std::current_exception();
                    Registry::exec(q, QStringLiteral("ROLLBACK TO SAVEPOINT ") + savepoint);
                    Registry::exec(q, QStringLiteral("RELEASE SAVEPOINT ") + savepoint);
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
        }
        m_finished.notify_all();
    }
    m_leading = false;
    m_finished.notify_all();
}

} // namespace kv
