#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <QByteArray>
#include <QString>
#include <thread>

namespace kv {

class ValueStore;

// Writes value files on a thread of its own while a bulk operation goes on reading and
// validating (file creation is most of an import's cost, and the machine has a second core).
// Files are written in place and unsynced (ValueStore::writeUnsynced); call finish() and then
// ValueStore::syncWritten() before any row points at them. The queue is bounded, so memory does
// not grow with the number of values.
class BulkValueWriter
{
public:
    explicit BulkValueWriter(ValueStore& store);
    ~BulkValueWriter(); // stops: queued values that were not written yet are dropped
    BulkValueWriter(const BulkValueWriter&) = delete;
    BulkValueWriter& operator=(const BulkValueWriter&) = delete;

    // Queues a value; waits while the queue is full. Rethrows the writer's error, if any.
    void write(const QString& id, QByteArray bytes);
    // Waits until every queued value is written. Rethrows the writer's error, if any.
    void finish();

private:
    void run();
    void stop();

    ValueStore& m_store;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::pair<QString, QByteArray>> m_queue;
    bool m_busy = false; // the writer holds a value it is writing
    bool m_stopping = false;
    std::exception_ptr m_error;
    std::thread m_thread;
};

} // namespace kv
