#include "domain/Clock.h"

namespace kv {

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace kv
