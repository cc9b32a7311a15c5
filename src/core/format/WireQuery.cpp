// Query strings of our routes: the list query's writer and reader, and the rules every
// parameter is read by. Names are declared once (WireFormat.h, wire::param).
#include "domain/CatalogError.h"
#include "format/WireFormat.h"

#include <QUrl>

namespace kv::wire {

namespace {

QString flagText()
{
    return QStringLiteral("true");
}

} // namespace

bool queryFlag(const QueryParams& params, const char* name)
{
    const QString v = params.value(QLatin1String(name)).toLower();
    return v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("yes");
}

qint64 queryNumber(const QueryParams& params, const char* name, qint64 fallback)
{
    const QString text = params.value(QLatin1String(name));
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid %1 '%2': expected a number").arg(QLatin1String(name), text));
    return value;
}

void addQueryFlag(QUrlQuery& query, const char* name)
{
    query.addQueryItem(QLatin1String(name), flagText());
}

void addQueryText(QUrlQuery& query, const char* name, const QString& value)
{
    // Encoded here: QUrlQuery leaves '+', '&' and '=' in a value as they are.
    query.addQueryItem(QLatin1String(name), QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

QUrlQuery listQuery(const ListQuery& q)
{
    QUrlQuery query;
    addQueryText(query, param::offset, QString::number(q.offset));
    addQueryText(query, param::limit, QString::number(q.limit));
    addQueryText(query, param::sort, sortColumnName(q.sort));
    if (q.descending)
        addQueryFlag(query, param::desc);
    if (!q.prefix.isEmpty())
        addQueryText(query, param::prefix, q.prefix);
    if (!q.contains.isEmpty())
        addQueryText(query, param::contains, q.contains);
    if (q.includeExpired)
        addQueryFlag(query, param::includeExpired);
    if (q.withTotal)
        addQueryFlag(query, param::withTotal);
    if (q.withValues)
        addQueryFlag(query, param::withValues);
    if (q.knownTotal)
        addQueryText(query, param::knownTotal, QString::number(*q.knownTotal));
    if (q.afterKey)
        addQueryText(query, param::afterKey, *q.afterKey);
    return query;
}

ListQuery readListQuery(const QueryParams& params, const QString& ns)
{
    const auto text = [&params](const char* name) {
        return params.value(QLatin1String(name));
    };
    ListQuery q;
    q.ns = ns;
    q.prefix = text(param::prefix);
    q.contains = text(param::contains);
    if (const QString sort = text(param::sort); !sort.isEmpty()) {
        const std::optional<SortColumn> column = parseSortColumn(sort);
        if (!column)
            throw CatalogError::invalidInput(
                QStringLiteral("invalid sort '%1': expected key, type, description, size, "
                               "revision, created, updated or expires")
                    .arg(sort));
        q.sort = *column;
    }
    q.descending = queryFlag(params, param::desc);
    q.offset = queryNumber(params, param::offset, 0);
    q.limit = queryNumber(params, param::limit, 100);
    q.includeExpired = queryFlag(params, param::includeExpired);
    q.withTotal = queryFlag(params, param::withTotal);
    q.withValues = queryFlag(params, param::withValues);
    if (!text(param::knownTotal).isEmpty())
        q.knownTotal = queryNumber(params, param::knownTotal, 0);
    if (params.contains(QLatin1String(param::afterKey)))
        q.afterKey = text(param::afterKey);
    return q;
}

} // namespace kv::wire
