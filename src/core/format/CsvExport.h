#pragma once

#include "domain/CatalogBackend.h"

#include <QStringList>

class QIODevice;

namespace kv {

class CsvWriter;

// The CSV form of a namespace's pairs, shared by export and import:
//   namespace,key,type,description,size,created,updated,expires[,value]
// Dates are ISO-8601 UTC with Z; "expires" is empty for pairs that never expire; "value" is the
// value's canonical text (KvValue::text()). Written by CsvWriter (RFC 4180, neutralised).
namespace csvexport {

QStringList header(bool withValues);
// Writes one pair as a CSV record (the value column only with withValues).
void writeRow(CsvWriter& writer, const KvEntry& entry, bool withValues);

// A pair's columns as the local registry holds them, for the export's fast path: text as valid
// UTF-8, the value as its canonical text (storedform::canonicalText). writeRow() writes exactly
// the bytes it writes for the KvEntry these fields stand for.
struct StoredFields
{
    QByteArrayView key;
    ValueType type = ValueType::String;
    QByteArrayView description;
    qint64 size = 0;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    std::optional<qint64> expiresAtMs;
    QByteArrayView valueText; // with withValues
};
void writeRow(CsvWriter& writer, QStringView ns, const StoredFields& fields, bool withValues);

// Streams the pairs of `request` from any backend, page by page, to `out`. Returns the rows.
// For doExportCsv(): the request has passed CatalogBackend's checks.
qint64 write(CatalogBackend& backend, const ExportRequest& request, QIODevice* out,
             const ProgressCallback& progress);

} // namespace csvexport
} // namespace kv
