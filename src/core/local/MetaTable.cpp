#include "local/MetaTable.h"

#include "local/Registry.h"
#include "local/StatementCache.h"

#include <QSqlQuery>

namespace kv {

QString MetaTable::value(const QString& name)
{
    StatementCache::Statement select(m_db,
                                     QStringLiteral("SELECT value FROM meta WHERE name = :name"));
    select->bindValue(QStringLiteral(":name"), name);
    select.exec();
    return select->next() ? select->value(0).toString() : QString();
}

void MetaTable::setValue(const QString& name, const QString& value)
{
    QSqlQuery q(m_db);
    Registry::prepare(q, QStringLiteral("INSERT INTO meta (name, value) VALUES (:name, :value) "
                                        "ON CONFLICT (name) DO UPDATE SET value = excluded.value"));
    q.bindValue(QStringLiteral(":name"), name);
    q.bindValue(QStringLiteral(":value"), value);
    Registry::exec(q);
}

void MetaTable::remove(const QString& name)
{
    QSqlQuery q(m_db);
    Registry::prepare(q, QStringLiteral("DELETE FROM meta WHERE name = :name"));
    q.bindValue(QStringLiteral(":name"), name);
    Registry::exec(q);
}

int MetaTable::historyDepth()
{
    bool ok = false;
    const int depth = value(QStringLiteral("history_depth")).toInt(&ok);
    return ok ? depth : defaultHistoryDepth;
}

qint64 MetaTable::maxValueBytes()
{
    bool ok = false;
    const qint64 bytes = value(QStringLiteral("max_value_bytes")).toLongLong(&ok);
    return ok && bytes >= CatalogBackend::minMaxValueBytes ? bytes : defaultMaxValueBytes;
}

qint64 MetaTable::inlineLimit()
{
    bool ok = false;
    const qint64 limit = value(QStringLiteral("inline_limit")).toLongLong(&ok);
    return ok && limit >= 0 ? limit : defaultInlineLimit;
}

void MetaTable::setInlineLimit(qint64 bytes)
{
    setValue(QStringLiteral("inline_limit"), QString::number(bytes));
}

} // namespace kv
