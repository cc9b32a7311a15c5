#pragma once

#include "domain/KvValue.h"
#include "domain/ValueType.h"

#include <optional>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// Plain data exchanged with a catalog. Times are milliseconds since the Unix epoch (UTC);
// an expiration of std::nullopt means "never".
namespace kv {

struct NamespaceInfo
{
    QString name;
    QString description;
    bool isExplicit = false; // created with createNamespace (else implied by keys/children)
    std::optional<qint64> createdAtMs; // explicit namespaces only
    qint64 keyCount = 0;               // live pairs directly in this namespace
};

// What a namespace page's overview shows. Counts cover the pairs directly in the namespace.
struct NamespaceStats
{
    QString name;
    QString description;
    bool isExplicit = false;
    std::optional<qint64> createdAtMs; // explicit namespaces only
    qint64 liveCount = 0;
    qint64 expiredCount = 0;            // expired, not yet purged
    qint64 totalSize = 0;               // bytes of the live values
    std::optional<qint64> lastUpdateMs; // latest update time of a live pair
};

// The registry's metadata of one pair.
struct KvEntry
{
    QString ns;
    QString key;
    qint64 revision = 0;
    ValueType type = ValueType::String;
    QString description;
    qint64 size = 0;  // bytes of the stored (JSON) value
    QString checksum; // "sha256:<hex>" of the stored value
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    std::optional<qint64> expiresAtMs;
    std::optional<KvValue> value; // filled by get(), and by list() when asked for values

    bool isExpiredAt(qint64 nowMs) const { return expiresAtMs && *expiresAtMs <= nowMs; }
};

// One revision in a pair's history (the current one included, first in the list).
struct KvRevision
{
    qint64 revision = 0;
    ValueType type = ValueType::String;
    QString description;
    qint64 size = 0;
    qint64 writtenAtMs = 0;
    std::optional<qint64> expiresAtMs;
    bool isCurrent = false;
};

enum class SortColumn { Key, Type, Description, Size, Revision, Created, Updated, Expires };
QString sortColumnName(SortColumn column); // "key", "type", ..., "created", "updated", "expires"
std::optional<SortColumn> parseSortColumn(QStringView name);

struct ListQuery
{
    QString ns;
    QString prefix;   // keys starting with this (case-sensitive); empty = all
    QString contains; // keys containing this (case-sensitive); empty = no filter
    SortColumn sort = SortColumn::Key;
    bool descending = false;
    qint64 offset = 0;
    qint64 limit = 100;
    bool includeExpired = false;
    bool withTotal = false;  // also count all matching pairs (costs a scan)
    bool withValues = false; // read each pair's value too
    // When the caller already knows the total (a view that counted once), pages in the second
    // half are read backwards from the end, which keeps "last page" as fast as "first page".
    std::optional<qint64> knownTotal;
    // Keyset continuation for sort == Key: only keys after (before, when descending) this one.
    // Faster than a large offset when walking a whole namespace.
    std::optional<QString> afterKey;
};

struct KvPage
{
    QList<KvEntry> entries;
    qint64 total = -1; // -1 unless ListQuery::withTotal
};

struct SetRequest
{
    QString ns;
    QString key;
    KvValue value;
    std::optional<qint64> ttlMs;        // std::nullopt: never expires
    std::optional<QString> description; // std::nullopt: keep the current one (empty for new pairs)
    bool overwrite = true;              // false: Conflict when a live pair exists
};

struct DeleteResult
{
    QStringList deleted; // keys that existed (live) and are now gone
    QStringList missing; // keys that did not exist or had expired
};

struct ExpireRequest
{
    QString ns;
    QStringList keys;
    std::optional<qint64> ttlMs; // std::nullopt: never expire
};

struct PurgeRequest
{
    QStringList namespaces; // empty: every namespace
    bool includeChildren = false;
    bool all = false;   // false: expired pairs only
    QString keyPattern; // glob (* ? [...]); empty: any key
    std::optional<qint64> createdBeforeMs;
    bool dryRun = false;
    bool collectKeys = false; // fill PurgeResult::pairs (costs memory on big purges)
    // Stop once about this many pairs are purged (at the end of the batch that reaches it);
    // 0: no limit. Lets a remote client purge in steps it can cancel between.
    qint64 limit = 0;
};

struct PurgedPair
{
    QString ns;
    QString key;
};

struct PurgeResult
{
    qint64 count = 0;
    bool dryRun = false;
    bool cancelled = false; // stopped early: `count` pairs were purged before that
    QList<PurgedPair> pairs;
};

struct FsckRequest
{
    bool repair = false;
    bool verify = false; // also read every value file and compare its checksum
    qint64 graceMs = 0;  // orphans younger than this are left alone
};

struct FsckReport
{
    QStringList orphans;           // value files (relative paths) no registry row points at
    QList<PurgedPair> dangling;    // registry rows whose value file is missing
    QStringList danglingRevisions; // "ns/key@revision" history rows whose file is missing
    QStringList corrupt;     // with verify: "ns/key" or "ns/key@revision" whose checksum differs
    QStringList invalidIds;  // "ns/key" or "ns/key@revision" rows whose value id is not an id
    qint64 valueFiles = 0;   // value files seen
    qint64 inlineValues = 0; // rows (current and history) whose value is in the row itself
    qint64 rows = 0;         // registry rows seen (current and history)
    bool repaired = false;
    bool isClean() const
    {
        return orphans.isEmpty() && dangling.isEmpty() && danglingRevisions.isEmpty() &&
               corrupt.isEmpty() && invalidIds.isEmpty();
    }
};

// Where a catalog's current values are stored (local catalogs): in their registry rows or in
// the value store. Current pairs only (expired ones not yet purged included), history not.
struct ValuePlacement
{
    qint64 inlineValues = 0;
    qint64 externalValues = 0;
};

struct ExportRequest
{
    QString ns;
    QString prefix;
    QStringList keys; // when not empty: exactly these keys (in this order), else all live ones
    bool withValues = false;
    bool bom = false;
};

struct ImportRequest
{
    QString ns;
    bool overwrite = true;
};

struct ImportResult
{
    qint64 imported = 0;
    qint64 skippedExpired = 0;   // rows whose expiration date had already passed
    qint64 skippedConflicts = 0; // without overwrite: keys another writer created meanwhile
    bool cancelled = false;      // stopped early: `imported` rows were committed before that
};

// Progress for long operations (export, import, purge): done so far out of total (-1 unknown).
struct Progress
{
    qint64 done = 0;
    qint64 total = -1;
};

} // namespace kv

namespace kv {

// ISO-8601 UTC text of a time: "2024-02-29T10:00:00Z", with ".mmm" only when not zero.
QString isoUtc(qint64 ms);
// The same into `buffer`, without allocating: returns the length, or -1 for years outside
// 0000-9999 (use isoUtc then).
int formatIsoUtc(qint64 ms, char (&buffer)[32]);
// Parses ISO-8601 date-time text with an offset (Z or +hh:mm); std::nullopt when invalid.
std::optional<qint64> parseIsoDateTime(const QString& text);

} // namespace kv
