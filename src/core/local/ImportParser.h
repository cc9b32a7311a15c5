#pragma once

#include "format/CsvReader.h"
#include "local/ImportStaging.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <QByteArray>
#include <QStringList>
#include <thread>
#include <vector>

class QIODevice;

namespace kv {

// The reading half of a CSV import: parses the file and checks each row (columns, key, type,
// value, expiry, size), on a thread of its own, while the importer stages the rows it has
// already been given (parsing and checking are about a fifth of an import's work, and the
// machine has a second core). Rows come in batches, in file order; an error in the file
// comes after the rows before it, as when it was read in line. The queue is bounded, so memory
// does not grow with the file.
class ImportParser
{
public:
    struct Item
    {
        ImportStaging::Row row; // an inline value's bytes in row.inlineValue
        QByteArray fileBytes;   // the stored form of a value over the inline limit
    };
    struct Batch
    {
        std::vector<Item> items;
        qint64 inputPos = 0; // bytes of the input read when the batch was complete
    };
    struct Limits
    {
        QString ns;           // for messages
        qint64 maxValueBytes; // a larger stored form is refused
        qint64 inlineLimit;   // a stored form up to this goes into its row
        qint64 nowMs;         // rows that expire by then are skipped
    };

    // Reads and checks the header at once (throws InvalidInput for a bad one), then starts
    // reading rows. `in` belongs to the parser's thread until the parser goes away.
    ImportParser(QIODevice* in, const Limits& limits);
    ~ImportParser(); // stops reading (if not at the end yet)
    ImportParser(const ImportParser&) = delete;
    ImportParser& operator=(const ImportParser&) = delete;

    // The next batch; false at the end of the file. Rethrows the file's first error.
    bool next(Batch& batch);
    // Rows skipped because they had expired already: final once next() returned false.
    qint64 skippedExpired() const { return m_skippedExpired; }

private:
    struct Columns
    {
        int key = -1, value = -1, type = -1, description = -1, expires = -1;
    };
    static Columns mapHeader(const QStringList& header);
    void run();
    // Reads one record into `item`: false at the end or for a row that expired already.
    bool readRow(QStringList& fields, Item& item);
    void push(Batch&& batch);

    QIODevice* m_in;
    CsvReader m_reader;
    Limits m_limits;
    QStringList m_header;
    Columns m_columns;
    qint64 m_skippedExpired = 0;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_queue;
    bool m_done = false;     // the parser has pushed its last batch (or its error)
    bool m_stopping = false; // the importer went away
    std::exception_ptr m_error;
    std::thread m_thread;
};

} // namespace kv
