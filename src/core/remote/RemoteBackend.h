#pragma once

#include "domain/CatalogBackend.h"
#include "remote/HttpClient.h"
#include "remote/ServerApi.h"

#include <atomic>
#include <QRecursiveMutex>

namespace kv::wire {
struct Settings;
}

namespace kv {

// A catalog behind an HTTP server that speaks the Kestra KV API. Against kvdesk-server it uses
// our extensions (/api/v1/{tenant}/kvdesk/...) for everything: exact metadata, paged and sorted
// listings, history, purge, fsck, import. Against a server without them (a real Kestra) it uses
// Kestra's own routes as its generation has them (ServerApi): the paged /kv search from 1.1.4
// on, else the namespace's whole list, paged, sorted and filtered here; history, restore,
// expire, purge, fsck, import, creating and deleting namespaces and changing the catalog's
// settings report Unsupported, naming the Kestra version.
//
// Opening does not touch the network: the first call finds out which API the server speaks
// (serverApi()). An answer that does not tell (a network error, a 5xx) is not remembered, and a
// 405 or 415 later makes the next call ask again.
// Errors keep their kind: 404 NotFound, 410 Expired, 409 Conflict, 422 InvalidInput, 401
// Unauthorized, network and TLS failures Unavailable — each with the server's message.
class RemoteBackend final : public CatalogBackend
{
public:
    explicit RemoteBackend(RemoteConnection connection);

    QString location() const override;
    // True when the server offers our extensions (asks it on the first call).
    bool hasExtensions() const;
    // The server's API generation and version (asks it on the first call, throws when it cannot
    // tell).
    ServerApi serverApi() const;
    // The same when a call has found it out already; never touches the network (for the GUI
    // thread).
    std::optional<ServerApi> knownServerApi() const;

    // What a plain Kestra server does not offer, for a GUI to grey the action in advance.
    enum class Feature { History, Expiration, Purge, Import, Namespaces };
    // The Unsupported message a call of `feature` would throw ("… (Kestra 2.0.0): it does not
    // offer purging …"); empty when the server offers it or its API is not known yet (never
    // touches the network).
    QString unsupportedReason(Feature feature) const;

protected:
    QList<NamespaceInfo> doListNamespaces(const QString& prefix) override;
    NamespaceInfo doCreateNamespace(const QString& ns, const QString& description) override;
    void doDeleteNamespace(const QString& ns, bool force) override;
    NamespaceStats doNamespaceStats(const QString& ns) override;
    KvEntry doSet(const SetRequest& request) override;
    KvEntry doGet(const QString& ns, const QString& key) override;
    KvPage doList(const ListQuery& query) override;
    DeleteResult doRemove(const QString& ns, const QStringList& keys, bool errorOnMissing) override;
    QStringList doExpire(const ExpireRequest& request) override;
    QList<KvRevision> doHistory(const QString& ns, const QString& key) override;
    KvEntry doRestore(const QString& ns, const QString& key, qint64 revision) override;
    PurgeResult doPurge(const PurgeRequest& request, const ProgressCallback& progress) override;
    FsckReport doFsck(const FsckRequest& request) override;
    qint64 doExportCsv(const ExportRequest& request, QIODevice* out,
                       const ProgressCallback& progress) override;
    ImportResult doImportCsv(const ImportRequest& request, QIODevice* in,
                             const ProgressCallback& progress) override;
    int doHistoryDepth() override;
    // The server checks the depth against its catalog too, and answers with its settings.
    void doSetHistoryDepth(int depth) override;
    // kvdesk-server: the server catalog's limit (kvdesk/info); plain Kestra: the default, and
    // the setter is Unsupported.
    qint64 doMaxValueBytes() override;
    void doSetMaxValueBytes(qint64 bytes) override;
    // kvdesk-server: its catalog's inline limit and value counts (kvdesk/info, asked afresh);
    // plain Kestra: nothing, and the setter is Unsupported.
    std::optional<qint64> doInlineLimit() override;
    void doSetInlineLimit(qint64 bytes) override;
    std::optional<ValuePlacement> doValuePlacement() override;

private:
    // "/api/v1/{tenant}/" + the segments, each percent-encoded.
    QString path(const QStringList& segments) const;
    QString extensionPath(const QStringList& segments) const;
    // Sends and returns the body of a 2xx reply; other statuses throw the matching CatalogError.
    QByteArray call(const QByteArray& method, const QString& path, const QUrlQuery& query = {},
                    const QByteArray& body = QByteArray(),
                    const HttpClient::Headers& headers = {}) const;
    // The body of a 2xx reply; other statuses throw the matching CatalogError.
    QByteArray replyBody(const HttpReply& reply) const;
    [[noreturn]] void unsupported(const char* what) const;
    [[noreturn]] void unsupported(Feature feature) const;
    void probe() const;
    ServerApi detectApi() const;
    void forgetApi() const;
    void learnApi(const ServerApi& api) const;
    // Takes the settings of a kvdesk/info answer.
    void readInfo(const wire::Settings& info) const;
    // kvdesk/info of our server (GET: the settings; PUT: changes them), read strictly.
    wire::Settings serverInfo(const QByteArray& method, const QUrlQuery& query = {},
                              const QByteArray& body = QByteArray()) const;

    // The plain Kestra routes (RemoteBackendPlain.cpp).
    QList<KvEntry> plainEntries(const QString& ns) const;
    KvPage plainList(const ListQuery& query) const;
    KvEntry plainGet(const QString& ns, const QString& key) const;
    QList<NamespaceInfo> plainNamespaces(const QString& prefix) const;
    // Filters, sorts and pages a namespace's pairs here, as the query says.
    static KvPage pageHere(QList<KvEntry> all, const ListQuery& query);
    void fillValues(KvPage& page, const QString& ns) const;
    // Kestra's paged search, 1.1.4 on (RemoteBackendSearch.cpp).
    KvPage searchPage(const QString& ns, const QString& text, const QStringList& sort, qint64 page,
                      qint64 size) const;
    KvPage searchList(const ListQuery& query) const;
    // Every page of the namespace's search (with the text filter when not empty), by key.
    QList<KvEntry> searchAll(const QString& ns, const QString& text) const;
    std::optional<KvEntry> searchEntry(const QString& ns, const QString& key) const;
    KvEntry searchGet(const QString& ns, const QString& key) const;
    NamespaceStats searchStats(const QString& ns) const;
    // Writes through Kestra's PUT: keeps the description, refuses an overwrite when asked to.
    KvEntry kestraSet(const SetRequest& request, const ServerApi& api);
    // The live pair's metadata when there is one (any generation of Kestra).
    std::optional<KvEntry> kestraCurrent(const QString& ns, const QString& key) const;

    HttpClient m_http;
    mutable QRecursiveMutex m_probeMutex;   // recursive: a probe's own call() may forget
    mutable std::optional<ServerApi> m_api; // guarded by m_probeMutex; nothing: ask again
    mutable std::atomic<int> m_historyDepth{5};
    mutable std::atomic<qint64> m_maxValueBytes{defaultMaxValueBytes};
};

} // namespace kv
