#include "domain/CatalogError.h"
#include "domain/Rules.h"
#include "ExpectError.h"
#include "format/CsvExport.h"
#include "format/CsvReader.h"
#include "format/CsvWriter.h"

#include <cstring>
#include <memory>
#include <QBuffer>
#include <QTest>

using namespace kv;
using namespace Qt::StringLiterals;

using Records = QList<QStringList>;
using Lines = QList<qint64>;

namespace {

// A QBuffer whose reads return only a few bytes each (cycling through `pattern`), so that chunk
// boundaries fall everywhere: inside quoted fields, between CR and LF, inside UTF-8 sequences.
class ChunkedBuffer : public QBuffer
{
public:
    ChunkedBuffer(const QByteArray& data, QList<qint64> pattern)
        : m_pattern(std::move(pattern))
    {
        setData(data);
        open(QIODevice::ReadOnly);
    }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        const qint64 limit = m_pattern.at(m_next++ % m_pattern.size());
        return QBuffer::readData(data, qMin(maxSize, limit));
    }

private:
    QList<qint64> m_pattern;
    qsizetype m_next = 0;
};

// A sequential device (like a pipe) that hands out its data a few bytes at a time and answers -1
// at the end, as a closed socket does.
class SequentialSource : public QIODevice
{
public:
    explicit SequentialSource(QByteArray data)
        : m_data(std::move(data))
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        const qint64 n = qMin(qMin(maxSize, qint64(2 + m_calls++ % 5)), m_data.size() - m_offset);
        if (n <= 0)
            return -1;
        std::memcpy(data, m_data.constData() + m_offset, size_t(n));
        m_offset += n;
        return n;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray m_data;
    qsizetype m_offset = 0;
    qint64 m_calls = 0;
};

// A device whose every write fails.
class FailingDevice : public QIODevice
{
public:
    FailingDevice() { open(QIODevice::WriteOnly); }

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char*, qint64) override
    {
        setErrorString(u"disk full"_s);
        return -1;
    }
};

const QByteArray kBom = QByteArrayLiteral("\xEF\xBB\xBF");

enum class Source { Buffer, TinyChunks, Sequential };
const Source kSources[] = {Source::Buffer, Source::TinyChunks, Source::Sequential};

std::unique_ptr<QIODevice> makeSource(const QByteArray& data, Source source)
{
    if (source == Source::TinyChunks)
        return std::make_unique<ChunkedBuffer>(data, QList<qint64>{1, 2, 3});
    if (source == Source::Sequential)
        return std::make_unique<SequentialSource>(data);
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(data);
    buffer->open(QIODevice::ReadOnly);
    return buffer;
}

QByteArray writeAll(const Records& records, bool bom = false, bool neutralise = true)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        CsvWriter writer(&buffer, bom, neutralise);
        for (const QStringList& record : records)
            writer.writeRecord(record);
        writer.flush();
    }
    return buffer.data();
}

struct ReadResult
{
    Records records;
    Lines lines;
    QString error;
    bool numberingOk = true; // recordNumber() counted the records returned
    bool staysDone = true;   // after the end or an error, readRecord() keeps answering false
};

ReadResult readAll(QIODevice* device, bool neutralised = true)
{
    CsvReader reader(device, neutralised);
    ReadResult result;
    QStringList fields;
    while (reader.readRecord(fields)) {
        result.records.append(fields);
        result.lines.append(reader.lineNumber());
        result.numberingOk = result.numberingOk && reader.recordNumber() == result.records.size();
    }
    result.error = reader.error();
    result.staysDone = fields.isEmpty() && !reader.readRecord(fields) && fields.isEmpty() &&
                       reader.error() == result.error;
    return result;
}

} // namespace

class TestCsv : public QObject
{
    Q_OBJECT

private slots:
    void utf8FieldsAreWrittenAsTheirText_data();
    void utf8FieldsAreWrittenAsTheirText();
    void storedFieldsRowEqualsEntryRow();
    void fixturesDeliverTinyChunks();
    void encodeField_data();
    void encodeField();
    void writeRecords_data();
    void writeRecords();
    void incrementalMatchesWriteRecord();
    void destructorFlushes();
    void largeOutputIsFlushedInBlocks();
    void writeFailureThrows();
    void roundTrip_data();
    void roundTrip();
    void read_data();
    void read();
    void readErrors_data();
    void readErrors();
    void readFailure();
    void everyChunkBoundary();
    void fieldSizeLimit_data();
    void fieldSizeLimit();
    void hugeFieldStopsEarly();
};

