#include "local/BulkValueWriter.h"

#include "local/ValueStore.h"

namespace kv {

namespace {
constexpr std::size_t maxQueued = 4096;
}

BulkValueWriter::BulkValueWriter(ValueStore& store)
    : m_store(store)
    , m_thread([this] { run(); })
{
}

BulkValueWriter::~BulkValueWriter()
{
    stop();
}

void BulkValueWriter::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_queue.clear();
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void BulkValueWriter::write(const QString& id, QByteArray bytes)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < maxQueued || m_error; });
    if (m_error)
        std::rethrow_exception(m_error);
    m_queue.emplace_back(id, std::move(bytes));
    lock.unlock();
    m_changed.notify_all();
}

void BulkValueWriter::finish()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return (m_queue.empty() && !m_busy) || m_error; });
    if (m_error)
        std::rethrow_exception(m_error);
}

void BulkValueWriter::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return !m_queue.empty() || m_stopping; });
        if (m_stopping)
            return;
        auto [id, bytes] = std::move(m_queue.front());
        m_queue.pop_front();
        m_busy = true;
        lock.unlock();
        m_changed.notify_all(); // room in the queue
        std::exception_ptr error;
        try {
            m_store.writeUnsynced(id, bytes);
        } catch (...) {
            error = std::current_exception();
        }
        lock.lock();
        m_busy = false;
        if (error) {
            m_error = error;
            m_queue.clear();
        }
        m_changed.notify_all();
        if (m_error)
            return;
    }
}

} // namespace kv
