// Reading GET kv's query (KvSearchQuery). The rules come from Kestra's source:
// webserver/.../controllers/api/KVController.java (its SORT_FIELDS, default size 10),
// webserver/.../converters/QueryFilterFormatBinder.java (the filters[field][OP] grammar, IN
// values without brackets split at commas, one filter per value of a repeated parameter, flat
// legacy parameters refused) and core/.../models/QueryFilter.java (the operations, PREFIX = the
// namespace itself or one below it).
#include "KvSearchQuery.h"

#include "domain/CatalogError.h"
#include "domain/Rules.h"
#include "format/WireFormat.h"

#include <QHash>
#include <QRegularExpression>

namespace kv::server {

namespace {

constexpr qint64 defaultSize = 10; // KVController: @QueryValue(value = "size", defaultValue = "10")

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

void setContains(KvSearchQuery& s, const QString& name, const QString& text)
{
    if (!s.keyContains.isEmpty() && s.keyContains != text)
        throw refused(QStringLiteral("%1: only one text to search keys for is supported, "
                                     "'%2' is already given")
                          .arg(name, s.keyContains));
    s.keyContains = text;
}

void readFilter(KvSearchQuery& s, const QString& name, const QString& value)
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

void readSort(KvSearchQuery& s, const QStringList& texts)
{
    QList<SortEntry> entries;
    for (const QString& text : texts) {
        const SortEntry entry = readSortEntry(text);
        // Ties are broken by key in the column's direction anyway (PairQueries): a key sort
        // after a column, in the same direction, as clients add for stable pages, says nothing
        // more.
        const bool tieBreak =
            !entry.isNamespace && entry.column == SortColumn::Key &&
            std::any_of(entries.cbegin(), entries.cend(), [&](const SortEntry& e) {
                return !e.isNamespace && e.descending == entry.descending;
            });
        if (!tieBreak)
            entries << entry;
    }
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

KvSearchQuery readSearch(const ApiRequest& r)
{
    KvSearchQuery s;
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

} // namespace

KvSearchQuery KvSearchQuery::read(const ApiRequest& request)
{
    return readSearch(request);
}

} // namespace kv::server
