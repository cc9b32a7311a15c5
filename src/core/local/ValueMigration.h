#pragma once

#include "domain/CatalogBackend.h"

namespace kv {

class Registry;
class ValueStore;

// Moves the values a schema-1 catalog kept as files into their registry rows (kv and kv_history)
// when their stored form is within the catalog's inline limit. RegistrySchema marks such a
// catalog with meta value_migration = 'pending'; the marker goes when every row was visited.
//
// Batches of rows, each: read the files, UPDATE the rows that still point at them (value = the
// bytes, value_id = ''), commit, then unlink the files of the rows that changed. So a kill
// leaves orphan files only (fsck --repair removes them) and the next open goes on where this one
// stopped; a reader that found a row pointing at a file finds the file until the row no longer
// points at it (and looks the row up again when the file is gone, as for any superseded value).
// A row whose file is missing or does not match its checksum stays as it is, for fsck to report.
class ValueMigration
{
public:
    static constexpr int batchRows = 1000;

    ValueMigration(Registry& registry, ValueStore& store);

    bool pending();
    // Progress counts rows: done of total (those within the limit that still have a file when
    // the run starts). Returns false when `progress` said stop: the marker stays.
    bool run(const ProgressCallback& progress);

private:
    Registry& m_registry;
    ValueStore& m_store;
};

} // namespace kv
