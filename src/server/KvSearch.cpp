// GET /api/v1/{tenant}/kv: Kestra's paged search across namespaces (see KvSearch.h), paged from
// the catalog's listing queries; what it asks for is read by KvSearchQuery.
#include "KvSearch.h"

#include "domain/CatalogBackend.h"
#include "format/WireFormat.h"
#include "KvSearchQuery.h"

#include <algorithm>
#include <limits>

namespace kv::server {

namespace {

constexpr qint64 chunkLimit = 1000; // rows per read of a cursor when merging namespaces

// A namespace whose pairs the search reads, and how many of them match.
struct Source
{
    QString ns;
    qint64 count = 0;
};

qint64 countOf(CatalogBackend& b, const KvSearchQuery& s, const QString& ns)
{
    ListQuery q = s.query(ns);
    q.limit = 0;
    q.withTotal = true;
    return b.list(q).total;
}

// The namespaces in name order with their counts; those without a matching pair left out.
QList<Source> sources(CatalogBackend& b, const KvSearchQuery& s)
{
    std::optional<QStringList> named; // the intersection of the EQUALS and IN filters
    QString widestPrefix;
    for (const NamespaceFilter& f : s.namespaces) {
        if (f.kind == NamespaceFilter::Kind::Prefix) {
            if (f.values.first().size() > widestPrefix.size())
                widestPrefix = f.values.first();
        } else {
            QStringList kept;
            for (const QString& ns : f.values) {
                if (!named || named->contains(ns))
                    kept << ns;
            }
            named = kept;
        }
    }
    QList<Source> found;
    if (named) {
        named->removeDuplicates();
        named->sort();
        for (const QString& ns : std::as_const(*named)) {
            if (!s.matches(ns))
                continue;
            if (const qint64 count = countOf(b, s, ns); count > 0)
                found.append({ns, count});
        }
        return found;
    }
    QList<NamespaceInfo> all = b.listNamespaces(widestPrefix);
    std::sort(all.begin(), all.end(),
              [](const NamespaceInfo& x, const NamespaceInfo& y) { return x.name < y.name; });
    for (const NamespaceInfo& info : std::as_const(all)) {
        if (info.keyCount <= 0 || !s.matches(info.name))
            continue;
        const qint64 count = s.filtersKeys() ? countOf(b, s, info.name) : info.keyCount;
        if (count > 0)
            found.append({info.name, count});
    }
    return found;
}

// Namespace order: whole namespaces before the page are skipped by their counts.
QList<KvEntry> namespaceOrdered(CatalogBackend& b, const KvSearchQuery& s, QList<Source> from)
{
    if (s.namespaceDescending)
        std::reverse(from.begin(), from.end());
    QList<KvEntry> out;
    qint64 skip = s.window.offset;
    for (const Source& source : std::as_const(from)) {
        const qint64 wanted = s.window.size - out.size();
        if (wanted <= 0)
            break;
        if (skip >= source.count) {
            skip -= source.count;
            continue;
        }
        ListQuery q = s.query(source.ns);
        q.offset = skip;
        q.limit = wanted;
        out += b.list(q).entries;
        skip = 0;
    }
    return out;
}

// Whether `x` comes before `y` (of another namespace) in the column order the backend pages by:
// the column, then the key, both in the asked direction; then the namespace.
bool before(const KvSearchQuery& s, const KvEntry& x, const KvEntry& y)
{
    int c = 0;
    const auto order = [](auto a, auto b) {
        return a < b ? -1 : (b < a ? 1 : 0);
    };
    switch (s.sort) {
    case SortColumn::Key:
        break;
    case SortColumn::Type:
        c = order(int(x.type), int(y.type));
        break;
    case SortColumn::Description: // SQLite compares text as UTF-8 bytes
        c = order(x.description.toUtf8(), y.description.toUtf8());
        break;
    case SortColumn::Size:
        c = order(x.size, y.size);
        break;
    case SortColumn::Revision:
        c = order(x.revision, y.revision);
        break;
    case SortColumn::Created:
        c = order(x.createdAtMs, y.createdAtMs);
        break;
    case SortColumn::Updated:
        c = order(x.updatedAtMs, y.updatedAtMs);
        break;
    case SortColumn::Expires: // "never" sorts after every date
        c = order(x.expiresAtMs.value_or(std::numeric_limits<qint64>::max()),
                  y.expiresAtMs.value_or(std::numeric_limits<qint64>::max()));
        break;
    }
    if (c == 0)
        c = order(x.key, y.key);
    if (c != 0)
        return s.descending ? c > 0 : c < 0;
    return s.namespaceDescending ? y.ns < x.ns : x.ns < y.ns;
}

// One namespace's pairs in the search's order, read a chunk at a time.
class Cursor
{
public:
    Cursor(const KvSearchQuery& s, const QString& ns, qint64 chunk)
        : m_query(s.query(ns))
    {
        m_query.limit = chunk;
    }
    // The next pair, or nullptr at the end.
    const KvEntry* head(CatalogBackend& b)
    {
        if (m_pos == m_buffer.size() && !m_done) {
            m_buffer = b.list(m_query).entries;
            m_pos = 0;
            m_query.offset += m_buffer.size();
            m_done = m_buffer.size() < m_query.limit;
        }
        return m_pos < m_buffer.size() ? &m_buffer.at(m_pos) : nullptr;
    }
    void advance() { ++m_pos; }

private:
    ListQuery m_query;
    QList<KvEntry> m_buffer;
    qsizetype m_pos = 0;
    bool m_done = false;
};

// Column order across namespaces: a merge of one cursor per namespace, reading the first
// offset + size pairs in chunks.
QList<KvEntry> merged(CatalogBackend& b, const KvSearchQuery& s, const QList<Source>& from)
{
    const qint64 chunk = qBound<qint64>(1, s.window.offset + s.window.size, chunkLimit);
    QList<Cursor> cursors;
    for (const Source& source : from)
        cursors.append(Cursor(s, source.ns, chunk));
    QList<KvEntry> out;
    for (qint64 seen = 0; seen < s.window.offset + s.window.size; ++seen) {
        Cursor* next = nullptr;
        const KvEntry* best = nullptr;
        for (Cursor& cursor : cursors) {
            const KvEntry* h = cursor.head(b);
            if (h && (!best || before(s, *h, *best))) {
                best = h;
                next = &cursor;
            }
        }
        if (!next)
            break;
        if (seen >= s.window.offset)
            out.append(*best);
        next->advance();
    }
    return out;
}

} // namespace

http::Response searchKv(CatalogBackend& b, const ApiRequest& r, const RouteArgs&)
{
    const KvSearchQuery s = KvSearchQuery::read(r);
    const QList<Source> from = sources(b, s);
    qint64 total = 0;
    for (const Source& source : from)
        total += source.count;
    const QList<KvEntry> entries =
        s.namespaceFirst || from.size() <= 1 ? namespaceOrdered(b, s, from) : merged(b, s, from);
    QList<QByteArray> out;
    for (const KvEntry& e : entries)
        out << wire::entry(e, wire::EntryField::Namespace);
    return jsonResponse(wire::results(out, total));
}

} // namespace kv::server