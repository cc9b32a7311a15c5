// The commands of kvdesk-cli: each parses its own arguments, calls the Catalog and prints.
#include "Catalog.h"
#include "CliApp.h"
#include "CliOutput.h"
#include "domain/CatalogError.h"
#include "domain/IsoDuration.h"
#include "domain/Rules.h"
#include "domain/Utf8.h"
#include "format/WireFormat.h"

#include <QFile>
#include <QSaveFile>

namespace kv::cli {

namespace {

const QString json = QStringLiteral("json");

qint64 ttlOption(const Invocation& inv)
{
    return IsoDuration::parseTtl(inv.value(QStringLiteral("ttl"))).milliseconds();
}

// The value of `set NS KEY -`. Reads one byte more than the catalog's maximum value size at
// most, so a huge input is refused without being held in memory (the catalog then checks the
// stored form exactly); bad UTF-8 is refused, never replaced by U+FFFD.
// Through stdin's FILE*: --password-stdin may have buffered the rest of the input there.
QString readStdinValue(qint64 limit)
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        throw CatalogError(ErrorCode::Internal,
                           QStringLiteral("cannot read standard input: %1").arg(in.errorString()));
    QByteArray bytes;
    for (;;) {
        const QByteArray chunk = in.read(qMin<qint64>(limit + 1 - bytes.size(), 1 << 20));
        if (chunk.isEmpty())
            break;
        bytes += chunk;
        if (bytes.size() > limit)
            throw CatalogError::invalidInput(
                QStringLiteral("the value on standard input is larger than the limit of %1 bytes "
                               "(%2 MiB); nothing was written")
                    .arg(limit)
                    .arg(limit / (1024 * 1024)));
    }
    if (in.error() != QFileDevice::NoError)
        throw CatalogError(ErrorCode::Internal,
                           QStringLiteral("cannot read standard input: %1").arg(in.errorString()));
    return utf8::decodeValue(bytes);
}

int nsList(Invocation& inv, Catalog& catalog)
{
    Output out;
    const QList<NamespaceInfo> list =
        catalog.listNamespaces(inv.value(QStringLiteral("prefix"))).result();
    if (inv.has(json)) {
        QList<QByteArray> items;
        for (const NamespaceInfo& ns : list)
            items << wire::cliNamespace(ns);
        out.raw(wire::list(items) + '\n');
        return Ok;
    }
    for (const NamespaceInfo& ns : list)
        out.text(QStringLiteral("%1\t%2\t%3\n").arg(ns.name).arg(ns.keyCount).arg(ns.description));
    return Ok;
}

int nsCreate(Invocation& inv, Catalog& catalog)
{
    catalog.createNamespace(inv.args.at(0), inv.value(QStringLiteral("description")))
        .waitForFinished();
    Output().text(QStringLiteral("Created namespace %1\n").arg(inv.args.at(0)));
    return Ok;
}

int nsDelete(Invocation& inv, Catalog& catalog)
{
    catalog.deleteNamespace(inv.args.at(0), inv.has(QStringLiteral("force"))).waitForFinished();
    Output().text(QStringLiteral("Deleted namespace %1\n").arg(inv.args.at(0)));
    return Ok;
}

int set(Invocation& inv, Catalog& catalog)
{
    SetRequest r;
    r.ns = inv.args.at(0);
    r.key = inv.args.at(1);
    const ValueType type = inv.hasValue(QStringLiteral("type"))
                               ? requireValueType(inv.value(QStringLiteral("type")))
                               : ValueType::String;
    if (inv.hasValue(QStringLiteral("ttl")))
        r.ttlMs = ttlOption(inv);
    const QString text = inv.args.at(2) == QLatin1String("-")
                             ? readStdinValue(catalog.backend().maxValueBytes())
                             : inv.args.at(2);
    r.value = KvValue::parse(type, text);
    if (inv.hasValue(QStringLiteral("description")))
        r.description = inv.value(QStringLiteral("description"));
    r.overwrite = !inv.has(QStringLiteral("no-overwrite"));
    const KvEntry e = catalog.set(r).result();
    Output().text(QStringLiteral("Set %1 in %2 (revision %3)\n").arg(e.key, e.ns).arg(e.revision));
    return Ok;
}

int get(Invocation& inv, Catalog& catalog)
{
    const KvEntry e = catalog.get(inv.args.at(0), inv.args.at(1)).result();
    Output out;
    if (inv.has(json))
        out.raw(wire::typedValue(*e.value) + '\n');
    else
        out.raw(e.value->text().toUtf8() + '\n');
    return Ok;
}

int ls(Invocation& inv, Catalog& catalog)
{
    ListQuery q;
    q.ns = inv.args.at(0);
    q.prefix = inv.value(QStringLiteral("prefix"));
    q.includeExpired = inv.has(QStringLiteral("include-expired"));
    if (inv.hasValue(QStringLiteral("sort"))) {
        const QStringList parts = inv.value(QStringLiteral("sort")).split(QLatin1Char(':'));
        const auto column = parseSortColumn(parts.first());
        if (!column || parts.size() > 2 ||
            (parts.size() == 2 && parts.at(1) != QLatin1String("desc") &&
             parts.at(1) != QLatin1String("asc")))
            throw UsageProblem{
                QStringLiteral(
                    "invalid --sort '%1': expected COLUMN or COLUMN:desc with COLUMN "
                    "one of key, type, description, size, revision, created, updated, expires")
                    .arg(inv.value(QStringLiteral("sort")))};
        q.sort = *column;
        q.descending = parts.size() == 2 && parts.at(1) == QLatin1String("desc");
    }
    qint64 remaining = -1;
    if (inv.hasValue(QStringLiteral("limit"))) {
        bool ok = false;
        remaining = inv.value(QStringLiteral("limit")).toLongLong(&ok);
        if (!ok || remaining < 0)
            throw UsageProblem{
                QStringLiteral("invalid --limit '%1': expected a whole number, 0 or more")
                    .arg(inv.value(QStringLiteral("limit")))};
    }
    Output out;
    const bool asJson = inv.has(json);
    wire::ListWriter entries(wire::ListWriter::Layout::OneALine);
    out.raw(asJson ? entries.begin()
                   : QByteArrayLiteral("KEY\tTYPE\tSIZE\tUPDATED\tEXPIRES\tDESCRIPTION\n"));
    constexpr qint64 pageSize = 1000;
    for (;;) {
        q.limit = remaining >= 0 ? qMin(remaining, pageSize) : pageSize;
        if (q.limit == 0)
            break;
        const KvPage page = catalog.list(q).result();
        QByteArray chunk;
        for (const KvEntry& e : page.entries) {
            if (asJson) {
                chunk += entries.element(wire::entry(e));
            } else {
                chunk += QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\n")
                             .arg(e.key, valueTypeName(e.type), QString::number(e.size),
                                  isoUtc(e.updatedAtMs),
                                  e.expiresAtMs ? isoUtc(*e.expiresAtMs) : QStringLiteral("never"),
                                  e.description)
                             .toUtf8();
            }
        }
        out.raw(chunk);
        if (remaining >= 0)
            remaining -= page.entries.size();
        if (page.entries.size() < q.limit)
            break;
        if (q.sort == SortColumn::Key)
            q.afterKey = page.entries.last().key;
        else
            q.offset += page.entries.size();
    }
    if (asJson)
        out.raw(entries.end() + '\n');
    return Ok;
}

int rm(Invocation& inv, Catalog& catalog)
{
    const QStringList keys = inv.args.mid(1);
    const DeleteResult r =
        catalog.remove(inv.args.at(0), keys, inv.has(QStringLiteral("error-on-missing"))).result();
    Output out;
    out.text(QStringLiteral("Deleted %1 of %2 key(s)\n").arg(r.deleted.size()).arg(keys.size()));
    if (!r.missing.isEmpty())
        out.warning(QStringLiteral("not found: %1").arg(r.missing.join(QStringLiteral(", "))));
    return Ok;
}

int expire(Invocation& inv, Catalog& catalog)
{
    const bool never = inv.has(QStringLiteral("never"));
    if (never == inv.hasValue(QStringLiteral("ttl")))
        throw UsageProblem{QStringLiteral("give exactly one of --ttl DURATION and --never")};
    ExpireRequest r;
    r.ns = inv.args.at(0);
    r.keys = inv.args.mid(1);
    if (!never)
        r.ttlMs = ttlOption(inv);
    const QStringList changed = catalog.expire(r).result();
    Output().text(QStringLiteral("Changed the expiration of %1 key(s)\n").arg(changed.size()));
    return Ok;
}

int history(Invocation& inv, Catalog& catalog)
{
    const QList<KvRevision> revisions = catalog.history(inv.args.at(0), inv.args.at(1)).result();
    Output out;
    if (inv.has(json)) {
        QList<QByteArray> items;
        for (const KvRevision& r : revisions)
            items << wire::revision(r);
        out.raw(wire::list(items) + '\n');
        return Ok;
    }
    out.text(QStringLiteral("REVISION\tTYPE\tSIZE\tWRITTEN\tEXPIRES\tDESCRIPTION\n"));
    for (const KvRevision& r : revisions)
        out.text(
            QStringLiteral("%1%2\t%3\t%4\t%5\t%6\t%7\n")
                .arg(r.revision)
                .arg(r.isCurrent ? QStringLiteral(" (current)") : QString(), valueTypeName(r.type))
                .arg(r.size)
                .arg(isoUtc(r.writtenAtMs),
                     r.expiresAtMs ? isoUtc(*r.expiresAtMs) : QStringLiteral("never"),
                     r.description));
    return Ok;
}

int restore(Invocation& inv, Catalog& catalog)
{
    bool ok = false;
    const qint64 revision = inv.args.at(2).toLongLong(&ok);
    if (!ok || revision < 1)
        throw UsageProblem{QStringLiteral("invalid revision '%1': expected a positive whole number")
                               .arg(inv.args.at(2))};
    const KvEntry e = catalog.restore(inv.args.at(0), inv.args.at(1), revision).result();
    Output().text(QStringLiteral("Restored revision %1 of %2 as revision %3\n")
                      .arg(revision)
                      .arg(e.key)
                      .arg(e.revision));
    return Ok;
}

} // namespace

