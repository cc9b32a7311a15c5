#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

class QIODevice;

namespace kv {

// Streams RFC 4180 CSV records from a device without loading the whole file: UTF-8 with or
// without a byte-order mark, CRLF or LF record ends, quoted fields that hold commas, quotes
// ("" inside quotes) and line breaks. With neutralised=true one leading apostrophe is removed
// from a field that starts with one (the inverse of CsvWriter's formula neutralisation).
//
// Errors (unterminated quoted field, a quote inside an unquoted field, text after a closing
// quote, invalid UTF-8, a field over the size limit) are reported through error(), naming the
// line where the record starts.
class CsvReader
{
public:
    explicit CsvReader(QIODevice* device, bool neutralised = true);

    // Reads the next record into `fields`. Returns false at the end of the input or on error;
    // check hasError() to tell them apart. Empty lines are skipped.
    bool readRecord(QStringList& fields);

    // The largest field accepted, in bytes as decoded from the file (quotes undone, without the
    // neutralising apostrophe). Checked while the field is read: a longer one stops the reader
    // with an error before more than one chunk beyond the limit is buffered.
    void setMaxFieldBytes(qint64 bytes) { m_maxFieldBytes = bytes; }
    qint64 maxFieldBytes() const { return m_maxFieldBytes; }

    bool hasError() const { return !m_error.isEmpty(); }
    // E.g. "line 7: unterminated quoted field".
    QString error() const { return m_error; }
    // 1-based number of the record last returned (the header is record 1).
    qint64 recordNumber() const { return m_recordNumber; }
    // 1-based line on which the record last returned starts.
    qint64 lineNumber() const { return m_recordLine; }

private:
    bool fillBuffer();
    void skipBom();
    bool finishField(QStringList& fields, qint64 recordLine);
    bool fieldTooLong() const;
    QString tooLong(const QStringList& fields) const;
    void setError(qint64 line, const QString& what);

    QIODevice* m_device;
    bool m_neutralised;
    qint64 m_maxFieldBytes;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_eof = false;
    bool m_bomChecked = false;
    bool m_afterCr = false; // the last record or empty line ended with CR: skip a following LF
    QByteArray m_field;     // the raw bytes of the field being read
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
    qint64 m_recordNumber = 0;
    QString m_error;
};

} // namespace kv
