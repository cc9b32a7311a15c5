#pragma once

#include <memory>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace kv {

// Statements prepared once per registry connection and kept for its life. A single write runs
// half a dozen short statements; preparing each (SQLite's parser and planner) cost more than
// running it, and the group commit runs them one writer after the other.
//
// Only connections the Registry opened are cached (it forgets them before closing them); on any
// other connection a Statement is prepared afresh, as a plain QSqlQuery would be.
class StatementCache
{
public:
    // Starts caching for a connection, by its name (Registry, when it opens one).
    static void track(const QString& connectionName);
    // Drops the connection's statements: call before QSqlDatabase::removeDatabase.
    static void forget(const QString& connectionName);

    // Runs a statement without parameters (BEGIN, COMMIT, SAVEPOINT …): cached on a tracked
    // SQLite connection, executed as plain text on any other (PostgreSQL cannot PREPARE
    // transaction control). Failures throw CatalogError.
    static void run(QSqlDatabase& db, const QString& sql);

    struct Entry;

    // A prepared statement from the cache (forward-only), for one use: bind, exec, read; the
    // destructor resets it (finish()), so an unread SELECT holds no snapshot. A statement already
    // in use on the connection (a nested use of the same SQL) is not shared: a fresh one is
    // prepared instead.
    class Statement
    {
    public:
        Statement(QSqlDatabase& db, const QString& sql);
        ~Statement();
        Statement(const Statement&) = delete;
        Statement& operator=(const Statement&) = delete;

        QSqlQuery& query() { return *m_query; }
        QSqlQuery* operator->() { return m_query; }
        // Executes with the bound values; SQL failures throw CatalogError (Registry::error).
        void exec();

    private:
        std::shared_ptr<Entry> m_entry; // when the statement is cached
        QSqlQuery m_own;                // when it is not
        QSqlQuery* m_query = &m_own;
    };
};

} // namespace kv
