#pragma once

#include "ApiRequest.h"
#include "domain/CatalogTypes.h"
#include "domain/Rules.h"

#include <algorithm>
#include <QStringList>

namespace kv::server {

// filters[namespace][EQUALS|IN|PREFIX]: the namespaces it lets through.
struct NamespaceFilter
{
    enum class Kind { Equals, In, Prefix };
    Kind kind;
    QStringList values;

    bool matches(const QString& ns) const
    {
        if (kind == Kind::Prefix)
            return rules::isWithinNamespace(ns, values.first());
        return values.contains(ns);
    }
};

// What a GET kv search asks for (KvSearch.h lists the parameters).
struct KvSearchQuery
{
    // Reads and checks the query: InvalidInput (422) naming any parameter it does not read.
    static KvSearchQuery read(const ApiRequest& request);

    QList<NamespaceFilter> namespaces;
    QString keyPrefix;
    QString keyContains;
    bool namespaceFirst = true; // pages in namespace order, `sort` within each namespace
    bool namespaceDescending = false;
    SortColumn sort = SortColumn::Key;
    bool descending = false;
    PageWindow window;

    bool filtersKeys() const { return !keyPrefix.isEmpty() || !keyContains.isEmpty(); }
    bool matches(const QString& ns) const
    {
        return std::all_of(namespaces.cbegin(), namespaces.cend(),
                           [&ns](const NamespaceFilter& f) { return f.matches(ns); });
    }
    ListQuery query(const QString& ns) const
    {
        ListQuery q{ns};
        q.prefix = keyPrefix;
        q.contains = keyContains;
        q.sort = sort;
        q.descending = descending;
        return q;
    }
};

} // namespace kv::server
