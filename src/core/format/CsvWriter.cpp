#include "format/CsvWriter.h"

#include "domain/CatalogError.h"

#include <cstring>
#include <QIODevice>

namespace kv {

namespace {

// The buffer is handed to the device once it holds this many bytes.
constexpr qsizetype kFlushThreshold = 256 * 1024;

// First characters that a spreadsheet would run as a formula, plus the apostrophe itself so
// that neutralisation can be undone exactly.
constexpr bool isFormulaTrigger(char16_t c)
{
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r' ||
           c == u'\'';
}

constexpr bool needsQuoting(char16_t c)
{
    return c <= u',' && (c == u',' || c == u'"' || c == u'\r' || c == u'\n');
}

// Writes `field` as one CSV field at `d`: neutralised, quoted if needed and encoded as UTF-8.
// Needs room for 3 bytes per UTF-16 unit plus 3 (a doubled quote takes 2, a surrogate pair 4
// for 2 units; the apostrophe and two quotes). Returns the end. A lone surrogate is written as
// U+FFFD.
char* writeField(char* d, QStringView field, bool neutralise)
{
    const qsizetype n = field.size();
    if (n == 0)
        return d;
    const char16_t* s = field.utf16();

    // A leading U+FEFF is quoted too, so a reader cannot take it for a byte-order mark.
    bool quote = s[0] == 0xFEFF;
    for (qsizetype i = 0; i < n && !quote; ++i)
        quote = needsQuoting(s[i]);
    const bool apostrophe = neutralise && isFormulaTrigger(s[0]);
    if (quote)
        *d++ = '"';
    if (apostrophe)
        *d++ = '\'';
    for (qsizetype i = 0; i < n; ++i) {
        char32_t c = s[i];
        if (c < 0x80) {
            *d++ = char(c);
            if (c == u'"')
                *d++ = '"';
            continue;
        }
        if (c < 0x800) {
            *d++ = char(0xC0 | (c >> 6));
            *d++ = char(0x80 | (c & 0x3F));
            continue;
        }
        if (QChar::isSurrogate(c)) {
            if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(s[i + 1])) {
                c = QChar::surrogateToUcs4(char16_t(c), s[++i]);
                *d++ = char(0xF0 | (c >> 18));
                *d++ = char(0x80 | ((c >> 12) & 0x3F));
                *d++ = char(0x80 | ((c >> 6) & 0x3F));
                *d++ = char(0x80 | (c & 0x3F));
                continue;
            }
            c = QChar::ReplacementCharacter;
        }
        *d++ = char(0xE0 | (c >> 12));
        *d++ = char(0x80 | ((c >> 6) & 0x3F));
        *d++ = char(0x80 | (c & 0x3F));
    }
    if (quote)
        *d++ = '"';
    return d;
}

// writeField() for text that is valid UTF-8: the same bytes, with no lone surrogate to replace
// (U+FEFF is EF BB BF in UTF-8). Needs room for 2 bytes per byte plus 3.
char* writeUtf8Field(char* d, QByteArrayView field, bool neutralise)
{
    const qsizetype n = field.size();
    if (n == 0)
        return d;
    const char* s = field.data();
    bool quote = field.startsWith("\xEF\xBB\xBF");
    for (qsizetype i = 0; i < n && !quote; ++i)
        quote = uchar(s[i]) <= ',' && needsQuoting(char16_t(s[i]));
    const bool apostrophe = neutralise && isFormulaTrigger(char16_t(uchar(s[0])));
    if (!quote && !apostrophe) {
        std::memcpy(d, s, size_t(n));
        return d + n;
    }
    if (quote)
        *d++ = '"';
    if (apostrophe)
        *d++ = '\'';
    for (qsizetype i = 0; i < n; ++i) {
        *d++ = s[i];
        if (s[i] == '"')
            *d++ = '"';
    }
    if (quote)
        *d++ = '"';
    return d;
}

} // namespace

CsvWriter::CsvWriter(QIODevice* device, bool writeBom, bool neutralise)
    : m_device(device)
    , m_neutralise(neutralise)
{
    m_buffer.resize(kFlushThreshold + 64 * 1024);
    if (writeBom) {
        std::memcpy(m_buffer.data(), "\xEF\xBB\xBF", 3);
        m_used = 3;
    }
}

CsvWriter::~CsvWriter()
{
    try {
        flush();
    } catch (...) {
        // The explicit flush() is the checked path; a destructor must not throw.
    }
}

char* CsvWriter::room(qsizetype bytes)
{
    if (m_buffer.size() - m_used < bytes)
        m_buffer.resize(qMax(2 * m_buffer.size(), m_used + bytes));
    return m_buffer.data() + m_used;
}

char* CsvWriter::startField(qsizetype bytes, bool empty)
{
    char* d = room(bytes + 1);
    if (!m_atRecordStart)
        *d++ = ',';
    m_singleEmptyField = m_atRecordStart && empty;
    m_atRecordStart = false;
    return d;
}

void CsvWriter::writeRecord(const QStringList& fields)
{
    for (const QString& field : fields)
        addField(field);
    endRecord();
}

void CsvWriter::addField(QStringView field)
{
    char* d = startField(3 * field.size() + 3, field.isEmpty());
    m_used = writeField(d, field, m_neutralise) - m_buffer.constData();
}

void CsvWriter::addAsciiField(QLatin1String field)
{
    const char* s = field.data();
    bool plain = !field.isEmpty() && !(m_neutralise && isFormulaTrigger(char16_t(uchar(s[0]))));
    for (qsizetype i = 0; i < field.size() && plain; ++i)
        plain = !needsQuoting(char16_t(uchar(s[i])));
    if (!plain) {
        addField(QString(field));
        return;
    }
    char* d = startField(field.size(), false);
    std::memcpy(d, s, size_t(field.size()));
    m_used = d + field.size() - m_buffer.constData();
}

void CsvWriter::addUtf8Field(QByteArrayView field)
{
    char* d = startField(2 * field.size() + 3, field.isEmpty());
    m_used = writeUtf8Field(d, field, m_neutralise) - m_buffer.constData();
}

void CsvWriter::endRecord()
{
    char* d = room(4);
    // A record of one empty field would be an empty line, which readers skip.
    if (m_singleEmptyField) {
        *d++ = '"';
        *d++ = '"';
    }
    *d++ = '\r';
    *d++ = '\n';
    m_used = d - m_buffer.constData();
    m_atRecordStart = true;
    m_singleEmptyField = false;
    if (m_used >= kFlushThreshold)
        flush();
}

void CsvWriter::flush()
{
    if (m_used == 0)
        return;
    const char* data = m_buffer.constData();
    qint64 left = m_used;
    m_used = 0; // the data is lost on failure either way; do not retry from the destructor
    while (left > 0) {
        const qint64 written = m_device ? m_device->write(data, left) : -1;
        if (written <= 0) {
            const QString reason = m_device ? m_device->errorString() : QStringLiteral("no device");
            throw CatalogError::internal(QStringLiteral("cannot write CSV: %1").arg(reason));
        }
        data += written;
        left -= written;
    }
}

QByteArray CsvWriter::encodeField(QStringView field, bool neutralise)
{
    QByteArray out(3 * field.size() + 3, Qt::Uninitialized);
    out.resize(writeField(out.data(), field, neutralise) - out.constData());
    return out;
}

QByteArray CsvWriter::encodeUtf8Field(QByteArrayView field, bool neutralise)
{
    QByteArray out(2 * field.size() + 3, Qt::Uninitialized);
    out.resize(writeUtf8Field(out.data(), field, neutralise) - out.constData());
    return out;
}

} // namespace kv
