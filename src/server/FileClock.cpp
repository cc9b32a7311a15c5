#include "FileClock.h"

#include <QDateTime>
#include <QFile>

namespace kv::server {

qint64 FileClock::nowMs() const
{
    QFile file(m_path);
    if (file.open(QIODevice::ReadOnly)) {
        bool ok = false;
        const qint64 ms = file.readAll().trimmed().toLongLong(&ok);
        if (ok)
            return ms;
    }
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace kv::server
