// CsvWriter then CsvReader: what is written reads back field for field.
// Input: one mode byte, then text split into records at U+001E and into fields at U+001F.
// Mode: bit 0 write a byte-order mark; bit 1 neutralise formulas (the reader then strips the
// apostrophe again; without, it reads the fields as they are); bit 2 the text is raw UTF-16;
// bit 3 ASCII fields go through addAsciiField (the export's fast path).
// Expected differences, both by design: a lone surrogate is written as U+FFFD, and a record
// without fields is an empty line, which readers skip (splitting never makes one here).

#include "format/CsvReader.h"
#include "format/CsvWriter.h"
#include "FuzzSupport.h"

#include <QBuffer>
#include <QList>

namespace {

bool isAscii(const QString& s)
{
    for (QChar c : s) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

// What the writer makes of a lone surrogate.
QString withoutLoneSurrogates(QString s)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s.at(i).isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate())
            ++i;
        else if (s.at(i).isSurrogate())
            s[i] = QChar::ReplacementCharacter;
    }
    return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const bool bom = data[0] & 1;
    const bool neutralise = data[0] & 2;
    const bool utf16 = data[0] & 4;
    const bool asciiPath = data[0] & 8;
    const QString input = kvfuzz::text(data + 1, size - 1, utf16);

    QList<QStringList> records;
    for (const QString& record : input.split(QChar(0x1E)))
        records.append(record.split(QChar(0x1F)));

    QByteArray csv;
    {
        QBuffer out(&csv);
        out.open(QIODevice::WriteOnly);
        kv::CsvWriter writer(&out, bom, neutralise);
        for (const QStringList& fields : records) {
            for (const QString& field : fields) {
                if (asciiPath && isAscii(field)) {
                    const QByteArray latin1 = field.toLatin1();
                    writer.addAsciiField(QLatin1String(latin1.constData(), latin1.size()));
                } else {
                    writer.addField(field);
                }
            }
            writer.endRecord();
        }
        writer.flush();
    }
    if (bom)
        KVDESK_FUZZ_REQUIRE(csv.startsWith("\xEF\xBB\xBF"), QStringLiteral("no byte-order mark"));

    QBuffer in(&csv);
    in.open(QIODevice::ReadOnly);
    kv::CsvReader reader(&in, neutralise);
    QStringList fields;
    qsizetype index = 0;
    while (reader.readRecord(fields)) {
        KVDESK_FUZZ_REQUIRE(index < records.size(), QStringLiteral("more records than written"));
        QStringList expected;
        for (const QString& field : records.at(index))
            expected.append(withoutLoneSurrogates(field));
        KVDESK_FUZZ_REQUIRE(fields == expected,
                            QStringLiteral("record %1 reads back as %2 fields, first %3; "
                                           "written %4 fields, first %5")
                                .arg(index + 1)
                                .arg(fields.size())
                                .arg(kvfuzz::show(fields.value(0)))
                                .arg(expected.size())
                                .arg(kvfuzz::show(expected.value(0))));
        ++index;
    }
    KVDESK_FUZZ_REQUIRE(!reader.hasError(), reader.error());
    KVDESK_FUZZ_REQUIRE(
        index == records.size(),
        QStringLiteral("%1 of %2 records read back").arg(index).arg(records.size()));
    return 0;
}
