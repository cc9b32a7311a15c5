#pragma once

#include "domain/CatalogBackend.h"
#include "domain/CatalogError.h"

#include <memory>
#include <optional>
#include <QList>
#include <QMutex>
#include <QStringList>
#include <QWaitCondition>

namespace kvtest {

// A CatalogBackend that a test controls, for GUI tests that must not guess how long a worker
// thread takes: while held, every call waits at a gate (on its worker thread) until the test
// releases it, so the test can look at the busy state in between and then wait for the result
// signal. A call can also be made to fail. The data comes from a real backend underneath.
//
// Calls are named "<operation> <namespace>", e.g. "list big", "get ns" ("listNamespaces" has no
// namespace); a list that only counts (limit 0, withTotal) is "count big".
class FakeBackend final : public kv::CatalogBackend
{
public:
    explicit FakeBackend(std::shared_ptr<kv::CatalogBackend> data);
    ~FakeBackend() override; // lets every waiting call go

    QString location() const override;

    // While on, every new call waits at the gate. Turning it off keeps the calls already waiting
    // there (release them one by one, or all with releaseAll()).
    void hold(bool on = true);
    void releaseAll();
    // The calls waiting at the gate, oldest first.
    QStringList held() const;
    // Waits, processing events, until `count` calls wait at the gate.
    bool waitHeld(int count, int timeoutMs = 10000) const;
    // Lets the oldest waiting call named `call` go on. False when none waits.
    bool release(const QString& call);
    // The next call named `call` throws `error` instead of reaching the data (after the gate).
    void failNext(const QString& call, const kv::CatalogError& error);
    // How many calls have returned or thrown.
    int finishedCalls() const;

protected:
    QList<kv::NamespaceInfo> doListNamespaces(const QString& prefix) override;
    kv::NamespaceInfo doCreateNamespace(const QString& ns, const QString& description) override;
    void doDeleteNamespace(const QString& ns, bool force) override;
    kv::NamespaceStats doNamespaceStats(const QString& ns) override;
    kv::KvEntry doSet(const kv::SetRequest& request) override;
    kv::KvEntry doGet(const QString& ns, const QString& key) override;
    kv::KvPage doList(const kv::ListQuery& query) override;
    kv::DeleteResult doRemove(const QString& ns, const QStringList& keys,
                              bool errorOnMissing) override;
    QStringList doExpire(const kv::ExpireRequest& request) override;
    QList<kv::KvRevision> doHistory(const QString& ns, const QString& key) override;
    kv::KvEntry doRestore(const QString& ns, const QString& key, qint64 revision) override;
    kv::PurgeResult doPurge(const kv::PurgeRequest& request,
                            const kv::ProgressCallback& progress) override;
    kv::FsckReport doFsck(const kv::FsckRequest& request) override;
    qint64 doExportCsv(const kv::ExportRequest& request, QIODevice* out,
                       const kv::ProgressCallback& progress) override;
    kv::ImportResult doImportCsv(const kv::ImportRequest& request, QIODevice* in,
                                 const kv::ProgressCallback& progress) override;
    int doHistoryDepth() override;
    void doSetHistoryDepth(int depth) override;
    qint64 doMaxValueBytes() override;
    void doSetMaxValueBytes(qint64 bytes) override;
    std::optional<int> doSchemaVersion() override;

private:
    struct Ticket
    {
        int id;
        QString call;
    };
    // Runs `work` after the gate; counts it as finished however it ends.
    template<typename Work> auto pass(const QString& call, Work work) -> decltype(work());
    void enter(const QString& call);
    void leave();

    std::shared_ptr<kv::CatalogBackend> m_data;
    mutable QMutex m_mutex;
    QWaitCondition m_changed;
    bool m_holding = false;
    int m_nextTicket = 0;
    QList<Ticket> m_waiting;
    QList<int> m_released;
    QList<std::pair<QString, kv::CatalogError>> m_failures;
    int m_finished = 0;
};

} // namespace kvtest
