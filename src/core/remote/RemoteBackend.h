#pragma once

#include "domain/CatalogBackend.h"
#include "remote/HttpClient.h"

#include <atomic>
#include <QMutex>

namespace kv::wire {
struct Settings;
}

namespace kv {

// A catalog behind an HTTP server that speaks the Kestra KV API. Against kvdesk-server it uses
// our extensions (/api/v1/{tenant}/kvdesk/...) for everything: exact metadata, paged and sorted
// listings, history, purge, fsck, import. Against a server without them (a real Kestra) it falls
// back to the plain routes: listings are fetched whole and paged, sorted and filtered here;
// history, restore, expire, purge, fsck, import, creating and deleting namespaces and changing
// the catalog's settings report Unsupported.
//
// Opening does not touch the network: the first call finds out which kind of server it is.
// Errors keep their kind: 404 NotFound, 410 Expired, 409 Conflict, 422 InvalidInput, 401
// Unauthorized, network and TLS failures Unavailable — each with the server's message.
class RemoteBackend final : public CatalogBackend
{
public:
    explicit RemoteBackend(RemoteConnection connection);

    QString location() const override;
    // True when the server offers our extensions (asks it on the first call).
    bool hasExtensions() const;

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
    [[noreturn]] void unsupported(const char* what) const;
    void probe() const;
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

    HttpClient m_http;
    mutable QMutex m_probeMutex;
    mutable std::atomic<int> m_extensions{-1}; // -1 unknown, 0 plain Kestra, 1 kvdesk-server
    mutable std::atomic<int> m_historyDepth{5};
    mutable std::atomic<qint64> m_maxValueBytes{defaultMaxValueBytes};
};

} // namespace kv
