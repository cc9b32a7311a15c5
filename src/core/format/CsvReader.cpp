#include "format/CsvReader.h"

#include "domain/Rules.h"

#include <cstring>
#include <QFileDevice>
#include <QIODevice>

namespace kv {

namespace {

constexpr qint64 kChunkSize = 64 * 1024;

constexpr bool isSpecial(char c)
{
    return uchar(c) <= uchar(',') && (c == ',' || c == '"' || c == '\r' || c == '\n');
}

// Decodes strict UTF-8 (Unicode table 3-7: no overlong forms, surrogates or code points above
// U+10FFFF) into `out`. Unlike QString::fromUtf8() it keeps a leading U+FEFF, which is data here.
bool decodeUtf8(const uchar* p, const uchar* end, QString& out)
{
    out.resize(end - p); // never more UTF-16 units than bytes
    char16_t* d = reinterpret_cast<char16_t*>(out.data());
    char16_t* const begin = d;
    while (p < end) {
        const uchar b = *p;
        if (b < 0x80) {
            *d++ = b;
            ++p;
            continue;
        }
        qsizetype len = 0;
        uchar lo = 0x80;
        uchar hi = 0xBF;
        char32_t c = 0;
        if (b >= 0xC2 && b <= 0xDF) {
            len = 2;
            c = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
            len = 3;
            c = b & 0x0F;
            lo = b == 0xE0 ? 0xA0 : 0x80;
            hi = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            len = 4;
            c = b & 0x07;
            lo = b == 0xF0 ? 0x90 : 0x80;
            hi = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (end - p < len || p[1] < lo || p[1] > hi)
            return false;
        for (qsizetype k = 1; k < len; ++k) {
            if ((p[k] & 0xC0) != 0x80)
                return false;
            c = (c << 6) | (p[k] & 0x3F);
        }
        p += len;
        if (QChar::requiresSurrogates(c)) {
            *d++ = QChar::highSurrogate(c);
            *d++ = QChar::lowSurrogate(c);
        } else {
            *d++ = char16_t(c);
        }
    }
    out.resize(d - begin);
    return true;
}

} // namespace

CsvReader::CsvReader(QIODevice* device, bool neutralised)
    : m_device(device)
    , m_neutralised(neutralised)
    , m_maxFieldBytes(rules::defaultMaxValueBytes)
{
}

bool CsvReader::readRecord(QStringList& fields)
{
    fields.clear();
    if (hasError())
        return false;
    if (!m_bomChecked) {
        skipBom();
        if (hasError())
            return false;
    }

    // Skip empty lines; a CR LF pair is one line break, and so is a CR or LF alone.
    for (;;) {
        if (m_pos >= m_buffer.size() && !fillBuffer())
            return false;
        const char c = m_buffer.at(m_pos);
        if (c == '\n') {
            if (!m_afterCr)
                ++m_line;
            m_afterCr = false;
        } else if (c == '\r') {
            ++m_line;
            m_afterCr = true;
        } else {
            m_afterCr = false;
            break;
        }
        ++m_pos;
    }

    enum class State { FieldStart, Unquoted, Quoted, AfterQuote };
    const qint64 recordLine = m_line;
    qint64 quoteLine = 0; // where the open quoted field started
    bool prevCr = false;  // inside a quoted field: the last byte was CR
    State state = State::FieldStart;
    m_field.resize(0);
    const auto fail = [&](const QString& what) {
        setError(recordLine, what);
        fields.clear();
        return false;
    };

    for (;;) {
        if (m_pos >= m_buffer.size() && !fillBuffer()) {
            if (hasError()) {
                fields.clear();
                return false;
            }
            if (state == State::Quoted) {
                QString what = QStringLiteral("unterminated quoted field");
                if (quoteLine != recordLine)
                    what += QStringLiteral(" (opened on line %1)").arg(quoteLine);
                return fail(what);
            }
            if (!finishField(fields, recordLine))
                return false;
            break; // the last record has no line break
        }
        const char* data = m_buffer.constData();
        const qsizetype size = m_buffer.size();

        if (state == State::FieldStart) {
            if (data[m_pos] == '"') {
                ++m_pos;
                state = State::Quoted;
                quoteLine = m_line;
                prevCr = false;
                continue;
            }
            state = State::Unquoted;
        }

        if (state == State::Unquoted) {
            qsizetype i = m_pos;
            while (i < size && !isSpecial(data[i]))
                ++i;
            m_field.append(data + m_pos, i - m_pos);
            m_pos = i;
            if (fieldTooLong())
                return fail(tooLong(fields));
            if (i == size)
                continue;
            const char c = data[i];
            if (c == '"')
                return fail(QStringLiteral("quote character inside an unquoted field"));
            ++m_pos;
            if (!finishField(fields, recordLine))
                return false;
            if (c == ',') {
                state = State::FieldStart;
                continue;
            }
            ++m_line;
            m_afterCr = c == '\r';
            break;
        }

        if (state == State::Quoted) {
            const void* quote = std::memchr(data + m_pos, '"', size_t(size - m_pos));
            const qsizetype end = quote ? static_cast<const char*>(quote) - data : size;
            for (qsizetype i = m_pos; i < end; ++i) {
                const char c = data[i];
                if (c == '\n') {
                    if (!prevCr)
                        ++m_line;
                    prevCr = false;
                } else {
                    prevCr = c == '\r';
                    if (prevCr)
                        ++m_line;
                }
            }
            m_field.append(data + m_pos, end - m_pos);
            m_pos = end;
            if (fieldTooLong())
                return fail(tooLong(fields));
            if (quote) {
                ++m_pos;
                state = State::AfterQuote;
            }
            continue;
        }

        // AfterQuote: a doubled quote, the separator or the record end.
        const char c = data[m_pos++];
        if (c == '"') {
            m_field.append('"');
            state = State::Quoted;
            prevCr = false;
            continue;
        }
        if (c != ',' && c != '\r' && c != '\n')
            return fail(QStringLiteral("unexpected character after a closing quote"));
        if (!finishField(fields, recordLine))
            return false;
        if (c == ',') {
            state = State::FieldStart;
            continue;
        }
        ++m_line;
        m_afterCr = c == '\r';
        break;
    }

    ++m_recordNumber;
    m_recordLine = recordLine;
    return true;
}

bool CsvReader::fieldTooLong() const
{
    // One leading apostrophe more is allowed: it is removed when the field ends.
    const bool marked = m_neutralised && !m_field.isEmpty() && m_field.front() == '\'';
    return m_field.size() > m_maxFieldBytes + (marked ? 1 : 0);
}

QString CsvReader::tooLong(const QStringList& fields) const
{
    return QStringLiteral("field %1 is larger than the limit of %2 bytes")
        .arg(fields.size() + 1)
        .arg(m_maxFieldBytes);
}

bool CsvReader::fillBuffer()
{
    if (m_eof || hasError())
        return false;
    if (m_pos >= m_buffer.size()) {
        m_buffer.resize(0); // keeps the capacity
    } else if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
    }
    m_pos = 0;
    const qsizetype old = m_buffer.size();
    m_buffer.resize(old + kChunkSize);
    const qint64 n = m_device ? m_device->read(m_buffer.data() + old, kChunkSize) : -1;
    if (n > 0) {
        m_buffer.resize(old + n);
        return true;
    }
    m_buffer.resize(old);
    m_eof = true;
    // read() also answers -1 at the end of some sequential devices: only a device that is
    // unusable or reports a file error counts as a failure.
    const auto* file = qobject_cast<const QFileDevice*>(m_device);
    QString reason;
    if (!m_device)
        reason = QStringLiteral("no device");
    else if (!m_device->isReadable())
        reason = QStringLiteral("the device is not open for reading");
    else if (n < 0 && file && file->error() != QFileDevice::NoError)
        reason = file->errorString();
    if (!reason.isEmpty())
        setError(m_line, QStringLiteral("cannot read CSV: %1").arg(reason));
    return false;
}

void CsvReader::skipBom()
{
    m_bomChecked = true;
    while (m_buffer.size() - m_pos < 3 && fillBuffer()) {
    }
    if (m_buffer.size() - m_pos >= 3 && m_buffer.at(m_pos) == '\xEF' &&
        m_buffer.at(m_pos + 1) == '\xBB' && m_buffer.at(m_pos + 2) == '\xBF') {
        m_pos += 3;
    }
}

bool CsvReader::finishField(QStringList& fields, qint64 recordLine)
{
    const char* data = m_field.constData();
    qsizetype size = m_field.size();
    if (m_neutralised && size > 0 && data[0] == '\'') {
        ++data;
        --size;
    }
    uchar high = 0;
    for (qsizetype i = 0; i < size; ++i)
        high |= uchar(data[i]);
    QString text;
    if (high < 0x80) {
        text = QString::fromLatin1(data, size);
    } else if (!decodeUtf8(reinterpret_cast<const uchar*>(data),
                           reinterpret_cast<const uchar*>(data) + size, text)) {
        setError(recordLine, QStringLiteral("invalid UTF-8 in field %1").arg(fields.size() + 1));
        fields.clear();
        return false;
    }
    fields.append(std::move(text));
    m_field.resize(0);
    return true;
}

void CsvReader::setError(qint64 line, const QString& what)
{
    m_error = QStringLiteral("line %1: %2").arg(line).arg(what);
}

} // namespace kv