// Defined in CliMaintenance.cpp.
int purge(Invocation& inv, Catalog& catalog);
int exportCsv(Invocation& inv, Catalog& catalog);
int importCsv(Invocation& inv, Catalog& catalog);
int fsck(Invocation& inv, Catalog& catalog);
int catalogInfo(Invocation& inv, Catalog& catalog);
int catalogSet(Invocation& inv, Catalog& catalog);

QList<CommandSpec> commandSpecs()
{
    const QString d = QStringLiteral("description");
    return {
        {QStringLiteral("ns list"),
         QStringLiteral("[--prefix P] [--json]"),
         {json},
         {QStringLiteral("prefix")},
         0,
         0,
         nsList},
        {QStringLiteral("ns create"),
         QStringLiteral("NAMESPACE [--description D]"),
         {},
         {d},
         1,
         1,
         nsCreate},
        {QStringLiteral("ns delete"),
         QStringLiteral("NAMESPACE [--force]"),
         {QStringLiteral("force")},
         {},
         1,
         1,
         nsDelete},
        {QStringLiteral("set"),
         QStringLiteral(
             "NAMESPACE KEY VALUE [--type T] [--ttl DURATION] [--description D] [--no-overwrite]"),
         {QStringLiteral("no-overwrite")},
         {QStringLiteral("type"), QStringLiteral("ttl"), d},
         3,
         3,
         set},
        {QStringLiteral("get"), QStringLiteral("NAMESPACE KEY [--json]"), {json}, {}, 2, 2, get},
        {QStringLiteral("ls"),
         QStringLiteral("NAMESPACE [--prefix P] [--sort COLUMN[:desc]] [--limit N] "
                        "[--include-expired] [--json]"),
         {QStringLiteral("include-expired"), json},
         {QStringLiteral("prefix"), QStringLiteral("sort"), QStringLiteral("limit")},
         1,
         1,
         ls},
        {QStringLiteral("rm"),
         QStringLiteral("NAMESPACE KEY... [--error-on-missing]"),
         {QStringLiteral("error-on-missing")},
         {},
         2,
         -1,
         rm},
        {QStringLiteral("expire"),
         QStringLiteral("NAMESPACE KEY... (--ttl DURATION | --never)"),
         {QStringLiteral("never")},
         {QStringLiteral("ttl")},
         2,
         -1,
         expire},
        {QStringLiteral("history"),
         QStringLiteral("NAMESPACE KEY [--json]"),
         {json},
         {},
         2,
         2,
         history},
        {QStringLiteral("restore"),
         QStringLiteral("NAMESPACE KEY REVISION"),
         {},
         {},
         3,
         3,
         restore},
        {QStringLiteral("purge"),
         QStringLiteral("[NAMESPACE...] [--all] [--key-pattern GLOB] [--created-before DATETIME] "
                        "[--include-children] [--dry-run] [--json]"),
         {QStringLiteral("all"), QStringLiteral("include-children"), QStringLiteral("dry-run"),
          json},
         {QStringLiteral("key-pattern"), QStringLiteral("created-before")},
         0,
         -1,
         purge},
        {QStringLiteral("export"),
         QStringLiteral("NAMESPACE [--prefix P] [--with-values] [--bom] [-o FILE]"),
         {QStringLiteral("with-values"), QStringLiteral("bom")},
         {QStringLiteral("prefix"), QStringLiteral("output")},
         1,
         1,
         exportCsv},
        {QStringLiteral("import"),
         QStringLiteral("NAMESPACE FILE [--no-overwrite]"),
         {QStringLiteral("no-overwrite")},
         {},
         2,
         2,
         importCsv},
        {QStringLiteral("fsck"),
         QStringLiteral("[--repair] [--verify | --no-verify] [--grace DURATION] [--json]"),
         {QStringLiteral("repair"), QStringLiteral("verify"), QStringLiteral("no-verify"), json},
         {QStringLiteral("grace")},
         0,
         0,
         fsck},
        {QStringLiteral("catalog info"), QStringLiteral("[--json]"), {json}, {}, 0, 0, catalogInfo},
        {QStringLiteral("catalog set"),
         QStringLiteral("(history-depth N | max-value-size BYTES | inline-limit BYTES)"),
         {},
         {},
         2,
         2,
         catalogSet},
    };
}

} // namespace kv::cli