void TestCsv::fixturesDeliverTinyChunks()
{
    // The chunked tests only mean something if the reader really sees tiny reads.
    char buf[64];
    ChunkedBuffer chunked(QByteArray(40, 'x'), {1, 2, 3});
    QCOMPARE(chunked.read(buf, sizeof buf), qint64(1));
    QCOMPARE(chunked.read(buf, sizeof buf), qint64(2));
    QCOMPARE(chunked.read(buf, sizeof buf), qint64(3));
    SequentialSource sequential(QByteArray(40, 'x'));
    QVERIFY(sequential.read(buf, sizeof buf) <= 6);
}

void TestCsv::encodeField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<bool>("neutralise");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("plain") << u"abc"_s << true << "abc"_ba;
    QTest::newRow("empty") << QString() << true << QByteArray();
    QTest::newRow("space") << u" a "_s << true << " a "_ba;
    QTest::newRow("comma") << u"a,b"_s << true << "\"a,b\""_ba;
    QTest::newRow("quotes") << u"say \"hi\""_s << true << "\"say \"\"hi\"\"\""_ba;
    QTest::newRow("lone quote") << u"\""_s << true << "\"\"\"\""_ba;
    QTest::newRow("LF") << u"a\nb"_s << true << "\"a\nb\""_ba;
    QTest::newRow("CR inside") << u"a\rb"_s << true << "\"a\rb\""_ba;
    QTest::newRow("CRLF inside") << u"a\r\nb"_s << true << "\"a\r\nb\""_ba;
    QTest::newRow("equals") << u"=1+2"_s << true << "'=1+2"_ba;
    QTest::newRow("plus") << u"+1"_s << true << "'+1"_ba;
    QTest::newRow("minus") << u"-1"_s << true << "'-1"_ba;
    QTest::newRow("at") << u"@SUM(A1)"_s << true << "'@SUM(A1)"_ba;
    QTest::newRow("tab") << u"\tx"_s << true << "'\tx"_ba;
    QTest::newRow("CR first") << u"\rx"_s << true << "\"'\rx\""_ba;
    QTest::newRow("CRLF first") << u"\r\nx"_s << true << "\"'\r\nx\""_ba;
    QTest::newRow("apostrophe") << u"'quoted"_s << true << "''quoted"_ba;
    QTest::newRow("trigger and comma") << u"=a,b"_s << true << "\"'=a,b\""_ba;
    QTest::newRow("trigger not first") << u"a=b-c"_s << true << "a=b-c"_ba;
    QTest::newRow("off: equals") << u"=1"_s << false << "=1"_ba;
    QTest::newRow("off: apostrophe") << u"'x"_s << false << "'x"_ba;
    QTest::newRow("off: CR") << u"\r"_s << false << "\"\r\""_ba;
    QTest::newRow("latin") << u"é"_s << true << "\xC3\xA9"_ba;
    QTest::newRow("cjk") << u"日本"_s << true << "\xE6\x97\xA5\xE6\x9C\xAC"_ba;
    QTest::newRow("emoji") << u"😀"_s << true << "\xF0\x9F\x98\x80"_ba;
    QTest::newRow("leading U+FEFF") << u"\uFEFFa"_s << true << "\"" + kBom + "a\""_ba;
    QTest::newRow("lone surrogate") << QString(QChar(0xD800)) << true << "\xEF\xBF\xBD"_ba;
}

void TestCsv::encodeField()
{
    QFETCH(QString, field);
    QFETCH(bool, neutralise);
    QFETCH(QByteArray, expected);
    QCOMPARE(CsvWriter::encodeField(field, neutralise), expected);
}

