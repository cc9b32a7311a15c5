#pragma once

#include "domain/CatalogBackend.h"
#include "local/GroupCommit.h"
#include "local/InflightLock.h"
#include "local/PairRow.h"
#include "local/Registry.h"
#include "local/ValueStore.h"

#include <atomic>
#include <functional>
#include <memory>

namespace kv {

class Clock;
class CsvWriter;

// A catalog in a folder: registry.sqlite (the registry) and values/ (the value store).
//
//   <folder>/registry.sqlite   metadata of every pair, WAL mode
//   <folder>/values/ab/abcd…   one file per stored value, named by a random id
//   <folder>/inflight.lock     held shared by writers, exclusively by fsck
//
// Every operation follows the consistency protocol of docs/architecture.md: value files are
// written and flushed before the row that points at them commits, and removed only after the
// row that pointed at them is gone. Safe to use from several threads and processes at once.
class LocalBackend final : public CatalogBackend
{
public:
    // Opens the catalog in `folder`, creating it when the folder is missing or empty.
    // Throws CatalogError(InvalidInput) for a folder that holds something else, or a registry
    // written by a newer KV Desk. A writable catalog migrated from schema 1 moves its small
    // values into the registry here (ValueMigration), reporting to `upgradeProgress`; when that
    // returns false the rest waits for the next open.
    LocalBackend(const QString& folder, std::shared_ptr<const Clock> clock,
                 const ProgressCallback& upgradeProgress = {});
    ~LocalBackend() override;

    QString location() const override { return m_folder; }

protected:
    QList<NamespaceInfo> doListNamespaces(const QString& prefix) override;
    NamespaceInfo doCreateNamespace(const QString& ns, const QString& description) override;
    void doDeleteNamespace(const QString& ns, bool force) override;
    NamespaceStats doNamespaceStats(const QString& ns) override;

    KvEntry doSet(const SetRequest& request) override;
    bool doStartSet(const SetRequest& request, const SetDone& done) override;
    KvEntry doGet(const QString& ns, const QString& key) override;
    KvPage doList(const ListQuery& query) override;
    DeleteResult doRemove(const QString& ns, const QStringList& keys, bool errorOnMissing) override;
    QStringList doExpire(const ExpireRequest& request) override;
    QList<KvRevision> doHistory(const QString& ns, const QString& key) override;
    KvEntry doRestore(const QString& ns, const QString& key, qint64 revision) override;
    PurgeResult doPurge(const PurgeRequest& request, const ProgressCallback& progress) override;
    FsckReport doFsck(const FsckRequest& request) override;
    qint64 doExportCsv(const ExportRequest& request, QIODevice* out,
                       const ProgressCallback& progress) override;
    ImportResult doImportCsv(const ImportRequest& request, QIODevice* in,
                             const ProgressCallback& progress) override;

    int doHistoryDepth() override;
    void doSetHistoryDepth(int depth) override;
    qint64 doMaxValueBytes() override;
    void doSetMaxValueBytes(qint64 bytes) override;
    std::optional<qint64> doInlineLimit() override;
    void doSetInlineLimit(qint64 bytes) override;
    std::optional<ValuePlacement> doValuePlacement() override;
    std::optional<int> doSchemaVersion() override;

private:
    friend class LocalImport;  // writes pairs as set does: applyWrite, describeValue, the store
    friend class ImportParser; // describes values as set does: describeValue, describeInline

