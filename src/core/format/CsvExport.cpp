#include "format/CsvExport.h"

#include "domain/CatalogError.h"
#include "format/CsvWriter.h"

#include <charconv>

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
    // Millions of rows: numbers and dates are formatted into a stack buffer, not a QString.
    auto addTime = [&writer](qint64 ms) {
        char buffer[32];
        const int length = formatIsoUtc(ms, buffer);
        if (length < 0)
            writer.addField(isoUtc(ms));
        else
            writer.addAsciiField(QLatin1String(buffer, length));
    };
    writer.addField(e.ns);
    writer.addField(e.key);
    const QString type = valueTypeName(e.type);
    writer.addField(type);
    writer.addField(e.description);
    char number[24];
    const auto [end, ec] = std::to_chars(number, number + sizeof number, e.size);
    Q_UNUSED(ec)
    writer.addAsciiField(QLatin1String(number, end - number));
    addTime(e.createdAtMs);
    addTime(e.updatedAtMs);
    if (e.expiresAtMs)
        addTime(*e.expiresAtMs);
    else
        writer.addField(QStringView());
    if (withValues)
        writer.addField(e.value ? e.value->text() : QString());
    writer.endRecord();
}

qint64 write(CatalogBackend& backend, const ExportRequest& request, QIODevice* out,
             const ProgressCallback& progress)
{
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
