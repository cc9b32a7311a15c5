#include "local/Registry.h"

#include "domain/CatalogError.h"
#include "local/RegistrySchema.h"
#include "local/StatementCache.h"

#include <atomic>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace kv {

namespace {

// A connection belongs to the thread that opened it (Qt refuses to hand it to another). Naming
// it after a serial number given to each thread, never reused, keeps a later thread from ever
// finding a finished thread's connection. ~Registry removes them all; nothing is removed at
// thread exit, which would race with QtSql's own teardown when the process exits.
std::atomic<quint64> threadSerials{0};
thread_local const quint64 threadSerial = ++threadSerials;

} // namespace

Registry::Registry(QString sqliteFile, bool readOnly)
    : m_file(std::move(sqliteFile))
    , m_readOnly(readOnly)
    , m_connectionPrefix(
          QStringLiteral("kvdesk-%1-").arg(QUuid::createUuid().toString(QUuid::Id128)))
{
    openFirst();
}

Registry::Registry(PostgresDatabase database)
    : m_postgres(std::move(database))
    , m_connectionPrefix(
          QStringLiteral("kvdesk-%1-").arg(QUuid::createUuid().toString(QUuid::Id128)))
    , m_dialect(SqlDialect::Kind::Postgres)
{
    openFirst();
}

void Registry::openFirst()
{
    try {
        QSqlDatabase first = db(); // opens, migrates and checks the schema now
        RegistrySchema::migrate(first, m_dialect, m_readOnly);
    } catch (...) {
        closeConnections(); // no destructor runs for a constructor that throws
        throw;
    }
}

Registry::~Registry()
{
    closeConnections();
}

void Registry::closeConnections()
{
    // The catalog's worker threads are idle by now: their connections can be closed from here.
    QMutexLocker lock(&m_mutex);
    for (const QString& name : std::as_const(m_connections)) {
        StatementCache::forget(name);
        QSqlDatabase::removeDatabase(name);
    }
    m_connections.clear();
}

QSqlDatabase Registry::db()
{
    const QString name = m_connectionPrefix + QString::number(threadSerial);
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);
    QSqlDatabase conn =
        m_dialect.kind() == SqlDialect::Kind::Postgres ? openPostgres(name) : openSqlite(name);
    {
        QMutexLocker lock(&m_mutex);
        m_connections << name;
    }
    StatementCache::track(name);
    if (m_dialect.kind() == SqlDialect::Kind::Postgres)
        return conn;
    QSqlQuery q(conn);
    // WAL lets readers work while one writer commits; FULL makes every commit durable. The mode
    // is stored in the file: set only when it is not WAL yet (that takes a write lock).
    if (!m_readOnly) {
        exec(q, QStringLiteral("PRAGMA journal_mode"));
        if (!q.next() || q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive))
            exec(q, QStringLiteral("PRAGMA journal_mode=WAL"));
        q.finish();
    }
    exec(q, QStringLiteral("PRAGMA synchronous=FULL"));
    exec(q, QStringLiteral("PRAGMA temp_store=FILE"));
    exec(q, QStringLiteral("PRAGMA cache_size=-16000"));
    return conn;
}

QSqlDatabase Registry::openSqlite(const QString& name)
{
    QSqlDatabase conn = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    bool opened = false;
    if (m_readOnly) {
        // SQLite reads a WAL database read-only when its -shm and -wal files exist (a writer has
        // it open) or can be created. When neither holds, nobody has it open right now and
        // immutable=1 (no locks, no WAL) is the only way left to read it.
        opened = openReadOnly(conn, false) || openReadOnly(conn, true);
    } else {
        conn.setDatabaseName(m_file);
        conn.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=15000"));
        opened = conn.open();
    }
    if (!opened) {
        const QSqlError err = conn.lastError();
        conn = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw CatalogError::unavailable(
            QStringLiteral("cannot open the registry '%1': %2").arg(where(), err.text()));
    }
    return conn;
}

