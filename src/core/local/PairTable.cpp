#include "local/PairTable.h"

#include "local/PairCounts.h"
#include "local/PairRow.h"
#include "local/StatementCache.h"

#include <limits>
#include <QHash>

namespace kv {

namespace {

const QString selectEntry =
    QStringLiteral("SELECT %1 FROM kv WHERE namespace = :ns AND key = :key");

// Every column of the row but created_at and expires_at, which an update may leave alone.
void bindRevision(QSqlQuery& q, const StoredEntry& row)
{
    const KvEntry& e = row.entry;
    q.bindValue(QStringLiteral(":ns"), e.ns);
    q.bindValue(QStringLiteral(":key"), e.key);
    q.bindValue(QStringLiteral(":revision"), e.revision);
    q.bindValue(QStringLiteral(":type"), int(e.type));
    q.bindValue(QStringLiteral(":description"), PairRow::text(e.description));
    q.bindValue(QStringLiteral(":size"), e.size);
    q.bindValue(QStringLiteral(":checksum"), PairRow::checksumColumn(e.checksum));
    q.bindValue(QStringLiteral(":updated"), e.updatedAtMs);
    q.bindValue(QStringLiteral(":value"), PairRow::text(row.valueId)); // '' for an inline value
    q.bindValue(QStringLiteral(":blob"), PairRow::valueParameter(row));
}

void bindExpiry(QSqlQuery& q, const StoredEntry& row)
{
    q.bindValue(QStringLiteral(":expires"), PairRow::fromExpiry(row.entry.expiresAtMs));
}

void bindPair(QSqlQuery& q, const QString& ns, const QString& key)
{
    q.bindValue(QStringLiteral(":ns"), ns);
    q.bindValue(QStringLiteral(":key"), key);
}

} // namespace

std::optional<StoredEntry> PairTable::findEntry(const QString& ns, const QString& key, Value value)
{
    const bool withValue = value == Value::Read;
    static const QString withoutValueSql = selectEntry.arg(PairRow::columns());
    static const QString withValueSql = selectEntry.arg(PairRow::columnsWithValue());
    StatementCache::Statement select(m_db, withValue ? withValueSql : withoutValueSql);
    QSqlQuery& q = select.query();
    bindPair(q, ns, key);
    select.exec();
    if (!q.next())
        return std::nullopt;
    return withValue ? PairRow::readWithValue(q) : PairRow::read(q);
}

QList<StoredEntry> PairTable::findEntries(const QString& ns, const QStringList& keys, Value value)
{
    constexpr qsizetype chunk = 500; // well below SQLite's limit of bound parameters
    QHash<QString, StoredEntry> byKey;
    for (qsizetype start = 0; start < keys.size(); start += chunk) {
        const QStringList part = keys.mid(start, chunk);
        QStringList marks;
        for (qsizetype i = 0; i < part.size(); ++i)
            marks << QStringLiteral(":k%1").arg(i);
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        Registry::prepare(
            q, QStringLiteral("SELECT %1 FROM kv WHERE namespace = :ns AND key IN (%2)")
                   .arg(value == Value::Read ? PairRow::columnsWithValue() : PairRow::columns(),
                        marks.join(QLatin1Char(','))));
        q.bindValue(QStringLiteral(":ns"), ns);
        for (qsizetype i = 0; i < part.size(); ++i)
            q.bindValue(marks.at(i), part.at(i));
        Registry::exec(q);
        while (q.next()) {
            StoredEntry row = value == Value::Read ? PairRow::readWithValue(q) : PairRow::read(q);
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

void PairTable::insertEntry(const StoredEntry& row)
{
    StatementCache::Statement insert(
        m_db,
        QStringLiteral("INSERT INTO kv (%1) VALUES (:ns, :key, :revision, :type, :description, "
                       ":size, :checksum, :created, :updated, :expires, :value, :blob)")
            .arg(PairRow::columnsWithValue()));
    bindRevision(insert.query(), row);
    insert->bindValue(QStringLiteral(":created"), row.entry.createdAtMs);
    bindExpiry(insert.query(), row);
    insert.exec();
    PairCounts(m_db).add(row.entry.ns, 1);
}

void PairTable::updateEntry(const StoredEntry& row, bool expiryChanged)
{
    static const QString update = QStringLiteral(
        "UPDATE kv SET revision = :revision, type = :type, description = :description, size = "
        ":size, checksum = :checksum, updated_at = :updated, value_id = :value, value = :blob%1 "
        "WHERE namespace = :ns AND key = :key");
    static const QString keepExpiry = update.arg(QString());
    static const QString newExpiry = update.arg(QStringLiteral(", expires_at = :expires"));
    StatementCache::Statement statement(m_db, expiryChanged ? newExpiry : keepExpiry);
    bindRevision(statement.query(), row);
    if (expiryChanged)
        bindExpiry(statement.query(), row);
    statement.exec();
}

void PairTable::copyToHistory(const QString& ns, const QString& key)
{
    StatementCache::Statement copy(m_db,
                                   QStringLiteral("INSERT INTO kv_history (%1) SELECT %1 FROM kv "
                                                  "WHERE namespace = :ns AND key = :key")
                                       .arg(PairRow::columnsWithValue()));
    bindPair(copy.query(), ns, key);
    copy.exec();
}

QStringList PairTable::trimHistory(const QString& ns, const QString& key, int depth)
{
    StatementCache::Statement select(
        m_db, QStringLiteral("SELECT revision, value_id FROM kv_history WHERE namespace = :ns "
                             "AND key = :key ORDER BY revision DESC"));
    QSqlQuery& q = select.query();
    bindPair(q, ns, key);
    select.exec();
    QStringList removed;
    bool inlineToTrim = false; // a row to remove that has no file to report
    qint64 keepFrom = -1;
    for (int seen = 0; q.next(); ++seen) {
        if (seen < depth) {
            keepFrom = q.value(0).toLongLong();
            continue;
        }
        if (const QString id = q.value(1).toString(); !id.isEmpty())
            removed << id; // an inline value goes with its row
        else
            inlineToTrim = true;
    }
    if (removed.isEmpty() && !inlineToTrim)
        return removed;
    StatementCache::Statement del(
        m_db, QStringLiteral("DELETE FROM kv_history WHERE namespace = :ns AND key = :key "
                             "AND revision < :keep"));
    bindPair(del.query(), ns, key);
    del->bindValue(QStringLiteral(":keep"),
                   depth == 0 ? std::numeric_limits<qint64>::max() : keepFrom);
    del.exec();
    return removed;
}

QStringList PairTable::deletePair(const QString& ns, const QString& key)
{
    QStringList ids;
    QSqlQuery q(m_db);
    Registry::prepare(
        q, QStringLiteral("SELECT value_id FROM kv WHERE namespace = :ns AND key = :key "
                          "UNION ALL SELECT value_id FROM kv_history WHERE namespace = :ns2 "
                          "AND key = :key2"));
    bindPair(q, ns, key);
    q.bindValue(QStringLiteral(":ns2"), ns);
    q.bindValue(QStringLiteral(":key2"), key);
    Registry::exec(q);
    while (q.next()) {
        if (const QString id = q.value(0).toString(); !id.isEmpty())
            ids << id;
    }
    for (const QString& table : {QStringLiteral("kv"), QStringLiteral("kv_history")}) {
        QSqlQuery del(m_db);
        Registry::prepare(
            del, QStringLiteral("DELETE FROM %1 WHERE namespace = :ns AND key = :key").arg(table));
        bindPair(del, ns, key);
        Registry::exec(del);
        if (table == QLatin1String("kv"))
            PairCounts(m_db).add(ns, -del.numRowsAffected());
    }
    return ids;
}

PairTable::Remover::Remover(QSqlDatabase& db)
    : m_db(db)
    , m_deleteUnchanged(db)
    , m_selectHistory(db)
    , m_deleteHistory(db)
{
    // Positional parameters: these run once per pair of a bulk operation.
    Registry::prepare(m_deleteUnchanged,
                      QStringLiteral("DELETE FROM kv WHERE namespace = ? AND key = ? AND "
                                     "value_id = ? AND checksum = ?"));
    Registry::prepare(
        m_selectHistory,
        QStringLiteral("SELECT value_id FROM kv_history WHERE namespace = ? AND key = ?"));
    Registry::prepare(m_deleteHistory,
                      QStringLiteral("DELETE FROM kv_history WHERE namespace = ? AND key = ?"));
}

bool PairTable::Remover::removeIfUnchanged(const QString& ns, const QString& key,
                                           const QString& valueId, const QString& checksum,
                                           QStringList& obsolete)
{
    m_deleteUnchanged.bindValue(0, ns);
    m_deleteUnchanged.bindValue(1, key);
    m_deleteUnchanged.bindValue(2, PairRow::text(valueId));
    m_deleteUnchanged.bindValue(3, checksum);
    Registry::exec(m_deleteUnchanged);
    if (m_deleteUnchanged.numRowsAffected() <= 0)
        return false;
    PairCounts(m_db).add(ns, -1);
    return removeHistoryOf(ns, key, valueId, obsolete);
}

// After the current row was removed: its history goes too. Only value files are reported.
bool PairTable::Remover::removeHistoryOf(const QString& ns, const QString& key,
                                         const QString& valueId, QStringList& obsolete)
{
    if (!valueId.isEmpty())
        obsolete << valueId;
    m_selectHistory.bindValue(0, ns);
    m_selectHistory.bindValue(1, key);
    Registry::exec(m_selectHistory);
    bool hasHistory = false;
    while (m_selectHistory.next()) {
        if (const QString id = m_selectHistory.value(0).toString(); !id.isEmpty())
            obsolete << id;
        hasHistory = true;
    }
    m_selectHistory.finish();
    if (hasHistory) {
        m_deleteHistory.bindValue(0, ns);
        m_deleteHistory.bindValue(1, key);
        Registry::exec(m_deleteHistory);
    }
    return true;
}

QList<StoredEntry> PairTable::historyRows(const QString& ns, const QString& key, Value value)
{
    const bool withValue = value == Value::Read;
    QSqlQuery q(m_db);
    Registry::prepare(
        q, QStringLiteral("SELECT %1 FROM kv_history WHERE namespace = :ns AND key = :key "
                          "ORDER BY revision DESC")
               .arg(withValue ? PairRow::columnsWithValue() : PairRow::columns()));
    bindPair(q, ns, key);
    Registry::exec(q);
    QList<StoredEntry> rows;
    while (q.next())
        rows << (withValue ? PairRow::readWithValue(q) : PairRow::read(q));
    return rows;
}

PairTable::ExpirySetter::ExpirySetter(QSqlDatabase& db)
    : m_update(db)
{
    Registry::prepare(
        m_update, QStringLiteral("UPDATE kv SET expires_at = :expires, updated_at = :now "
                                 "WHERE namespace = :ns AND key = :key AND expires_at > :now2"));
}

bool PairTable::ExpirySetter::set(const QString& ns, const QString& key, qint64 expiresAtMs,
                                  qint64 nowMs)
{
    m_update.bindValue(QStringLiteral(":expires"), expiresAtMs);
    m_update.bindValue(QStringLiteral(":now"), nowMs);
    m_update.bindValue(QStringLiteral(":ns"), ns);
    m_update.bindValue(QStringLiteral(":key"), key);
    m_update.bindValue(QStringLiteral(":now2"), nowMs);
    Registry::exec(m_update);
    return m_update.numRowsAffected() > 0;
}

} // namespace kv