void TestCsv::writeRecords_data()
{
    QTest::addColumn<Records>("records");
    QTest::addColumn<bool>("bom");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("simple") << Records{{u"a"_s, u"b"_s, u"c"_s}} << false << "a,b,c\r\n"_ba;
    QTest::newRow("bom") << Records{{u"a"_s}} << true << kBom + "a\r\n"_ba;
    QTest::newRow("bom, no records") << Records{} << true << kBom;
    QTest::newRow("no records") << Records{} << false << QByteArray();
    QTest::newRow("two records") << Records{{u"key"_s, u"value"_s}, {u"k,1"_s, u"say \"x\""_s}}
                                 << false << "key,value\r\n\"k,1\",\"say \"\"x\"\"\"\r\n"_ba;
    QTest::newRow("empty fields") << Records{{QString(), u"x"_s, QString()}} << false
                                  << ",x,\r\n"_ba;
    QTest::newRow("one empty field")
        << Records{{QString()}, {u"a"_s}} << false << "\"\"\r\na\r\n"_ba;
    QTest::newRow("no fields") << Records{QStringList()} << false << "\r\n"_ba;
    QTest::newRow("multi-line and formula")
        << Records{{u"-5"_s, u"a\nb"_s, u"=x"_s}} << false << "'-5,\"a\nb\",'=x\r\n"_ba;
}

void TestCsv::writeRecords()
{
    QFETCH(Records, records);
    QFETCH(bool, bom);
    QFETCH(QByteArray, expected);
    QCOMPARE(writeAll(records, bom), expected);
}

void TestCsv::incrementalMatchesWriteRecord()
{
    const QString text = u"xx=1,2;x"_s;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer);
    writer.addField(QStringView(text).mid(2, 5));
    writer.addField(u"plain");
    writer.endRecord();
    writer.addField(QStringView());
    writer.endRecord();
    writer.flush();
    QCOMPARE(buffer.data(), writeAll({{u"=1,2;"_s, u"plain"_s}, {QString()}}));
    QCOMPARE(buffer.data(), "\"'=1,2;\",plain\r\n\"\"\r\n"_ba);
}

void TestCsv::destructorFlushes()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        CsvWriter writer(&buffer, true);
        writer.writeRecord({u"a"_s, u"b"_s});
        QVERIFY(buffer.data().isEmpty()); // still buffered
    }
    QCOMPARE(buffer.data(), kBom + "a,b\r\n"_ba);
}

void TestCsv::largeOutputIsFlushedInBlocks()
{
    const QStringList record{u"namespace"_s, u"some/key/with/a/path"_s, u"a value, quoted"_s,
                             u"Ünïcödé"_s};
    const QByteArray line = "namespace,some/key/with/a/path,\"a value, quoted\","_ba +
                            u"Ünïcödé"_s.toUtf8() + "\r\n"_ba;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer);
    const int rows = 20000;
    for (int i = 0; i < rows; ++i)
        writer.writeRecord(record);
    QVERIFY(buffer.data().size() >= 256 * 1024); // flushed before the explicit flush()
    QVERIFY(buffer.data().size() < line.size() * rows);
    writer.flush();
    QCOMPARE(buffer.data(), line.repeated(rows));
}

void TestCsv::writeFailureThrows()
{
    FailingDevice device;
    {
        CsvWriter writer(&device);
        writer.writeRecord({u"a"_s});
        if (!kvtest::expectError(
                ErrorCode::Internal, [&] { writer.flush(); }, u"disk full"_s))
            return;
        writer.writeRecord({u"b"_s}); // left for the destructor, which must not throw
    }
}