    // A value ready for its row: a file already written (valueId), or inline (valueId '', the
    // stored form in inlineBytes, written with the row).
    struct Written
    {
        QString valueId;
        QByteArray inlineBytes;
        qint64 size = 0;
        QString checksum;
        bool isInline() const { return valueId.isEmpty(); }
    };
    // A fresh id, the size and the checksum for a value about to be written to a file.
    static Written describeValue(const QByteArray& bytes);
    // An inline value: id '', the stored form itself, its size and checksum.
    static Written describeInline(const QByteArray& bytes);
    // Writes the value's stored form (flushed) and describes it.
    Written writeValue(const QByteArray& bytes);
    // The catalog's inline limit (meta inline_limit; absent or unreadable: the default).
    qint64 storedInlineLimit();
    // InvalidInput naming the pair, the size and the limit when `bytes` is over the limit.
    static void requireWithinLimit(const QString& ns, const QString& key, qint64 bytes,
                                   qint64 limit);
    static QString tooLargeText(const QString& ns, const QString& key, qint64 bytes, qint64 limit);
    // Applies one write to the registry (new pair, new revision of a live pair, or replacement of
    // an expired one) inside the caller's transaction; an inline `written` is stored in the row's
    // value column. Appends the ids of value files to remove after the commit.
    KvEntry applyWrite(QSqlDatabase& db, const QString& ns, const QString& key, ValueType type,
                       const std::optional<QString>& description, std::optional<qint64> expiresAtMs,
                       const Written& written, bool overwrite, QStringList& obsolete);
    // The write protocol shared by set and restore: takes the in-flight lock shared; a value
    // within the inline limit goes into the row, a larger one is written to its file (flushed)
    // first; then runs `writeRow` through the group commit, after checking the size against the
    // catalog's maximum as of that transaction. Its obsolete value files are removed after the
    // commit; on failure the new file (if any) is removed instead.
    using RowWrite =
        std::function<KvEntry(QSqlDatabase& db, const Written& written, QStringList& obsolete)>;
    KvEntry commitWrite(const QString& ns, const QString& key, const QByteArray& bytes,
                        const RowWrite& writeRow);
    // One write on its way through the group commit: what it writes, and what it produced.
    struct PendingWrite
    {
        QString ns;
        QString key;
        qint64 size = 0; // of the stored form
        Written written;
        RowWrite writeRow;
        KvEntry entry;
        QStringList obsolete; // value files to remove once committed
    };
    // The registry half of a write, inside the group's transaction: the size against the
    // catalog's maximum as of that transaction, then `writeRow`. Shared by set and startSet.
    GroupCommit::Work rowWork(const std::shared_ptr<PendingWrite>& w);
    // set's row change: applyWrite with the request's type, description, expiry, overwrite.
    RowWrite setRow(const SetRequest& request);
    // The value of a row: its inline bytes (read from the registry when the row was read without
    // them), or its file. NotFound when the row changed meanwhile (file gone, or another inline
    // value); Internal when the stored form does not match the checksum.
    KvValue readValue(const StoredEntry& row);
    // Fills row.entry.value; when a concurrent write removed the row's file meanwhile, reads the
    // pair as stored now. False when the pair is gone.
    bool loadValue(StoredEntry& row);
    // The rows of an export read with SQLite's C API (ExportRows) and written to `writer` as
    // they come; the progress is counted in `state`. Returns the rows written.
    qint64 exportDirect(QSqlDatabase& db, const ExportRequest& request, qint64 nowMs,
                        CsvWriter& writer, Progress& state, const ProgressCallback& progress);
    // Removes an expired pair (if it is still the same row) and returns the Expired error.
    CatalogError expiredError(const StoredEntry& row);
    qint64 now() const;
    // Throws CatalogError(InvalidInput) "the catalog at PATH is read-only" for a read-only one.
    void requireWritable() const;
    static QString pairName(const QString& ns, const QString& key); // "key 'k' in namespace 'n'"
    static QString checksumOf(const QByteArray& bytes);             // "sha256:<hex>"

    QString m_folder;
    bool m_readOnly = false;
    std::shared_ptr<const Clock> m_clock;
    std::unique_ptr<Registry> m_registry;
    std::unique_ptr<GroupCommit> m_groupCommit;
    ValueStore m_store;
    InflightLock m_inflight;
    // The inline limit as the last write (or the setter) read it: where the next value goes.
    std::atomic<qint64> m_inlineLimit{0};
    // The limits as of the group commit's transaction `transaction` (rowWork, committer only).
    struct TransactionSettings
    {
        quint64 transaction = 0;
        qint64 maxValueBytes = 0;
        qint64 inlineLimit = 0;
    } m_settings;
};

} // namespace kv
