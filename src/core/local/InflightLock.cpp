#include "local/InflightLock.h"

#include "domain/CatalogError.h"

#include <QFile>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

namespace kv {

namespace {

qintptr openLockFile(const QString& path)
{
#ifdef Q_OS_WIN
    HANDLE h =
        CreateFileW(reinterpret_cast<const wchar_t*>(path.utf16()), GENERIC_READ | GENERIC_WRITE,
                    FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_ALWAYS,
                    FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        throw CatalogError::internal(QStringLiteral("cannot open the lock file '%1'").arg(path));
    return reinterpret_cast<qintptr>(h);
#else
    const QByteArray name = QFile::encodeName(path);
    int fd = ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    // A read-only catalog (another user's, or on read-only media): flock works on a descriptor
    // opened for reading; without a lock file no writer has ever been at work there.
    if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
        fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0 && errno == ENOENT)
            return -1;
    }
    if (fd < 0)
        throw CatalogError::internal(QStringLiteral("cannot open the lock file '%1'").arg(path));
    return fd;
#endif
}

void lockHandle(qintptr handle, bool exclusive)
{
    if (handle < 0)
        return; // no lock file in a read-only catalog
#ifdef Q_OS_WIN
    OVERLAPPED overlapped = {};
    LockFileEx(reinterpret_cast<HANDLE>(handle), exclusive ? LOCKFILE_EXCLUSIVE_LOCK : 0, 0, 1, 0,
               &overlapped);
#else
    while (::flock(int(handle), exclusive ? LOCK_EX : LOCK_SH) != 0 && errno == EINTR) {
    }
#endif
}

void closeHandle(qintptr handle)
{
    if (handle < 0)
        return;
#ifdef Q_OS_WIN
    CloseHandle(reinterpret_cast<HANDLE>(handle)); // also releases its locks
#else
    ::close(int(handle)); // also releases its flock
#endif
}

} // namespace

InflightLock::InflightLock(QString path)
    : m_path(std::move(path))
{
}

InflightLock::~InflightLock()
{
    if (m_sharedHandle >= 0)
        closeHandle(m_sharedHandle);
}

void InflightLock::lockShared()
{
    QMutexLocker lock(&m_mutex);
    if (m_holders++ > 0)
        return;
    try {
        m_sharedHandle = openLockFile(m_path);
        lockHandle(m_sharedHandle, false);
    } catch (...) {
        --m_holders;
        throw;
    }
}

void InflightLock::unlockShared()
{
    QMutexLocker lock(&m_mutex);
    if (--m_holders > 0)
        return;
    closeHandle(m_sharedHandle);
    m_sharedHandle = -1;
}

InflightLock::Exclusive::Exclusive(InflightLock& lock)
    : m_handle(openLockFile(lock.m_path))
{
    lockHandle(m_handle, true);
}

InflightLock::Exclusive::~Exclusive()
{
    closeHandle(m_handle);
}

} // namespace kv