void TestCsv::roundTrip_data()
{
    QTest::addColumn<Records>("records");
    QTest::addColumn<bool>("bom");
    QTest::addColumn<bool>("neutralise");

    QString longField;
    for (int i = 0; i < 20000; ++i)
        longField += u"ab,\"\r\n😀é'=\r"_s;
    QStringList wide;
    for (int i = 0; i < 200; ++i)
        wide << QString::number(i);

    const QList<std::pair<const char*, Records>> rows{
        {"plain", {{u"key"_s, u"value"_s}, {u"a"_s, u"b"_s}}},
        {"separators and quotes",
         {{u"a,b"_s, u"\"quoted\""_s, u"\""_s, u","_s, u"\"\""_s, u"a\"b,c"_s}}},
        {"line breaks",
         {{u"l1\nl2"_s, u"cr\ronly"_s, u"crlf\r\nend"_s, u"\n"_s, u"\r"_s, u"\r\n"_s, u"\n\r"_s,
           u"end\r"_s}}},
        {"formula triggers",
         {{u"=1+2"_s, u"+1"_s, u"-1"_s, u"@SUM(A1)"_s, u"\tx"_s, u"\rx"_s, u"="_s, u"-"_s}}},
        {"apostrophes", {{u"'"_s, u"''"_s, u"'quoted'"_s, u"'=x"_s, u"a'b"_s, u"'\r\n"_s}}},
        {"unicode", {{u"é"_s, u"日本語"_s, u"😀 emoji"_s, u"ä😀z"_s, u"\u00A0nbsp"_s}}},
        {"leading U+FEFF", {{u"\uFEFFbom"_s, u"x"_s}, {u"\uFEFF"_s}}},
        {"empty fields",
         {{QString(), QString(), QString()},
          {QString()},
          {u"a"_s, QString()},
          {QString(), u"b"_s}}},
        {"whitespace", {{u" "_s, u" a "_s, u"\t"_s}}},
        {"very long field", {{u"before"_s, longField, u"after"_s}, {u"next"_s}}},
        {"many columns", {wide, wide}},
    };
    for (const auto& [name, records] : rows) {
        for (bool bom : {false, true}) {
            for (bool neutralise : {true, false})
                QTest::addRow("%s bom=%d neutralise=%d", name, bom, neutralise)
                    << records << bom << neutralise;
        }
    }
}

void TestCsv::roundTrip()
{
    QFETCH(Records, records);
    QFETCH(bool, bom);
    QFETCH(bool, neutralise);
    const QByteArray csv = writeAll(records, bom, neutralise);
    for (Source source : kSources) {
        const auto device = makeSource(csv, source);
        const ReadResult result = readAll(device.get(), neutralise);
        QCOMPARE(result.error, QString());
        QCOMPARE(result.records, records);
        QVERIFY(result.numberingOk);
        QVERIFY(result.staysDone);
    }
}

void TestCsv::read_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("neutralised");
    QTest::addColumn<Records>("records");
    QTest::addColumn<Lines>("lines");

    const Records abcd{{u"a"_s, u"b"_s}, {u"c"_s, u"d"_s}};
    QTest::newRow("CRLF") << "a,b\r\nc,d\r\n"_ba << true << abcd << Lines{1, 2};
    QTest::newRow("LF only") << "a,b\nc,d\n"_ba << true << abcd << Lines{1, 2};
    QTest::newRow("no final line break") << "a,b\r\nc,d"_ba << true << abcd << Lines{1, 2};
    QTest::newRow("empty input") << QByteArray() << true << Records{} << Lines{};
    QTest::newRow("only empty lines") << "\r\n\n\r\n"_ba << true << Records{} << Lines{};
    QTest::newRow("empty lines skipped")
        << "\r\n\na\r\n\r\n\nb\n"_ba << true << Records{{u"a"_s}, {u"b"_s}} << Lines{3, 6};
    QTest::newRow("CR alone ends records")
        << "a\rb\r\rc"_ba << true << Records{{u"a"_s}, {u"b"_s}, {u"c"_s}} << Lines{1, 2, 4};
    QTest::newRow("mixed line ends")
        << "a\r\nb\nc\rd"_ba << true << Records{{u"a"_s}, {u"b"_s}, {u"c"_s}, {u"d"_s}}
        << Lines{1, 2, 3, 4};
    QTest::newRow("BOM") << kBom + "a,b\r\nc,d\r\n"_ba << true << abcd << Lines{1, 2};
    QTest::newRow("BOM only") << kBom << true << Records{} << Lines{};
    QTest::newRow("BOM then empty line")
        << kBom + "\r\nx"_ba << true << Records{{u"x"_s}} << Lines{2};
    QTest::newRow("U+FEFF later is data")
        << "a\r\n"_ba + kBom + "b"_ba << true << Records{{u"a"_s}, {u"\uFEFFb"_s}} << Lines{1, 2};
    QTest::newRow("empty fields") << ",,\r\n"_ba << true
                                  << Records{{QString(), QString(), QString()}} << Lines{1};
    QTest::newRow("trailing separator at end")
        << "a,"_ba << true << Records{{u"a"_s, QString()}} << Lines{1};
    QTest::newRow("quoted empty field")
        << "\"\"\r\n\"\""_ba << true << Records{{QString()}, {QString()}} << Lines{1, 2};
    QTest::newRow("quoted separators") << "\"a,b\",\"c\"\"d\",\"\"\"\"\n"_ba << true
                                       << Records{{u"a,b"_s, u"c\"d"_s, u"\""_s}} << Lines{1};
    QTest::newRow("multi-line fields")
        << "h1,h2\r\n\"x\r\ny\",z\r\n\"p\nq\rr\",\"\"\"\"\r\nlast"_ba << true
        << Records{{u"h1"_s, u"h2"_s}, {u"x\r\ny"_s, u"z"_s}, {u"p\nq\rr"_s, u"\""_s}, {u"last"_s}}
        << Lines{1, 2, 4, 7};
    QTest::newRow("apostrophes stripped")
        << "'=1,''x,',a'b\r\n\"'=a,b\""_ba << true
        << Records{{u"=1"_s, u"'x"_s, QString(), u"a'b"_s}, {u"=a,b"_s}} << Lines{1, 2};
    QTest::newRow("apostrophes kept")
        << "'=1,''x,',a'b\r\n\"'=a,b\""_ba << false
        << Records{{u"'=1"_s, u"''x"_s, u"'"_s, u"a'b"_s}, {u"'=a,b"_s}} << Lines{1, 2};
    QTest::newRow("unicode") << u"é,日本,😀\n"_s.toUtf8() << true
                             << Records{{u"é"_s, u"日本"_s, u"😀"_s}} << Lines{1};
}

