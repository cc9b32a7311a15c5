#pragma once

#include <QString>
#include <QStringList>

class QSqlDatabase;

namespace kv {

// The few places where the registry's SQL differs between SQLite and PostgreSQL. Everything
// else is written once in portable SQL (ON CONFLICT, row values, bound parameters).
class SqlDialect
{
public:
    enum class Kind { Sqlite, Postgres };

    explicit SqlDialect(Kind kind)
        : m_kind(kind)
    {
    }
    static SqlDialect of(const QSqlDatabase& db);

    Kind kind() const { return m_kind; }
    // Starts a write transaction. SQLite: BEGIN IMMEDIATE takes the write lock at once (no lock
    // upgrade deadlocks). PostgreSQL: a plain BEGIN that locks nothing; rows are locked as they
    // are written, so writers of one key on several servers must lock its row first (issue 13).
    QString beginWrite() const;
    // Starts a read transaction that sees one snapshot throughout (a page and its count, a whole
    // export). SQLite's BEGIN does (WAL: the snapshot of the first read); PostgreSQL's default
    // READ COMMITTED takes a new snapshot per statement, REPEATABLE READ keeps the first.
    QString beginRead() const;
    // A boolean SQL expression: `column` contains the text bound to `parameter`.
    QString containsExpr(const QString& column, const QString& parameter) const;
    // Suffix for tables keyed by their primary key ("WITHOUT ROWID" on SQLite).
    QString clusteredTableSuffix() const;
    // A FROM item that yields one row per element of the JSON array bound to `parameter`, with the
    // element in a column named `value` (read its fields with "value ->> N").
    QString jsonRows(const QString& parameter) const;
    // Collation clause that gives byte order on text (case-sensitive, locale-independent).
    QString binaryCollation() const;
    // Column type for raw bytes (inline values).
    QString blobType() const;
    // A statement that, inside a write transaction, waits until no other transaction is changing
    // the schema and keeps it so until this one ends; empty when beginWrite() does that already
    // (SQLite). PostgreSQL: a transaction-scoped advisory lock, so that two programs opening one
    // new registry at once do not both create it.
    QString schemaLock() const;
    // The UTF-8 bytes of a text expression, as a value of blobType().
    QString utf8Bytes(const QString& textExpr) const;
    // Statements that keep kv_counts (namespace, pairs) equal to the rows of kv per namespace,
    // in the transaction of every insert and delete on kv (schema 2).
    QStringList pairCountTriggers() const;
    // Statements that remove what pairCountTriggers() created (schema 3 counts by statements).
    QStringList dropPairCountTriggers() const;

private:
    Kind m_kind;
};

} // namespace kv
