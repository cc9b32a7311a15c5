// kvdesk-cli as a real process: export and import (CSV), checked against the stored data.
#include "CliTestCase.h"
#include "format/CsvReader.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString str(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

// Every record of a CSV text, read back with the project's reader (formula marks removed).
QList<QStringList> csvRecords(const QByteArray& csv)
{
    QBuffer buffer;
    buffer.setData(csv);
    buffer.open(QIODevice::ReadOnly);
    kv::CsvReader reader(&buffer);
    QList<QStringList> records;
    QStringList fields;
    while (reader.readRecord(fields))
        records << fields;
    if (reader.hasError())
        QTest::qFail(qPrintable(reader.error()), __FILE__, __LINE__);
    return records;
}

// The known catalog of the export tests: key, `set` arguments after the key, CSV row without
// the time columns (as written, neutralised), CSV value cell.
struct KnownPair
{
    const char* key;
    QStringList setArgs;
    QByteArray row; // "key,TYPE,description,size" (the part before the times)
    QByteArray value;
};

QList<KnownPair> knownPairs()
{
    const QString desc = QStringLiteral("--description");
    return {
        {"a",
         {str("hello, world"), desc, str("=SUM(A1)")},
         "a,STRING,'=SUM(A1),14",
         "\"hello, world\""},
        {"b",
         {str("42"), QStringLiteral("--type"), QStringLiteral("NUMBER"), desc, str("plain")},
         "b,NUMBER,plain,2",
         "42"},
        {"c",
         {str("{\"x\": \"y\"}"), QStringLiteral("--type"), QStringLiteral("JSON"), desc,
          str("say \"hi\"")},
         "c,JSON,\"say \"\"hi\"\"\",9",
         "\"{\"\"x\"\":\"\"y\"\"}\""},
        {"d", {str("-minus"), desc, str("'quoted")}, "d,STRING,''quoted,8", "'-minus"},
        {"e",
         {str("2024-02-29"), QStringLiteral("--type"), QStringLiteral("DATE"),
          QStringLiteral("--ttl"), QStringLiteral("P1D")},
         "e,DATE,,12",
         "2024-02-29"},
        {"f", {str("@home"), desc, str("two\nlines")}, "f,STRING,\"two\nlines\",7", "'@home"},
        {"g", {str("+1"), desc, str("\ttab")}, "g,STRING,'\ttab,4", "'+1"},
        {"h",
         {str("\u00fcn\u00efc\u00f6d\u00e9"), desc, str("gr\u00fc\u00dfe")},
         "h,STRING,gr\xc3\xbc\xc3\x9f"
         "e,13",
         "\xc3\xbcn\xc3\xaf"
         "c\xc3\xb6"
         "d\xc3\xa9"},
    };
}

} // namespace

class TestCliExchange : public CliTestCase
{
    Q_OBJECT

private slots:
    void init();
    void exportKnownCatalog_data();
    void exportKnownCatalog();
    void exportMatchesListing();
    void exportErrors();
    void importRoundTrip();
    void importMinimalColumns();
    void importPlacesValuesByInlineLimit();
    void importBadRowWritesNothing_data();
    void importBadRowWritesNothing();
    void importNoOverwrite();

private:
    void seedKnownCatalog(const QString& ns) const;
    QString writeFile(const QString& name, const QByteArray& bytes) const;
};

void TestCliExchange::init()
{
    startCatalog();
}

void TestCliExchange::seedKnownCatalog(const QString& ns) const
{
    for (const KnownPair& p : knownPairs())
        ok(QStringList{QStringLiteral("set"), ns, str(p.key)} + p.setArgs);
}

QString TestCliExchange::writeFile(const QString& name, const QByteArray& bytes) const
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        QTest::qFail(qPrintable(QStringLiteral("cannot write ") + path), __FILE__, __LINE__);
    return path;
}

void TestCliExchange::exportKnownCatalog_data()
{
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("only"); // keys expected, empty: all
    QTest::newRow("metadata") << QString() << QString();
    QTest::newRow("with values") << str("--with-values") << QString();
    QTest::newRow("bom") << str("--bom") << QString();
    QTest::newRow("bom and values") << str("--with-values --bom") << QString();
    QTest::newRow("prefix") << str("--prefix c --with-values") << str("c");
    QTest::newRow("to stdout with -o -") << str("-o -") << QString();
}

