#pragma once

// Private to the wire format (format/Wire*.cpp): every JSON member name, declared once and used
// by writer and reader alike, and a writer of members in the order they are added.
#include <initializer_list>
#include <optional>
#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace kv::wire {

namespace field {
inline constexpr char all[] = "all";
inline constexpr char cancelled[] = "cancelled";
inline constexpr char checksum[] = "checksum";
inline constexpr char clean[] = "clean";
inline constexpr char collectKeys[] = "collectKeys";
inline constexpr char corrupt[] = "corrupt";
inline constexpr char count[] = "count";
inline constexpr char createdBefore[] = "createdBefore";
inline constexpr char creationDate[] = "creationDate";
inline constexpr char current[] = "current";
inline constexpr char dangling[] = "dangling";
inline constexpr char danglingRevisions[] = "danglingRevisions";
inline constexpr char deleted[] = "deleted";
inline constexpr char description[] = "description";
inline constexpr char detail[] = "detail"; // RFC 9457 problem details (Kestra 2.0 errors)
inline constexpr char dryRun[] = "dryRun";
inline constexpr char entries[] = "entries";
inline constexpr char expirationDate[] = "expirationDate";
inline constexpr char expiredCount[] = "expiredCount";
inline constexpr char externalValues[] = "externalValues";
inline constexpr char grace[] = "grace";
inline constexpr char historyDepth[] = "historyDepth";
inline constexpr char id[] = "id";
inline constexpr char imported[] = "imported";
inline constexpr char includeChildren[] = "includeChildren";
inline constexpr char inlineLimit[] = "inlineLimit";
inline constexpr char inlineValues[] = "inlineValues";
inline constexpr char invalidIds[] = "invalidIds";
inline constexpr char isExplicit[] = "explicit";
inline constexpr char key[] = "key";
inline constexpr char keyCount[] = "keyCount";
inline constexpr char keyPattern[] = "keyPattern";
inline constexpr char keys[] = "keys";
inline constexpr char lastUpdate[] = "lastUpdate";
inline constexpr char limit[] = "limit";
inline constexpr char liveCount[] = "liveCount";
inline constexpr char location[] = "location";
inline constexpr char maxValueBytes[] = "maxValueBytes";
inline constexpr char message[] = "message";
inline constexpr char missing[] = "missing";
inline constexpr char nsName[] = "namespace";
inline constexpr char namespaces[] = "namespaces";
inline constexpr char orphans[] = "orphans";
inline constexpr char pairs[] = "pairs";
inline constexpr char repair[] = "repair";
inline constexpr char repaired[] = "repaired";
inline constexpr char results[] = "results";
inline constexpr char revision[] = "revision";
inline constexpr char rows[] = "rows";
inline constexpr char schemaVersion[] = "schemaVersion";
inline constexpr char server[] = "server";
inline constexpr char serverApi[] = "serverApi"; // CLI catalog info --json: a remote's API
inline constexpr char size[] = "size";
inline constexpr char skippedConflicts[] = "skippedConflicts";
inline constexpr char skippedExpired[] = "skippedExpired";
inline constexpr char status[] = "status"; // RFC 9457 problem details
inline constexpr char title[] = "title";   // RFC 9457 problem details
inline constexpr char total[] = "total";
inline constexpr char totalSize[] = "totalSize";
inline constexpr char ttl[] = "ttl";
inline constexpr char type[] = "type";
inline constexpr char updateDate[] = "updateDate";
inline constexpr char updated[] = "updated"; // Kestra 1.2.5+: GET …/kv/{key}
inline constexpr char value[] = "value";
inline constexpr char valueFiles[] = "valueFiles";
inline constexpr char verify[] = "verify";
inline constexpr char version[] = "version";
} // namespace field

// Writes {"name":json,...}: by hand, so that a value's text goes out as it is.
class ObjectWriter
{
public:
    ObjectWriter& add(const char* name, const QByteArray& json)
    {
        m_out += (m_out.size() > 1 ? ",\"" : "\"") + QByteArray(name) + "\":" + json;
        return *this;
    }
    QByteArray done() const { return m_out + '}'; }

private:
    QByteArray m_out = "{";
};

inline QByteArray number(qint64 n)
{
    return QByteArray::number(n);
}

inline QByteArray boolean(bool b)
{
    return b ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
}

// Readers of requests (WireRequests.cpp): the body as a JSON object, InvalidInput naming
// `example` otherwise; then its members, each refused with InvalidInput naming the member when it
// has the wrong type. A missing member (or a null string, string array or time) reads as empty.
QJsonObject requestObject(QByteArrayView body, const char* example);
QStringList requestStrings(const QJsonObject& o, const char* name);
QString requestString(const QJsonObject& o, const char* name);
std::optional<qint64> requestInteger(const QJsonObject& o, const char* name); // fraction: -1
bool requestBool(const QJsonObject& o, const char* name);                     // missing: false
std::optional<qint64> requestTime(const QJsonObject& o, const char* name);    // ISO-8601
// Refuses a member not named in `known`: for requests where a misspelt flag would silently do
// something else (a purge without its "dryRun" purges for real).
void refuseUnknownMembers(const QJsonObject& o, std::initializer_list<const char*> known,
                          const char* what);

inline QJsonValue member(const QJsonObject& o, const char* name)
{
    return o.value(QLatin1String(name));
}

} // namespace kv::wire
