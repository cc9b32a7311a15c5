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

namespace {

// The columns from size to expires, shared by both forms of a row. Millions of rows: numbers
// and dates are formatted into a stack buffer, not a QString.
void writeNumbers(CsvWriter& writer, qint64 size, qint64 createdAtMs, qint64 updatedAtMs,
                  std::optional<qint64> expiresAtMs)
{
    auto addTime = [&writer](qint64 ms) {
        char buffer[32];
        const int length = formatIsoUtc(ms, buffer);
        if (length < 0)
            writer.addField(isoUtc(ms));
        else
            writer.addAsciiField(QLatin1String(buffer, length));
    };
    char number[24];
    const auto [end, ec] = std::to_chars(number, number + sizeof number, size);
    Q_UNUSED(ec)
    writer.addAsciiField(QLatin1String(number, end - number));
    addTime(createdAtMs);
    addTime(updatedAtMs);
    if (expiresAtMs)
        addTime(*expiresAtMs);
    else
        writer.addField(QStringView());
}

// The type's name as a field; the names are made once.
void addType(CsvWriter& writer, ValueType type)
{
    static const QList<QByteArray> names = [] {
        QList<QByteArray> list;
        for (const ValueType t : allValueTypes()) {
            list.resize(qMax<qsizetype>(list.size(), int(t) + 1));
            list[int(t)] = valueTypeName(t).toLatin1();
        }
        return list;
    }();
    const int index = int(type);
    if (index < 0 || index >= names.size()) { // a type number no release wrote: an empty name
        writer.addField(valueTypeName(type));
        return;
    }
    writer.addAsciiField(QLatin1String(names.at(index).constData(), names.at(index).size()));
}

} // namespace

void writeRow(CsvWriter& writer, const KvEntry& e, bool withValues)
{
    writer.addField(e.ns);
    writer.addField(e.key);
    addType(writer, e.type);
    writer.addField(e.description);
    writeNumbers(writer, e.size, e.createdAtMs, e.updatedAtMs, e.expiresAtMs);
    if (withValues)
        writer.addField(e.value ? e.value->text() : QString());
    writer.endRecord();
}

void writeRow(CsvWriter& writer, QStringView ns, const StoredFields& f, bool withValues)
{
    writer.addField(ns);
    writer.addUtf8Field(f.key);
    addType(writer, f.type);
    writer.addUtf8Field(f.description);
    writeNumbers(writer, f.size, f.createdAtMs, f.updatedAtMs, f.expiresAtMs);
    if (withValues)
        writer.addUtf8Field(f.valueText);
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
