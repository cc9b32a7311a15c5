#include "local/LocalFsck.h"

#include "local/InflightLock.h"
#include "local/PairTable.h"
#include "local/Registry.h"
#include "local/ValueRefs.h"
#include "local/ValueStore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QSet>

namespace kv {

namespace {

QString hexShard(int i)
{
    return QStringLiteral("%1").arg(i, 2, 16, QLatin1Char('0'));
}

enum class FileState { Good, Missing, Corrupt };

// Streams the file through SHA-256: one buffer in memory, whatever the value's size.
FileState checkFile(const ValueStore& store, const ValueRef& row)
{
    QFile file(store.pathOf(row.valueId));
    if (!file.open(QIODevice::ReadOnly)) {
        if (!file.exists())
            return FileState::Missing;
        throw CatalogError::internal(QStringLiteral("cannot read value file '%1': %2")
                                         .arg(file.fileName(), file.errorString()));
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        throw CatalogError::internal(QStringLiteral("cannot read value file '%1': %2")
                                         .arg(file.fileName(), file.errorString()));
    return QString::fromLatin1(hash.result().toHex()) == row.checksum ? FileState::Good
                                                                      : FileState::Corrupt;
}

bool inlineMatches(const ValueRefs::InlineScan::Row& row)
{
    return QString::fromLatin1(
               QCryptographicHash::hash(row.value, QCryptographicHash::Sha256).toHex()) ==
           row.ref.checksum;
}

} // namespace

FsckReport LocalFsck::run(const FsckRequest& request)
{
    // With the lock held exclusively no write is in flight: a file without a row is an orphan.
    // Deletes (remove, purge, expire-on-read) do not take it: they commit, then unlink.
    InflightLock::Exclusive exclusive(m_inflight);
    FsckReport report;
    report.repaired = request.repair;
    const qint64 wallNow = QDateTime::currentMSecsSinceEpoch();

    // Shards in id order ("00".."ff"), then any other folder found (all of its files are orphans).
    QStringList shards;
    for (int i = 0; i < 256; ++i)
        shards << hexShard(i);
    for (const QString& s : m_store.shards()) {
        if (!shards.contains(s))
            shards << s;
    }

    QSqlDatabase db = m_registry.db();
    ValueRefs refs(db);
    // Rows whose file was missing in the walk (dangling unless a concurrent delete explains it),
    // rows whose file has another checksum, rows whose value id is no id at all.
    QList<ValueRef> missing, corrupt, invalid;
    QList<QPair<QString, QString>> orphans; // shard, file name
    {
        // One scan of every registry row in value id order, merged shard by shard with the files:
        // memory holds one shard's rows at a time and no index on value_id is needed. The scan is
        // one snapshot; the walk is not, so what it finds missing is checked again below.
        ValueRefs::Scan rows = refs.scan();
        auto take = [&] {
            ++report.rows;
            return rows.take();
        };
        for (const QString& shard : std::as_const(shards)) {
            QHash<QString, ValueRef> rowsById;
            while (!rows.atEnd()) {
                // An invalid id ('../x', '/tmp/x') sorts anywhere and never names a file.
                if (!ValueStore::isValidId(rows.nextId())) {
                    invalid << take();
                    continue;
                }
                if (!rows.nextId().startsWith(shard))
                    break;
                ValueRef ref = take();
                rowsById.insert(ref.valueId, std::move(ref));
            }
            QSet<QString> files;
            for (const ValueStore::FileInfo& file : m_store.filesInShard(shard)) {
                ++report.valueFiles;
                files.insert(file.name);
                if (!rowsById.contains(file.name) && wallNow - file.modifiedMs >= request.graceMs)
                    orphans.append({shard, file.name});
            }
            for (const ValueRef& ref : std::as_const(rowsById)) {
                const FileState state = !files.contains(ref.valueId) ? FileState::Missing
                                        : request.verify             ? checkFile(m_store, ref)
                                                                     : FileState::Good;
                if (state == FileState::Missing)
                    missing << ref;
                else if (state == FileState::Corrupt)
                    corrupt << ref;
            }
        }
        while (!rows.atEnd()) // only invalid ids sort after "ff…"
            invalid << take();
    }

    // Fresh reads, after the files were seen missing: a row deleted meanwhile is gone now (a
    // delete commits before it unlinks), so what remains is lost for certain.
    auto confirmed = [&](const QList<ValueRef>& seen, bool fileMustBeMissing) {
        QList<ValueRef> kept;
        for (const ValueRef& ref : seen) {
            if (refs.stillPointsAt(ref) && (!fileMustBeMissing || !m_store.exists(ref.valueId)))
                kept << ref;
        }
        return kept;
    };
    // Inline rows: checked in the registry alone, no file operation. A row with neither a file
    // nor an inline value is reported with the invalid ids (it points at nothing).
    {
        ValueRefs::InlineScan rows = refs.inlineScan(request.verify);
        ValueRefs::InlineScan::Row row;
        while (rows.next(row)) {
            ++report.rows;
            if (!row.hasValue) {
                invalid << row.ref;
                continue;
            }
            ++report.inlineValues;
            if (request.verify && !inlineMatches(row))
                corrupt << row.ref;
        }
    }

    missing = confirmed(missing, true);
    corrupt = confirmed(corrupt, false);
    for (const ValueRef& ref : std::as_const(missing)) {
        if (ref.isCurrent())
            report.dangling.append({ref.ns, ref.key});
        else
            report.danglingRevisions << ref.name();
    }
    for (const ValueRef& ref : std::as_const(corrupt))
        report.corrupt << ref.name();
    for (const ValueRef& ref : std::as_const(invalid))
        report.invalidIds << ref.name();
    // An orphan seen in the walk may have been a deleted row's file about to be unlinked.
    for (const auto& [shard, name] : std::as_const(orphans)) {
        if (!QFile::exists(m_store.root() + QLatin1Char('/') + shard + QLatin1Char('/') + name))
            continue;
        report.orphans << shard + QLatin1Char('/') + name;
        if (request.repair)
            m_store.removeFile(shard, name);
    }
    if (!request.repair)
        return report;

    // A lost (missing, corrupt or unnamed) current value takes its pair; a lost old revision goes
    // alone. Only rows that still point at the lost value are removed.
    QStringList obsolete;
    Registry::Transaction tx(db, m_registry.dialect());
    PairTable::Remover remover(db);
    for (const QList<ValueRef>* list : {&missing, &corrupt, &invalid}) {
        for (const ValueRef& ref : *list) {
            if (ref.isCurrent()) {
                remover.removeIfUnchanged(ref.ns, ref.key, ref.valueId, ref.checksum, obsolete);
                continue;
            }
            if (refs.removeHistoryRow(ref) && !ref.valueId.isEmpty())
                obsolete << ref.valueId;
        }
    }
    tx.commit();
    m_store.remove(obsolete); // invalid ids are skipped: nothing outside the store is touched
    return report;
}

} // namespace kv
