#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QSqlDatabase>
#include <QString>
#include <QStringView>

struct sqlite3;
struct sqlite3_stmt;

namespace kv {

// SQLite's C API on a QtSql connection, for bulk paths where QtSql's binding (a QVariant per
// value, a copy per row) costs more than SQLite's own work: an import binds ten values per row.
//
// Only when this program is linked with the very SQLite library the Qt driver uses: a second
// copy of SQLite in one process must never touch the other copy's connections (each keeps its
// own locks and structures). Qt's own binaries on Windows and macOS build SQLite into the
// driver; Debian's driver uses the system library. When the copies differ, or SQLite's
// headers were not found at build time, handleOf() is null and callers keep their QtSql path.
namespace NativeSqlite {

// The connection's sqlite3 handle, or null (not SQLite, or not the same SQLite library).
sqlite3* handleOf(const QSqlDatabase& db);
// True when no transaction is open on the connection.
bool autocommit(sqlite3* db);

// A prepared statement, finalized when it goes away. Errors throw CatalogError (Unavailable
// when the registry is busy, Internal otherwise) naming `context`.
class Statement
{
public:
    Statement(sqlite3* db, const char* sql, const QString& context);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are numbered from 1, as in SQLite. Text and blobs are copied by SQLite.
    void bind(int index, qint64 value);
    void bindText(int index, const QByteArray& utf8);
    // UTF-16 text as it is in a QString: SQLite converts it, no copy on Qt's side.
    void bindText(int index, QStringView text);
    void bindBlob(int index, const QByteArray& bytes);
    void bindNull(int index);
    // A named parameter (":ns"): the statement's text must hold it.
    int parameter(const char* name) const;
    // Runs the statement to its end and resets it for the next row. False when it broke a
    // UNIQUE or PRIMARY KEY constraint (nothing was written); throws on any other error.
    bool run();
    // Steps to the next result row: false (and reset) after the last one; throws on an error.
    bool next();
    // Columns of the current row, numbered from 0; bytes() is the length of the UTF-8 text.
    int bytes(int column) const;
    QString text(int column) const;
    // The column's UTF-8 text or blob bytes as SQLite holds them: valid until the next step.
    QByteArrayView utf8(int column) const;
    QByteArrayView blob(int column) const;
    qint64 integer(int column) const;
    bool isNull(int column) const;
    bool isBlob(int column) const;
    // The statement's text, for messages.
    QString context() const { return m_context; }

private:
    [[noreturn]] void fail(int code);

    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
    QString m_context;
};

} // namespace NativeSqlite
} // namespace kv
