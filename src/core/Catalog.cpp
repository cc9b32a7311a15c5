#include "Catalog.h"

#include "domain/CatalogError.h"
#include "domain/Clock.h"
#include "local/LocalBackend.h"
#include "remote/RemoteBackend.h"

#include <QDir>
#include <QPromise>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>
#include <QUrl>

namespace kv {

namespace {

// Adapts a QPromise to the backends' ProgressCallback: publishes progress, reports cancellation.
template<typename T> ProgressCallback promiseProgress(QPromise<T>& promise)
{
    return [&promise](const Progress& p) {
        if (p.total > 0) {
            const int total = int(qMin<qint64>(p.total, std::numeric_limits<int>::max()));
            promise.setProgressRange(0, total);
            promise.setProgressValue(int(qMin<qint64>(p.done, total)));
        }
        return !promise.isCanceled();
    };
}

// "scheme://…" that is not http(s): refused before anything takes it for a folder name and
// creates it. One letter is a Windows drive ("C://x"), not a scheme.
void refuseUnknownScheme(const QString& location)
{
    static const QRegularExpression scheme(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*)://"));
    const QRegularExpressionMatch m = scheme.match(location);
    if (!m.hasMatch() || m.capturedLength(1) == 1)
        return;
    // The address as given, without a password it may carry.
    const QUrl url(location);
    const QString shown = url.isValid() ? url.toDisplayString(QUrl::RemovePassword)
                                        : m.captured(0) + QStringLiteral("…");
    const QString name = m.captured(1).toLower();
    if (name == QLatin1String("postgresql") || name == QLatin1String("postgres"))
        throw CatalogError::invalidInput(
            QStringLiteral("unsupported catalog address '%1': shared catalogs (PostgreSQL) are "
                           "not supported by this build yet; give a folder path or an http(s):// "
                           "address")
                .arg(shown));
    throw CatalogError::invalidInput(
        QStringLiteral("unsupported catalog address '%1': give a folder path or an http(s):// "
                       "address")
            .arg(shown));
}

} // namespace

Catalog::Catalog(std::shared_ptr<CatalogBackend> backend, QObject* parent)
    : QObject(parent)
    , m_backend(std::move(backend))
{
    // Threads keep their per-thread database connections and network managers (HttpClient), so
    // they never expire.
    m_pool.setExpiryTimeout(-1);
    m_pool.setMaxThreadCount(qMax(2, QThread::idealThreadCount()));
}

Catalog::~Catalog()
{
    m_pool.waitForDone();
}

std::unique_ptr<Catalog> Catalog::open(const QString& location, std::shared_ptr<const Clock> clock,
                                       QObject* parent, const ProgressCallback& upgradeProgress)
{
    if (!clock)
        clock = std::make_shared<SystemClock>();
    if (RemoteConnection::isRemoteLocation(location))
        return openRemote(RemoteConnection::fromLocation(location), parent);
    refuseUnknownScheme(location);
    return std::make_unique<Catalog>(
        std::make_shared<LocalBackend>(location, clock, upgradeProgress), parent);
}

std::unique_ptr<Catalog> Catalog::openRemote(const RemoteConnection& connection, QObject* parent)
{
    return std::make_unique<Catalog>(std::make_shared<RemoteBackend>(connection), parent);
}

QString Catalog::defaultLocation()
{
    const QString fromEnv = qEnvironmentVariable("KVDESK_CATALOG");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(data).filePath(QStringLiteral("kvdesk/catalog"));
}

QString Catalog::location() const
{
    return m_backend->location();
}

QFuture<QList<NamespaceInfo>> Catalog::listNamespaces(const QString& prefix)
{
    return QtConcurrent::run(&m_pool,
                             [b = m_backend, prefix] { return b->listNamespaces(prefix); });
}

QFuture<NamespaceInfo> Catalog::createNamespace(const QString& ns, const QString& description)
{
    return QtConcurrent::run(
        &m_pool, [b = m_backend, ns, description] { return b->createNamespace(ns, description); });
}

QFuture<void> Catalog::deleteNamespace(const QString& ns, bool force)
{
    return QtConcurrent::run(&m_pool,
                             [b = m_backend, ns, force] { b->deleteNamespace(ns, force); });
}

QFuture<NamespaceStats> Catalog::namespaceStats(const QString& ns)
{
    return QtConcurrent::run(&m_pool, [b = m_backend, ns] { return b->namespaceStats(ns); });
}

QFuture<KvEntry> Catalog::set(const SetRequest& request)
{
    return QtConcurrent::run(&m_pool, [b = m_backend, request] { return b->set(request); });
}

QFuture<KvEntry> Catalog::get(const QString& ns, const QString& key)
{
    return QtConcurrent::run(&m_pool, [b = m_backend, ns, key] { return b->get(ns, key); });
}

QFuture<KvPage> Catalog::list(const ListQuery& query)
{
    return QtConcurrent::run(&m_pool, [b = m_backend, query] { return b->list(query); });
}

QFuture<DeleteResult> Catalog::remove(const QString& ns, const QStringList& keys,
                                      bool errorOnMissing)
{
    return QtConcurrent::run(&m_pool, [b = m_backend, ns, keys, errorOnMissing] {
        return b->remove(ns, keys, errorOnMissing);
    });
}

QFuture<QStringList> Catalog::expire(const ExpireRequest& request)
{
    return QtConcurrent::run(&m_pool, [b = m_backend, request] { return b->expire(request); });
}

QFuture<QList<KvRevision>> Catalog::history(const QString& ns, const QString& key)
{
    return QtConcurrent::run(&m_pool, [b = m_backend, ns, key] { return b->history(ns, key); });
}

QFuture<KvEntry> Catalog::restore(const QString& ns, const QString& key, qint64 revision)
{
    return QtConcurrent::run(
        &m_pool, [b = m_backend, ns, key, revision] { return b->restore(ns, key, revision); });
}

QFuture<PurgeResult> Catalog::purge(const PurgeRequest& request)
{
    return QtConcurrent::run(&m_pool, [b = m_backend, request](QPromise<PurgeResult>& promise) {
        promise.addResult(b->purge(request, promiseProgress(promise)));
    });
}

QFuture<FsckReport> Catalog::fsck(const FsckRequest& request)
{
    return QtConcurrent::run(&m_pool, [b = m_backend, request] { return b->fsck(request); });
}

QFuture<qint64> Catalog::exportCsv(const ExportRequest& request, QIODevice* out)
{
    return QtConcurrent::run(&m_pool, [b = m_backend, request, out](QPromise<qint64>& promise) {
        promise.addResult(b->exportCsv(request, out, promiseProgress(promise)));
    });
}

QFuture<ImportResult> Catalog::importCsv(const ImportRequest& request, QIODevice* in)
{
    return QtConcurrent::run(
        &m_pool, [b = m_backend, request, in](QPromise<ImportResult>& promise) {
            promise.addResult(b->importCsv(request, in, promiseProgress(promise)));
        });
}

} // namespace kv
