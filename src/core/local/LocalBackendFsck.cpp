// LocalBackend: the consistency check (fsck). See docs/architecture.md, "The consistency
// protocol", point 4.
#include "local/LocalBackend.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QSet>
#include <QSqlQuery>

namespace kv {

namespace {

QString hexShard(int i)
{
    return QStringLiteral("%1").arg(i, 2, 16, QLatin1Char('0'));
}

// One registry row as the scan saw it.
struct RowRef
{
    QString valueId;
    QString ns, key;
    qint64 revision = -1; // -1: the current row
    QString checksum;     // hex, as stored

    bool isCurrent() const { return revision < 0; }
    // "ns/key" for a current row, "ns/key@revision" for a history row.
    QString name() const
    {
        const QString pair = ns + QLatin1Char('/') + key;
        return isCurrent() ? pair : pair + QLatin1Char('@') + QString::number(revision);
    }
};

enum class FileState { Good, Missing, Corrupt };

// Streams the file through SHA-256: one buffer in memory, whatever the value's size.
FileState checkFile(const ValueStore& store, const RowRef& row)
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

// Whether the row still points at the same value, in a fresh read.
bool stillPointsAt(QSqlDatabase& db, const RowRef& row)
{
    QSqlQuery q(db);
    Registry::prepare(
        q, row.isCurrent() ? QStringLiteral("SELECT 1 FROM kv WHERE namespace = :ns AND key = :key "
                                            "AND value_id = :id")
                           : QStringLiteral("SELECT 1 FROM kv_history WHERE namespace = :ns AND "
                                            "key = :key AND value_id = :id AND revision = :rev"));
    q.bindValue(QStringLiteral(":ns"), row.ns);
    q.bindValue(QStringLiteral(":key"), row.key);
    q.bindValue(QStringLiteral(":id"), row.valueId);
    if (!row.isCurrent())
        q.bindValue(QStringLiteral(":rev"), row.revision);
    Registry::exec(q);
    return q.next();
}

} // namespace

FsckReport LocalBackend::doFsck(const FsckRequest& request)
{
    if (request.repair)
        requireWritable();
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

    QSqlDatabase db = m_registry->db();
    // Rows whose file was missing in the walk (dangling unless a concurrent delete explains it),
    // rows whose file has another checksum, rows whose value id is no id at all.
    QList<RowRef> missing, corrupt, invalid;
    QList<QPair<QString, QString>> orphans; // shard, file name
    {
        // One scan of every registry row in value id order, merged shard by shard with the files:
        // memory holds one shard's rows at a time and no index on value_id is needed. The scan is
        // one snapshot; the walk is not, so what it finds missing is checked again below.
        QSqlQuery rows(db);
        rows.setForwardOnly(true);
        Registry::exec(rows, QStringLiteral("SELECT value_id, namespace, key, -1, checksum FROM kv "
                                            "UNION ALL SELECT value_id, namespace, key, revision, "
                                            "checksum FROM kv_history ORDER BY 1"));
        bool more = rows.next();
        auto take = [&] {
            RowRef ref{rows.value(0).toString(), rows.value(1).toString(), rows.value(2).toString(),
                       rows.value(3).toLongLong(), rows.value(4).toString()};
            ++report.rows;
            more = rows.next();
            return ref;
        };
        for (const QString& shard : std::as_const(shards)) {
            QHash<QString, RowRef> rowsById;
            while (more) {
                // An invalid id ('../x', '/tmp/x') sorts anywhere and never names a file.
                if (!ValueStore::isValidId(rows.value(0).toString())) {
                    invalid << take();
                    continue;
                }
                if (!rows.value(0).toString().startsWith(shard))
                    break;
                RowRef ref = take();
                rowsById.insert(ref.valueId, std::move(ref));
            }
            QSet<QString> files;
            for (const ValueStore::FileInfo& file : m_store.filesInShard(shard)) {
                ++report.valueFiles;
                files.insert(file.name);
                if (!rowsById.contains(file.name) && wallNow - file.modifiedMs >= request.graceMs)
                    orphans.append({shard, file.name});
            }
            for (const RowRef& ref : std::as_const(rowsById)) {
                const FileState state = !files.contains(ref.valueId) ? FileState::Missing
                                        : request.verify             ? checkFile(m_store, ref)
                                                                     : FileState::Good;
                if (state == FileState::Missing)
                    missing << ref;
                else if (state == FileState::Corrupt)
                    corrupt << ref;
            }
        }
        while (more) // only invalid ids sort after "ff…"
            invalid << take();
    }

    // Fresh reads, after the files were seen missing: a row deleted meanwhile is gone now (a
    // delete commits before it unlinks), so what remains is lost for certain.
    auto confirmed = [&](const QList<RowRef>& refs, bool fileMustBeMissing) {
        QList<RowRef> kept;
        for (const RowRef& ref : refs) {
            if (stillPointsAt(db, ref) && (!fileMustBeMissing || !m_store.exists(ref.valueId)))
                kept << ref;
        }
        return kept;
    };
    missing = confirmed(missing, true);
    corrupt = confirmed(corrupt, false);
    for (const RowRef& ref : std::as_const(missing)) {
        if (ref.isCurrent())
            report.dangling.append({ref.ns, ref.key});
        else
            report.danglingRevisions << ref.name();
    }
    for (const RowRef& ref : std::as_const(corrupt))
        report.corrupt << ref.name();
    for (const RowRef& ref : std::as_const(invalid))
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
    Registry::Transaction tx(db, m_registry->dialect());
    Registry::PairRemover remover(db);
    QSqlQuery del(db);
    Registry::prepare(del, QStringLiteral("DELETE FROM kv_history WHERE namespace = :ns AND "
                                          "key = :key AND revision = :rev AND value_id = :id"));
    for (const QList<RowRef>* list : {&missing, &corrupt, &invalid}) {
        for (const RowRef& ref : *list) {
            if (ref.isCurrent()) {
                remover.removeIfCurrent(ref.ns, ref.key, ref.valueId, obsolete);
                continue;
            }
            del.bindValue(QStringLiteral(":ns"), ref.ns);
            del.bindValue(QStringLiteral(":key"), ref.key);
            del.bindValue(QStringLiteral(":rev"), ref.revision);
            del.bindValue(QStringLiteral(":id"), ref.valueId);
            Registry::exec(del);
            if (del.numRowsAffected() > 0)
                obsolete << ref.valueId;
        }
    }
    tx.commit();
    m_store.remove(obsolete); // invalid ids are skipped: nothing outside the store is touched
    return report;
}

} // namespace kv
