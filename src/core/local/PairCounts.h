#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QString>

namespace kv {

// kv_counts (namespace, pairs): the rows of kv per namespace, expired rows included. Since
// schema 3 no trigger keeps it: every statement that inserts or deletes kv rows adds what it
// changed through this class, in the same transaction — once per statement, where the triggers
// of schema 2 ran an upsert per row (a bulk import or purge paid about a microsecond per pair).
class PairCounts
{
public:
    explicit PairCounts(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    // Adds `delta` (negative: rows deleted) to the count of `ns`; nothing when it is 0.
    void add(const QString& ns, qint64 delta);

    // Changes of several namespaces gathered while a statement's rows are read, then added.
    class Tally
    {
    public:
        void count(const QString& ns, qint64 delta) { m_changes[ns] += delta; }
        void addTo(PairCounts& counts) const;

    private:
        QHash<QString, qint64> m_changes;
    };

private:
    QSqlDatabase m_db;
};

} // namespace kv
