#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <QtGlobal>
#include <thread>
#include <vector>

class QSqlDatabase;

namespace kv {

class Registry;

// Group commit for the registry: single writes queue here, and one committer thread runs what
// has queued inside one write transaction on its own connection, so N concurrent writes cost
// one commit (one fsync of the WAL) instead of N.
//
// An item that throws is rolled back alone and its exception goes back to its writer, the
// others commit: the batch runs again with a savepoint per item (a batch where nothing fails
// needs none, and an item's work must be safe to run twice). An item is finished only after the
// COMMIT that holds it (durability is unchanged). One connection does every single write, so its
// page cache stays valid between commits: no other connection of this process wrote meanwhile.
class GroupCommit
{
public:
    using Work = std::function<void(QSqlDatabase&)>;
    // Called once per item on the committer thread, after the COMMIT (null) or with what the
    // item or the commit threw. It must neither block (the next batch waits for it) nor throw.
    using Done = std::function<void(std::exception_ptr)>;

    explicit GroupCommit(Registry& registry);
    // Lets the queued writes finish (their Done called), then stops the committer.
    ~GroupCommit();
    GroupCommit(const GroupCommit&) = delete;
    GroupCommit& operator=(const GroupCommit&) = delete;

    // Runs `work` in a shared transaction on the committer's connection; rethrows what `work`
    // threw, or the commit's failure.
    void run(Work work);
    // The same without waiting: queues `work` and returns; `done` tells how it ended.
    void start(Work work, Done done);
    // Numbers the transactions of the committer, for a Work to tell whether it runs in the same
    // one as the work before (settings read once per transaction). Only for a running Work.
    quint64 transaction() const { return m_transaction; }

private:
    struct Item
    {
        Work work;
        Done done;
        std::exception_ptr error;
    };
    void commitLoop();
    // Runs the batch in one transaction: the commit's failure, or null (items keep their own).
    std::exception_ptr commitBatch(std::vector<Item>& batch);

    static constexpr std::size_t maxBatch = 256;
    Registry& m_registry;
    std::mutex m_mutex;
    std::condition_variable m_queued;
    std::deque<Item> m_queue;
    bool m_stopping = false;
    std::thread m_committer;   // started by the first write: a catalog only read never has one
    quint64 m_transaction = 0; // the committer's alone
};

} // namespace kv
