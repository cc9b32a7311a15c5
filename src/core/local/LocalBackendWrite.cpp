// LocalBackend: the write protocol of single pairs (set, restore): where a value is placed
// (its registry row, or a file written and flushed first), the row change through the group
// commit, and the value files to remove afterwards. See docs/architecture.md.
#include "domain/Clock.h"
#include "local/GroupCommit.h"
#include "local/LocalBackend.h"
#include "local/MetaTable.h"
#include "local/PairTable.h"

#include <optional>

namespace kv {

LocalBackend::Written LocalBackend::describeValue(const QByteArray& bytes)
{
    return {ValueStore::newId(), {}, bytes.size(), checksumOf(bytes)};
}

LocalBackend::Written LocalBackend::describeInline(const QByteArray& bytes)
{
    return {QString(), bytes, bytes.size(), checksumOf(bytes)};
}

QString LocalBackend::tooLargeText(const QString& ns, const QString& key, qint64 bytes,
                                   qint64 limit)
{
    return QStringLiteral("the value of %1/%2 is %3 bytes as stored, over this catalog's maximum "
                          "value size of %4 bytes (run kvdesk-cli catalog set max-value-size BYTES "
                          "to raise it)")
        .arg(ns, key)
        .arg(bytes)
        .arg(limit);
}

void LocalBackend::requireWithinLimit(const QString& ns, const QString& key, qint64 bytes,
                                      qint64 limit)
{
    if (bytes > limit)
        throw CatalogError::invalidInput(tooLargeText(ns, key, bytes, limit) +
                                         QStringLiteral("; nothing was written"));
}

LocalBackend::Written LocalBackend::writeValue(const QByteArray& bytes)
{
    const Written w = describeValue(bytes);
    // Flushed here, in parallel with other writers: one syncfs per group commit was tried and
    // made the slowest writes far slower (it flushes everything dirty on the file system).
    m_store.write(w.valueId, bytes);
    return w;
}

KvEntry LocalBackend::applyWrite(QSqlDatabase& db, const QString& ns, const QString& key,
                                 ValueType type, const std::optional<QString>& description,
                                 std::optional<qint64> expiresAtMs, const Written& written,
                                 bool overwrite, QStringList& obsolete)
{
    const qint64 t = now();
    std::optional<StoredEntry> current = PairTable(db).findEntry(ns, key);
    if (current && current->entry.isExpiredAt(t)) {
        obsolete << PairTable(db).deletePair(ns, key); // an expired pair does not exist
        current.reset();
    }
    if (current && !overwrite)
        throw CatalogError::conflict(
            QStringLiteral("%1 already exists (revision %2); nothing was changed")
                .arg(pairName(ns, key))
                .arg(current->entry.revision));

    StoredEntry row;
    KvEntry& e = row.entry;
    e.ns = ns;
    e.key = key;
    e.type = type;
    e.size = written.size;
    e.checksum = written.checksum;
    e.updatedAtMs = t;
    e.expiresAtMs = expiresAtMs;
    row.valueId = written.valueId;
    row.inlineValue = written.inlineBytes;
    if (current) {
        e.revision = current->entry.revision + 1;
        e.createdAtMs = current->entry.createdAtMs;
        e.description = description.value_or(current->entry.description);
        const int depth = MetaTable(db).historyDepth();
        if (depth > 0)
            PairTable(db).copyToHistory(ns, key);
        else if (!current->isInline())
            obsolete << current->valueId;
        PairTable(db).updateEntry(row, e.expiresAtMs != current->entry.expiresAtMs);
        obsolete << PairTable(db).trimHistory(ns, key, depth);
    } else {
        e.revision = 1;
        e.createdAtMs = t;
        e.description = description.value_or(QString());
        PairTable(db).insertEntry(row);
    }
    return e;
}

GroupCommit::Work LocalBackend::rowWork(const std::shared_ptr<PendingWrite>& w)
{
    // The group commit itself, not m_groupCommit: that is null while ~LocalBackend lets the
    // queued writes finish.
    return [this, w, commit = m_groupCommit.get()](QSqlDatabase& db) {
        // The settings as of this transaction: a change by another program counts here. Read
        // once per transaction, which holds the write lock: nobody changes them meanwhile.
        if (m_settings.transaction != commit->transaction()) {
            MetaTable meta(db);
            m_settings = {commit->transaction(), meta.maxValueBytes(), meta.inlineLimit()};
        }
        requireWithinLimit(w->ns, w->key, w->size, m_settings.maxValueBytes);
        m_inlineLimit = m_settings.inlineLimit;
        QStringList replaced;
        w->entry = w->writeRow(db, w->written, replaced);
        w->obsolete = replaced; // only once this write has gone through
    };
}

KvEntry LocalBackend::commitWrite(const QString& ns, const QString& key, const QByteArray& bytes,
                                  const RowWrite& writeRow)
{
    // A small value is written with its row: no file, no file fsync; the registry transaction
    // (shared with concurrent writers by the group commit) makes it durable. The limit is the
    // one the last write read: a change made by another program places values from the write
    // after the first that sees it. Either placement reads back the same, so none is wrong.
    const bool placeInline = bytes.size() <= m_inlineLimit.load();
    // A value file is in flight from its creation to its row's commit: fsck waits meanwhile,
    // so it never takes the file for an orphan. An inline value has no file to protect.
    std::optional<InflightLock::Shared> inflight;
    if (!placeInline) {
        requireWithinLimit(ns, key, bytes.size(), maxValueBytes()); // again in the transaction
        inflight.emplace(m_inflight);
    }
    auto w = std::make_shared<PendingWrite>();
    w->ns = ns;
    w->key = key;
    w->size = bytes.size();
    w->written = placeInline ? describeInline(bytes) : writeValue(bytes);
    w->writeRow = writeRow;
    try {
        // Concurrent writers share one transaction and one commit (see GroupCommit).
        m_groupCommit->run(rowWork(w));
    } catch (...) {
        if (!w->written.isInline())
            m_store.remove({w->written.valueId}); // never committed: nobody points at it
        throw;
    }
    m_store.remove(w->obsolete);
    return w->entry;
}

LocalBackend::RowWrite LocalBackend::setRow(const SetRequest& request)
{
    return [this, request](QSqlDatabase& db, const Written& written, QStringList& obsolete) {
        const std::optional<qint64> expires =
            request.ttlMs ? std::optional<qint64>(now() + *request.ttlMs) : std::nullopt;
        return applyWrite(db, request.ns, request.key, request.value.type(), request.description,
                          expires, written, request.overwrite, obsolete);
    };
}

KvEntry LocalBackend::doSet(const SetRequest& request)
{
    requireWritable();
    // The gate checked the names and the TTL; the size limit is this catalog's (the registry).
    KvEntry entry = commitWrite(request.ns, request.key, request.value.toJson(), setRow(request));
    entry.value = request.value;
    return entry;
}

bool LocalBackend::doStartSet(const SetRequest& request, const SetDone& done)
{
    requireWritable();
    const QByteArray bytes = request.value.toJson();
    // A value file is written and flushed before its row: set() does that, on the caller's
    // thread. Only a value that goes into its row is written without one.
    if (bytes.size() > m_inlineLimit.load())
        return false;
    auto w = std::make_shared<PendingWrite>();
    w->ns = request.ns;
    w->key = request.key;
    w->size = bytes.size();
    w->written = describeInline(bytes);
    w->writeRow = setRow(request);
    m_groupCommit->start(rowWork(w), [this, w, done, value = request.value](std::exception_ptr e) {
        if (e) {
            done(KvEntry(), e);
            return;
        }
        m_store.remove(w->obsolete); // files of replaced or trimmed rows, as set() removes them
        w->entry.value = value;
        done(w->entry, nullptr);
    });
    return true;
}

} // namespace kv
