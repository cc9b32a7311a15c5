// RemoteBackend: Kestra's paged search (GET /api/v1/{tenant}/kv, 1.1.4 on) for listings, a
// key's metadata and statistics, and Kestra's PUT for every generation.
#include "domain/CatalogError.h"
#include "format/ValueBody.h"
#include "format/WireFormat.h"
#include "remote/RemoteBackend.h"

namespace kv {

namespace {

// Pages of the search this size: Kestra bounds a page (PageableUtils.MAX_PAGE_SIZE).
constexpr qint64 searchStep = 500;

// The search's name of a column: Kestra 1.x sorts by its properties ("key" is mapped to "name",
// the rest is taken as it is), 2.0 by the entry's field names (KVController SORT_FIELDS).
// Empty for what Kestra's entries do not carry (type, size): sorted here.
QString sortName(SortColumn column, const ServerApi& api)
{
    const bool v2 = api.generation == ApiGeneration::Kestra20;
    switch (column) {
    case SortColumn::Key:
        return QStringLiteral("key");
    case SortColumn::Description:
        return QStringLiteral("description");
    case SortColumn::Revision:
        return v2 ? QStringLiteral("revision") : QStringLiteral("version");
    case SortColumn::Created:
        return v2 ? QStringLiteral("creationDate") : QStringLiteral("created");
    case SortColumn::Updated:
        return v2 ? QStringLiteral("updateDate") : QStringLiteral("updated");
    case SortColumn::Expires:
        return QStringLiteral("expirationDate");
    case SortColumn::Type:
    case SortColumn::Size:
        break;
    }
    return {};
}

QString direction(bool descending)
{
    return descending ? QStringLiteral(":desc") : QStringLiteral(":asc");
}

} // namespace

KvPage RemoteBackend::searchPage(const QString& ns, const QString& text, const QStringList& sort,
                                 qint64 page, qint64 size) const
{
    QUrlQuery query;
    wire::addQueryText(query, wire::param::namespaceEquals, ns);
    if (!text.isEmpty())
        wire::addQueryText(query, wire::param::textEquals, text);
    for (const QString& s : sort)
        wire::addQueryText(query, wire::param::sort, s);
    wire::addQueryText(query, wire::param::page, QString::number(page));
    wire::addQueryText(query, wire::param::size, QString::number(size));
    return wire::readEntryResults(call("GET", path({QStringLiteral("kv")}), query), ns);
}

KvPage RemoteBackend::searchList(const ListQuery& q) const
{
    const QString column = sortName(q.sort, serverApi());
    // Ties by key, for stable pages (a key sort needs none).
    QStringList sort{column + direction(q.descending)};
    if (column != QLatin1String("key"))
        sort << QStringLiteral("key") + direction(q.descending);
    KvPage result;
    if (!q.prefix.isEmpty() || !q.contains.isEmpty() || column.isEmpty() || q.afterKey) {
        // Kestra's text search (filters[q]) follows its database (each repository has its own
        // findCondition), not our prefix or substring: it could leave out pairs that match ours. So
        // the namespace is read in pages and the exact filter, sort and page are applied here.
        result = pageHere(searchAll(q.ns, QString()), q);
    } else if (q.limit == 0) {
        result.total = searchPage(q.ns, QString(), sort, 1, 1).total;
    } else {
        // Pages of `step`, from the one holding `offset`: at most one page more than asked.
        const qint64 step = qMin<qint64>(q.limit, searchStep);
        qint64 position = q.offset;
        while (result.entries.size() < q.limit) {
            const KvPage part = searchPage(q.ns, QString(), sort, position / step + 1, step);
            result.total = part.total;
            const qsizetype skip = qsizetype(position % step);
            const QList<KvEntry> rows =
                part.entries.mid(skip, qsizetype(q.limit - result.entries.size()));
            result.entries += rows;
            position += rows.size();
            if (part.entries.size() < step || rows.isEmpty())
                break;
        }
    }
    if (!q.withTotal)
        result.total = -1;
    if (q.withValues)
        fillValues(result, q.ns);
    return result;
}

QList<KvEntry> RemoteBackend::searchAll(const QString& ns, const QString& text) const
{
    QList<KvEntry> all;
    for (qint64 page = 1;; ++page) {
        const KvPage part = searchPage(ns, text, {QStringLiteral("key:asc")}, page, searchStep);
        all += part.entries;
        if (part.entries.size() < searchStep || (part.total >= 0 && all.size() >= part.total))
            return all;
    }
}

std::optional<KvEntry> RemoteBackend::searchEntry(const QString& ns, const QString& key) const
{
    const auto find = [&](const QList<KvEntry>& entries) -> std::optional<KvEntry> {
        for (const KvEntry& e : entries) {
            if (e.key == key && e.ns == ns)
                return e;
        }
        return std::nullopt;
    };
    // The key as the search text: usually a page holding the key alone. Kestra's text search
    // follows its database's rules, so when it misses the key, the namespace is read after all
    // rather than reporting no metadata.
    if (std::optional<KvEntry> e = find(searchAll(ns, key)))
        return e;
    return find(searchAll(ns, QString()));
}

KvEntry RemoteBackend::searchGet(const QString& ns, const QString& key) const
{
    const wire::ValueDetail detail = wire::readValueDetail(
        call("GET", path({QStringLiteral("namespaces"), ns, QStringLiteral("kv"), key})));
    KvEntry entry = searchEntry(ns, key).value_or(KvEntry{});
    entry.ns = ns;
    entry.key = key;
    entry.type = detail.value.type();
    entry.value = detail.value;
    entry.size = detail.value.toJson().size(); // Kestra's entries carry no size
    if (detail.revision) // 1.2.5 on: straight from the pair, not from the (later) search
        entry.revision = *detail.revision;
    if (detail.updatedMs)
        entry.updatedAtMs = *detail.updatedMs;
    return entry;
}

NamespaceStats RemoteBackend::searchStats(const QString& ns) const
{
    // One page of one pair, the latest: the count and the last update. Kestra's entries carry no
    // size, so the size stays 0.
    const KvPage latest = searchPage(
        ns, QString(), {sortName(SortColumn::Updated, serverApi()) + direction(true)}, 1, 1);
    NamespaceStats stats;
    stats.name = ns;
    stats.liveCount = qMax<qint64>(latest.total, latest.entries.size());
    if (!latest.entries.isEmpty())
        stats.lastUpdateMs = latest.entries.first().updatedAtMs;
    return stats;
}

std::optional<KvEntry> RemoteBackend::kestraCurrent(const QString& ns, const QString& key) const
{
    if (serverApi().pagedSearch())
        return searchEntry(ns, key);
    for (const KvEntry& e : plainEntries(ns)) { // before 1.1.4 the whole list is all there is
        if (e.key == key)
            return e;
    }
    return std::nullopt;
}

KvEntry RemoteBackend::kestraSet(const SetRequest& r, const ServerApi& api)
{
    SetRequest write = r;
    std::optional<KvEntry> current;
    if (!r.overwrite || !r.description)
        current = kestraCurrent(r.ns, r.key);
    // Kestra has no conditional PUT: the pair is looked up first, so a write by someone else
    // between the look-up and the PUT is not seen (not atomic, unlike kvdesk-server).
    if (!r.overwrite && current)
        throw CatalogError(ErrorCode::Conflict,
                           QStringLiteral("'%1' already exists in namespace '%2' (checked before "
                                          "writing: %3 cannot refuse an overwrite itself)")
                               .arg(r.key, r.ns, api.name()));
    // Kestra's PUT replaces the metadata: a description the user did not change is sent back.
    if (!r.description)
        write.description = current ? current->description : QString();
    const QString target = path({QStringLiteral("namespaces"), r.ns, QStringLiteral("kv"), r.key});
    const auto send = [&](const ServerApi& generation) {
        PutHeaders headers = putHeaders(write);
        if (generation.textPlainPut()) // 1.1 on: text/plain alone, anything else is 415
            headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain")});
        return m_http.send("PUT", target, {}, bodyFromValue(r.value), headers);
    };
    HttpReply reply = send(api);
    if (reply.status == 415 && !api.textPlainPut()) {
        // The server was taken for an older Kestra (or upgraded meanwhile): ask again, and send
        // once more as text/plain.
        forgetApi();
        ServerApi again = serverApi();
        if (!again.textPlainPut() && again.version.isEmpty()) {
            // No version to go by: the 415 itself shows a Kestra of 1.1 or later.
            again.generation = ApiGeneration::Kestra11;
            learnApi(again);
        }
        if (again.textPlainPut())
            reply = send(again);
    }
    replyBody(reply);
    // Kestra answers a PUT without the metadata.
    KvEntry e = kestraCurrent(r.ns, r.key).value_or(KvEntry{});
    e.ns = r.ns;
    e.key = r.key;
    e.type = r.value.type();
    e.value = r.value;
    e.size = r.value.toJson().size();
    return e;
}

} // namespace kv
