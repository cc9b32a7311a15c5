#pragma once

#include <cstring>
#include <QByteArray>
#include <QIODevice>

namespace kvfuzz {

// A read-only sequential device that hands out at most `chunk` bytes per read, like a pipe: it
// makes a reader meet record, quote, CR LF and UTF-8 boundaries at every position.
class ChunkedDevice : public QIODevice
{
public:
    ChunkedDevice(QByteArray data, qint64 chunk)
        : m_data(std::move(data))
        , m_chunk(chunk)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char* out, qint64 maxSize) override
    {
        const qint64 n = qMin(qMin(maxSize, m_chunk), qint64(m_data.size()) - m_pos);
        if (n <= 0)
            return -1; // the end, as a pipe reports it
        std::memcpy(out, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_chunk;
    qint64 m_pos = 0;
};

} // namespace kvfuzz
