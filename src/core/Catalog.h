#pragma once

#include "domain/CatalogBackend.h"
#include "remote/RemoteConnection.h"

#include <memory>
#include <QFuture>
#include <QObject>
#include <QThreadPool>

namespace kv {

class Clock;

// The asynchronous catalog every face of KV Desk talks to (GUI, CLI, server).
//
// Each method returns at once with a QFuture; the work runs on this catalog's own thread pool.
// A failure arrives as a CatalogError: QFuture::result() rethrows it, onFailed() receives it.
// Long operations (purge, export, import) report progress through the future and stop early
// when the future is cancelled.
class Catalog : public QObject
{
    Q_OBJECT
public:
    explicit Catalog(std::shared_ptr<CatalogBackend> backend, QObject* parent = nullptr);
    ~Catalog() override; // waits for running operations

    // Opens a catalog from a folder path (a local catalog, created on first use) or an
    // http(s):// address (a remote one; `clock` is then the server's business). Throws
    // CatalogError when the location cannot be opened, InvalidInput (creating nothing) for any
    // other "scheme://" address.
    // A local catalog migrated from an older schema finishes its upgrade here (blocking),
    // reporting to `upgradeProgress` (see LocalBackend).
    static std::unique_ptr<Catalog> open(const QString& location,
                                         std::shared_ptr<const Clock> clock = {},
                                         QObject* parent = nullptr,
                                         const ProgressCallback& upgradeProgress = {});
    // A remote catalog with credentials, tenant, CA file and timeout. Touches no network yet.
    static std::unique_ptr<Catalog> openRemote(const RemoteConnection& connection,
                                               QObject* parent = nullptr);
    // The default local catalog: <user data dir>/kvdesk/catalog (env KVDESK_CATALOG overrides).
    static QString defaultLocation();

    QString location() const;
    CatalogBackend& backend() const { return *m_backend; }
    std::shared_ptr<CatalogBackend> sharedBackend() const { return m_backend; }

    QFuture<QList<NamespaceInfo>> listNamespaces(const QString& prefix = QString());
    QFuture<NamespaceInfo> createNamespace(const QString& ns,
                                           const QString& description = QString());
    QFuture<void> deleteNamespace(const QString& ns, bool force = false);
    QFuture<NamespaceStats> namespaceStats(const QString& ns);

    QFuture<KvEntry> set(const SetRequest& request);
    QFuture<KvEntry> get(const QString& ns, const QString& key);
    QFuture<KvPage> list(const ListQuery& query);
    QFuture<DeleteResult> remove(const QString& ns, const QStringList& keys,
                                 bool errorOnMissing = false);
    QFuture<QStringList> expire(const ExpireRequest& request);
    QFuture<QList<KvRevision>> history(const QString& ns, const QString& key);
    QFuture<KvEntry> restore(const QString& ns, const QString& key, qint64 revision);
    QFuture<PurgeResult> purge(const PurgeRequest& request);
    QFuture<FsckReport> fsck(const FsckRequest& request);
    // `out` / `in` must stay alive and untouched until the future finishes: it is used from a
    // worker thread.
    QFuture<qint64> exportCsv(const ExportRequest& request, QIODevice* out);
    QFuture<ImportResult> importCsv(const ImportRequest& request, QIODevice* in);

    QThreadPool* threadPool() { return &m_pool; }

private:
    std::shared_ptr<CatalogBackend> m_backend;
    QThreadPool m_pool;
};

} // namespace kv
