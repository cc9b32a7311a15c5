#include "local/PostgresDatabase.h"

namespace kv {

QString PostgresDatabase::display() const
{
    const QString who = user.isEmpty() ? QString() : user + QLatin1Char('@');
    // An IPv6 literal needs its brackets back to stay an address.
    const QString where = host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(host) : host;
    return QStringLiteral("postgresql://%1%2:%3/%4").arg(who, where).arg(port).arg(database);
}

} // namespace kv
