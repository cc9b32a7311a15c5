#include "ConnectionProfile.h"

#include "domain/CatalogError.h"

#include <QCoreApplication>
#include <QSettings>
#include <QUuid>

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionProfile)
};

QString authName(kv::RemoteConnection::Auth auth)
{
    switch (auth) {
    case kv::RemoteConnection::Auth::Basic:
        return QStringLiteral("basic");
    case kv::RemoteConnection::Auth::Bearer:
        return QStringLiteral("bearer");
    case kv::RemoteConnection::Auth::None:
        break;
    }
    return QStringLiteral("none");
}

kv::RemoteConnection::Auth authOf(const QString& name)
{
    if (name == QLatin1String("basic"))
        return kv::RemoteConnection::Auth::Basic;
    if (name == QLatin1String("bearer"))
        return kv::RemoteConnection::Auth::Bearer;
    return kv::RemoteConnection::Auth::None;
}

} // namespace

QString ConnectionProfile::problem() const
{
    if (name.trimmed().isEmpty())
        return Text::tr("Give the connection a name.");
    try {
        (void)kv::RemoteConnection::fromLocation(url.trimmed());
    } catch (const kv::CatalogError& e) {
        return e.message();
    }
    // An empty tenant is allowed: Kestra 0.2x has routes without one.
    if (auth == kv::RemoteConnection::Auth::Basic && user.trimmed().isEmpty())
        return Text::tr("Password authentication needs a user name.");
    return QString();
}

kv::RemoteConnection ConnectionProfile::connection() const
{
    kv::RemoteConnection c = kv::RemoteConnection::fromLocation(url.trimmed());
    c.tenant = tenant.trimmed();
    c.auth = auth;
    c.user = user.trimmed();
    c.caFile = caFile.trimmed();
    return c;
}

QString ConnectionProfile::label() const
{
    return QStringLiteral("%1 (%2)").arg(name, url);
}

QList<ConnectionProfile> ConnectionProfile::loadAll()
{
    QSettings settings;
    QList<ConnectionProfile> list;
    const int n = settings.beginReadArray(QStringLiteral("connections"));
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile p;
        p.id = settings.value(QStringLiteral("id")).toString();
        p.name = settings.value(QStringLiteral("name")).toString();
        p.url = settings.value(QStringLiteral("url")).toString();
        p.tenant = settings.value(QStringLiteral("tenant"), QStringLiteral("main")).toString();
        p.auth = authOf(settings.value(QStringLiteral("auth")).toString());
        p.user = settings.value(QStringLiteral("user")).toString();
        p.caFile = settings.value(QStringLiteral("caFile")).toString();
        if (!p.id.isEmpty())
            list << p;
    }
    settings.endArray();
    return list;
}

void ConnectionProfile::saveAll(const QList<ConnectionProfile>& profiles)
{
    QSettings settings;
    settings.remove(QStringLiteral("connections"));
    settings.beginWriteArray(QStringLiteral("connections"), int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const ConnectionProfile& p = profiles.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("id"), p.id);
        settings.setValue(QStringLiteral("name"), p.name);
        settings.setValue(QStringLiteral("url"), p.url);
        settings.setValue(QStringLiteral("tenant"), p.tenant);
        settings.setValue(QStringLiteral("auth"), authName(p.auth));
        settings.setValue(QStringLiteral("user"), p.user);
        settings.setValue(QStringLiteral("caFile"), p.caFile);
    }
    settings.endArray();
}

ConnectionProfile ConnectionProfile::create()
{
    ConnectionProfile p;
    p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return p;
}
