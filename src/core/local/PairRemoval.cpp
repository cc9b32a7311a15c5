#include "local/PairRemoval.h"

#include "domain/JsonText.h"
#include "local/PairCounts.h"

#include <QSqlQuery>

namespace kv {

void PairRemoval::PairList::add(const QString& ns, const QString& key)
{
    if (m_count++ > 0)
        m_text += ',';
    m_text += '[';
    appendJsonString(m_text, ns);
    m_text += ',';
    appendJsonString(m_text, key);
    m_text += ']';
}

QList<PairRemoval::Removed> PairRemoval::removeKeys(const QString& ns, const QStringList& keys,
                                                    QStringList& files)
{
    QByteArray list = "["; // [["key"], …]: read the same way as pairs, on SQLite and PostgreSQL
    for (const QString& key : keys) {
        list += list.size() > 1 ? ",[" : "[";
        appendJsonString(list, key);
        list += ']';
    }
    list += ']';
    QSqlQuery current(m_db);
    current.setForwardOnly(true);
    Registry::prepare(current,
                      QStringLiteral("DELETE FROM kv WHERE namespace = :ns AND key IN (SELECT "
                                     "value ->> 0 FROM %1) RETURNING key, value_id, expires_at")
                          .arg(m_dialect.jsonRows(QStringLiteral(":keys"))));
    current.bindValue(QStringLiteral(":ns"), ns);
    current.bindValue(QStringLiteral(":keys"), QString::fromUtf8(list));
    Registry::exec(current);
    QList<Removed> removed;
    PairList pairs;
    while (current.next()) {
        removed.append({current.value(0).toString(), current.value(2).toLongLong()});
        if (const QString id = current.value(1).toString(); !id.isEmpty())
            files << id;
        pairs.add(ns, removed.last().key);
    }
    current.finish();
    PairCounts(m_db).add(ns, -removed.size());
    if (!pairs.isEmpty())
        removeHistory(pairs.json(), files);
    return removed;
}

void PairRemoval::removeHistory(const QByteArray& pairs, QStringList& files)
{
    QSqlQuery history(m_db);
    history.setForwardOnly(true);
    Registry::prepare(history,
                      QStringLiteral("DELETE FROM kv_history WHERE (namespace, key) IN "
                                     "(SELECT value ->> 0, value ->> 1 FROM %1) RETURNING value_id")
                          .arg(m_dialect.jsonRows(QStringLiteral(":pairs"))));
    history.bindValue(QStringLiteral(":pairs"), QString::fromUtf8(pairs));
    Registry::exec(history);
    while (history.next()) {
        if (const QString id = history.value(0).toString(); !id.isEmpty())
            files << id;
    }
    history.finish();
}

} // namespace kv
