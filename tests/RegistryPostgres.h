#pragma once

#include "ExpectError.h"
#include "local/PairRow.h"
#include "local/Registry.h"
#include "local/SqlDialect.h"
#include "PostgresServer.h"

#include <memory>
#include <optional>
#include <QObject>
#include <QSqlDatabase>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

// The registry's schema and table access on PostgreSQL and SQLite (tst_registrypostgres.cpp and
// the RegistryPostgres*.cpp beside it).
class TestRegistryPostgres : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void privateServerTrustsLoopbackOnly();
    // Schema and pair counts (tst_registrypostgres.cpp)
    void migrateCreatesSchemaThree_data() { databases(); }
    void migrateCreatesSchemaThree();
    void migrateTwiceIsANoOp_data() { databases(); }
    void migrateTwiceIsANoOp();
    void migrateRefusesANewerSchema_data() { databases(); }
    void migrateRefusesANewerSchema();
    void migrateRefusesForeignTables_data() { databases(); }
    void migrateRefusesForeignTables();
    void migrationsOfOneNewDatabaseTakeTurns();
    void migrateFromTwoRecountsWithoutTriggers_data() { databases(); }
    void migrateFromTwoRecountsWithoutTriggers();
    void pairCountsFollowInsertsAndDeletes_data() { databases(); }
    void pairCountsFollowInsertsAndDeletes();
    // Rows, listings, namespaces, settings (RegistryPostgresTables.cpp)
    void pairRowsRoundTrip_data() { databases(); }
    void pairRowsRoundTrip();
    void historyTrimAndDelete_data() { databases(); }
    void historyTrimAndDelete();
    void removerAndExpirySetter_data() { databases(); }
    void removerAndExpirySetter();
    void pagesFilterByPrefixAndSort_data() { databases(); }
    void pagesFilterByPrefixAndSort();
    void countsLiveRowsAndPurgeBatches_data() { databases(); }
    void countsLiveRowsAndPurgeBatches();
    void namespaces_data() { databases(); }
    void namespaces();
    void metaSettings_data() { databases(); }
    void metaSettings();
    // The import's staging and fsck's references (RegistryPostgresBulk.cpp)
    void importStaging_data() { databases(); }
    void importStaging();
    void importStagingFindsAKeyRepeatedAcrossBatches_data() { databases(); }
    void importStagingFindsAKeyRepeatedAcrossBatches();
    void valueRefsInValueIdOrder_data() { databases(); }
    void valueRefsInValueIdOrder();

private:
    struct Database
    {
        QSqlDatabase db;
        kv::SqlDialect dialect{kv::SqlDialect::Kind::Sqlite};
    };
    // Rows "sqlite" and "postgresql".
    void databases();
    // The row's migrated registry database; null when PostgreSQL is not installed (the caller
    // skips). The table tests run in a transaction they never commit: each starts from an
    // empty registry.
    Database* current();
    // A new empty database of the row's kind, for the migration tests.
    QSqlDatabase freshDatabase(const QString& name);

    kvtest::PostgresServer m_server;
    QString m_postgresMissing;
    QTemporaryDir m_dir;
    // The SQLite registry: its connection is the SQLite row's database. PairQueries reads its
    // dialect from a Registry, which is SQLite-only today: only the `contains` filter depends on
    // it (SqlDialect::containsExpr, checked on both databases by tst_sqldialect), so the
    // listings here filter by prefix.
    std::unique_ptr<kv::Registry> m_registry;
    Database m_sqlite;
    Database m_postgres;
    QStringList m_sqliteConnections;
};

namespace registrytest {

// A row of kv as the catalog writes it; value id and checksum are derived from namespace, key
// and revision, so a test can name them again.
kv::StoredEntry pairRow(const char* ns, const char* key, qint64 revision, qint64 updatedMs,
                        std::optional<qint64> expiresAtMs = std::nullopt, qint64 size = 10);
// Every column of a row on one line, so that a comparison names what differs.
QString describe(const kv::StoredEntry& row);
QStringList describe(const QList<kv::StoredEntry>& rows);
QStringList keys(const QList<kv::StoredEntry>& rows);
// "name=value" of every meta row, sorted.
QStringList metaRows(QSqlDatabase& db);
// "namespace=pairs" of every kv_counts row, sorted.
QStringList pairCounts(QSqlDatabase& db);

// The message of what `call` threw; empty when it threw nothing.
template<typename Call> QString errorText(Call&& call)
{
    const kvtest::Thrown thrown = kvtest::thrownBy(call);
    return thrown.kind == kvtest::Thrown::Kind::Nothing ? QString() : thrown.message;
}

// Runs a test's body: an exception it throws (a CatalogError from the registry's SQL) fails the
// test with its message instead of ending the test program.
template<typename Body>
void guarded(Body&& body, const char* file = __builtin_FILE(), int line = __builtin_LINE())
{
    const QString error = errorText(body);
    if (!error.isEmpty())
        QTest::qFail(qPrintable(QStringLiteral("threw: ") + error), file, line);
}

} // namespace registrytest
