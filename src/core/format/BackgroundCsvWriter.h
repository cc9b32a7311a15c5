#pragma once

#include "domain/CatalogTypes.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <QList>
#include <thread>

class QIODevice;

namespace kv {

// Formats and writes export rows (csvexport::writeRow) on a thread of its own, so that reading
// the next rows from the registry overlaps with writing these: each takes about half of an
// export's time. Rows travel in batches through a short queue, so memory stays bounded.
class BackgroundCsvWriter
{
public:
    // Writes the header at once (from the writer thread).
    BackgroundCsvWriter(QIODevice* out, bool bom, bool withValues);
    ~BackgroundCsvWriter(); // stops; rows still queued are dropped
    BackgroundCsvWriter(const BackgroundCsvWriter&) = delete;
    BackgroundCsvWriter& operator=(const BackgroundCsvWriter&) = delete;

    // Queues a row; waits while the queue is full. Rethrows the writer's error (e.g. disk full).
    void add(KvEntry entry);
    // Writes what is queued, flushes the device and waits. Rethrows the writer's error.
    void finish();

private:
    void run(QIODevice* out, bool bom);
    void pushBatch(std::unique_lock<std::mutex>& lock);

    bool m_withValues;
    QList<KvEntry> m_batch; // being filled by the caller
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QList<KvEntry>> m_queue;
    bool m_closing = false;  // no more rows will come
    bool m_stopping = false; // give up now
    bool m_done = false;     // the writer thread has flushed and ended
    std::exception_ptr m_error;
    std::thread m_thread;
};

} // namespace kv
