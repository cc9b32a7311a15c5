// LocalBackend: delete of many keys, CSV export, and CSV import (delegated to LocalImport).
#include "domain/Clock.h"
#include "domain/StoredForm.h"
#include "domain/Utf8.h"
#include "format/BackgroundCsvWriter.h"
#include "format/CsvExport.h"
#include "format/CsvWriter.h"
#include "local/ExportRows.h"
#include "local/LocalBackend.h"
#include "local/LocalImport.h"
#include "local/PairQueries.h"
#include "local/PairRemoval.h"

#include <QCryptographicHash>
#include <QHash>
#include <QIODevice>
#include <QSet>

namespace kv {

namespace {

// Whether `bytes` hash to the registry's checksum column (lowercase hex, as written).
bool matchesChecksum(QCryptographicHash& hash, QByteArrayView bytes, QByteArrayView hex)
{
    static constexpr char digits[] = "0123456789abcdef";
    hash.reset();
    hash.addData(bytes);
    const QByteArrayView digest = hash.resultView();
    if (hex.size() != 2 * digest.size())
        return false;
    for (qsizetype i = 0; i < digest.size(); ++i) {
        const auto b = uchar(digest[i]);
        if (hex[2 * i] != digits[b >> 4] || hex[2 * i + 1] != digits[b & 0xF])
            return false;
    }
    return true;
}

} // namespace

DeleteResult LocalBackend::doRemove(const QString& ns, const QStringList& keys, bool errorOnMissing)
{
    requireWritable();
    QStringList unique; // a key named twice is reported once
    {
        QSet<QString> seen;
        for (const QString& key : keys) {
            if (!seen.contains(key)) {
                seen.insert(key);
                unique << key;
            }
        }
    }
    DeleteResult result;
    QStringList files;
    {
        QSqlDatabase db = m_registry->db();
        Registry::Transaction tx(db, m_registry->dialect());
        const qint64 t = now();
        // One statement per table and batch; an expired pair is removed too, but reported missing.
        QHash<QString, bool> live;
        PairRemoval removal(db, m_registry->dialect());
        for (qsizetype from = 0; from < unique.size(); from += PairRemoval::batchKeys) {
            for (const PairRemoval::Removed& row :
                 removal.removeKeys(ns, unique.mid(from, PairRemoval::batchKeys), files))
                live.insert(row.key, row.expiresAtMs > t);
        }
        for (const QString& key : std::as_const(unique))
            (live.value(key) ? result.deleted : result.missing) << key;
        if (errorOnMissing && !result.missing.isEmpty())
            throw CatalogError::notFound(
                QStringLiteral("not found in namespace '%1': %2; nothing was deleted")
                    .arg(ns, result.missing.join(QStringLiteral(", "))));
        tx.commit();
    }
    m_store.remove(files); // the rows are gone: nobody points at these files any more
    return result;
}

qint64 LocalBackend::doExportCsv(const ExportRequest& request, QIODevice* out,
                                 const ProgressCallback& progress)
{
    if (!request.keys.isEmpty())
        return csvexport::write(*this, request, out, progress); // a selection: key by key
    // One read transaction streams the whole namespace from one snapshot, in key order.
    const qint64 t = now();
    QSqlDatabase db = m_registry->db();
    Registry::Transaction tx(db, m_registry->dialect(), false);
    PairQueries pairs(*m_registry, db);
    Progress state;
    if (progress)
        state.total = pairs.countLive(request.ns, request.prefix, t);
    qint64 rows = 0;
    if (ExportRows::available(db)) {
        CsvWriter writer(out, request.bom);
        writer.writeRecord(csvexport::header(request.withValues));
        rows = exportDirect(db, request, t, writer, state, progress);
        tx.commit();
        writer.flush();
    } else {
        PairQueries::LiveRows live(db, request.ns, request.prefix, t, request.withValues);
        BackgroundCsvWriter writer(out, request.bom, request.withValues);
        StoredEntry row;
        row.entry.ns = request.ns;
        while (live.next(row)) {
            if (request.withValues && !loadValue(row))
                continue;
            writer.add(row.entry);
            ++rows;
            if (progress && ++state.done % 8192 == 0 && !progress(state))
                break;
        }
        live.finish();
        tx.commit();
        writer.finish();
    }
    if (progress)
        progress(state);
    return rows;
}

qint64 LocalBackend::exportDirect(QSqlDatabase& db, const ExportRequest& request, qint64 nowMs,
                                  CsvWriter& writer, Progress& state,
                                  const ProgressCallback& progress)
{
    const bool withValues = request.withValues;
    ExportRows rows(db, request.ns, request.prefix, nowMs, withValues);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 written = 0;
    while (rows.next()) {
        csvexport::StoredFields f;
        f.key = rows.key();
        f.type = ValueType(rows.type());
        f.description = rows.description();
        f.size = rows.size();
        f.createdAtMs = rows.createdAtMs();
        f.updatedAtMs = rows.updatedAtMs();
        f.expiresAtMs = PairRow::toExpiry(rows.expiresAtStored());
        // The fast path: text that is valid UTF-8 as stored, and an inline value that matches
        // its checksum and is in its canonical form already. Anything else (a value file, a
        // DATETIME, escapes, a corrupt value) is read as before, which reports what is wrong.
        bool direct =
            utf8::firstInvalidByte(f.key) < 0 && utf8::firstInvalidByte(f.description) < 0;
        if (direct && withValues) {
            direct = rows.valueId().isEmpty() && !rows.valueIsNull() &&
                     matchesChecksum(hash, rows.value(), rows.checksumHex());
            if (direct) {
                const auto text = storedform::canonicalText(f.type, rows.value());
                direct = text.has_value();
                if (direct)
                    f.valueText = *text;
            }
        }
        if (direct) {
            csvexport::writeRow(writer, request.ns, f, withValues);
        } else {
            StoredEntry row;
            KvEntry& e = row.entry;
            e.ns = request.ns;
            e.key = rows.key16();
            e.type = f.type;
            e.description = rows.description16();
            e.size = f.size;
            e.createdAtMs = f.createdAtMs;
            e.updatedAtMs = f.updatedAtMs;
            e.expiresAtMs = f.expiresAtMs;
            if (withValues) {
                e.checksum = PairRow::checksumText(rows.checksumHex16());
                row.valueId = rows.valueId16();
                row.inlineValue = row.isInline() ? rows.valueAsQtReadsIt() : QByteArray();
                if (!loadValue(row))
                    continue;
            }
            csvexport::writeRow(writer, e, withValues);
        }
        ++written;
        if (progress && ++state.done % 8192 == 0 && !progress(state))
            break;
    }
    return written;
}

ImportResult LocalBackend::doImportCsv(const ImportRequest& request, QIODevice* in,
                                       const ProgressCallback& progress)
{
    requireWritable();
    return LocalImport(*this).run(request, in, progress);
}

} // namespace kv
