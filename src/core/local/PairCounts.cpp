#include "local/PairCounts.h"

#include "local/StatementCache.h"

namespace kv {

void PairCounts::add(const QString& ns, qint64 delta)
{
    if (delta == 0)
        return;
    // Cached: a single write adds its one pair with it.
    StatementCache::Statement upsert(
        m_db, QStringLiteral("INSERT INTO kv_counts (namespace, pairs) VALUES (:ns, :delta) "
                             "ON CONFLICT (namespace) DO UPDATE SET "
                             "pairs = kv_counts.pairs + excluded.pairs"));
    upsert->bindValue(QStringLiteral(":ns"), ns);
    upsert->bindValue(QStringLiteral(":delta"), delta);
    upsert.exec();
}

void PairCounts::Tally::addTo(PairCounts& counts) const
{
    for (auto it = m_changes.cbegin(); it != m_changes.cend(); ++it)
        counts.add(it.key(), it.value());
}

} // namespace kv