QSqlDatabase Registry::openPostgres(const QString& name)
{
    QSqlDatabase conn = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    conn.setHostName(m_postgres.host);
    conn.setPort(m_postgres.port);
    conn.setDatabaseName(m_postgres.database);
    if (!m_postgres.user.isEmpty())
        conn.setUserName(m_postgres.user);
    // No password here: libpq reads PGPASSWORD or ~/.pgpass itself.
    conn.setConnectOptions(QStringLiteral("connect_timeout=10;application_name=kvdesk"));
    if (!conn.open()) {
        const QString text = conn.lastError().text().trimmed();
        conn = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw CatalogError::unavailable(
            QStringLiteral("cannot open the registry '%1': %2").arg(where(), text));
    }
    return conn;
}

QString Registry::where() const
{
    return m_dialect.kind() == SqlDialect::Kind::Postgres ? m_postgres.display() : m_file;
}

bool Registry::openReadOnly(QSqlDatabase& conn, bool immutable)
{
    if (conn.isOpen())
        conn.close();
    conn.setDatabaseName(QUrl::fromLocalFile(m_file).toString(QUrl::FullyEncoded) +
                         (immutable ? QStringLiteral("?immutable=1") : QStringLiteral("?mode=ro")));
    conn.setConnectOptions(
        QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=15000"));
    if (!conn.open())
        return false;
    // SQLite opens lazily: the first read tells whether the WAL can be used.
    QSqlQuery probe(conn);
    if (probe.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master")))
        return true;
    probe.finish();
    probe = QSqlQuery();
    return false;
}

Registry::Transaction::Transaction(QSqlDatabase& db, const SqlDialect& dialect, bool write)
    : m_db(db)
{
    StatementCache::run(db, write ? dialect.beginWrite() : dialect.beginRead());
}

Registry::Transaction::~Transaction()
{
    if (m_open) {
        try {
            StatementCache::run(m_db, QStringLiteral("ROLLBACK"));
        } catch (const CatalogError&) {
            // Already rolled back (a failed COMMIT or a lost connection): nothing left to undo.
        }
    }
}

void Registry::Transaction::commit()
{
    StatementCache::run(m_db, QStringLiteral("COMMIT"));
    m_open = false;
}

CatalogError Registry::error(const QSqlError& sqlError, const QString& context)
{
    const QString text = sqlError.text();
    const QString code = sqlError.nativeErrorCode(); // SQLite: a result code; QPSQL: SQLSTATE
    // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another writer held the lock past the timeout.
    if (code == QLatin1String("5") || code == QLatin1String("6") ||
        text.contains(QLatin1String("database is locked")))
        return CatalogError::unavailable(
            QStringLiteral("the catalog is busy: another program kept it locked for too long (%1)")
                .arg(text));
    // PostgreSQL: 40001 serialization failure, 40P01 deadlock (another server's transaction won;
    // the write can be tried again), 55P03 lock not available.
    if (code == QLatin1String("40001") || code == QLatin1String("40P01") ||
        code == QLatin1String("55P03"))
        return CatalogError::unavailable(
            QStringLiteral("the catalog is busy: a concurrent write got in the way (%1)")
                .arg(text));
    // Class 08 (connection exception), 57P01-57P03 (server shutting down or starting), 53
    // (insufficient resources): the database, not the request, is the problem.
    if (code.startsWith(QLatin1String("08")) || code.startsWith(QLatin1String("57P")) ||
        code.startsWith(QLatin1String("53")))
        return CatalogError::unavailable(
            QStringLiteral("the registry's database is unavailable (%1)").arg(text));
    return CatalogError::internal(QStringLiteral("registry error in %1: %2").arg(context, text));
}

void Registry::exec(QSqlQuery& query, const QString& sql)
{
    if (!query.exec(sql))
        throw error(query.lastError(), sql.left(60));
}

void Registry::prepare(QSqlQuery& query, const QString& sql)
{
    if (!query.prepare(sql))
        throw error(query.lastError(), sql.left(60));
}

void Registry::exec(QSqlQuery& query)
{
    if (!query.exec())
        throw error(query.lastError(), query.lastQuery().left(60));
}

void Registry::truncateWal(QSqlDatabase& db)
{
    QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
}

} // namespace kv
