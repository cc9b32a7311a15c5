#pragma once

#include "domain/CatalogError.h"
#include "domain/CatalogTypes.h"
#include "local/SqlDialect.h"

#include <limits>
#include <optional>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

class QSqlError;

namespace kv {

// A pair's registry row: its metadata and the id of the value file it points at.
struct StoredEntry
{
    KvEntry entry;
    QString valueId;
};

// The registry: the SQL database that holds every pair's metadata (SQLite file for a local
// catalog). It holds the connection and transaction plumbing only: each thread's connection,
// transactions, query helpers and the encoding of row values. The tables are accessed through
// PairTable, MetaTable, NamespaceTable, PairQueries, ValueRefs and ImportStaging.
class Registry
{
public:
    // Stored in expires_at for "never": expiry is one range test and "never" sorts last.
    static constexpr qint64 neverMs = std::numeric_limits<qint64>::max();

    // readOnly: connections are opened read-only and the schema is only checked, not migrated.
    explicit Registry(QString sqliteFile, bool readOnly = false);
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

    // "sha256:<hex>" (KvEntry::checksum) <-> the hex digits stored in the registry.
    static QString checksumColumn(const QString& checksum) { return checksum.mid(7); }
    static QString checksumText(const QString& column) { return QLatin1String("sha256:") + column; }

    // Columns in the order readEntry() expects, for SELECT lists.
    static QString entryColumns();
    static StoredEntry readEntry(const QSqlQuery& query, int first = 0);

    // Text for a NOT NULL column: Qt binds a null QString as SQL NULL, this binds "" instead.
    static QString text(const QString& s) { return s.isNull() ? QStringLiteral("") : s; }

    static std::optional<qint64> toExpiry(qint64 stored)
    {
        return stored == neverMs ? std::nullopt : std::optional<qint64>(stored);
    }
    static qint64 fromExpiry(std::optional<qint64> ms) { return ms.value_or(neverMs); }

private:
    // Opens `conn` read-only; false when SQLite cannot read it in WAL mode that way.
    bool openReadOnly(QSqlDatabase& conn, bool immutable);

    QString m_file;
    bool m_readOnly = false;
    QString m_connectionPrefix;
    SqlDialect m_dialect{SqlDialect::Kind::Sqlite};
    QMutex m_mutex;
    QStringList m_connections;
};

} // namespace kv
