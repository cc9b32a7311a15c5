#include "local/ValueStore.h"

#include "domain/CatalogError.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace kv {

namespace {

CatalogError ioError(const QString& what, const QString& path, const QString& reason)
{
    return CatalogError::internal(
        QStringLiteral("cannot %1 value file '%2': %3").arg(what, path, reason));
}

#ifdef Q_OS_UNIX
QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

void writeAll(int fd, const QByteArray& bytes, const QString& path)
{
    const char* data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw ioError(QStringLiteral("write"), path, errnoText());
        data += n;
        left -= n;
    }
}

void syncFolder(const QString& folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}
#endif

} // namespace

ValueStore::ValueStore(QString root, bool create)
    : m_root(std::move(root))
{
    if (create && !QDir().mkpath(m_root))
        throw ioError(QStringLiteral("create the folder for"), m_root,
                      QStringLiteral("mkdir failed"));
}

QString ValueStore::newId()
{
    quint64 words[2];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(words), sizeof words).toHex());
}

bool ValueStore::isValidId(QStringView id)
{
    if (id.size() != 32)
        return false;
    for (const QChar c : id) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

QString ValueStore::pathOf(const QString& id) const
{
    // A row's value id comes from the registry file: checked, so that '../x' or '/etc/x' never
    // becomes a path to read or delete.
    if (!isValidId(id))
        throw CatalogError::internal(
            QStringLiteral("the registry names an invalid value id '%1' (expected 32 lowercase hex "
                           "digits): the catalog file may have been tampered with; run kvdesk-cli "
                           "fsck --repair")
                .arg(id));
    return m_root + QLatin1Char('/') + id.left(2) + QLatin1Char('/') + id;
}

void ValueStore::ensureShard(const QString& id)
{
    QDir().mkpath(m_root + QLatin1Char('/') + id.left(2));
}

void ValueStore::write(const QString& id, const QByteArray& bytes)
{
    writeFile(id, bytes, true);
}

void ValueStore::writeUnsynced(const QString& id, const QByteArray& bytes)
{
    writeFile(id, bytes, false);
#ifndef Q_OS_LINUX
    m_pendingSync << id;
#endif
}

void ValueStore::writeFile(const QString& id, const QByteArray& bytes, bool sync)
{
    const QString finalPath = pathOf(id);
    // Bulk (unsynced) values are written in place: no row can point at a fresh id before the
    // batch has been synced, so a file cut short by a crash is an orphan, never read.
    const QString tmpPath = sync ? finalPath + QLatin1String(".tmp") : finalPath;
#ifdef Q_OS_UNIX
    const QByteArray tmpName = QFile::encodeName(tmpPath);
    int fd = ::open(tmpName.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT) {
        ensureShard(id);
        fd = ::open(tmpName.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    }
    if (fd < 0)
        throw ioError(QStringLiteral("create"), tmpPath, errnoText());
    try {
        writeAll(fd, bytes, tmpPath);
        if (sync && ::fsync(fd) != 0)
            throw ioError(QStringLiteral("flush"), tmpPath, errnoText());
    } catch (...) {
        ::close(fd);
        ::unlink(tmpName.constData());
        throw;
    }
    ::close(fd);
    if (!sync)
        return;
    if (::rename(tmpName.constData(), QFile::encodeName(finalPath).constData()) != 0) {
        const QString reason = errnoText();
        ::unlink(tmpName.constData());
        throw ioError(QStringLiteral("rename"), tmpPath, reason);
    }
    syncFolder(m_root + QLatin1Char('/') + id.left(2));
#else
    ensureShard(id);
    QFile file(tmpPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw ioError(QStringLiteral("create"), tmpPath, file.errorString());
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        const QString reason = file.errorString();
        file.close();
        file.remove();
        throw ioError(QStringLiteral("write"), tmpPath, reason);
    }
    file.close();
    QFile::remove(finalPath);
    if (!QFile::rename(tmpPath, finalPath))
        throw ioError(QStringLiteral("rename"), tmpPath, QStringLiteral("rename failed"));
    Q_UNUSED(sync)
#endif
}

void ValueStore::syncWritten()
{
#if defined(Q_OS_LINUX)
    const int fd = ::open(QFile::encodeName(m_root).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::syncfs(fd) != 0) {
        const QString reason = errnoText();
        if (fd >= 0)
            ::close(fd);
        throw ioError(QStringLiteral("flush"), m_root, reason);
    }
    ::close(fd);
#elif defined(Q_OS_UNIX)
    for (const QString& id : std::as_const(m_pendingSync)) {
        const int fd = ::open(QFile::encodeName(pathOf(id)).constData(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            ::fsync(fd);
            ::close(fd);
        }
    }
    m_pendingSync.clear();
#else
    m_pendingSync.clear(); // QFile::flush above; Windows write-through is left to the OS
#endif
}

QByteArray ValueStore::read(const QString& id) const
{
    const QString path = pathOf(id);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (!file.exists())
            throw CatalogError::notFound(QStringLiteral("value file '%1' is missing").arg(path));
        throw ioError(QStringLiteral("read"), path, file.errorString());
    }
    return file.readAll();
}

bool ValueStore::exists(const QString& id) const
{
    return QFileInfo::exists(pathOf(id));
}

void ValueStore::remove(const QStringList& ids)
{
    for (const QString& id : ids) {
        if (isValidId(id))
            QFile::remove(pathOf(id));
    }
}

QStringList ValueStore::shards() const
{
    return QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

QList<ValueStore::FileInfo> ValueStore::filesInShard(const QString& shard) const
{
    QList<FileInfo> files;
    QDirIterator it(m_root + QLatin1Char('/') + shard, QDir::Files | QDir::Hidden | QDir::System);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        files.append({info.fileName(), info.lastModified().toMSecsSinceEpoch()});
    }
    return files;
}

void ValueStore::removeFile(const QString& shard, const QString& name)
{
    QFile::remove(m_root + QLatin1Char('/') + shard + QLatin1Char('/') + name);
}

} // namespace kv
