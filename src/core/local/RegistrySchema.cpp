#include "local/RegistrySchema.h"

#include "domain/CatalogError.h"
#include "local/PairRow.h"
#include "local/Registry.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

namespace kv {

namespace {

const QString formatName = QStringLiteral("kvdesk-catalog");

// Version 1: namespaces, current pairs, history, metadata. Times are milliseconds since the
// epoch (UTC); "never expires" is stored as PairRow::neverMs so that expiry is one range test
// and sorts after every real date. The checksum is the SHA-256 of the value file, in hex.
//
// Indexes: the primary key serves key order and prefixes; kv_by_key is its narrow copy that
// lets a deep page in key order skip rows quickly; the time columns people sort by
// (created, updated, expires) have an index each that ends with the columns a listing filters
// on, so skipping rows for an offset never visits the table; kv_expiry serves purges across
// namespaces. Other sort orders (type, description, size, revision) are sorted by the query:
// an index each would slow every bulk write for orders that are rarely used on big namespaces.
QStringList version1(const SqlDialect& d)
{
    const QString text = QStringLiteral("TEXT") + d.binaryCollation();
    const QString kvColumns =
        QStringLiteral(
            "namespace %1 NOT NULL, key %1 NOT NULL, revision BIGINT NOT NULL, type INTEGER NOT "
            "NULL, "
            "description %1 NOT NULL, size BIGINT NOT NULL, checksum TEXT NOT NULL, "
            "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, "
            "value_id %1 NOT NULL")
            .arg(text);
    QStringList s;
    s << QStringLiteral("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
      << QStringLiteral("CREATE TABLE namespaces (name %1 PRIMARY KEY, description %1 NOT NULL, "
                        "created_at BIGINT NOT NULL)%2")
             .arg(text, d.clusteredTableSuffix())
      << QStringLiteral("CREATE TABLE kv (%1, PRIMARY KEY (namespace, key))%2")
             .arg(kvColumns, d.clusteredTableSuffix())
      << QStringLiteral("CREATE TABLE kv_history (%1, PRIMARY KEY (namespace, key, revision))%2")
             .arg(kvColumns, d.clusteredTableSuffix())
      << QStringLiteral("CREATE INDEX kv_by_key ON kv (namespace, key, expires_at)")
      << QStringLiteral(
             "CREATE INDEX kv_by_created_at ON kv (namespace, created_at, key, expires_at)")
      << QStringLiteral(
             "CREATE INDEX kv_by_updated_at ON kv (namespace, updated_at, key, expires_at)")
      << QStringLiteral("CREATE INDEX kv_by_expires_at ON kv (namespace, expires_at, key)")
      << QStringLiteral("CREATE INDEX kv_expiry ON kv (expires_at)")
      << QStringLiteral("INSERT INTO meta (name, value) VALUES ('format', '%1')").arg(formatName)
      << QStringLiteral("INSERT INTO meta (name, value) VALUES ('history_depth', '5')");
    return s;
}

// Version 2 (local catalog v2): small values live in their registry row, and every namespace's
// row count is kept in kv_counts so that counting a namespace does not scan it.
// - kv.value / kv_history.value: the stored form of an inline value; NULL when the value is a
//   file in the value store named by value_id. An inline row has value_id ''.
// - kv_counts: rows of kv per namespace (expired rows included; a live count subtracts the
//   expired ones, found through kv_by_expires_at), kept by triggers in every write's transaction
//   (until version 3).
// - meta inline_limit: the largest stored form kept inline (bytes; 0 = every value in files).
// - meta value_migration 'pending': values written by schema 1 are still files; the catalog
//   moves the small ones into their rows in batches after opening (LocalBackend).
QStringList version2(const SqlDialect& d)
{
    QStringList s;
    s << QStringLiteral("ALTER TABLE kv ADD COLUMN value %1").arg(d.blobType())
      << QStringLiteral("ALTER TABLE kv_history ADD COLUMN value %1").arg(d.blobType())
      << QStringLiteral("CREATE TABLE kv_counts (namespace TEXT%1 PRIMARY KEY, "
                        "pairs BIGINT NOT NULL)%2")
             .arg(d.binaryCollation(), d.clusteredTableSuffix())
      << QStringLiteral("INSERT INTO kv_counts (namespace, pairs) "
                        "SELECT namespace, COUNT(*) FROM kv GROUP BY namespace");
    s << d.pairCountTriggers();
    s << QStringLiteral("INSERT INTO meta (name, value) VALUES ('inline_limit', '16384')")
      << QStringLiteral("INSERT INTO meta (name, value) SELECT 'value_migration', 'pending' "
                        "WHERE EXISTS (SELECT 1 FROM kv) OR EXISTS (SELECT 1 FROM kv_history)");
    return s;
}

// Version 3: kv_counts is kept by the statements that insert and delete kv rows (PairCounts),
// once per statement, instead of by triggers once per row: the triggers were most of the cost a
// bulk import or purge added per pair beyond the rows themselves. The counts are recounted here,
// in the migration's transaction, so whatever wrote the catalog before, they start exact.
QStringList version3(const SqlDialect& d)
{
    QStringList s = d.dropPairCountTriggers();
    s << QStringLiteral("DELETE FROM kv_counts")
      << QStringLiteral("INSERT INTO kv_counts (namespace, pairs) "
                        "SELECT namespace, COUNT(*) FROM kv GROUP BY namespace");
    return s;
}

bool hasTable(QSqlDatabase& db, const QString& name)
{
    return db.tables().contains(name);
}

} // namespace

int RegistrySchema::storedVersion(QSqlDatabase& db)
{
    if (!hasTable(db, QStringLiteral("meta")))
        return 0;
    QSqlQuery q(db);
    Registry::exec(q, QStringLiteral("SELECT value FROM meta WHERE name = 'schema_version'"));
    return q.next() ? q.value(0).toInt() : 0;
}

void RegistrySchema::migrate(QSqlDatabase& db, const SqlDialect& dialect, bool readOnly)
{
    const QStringList tables = db.tables();
    if (!tables.isEmpty() && !tables.contains(QStringLiteral("meta")))
        throw CatalogError::invalidInput(
            QStringLiteral("'%1' is not a KV Desk registry: it holds other tables (%2)")
                .arg(db.databaseName(), tables.join(QStringLiteral(", "))));

    Registry::Transaction tx(db, dialect, !readOnly);
    if (const QString lock = dialect.schemaLock(); !readOnly && !lock.isEmpty()) {
        QSqlQuery q(db);
        Registry::exec(q, lock);
    }
    const int stored = storedVersion(db);
    if (stored > currentVersion)
        throw CatalogError::invalidInput(
            QStringLiteral("the catalog '%1' was written by a newer KV Desk (registry schema %2; "
                           "this version reads up to %3): upgrade KV Desk to open it")
                .arg(db.databaseName())
                .arg(stored)
                .arg(currentVersion));
    if (stored > 0) {
        QSqlQuery q(db);
        Registry::exec(q, QStringLiteral("SELECT value FROM meta WHERE name = 'format'"));
        if (!q.next() || q.value(0).toString() != formatName)
            throw CatalogError::invalidInput(
                QStringLiteral("'%1' is not a KV Desk registry (no catalog format marker)")
                    .arg(db.databaseName()));
    }
    if (stored == currentVersion)
        return; // the transaction rolls back: nothing to do
    if (readOnly)
        throw CatalogError::invalidInput(
            QStringLiteral("the catalog '%1' is read-only and its registry (schema %2) must be "
                           "upgraded to schema %3 first: open it once as a user who can write it")
                .arg(db.databaseName())
                .arg(stored)
                .arg(currentVersion));

    // One entry per version; version N's statements turn schema N-1 into N.
    const QList<QStringList> steps{version1(dialect), version2(dialect), version3(dialect)};
    QSqlQuery q(db);
    for (int version = stored + 1; version <= currentVersion; ++version) {
        for (const QString& statement : steps.at(version - 1))
            Registry::exec(q, statement);
    }
    Registry::exec(q, QStringLiteral("DELETE FROM meta WHERE name = 'schema_version'"));
    Registry::exec(q,
                   QStringLiteral("INSERT INTO meta (name, value) VALUES ('schema_version', '%1')")
                       .arg(currentVersion));
    tx.commit();
}

} // namespace kv
