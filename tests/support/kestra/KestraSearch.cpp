// Kestra's paged KV search, GET /api/v1/{tenant}/kv (1.1.4 and later): [KV-1.x] listAllKeys
// and [KV-2.0] SORT_FIELDS, sources as listed at the top of KestraApi.cpp.
#include "KestraApi.h"

#include <algorithm>
#include <QMutexLocker>
#include <QRegularExpression>

namespace kvtest {

namespace {

struct Row
{
    QString ns;
    QString key;
    const KestraApi::Pair* pair;
};

// The property a sort name orders by, or "" when the profile does not know it.
QString sortProperty(const QString& name, bool v2)
{
    // [KV-1.x] sortMapper: "key" becomes the property "name", anything else is taken as a
    // property as it is; [KV-2.0] accepts the entry's field names too.
    static const QStringList properties{
        QStringLiteral("name"),          QStringLiteral("namespace"), QStringLiteral("version"),
        QStringLiteral("description"),   QStringLiteral("created"),   QStringLiteral("updated"),
        QStringLiteral("expirationDate")};
    if (name == QLatin1String("key"))
        return QStringLiteral("name");
    if (properties.contains(name))
        return name;
    if (v2) {
        if (name == QLatin1String("revision"))
            return QStringLiteral("version");
        if (name == QLatin1String("creationDate"))
            return QStringLiteral("created");
        if (name == QLatin1String("updateDate"))
            return QStringLiteral("updated");
    }
    return {};
}

int compare(const Row& a, const Row& b, const QString& property)
{
    auto cmp = [](const auto& x, const auto& y) {
        return x < y ? -1 : y < x ? 1 : 0;
    };
    if (property == QLatin1String("name"))
        return cmp(a.key, b.key);
    if (property == QLatin1String("namespace"))
        return cmp(a.ns, b.ns);
    if (property == QLatin1String("version"))
        return cmp(a.pair->version, b.pair->version);
    if (property == QLatin1String("description"))
        return cmp(a.pair->description, b.pair->description);
    if (property == QLatin1String("created"))
        return cmp(a.pair->createdMs, b.pair->createdMs);
    if (property == QLatin1String("updated"))
        return cmp(a.pair->updatedMs, b.pair->updatedMs);
    return cmp(a.pair->expiresMs.value_or(std::numeric_limits<qint64>::max()),
               b.pair->expiresMs.value_or(std::numeric_limits<qint64>::max()));
}

} // namespace

KestraResponse KestraApi::search(const QUrlQuery& query)
{
    const bool v2 = atLeast(KestraProfile::V2_0);
    bool okPage = true;
    bool okSize = true;
    const QString pageText = query.queryItemValue(QStringLiteral("page"));
    const QString sizeText = query.queryItemValue(QStringLiteral("size"));
    // @QueryValue(value = "page", defaultValue = "1"), (value = "size", defaultValue = "10").
    const int page = pageText.isEmpty() ? 1 : pageText.toInt(&okPage);
    const int size = sizeText.isEmpty() ? 10 : sizeText.toInt(&okSize);
    if (!okPage || !okSize || page < 1 || size < 1)
        return error(422, QStringLiteral("Invalid page or size"));

    QList<std::function<bool(const Row&)>> filters;
    static const QRegularExpression filterName(
        QStringLiteral("^filters\\[(\\w+)\\](?:\\[(\\w+)\\])?$"));
    for (const auto& [name, raw] : query.queryItems(QUrl::FullyDecoded)) {
        const QRegularExpressionMatch m = filterName.match(name);
        if (!name.startsWith(QLatin1String("filters")))
            continue;
        const QString field = m.captured(1);
        const QString op = m.captured(2);
        const QString value = raw;
        // @QueryFilterFormat: filters[field][OPERATION]; the namespace with EQUALS, IN or
        // PREFIX, the text search q; anything else is refused, never ignored.
        if (field == QLatin1String("namespace") && op == QLatin1String("EQUALS"))
            filters << [value](const Row& r) {
                return r.ns == value;
            };
        else if (field == QLatin1String("namespace") && op == QLatin1String("IN"))
            filters << [list = value.split(QLatin1Char(','))](const Row& r) {
                return list.contains(r.ns);
            };
        else if (field == QLatin1String("namespace") && op == QLatin1String("PREFIX"))
            filters << [value](const Row& r) {
                return r.ns == value || r.ns.startsWith(value + QLatin1Char('.'));
            };
        else if (field == QLatin1String("q") && (op.isEmpty() || op == QLatin1String("EQUALS")))
            filters << [value, misses = m_textSearchMisses](const Row& r) {
                return !misses && r.key.contains(value, Qt::CaseInsensitive);
            };
        else
            return error(422, QStringLiteral("Invalid filter '%1'").arg(name));
    }

    QList<QPair<QString, bool>> order; // property, descending
    for (const QString& s : query.allQueryItemValues(QStringLiteral("sort"), QUrl::FullyDecoded)) {
        const QStringList parts = s.split(QLatin1Char(':'));
        const QString property = sortProperty(parts.value(0), v2);
        if (property.isEmpty())
            // [KV-2.0]: an unknown sort is 422; before, it reached the query and failed (500).
            return error(v2 ? 422 : 500,
                         QStringLiteral("Invalid sort field '%1'").arg(parts.value(0)));
        order.append(
            {property, parts.value(1).compare(QLatin1String("desc"), Qt::CaseInsensitive) == 0});
    }
    order.append({QStringLiteral("namespace"), false});
    order.append({QStringLiteral("name"), false});

    QList<Row> rows;
    for (const auto& [k, pair] : m_pairs) {
        const Row row{k.first, k.second, &pair};
        if (live(pair) &&
            std::all_of(filters.begin(), filters.end(), [&row](const auto& f) { return f(row); }))
            rows << row;
    }
    std::stable_sort(rows.begin(), rows.end(), [&order](const Row& a, const Row& b) {
        for (const auto& [property, descending] : order) {
            const int c = compare(a, b, property);
            if (c != 0)
                return descending ? c > 0 : c < 0;
        }
        return false;
    });
    // PagedResults {results, total}.
    QByteArray out = "{\"results\":[";
    const qsizetype from = qsizetype(page - 1) * size;
    for (qsizetype i = from; i < rows.size() && i < from + size; ++i)
        out += (i > from ? "," : "") + entry(rows[i].ns, rows[i].key, *rows[i].pair);
    out += "],\"total\":" + QByteArray::number(rows.size()) + '}';
    return {200, QByteArrayLiteral("application/json"), out, {}};
}

} // namespace kvtest
