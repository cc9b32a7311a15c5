#pragma once

#include <atomic>
#include <optional>
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

namespace kv::server {

// The credentials kvdesk-server accepts, from its --users file: passwords (HTTP Basic) and
// bearer tokens, each kept only as a salted PBKDF2-HMAC-SHA256 hash — never the secret itself.
//
//   {"format": "kvdesk-users", "version": 1, "credentials": [
//      {"name": "alice", "kind": "password", "iterations": 120000,
//       "salt": "<base64>", "hash": "<base64>"}, ...]}
//
// Checking a secret costs a full key derivation, so a successful check is remembered (by a keyed
// hash of the header, never the header) and the next request with the same header is cheap.
class UserStore
{
public:
    enum class Kind { Password, Token };
    static constexpr int iterations = 120'000;

    UserStore();
    UserStore(const UserStore& other);
    // Reads `file`; a missing file is an empty store. Throws CatalogError(InvalidInput) when the
    // file is not a users file.
    static UserStore load(const QString& file);
    // Writes atomically, readable by the owner only.
    void save(const QString& file) const;

    // Adds or replaces the credential of `name` and `kind`.
    void add(Kind kind, const QString& name, const QString& secret);
    bool isEmpty() const { return m_credentials.isEmpty(); }
    qsizetype size() const { return m_credentials.size(); }

    // The user (or token) name for an Authorization header ("Basic …" or "Bearer …", the scheme
    // in any case); std::nullopt when it is missing, malformed or wrong. Costs one key derivation
    // per credential tried — also for an unknown user name, so that timing does not tell which
    // names exist. Thread-safe.
    std::optional<QString> authenticate(const QByteArray& authorization) const;
    // How many key derivations authenticate() has run: what guesses cost (the same for a known
    // and an unknown name).
    qint64 derivations() const { return m_derivations.load(); }
    // The user for a header that authenticate() accepted before, without deriving anything.
    std::optional<QString> remembered(const QByteArray& authorization) const;
    // The user name a Basic header claims (unchecked), or "" for other schemes.
    static QString claimedUser(const QByteArray& authorization);

private:
    struct Credential
    {
        QString name;
        Kind kind = Kind::Password;
        int iterations = UserStore::iterations;
        QByteArray salt;
        QByteArray hash;
    };
    static QByteArray derive(const QString& secret, const QByteArray& salt, int iterations);
    bool matches(const Credential& c, const QString& secret) const;
    QByteArray cacheKey(const QByteArray& authorization) const;

    QList<Credential> m_credentials;
    QByteArray m_pepper; // keys the cache of accepted headers (random per process)
    Credential m_decoy;
    mutable std::atomic<qint64> m_derivations{
        0}; // checked for unknown user names, so they cost what known ones do
    mutable QMutex m_mutex;
    mutable QHash<QByteArray, QString> m_accepted;
};

} // namespace kv::server
