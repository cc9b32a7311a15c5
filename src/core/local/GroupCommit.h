#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

class QSqlDatabase;

namespace kv {

class Registry;

// Group commit for the registry: single writes queue here, and one committer thread runs what
// has queued inside one write transaction on its own connection, so N concurrent writes cost
// one commit (one fsync of the WAL) instead of N.
//
// Each work item runs under a savepoint: an item that throws is rolled back alone and its
// exception goes back to its writer, the others commit. run() returns only after the COMMIT
// that holds the item (durability is unchanged). One connection does every single write, so its
// page cache stays valid between commits: no other connection of this process wrote meanwhile.
class GroupCommit
{
public:
    using Work = std::function<void(QSqlDatabase&)>;

    explicit GroupCommit(Registry& registry);
    // Lets the queued writes finish, then stops the committer.
    ~GroupCommit();
    GroupCommit(const GroupCommit&) = delete;
    GroupCommit& operator=(const GroupCommit&) = delete;

    // Runs `work` in a shared transaction on the committer's connection; rethrows what `work`
    // threw, or the commit's failure.
    void run(Work work);

private:
    struct Item
    {
        Work work;
        std::exception_ptr error;
        bool done = false;
        // Its own, so a commit wakes only its writers, not every writer waiting for the next.
        std::condition_variable finished;
    };
    void commitLoop();

    static constexpr std::size_t maxBatch = 256;
    Registry& m_registry;
    std::mutex m_mutex;
    std::condition_variable m_queued;
    std::deque<Item*> m_queue;
    bool m_stopping = false;
    std::thread m_committer; // started by the first write: a catalog only read never has one
};

} // namespace kv