void TestCliExchange::exportKnownCatalog()
{
    QFETCH(QString, options);
    QFETCH(QString, only);
    seedKnownCatalog(QStringLiteral("ex"));
    ok("set ex.sub z not-exported");
    const bool withValues = options.contains(QLatin1String("--with-values"));
    QByteArray expected = options.contains(QLatin1String("--bom")) ? "\xef\xbb\xbf" : "";
    expected += "namespace,key,type,description,size,created,updated,expires";
    expected += withValues ? ",value\r\n" : "\r\n";
    for (const KnownPair& p : knownPairs()) {
        if (!only.isEmpty() && str(p.key) != only)
            continue;
        expected += "ex," + p.row + ",T,T," + (str(p.key) == QLatin1String("e") ? "T" : "");
        expected += withValues ? "," + p.value + "\r\n" : QByteArray("\r\n");
    }
    const CliResult r =
        ok(words("export ex") + options.split(QLatin1Char(' '), Qt::SkipEmptyParts));
    static const QRegularExpression time(
        QStringLiteral("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z"));
    const QByteArray bom = "\xef\xbb\xbf";
    const bool hasBom = r.out.startsWith(bom); // (QString::fromUtf8 would drop it)
    const QByteArray masked =
        (hasBom ? bom : QByteArray()) +
        QString::fromUtf8(r.out.mid(hasBom ? 3 : 0)).replace(time, QStringLiteral("T")).toUtf8();
    QCOMPARE(masked, expected);
    QVERIFY(r.err.isEmpty());
}

void TestCliExchange::exportMatchesListing()
{
    seedKnownCatalog(QStringLiteral("ex"));
    const QString file = m_dir->filePath(QStringLiteral("out.csv"));
    const CliResult r = ok(words("export ex --with-values -o") << file);
    QVERIFY_PRINTS(r, "Exported 8 pair(s)");
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray bytes = written.readAll();
    QCOMPARE(bytes, ok("export ex --with-values").out);

    // Read back with the project's reader, every cell equals what the catalog lists.
    const QList<QStringList> records = csvRecords(bytes);
    const QJsonArray listed = QJsonDocument::fromJson(ok("ls ex --json").out).array();
    QCOMPARE(records.size(), listed.size() + 1);
    for (int i = 0; i < listed.size(); ++i) {
        const QJsonObject e = listed.at(i).toObject();
        const QStringList& f = records.at(i + 1);
        QCOMPARE(f.size(), 9);
        QCOMPARE(f.at(0), QStringLiteral("ex"));
        QCOMPARE(f.at(1), e[u"key"].toString());
        QCOMPARE(f.at(2), e[u"type"].toString());
        QCOMPARE(f.at(3), e[u"description"].toString()); // "=SUM(A1)" again
        QCOMPARE(f.at(4).toLongLong(), e[u"size"].toInteger());
        QCOMPARE(f.at(5), e[u"creationDate"].toString());
        QCOMPARE(f.at(6), e[u"updateDate"].toString());
        QCOMPARE(f.at(7), e[u"expirationDate"].toString()); // "" for null
        const CliResult value = ok({QStringLiteral("get"), QStringLiteral("ex"), f.at(1)});
        QCOMPARE(f.at(8).toUtf8() + '\n', value.out);
    }
}

void TestCliExchange::exportErrors()
{
    ok("set ex k v");
    const QString target = m_dir->filePath(QStringLiteral("missing-folder/out.csv"));
    const CliResult unwritable = cli(words("export ex -o") << target);
    QCOMPARE_EXIT(unwritable, 1);
    QVERIFY2(unwritable.errorLines().value(0).contains(target), qPrintable(unwritable.describe()));
    QVERIFY(!QFileInfo::exists(target));
    const CliResult badNs = cli("export Ex");
    QCOMPARE_EXIT(badNs, 2);
    QVERIFY(badNs.out.isEmpty());
    const CliResult badPrefix = cli(
        {QStringLiteral("export"), QStringLiteral("ex"), QStringLiteral("--prefix"), str("a b")});
    QCOMPARE_EXIT(badPrefix, 2);
    QVERIFY_MENTIONS(badPrefix, "'a b'");
}

