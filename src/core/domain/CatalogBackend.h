#pragma once

#include "domain/CatalogTypes.h"
#include "domain/Rules.h"

#include <exception>
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
//
// One validation gate (the QIODevice read/readData pattern): the public methods are not
// virtual; they check their arguments (names, TTLs, page window, limits) once, with the same
// messages for every kind of catalog, and only then call the protected doX() that a backend
// implements. A backend checks only what needs its data, e.g. a value's stored size against its
// catalog's limit, or what a server answers.
class CatalogBackend
{
public:
    virtual ~CatalogBackend() = default;

    // A human-readable location: a folder path or a URL.
    virtual QString location() const = 0;

    // InvalidInput for a prefix longer than a namespace can be.
    QList<NamespaceInfo> listNamespaces(const QString& prefix);
    NamespaceInfo createNamespace(const QString& ns, const QString& description);
    // Refuses (Conflict) when the namespace or one below it holds live pairs, unless force.
    void deleteNamespace(const QString& ns, bool force);

    // Counts and sizes of one namespace (valid name; an unknown namespace gives zeros).
    NamespaceStats namespaceStats(const QString& ns);

    // InvalidInput for a TTL that is not strictly positive.
    KvEntry set(const SetRequest& request);
    // set() without waiting for the commit, for a server that must not park a thread per write.
    // True when the catalog took the write: `done` is then called exactly once, on another
    // thread, with the entry once the write is durable, or with what set() would have thrown
    // (the entry is then empty). It must neither block nor throw. False when this catalog writes
    // only synchronously (a remote catalog, a value that needs a file of its own): call set().
    // Invalid arguments throw here, as set() throws them.
    using SetDone = std::function<void(const KvEntry& entry, std::exception_ptr error)>;
    bool startSet(const SetRequest& request, const SetDone& done);
    // NotFound when absent; Expired (naming the expiry time) when expired, and removes it.
    KvEntry get(const QString& ns, const QString& key);
    // InvalidInput for a page size outside 0..maxPageSize or a negative offset.
    KvPage list(const ListQuery& query);
    // With errorOnMissing, NotFound naming the missing keys and nothing is deleted.
    DeleteResult remove(const QString& ns, const QStringList& keys, bool errorOnMissing);
    // Changes the expiration of live pairs without rewriting their values; returns the keys.
    // NotFound naming the keys that are absent or expired, and then nothing is changed.
    QStringList expire(const ExpireRequest& request);
    QList<KvRevision> history(const QString& ns, const QString& key);
    KvEntry restore(const QString& ns, const QString& key, qint64 revision);
    // InvalidInput for an invalid namespace or key pattern.
    PurgeResult purge(const PurgeRequest& request, const ProgressCallback& progress);
    FsckReport fsck(const FsckRequest& request);

    // Streams CSV (see CsvExport.h for the columns) to `out`. Returns the number of rows.
    qint64 exportCsv(const ExportRequest& request, QIODevice* out,
                     const ProgressCallback& progress);
    // Reads CSV from `in`; all-or-nothing for validation (see docs/architecture.md).
    ImportResult importCsv(const ImportRequest& request, QIODevice* in,
                           const ProgressCallback& progress);

    static constexpr int maxHistoryDepth = 1000;
    static constexpr qint64 maxPageSize = 100'000;
    int historyDepth();
    // InvalidInput outside 0..maxHistoryDepth.
    void setHistoryDepth(int depth);

    // The largest value (its stored JSON form, in bytes) a write may store: set, restore and
    // import refuse a larger one with InvalidInput. Local catalogs keep it in the registry.
    static constexpr qint64 defaultMaxValueBytes = rules::defaultMaxValueBytes;
    static constexpr qint64 minMaxValueBytes = 1024;
    qint64 maxValueBytes();
    // InvalidInput below minMaxValueBytes; Unsupported where the catalog cannot change it.
    void setMaxValueBytes(qint64 bytes);

    // Values whose stored form is at most this many bytes live in their registry row, larger
    // ones in the value store (0: every value in the value store). Nothing for a catalog that
    // does not say (plain Kestra). Changing it moves no stored value: a value is placed when it
    // is written.
    static constexpr qint64 defaultInlineLimit = 16 * 1024;
    std::optional<qint64> inlineLimit();
    // InvalidInput when negative or above maxValueBytes(); Unsupported where it cannot change.
    void setInlineLimit(qint64 bytes);
    // How many current values are inline and in the value store; nothing when not known.
    std::optional<ValuePlacement> valuePlacement();

    // The registry schema version of a local catalog; nothing for other kinds.
    std::optional<int> schemaVersion();

protected:
    // Called with arguments the gate above has checked.
    virtual QList<NamespaceInfo> doListNamespaces(const QString& prefix) = 0;
    virtual NamespaceInfo doCreateNamespace(const QString& ns, const QString& description) = 0;
    virtual void doDeleteNamespace(const QString& ns, bool force) = 0;
    virtual NamespaceStats doNamespaceStats(const QString& ns) = 0;
    virtual KvEntry doSet(const SetRequest& request) = 0;
    virtual bool doStartSet(const SetRequest&, const SetDone&) { return false; }
    virtual KvEntry doGet(const QString& ns, const QString& key) = 0;
    virtual KvPage doList(const ListQuery& query) = 0;
    virtual DeleteResult doRemove(const QString& ns, const QStringList& keys,
                                  bool errorOnMissing) = 0;
    virtual QStringList doExpire(const ExpireRequest& request) = 0;
    virtual QList<KvRevision> doHistory(const QString& ns, const QString& key) = 0;
    virtual KvEntry doRestore(const QString& ns, const QString& key, qint64 revision) = 0;
    virtual PurgeResult doPurge(const PurgeRequest& request, const ProgressCallback& progress) = 0;
    virtual FsckReport doFsck(const FsckRequest& request) = 0;
    virtual qint64 doExportCsv(const ExportRequest& request, QIODevice* out,
                               const ProgressCallback& progress) = 0;
    virtual ImportResult doImportCsv(const ImportRequest& request, QIODevice* in,
                                     const ProgressCallback& progress) = 0;
    virtual int doHistoryDepth() = 0;
    virtual void doSetHistoryDepth(int depth) = 0;
    virtual qint64 doMaxValueBytes() = 0;
    virtual void doSetMaxValueBytes(qint64 bytes) = 0;
    virtual std::optional<qint64> doInlineLimit() { return std::nullopt; }
    virtual void doSetInlineLimit(qint64 bytes);
    virtual std::optional<ValuePlacement> doValuePlacement() { return std::nullopt; }
    virtual std::optional<int> doSchemaVersion() { return std::nullopt; }

private:
    static void requireValidSet(const SetRequest& request);
};

} // namespace kv