void TestCsv::read()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, neutralised);
    QFETCH(Records, records);
    QFETCH(Lines, lines);
    for (Source source : kSources) {
        const auto device = makeSource(input, source);
        const ReadResult result = readAll(device.get(), neutralised);
        QCOMPARE(result.error, QString());
        QCOMPARE(result.records, records);
        QCOMPARE(result.lines, lines);
        QVERIFY(result.numberingOk);
        QVERIFY(result.staysDone);
    }
}

void TestCsv::readErrors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("goodRecords");
    QTest::addColumn<QString>("error");

    const QString unterminated = u"unterminated quoted field"_s;
    QTest::newRow("unterminated") << "a,b\r\n\"open\r\nstill"_ba << 1
                                  << u"line 2: "_s + unterminated;
    QTest::newRow("unterminated after multi-line")
        << "\"x\ny\",z\n\r\n\"open"_ba << 1 << u"line 4: "_s + unterminated;
    QTest::newRow("unterminated opened later")
        << "a,\"b\nc\",\"d\n"_ba << 0 << u"line 1: "_s + unterminated + u" (opened on line 2)"_s;
    QTest::newRow("quote in unquoted field")
        << "h\r\nab\"c,d\r\n"_ba << 1 << u"line 2: quote character inside an unquoted field"_s;
    QTest::newRow("quote at end of unquoted")
        << "h\nx,y\"\n"_ba << 1 << u"line 2: quote character inside an unquoted field"_s;
    QTest::newRow("text after closing quote")
        << "h\r\n\r\n\"ab\"c,d\r\n"_ba << 1
        << u"line 3: unexpected character after a closing quote"_s;
    QTest::newRow("space after closing quote")
        << "\"a\" ,b"_ba << 0 << u"line 1: unexpected character after a closing quote"_s;
    QTest::newRow("bad continuation")
        << "ok\r\nx,\xC3\x28\r\n"_ba << 1 << u"line 2: invalid UTF-8 in field 2"_s;
    QTest::newRow("overlong") << "\xC0\xAF"_ba << 0 << u"line 1: invalid UTF-8 in field 1"_s;
    QTest::newRow("surrogate") << "a\n\n\xED\xA0\x80"_ba << 1
                               << u"line 3: invalid UTF-8 in field 1"_s;
    QTest::newRow("above U+10FFFF")
        << "\xF4\x90\x80\x80"_ba << 0 << u"line 1: invalid UTF-8 in field 1"_s;
    QTest::newRow("stray continuation")
        << "a,b,\x80\n"_ba << 0 << u"line 1: invalid UTF-8 in field 3"_s;
    QTest::newRow("truncated at end")
        << "a\n\xE2\x82"_ba << 1 << u"line 2: invalid UTF-8 in field 1"_s;
    QTest::newRow("in multi-line quoted field")
        << "a\n\"x\r\n\xFF\",b\n"_ba << 1 << u"line 2: invalid UTF-8 in field 1"_s;
}