void TestCliExchange::importRoundTrip()
{
    seedKnownCatalog(QStringLiteral("src"));
    ok("set src n 12345678901234567890.000001 --type NUMBER");
    ok("set src t 2024-02-29T11:00:00.5+01:00 --type DATETIME");
    ok("set src u P2DT3H --type DURATION --ttl PT1H");
    ok("set src v FALSE --type BOOLEAN");
    ok("set src w [{\"deep\":[1,2,{\"x\":null}]}] --type JSON");
    const QString file = m_dir->filePath(QStringLiteral("src.csv"));
    ok(words("export src --with-values --bom -o") << file);
    const int filesBefore = files().size();

    const CliResult imported = ok(words("import dst") << file);
    QVERIFY_PRINTS(imported, "Imported 13 pair(s) into dst");
    QCOMPARE(files().size(), filesBefore); // small values go into their rows: no file
    const QList<QStringList> source = csvRecords(ok("export src --with-values").out);
    const QList<QStringList> copy = csvRecords(ok("export dst --with-values").out);
    QCOMPARE(copy.size(), source.size());
    for (int i = 1; i < source.size(); ++i) {
        QCOMPARE(copy.at(i).at(0), QStringLiteral("dst"));
        for (int column : {1, 2, 3, 4, 7, 8}) // not namespace, created, updated
            QCOMPARE(copy.at(i).at(column), source.at(i).at(column));
    }
    for (const char* key : {"b", "c", "n", "t", "w"}) {
        const CliResult a = ok(words("get src --json") << str(key));
        QCOMPARE(ok(words("get dst --json") << str(key)).out, a.out);
    }
    for (const QJsonValue& e : QJsonDocument::fromJson(ok("ls dst --json").out).array())
        QCOMPARE(e[u"revision"].toInt(), 1);
}

void TestCliExchange::importMinimalColumns()
{
    const QByteArray past =
        QDateTime::currentDateTimeUtc().addDays(-1).toString(Qt::ISODate).toUtf8();
    const QByteArray csv =
        "Value,KEY,Type,Expires\n42,n,number,\n\"a,b\",s,,\nold,gone,," + past + "\r\n";
    const CliResult r = ok(words("import dst -"), csv); // "-" reads standard input
    QVERIFY_PRINTS(r, "Imported 2 pair(s)");
    QVERIFY2(r.err.contains(QLatin1String("skipped 1 row(s)")), qPrintable(r.describe()));
    QCOMPARE(ok("get dst n --json").out, QByteArray("{\"type\":\"NUMBER\",\"value\":42}\n"));
    QCOMPARE(ok("get dst s").out, QByteArray("a,b\n"));
    QCOMPARE(keys(QStringLiteral("dst")), words("n s"));
    QCOMPARE(files().size(), 0); // small values go into their rows
}

void TestCliExchange::importPlacesValuesByInlineLimit()
{
    // The default inline limit is 16384 bytes of stored form (inclusive): a STRING of n
    // characters is stored as n + 2 bytes (its quotes).
    const QByteArray atLimit(16382, 'a');
    const QByteArray overLimit(16383, 'b');
    const QByteArray csv = "key,value\nat," + atLimit + "\nover," + overLimit + "\nsmall,x\n";
    const CliResult imported = ok(words("import place -"), csv);
    QVERIFY_PRINTS(imported, "Imported 3 pair(s)");
    QCOMPARE(files().size(), 1); // only the value over the limit is a file
    QCOMPARE(ok("get place at").out, atLimit + '\n');
    QCOMPARE(ok("get place over").out, overLimit + '\n');
    QCOMPARE(ok("get place small").out, QByteArray("x\n"));
    // Overwriting through an import: the old file goes, the new small value is inline.
    const CliResult again = ok(words("import place -"), "key,value\nover,y\n");
    QVERIFY_PRINTS(again, "Imported 1 pair(s)");
    QCOMPARE(ok("get place over").out, QByteArray("y\n"));
    QCOMPARE(files().size(), 1); // the old revision keeps its file (history)
}

