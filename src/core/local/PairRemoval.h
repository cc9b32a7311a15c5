#pragma once

#include "local/Registry.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QStringList>

namespace kv {

// Removes many pairs with one statement per table and batch (delete of many keys, purge): the
// batch goes in as one JSON parameter, since binding values one by one costs more than the
// delete. Each method runs inside the caller's transaction.
class PairRemoval
{
public:
    static constexpr int batchKeys = 5000;

    PairRemoval(QSqlDatabase db, const SqlDialect& dialect)
        : m_db(std::move(db))
        , m_dialect(dialect)
    {
    }

    struct Removed
    {
        QString key;
        qint64 expiresAtMs = 0;
    };
    // Removes the current rows of `keys` (at most batchKeys, each once) in `ns` and the history
    // of those that had one. Appends the value ids of their external values to `files`.
    QList<Removed> removeKeys(const QString& ns, const QStringList& keys, QStringList& files);
    // Removes the history of the pairs in `pairs`, a JSON array of [namespace, key]. Appends
    // the value ids of its external values to `files`.
    void removeHistory(const QByteArray& pairs, QStringList& files);

    // A JSON array of [namespace, key] pairs, built one pair at a time.
    class PairList
    {
    public:
        void add(const QString& ns, const QString& key);
        bool isEmpty() const { return m_count == 0; }
        QByteArray json() const { return m_text + ']'; }

    private:
        QByteArray m_text = "[";
        int m_count = 0;
    };

private:
    QSqlDatabase m_db;
    const SqlDialect& m_dialect;
};

} // namespace kv
