#pragma once

#include "local/PairRow.h"
#include "local/Registry.h"

#include <QByteArray>
#include <QHash>
#include <QSqlDatabase>
#include <QStringList>

namespace kv {

// The rows of a CSV import, validated, waiting in a temporary table until the whole file has
// been read: an inline value with its bytes, a larger one with the id of the file written for it.
// Rows go in as batches: one statement with the batch as a JSON parameter, since binding values one
// by one costs more than the insert itself. The table is dropped when the staging object goes away.
class ImportStaging
{
public:
    struct Row
    {
        qint64 rowNo = 0; // 1-based record number in the file (the header is 1)
        qint64 line = 0;  // line where the record starts
        QString key;
        ValueType type = ValueType::String;
        std::optional<QString> description;
        qint64 expiresAtMs = PairRow::neverMs;
        QString valueId;        // '' for an inline value
        QByteArray inlineValue; // the stored form of an inline value
        qint64 size = 0;
        QString checksum; // "sha256:<hex>"
    };

    ImportStaging(QSqlDatabase db, const SqlDialect& dialect);
    ~ImportStaging();
    ImportStaging(const ImportStaging&) = delete;
    ImportStaging& operator=(const ImportStaging&) = delete;

    // Queues a row; full batches are written to the table. Throws InvalidInput naming the row
    // when its key was already staged (a key may appear once per file).
    void add(const Row& row);
    void flush();
    qint64 count() const { return m_count; }
    qint64 lastRow() const { return m_lastRow; }

    // Throws Conflict naming the first staged row whose key is live in `ns`.
    void checkNoneExist(const QString& ns, qint64 nowMs);
    // The staged rows in [fromRow, toRow) whose key has a row in `ns` (live or expired).
    QList<Row> existingRows(const QString& ns, qint64 fromRow, qint64 toRow);
    // Inserts the staged rows in [fromRow, toRow) whose key has no row in `ns` as revision 1
    // created at `nowMs`, in one statement; returns how many were inserted.
    qint64 insertNew(const QString& ns, qint64 fromRow, qint64 toRow, qint64 nowMs);
    // Value ids of the rows from `fromRow` on (staged or still queued): to remove after a failure.
    QStringList valueIdsFrom(qint64 fromRow);

private:
    QSqlDatabase m_db;
    const SqlDialect& m_dialect;
    QByteArray m_batch;                 // JSON array being built
    QList<Row> m_pending;               // the rows in m_batch
    QHash<QString, qint64> m_batchKeys; // key -> row, within the pending batch
    qint64 m_count = 0;
    qint64 m_lastRow = 0;
    qint64 m_checkedRow = 0; // rows up to here were checked by checkNoneExist
};

} // namespace kv