void TestCliExchange::importBadRowWritesNothing_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QStringList>("mentions");
    const QByteArray head = "key,value,type,expires\r\nkeep,new,,\r\nok1,v,,\r\n";
    QTest::newRow("bad key") << head + "bad key,v,,\r\nok2,v,,\r\n"
                             << QStringList{str("row 4"), str("'bad key'")};
    QTest::newRow("bad number") << head + "n,abc,NUMBER,\r\n" << words("row 4 'abc'");
    QTest::newRow("unknown type") << head + "t,v,COLOUR,\r\nok2,v,,\r\n" << words("row 4 'COLOUR'");
    QTest::newRow("bad expiry") << head + "x,v,,tomorrow\r\n" << words("row 4 'tomorrow'");
    QTest::newRow("duplicate key") << head + "ok1,again,,\r\n"
                                   << QStringList{str("row 4"), str("more than once")};
    QTest::newRow("unterminated quote") << head + "q,\"open,,\r\n" << words("line 4");
    QTest::newRow("no value column") << QByteArray("key,type\r\nk,STRING\r\n") << words("'value'");
    QTest::newRow("empty file") << QByteArray() << words("empty");
    // Rows and header that do not match: refused, never guessed.
    QTest::newRow("row missing its value") << QByteArray("key,value\r\nkeep,new\r\nnovalue\r\n")
                                           << QStringList{str("line 3"), str("'value' is missing")};
    QTest::newRow("row missing its expiry")
        << head + "short,v,\r\n"
        << QStringList{str("line 4"), str("'expires' is missing")};
    QTest::newRow("row with a field too many")
        << QByteArray("key,value\r\nkeep,new\r\nk,a,b\r\n")
        << QStringList{str("line 3"), str("3 fields where the header has 2")};
    QTest::newRow("header names value twice")
        << QByteArray("key,value,type,Value\r\nkeep,1,,2\r\n")
        << QStringList{str("'value' twice"), str("columns 2 and 4")};
    QTest::newRow("header with an unknown column")
        << QByteArray("key,value,colour\r\nkeep,1,red\r\n")
        << QStringList{str("unknown column 'colour'"), str("column 3")};
    QTest::newRow("header with a misspelt column")
        << QByteArray("key,value,expiers\r\nkeep,1,\r\n") << QStringList{str("'expiers'")};
    QTest::newRow("header with an empty column")
        << QByteArray("key,value,\r\nkeep,1,\r\n") << QStringList{str("unknown column ''")};
    QTest::newRow("invalid UTF-8") << head + "u,a\xFF,,\r\n"
                                   << QStringList{str("line 4"), str("invalid UTF-8 in field 2")};
    QTest::newRow("17 MiB field") << head + "big," + QByteArray(17 * 1024 * 1024, 'x') + ",,\r\n"
                                  << QStringList{str("line 4"),
                                                 str("larger than the limit of 16777216 bytes")};
    QByteArray late = head;
    for (int i = 0; i < 6000; ++i) // past the first staging batch of 5,000 rows
        late += "k" + QByteArray::number(i) + ",value " + QByteArray::number(i) + ",,\r\n";
    QTest::newRow("bad row after 6000 good ones") << late + "late,1.2.3,NUMBER,\r\n"
                                                  << words("row 6004 '1.2.3'");
}

void TestCliExchange::importBadRowWritesNothing()
{
    QFETCH(QByteArray, csv);
    QFETCH(QStringList, mentions);
    ok("set dst keep old");
    const QStringList filesBefore = files();
    const CliResult r = cli(words("import dst") << writeFile(QStringLiteral("bad.csv"), csv));
    QCOMPARE_EXIT(r, 2);
    QVERIFY2(r.errorLines().size() == 1, qPrintable(r.describe()));
    for (const QString& m : mentions)
        QVERIFY2(r.errorLines().first().contains(m), qPrintable(m + r.describe()));
    QVERIFY(r.out.isEmpty());
    QCOMPARE(files(), filesBefore);
    QCOMPARE(keys(QStringLiteral("dst")), words("keep"));
    QCOMPARE(ok("get dst keep").out, QByteArray("old\n"));
    QCOMPARE(ok("history dst keep --json").out.count("\"revision\""), 1);
}

void TestCliExchange::importNoOverwrite()
{
    ok("set dst k2 old");
    const QStringList filesBefore = files();
    const QString file =
        writeFile(QStringLiteral("in.csv"), "key,value\r\nk1,new\r\nk2,new\r\nk3,new\r\n");
    const CliResult r = cli(words("import dst --no-overwrite") << file);
    QCOMPARE_EXIT(r, 4);
    QVERIFY2(r.errorLines().value(0).contains(QLatin1String("'k2'")) &&
                 r.errorLines().value(0).contains(QLatin1String("row 3")),
             qPrintable(r.describe()));
    QCOMPARE(keys(QStringLiteral("dst")), words("k2"));
    QCOMPARE(ok("get dst k2").out, QByteArray("old\n"));
    QCOMPARE(files(), filesBefore);

    ok(words("import dst") << file);
    QCOMPARE(keys(QStringLiteral("dst")), words("k1 k2 k3"));
    QCOMPARE(ok("get dst k2").out, QByteArray("new\n"));
    QCOMPARE(ok("history dst k2 --json").out.count("\"revision\""), 2);
}

QTEST_GUILESS_MAIN(TestCliExchange)
#include "tst_cliexchange.moc"
