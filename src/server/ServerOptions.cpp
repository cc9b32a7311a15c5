#include "ServerOptions.h"

#include "domain/CatalogError.h"
#include "domain/IsoDuration.h"

namespace kv::server {

namespace {

CatalogError bad(const QString& message)
{
    return CatalogError::invalidInput(message);
}

void parseListen(const QString& text, ServerOptions& o)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        throw bad(QStringLiteral("invalid --listen '%1': expected HOST:PORT, e.g. "
                                 "127.0.0.1:8080")
                      .arg(text));
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        throw bad(QStringLiteral("invalid port in --listen '%1': expected 0 to 65535").arg(text));
    QHostAddress address;
    if (host == QLatin1String("localhost"))
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host))
        throw bad(QStringLiteral("invalid address in --listen '%1': expected an IP address such "
                                 "as 127.0.0.1, 0.0.0.0 or [::1]")
                      .arg(text));
    o.address = address;
    o.port = quint16(port);
}

// A whole number from `min` to `max`, named in the error.
qint64 number(const QString& option, const QString& text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max)
        throw bad(QStringLiteral("invalid %1 '%2': expected a whole number from %3 to %4")
                      .arg(option, text)
                      .arg(min)
                      .arg(max));
    return value;
}

qint64 duration(const QString& text)
{
    return IsoDuration::parseTtl(text).milliseconds();
}

} // namespace

ServerOptions ServerOptions::parse(const QStringList& args)
{
    ServerOptions o;
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString name = args.at(i);
        QString value;
        bool hasValue = false;
        if (const qsizetype eq = name.indexOf(QLatin1Char('='));
            name.startsWith(QLatin1String("--")) && eq > 0) {
            value = name.mid(eq + 1);
            name = name.left(eq);
            hasValue = true;
        }
        auto take = [&]() -> QString {
            if (hasValue)
                return value;
            if (i + 1 >= args.size())
                throw bad(QStringLiteral("option %1 needs a value").arg(name));
            return args.at(++i);
        };
        if (name == QLatin1String("--help") || name == QLatin1String("-h")) {
            o.wantsHelp = true;
        } else if (name == QLatin1String("--version")) {
            o.wantsVersion = true;
        } else if (name == QLatin1String("--catalog")) {
            o.catalog = take();
        } else if (name == QLatin1String("--listen")) {
            parseListen(take(), o);
        } else if (name == QLatin1String("--tls-cert")) {
            o.tlsCert = take();
        } else if (name == QLatin1String("--tls-key")) {
            o.tlsKey = take();
        } else if (name == QLatin1String("--users")) {
            o.usersFile = take();
        } else if (name == QLatin1String("--purge-interval")) {
            const QString text = take();
            o.purgeIntervalMs = IsoDuration::parseTtl(text).milliseconds();
        } else if (name == QLatin1String("--max-body")) {
            o.limits.parser.maxBodyBytes = number(name, take(), 1, qint64(1) << 40);
        } else if (name == QLatin1String("--max-header-bytes")) {
            o.limits.parser.maxHeadBytes = number(name, take(), 256, 1024 * 1024);
        } else if (name == QLatin1String("--max-headers")) {
            o.limits.parser.maxHeaders = int(number(name, take(), 1, 10'000));
        } else if (name == QLatin1String("--header-timeout")) {
            o.limits.headerTimeoutMs = duration(take());
        } else if (name == QLatin1String("--body-timeout")) {
            o.limits.bodyTimeoutMs = duration(take());
        } else if (name == QLatin1String("--idle-timeout")) {
            o.limits.idleTimeoutMs = duration(take());
        } else if (name == QLatin1String("--max-connections")) {
            o.limits.maxConnections = int(number(name, take(), 1, 1'000'000));
        } else if (name == QLatin1String("--max-connections-per-client")) {
            o.limits.maxConnectionsPerClient = int(number(name, take(), 1, 1'000'000));
        } else if (name == QLatin1String("--auth-failures-per-minute")) {
            o.authFailuresPerMinute = int(number(name, take(), 1, 1'000'000));
        } else if (name == QLatin1String("--add-user")) {
            o.addUser = take();
        } else if (name == QLatin1String("--add-token")) {
            o.addToken = take();
        } else if (name == QLatin1String("--test-clock-file")) {
            o.testClockFile = take();
        } else if (name == QLatin1String("--test-plain-kestra")) {
            o.plainKestra = true;
        } else {
            throw bad(QStringLiteral("unknown option '%1'").arg(name));
        }
    }
    if (o.wantsHelp || o.wantsVersion)
        return o;
    const bool managing = !o.addUser.isEmpty() || !o.addToken.isEmpty();
    if (managing) {
        if (o.usersFile.isEmpty())
            throw bad(QStringLiteral("--add-user and --add-token need --users FILE"));
        if (!o.addUser.isEmpty() && !o.addToken.isEmpty())
            throw bad(QStringLiteral("give either --add-user or --add-token, not both"));
        return o;
    }
    if (o.catalog.isEmpty())
        throw bad(QStringLiteral("--catalog PATH is required"));
    if (o.tlsCert.isEmpty() != o.tlsKey.isEmpty())
        throw bad(QStringLiteral("--tls-cert and --tls-key go together"));
    return o;
}

} // namespace kv::server
