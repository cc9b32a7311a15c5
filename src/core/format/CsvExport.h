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

// Streams the pairs of `request` from any backend, page by page, to `out`. Returns the rows.
// For doExportCsv(): the request has passed CatalogBackend's checks.
qint64 write(CatalogBackend& backend, const ExportRequest& request, QIODevice* out,
             const ProgressCallback& progress);

} // namespace csvexport
} // namespace kv
