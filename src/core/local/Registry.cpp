#include "local/Registry.h"

#include "domain/CatalogError.h"
#include "local/RegistrySchema.h"

#include <atomic>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace kv {

namespace {

const QString selectEntry =
    QStringLiteral("SELECT %1 FROM kv WHERE namespace = :ns AND key = :key");

void bindRow(QSqlQuery& q, const StoredEntry& row)
{
    const KvEntry& e = row.entry;
    q.bindValue(QStringLiteral(":ns"), e.ns);
    q.bindValue(QStringLiteral(":key"), e.key);
    q.bindValue(QStringLiteral(":revision"), e.revision);
    q.bindValue(QStringLiteral(":type"), int(e.type));
    q.bindValue(QStringLiteral(":description"), Registry::text(e.description));
    q.bindValue(QStringLiteral(":size"), e.size);
    q.bindValue(QStringLiteral(":checksum"), Registry::checksumColumn(e.checksum));
    q.bindValue(QStringLiteral(":created"), e.createdAtMs);
    q.bindValue(QStringLiteral(":updated"), e.updatedAtMs);
    q.bindValue(QStringLiteral(":expires"), Registry::fromExpiry(e.expiresAtMs));
    q.bindValue(QStringLiteral(":value"), row.valueId);
}

// A connection belongs to the thread that opened it (Qt refuses to hand it to another). Naming
// it after a serial number given to each thread, never reused, keeps a later thread from ever
// finding a finished thread's connection. ~Registry removes them all; nothing is removed at
// thread exit, which would race with QtSql's own teardown when the process exits.
std::atomic<quint64> threadSerials{0};
thread_local const quint64 threadSerial = ++threadSerials;

void bindPair(QSqlQuery& q, const QString& ns, const QString& key)
{
    q.bindValue(QStringLiteral(":ns"), ns);
    q.bindValue(QStringLiteral(":key"), key);
}

} // namespace

Registry::Registry(QString sqliteFile, bool readOnly)
    : m_file(std::move(sqliteFile))
    , m_readOnly(readOnly)
    , m_connectionPrefix(
          QStringLiteral("kvdesk-%1-").arg(QUuid::createUuid().toString(QUuid::Id128)))
{
    QSqlDatabase first = db(); // opens, migrates and checks the schema now
    RegistrySchema::migrate(first, m_dialect, m_readOnly);
}

Registry::~Registry()
{
    // The catalog's worker threads are idle by now: their connections can be closed from here.
    QMutexLocker lock(&m_mutex);
    for (const QString& name : std::as_const(m_connections))
        QSqlDatabase::removeDatabase(name);
}

QSqlDatabase Registry::db()
{
    const QString name = m_connectionPrefix + QString::number(threadSerial);
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);

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
            QStringLiteral("cannot open the registry '%1': %2").arg(m_file, err.text()));
    }
    {
        QMutexLocker lock(&m_mutex);
        m_connections << name;
    }
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
    QSqlQuery q(db);
    exec(q, write ? dialect.beginWrite() : QStringLiteral("BEGIN"));
}

Registry::Transaction::~Transaction()
{
    if (m_open) {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("ROLLBACK"));
    }
}

void Registry::Transaction::commit()
{
    QSqlQuery q(m_db);
    exec(q, QStringLiteral("COMMIT"));
    m_open = false;
}

