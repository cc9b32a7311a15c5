// GET /api/v1/{tenant}/kv: Kestra's paged search across namespaces (see KvSearch.h). The rules
// come from Kestra's source: webserver/.../controllers/api/KVController.java (listAllKeys, its
// SORT_FIELDS, default size 10), webserver/.../converters/QueryFilterFormatBinder.java (the
// filters[field][OP] grammar, IN values without brackets split at commas, one filter per value
// of a repeated parameter, flat legacy parameters refused) and core/.../models/QueryFilter.java
// (the operations, PREFIX = the namespace itself or one below it).
#include "KvSearch.h"

#include "domain/CatalogBackend.h"
#include "domain/CatalogError.h"
#include "domain/Rules.h"
#include "format/WireFormat.h"

#include <algorithm>
#include <limits>
#include <QRegularExpression>

namespace kv::server {

namespace {

constexpr qint64 defaultSize = 10;
constexpr qint64 chunkLimit = 1000; // rows per read of a cursor when merging namespaces

CatalogError refused(const QString& message)
{
    return CatalogError::invalidInput(message);
}

// Kestra's QueryFilter.Op: an operation outside it is unknown, one inside it that a field here
// does not implement is "not supported". Both are 422.
const QStringList& kestraOperations()
{
    static const QStringList ops{QStringLiteral("EQUALS"),
                                 QStringLiteral("NOT_EQUALS"),
                                 QStringLiteral("GREATER_THAN"),
                                 QStringLiteral("LESS_THAN"),
                                 QStringLiteral("GREATER_THAN_OR_EQUAL_TO"),
                                 QStringLiteral("LESS_THAN_OR_EQUAL_TO"),
                                 QStringLiteral("IN"),
                                 QStringLiteral("NOT_IN"),
                                 QStringLiteral("STARTS_WITH"),
                                 QStringLiteral("ENDS_WITH"),
                                 QStringLiteral("CONTAINS"),
                                 QStringLiteral("REGEX"),
                                 QStringLiteral("PREFIX")};
    return ops;
}

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

struct Search
{
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

QString unsupported(const QString& name, const QString& op, const char* expected)
{
    return QStringLiteral("%1: operation %2 is not supported for this field by this server; "
                          "expected %3")
        .arg(name, op, QLatin1String(expected));
}

QString checkedNamespace(const QString& name, const QString& ns)
{
    if (const QString problem = rules::namespaceProblem(ns); !problem.isEmpty())
        throw refused(QStringLiteral("%1: %2").arg(name, problem));
    return ns;
}

void setContains(Search& s, const QString& name, const QString& text)
{
    if (!s.keyContains.isEmpty() && s.keyContains != text)
        throw refused(QStringLiteral("%1: only one text to search keys for is supported, "
                                     "'%2' is already given")
                          .arg(name, s.keyContains));
    s.keyContains = text;
}

void readFilter(Search& s, const QString& name, const QString& value)
{
    static const QRegularExpression grammar(
        QStringLiteral("^filters\\[([^\\]]*)\\]\\[([^\\]]*)\\](.*)$"));
    const QRegularExpressionMatch m = grammar.match(name);
    if (!m.hasMatch())
        throw refused(
            QStringLiteral("malformed filter '%1': expected filters[field][OPERATION]").arg(name));
    if (!m.captured(3).isEmpty())
        throw refused(QStringLiteral("filter '%1' is not supported by this server: no nested "
                                     "keys, no [and]/[or] groups")
                          .arg(name));
    const QString field = m.captured(1);
    const QString op = m.captured(2);
    if (!kestraOperations().contains(op))
        throw refused(QStringLiteral("%1: unknown operation '%2'").arg(name, op));
    if (field == QLatin1String("namespace")) {
        if (op == QLatin1String("EQUALS")) {
            s.namespaces.append({NamespaceFilter::Kind::Equals, {checkedNamespace(name, value)}});
        } else if (op == QLatin1String("IN")) {
            QStringList list;
            for (const QString& ns : QString(value)
                                         .remove(QLatin1Char('['))
                                         .remove(QLatin1Char(']'))
                                         .split(QLatin1Char(',')))
                list << checkedNamespace(name, ns);
            s.namespaces.append({NamespaceFilter::Kind::In, list});
        } else if (op == QLatin1String("PREFIX")) {
            s.namespaces.append({NamespaceFilter::Kind::Prefix, {checkedNamespace(name, value)}});
        } else {
            throw refused(unsupported(name, op, "EQUALS, IN or PREFIX"));
        }
    } else if (field == QLatin1String("q")) {
        if (op != QLatin1String("EQUALS"))
            throw refused(unsupported(name, op, "EQUALS"));
        setContains(s, name, value);
    } else if (field == QLatin1String("key")) { // ours: the prefix and substring of keys
        if (op == QLatin1String("STARTS_WITH")) {
            if (const QString problem = rules::keyPrefixProblem(value); !problem.isEmpty())
                throw refused(QStringLiteral("%1: %2").arg(name, problem));
            s.keyPrefix = value;
        } else if (op == QLatin1String("CONTAINS")) {
            setContains(s, name, value);
        } else {
            throw refused(unsupported(name, op, "STARTS_WITH or CONTAINS"));
        }
    } else if (field == QLatin1String("updated")) {
        throw refused(QStringLiteral("%1: the filter on update times is not supported by this "
                                     "server")
                          .arg(name));
    } else {
        throw refused(QStringLiteral("%1: unknown filter field '%2': expected namespace, q or key")
                          .arg(name, field));
    }
}

// A sort entry: COLUMN[:asc|desc]; `namespace` or a column of a pair. Kestra's names
// (KVController.SORT_FIELDS, both spellings) and ours (type, size, expires ...).
struct SortEntry
{
    bool isNamespace = false;
    SortColumn column = SortColumn::Key;
    bool descending = false;
};

SortEntry readSortEntry(const QString& text)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    const QString name = colon < 0 ? text : text.left(colon);
    const QString direction = colon < 0 ? QString() : text.mid(colon + 1).toLower();
    SortEntry entry;
    if (direction == QLatin1String("desc"))
        entry.descending = true;
    else if (!direction.isEmpty() && direction != QLatin1String("asc"))
        throw refused(QStringLiteral("invalid sort '%1': the direction is asc or desc").arg(text));
    static const QHash<QString, QString> kestraNames{
        {QStringLiteral("name"), QStringLiteral("key")},
        {QStringLiteral("version"), QStringLiteral("revision")},
        {QStringLiteral("creationDate"), QStringLiteral("created")},
        {QStringLiteral("updateDate"), QStringLiteral("updated")},
        {QStringLiteral("expirationDate"), QStringLiteral("expires")}};
    if (name == QLatin1String("namespace")) {
        entry.isNamespace = true;
        return entry;
    }
    const std::optional<SortColumn> column = parseSortColumn(kestraNames.value(name, name));
    if (!column)
        throw refused(QStringLiteral("invalid sort '%1': expected a column such as key:asc, "
                                     "namespace:asc or updateDate:desc")
                          .arg(text));
    entry.column = *column;
    return entry;
}

void readSort(Search& s, const QStringList& texts)
{
    QList<SortEntry> entries;
    for (const QString& text : texts)
        entries << readSortEntry(text);
    const auto namespaces = std::count_if(entries.cbegin(), entries.cend(),
                                          [](const SortEntry& e) { return e.isNamespace; });
    if (entries.size() > 2 || (entries.size() == 2 && namespaces != 1))
        throw refused(QStringLiteral("invalid sort '%1': this server sorts by one column, and "
                                     "by namespace besides it")
                          .arg(texts.join(QLatin1Char(','))));
    if (entries.isEmpty())
        return;
    s.namespaceFirst = entries.first().isNamespace;
    for (const SortEntry& e : std::as_const(entries)) {
        if (e.isNamespace) {
            s.namespaceDescending = e.descending;
        } else {
            s.sort = e.column;
            s.descending = e.descending;
        }
    }
}

Search readSearch(const ApiRequest& r)
{
    Search s;
    QStringList sorts;
    for (const auto& [name, value] : r.query) {
        if (name.startsWith(QLatin1String("filters"))) {
            readFilter(s, name, value);
        } else if (name == QLatin1String(wire::param::sort)) {
            for (const QString& part : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
                sorts << part.trimmed();
        } else if (name == QLatin1String("q") || name == QLatin1String("namespace")) {
            // Kestra 2.0 refuses its pre-2.0 flat filters rather than widen the search.
            throw refused(QStringLiteral("the filter parameter '%1' is not read: use "
                                         "filters[%1][EQUALS]=value")
                              .arg(name));
        }
    }
    readSort(s, sorts);
    s.window = pageWindow(r, defaultSize);
    return s;
}

// A namespace whose pairs the search reads, and how many of them match.
struct Source
{
    QString ns;
    qint64 count = 0;
};

qint64 countOf(CatalogBackend& b, const Search& s, const QString& ns)
{
    ListQuery q = s.query(ns);
    q.limit = 0;
    q.withTotal = true;
    return b.list(q).total;
}

// The namespaces in name order with their counts; those without a matching pair left out.
QList<Source> sources(CatalogBackend& b, const Search& s)
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
QList<KvEntry> namespaceOrdered(CatalogBackend& b, const Search& s, QList<Source> from)
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
bool before(const Search& s, const KvEntry& x, const KvEntry& y)
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
    Cursor(const Search& s, const QString& ns, qint64 chunk)
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
QList<KvEntry> merged(CatalogBackend& b, const Search& s, const QList<Source>& from)
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
    const Search s = readSearch(r);
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
