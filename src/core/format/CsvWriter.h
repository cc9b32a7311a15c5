#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

class QIODevice;

namespace kv {

// Writes RFC 4180 CSV: UTF-8, CRLF after every record, a field is quoted when it holds a comma,
// a double quote, CR or LF (quotes doubled). Optionally starts with a UTF-8 byte-order mark.
//
// Formula neutralisation: a field that a spreadsheet would run as a formula (first character
// '=', '+', '-', '@', TAB or CR) is written with a leading apostrophe ('). So that this can be
// undone exactly, a field that already starts with an apostrophe gets one more. CsvReader with
// neutralised=true strips exactly one leading apostrophe again.
//
// Built for speed (export >= 500,000 rows/s): fields are appended to an internal buffer that
// is flushed to the device in large blocks.
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice* device, bool writeBom = false, bool neutralise = true);
    ~CsvWriter(); // flushes

    void writeRecord(const QStringList& fields);
    // Incremental form: addField() for each field, then endRecord().
    void addField(QStringView field);
    // Fast path for fields made of ASCII by construction (numbers, dates, type names): the bytes
    // go to the buffer as they are, unless the field needs quoting or neutralising.
    void addAsciiField(QLatin1String field);
    // Fast path for text that is valid UTF-8 already (from the registry): written exactly as
    // addField() writes the same text, without converting it to UTF-16 and back.
    void addUtf8Field(QByteArrayView field);
    void endRecord();
    // Writes buffered bytes to the device. Throws CatalogError(Internal) when the device fails.
    void flush();

    // One field as it would be written (without separator or record end): for tests and reuse.
    static QByteArray encodeField(QStringView field, bool neutralise = true);
    static QByteArray encodeUtf8Field(QByteArrayView field, bool neutralise = true);

private:
    // A pointer to `bytes` free bytes at the end of what is buffered (the buffer grows).
    char* room(qsizetype bytes);
    // room() for a field of at most `bytes` bytes, after its separator; `empty`: the field is.
    char* startField(qsizetype bytes, bool empty);

    QIODevice* m_device;
    bool m_neutralise;
    bool m_atRecordStart = true;
    bool m_singleEmptyField = false; // the record so far is one empty field: written as ""
    QByteArray m_buffer;             // its size is its capacity: m_used bytes of it are written
    qsizetype m_used = 0;
};

} // namespace kv
