// CsvReader over arbitrary bytes, reading every record. Input: one mode byte (bit 0: the reader
// strips neutralising apostrophes; bits 1-4: chunk size 1-16), then the CSV.
// The bytes are read twice: from a QBuffer (one read gets everything) and from a device that
// hands out a few bytes at a time. Both must give the same records, error and line numbers.

#include "ChunkedDevice.h"
#include "format/CsvReader.h"
#include "FuzzSupport.h"

#include <QBuffer>
#include <QList>

namespace {

struct Outcome
{
    QList<QStringList> records;
    QList<qint64> lines;
    QString error;

    bool operator==(const Outcome& o) const
    {
        return records == o.records && lines == o.lines && error == o.error;
    }
};

Outcome readAll(QIODevice* device, bool neutralised)
{
    kv::CsvReader reader(device, neutralised);
    Outcome out;
    QStringList fields;
    while (reader.readRecord(fields)) {
        KVDESK_FUZZ_REQUIRE(!fields.isEmpty(), QStringLiteral("a record without fields"));
        KVDESK_FUZZ_REQUIRE(reader.recordNumber() == out.records.size() + 1,
                            QStringLiteral("record number %1 after %2 records")
                                .arg(reader.recordNumber())
                                .arg(out.records.size()));
        KVDESK_FUZZ_REQUIRE(reader.lineNumber() >= 1 &&
                                (out.lines.isEmpty() || reader.lineNumber() > out.lines.last()),
                            QStringLiteral("line number %1").arg(reader.lineNumber()));
        out.records.append(fields);
        out.lines.append(reader.lineNumber());
    }
    KVDESK_FUZZ_REQUIRE(fields.isEmpty(), QStringLiteral("fields left after the end"));
    out.error = reader.error();
    KVDESK_FUZZ_REQUIRE(reader.hasError() == !out.error.isEmpty(), out.error);
    if (reader.hasError())
        KVDESK_FUZZ_REQUIRE(out.error.startsWith(QLatin1String("line ")), out.error);
    // Once finished, it stays finished.
    KVDESK_FUZZ_REQUIRE(!reader.readRecord(fields) && fields.isEmpty(),
                        QStringLiteral("a record after the end"));
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const bool neutralised = data[0] & 1;
    const qint64 chunk = ((data[0] >> 1) & 15) + 1;
    QByteArray csv = kvfuzz::bytes(data + 1, size - 1);

    QBuffer buffer(&csv);
    buffer.open(QIODevice::ReadOnly);
    const Outcome whole = readAll(&buffer, neutralised);

    kvfuzz::ChunkedDevice device(csv, chunk);
    const Outcome chunked = readAll(&device, neutralised);
    KVDESK_FUZZ_REQUIRE(whole == chunked,
                        QStringLiteral("reading %1 bytes at a time gives %2 records (error %3), "
                                       "reading at once %4 (error %5)")
                            .arg(chunk)
                            .arg(chunked.records.size())
                            .arg(kvfuzz::show(chunked.error))
                            .arg(whole.records.size())
                            .arg(kvfuzz::show(whole.error)));
    return 0;
}
