#pragma once

#include "domain/CatalogError.h"
#include "local/NativeSqlite.h"
#include "local/PairRow.h"
#include "local/Registry.h"

#include <memory>
#include <optional>
#include <QByteArray>
#include <QHash>
#include <QSqlDatabase>
#include <QStringList>

namespace kv {

// The rows of a CSV import, validated, waiting in a temporary table until the whole file has
// been read: an inline value with its bytes, a larger one with the id of the file written for it.
// Rows go in one prepared statement per row through SQLite's C API when the Qt driver shares
// this program's SQLite (NativeSqlite), in transactions of a batch each; otherwise (PostgreSQL,
// or a driver with SQLite of its own) as batches, one statement with the batch as a JSON
// parameter, since QtSql's binding of values one by one costs more than the insert itself.
// The table is dropped when the staging object goes away.
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

    // Stages a row (natively at once, else queued; full batches are written to the table).
    // Throws InvalidInput naming the row when its key was already staged (a key may appear once
    // per file).
    void add(const Row& row);
    // Every row added so far is in the table, committed.
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
    // Value ids of the rows from `fromRow` on (staged, still queued, or refused as a repeated
    // key): to remove after a failure.
    QStringList valueIdsFrom(qint64 fromRow);

private:
    void addNative(const Row& row);
    void addToBatch(const Row& row);
    // InvalidInput: `row`'s key was staged already, by row `earlierRow`.
    static CatalogError duplicateKey(const Row& row, qint64 earlierRow);
    // Rolls back the open native transaction, if any.
    void rollback();

    QSqlDatabase m_db;
    sqlite3* m_native = nullptr; // SQLite's C API on m_db, when usable
    std::unique_ptr<NativeSqlite::Statement> m_insert;
    bool m_inTransaction = false;            // a native batch is open
    int m_pendingNative = 0;                 // rows in it
    std::optional<CatalogError> m_duplicate; // a key staged twice (native path), for flush()
    QStringList m_unstagedIds; // value ids of rows refused or skipped since (native path)
    const SqlDialect& m_dialect;
    QByteArray m_batch;                 // JSON array being built
    QList<Row> m_pending;               // the rows in m_batch
    QHash<QString, qint64> m_batchKeys; // key -> row, within the pending batch
    qint64 m_count = 0;
    qint64 m_lastRow = 0;
    qint64 m_checkedRow = 0; // rows up to here were checked by checkNoneExist
};

} // namespace kv