void TestCsv::readErrors()
{
    QFETCH(QByteArray, input);
    QFETCH(int, goodRecords);
    QFETCH(QString, error);
    for (Source source : kSources) {
        const auto device = makeSource(input, source);
        const ReadResult result = readAll(device.get());
        QCOMPARE(result.records.size(), qsizetype(goodRecords));
        QCOMPARE(result.error, error);
        QVERIFY(result.staysDone);
    }
}

void TestCsv::readFailure()
{
    QBuffer closed; // read() answers -1
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::read (QBuffer): device not open");
    const ReadResult result = readAll(&closed);
    QCOMPARE(result.records, Records{});
    QCOMPARE(result.error, u"line 1: cannot read CSV: the device is not open for reading"_s);
}

void TestCsv::everyChunkBoundary()
{
    // Split a tricky input at every byte: the first read returns `split` bytes, the next the rest.
    const QByteArray input =
        kBom +
        u"h1,h2\r\n\"é,\"\"x\r\n😀\",'=y\r\n\r\n\"a\rb\"\r\"\"\n日本,\"z\"\r\nlast,"_s.toUtf8();
    const Records expected{
        {u"h1"_s, u"h2"_s}, {u"é,\"x\r\n😀"_s, u"=y"_s}, {u"a\rb"_s},
        {QString()},        {u"日本"_s, u"z"_s},        {u"last"_s, QString()},
    };
    const Lines lines{1, 2, 5, 7, 8, 9};
    for (qint64 split = 1; split < input.size(); ++split) {
        ChunkedBuffer device(input, {split, 1 << 20});
        const ReadResult result = readAll(&device);
        QCOMPARE(result.error, QString());
        QCOMPARE(result.records, expected);
        QCOMPARE(result.lines, lines);
    }
}

void TestCsv::fieldSizeLimit_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("goodRecords");
    QTest::addColumn<QString>("error");
    const QString tooLong = u"field 2 is larger than the limit of 10 bytes"_s;
    QTest::newRow("at the limit") << "h\r\nk,0123456789\r\n"_ba << 2 << QString();
    QTest::newRow("quoted at the limit") << "h\r\nk,\"01234\"\"6789\"\r\n"_ba << 2 << QString();
    QTest::newRow("neutralised at the limit") << "h\r\nk,'=123456789\r\n"_ba << 2 << QString();
    QTest::newRow("one byte over")
        << "h\r\nk,0123456789X\r\nz\r\n"_ba << 1 << u"line 2: "_s + tooLong;
    QTest::newRow("last field over, no line end")
        << "h\nk,0123456789X"_ba << 1 << u"line 2: "_s + tooLong;
    QTest::newRow("quoted over, multi-line")
        << "h\r\n\r\nk,\"0123\r\n456789\"\r\n"_ba << 1 << u"line 3: "_s + tooLong;
    QTest::newRow("doubled quotes over")
        << "k,\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\""_ba << 0 << u"line 1: "_s + tooLong;
}

void TestCsv::fieldSizeLimit()
{
    QFETCH(QByteArray, input);
    QFETCH(int, goodRecords);
    QFETCH(QString, error);
    for (Source source : kSources) {
        const auto device = makeSource(input, source);
        CsvReader reader(device.get());
        QCOMPARE(reader.maxFieldBytes(), kv::rules::defaultMaxValueBytes);
        reader.setMaxFieldBytes(10);
        QStringList fields;
        int records = 0;
        while (reader.readRecord(fields))
            ++records;
        QCOMPARE(reader.error(), error);
        QCOMPARE(records, goodRecords);
    }
}

