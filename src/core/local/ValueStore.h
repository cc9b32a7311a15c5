#pragma once

#include <functional>
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace kv {

// The value store of a local catalog: one file per stored value, named by a random id and
// sharded into 256 subfolders by the id's first two hex digits (values/3f/3f9c...). A key never
// becomes a file name, so keys stay case-sensitive on any file system.
//
// Writes are atomic and durable: the bytes go to "<id>.tmp", are flushed to disk, and the file
// is renamed to its final name (the folder is flushed too). Only then may a registry row point
// at it (see docs/architecture.md, "The consistency protocol").
class ValueStore
{
public:
    // Creates the root folder unless `create` is false (a read-only catalog).
    explicit ValueStore(QString root, bool create = true);

    const QString& root() const { return m_root; }
    static QString newId();
    // What newId() makes: exactly 32 lowercase hex digits. Nothing else may become a path.
    static bool isValidId(QStringView id);
    // Throws CatalogError(Internal) naming the id when it is not valid (a tampered registry).
    QString pathOf(const QString& id) const;

    // Writes and flushes one value (tmp file, fsync, rename, fsync of the folder).
    void write(const QString& id, const QByteArray& bytes);
    // Bulk form: writes the value in place without flushing; call syncWritten() before any row
    // points at it (until then a partly written file is only an orphan).
    void writeUnsynced(const QString& id, const QByteArray& bytes);
    // Makes every value written with writeUnsynced() durable (one syncfs on Linux).
    void syncWritten();

    // Throws CatalogError(NotFound) when the file is missing, Internal on other I/O errors.
    QByteArray read(const QString& id) const;
    bool exists(const QString& id) const;
    // Removes value files; missing ones are ignored (they are already gone), and so are invalid
    // ids (never a path outside the store).
    void remove(const QStringList& ids);

    // For fsck: the shard folders that exist ("00".."ff", plus anything else found there).
    QStringList shards() const;
    struct FileInfo
    {
        QString name;      // file name within the shard (an id, or "<id>.tmp")
        qint64 modifiedMs; // last modification
    };
    QList<FileInfo> filesInShard(const QString& shard) const;
    void removeFile(const QString& shard, const QString& name);

private:
    void writeFile(const QString& id, const QByteArray& bytes, bool sync);
    void ensureShard(const QString& id);

    QString m_root;
    QList<QString> m_pendingSync; // ids written unsynced (non-Linux fallback)
};

} // namespace kv
