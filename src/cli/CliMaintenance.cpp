// kvdesk-cli: the bulk and maintenance commands (purge, export, import, fsck, catalog settings).
#include "Catalog.h"
#include "CliApp.h"
#include "CliOutput.h"
#include "domain/CatalogError.h"
#include "domain/IsoDuration.h"
#include "format/WireFormat.h"
#include "remote/RemoteBackend.h"

#include <QDate>
#include <QFile>
#include <QSaveFile>

namespace kv::cli {

namespace {

const QString json = QStringLiteral("json");

// A DATETIME with offset, or a plain date (midnight UTC).
qint64 parseInstant(const QString& text, const QString& option)
{
    if (const auto ms = parseIsoDateTime(text))
        return *ms;
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10)
        return date.startOfDay(Qt::UTC).toMSecsSinceEpoch();
    throw UsageProblem{
        QStringLiteral("invalid --%1 '%2': expected a date (2024-02-29) or a date-time with "
                       "an offset (2024-02-29T10:00:00Z)")
            .arg(option, text)};
}

} // namespace

int purge(Invocation& inv, Catalog& catalog)
{
    PurgeRequest r;
    r.namespaces = inv.args;
    r.all = inv.has(QStringLiteral("all"));
    r.includeChildren = inv.has(QStringLiteral("include-children"));
    r.dryRun = inv.has(QStringLiteral("dry-run"));
    r.keyPattern = inv.value(QStringLiteral("key-pattern"));
    if (inv.hasValue(QStringLiteral("created-before")))
        r.createdBeforeMs = parseInstant(inv.value(QStringLiteral("created-before")),
                                         QStringLiteral("created-before"));
    r.collectKeys = inv.has(json) || r.dryRun;
    const PurgeResult result = catalog.purge(r).result();
    Output out;
    if (inv.has(json)) {
        out.raw(wire::cliPurgeResult(result) + '\n');
        return Ok;
    }
    out.text(QStringLiteral("%1 %2 pair(s)\n")
                 .arg(r.dryRun ? QStringLiteral("Would purge") : QStringLiteral("Purged"))
                 .arg(result.count));
    if (r.dryRun) {
        for (const PurgedPair& p : result.pairs)
            out.text(QStringLiteral("%1\t%2\n").arg(p.ns, p.key));
    }
    return Ok;
}

int exportCsv(Invocation& inv, Catalog& catalog)
{
    ExportRequest r;
    r.ns = inv.args.at(0);
    r.prefix = inv.value(QStringLiteral("prefix"));
    r.withValues = inv.has(QStringLiteral("with-values"));
    r.bom = inv.has(QStringLiteral("bom"));
    const QString path = inv.value(QStringLiteral("output"));
    if (path.isEmpty() || path == QLatin1String("-")) {
        Output out;
        try {
            catalog.exportCsv(r, &out.stdoutFile()).waitForFinished();
        } catch (const CatalogError&) {
            out.checkStdout(); // a failed write says so, not "cannot write CSV"
            throw;
        }
        out.checkStdout();
        return Ok;
    }
    // QSaveFile: the target appears complete, or not at all.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw CatalogError(ErrorCode::Internal,
                           QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()));
    qint64 rows = 0;
    try {
        rows = catalog.exportCsv(r, &file).result();
    } catch (const CatalogError&) {
        if (file.error() == QFileDevice::NoError)
            throw;
        // The QSaveFile is discarded: no partial file is left behind.
        throw CatalogError(ErrorCode::Internal,
                           QStringLiteral("cannot write '%1': %2; nothing was written")
                               .arg(path, file.errorString()));
    }
    if (!file.commit())
        throw CatalogError(ErrorCode::Internal,
                           QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()));
    Output().text(QStringLiteral("Exported %1 pair(s) to %2\n").arg(rows).arg(path));
    return Ok;
}

int importCsv(Invocation& inv, Catalog& catalog)
{
    ImportRequest r;
    r.ns = inv.args.at(0);
    r.overwrite = !inv.has(QStringLiteral("no-overwrite"));
    const QString path = inv.args.at(1);
    QFile file;
    const bool ok = path == QLatin1String("-")
                        ? file.open(stdin, QIODevice::ReadOnly)
                        : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!ok)
        throw CatalogError::invalidInput(
            QStringLiteral("cannot read '%1': %2").arg(path, file.errorString()));
    const ImportResult result = catalog.importCsv(r, &file).result();
    Output out;
    out.text(QStringLiteral("Imported %1 pair(s) into %2\n").arg(result.imported).arg(r.ns));
    if (result.skippedExpired > 0)
        out.warning(QStringLiteral("skipped %1 row(s) whose expiration date has passed")
                        .arg(result.skippedExpired));
    if (result.skippedConflicts > 0)
        out.warning(QStringLiteral("skipped %1 key(s) created by another writer meanwhile")
                        .arg(result.skippedConflicts));
    return Ok;
}

