#pragma once

#include "local/SqlDialect.h"

class QSqlDatabase;

namespace kv {

// Creates and upgrades the registry's tables. The schema is versioned from the first release:
// every change is a new migration step, never an edit of an old one.
class RegistrySchema
{
public:
    static constexpr int currentVersion = 3;

    // Brings `db` to currentVersion inside one write transaction. Refuses (InvalidInput) a
    // database that is not a KV Desk registry, and one whose schema is newer than this build.
    // Read-only (a catalog this user cannot write): only checks, and refuses a registry that
    // would need a migration.
    static void migrate(QSqlDatabase& db, const SqlDialect& dialect, bool readOnly = false);
    // Stored schema version: 0 for an empty database.
    static int storedVersion(QSqlDatabase& db);
};

} // namespace kv
