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
// caller's transaction.
class PairTable
{
public:
    explicit PairTable(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    std::optional<StoredEntry> findEntry(const QString& ns, const QString& key);
    // The rows of `keys` in the order given (keys without a row are left out).
    QList<StoredEntry> findEntries(const QString& ns, const QStringList& keys);
    void insertEntry(const StoredEntry& row);
    // Replaces the current row (same namespace and key) with `row`.
    void updateEntry(const StoredEntry& row);
    // Copies the current row into the history table.
    void copyToHistory(const QString& ns, const QString& key);
    // Removes history rows beyond `depth` older revisions; returns their value ids.
    QStringList trimHistory(const QString& ns, const QString& key, int depth);
    // Removes the current row and all history of a pair; returns the value ids they used.
    QStringList deletePair(const QString& ns, const QString& key);
    QList<StoredEntry> historyRows(const QString& ns, const QString& key);

    // Removes many pairs with statements prepared once (purge, bulk delete, fsck).
    class Remover
    {
    public:
        explicit Remover(QSqlDatabase& db);
        // Removes the pair when its current row still points at `valueId` (a pair rewritten
        // since it was selected stays). Appends the value ids of the removed rows to `obsolete`.
        bool removeIfCurrent(const QString& ns, const QString& key, const QString& valueId,
                             QStringList& obsolete);

    private:
        QSqlQuery m_deleteCurrent;
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
