#pragma once

#include "domain/CatalogError.h"
#include "domain/CatalogTypes.h"
#include "local/PostgresDatabase.h"
#include "local/SqlDialect.h"

#include <optional>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

class QSqlError;

namespace kv {

// The registry: the SQL database that holds every pair's metadata (a SQLite file for a local
// catalog, a PostgreSQL database for a shared one). It holds the connection and transaction
// plumbing only: each thread's connection, transactions and query helpers. The tables are accessed
// through PairTable, MetaTable, NamespaceTable, PairQueries, ValueRefs and ImportStaging; a row's
// columns through PairRow.
class Registry
{
public:
    // readOnly: connections are opened read-only and the schema is only checked, not migrated.
    explicit Registry(QString sqliteFile, bool readOnly = false);
    // A registry in a PostgreSQL database (QPSQL), created or migrated on first open.
    explicit Registry(PostgresDatabase database);
    ~Registry();
    Registry(const Registry&) = delete;
    Registry& operator=(const Registry&) = delete;

    // This thread's connection, opened (WAL, busy timeout, schema check) on first use.
    QSqlDatabase db();
    const SqlDialect& dialect() const { return m_dialect; }

    // RAII transaction: rolls back unless commit() was called.
    class Transaction
    {
    public:
        Transaction(QSqlDatabase& db, const SqlDialect& dialect, bool write = true);
        ~Transaction();
        void commit();

    private:
        QSqlDatabase& m_db;
        bool m_open = true;
    };

    // Query helpers that turn SQL failures into CatalogError (busy -> Unavailable).
    static void exec(QSqlQuery& query, const QString& sql);
    static void prepare(QSqlQuery& query, const QString& sql);
    static void exec(QSqlQuery& query);
    static CatalogError error(const QSqlError& sqlError, const QString& context);
    // Moves the write-ahead log into the database and truncates it: after a bulk write the log
    // would otherwise keep the size of its largest transaction on disk. Best effort: a reader
    // holding an old snapshot makes it a no-op.
    static void truncateWal(QSqlDatabase& db);

private:
    // Forgets the statements of every connection this registry opened, then closes them.
    void closeConnections();
    // Opens and migrates the first connection (the constructors' common part).
    void openFirst();
    // Opens this thread's connection `name` to the SQLite file / the PostgreSQL database.
    QSqlDatabase openSqlite(const QString& name);
    QSqlDatabase openPostgres(const QString& name);
    // Opens `conn` read-only; false when SQLite cannot read it in WAL mode that way.
    bool openReadOnly(QSqlDatabase& conn, bool immutable);
    // The registry's place, for messages: the file, or the PostgreSQL address.
    QString where() const;

    QString m_file;
    PostgresDatabase m_postgres; // used when m_dialect is Postgres
    bool m_readOnly = false;
    QString m_connectionPrefix;
    SqlDialect m_dialect{SqlDialect::Kind::Sqlite};
    QMutex m_mutex;
    QStringList m_connections;
};

} // namespace kv
