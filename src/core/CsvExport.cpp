#include "CsvExport.h"

#include "CatalogError.h"
#include "CsvWriter.h"
#include "Rules.h"

namespace kv::csvexport {

namespace {
constexpr qint64 pageSize = 5000;
}

QStringList header(bool withValues)
{
    QStringList h{QStringLiteral("namespace"), QStringLiteral("key"),
                  QStringLiteral("type"),      QStringLiteral("description"),
                  QStringLiteral("size"),      QStringLiteral("created"),
                  QStringLiteral("updated"),   QStringLiteral("expires")};
    if (withValues)
        h << QStringLiteral("value");
    return h;
}

void writeRow(CsvWriter& writer, const KvEntry& e, bool withValues)
{
    writer.addField(e.ns);
    writer.addField(e.key);
    writer.addField(valueTypeName(e.type));
    writer.addField(e.description);
    writer.addField(QString::number(e.size));
    writer.addField(isoUtc(e.createdAtMs));
    writer.addField(isoUtc(e.updatedAtMs));
    writer.addField(e.expiresAtMs ? isoUtc(*e.expiresAtMs) : QString());
    if (withValues)
        writer.addField(e.value ? e.value->text() : QString());
    writer.endRecord();
}

qint64 write(CatalogBackend& backend, const ExportRequest& request, QIODevice* out,
             const ProgressCallback& progress)
{
    rules::requireValidNamespace(request.ns);
    rules::requireValidKeyPrefix(request.prefix);
    CsvWriter writer(out, request.bom);
    writer.writeRecord(header(request.withValues));
    Progress state;
    qint64 rows = 0;
    auto emitRow = [&](const KvEntry& e) {
        writeRow(writer, e, request.withValues);
        ++rows;
    };

    if (!request.keys.isEmpty()) {
        state.total = request.keys.size();
        for (const QString& key : request.keys) {
            try {
                emitRow(backend.get(request.ns, key));
            } catch (const CatalogError& e) {
                if (e.code() != ErrorCode::NotFound && e.code() != ErrorCode::Expired)
                    throw;
            }
            ++state.done;
            if (progress && state.done % 256 == 0 && !progress(state))
                break;
        }
        writer.flush();
        return rows;
    }

    ListQuery query;
    query.ns = request.ns;
    query.prefix = request.prefix;
    query.limit = pageSize;
    query.withValues = request.withValues;
    query.withTotal = true;
    for (;;) {
        const KvPage page = backend.list(query);
        if (page.total >= 0)
            state.total = page.total;
        query.withTotal = false;
        for (const KvEntry& e : page.entries)
            emitRow(e);
        state.done += page.entries.size();
        if (page.entries.size() < pageSize || (progress && !progress(state)))
            break;
        query.afterKey = page.entries.last().key;
    }
    writer.flush();
    return rows;
}

} // namespace kv::csvexport
