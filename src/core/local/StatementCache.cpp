#include "local/StatementCache.h"

#include "local/Registry.h"

#include <memory>
#include <QHash>
#include <QMutex>
#include <QSqlError>

namespace kv {

struct StatementCache::Entry
{
    QSqlQuery query;
    bool inUse = false;
};

namespace {

using Cached = StatementCache::Entry;

// Connection name -> SQL -> statement. A connection is used by one thread only, so the lock
// guards the maps, not the statements; entries are pointers so they stay put while maps grow.
QMutex cacheMutex;
QHash<QString, QHash<QString, std::shared_ptr<Cached>>> cache;

} // namespace

void StatementCache::track(const QString& connectionName)
{
    QMutexLocker lock(&cacheMutex);
    cache.insert(connectionName, {});
}

void StatementCache::forget(const QString& connectionName)
{
    QHash<QString, std::shared_ptr<Cached>> statements;
    {
        QMutexLocker lock(&cacheMutex);
        statements = cache.take(connectionName);
    }
    // Destroyed outside the lock: finalising statements needs no cache.
}

void StatementCache::run(QSqlDatabase& db, const QString& sql)
{
    // PostgreSQL cannot PREPARE transaction control, whether the connection is tracked or not.
    bool tracked = false;
    if (db.driverName() == QLatin1String("QSQLITE")) {
        QMutexLocker lock(&cacheMutex);
        tracked = cache.contains(db.connectionName());
    }
    if (tracked) {
        Statement statement(db, sql);
        statement.exec();
    } else {
        QSqlQuery query(db);
        Registry::exec(query, sql);
    }
}

StatementCache::Statement::Statement(QSqlDatabase& db, const QString& sql)
{
    std::shared_ptr<Cached> entry;
    bool fresh = false;
    {
        QMutexLocker lock(&cacheMutex);
        auto connection = cache.find(db.connectionName());
        if (connection != cache.end()) {
            std::shared_ptr<Cached>& slot = (*connection)[sql];
            if (!slot) {
                slot = std::make_shared<Cached>();
                fresh = true;
            }
            if (!slot->inUse)
                entry = slot;
        }
    }
    if (!entry) { // not a tracked connection, or this SQL is in use further up the stack
        m_own = QSqlQuery(db);
        m_own.setForwardOnly(true);
        Registry::prepare(m_own, sql);
        return;
    }
    if (fresh) {
        entry->query = QSqlQuery(db);
        entry->query.setForwardOnly(true);
        if (!entry->query.prepare(sql)) {
            const CatalogError error = Registry::error(entry->query.lastError(), sql.left(60));
            QMutexLocker lock(&cacheMutex);
            if (auto connection = cache.find(db.connectionName()); connection != cache.end())
                connection->remove(sql);
            throw error;
        }
    }
    entry->inUse = true;
    m_query = &entry->query;
    m_entry = std::move(entry);
}

StatementCache::Statement::~Statement()
{
    m_query->finish();
    if (m_entry)
        m_entry->inUse = false;
}

void StatementCache::Statement::exec()
{
    Registry::exec(*m_query);
}

} // namespace kv
