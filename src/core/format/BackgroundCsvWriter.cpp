#include "format/BackgroundCsvWriter.h"

#include "format/CsvExport.h"
#include "format/CsvWriter.h"

namespace kv {

namespace {
constexpr qsizetype batchRows = 1024;
constexpr std::size_t maxBatches = 4;
} // namespace

BackgroundCsvWriter::BackgroundCsvWriter(QIODevice* out, bool bom, bool withValues)
    : m_withValues(withValues)
    , m_thread([this, out, bom] { run(out, bom); })
{
    m_batch.reserve(batchRows);
}

BackgroundCsvWriter::~BackgroundCsvWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_queue.clear();
    }
    m_changed.notify_all();
    m_thread.join();
}

void BackgroundCsvWriter::pushBatch(std::unique_lock<std::mutex>& lock)
{
    m_changed.wait(lock, [this] { return m_queue.size() < maxBatches || m_error; });
    if (m_error)
        std::rethrow_exception(m_error);
    m_queue.push_back(std::move(m_batch));
    m_batch = QList<KvEntry>();
    m_batch.reserve(batchRows);
    m_changed.notify_all();
}

void BackgroundCsvWriter::add(KvEntry entry)
{
    m_batch.append(std::move(entry));
    if (m_batch.size() < batchRows)
        return;
    std::unique_lock lock(m_mutex);
    pushBatch(lock);
}

void BackgroundCsvWriter::finish()
{
    std::unique_lock lock(m_mutex);
    if (!m_batch.isEmpty())
        pushBatch(lock);
    m_closing = true;
    m_changed.notify_all();
    m_changed.wait(lock, [this] { return m_done || m_error; });
    if (m_error)
        std::rethrow_exception(m_error);
}

void BackgroundCsvWriter::run(QIODevice* out, bool bom)
{
    try {
        CsvWriter writer(out, bom);
        writer.writeRecord(csvexport::header(m_withValues));
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_changed.wait(lock, [this] { return !m_queue.empty() || m_closing || m_stopping; });
            if (m_stopping)
                return;
            if (m_queue.empty()) { // closing, and everything is written
                lock.unlock();
                writer.flush();
                lock.lock();
                m_done = true;
                m_changed.notify_all();
                return;
            }
            const QList<KvEntry> batch = std::move(m_queue.front());
            m_queue.pop_front();
            m_changed.notify_all(); // room in the queue
            lock.unlock();
            for (const KvEntry& entry : batch)
                csvexport::writeRow(writer, entry, m_withValues);
            lock.lock();
        }
    } catch (...) {
        std::lock_guard lock(m_mutex);
        m_error = std::current_exception();
        m_changed.notify_all();
    }
}

} // namespace kv
