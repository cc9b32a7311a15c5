#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>

class QSqlDatabase;

namespace kv {

class Registry;

// Group commit for the registry: writers that arrive while another one is committing share its
// next transaction, so N concurrent writes cost one commit (one fsync of the WAL) instead of N.
//
// run() queues its work; the first writer to find nobody committing becomes the leader and runs
// every queued work item on its own connection inside one write transaction, each under a
// savepoint: an item that throws is rolled back alone and its exception goes back to its
// writer, the others commit. Every writer returns once its item is committed (or failed). A
// leader leads until its own item is committed, then a writer still waiting takes over, so no
// caller is held back by the others' load.
// Durability is unchanged: run() returns only after the COMMIT that holds the item.
class GroupCommit
{
public:
    using Work = std::function<void(QSqlDatabase&)>;

    explicit GroupCommit(Registry& registry);
    // Runs `work` in a shared transaction; rethrows what `work` threw, or the commit's failure.
    void run(Work work);

private:
    struct Item
    {
        Work work;
        std::exception_ptr error;
        bool done = false;
    };
    void lead(std::unique_lock<std::mutex>& lock, const Item& own);

    static constexpr std::size_t maxBatch = 256;
    Registry& m_registry;
    std::mutex m_mutex;
    std::condition_variable m_finished;
    std::deque<Item*> m_queue;
    bool m_leading = false;
};

} // namespace kv
