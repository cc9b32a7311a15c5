#include "local/ImportStaging.h"

#include "domain/CatalogError.h"
#include "domain/JsonText.h"
#include "local/PairCounts.h"
#include "local/PairRow.h"

#include <QSqlError>
#include <QSqlQuery>

namespace kv {

namespace {

// Rows per statement on the JSON path.
constexpr int batchSize = 1000;
// Rows per transaction on the native path.
constexpr int nativeBatchSize = 10000;

QString rowName(qint64 rowNo, qint64 line)
{
    return QStringLiteral("row %1 (line %2)").arg(rowNo).arg(line);
}

} // namespace

ImportStaging::ImportStaging(QSqlDatabase db, const SqlDialect& dialect)
    : m_db(std::move(db))
    , m_dialect(dialect)
{
    QSqlQuery q(m_db);
    Registry::exec(q, QStringLiteral("DROP TABLE IF EXISTS import_rows"));
    Registry::exec(
        q, QStringLiteral("CREATE TEMP TABLE import_rows (row_no INTEGER PRIMARY KEY, "
                          "line_no BIGINT NOT NULL, key TEXT NOT NULL UNIQUE, "
                          "type INTEGER NOT NULL, description TEXT, expires_at BIGINT NOT NULL, "
                          "value_id TEXT NOT NULL, size BIGINT NOT NULL, checksum TEXT NOT NULL, "
                          "value %1)")
               .arg(m_dialect.blobType()));
    if (m_dialect.kind() == SqlDialect::Kind::Sqlite)
        m_native = NativeSqlite::handleOf(m_db);
    if (m_native)
        m_insert = std::make_unique<NativeSqlite::Statement>(
            m_native,
            "INSERT INTO import_rows (row_no, line_no, key, type, description, expires_at, "
            "value_id, size, checksum, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            QStringLiteral("staging an import"));
}

ImportStaging::~ImportStaging()
{
    rollback();
    m_insert.reset(); // finalized before its table goes
    QSqlQuery(m_db).exec(QStringLiteral("DROP TABLE IF EXISTS import_rows"));
}

CatalogError ImportStaging::duplicateKey(const Row& row, qint64 earlierRow)
{
    return CatalogError::invalidInput(
        QStringLiteral("%1: key '%2' appears more than once in the file (also on row %3); "
                       "nothing was imported")
            .arg(rowName(row.rowNo, row.line), row.key)
            .arg(earlierRow));
}

void ImportStaging::rollback()
{
    if (!m_inTransaction)
        return;
    m_inTransaction = false;
    QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
}

void ImportStaging::add(const Row& row)
{
    if (m_native)
        addNative(row);
    else
        addToBatch(row);
    ++m_count;
    m_lastRow = row.rowNo;
}

void ImportStaging::addNative(const Row& row)
{
    if (m_duplicate) { // the import fails at the next flush: the rest need not be staged
        if (!row.valueId.isEmpty())
            m_unstagedIds << row.valueId; // its file may still be written: removed on failure
        return;
    }
    if (!m_inTransaction && NativeSqlite::autocommit(m_native)) {
        // One transaction per batch: a statement of its own per row would be a transaction each.
        // (A caller's transaction, when there is one, holds them instead.)
        QSqlQuery q(m_db);
        Registry::exec(q, QStringLiteral("BEGIN"));
        m_inTransaction = true;
    }
    NativeSqlite::Statement& insert = *m_insert;
    insert.bind(1, row.rowNo);
    insert.bind(2, row.line);
    // Text as UTF-8: bound as UTF-16, SQLite converts it at each step with an allocation of its
    // own, which cost more than Qt's conversion (a sixth of the staging).
    insert.bindText(3, row.key.toUtf8());
    insert.bind(4, int(row.type));
    if (row.description)
        insert.bindText(5, row.description->toUtf8());
    else
        insert.bindNull(5);
    insert.bind(6, row.expiresAtMs);
    insert.bindText(7, row.valueId.toLatin1()); // ids and checksums are hex
    insert.bind(8, row.size);
    insert.bindText(9, QStringView(row.checksum).mid(7).toLatin1()); // PairRow::checksumColumn
    if (row.valueId.isEmpty())
        insert.bindBlob(10, row.inlineValue);
    else
        insert.bindNull(10);
    if (!insert.run()) {
        // The only unique column besides row_no (which grows) is the key. Reported by flush(),
        // as on the batch path, where a batch's rows reach the table there.
        QSqlQuery find(m_db);
        Registry::prepare(find, QStringLiteral("SELECT row_no FROM import_rows WHERE key = ?"));
        find.bindValue(0, row.key);
        Registry::exec(find);
        m_duplicate = duplicateKey(row, find.next() ? find.value(0).toLongLong() : 0);
        if (!row.valueId.isEmpty())
            m_unstagedIds << row.valueId;
    }
    if (++m_pendingNative >= nativeBatchSize)
        flush();
}

void ImportStaging::addToBatch(const Row& row)
{
    if (const auto it = m_batchKeys.constFind(row.key); it != m_batchKeys.cend())
        throw duplicateKey(row, *it);
    m_batchKeys.insert(row.key, row.rowNo);
    m_pending << row;
    m_batch += m_batch.isEmpty() ? '[' : ',';
    m_batch += '[' + QByteArray::number(row.rowNo) + ',' + QByteArray::number(row.line) + ',';
    appendJsonString(m_batch, row.key);
    m_batch += ',' + QByteArray::number(int(row.type)) + ',';
    if (row.description)
        appendJsonString(m_batch, *row.description);
    else
        m_batch += "null";
    m_batch += ',' + QByteArray::number(row.expiresAtMs) + ',';
    appendJsonString(m_batch, row.valueId);
    m_batch += ',' + QByteArray::number(row.size) + ',';
    appendJsonString(m_batch, PairRow::checksumColumn(row.checksum));
    m_batch += ',';
    if (row.valueId.isEmpty()) // a stored form is JSON text: valid UTF-8
        appendJsonString(m_batch, QString::fromUtf8(row.inlineValue));
    else
        m_batch += "null";
    m_batch += ']';
    if (m_pending.size() >= batchSize)
        flush();
}

void ImportStaging::flush()
{
    if (m_duplicate)
        throw *m_duplicate;
    if (m_inTransaction) {
        QSqlQuery q(m_db);
        Registry::exec(q, QStringLiteral("COMMIT"));
        m_inTransaction = false;
        m_pendingNative = 0;
    }
    if (m_pending.isEmpty())
        return;
    m_batch += ']';
    QSqlQuery q(m_db);
    Registry::prepare(
        q,
        QStringLiteral(
            "INSERT INTO import_rows (row_no, line_no, key, type, description, expires_at, "
            "value_id, size, "
            "checksum, value) SELECT CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT), "
            "value ->> 2, CAST(value ->> 3 AS INTEGER), value ->> 4, CAST(value ->> 5 AS BIGINT), "
            "value ->> 6, CAST(value ->> 7 AS BIGINT), value ->> 8, %2 FROM %1")
            .arg(m_dialect.jsonRows(QStringLiteral("?")),
                 m_dialect.utf8Bytes(QStringLiteral("value ->> 9"))));
    q.bindValue(0, QString::fromUtf8(m_batch));
    if (!q.exec()) {
        // A key of this batch was staged by an earlier batch: find the first such row.
        QSqlQuery find(m_db);
        Registry::prepare(find, QStringLiteral("SELECT row_no FROM import_rows WHERE key = ?"));
        for (const Row& row : std::as_const(m_pending)) {
            find.bindValue(0, row.key);
            Registry::exec(find);
            if (find.next())
                throw duplicateKey(row, find.value(0).toLongLong());
        }
        throw Registry::error(q.lastError(), QStringLiteral("staging an import"));
    }
    m_batch.clear();
    m_pending.clear();
    m_batchKeys.clear();
}

void ImportStaging::checkNoneExist(const QString& ns, qint64 nowMs)
{
    flush();
    QSqlQuery q(m_db);
    Registry::prepare(
        q, QStringLiteral("SELECT s.row_no, s.line_no, s.key FROM import_rows s CROSS JOIN kv k "
                          "WHERE s.row_no > ? AND k.namespace = ? AND k.key = s.key "
                          "AND k.expires_at > ? ORDER BY s.row_no LIMIT 1"));
    q.bindValue(0, m_checkedRow);
    q.bindValue(1, ns);
    q.bindValue(2, nowMs);
    Registry::exec(q);
    if (q.next())
        throw CatalogError::conflict(
            QStringLiteral("%1: key '%2' already exists in namespace '%3'; nothing was imported")
                .arg(rowName(q.value(0).toLongLong(), q.value(1).toLongLong()),
                     q.value(2).toString(), ns));
    m_checkedRow = m_lastRow;
}

QList<ImportStaging::Row> ImportStaging::existingRows(const QString& ns, qint64 fromRow,
                                                      qint64 toRow)
{
    // CROSS JOIN keeps SQLite walking the batch and probing kv, never the other way.
    QSqlQuery existing(m_db);
    existing.setForwardOnly(true);
    Registry::prepare(
        existing,
        QStringLiteral(
            "SELECT s.key, s.type, s.description, s.expires_at, s.value_id, s.size, "
            "s.checksum, s.value "
            "FROM import_rows s CROSS JOIN kv k "
            "WHERE s.row_no >= ? AND s.row_no < ? AND k.namespace = ? AND k.key = s.key"));
    existing.bindValue(0, fromRow);
    existing.bindValue(1, toRow);
    existing.bindValue(2, ns);
    Registry::exec(existing);
    QList<Row> rows;
    while (existing.next()) {
        Row row;
        row.key = existing.value(0).toString();
        row.type = ValueType(existing.value(1).toInt());
        if (!existing.value(2).isNull())
            row.description = existing.value(2).toString();
        row.expiresAtMs = existing.value(3).toLongLong();
        row.valueId = existing.value(4).toString();
        row.size = existing.value(5).toLongLong();
        row.checksum = PairRow::checksumText(existing.value(6).toString());
        row.inlineValue = existing.value(7).toByteArray();
        rows << row;
    }
    return rows;
}

qint64 ImportStaging::insertNew(const QString& ns, qint64 fromRow, qint64 toRow, qint64 nowMs)
{
    QSqlQuery insert(m_db);
    Registry::prepare(
        insert,
        QStringLiteral(
            "INSERT INTO kv (%1) SELECT ?, key, 1, type, COALESCE(description, ''), size, "
            "checksum, "
            "?, ?, expires_at, value_id, value FROM import_rows WHERE row_no >= ? AND row_no < ? "
            "ON CONFLICT (namespace, key) DO NOTHING")
            .arg(PairRow::columnsWithValue()));
    insert.bindValue(0, ns);
    insert.bindValue(1, nowMs);
    insert.bindValue(2, nowMs);
    insert.bindValue(3, fromRow);
    insert.bindValue(4, toRow);
    Registry::exec(insert);
    const qint64 inserted = insert.numRowsAffected();
    PairCounts(m_db).add(ns, inserted);
    return inserted;
}

QStringList ImportStaging::valueIdsFrom(qint64 fromRow)
{
    QStringList ids = m_unstagedIds;
    for (const Row& row : std::as_const(m_pending)) {
        if (!row.valueId.isEmpty())
            ids << row.valueId;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT value_id FROM import_rows WHERE row_no >= ? AND "
                             "value_id <> ''"));
    q.bindValue(0, fromRow);
    if (q.exec()) {
        while (q.next())
            ids << q.value(0).toString();
    }
    return ids;
}

} // namespace kv
