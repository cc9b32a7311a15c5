#pragma once

#include "domain/CatalogTypes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QFlags>
#include <QHash>
#include <QUrlQuery>

class QJsonObject;

// The JSON forms of catalog data, shared by kvdesk-server, the remote catalog and the CLI's
// --json output. Written by hand, so a NUMBER keeps its digits and a JSON value its member order;
// read with QJsonDocument for the metadata and jsonscan for values. Times are ISO-8601 UTC
// ("2024-02-29T10:00:00Z"); "never expires" is null. Readers throw CatalogError(Internal) naming
// what is wrong when the text does not have the expected shape.
namespace kv::wire {

enum class EntryField { Namespace = 1, Checksum = 2, Value = 4 };
Q_DECLARE_FLAGS(EntryFields, EntryField)

QByteArray string(QStringView text);
QByteArray time(std::optional<qint64> ms);

// {"key","type","description","size","revision","creationDate","updateDate","expirationDate"}
// plus "namespace", "checksum" and "value" (the typed value, when the entry has one) on request.
QByteArray entry(const KvEntry& e, EntryFields extra = {});
KvEntry readEntry(QByteArrayView json, const QString& ns = QString());
// {"type": "NUMBER", "value": 42}: the Kestra form of a value.
QByteArray typedValue(const KvValue& value);
KvValue readTypedValue(QByteArrayView json);
// {"type","value","revision","updated"}: Kestra's answer to GET .../kv/{key} since 1.2.5
// (KVController.KvDetail); readTypedValue reads it too.
QByteArray valueDetail(const KvEntry& e);
// Kestra 1.2.5 and later add {"revision": 3, "updated": "…"} to it (KvDetail).
struct ValueDetail
{
    KvValue value;
    std::optional<qint64> revision;
    std::optional<qint64> updatedMs;
};
ValueDetail readValueDetail(QByteArrayView json);

QByteArray page(const KvPage& page, EntryFields extra = {}); // {"entries":[...],"total":N}
KvPage readPage(QByteArrayView json, const QString& ns);
// Kestra's paged KV search (GET /api/v1/{tenant}/kv, 1.1.4 and later): {"results": [entries],
// "total": N}; an entry without "namespace" is in `ns`.
KvPage readEntryResults(QByteArrayView json, const QString& ns);
QByteArray revision(const KvRevision& r);
KvRevision readRevision(const QJsonObject& o);
QByteArray namespaceInfo(const NamespaceInfo& info);
NamespaceInfo readNamespaceInfo(const QJsonObject& o);
QByteArray stats(const NamespaceStats& s);
NamespaceStats readStats(QByteArrayView json);

QByteArray purgeRequest(const PurgeRequest& r);
// The maintenance requests are read strictly: InvalidInput naming a member of the wrong type
// or one the request does not have.
PurgeRequest readPurgeRequest(QByteArrayView body);
QByteArray purgeResult(const PurgeResult& r);
PurgeResult readPurgeResult(QByteArrayView json);
QByteArray fsckRequest(const FsckRequest& r); // {"repair","verify","grace": ISO duration}
FsckRequest readFsckRequest(QByteArrayView body);
// {"clean","orphans","dangling","danglingRevisions","corrupt","invalidIds","valueFiles","rows",
//  "repaired"}: the server's answer and kvdesk-cli fsck --json alike.
QByteArray fsckReport(const FsckReport& r);
FsckReport readFsckReport(QByteArrayView json);
QByteArray importResult(const ImportResult& r);
ImportResult readImportResult(QByteArrayView json);
QByteArray stringList(const QStringList& list);

// Requests and small answers (WireMessages.cpp). Each field is named once there, for the writer
// and the reader alike. Readers of requests (the server's side) throw InvalidInput naming the
// field that has the wrong type, or naming an example when the body is no JSON object; a missing
// field reads as its default, which the catalog's gate then judges. Readers of answers (the
// client's side) throw CatalogError(Internal).

// {"keys":[...]}: the body of DELETE .../kv (both APIs), expire's answer and Kestra's delete
// answer.
QByteArray keysRequest(const QStringList& keys);
QStringList readKeysRequest(QByteArrayView body);
QStringList readKeysAnswer(QByteArrayView json, const char* what);
// {"keys":[...],"ttl":"PT1H"|null}; ns is not part of the body.
QByteArray expireRequest(const ExpireRequest& r);
ExpireRequest readExpireRequest(QByteArrayView body, const QString& ns);
QByteArray restoreRequest(qint64 revision); // {"revision":N}
qint64 readRestoreRequest(QByteArrayView body);
// {"id","description"}: POST namespaces; the answer is namespaceInfo().
QByteArray namespaceCreate(const QString& ns, const QString& description);
NamespaceInfo readNamespaceCreate(QByteArrayView body);
// Kestra's namespace search answer {"results":[{"id","description",...}],"total":N}: names and
// descriptions only.
QList<NamespaceInfo> readNamespaceSearch(QByteArrayView json);

// GET kvdesk/info: {"server","version","historyDepth","maxValueBytes"[,"inlineLimit"]
// [,"inlineValues","externalValues"]} (when the catalog tells them; the counts only for
// GET kvdesk/info?counts=true, as they read every current row). PUT kvdesk/info
// takes the settings alone (historyDepth, maxValueBytes, inlineLimit), at least one of them.
inline constexpr char ourServerName[] = "kvdesk-server"; // Settings::server of ours
struct Settings
{
    QString server;
    QString version;
    std::optional<int> historyDepth;
    std::optional<qint64> maxValueBytes;
    std::optional<qint64> inlineLimit;
    std::optional<ValuePlacement> placement;
};
QByteArray settings(const Settings& s);
// Lenient: what the answer does not say (or says with another type) stays unset, so a server
// that is not ours reads as one without a "server" name.
Settings readSettings(const QJsonObject& o);
// The same of a whole answer: text that is no JSON object reads as no settings (any server may
// answer GET kvdesk/info; only ours names itself).
Settings readSettings(QByteArrayView json);
QByteArray settingsRequest(std::optional<int> historyDepth, std::optional<qint64> maxValueBytes,
                           std::optional<qint64> inlineLimit = std::nullopt);
Settings readSettingsRequest(QByteArrayView body); // InvalidInput when neither is given

// {"message":"..."}: every error answer of kvdesk-server, the HTTP layer's own included.
QByteArray errorBody(const QString& message);
// RFC 9457 problem details with our "message" kept: {"type":"about:blank","title":reason,
// "status":N,"detail":message,"message":message} (Kestra 2.0 answers errors so, text in
// "detail"). `title` is the status's reason phrase, as RFC 9457 asks for "about:blank".
QByteArray problemBody(int status, const QString& title, const QString& message);
// The message of an error answer ("message", or the "detail" of problem+json); empty when the body
// is none (a proxy's page, another server's form), so the client can show the body's text instead.
QString readErrorMessage(QByteArrayView body);

// Kestra's answer to DELETE of a key or a namespace: true, or false when there was none.
QByteArray deletedAnswer(bool existed);
bool readDeletedAnswer(QByteArrayView json);

QByteArray deleteResult(const DeleteResult& r); // {"deleted":[...],"missing":[...]}
DeleteResult readDeleteResult(QByteArrayView json);

// A JSON array written a piece at a time, for lists too long to hold at once: each call returns
// the bytes that go next. Compact: [a,b]. OneALine: "[\n" a ",\n" b "\n]", or "[]" when empty
// (kvdesk-cli ls --json).
class ListWriter
{
public:
    enum class Layout { Compact, OneALine };
    explicit ListWriter(Layout layout = Layout::Compact)
        : m_layout(layout)
    {
    }
    QByteArray begin() const { return QByteArrayLiteral("["); }
    QByteArray element(const QByteArray& json);
    QByteArray end() const;

private:
    Layout m_layout;
    bool m_empty = true;
};

QByteArray list(const QList<QByteArray>& items);                  // [a,b,...]
QByteArray results(const QList<QByteArray>& items, qint64 total); // {"results":[...],"total":N}

// kvdesk-cli --json output (read by scripts, not by us).
// {"namespace","description","keyCount","explicit","creationDate"} per namespace
QByteArray cliNamespace(const NamespaceInfo& ns);
QByteArray cliPurgeResult(const PurgeResult& r); // {"dryRun","count","pairs"}
// {"location"[,"serverApi"],"schemaVersion","historyDepth","maxValueBytes"[,"inlineLimit"]
// [,"inlineValues","externalValues"]} (serverApi for a remote catalog, the last ones when the
// catalog tells them)
QByteArray cliCatalogInfo(const QString& location, const QString& serverApi,
                          std::optional<int> schemaVersion, int historyDepth, qint64 maxValueBytes,
                          std::optional<qint64> inlineLimit = std::nullopt,
                          std::optional<ValuePlacement> placement = std::nullopt);
QByteArray pairList(const QList<PurgedPair>& pairs); // [{"namespace","key"},...]

// Query strings of our routes (WireQuery.cpp), each parameter named once. The server reads its
// decoded parameters, the first value of each name.
using QueryParams = QHash<QString, QString>;
namespace param {
inline constexpr char afterKey[] = "afterKey";
inline constexpr char bom[] = "bom"; // export: a UTF-8 byte order mark first
inline constexpr char contains[] = "contains";
inline constexpr char counts[] = "counts"; // GET kvdesk/info: the value counts too
inline constexpr char desc[] = "desc";
inline constexpr char errorOnMissing[] = "errorOnMissing"; // DELETE kvdesk/namespaces/{ns}/kv
inline constexpr char force[] = "force";                   // DELETE namespaces/{ns}
inline constexpr char includeExpired[] = "includeExpired";
inline constexpr char keys[] = "keys"; // export: some keys alone, separated by commas
inline constexpr char knownTotal[] = "knownTotal";
inline constexpr char limit[] = "limit";
inline constexpr char offset[] = "offset";
inline constexpr char overwrite[] = "overwrite"; // import: "false" keeps existing pairs
inline constexpr char prefix[] = "prefix";
inline constexpr char sort[] = "sort";
// Kestra's: pages (from 1) of `size`, the namespace search's text, the paged list's filters.
inline constexpr char page[] = "page";
inline constexpr char size[] = "size";
inline constexpr char search[] = "q";
inline constexpr char namespaceEquals[] = "filters[namespace][EQUALS]";
inline constexpr char keyStartsWith[] = "filters[key][STARTS_WITH]";
inline constexpr char keyContains[] = "filters[key][CONTAINS]";
inline constexpr char textEquals[] = "filters[q][EQUALS]"; // Kestra's KV search text
inline constexpr char withTotal[] = "withTotal";
inline constexpr char withValues[] = "withValues";
} // namespace param
// A flag is set by "true", "1" or "yes" (any case); a number that is none is InvalidInput
// naming the parameter; an absent or empty one reads as `fallback`.
bool queryFlag(const QueryParams& params, const char* name);
qint64 queryNumber(const QueryParams& params, const char* name, qint64 fallback);
void addQueryFlag(QUrlQuery& query, const char* name); // name=true
void addQueryText(QUrlQuery& query, const char* name, const QString& value);
// GET kvdesk/namespaces/{ns}/kv: a ListQuery but its namespace, which is in the path.
QUrlQuery listQuery(const ListQuery& q);
ListQuery readListQuery(const QueryParams& params, const QString& ns);

// Parses text as a JSON object or array; throws CatalogError(Internal) naming `what`.
QJsonObject object(QByteArrayView json, const char* what);
QList<QJsonObject> objects(QByteArrayView json, const char* what);

} // namespace kv::wire

Q_DECLARE_OPERATORS_FOR_FLAGS(kv::wire::EntryFields)
