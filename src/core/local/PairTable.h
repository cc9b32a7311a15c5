#pragma once

#include "local/PairRow.h"
#include "local/Registry.h"

#include <optional>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

namespace kv {

// The pair rows: kv (the current revision of each pair) and kv_history (older revisions), the
// row-level operations the catalog protocols are built from. Each method runs inside the
// caller's transaction; those that insert or delete kv rows keep kv_counts (PairCounts).
class PairTable
{
public:
    explicit PairTable(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    // Whether a query reads an inline value's bytes (the value column) with the row.
    enum class Value { Skip, Read };

    std::optional<StoredEntry> findEntry(const QString& ns, const QString& key,
                                         Value value = Value::Skip);
    // The rows of `keys` in the order given (keys without a row are left out).
    QList<StoredEntry> findEntries(const QString& ns, const QStringList& keys,
                                   Value value = Value::Skip);
    // Writes the row with its value column: the inline value, or NULL for a file.
    void insertEntry(const StoredEntry& row);
    // Makes `row` the current revision of its pair (same namespace and key): every column but
    // created_at, which a pair keeps; expires_at only when `expiryChanged`. SQLite rewrites the
    // entries of every index an UPDATE names a column of, whether its value changed or not, and
    // kv's indexes all hold expires_at: leaving it out when it stays cut the UPDATE to a third.
    void updateEntry(const StoredEntry& row, bool expiryChanged);
    // Copies the current row into the history table, its value column (and so its placement)
    // included.
    void copyToHistory(const QString& ns, const QString& key);
    // Removes history rows beyond `depth` older revisions; returns the ids of their value files
    // (inline values have none: nothing to unlink).
    QStringList trimHistory(const QString& ns, const QString& key, int depth);
    // Removes the current row and all history of a pair; returns the ids of their value files.
    QStringList deletePair(const QString& ns, const QString& key);
    // Older revisions, newest first.
    QList<StoredEntry> historyRows(const QString& ns, const QString& key,
                                   Value value = Value::Skip);

    // Removes many pairs with statements prepared once (purge, bulk delete, fsck).
    class Remover
    {
    public:
        explicit Remover(QSqlDatabase& db);
        // Removes the pair when its current row still points at `valueId` and still has
        // `checksum` (hex): a pair rewritten since it was selected stays (inline rows all have
        // the id '', so the id alone cannot tell). Appends the ids of the removed rows' value
        // files to `obsolete`.
        bool removeIfUnchanged(const QString& ns, const QString& key, const QString& valueId,
                               const QString& checksum, QStringList& obsolete);

    private:
        bool removeHistoryOf(const QString& ns, const QString& key, const QString& valueId,
                             QStringList& obsolete);
        QSqlDatabase m_db;
        QSqlQuery m_deleteUnchanged;
        QSqlQuery m_selectHistory;
        QSqlQuery m_deleteHistory;
    };

    // Sets the expiry of live pairs, with one statement prepared once (expire).
    class ExpirySetter
    {
    public:
        explicit ExpirySetter(QSqlDatabase& db);
        // False when the pair has no live row at `nowMs`.
        bool set(const QString& ns, const QString& key, qint64 expiresAtMs, qint64 nowMs);

    private:
        QSqlQuery m_update;
    };

private:
    QSqlDatabase m_db;
};

} // namespace kv
