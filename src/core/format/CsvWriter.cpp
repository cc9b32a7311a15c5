#include "format/CsvWriter.h"

#include "domain/CatalogError.h"

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

// Appends `field` as one CSV field: neutralised, quoted if needed and encoded as UTF-8, straight
// into `out` without temporary allocations. A lone surrogate is written as U+FFFD.
void appendField(QByteArray& out, QStringView field, bool neutralise)
{
    const qsizetype n = field.size();
    if (n == 0)
        return;
    const char16_t* s = field.utf16();

    // A leading U+FEFF is quoted too, so a reader cannot take it for a byte-order mark.
    bool quote = s[0] == 0xFEFF;
    for (qsizetype i = 0; i < n && !quote; ++i)
        quote = needsQuoting(s[i]);
    const bool apostrophe = neutralise && isFormulaTrigger(s[0]);

    // Worst case: 3 bytes per UTF-16 unit (a doubled quote takes 2, a surrogate pair 4 for 2
    // units), plus the apostrophe and two quotes. Shrinking afterwards keeps the capacity.
    const qsizetype start = out.size();
    out.resize(start + 3 * n + 3);
    char* const begin = out.data();
    char* d = begin + start;
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
    out.resize(d - begin);
}

// appendField() for text that is valid UTF-8: the same bytes out, with no lone surrogate to
// replace. U+FEFF is EF BB BF in UTF-8.
void appendUtf8Field(QByteArray& out, QByteArrayView field, bool neutralise)
{
    const qsizetype n = field.size();
    if (n == 0)
        return;
    const char* s = field.data();
    bool quote = field.startsWith("\xEF\xBB\xBF");
    qsizetype quotes = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const char c = s[i];
        if (uchar(c) <= ',' && needsQuoting(char16_t(c))) {
            quote = true;
            quotes += c == '"';
        }
    }
    const bool apostrophe = neutralise && isFormulaTrigger(char16_t(uchar(s[0])));
    if (!quote && !apostrophe) {
        out.append(s, n);
        return;
    }
    const qsizetype start = out.size();
    out.resize(start + n + quotes + 3);
    char* d = out.data() + start;
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
    out.resize(d - out.constData());
}

} // namespace

CsvWriter::CsvWriter(QIODevice* device, bool writeBom, bool neutralise)
    : m_device(device)
    , m_neutralise(neutralise)
{
    m_buffer.reserve(kFlushThreshold + 64 * 1024);
    if (writeBom)
        m_buffer.append("\xEF\xBB\xBF", 3);
}

CsvWriter::~CsvWriter()
{
    try {
        flush();
    } catch (...) {
        // The explicit flush() is the checked path; a destructor must not throw.
    }
}

void CsvWriter::writeRecord(const QStringList& fields)
{
    for (const QString& field : fields)
        addField(field);
    endRecord();
}

void CsvWriter::addField(QStringView field)
{
    if (!m_atRecordStart)
        m_buffer.append(',');
    m_singleEmptyField = m_atRecordStart && field.isEmpty();
    m_atRecordStart = false;
    appendField(m_buffer, field, m_neutralise);
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
    if (!m_atRecordStart)
        m_buffer.append(',');
    m_singleEmptyField = false;
    m_atRecordStart = false;
    m_buffer.append(s, field.size());
}

void CsvWriter::addUtf8Field(QByteArrayView field)
{
    if (!m_atRecordStart)
        m_buffer.append(',');
    m_singleEmptyField = m_atRecordStart && field.isEmpty();
    m_atRecordStart = false;
    appendUtf8Field(m_buffer, field, m_neutralise);
}

void CsvWriter::endRecord()
{
    // A record of one empty field would be an empty line, which readers skip.
    if (m_singleEmptyField)
        m_buffer.append("\"\"", 2);
    m_buffer.append("\r\n", 2);
    m_atRecordStart = true;
    m_singleEmptyField = false;
    if (m_buffer.size() >= kFlushThreshold)
        flush();
}

void CsvWriter::flush()
{
    if (m_buffer.isEmpty())
        return;
    const char* data = m_buffer.constData();
    qint64 left = m_buffer.size();
    while (left > 0) {
        const qint64 written = m_device ? m_device->write(data, left) : -1;
        if (written <= 0) {
            m_buffer.resize(0); // the data is lost either way; do not retry from the destructor
            const QString reason = m_device ? m_device->errorString() : QStringLiteral("no device");
            throw CatalogError::internal(QStringLiteral("cannot write CSV: %1").arg(reason));
        }
        data += written;
        left -= written;
    }
    m_buffer.resize(0);
}

QByteArray CsvWriter::encodeField(QStringView field, bool neutralise)
{
    QByteArray out;
    appendField(out, field, neutralise);
    return out;
}

QByteArray CsvWriter::encodeUtf8Field(QByteArrayView field, bool neutralise)
{
    QByteArray out;
    appendUtf8Field(out, field, neutralise);
    return out;
}

} // namespace kv
