#include "UserStore.h"

#include "domain/CatalogError.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QPasswordDigestor>
#include <QRandomGenerator>
#include <QSaveFile>

namespace kv::server {

namespace {

constexpr qsizetype maxRemembered = 4096;
const QString formatName = QStringLiteral("kvdesk-users");

QByteArray randomBytes(int n)
{
    QByteArray bytes(n, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), n / 4);
    return bytes;
}

bool equalInConstantTime(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

// "Basic abc=" → {"basic", "abc="}: the scheme is case-insensitive (RFC 9110 11.1).
struct Scheme
{
    QByteArray name; // lower case
    QByteArray credentials;
};

Scheme schemeOf(const QByteArray& authorization)
{
    const QByteArray text = authorization.trimmed();
    const qsizetype space = text.indexOf(' ');
    if (space <= 0)
        return {};
    return {text.left(space).toLower(), text.mid(space + 1).trimmed()};
}

QString kindName(UserStore::Kind kind)
{
    return kind == UserStore::Kind::Password ? QStringLiteral("password") : QStringLiteral("token");
}

} // namespace

UserStore::UserStore()
    : m_pepper(randomBytes(32))
{
    m_decoy.name = QStringLiteral("\n"); // no real name contains a line break
    m_decoy.salt = randomBytes(16);
    m_decoy.hash = randomBytes(32);
}

UserStore::UserStore(const UserStore& other)
    : m_credentials(other.m_credentials)
    , m_pepper(other.m_pepper)
    , m_decoy(other.m_decoy)
{
}

QByteArray UserStore::derive(const QString& secret, const QByteArray& salt, int rounds)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, secret.toUtf8(), salt,
                                              rounds, 32);
}

UserStore UserStore::load(const QString& file)
{
    UserStore store;
    QFile in(file);
    if (!in.exists())
        return store;
    if (!in.open(QIODevice::ReadOnly))
        throw CatalogError::invalidInput(
            QStringLiteral("cannot read the users file %1: %2").arg(file, in.errorString()));
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll());
    const QJsonObject root = doc.object();
    if (root.value(u"format").toString() != formatName)
        throw CatalogError::invalidInput(
            QStringLiteral("%1 is not a kvdesk-server users file (expected \"format\": \"%2\")")
                .arg(file, formatName));
    for (const QJsonValue& v : root.value(u"credentials").toArray()) {
        const QJsonObject o = v.toObject();
        Credential c;
        c.name = o.value(u"name").toString();
        c.kind =
            o.value(u"kind").toString() == QLatin1String("token") ? Kind::Token : Kind::Password;
        c.iterations = o.value(u"iterations").toInt(iterations);
        c.salt = QByteArray::fromBase64(o.value(u"salt").toString().toLatin1());
        c.hash = QByteArray::fromBase64(o.value(u"hash").toString().toLatin1());
        if (c.name.isEmpty() || c.salt.isEmpty() || c.hash.size() != 32 || c.iterations < 1000)
            throw CatalogError::invalidInput(
                QStringLiteral("%1: credential %2 is incomplete").arg(file, c.name));
        store.m_credentials << c;
    }
    return store;
}

void UserStore::save(const QString& file) const
{
    QJsonArray list;
    for (const Credential& c : m_credentials)
        list.append(QJsonObject{{QStringLiteral("name"), c.name},
                                {QStringLiteral("kind"), kindName(c.kind)},
                                {QStringLiteral("iterations"), c.iterations},
                                {QStringLiteral("salt"), QString::fromLatin1(c.salt.toBase64())},
                                {QStringLiteral("hash"), QString::fromLatin1(c.hash.toBase64())}});
    const QJsonObject root{{QStringLiteral("format"), formatName},
                           {QStringLiteral("version"), 1},
                           {QStringLiteral("credentials"), list}};
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        throw CatalogError::invalidInput(
            QStringLiteral("cannot write the users file %1: %2").arg(file, out.errorString()));
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    out.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!out.commit())
        throw CatalogError::invalidInput(
            QStringLiteral("cannot write the users file %1: %2").arg(file, out.errorString()));
}

void UserStore::add(Kind kind, const QString& name, const QString& secret)
{
    if (name.trimmed().isEmpty() || name.contains(QLatin1Char(':')))
        throw CatalogError::invalidInput(
            QStringLiteral("invalid name '%1': it must not be empty or contain ':'").arg(name));
    if (secret.isEmpty())
        throw CatalogError::invalidInput(
            QStringLiteral("the %1 must not be empty").arg(kindName(kind)));
    Credential c;
    c.name = name;
    c.kind = kind;
    c.salt = randomBytes(16);
    c.hash = derive(secret, c.salt, c.iterations);
    m_credentials.removeIf(
        [&](const Credential& other) { return other.name == name && other.kind == kind; });
    m_credentials << c;
    const QMutexLocker lock(&m_mutex);
    m_accepted.clear();
}

bool UserStore::matches(const Credential& c, const QString& secret) const
{
    ++m_derivations;
    return equalInConstantTime(derive(secret, c.salt, c.iterations), c.hash);
}

QByteArray UserStore::cacheKey(const QByteArray& authorization) const
{
    return QMessageAuthenticationCode::hash(authorization, m_pepper, QCryptographicHash::Sha256);
}

std::optional<QString> UserStore::remembered(const QByteArray& authorization) const
{
    const QByteArray key = cacheKey(authorization);
    const QMutexLocker lock(&m_mutex);
    const auto it = m_accepted.constFind(key);
    if (it == m_accepted.cend())
        return std::nullopt;
    return *it;
}

QString UserStore::claimedUser(const QByteArray& authorization)
{
    const Scheme scheme = schemeOf(authorization);
    if (scheme.name != "basic")
        return {};
    const QByteArray decoded = QByteArray::fromBase64(scheme.credentials);
    const qsizetype colon = decoded.indexOf(':');
    return colon > 0 ? QString::fromUtf8(decoded.left(colon)) : QString();
}

std::optional<QString> UserStore::authenticate(const QByteArray& authorization) const
{
    if (std::optional<QString> known = remembered(authorization))
        return known;
    const Scheme scheme = schemeOf(authorization);
    std::optional<QString> user;
    if (scheme.name == "basic") {
        const QByteArray decoded = QByteArray::fromBase64(scheme.credentials);
        const qsizetype colon = decoded.indexOf(':');
        const QString name = QString::fromUtf8(decoded.left(qMax<qsizetype>(colon, 0)));
        const QString password = QString::fromUtf8(decoded.mid(colon + 1));
        const Credential* found = nullptr;
        for (const Credential& c : m_credentials) {
            if (c.kind == Kind::Password && c.name == name)
                found = &c;
        }
        // An unknown name costs the same derivation as a known one.
        const Credential& check = found ? *found : m_decoy;
        if (matches(check, password) && found && colon > 0)
            user = name;
    } else if (scheme.name == "bearer") {
        const QString token = QString::fromUtf8(scheme.credentials);
        for (const Credential& c : m_credentials) {
            if (c.kind == Kind::Token && !token.isEmpty() && matches(c, token)) {
                user = c.name;
                break;
            }
        }
    }
    if (user) {
        const QByteArray key = cacheKey(authorization);
        const QMutexLocker lock(&m_mutex);
        if (m_accepted.size() >= maxRemembered)
            m_accepted.clear();
        m_accepted.insert(key, *user);
    }
    return user;
}

} // namespace kv::server