int fsck(Invocation& inv, Catalog& catalog)
{
    FsckRequest r;
    r.repair = inv.has(QStringLiteral("repair"));
    // A repair reads every value by default: a corrupt value is as lost as a missing one.
    r.verify =
        inv.has(QStringLiteral("verify")) || (r.repair && !inv.has(QStringLiteral("no-verify")));
    if (inv.has(QStringLiteral("verify")) && inv.has(QStringLiteral("no-verify")))
        throw UsageProblem{QStringLiteral("give --verify or --no-verify, not both")};
    if (inv.hasValue(QStringLiteral("grace")))
        r.graceMs = IsoDuration::parseValue(inv.value(QStringLiteral("grace"))).milliseconds();
    const FsckReport report = catalog.fsck(r).result();
    Output out;
    if (inv.has(json)) {
        out.raw(wire::fsckReport(report) + '\n');
    } else {
        out.text(QStringLiteral("Checked %1 value file(s), %2 inline value(s)%3 and %4 registry "
                                "row(s)\n")
                     .arg(report.valueFiles)
                     .arg(report.inlineValues)
                     .arg(r.verify ? QStringLiteral(" (checksums verified)") : QString())
                     .arg(report.rows));
        const QString removed = r.repair ? QStringLiteral(" (removed)") : QString();
        for (const QString& o : report.orphans)
            out.text(QStringLiteral("orphan value file: %1%2\n").arg(o, removed));
        for (const PurgedPair& p : report.dangling)
            out.text(QStringLiteral("dangling row: %1/%2%3\n").arg(p.ns, p.key, removed));
        for (const QString& d : report.danglingRevisions)
            out.text(QStringLiteral("dangling revision: %1%2\n").arg(d, removed));
        // With repair a corrupt value is lost like a missing one: the pair (or that revision) goes.
        const QString lost =
            r.repair ? QStringLiteral(" (removed: its value was lost, as for a dangling row)")
                     : QString();
        for (const QString& c : report.corrupt)
            out.text(QStringLiteral("corrupt value (checksum mismatch): %1%2\n").arg(c, lost));
        for (const QString& c : report.invalidIds)
            out.text(QStringLiteral("invalid value id (the registry may have been tampered with): "
                                    "%1%2\n")
                         .arg(c, r.repair ? QStringLiteral(" (row removed; no file touched)")
                                          : QString()));
        out.text(report.isClean() ? QStringLiteral("The catalog is consistent.\n")
                 : r.repair       ? QStringLiteral("Repaired.\n")
                            : QStringLiteral("Problems found: run fsck --repair to fix them.\n"));
    }
    return report.isClean() || r.repair ? Ok : RuntimeError;
}

int catalogInfo(Invocation& inv, Catalog& catalog)
{
    // Settings are single small reads: asked of the backend directly, without a future.
    CatalogBackend& backend = catalog.backend();
    const std::optional<int> schema = backend.schemaVersion();
    const int depth = backend.historyDepth();
    const qint64 maxBytes = backend.maxValueBytes();
    const std::optional<qint64> inlineLimit = backend.inlineLimit();
    const std::optional<ValuePlacement> placement = backend.valuePlacement();
    const auto* remote = dynamic_cast<const RemoteBackend*>(&backend);
    const QString serverApi = remote ? remote->serverApi().name() : QString();
    Output out;
    if (inv.has(json)) {
        out.raw(wire::cliCatalogInfo(catalog.location(), serverApi, schema, depth, maxBytes,
                                     inlineLimit, placement) +
                '\n');
        return Ok;
    }
    out.text(QStringLiteral("Location: %1\n").arg(catalog.location()));
    if (remote)
        out.text(QStringLiteral("Server API: %1\n").arg(serverApi));
    if (schema)
        out.text(QStringLiteral("Schema version: %1\n").arg(*schema));
    out.text(
        QStringLiteral("History depth: %1\nMax value size: %2 bytes\n").arg(depth).arg(maxBytes));
    if (inlineLimit)
        out.text(*inlineLimit == 0
                     ? QStringLiteral("Inline limit: 0 bytes (every value in the value store)\n")
                     : QStringLiteral("Inline limit: %1 bytes\n").arg(*inlineLimit));
    if (placement)
        out.text(QStringLiteral("Values: %1 inline, %2 in the value store (current pairs)\n")
                     .arg(placement->inlineValues)
                     .arg(placement->externalValues));
    return Ok;
}

int catalogSet(Invocation& inv, Catalog& catalog)
{
    const QString& setting = inv.args.at(0);
    const QString& text = inv.args.at(1);
    bool ok = false;
    const qint64 number = text.toLongLong(&ok);
    if (setting == QLatin1String("history-depth")) {
        if (!ok)
            throw UsageProblem{
                QStringLiteral("invalid history depth '%1': expected a whole number").arg(text)};
        catalog.backend().setHistoryDepth(int(qBound(qint64(-1), number, qint64(1000000))));
        Output().text(QStringLiteral("History depth: %1\n").arg(catalog.backend().historyDepth()));
        return Ok;
    }
    if (setting == QLatin1String("max-value-size")) {
        if (!ok)
            throw UsageProblem{
                QStringLiteral("invalid maximum value size '%1': expected a number of bytes")
                    .arg(text)};
        catalog.backend().setMaxValueBytes(number);
        Output().text(
            QStringLiteral("Max value size: %1 bytes\n").arg(catalog.backend().maxValueBytes()));
        return Ok;
    }
    if (setting == QLatin1String("inline-limit")) {
        if (!ok)
            throw UsageProblem{
                QStringLiteral("invalid inline limit '%1': expected a number of bytes (0: every "
                               "value in the value store)")
                    .arg(text)};
        catalog.backend().setInlineLimit(number);
        Output().text(QStringLiteral("Inline limit: %1 bytes (values already stored stay where "
                                     "they are until they are written again)\n")
                          .arg(catalog.backend().inlineLimit().value_or(number)));
        return Ok;
    }
    throw UsageProblem{QStringLiteral("unknown setting '%1': expected history-depth, "
                                      "max-value-size or inline-limit")
                           .arg(setting)};
}

} // namespace kv::cli
