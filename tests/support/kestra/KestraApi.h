#pragma once

#include "domain/Clock.h"
#include "domain/KvValue.h"

#include <map>
#include <memory>
#include <optional>
#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>
#include <QUrlQuery>

namespace kvtest {

// The generations of Kestra's KV API that the remote catalog meets, one profile each. The rules
// of each are taken from Kestra's own source (kestra-io/kestra), cited where they are coded in
// KestraApi.cpp; the version each profile reports is in versionOf().
enum class KestraProfile {
    V0_20,  // ≤ 1.0: JSON or text bodies, routes with and without a tenant, whole lists
    V1_1,   // 1.1: text/plain bodies only, revisions ("version")
    V1_1_4, // 1.1.4: the paged GET /api/v1/{tenant}/kv with filters
    V1_2_5, // 1.2.5: GET …/kv/{key} with revision and updated; entries carry their namespace
    V2_0,   // 2.0: no GET /namespaces/{ns}/kv; "revision" for "version"; problem+json errors
};
QString versionOf(KestraProfile profile);
QString nameOf(KestraProfile profile);

// One HTTP exchange, as the emulator sees it.
struct KestraRequest
{
    QByteArray method;
    QStringList segments; // the decoded path segments after /api/v1/
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
};

struct KestraResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};

// Kestra's KV API over an in-memory store, for tests only. Thread-safe (one mutex).
class KestraApi
{
public:
    KestraApi(KestraProfile profile, std::shared_ptr<const kv::Clock> clock);

    // The server upgraded (or downgraded) in place: the pairs stay.
    void setProfile(KestraProfile profile);
    // A server that tells no version: GET /api/v1/configs answers 404.
    void hideVersion();
    // A text search (filters[q]) that finds nothing, as a database's full-text match may.
    void missTextSearches();
    KestraResponse handle(const KestraRequest& request);
    // Every request seen, as "METHOD /path?query": tests check what the client asked.
    QStringList requestLog() const;
    void clearRequestLog();
    // The next `count` requests are answered with `status` (a proxy in trouble, a restart).
    void failNext(int count, int status = 503);

    struct Pair
    {
        kv::KvValue value;
        QString description;
        int version = 1;
        qint64 createdMs = 0;
        qint64 updatedMs = 0;
        std::optional<qint64> expiresMs;
    };

private:
    using Key = std::pair<QString, QString>; // namespace, key
    bool atLeast(KestraProfile p) const { return int(m_profile) >= int(p); }
    KestraResponse route(const KestraRequest& r, const QStringList& path);
    KestraResponse error(int status, const QString& message) const;
    QByteArray entry(const QString& ns, const QString& key, const Pair& pair) const;
    KestraResponse list(const QString& ns);
    KestraResponse search(const QUrlQuery& query);
    KestraResponse inheritance(const QString& ns);
    KestraResponse get(const QString& ns, const QString& key);
    KestraResponse put(const KestraRequest& r, const QString& ns, const QString& key);
    KestraResponse remove(const QString& ns, const QString& key);
    KestraResponse removeMany(const KestraRequest& r, const QString& ns);
    KestraResponse namespaces(const QUrlQuery& query);
    bool live(const Pair& pair) const;

    KestraProfile m_profile; // guarded by m_mutex
    bool m_versionHidden = false;
    bool m_textSearchMisses = false;
    const std::shared_ptr<const kv::Clock> m_clock;
    mutable QMutex m_mutex;
    std::map<Key, Pair> m_pairs;
    QStringList m_log;
    int m_failures = 0;
    int m_failureStatus = 503;
};

} // namespace kvtest