void TestCsv::hugeFieldStopsEarly()
{
    // A 17 MiB field with the default limit of 16 MiB: refused, and the reader stops reading
    // soon after the limit instead of buffering the whole field.
    const qint64 size = 17 * 1024 * 1024;
    QByteArray input = "key,value\r\nbig,";
    input += QByteArray(size, 'x');
    input += "\r\nnext,1\r\n";
    QBuffer device(&input);
    device.open(QIODevice::ReadOnly);
    CsvReader reader(&device);
    QStringList fields;
    QVERIFY(reader.readRecord(fields));
    QVERIFY(!reader.readRecord(fields));
    QCOMPARE(reader.error(), u"line 2: field 2 is larger than the limit of 16777216 bytes"_s);
    QVERIFY2(device.pos() < kv::rules::defaultMaxValueBytes + 1024 * 1024,
             qPrintable(QString::number(device.pos())));
}

void TestCsv::utf8FieldsAreWrittenAsTheirText_data()
{
    QTest::addColumn<QString>("text");
    for (const char* text : {"",
                             "plain",
                             "a,b",
                             "say \"hi\"",
                             "line\nbreak",
                             "cr\r",
                             "=1+2",
                             "+1",
                             "-1",
                             "@x",
                             "\tx",
                             "'quoted",
                             "\xEF\xBB\xBF"
                             "bom",
                             "x\xEF\xBB\xBF",
                             "Gr\xC3\xBC\xC3\x9F"
                             "e",
                             "\xF0\x9F\x99\x82,",
                             "\"",
                             ",",
                             "'",
                             "\r\n"})
        QTest::newRow(text) << QString::fromUtf8(text);
    // QString::fromUtf8 drops a leading byte-order mark; this one keeps it.
    QTest::newRow("U+FEFF first") << QChar(0xFEFF) + QStringLiteral("x");
}

void TestCsv::utf8FieldsAreWrittenAsTheirText()
{
    QFETCH(QString, text);
    for (const bool neutralise : {true, false}) {
        QCOMPARE(CsvWriter::encodeUtf8Field(text.toUtf8(), neutralise),
                 CsvWriter::encodeField(text, neutralise));
    }
    // And in a record: a single empty field is written as "".
    QByteArray viaText, viaUtf8;
    {
        QBuffer a(&viaText), b(&viaUtf8);
        QVERIFY(a.open(QIODevice::WriteOnly) && b.open(QIODevice::WriteOnly));
        CsvWriter wa(&a), wb(&b);
        wa.addField(text);
        wa.endRecord();
        wb.addUtf8Field(text.toUtf8());
        wb.endRecord();
    }
    QCOMPARE(viaUtf8, viaText);
}

void TestCsv::storedFieldsRowEqualsEntryRow()
{
    KvEntry e;
    e.ns = QStringLiteral("team.a");
    e.key = QStringLiteral("k,1");
    e.type = ValueType::Json;
    e.description = QString::fromUtf8("=desc \"q\" \xC3\xBC");
    e.size = 17;
    e.createdAtMs = 1'700'000'000'123;
    e.updatedAtMs = 1'700'000'100'000;
    e.value = KvValue::parse(ValueType::Json, QStringLiteral("{\"a\":[1,\"x,y\"]}"));
    const QByteArray key = e.key.toUtf8(), description = e.description.toUtf8();
    const QByteArray valueText = e.value->text().toUtf8();
    csvexport::StoredFields f;
    f.key = key;
    f.type = e.type;
    f.description = description;
    f.size = e.size;
    f.createdAtMs = e.createdAtMs;
    f.updatedAtMs = e.updatedAtMs;
    f.valueText = valueText;
    for (const std::optional<qint64> expires :
         {std::optional<qint64>(), std::optional<qint64>(1'800'000'000'000)}) {
        e.expiresAtMs = f.expiresAtMs = expires;
        for (const bool withValues : {true, false}) {
            QByteArray fromEntry, fromFields;
            {
                QBuffer a(&fromEntry), b(&fromFields);
                QVERIFY(a.open(QIODevice::WriteOnly) && b.open(QIODevice::WriteOnly));
                CsvWriter wa(&a), wb(&b);
                csvexport::writeRow(wa, e, withValues);
                csvexport::writeRow(wb, e.ns, f, withValues);
            }
            QCOMPARE(fromFields, fromEntry);
            QVERIFY(fromEntry.startsWith("team.a,\"k,1\",JSON,\"'=desc"));
        }
    }
}

QTEST_APPLESS_MAIN(TestCsv)
#include "tst_csv.moc"
