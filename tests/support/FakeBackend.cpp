#include "FakeBackend.h"

#include <QDeadlineTimer>
#include <QMutexLocker>
#include <QTest>

namespace kvtest {

using namespace kv;

FakeBackend::FakeBackend(std::shared_ptr<CatalogBackend> data)
    : m_data(std::move(data))
{
}

FakeBackend::~FakeBackend()
{
    hold(false);
    releaseAll();
}

QString FakeBackend::location() const
{
    return m_data->location();
}

void FakeBackend::hold(bool on)
{
    QMutexLocker lock(&m_mutex);
    m_holding = on;
}

void FakeBackend::releaseAll()
{
    QMutexLocker lock(&m_mutex);
    for (const Ticket& t : std::as_const(m_waiting))
        m_released << t.id;
    m_waiting.clear();
    m_changed.wakeAll();
}

QStringList FakeBackend::held() const
{
    QMutexLocker lock(&m_mutex);
    QStringList calls;
    for (const Ticket& t : m_waiting)
        calls << t.call;
    return calls;
}

bool FakeBackend::waitHeld(int count, int timeoutMs) const
{
    return QTest::qWaitFor([&] { return held().size() >= count; }, timeoutMs);
}

bool FakeBackend::release(const QString& call)
{
    QMutexLocker lock(&m_mutex);
    for (qsizetype i = 0; i < m_waiting.size(); ++i) {
        if (m_waiting.at(i).call == call) {
            m_released << m_waiting.takeAt(i).id;
            m_changed.wakeAll();
            return true;
        }
    }
    return false;
}

void FakeBackend::failNext(const QString& call, const CatalogError& error)
{
    QMutexLocker lock(&m_mutex);
    m_failures.append({call, error});
}

int FakeBackend::finishedCalls() const
{
    QMutexLocker lock(&m_mutex);
    return m_finished;
}

void FakeBackend::enter(const QString& call)
{
    QMutexLocker lock(&m_mutex);
    if (m_holding) {
        const int id = m_nextTicket++;
        m_waiting.append({id, call});
        while (!m_released.contains(id))
            m_changed.wait(&m_mutex);
        m_released.removeOne(id);
    }
    for (qsizetype i = 0; i < m_failures.size(); ++i) {
        if (m_failures.at(i).first == call) {
            const CatalogError error = m_failures.takeAt(i).second;
            ++m_finished;
            throw error;
        }
    }
}

void FakeBackend::leave()
{
    QMutexLocker lock(&m_mutex);
    ++m_finished;
}

template<typename Work> auto FakeBackend::pass(const QString& call, Work work) -> decltype(work())
{
    enter(call);
    struct Leave
    {
        FakeBackend* self;
        ~Leave() { self->leave(); }
    } leaving{this};
    return work();
}

QList<NamespaceInfo> FakeBackend::doListNamespaces(const QString& prefix)
{
    return pass(QStringLiteral("listNamespaces"), [&] { return m_data->listNamespaces(prefix); });
}

NamespaceInfo FakeBackend::doCreateNamespace(const QString& ns, const QString& description)
{
    return pass(QStringLiteral("createNamespace ") + ns,
                [&] { return m_data->createNamespace(ns, description); });
}

void FakeBackend::doDeleteNamespace(const QString& ns, bool force)
{
    pass(QStringLiteral("deleteNamespace ") + ns, [&] { m_data->deleteNamespace(ns, force); });
}

NamespaceStats FakeBackend::doNamespaceStats(const QString& ns)
{
    return pass(QStringLiteral("namespaceStats ") + ns, [&] { return m_data->namespaceStats(ns); });
}

KvEntry FakeBackend::doSet(const SetRequest& request)
{
    return pass(QStringLiteral("set ") + request.ns, [&] { return m_data->set(request); });
}

KvEntry FakeBackend::doGet(const QString& ns, const QString& key)
{
    return pass(QStringLiteral("get ") + ns, [&] { return m_data->get(ns, key); });
}

KvPage FakeBackend::doList(const ListQuery& query)
{
    const bool countOnly = query.withTotal && query.limit == 0;
    return pass((countOnly ? QStringLiteral("count ") : QStringLiteral("list ")) + query.ns,
                [&] { return m_data->list(query); });
}

DeleteResult FakeBackend::doRemove(const QString& ns, const QStringList& keys, bool errorOnMissing)
{
    return pass(QStringLiteral("remove ") + ns,
                [&] { return m_data->remove(ns, keys, errorOnMissing); });
}

QStringList FakeBackend::doExpire(const ExpireRequest& request)
{
    return pass(QStringLiteral("expire ") + request.ns, [&] { return m_data->expire(request); });
}

QList<KvRevision> FakeBackend::doHistory(const QString& ns, const QString& key)
{
    return pass(QStringLiteral("history ") + ns, [&] { return m_data->history(ns, key); });
}

KvEntry FakeBackend::doRestore(const QString& ns, const QString& key, qint64 revision)
{
    return pass(QStringLiteral("restore ") + ns,
                [&] { return m_data->restore(ns, key, revision); });
}

PurgeResult FakeBackend::doPurge(const PurgeRequest& request, const ProgressCallback& progress)
{
    return pass(QStringLiteral("purge"), [&] { return m_data->purge(request, progress); });
}

FsckReport FakeBackend::doFsck(const FsckRequest& request)
{
    return pass(QStringLiteral("fsck"), [&] { return m_data->fsck(request); });
}

qint64 FakeBackend::doExportCsv(const ExportRequest& request, QIODevice* out,
                                const ProgressCallback& progress)
{
    return pass(QStringLiteral("exportCsv ") + request.ns,
                [&] { return m_data->exportCsv(request, out, progress); });
}

ImportResult FakeBackend::doImportCsv(const ImportRequest& request, QIODevice* in,
                                      const ProgressCallback& progress)
{
    return pass(QStringLiteral("importCsv ") + request.ns,
                [&] { return m_data->importCsv(request, in, progress); });
}

int FakeBackend::doHistoryDepth()
{
    return pass(QStringLiteral("historyDepth"), [&] { return m_data->historyDepth(); });
}

void FakeBackend::doSetHistoryDepth(int depth)
{
    pass(QStringLiteral("setHistoryDepth"), [&] { m_data->setHistoryDepth(depth); });
}

qint64 FakeBackend::doMaxValueBytes()
{
    return pass(QStringLiteral("maxValueBytes"), [&] { return m_data->maxValueBytes(); });
}

void FakeBackend::doSetMaxValueBytes(qint64 bytes)
{
    pass(QStringLiteral("setMaxValueBytes"), [&] { m_data->setMaxValueBytes(bytes); });
}

std::optional<int> FakeBackend::doSchemaVersion()
{
    return pass(QStringLiteral("schemaVersion"), [&] { return m_data->schemaVersion(); });
}

} // namespace kvtest
