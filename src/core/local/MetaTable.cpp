#include "local/MetaTable.h"

#include "local/Registry.h"

#include <QSqlQuery>

namespace kv {

QString MetaTable::value(const QString& name)
{
    QSqlQuery q(m_db);
    Registry::prepare(q, QStringLiteral("SELECT value FROM meta WHERE name = :name"));
    q.bindValue(QStringLiteral(":name"), name);
    Registry::exec(q);
    return q.next() ? q.value(0).toString() : QString();
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

} // namespace kv
