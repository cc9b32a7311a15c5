#pragma once

#include "domain/CatalogTypes.h"
#include "domain/Rules.h"

#include <functional>
#include <optional>
#include <QString>

class QIODevice;

namespace kv {

// Reports progress and asks whether to stop. Returns false to cancel the operation.
using ProgressCallback = std::function<bool(const Progress&)>;

// The synchronous form of a catalog: what a local folder, a remote server or (later) a
// PostgreSQL database implements. Every method blocks, may be called from several threads at
// once, and fails by throwing CatalogError. Applications do not call it directly: they use the
// asynchronous Catalog, which runs these methods on worker threads.
class CatalogBackend
{
public:
    virtual ~CatalogBackend() = default;

    // A human-readable location: a folder path or a URL.
    virtual QString location() const = 0;

    virtual QList<NamespaceInfo> listNamespaces(const QString& prefix) = 0;
    virtual NamespaceInfo createNamespace(const QString& ns, const QString& description) = 0;
    // Refuses (Conflict) when the namespace or one below it holds live pairs, unless force.
    virtual void deleteNamespace(const QString& ns, bool force) = 0;

    // Counts and sizes of one namespace (valid name; an unknown namespace gives zeros).
    virtual NamespaceStats namespaceStats(const QString& ns) = 0;

    virtual KvEntry set(const SetRequest& request) = 0;
    // NotFound when absent; Expired (naming the expiry time) when expired, and removes it.
    virtual KvEntry get(const QString& ns, const QString& key) = 0;
    virtual KvPage list(const ListQuery& query) = 0;
    // With errorOnMissing, NotFound naming the missing keys and nothing is deleted.
    virtual DeleteResult remove(const QString& ns, const QStringList& keys,
                                bool errorOnMissing) = 0;
    // Changes the expiration of live pairs without rewriting their values; returns the keys.
    // NotFound naming the keys that are absent or expired, and then nothing is changed.
    virtual QStringList expire(const ExpireRequest& request) = 0;
    virtual QList<KvRevision> history(const QString& ns, const QString& key) = 0;
    virtual KvEntry restore(const QString& ns, const QString& key, qint64 revision) = 0;
    virtual PurgeResult purge(const PurgeRequest& request, const ProgressCallback& progress) = 0;
    virtual FsckReport fsck(const FsckRequest& request) = 0;

    // Streams CSV (see CsvExport.h for the columns) to `out`. Returns the number of rows.
    virtual qint64 exportCsv(const ExportRequest& request, QIODevice* out,
                             const ProgressCallback& progress) = 0;
    // Reads CSV from `in`; all-or-nothing for validation (see docs/architecture.md).
    virtual ImportResult importCsv(const ImportRequest& request, QIODevice* in,
                                   const ProgressCallback& progress) = 0;

    virtual int historyDepth() = 0;
    virtual void setHistoryDepth(int depth) = 0;

    // The largest value (its stored JSON form, in bytes) a write may store: set, restore and
    // import refuse a larger one with InvalidInput. Local catalogs keep it in the registry.
    static constexpr qint64 defaultMaxValueBytes = rules::defaultMaxValueBytes;
    static constexpr qint64 minMaxValueBytes = 1024;
    virtual qint64 maxValueBytes() = 0;
    // InvalidInput below minMaxValueBytes; Unsupported where the catalog cannot change it.
    virtual void setMaxValueBytes(qint64 bytes) = 0;

    // The registry schema version of a local catalog; nothing for other kinds.
    virtual std::optional<int> schemaVersion() { return std::nullopt; }
};

} // namespace kv