CatalogError Registry::error(const QSqlError& sqlError, const QString& context)
{
    const QString text = sqlError.text();
    // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another writer held the lock past the timeout.
    if (sqlError.nativeErrorCode() == QLatin1String("5") ||
        sqlError.nativeErrorCode() == QLatin1String("6") ||
        text.contains(QLatin1String("database is locked")))
        return CatalogError::unavailable(
            QStringLiteral("the catalog is busy: another program kept it locked for too long (%1)")
                .arg(text));
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

QString Registry::entryColumns()
{
    return QStringLiteral("namespace, key, revision, type, description, size, checksum, "
                          "created_at, updated_at, expires_at, value_id");
}

StoredEntry Registry::readEntry(const QSqlQuery& q, int first)
{
    StoredEntry row;
    KvEntry& e = row.entry;
    e.ns = q.value(first).toString();
    e.key = q.value(first + 1).toString();
    e.revision = q.value(first + 2).toLongLong();
    e.type = ValueType(q.value(first + 3).toInt());
    e.description = q.value(first + 4).toString();
    e.size = q.value(first + 5).toLongLong();
    e.checksum = checksumText(q.value(first + 6).toString());
    e.createdAtMs = q.value(first + 7).toLongLong();
    e.updatedAtMs = q.value(first + 8).toLongLong();
    e.expiresAtMs = toExpiry(q.value(first + 9).toLongLong());
    row.valueId = q.value(first + 10).toString();
    return row;
}

std::optional<StoredEntry> Registry::findEntry(QSqlDatabase& db, const QString& ns,
                                               const QString& key)
{
    QSqlQuery q(db);
    prepare(q, selectEntry.arg(entryColumns()));
    bindPair(q, ns, key);
    exec(q);
    if (!q.next())
        return std::nullopt;
    return readEntry(q);
}

QList<StoredEntry> Registry::findEntries(QSqlDatabase& db, const QString& ns,
                                         const QStringList& keys)
{
    constexpr qsizetype chunk = 500; // well below SQLite's limit of bound parameters
    QHash<QString, StoredEntry> byKey;
    for (qsizetype start = 0; start < keys.size(); start += chunk) {
        const QStringList part = keys.mid(start, chunk);
        QStringList marks;
        for (qsizetype i = 0; i < part.size(); ++i)
            marks << QStringLiteral(":k%1").arg(i);
        QSqlQuery q(db);
        q.setForwardOnly(true);
        prepare(q, QStringLiteral("SELECT %1 FROM kv WHERE namespace = :ns AND key IN (%2)")
                       .arg(entryColumns(), marks.join(QLatin1Char(','))));
        q.bindValue(QStringLiteral(":ns"), ns);
        for (qsizetype i = 0; i < part.size(); ++i)
            q.bindValue(marks.at(i), part.at(i));
        exec(q);
        while (q.next()) {
            StoredEntry row = readEntry(q);
            byKey.insert(row.entry.key, std::move(row));
        }
    }
    QList<StoredEntry> rows;
    rows.reserve(keys.size());
    for (const QString& key : keys) {
        if (auto it = byKey.find(key); it != byKey.end())
            rows << std::move(*it);
    }
    return rows;
}

void Registry::insertEntry(QSqlDatabase& db, const StoredEntry& row)
{
    QSqlQuery q(db);
    prepare(q,
            QStringLiteral("INSERT INTO kv (%1) VALUES (:ns, :key, :revision, :type, :description, "
                           ":size, :checksum, :created, :updated, :expires, :value)")
                .arg(entryColumns()));
    bindRow(q, row);
    exec(q);
}

void Registry::updateEntry(QSqlDatabase& db, const StoredEntry& row)
{
    QSqlQuery q(db);
    prepare(q,
            QStringLiteral(
                "UPDATE kv SET revision = :revision, type = :type, description = :description, "
                "size = :size, checksum = :checksum, created_at = :created, updated_at = :updated, "
                "expires_at = :expires, value_id = :value WHERE namespace = :ns AND key = :key"));
    bindRow(q, row);
    exec(q);
}

void Registry::copyToHistory(QSqlDatabase& db, const QString& ns, const QString& key)
{
    QSqlQuery q(db);
    prepare(q, QStringLiteral("INSERT INTO kv_history (%1) SELECT %1 FROM kv "
                              "WHERE namespace = :ns AND key = :key")
                   .arg(entryColumns()));
    bindPair(q, ns, key);
    exec(q);
}

QStringList Registry::trimHistory(QSqlDatabase& db, const QString& ns, const QString& key,
                                  int depth)
{
    QSqlQuery q(db);
    prepare(q, QStringLiteral("SELECT revision, value_id FROM kv_history WHERE namespace = :ns "
                              "AND key = :key ORDER BY revision DESC"));
    bindPair(q, ns, key);
    exec(q);
    QStringList removed;
    qint64 keepFrom = -1;
    for (int seen = 0; q.next(); ++seen) {
        if (seen < depth) {
            keepFrom = q.value(0).toLongLong();
            continue;
        }
        removed << q.value(1).toString();
    }
    if (removed.isEmpty())
        return removed;
    QSqlQuery del(db);
    prepare(del, QStringLiteral("DELETE FROM kv_history WHERE namespace = :ns AND key = :key "
                                "AND revision < :keep"));
    bindPair(del, ns, key);
    del.bindValue(QStringLiteral(":keep"),
                  depth == 0 ? std::numeric_limits<qint64>::max() : keepFrom);
    exec(del);
    return removed;
}

QStringList Registry::deletePair(QSqlDatabase& db, const QString& ns, const QString& key)
{
    QStringList ids;
    QSqlQuery q(db);
    prepare(q, QStringLiteral("SELECT value_id FROM kv WHERE namespace = :ns AND key = :key "
                              "UNION ALL SELECT value_id FROM kv_history WHERE namespace = :ns2 "
                              "AND key = :key2"));
    bindPair(q, ns, key);
    q.bindValue(QStringLiteral(":ns2"), ns);
    q.bindValue(QStringLiteral(":key2"), key);
    exec(q);
    while (q.next())
        ids << q.value(0).toString();
    for (const QString& table : {QStringLiteral("kv"), QStringLiteral("kv_history")}) {
        QSqlQuery del(db);
        prepare(del,
                QStringLiteral("DELETE FROM %1 WHERE namespace = :ns AND key = :key").arg(table));
        bindPair(del, ns, key);
        exec(del);
    }
    return ids;
}

Registry::PairRemover::PairRemover(QSqlDatabase& db)
    : m_deleteCurrent(db)
    , m_selectHistory(db)
    , m_deleteHistory(db)
{
    // Positional parameters: these run once per pair of a bulk operation.
    prepare(m_deleteCurrent,
            QStringLiteral("DELETE FROM kv WHERE namespace = ? AND key = ? AND value_id = ?"));
    prepare(m_selectHistory,
            QStringLiteral("SELECT value_id FROM kv_history WHERE namespace = ? AND key = ?"));
    prepare(m_deleteHistory,
            QStringLiteral("DELETE FROM kv_history WHERE namespace = ? AND key = ?"));
}

bool Registry::PairRemover::removeIfCurrent(const QString& ns, const QString& key,
                                            const QString& valueId, QStringList& obsolete)
{
    m_deleteCurrent.bindValue(0, ns);
    m_deleteCurrent.bindValue(1, key);
    m_deleteCurrent.bindValue(2, valueId);
    exec(m_deleteCurrent);
    if (m_deleteCurrent.numRowsAffected() <= 0)
        return false;
    obsolete << valueId;
    m_selectHistory.bindValue(0, ns);
    m_selectHistory.bindValue(1, key);
    exec(m_selectHistory);
    bool hasHistory = false;
    while (m_selectHistory.next()) {
        obsolete << m_selectHistory.value(0).toString();
        hasHistory = true;
    }
    m_selectHistory.finish();
    if (hasHistory) {
        m_deleteHistory.bindValue(0, ns);
        m_deleteHistory.bindValue(1, key);
        exec(m_deleteHistory);
    }
    return true;
}

QList<StoredEntry> Registry::historyRows(QSqlDatabase& db, const QString& ns, const QString& key)
{
    QSqlQuery q(db);
    prepare(q, QStringLiteral("SELECT %1 FROM kv_history WHERE namespace = :ns AND key = :key "
                              "ORDER BY revision DESC")
                   .arg(entryColumns()));
    bindPair(q, ns, key);
    exec(q);
    QList<StoredEntry> rows;
    while (q.next())
        rows << readEntry(q);
    return rows;
}

QString Registry::metaValue(QSqlDatabase& db, const QString& name)
{
    QSqlQuery q(db);
    prepare(q, QStringLiteral("SELECT value FROM meta WHERE name = :name"));
    q.bindValue(QStringLiteral(":name"), name);
    exec(q);
    return q.next() ? q.value(0).toString() : QString();
}

void Registry::setMetaValue(QSqlDatabase& db, const QString& name, const QString& value)
{
    QSqlQuery q(db);
    prepare(q, QStringLiteral("INSERT INTO meta (name, value) VALUES (:name, :value) "
                              "ON CONFLICT (name) DO UPDATE SET value = excluded.value"));
    q.bindValue(QStringLiteral(":name"), name);
    q.bindValue(QStringLiteral(":value"), value);
    exec(q);
}

} // namespace kv
