// RemoteBackend: the plain Kestra routes of Kestra before 1.1.4, which lists a namespace's pairs
// whole: paging, sorting and filtering happen here on that list.
#include "domain/CatalogError.h"
#include "domain/JsonScan.h"
#include "domain/Rules.h"
#include "format/WireFormat.h"
#include "remote/RemoteBackend.h"

#include <algorithm>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

namespace kv {

namespace {

bool lessBy(const KvEntry& a, const KvEntry& b, SortColumn column)
{
    switch (column) {
    case SortColumn::Key:
        return a.key < b.key;
    case SortColumn::Type:
        return valueTypeName(a.type) < valueTypeName(b.type);
    case SortColumn::Description:
        return a.description < b.description;
    case SortColumn::Size:
        return a.size < b.size;
    case SortColumn::Revision:
        return a.revision < b.revision;
    case SortColumn::Created:
        return a.createdAtMs < b.createdAtMs;
    case SortColumn::Updated:
        return a.updatedAtMs < b.updatedAtMs;
    case SortColumn::Expires:
        return a.expiresAtMs.value_or(std::numeric_limits<qint64>::max()) <
               b.expiresAtMs.value_or(std::numeric_limits<qint64>::max());
    }
    return false;
}

} // namespace

QList<KvEntry> RemoteBackend::plainEntries(const QString& ns) const
{
    QList<KvEntry> entries;
    const QByteArray body =
        call("GET", path({QStringLiteral("namespaces"), ns, QStringLiteral("kv")}));
    const auto items = jsonscan::elements(body);
    if (!items)
        throw CatalogError::internal(
            QStringLiteral("malformed pair list from %1: not a JSON array").arg(location()));
    for (const QByteArrayView item : *items)
        entries << wire::readEntry(item, ns);
    return entries;
}

KvPage RemoteBackend::plainList(const ListQuery& q) const
{
    KvPage page = pageHere(plainEntries(q.ns), q);
    if (q.withValues)
        fillValues(page, q.ns);
    return page;
}

void RemoteBackend::fillValues(KvPage& page, const QString& ns) const
{
    for (KvEntry& e : page.entries)
        e.value = wire::readTypedValue(
            call("GET", path({QStringLiteral("namespaces"), ns, QStringLiteral("kv"), e.key})));
}

KvPage RemoteBackend::pageHere(QList<KvEntry> all, const ListQuery& q)
{
    all.removeIf([&q](const KvEntry& e) {
        return !e.key.startsWith(q.prefix) ||
               (!q.contains.isEmpty() && !e.key.contains(q.contains));
    });
    std::stable_sort(all.begin(), all.end(), [&q](const KvEntry& a, const KvEntry& b) {
        if (lessBy(a, b, q.sort))
            return !q.descending;
        if (lessBy(b, a, q.sort))
            return q.descending;
        return q.descending ? b.key < a.key : a.key < b.key;
    });
    if (q.afterKey && q.sort == SortColumn::Key) {
        all.removeIf([&q](const KvEntry& e) {
            return q.descending ? e.key >= *q.afterKey : e.key <= *q.afterKey;
        });
    }
    KvPage page;
    if (q.withTotal)
        page.total = all.size();
    const qsizetype from = qMin<qsizetype>(q.offset, all.size());
    page.entries = all.mid(from, q.limit);
    return page;
}

KvEntry RemoteBackend::plainGet(const QString& ns, const QString& key) const
{
    const KvValue value = wire::readTypedValue(
        call("GET", path({QStringLiteral("namespaces"), ns, QStringLiteral("kv"), key})));
    KvEntry entry;
    for (const KvEntry& e : plainEntries(ns)) {
        if (e.key == key) {
            entry = e;
            break;
        }
    }
    entry.ns = ns;
    entry.key = key;
    entry.type = value.type();
    entry.value = value;
    entry.size = value.toJson().size(); // Kestra's entries carry no size
    return entry;
}

QList<NamespaceInfo> RemoteBackend::plainNamespaces(const QString& prefix) const
{
    QUrlQuery query;
    wire::addQueryText(query, wire::param::size, QStringLiteral("10000"));
    QMap<QString, NamespaceInfo> byName;
    for (NamespaceInfo info : wire::readNamespaceSearch(
             call("GET", path({QStringLiteral("namespaces"), QStringLiteral("search")}), query))) {
        if (info.name.isEmpty())
            continue;
        info.isExplicit = true;
        byName.insert(info.name, info);
    }
    // Kestra lists the namespaces that have something; their parents are implied, as in every
    // other catalog (the GUI's tree hangs each name below its parent).
    for (const QString& name : byName.keys()) {
        for (QString parent = rules::parentNamespace(name); !parent.isEmpty();
             parent = rules::parentNamespace(parent)) {
            if (!byName.contains(parent)) {
                NamespaceInfo implied;
                implied.name = parent;
                implied.isExplicit = false;
                byName.insert(parent, implied);
            }
        }
    }
    QList<NamespaceInfo> result;
    for (const NamespaceInfo& info : byName) {
        if (info.name.startsWith(prefix))
            result << info;
    }
    return result;
}

} // namespace kv
