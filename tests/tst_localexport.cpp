// The local catalog's CSV export: rows read with SQLite's C API (ExportRows, values written
// from their stored form) give the same bytes as the rows read through QtSql and decoded (the
// export before ExportRows) and as the generic export over list(); a corrupt value is reported
// by both readers, never exported silently.
#include "domain/CatalogError.h"
#include "domain/Clock.h"
#include "ExpectError.h"
#include "format/CsvExport.h"
#include "local/ExportRows.h"
#include "local/LocalBackend.h"
#include "RawRegistry.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kv;
using kvtest::expectError;

namespace {

const QString ns = QStringLiteral("team.a");

QByteArray exportOf(CatalogBackend& backend, const ExportRequest& request)
{
    QByteArray bytes;
    QBuffer out(&bytes);
    out.open(QIODevice::WriteOnly);
    backend.exportCsv(request, &out, {});
    return bytes;
}

} // namespace

class TestLocalExport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void readersWriteTheSameBytes_data();
    void readersWriteTheSameBytes();
    void corruptInlineValueIsReported_data();
    void corruptInlineValueIsReported();
    void corruptValueFileIsReported();
    void firstCorruptValueOfALargeExportIsReported_data();
    void firstCorruptValueOfALargeExportIsReported();

private:
    QString catalogPath() const { return m_dir->filePath(QStringLiteral("catalog")); }
    // The comparisons need both readers; a build without SQLite's C API has one.
    bool directReaderBuiltIn() { return ExportRows::available(raw()); }
    QSqlDatabase raw() { return kvtest::rawRegistry(registryFile()); }
    void execSql(const QString& sql) { kvtest::execRaw(registryFile(), sql); }
    QString registryFile() const { return catalogPath() + QStringLiteral("/registry.sqlite"); }
    // Both readers' export of `request`; fails the test when they differ.
    QByteArray exportBothWays(CatalogBackend& backend, const ExportRequest& request)
    {
        ExportRows::setEnabled(true);
        const QByteArray direct = exportOf(backend, request);
        ExportRows::setEnabled(false);
        const QByteArray qtSql = exportOf(backend, request);
        ExportRows::setEnabled(true);
        if (direct != qtSql)
            qWarning("direct:\n%s\nQtSql:\n%s", direct.constData(), qtSql.constData());
        return direct == qtSql ? direct : QByteArray();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLocalExport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    ExportRows::setEnabled(true);
}

void TestLocalExport::cleanup()
{
    ExportRows::setEnabled(true);
    if (QSqlDatabase::contains(QStringLiteral("raw"))) {
        QSqlDatabase::database(QStringLiteral("raw"), false).close();
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    }
}

void TestLocalExport::readersWriteTheSameBytes_data()
{
    QTest::addColumn<bool>("withValues");
    QTest::addColumn<bool>("bom");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("with values") << true << false << QString();
    QTest::newRow("with values, bom") << true << true << QString();
    QTest::newRow("with values, prefix") << true << false << QStringLiteral("k.1");
    QTest::newRow("without values") << false << false << QString();
}

void TestLocalExport::readersWriteTheSameBytes()
{
    QFETCH(bool, withValues);
    QFETCH(bool, bom);
    QFETCH(QString, prefix);
    auto clock = std::make_shared<ManualClock>();
    LocalBackend backend(catalogPath(), clock);

    // Every type, in canonical form and in forms the direct path leaves to the full reader
    // (escapes, DATETIME, DURATION), inline and in files, with descriptions that need quoting
    // or neutralising, expiry dates and pairs already expired.
    const QList<QPair<ValueType, QString>> values{
        {ValueType::String, QStringLiteral("plain")},
        {ValueType::String, QStringLiteral("a, \"quoted\" one")},
        {ValueType::String, QStringLiteral("=HYPERLINK(\"x\")")},
        {ValueType::String, QStringLiteral("two\nlines\ttab")},
        {ValueType::String, QString::fromUtf8("Grüße 東京 🙂")},
        {ValueType::String, QChar(0xFEFF) + QStringLiteral("bom")},
        {ValueType::String, QString()},
        {ValueType::Number, QStringLiteral("-12.50e3")},
        {ValueType::Boolean, QStringLiteral("TRUE")},
        {ValueType::DateTime, QStringLiteral("2024-02-29T11:00:00.250+01:00")},
        {ValueType::Date, QStringLiteral("2024-02-29")},
        {ValueType::Duration, QStringLiteral("P1DT2H")},
        {ValueType::Json, QStringLiteral("{\"id\": 1, \"tags\": [\"a\", \"b\\n\"]}")},
        {ValueType::Json, QStringLiteral("[1,{\"k\":\"v,w\"},null]")},
    };
    const QStringList descriptions{QString(), QStringLiteral("note"), QStringLiteral("+1, \"x\""),
                                   QString::fromUtf8("Ünïcode")};
    int n = 0;
    for (const qint64 limit : {qint64(16384), qint64(0)}) { // inline, then every value a file
        backend.setInlineLimit(limit);
        for (const auto& [type, text] : values) {
            SetRequest r;
            r.ns = ns;
            r.key = QStringLiteral("k.%1").arg(n, 2, 10, QLatin1Char('0'));
            r.value = KvValue::parse(type, text);
            r.description = descriptions.at(n % descriptions.size());
            if (n % 3 == 1)
                r.ttlMs = 3'600'000;
            if (n % 5 == 4)
                r.ttlMs = 1'000; // expired below
            backend.set(r);
            ++n;
        }
    }
    backend.set({QStringLiteral("team.b"), QStringLiteral("other"), KvValue()});
    clock->advanceMs(60'000);

    ExportRequest request;
    request.ns = ns;
    request.prefix = prefix;
    request.withValues = withValues;
    request.bom = bom;
    // Without SQLite's C API in this build there is one reader, compared with the generic export.
    const QByteArray bytes =
        directReaderBuiltIn() ? exportBothWays(backend, request) : exportOf(backend, request);
    QVERIFY(!bytes.isEmpty());
    // The generic export, page by page through list(), agrees as well.
    QByteArray generic;
    {
        QBuffer out(&generic);
        out.open(QIODevice::WriteOnly);
        csvexport::write(backend, request, &out, {});
    }
    QCOMPARE(bytes, generic);
    // And the content is what was written: the live pairs of the namespace only.
    QVERIFY(bytes.contains("team.a,k.10,"));
    QVERIFY(!bytes.contains("team.a,k.04,")); // expired
    QVERIFY(!bytes.contains("other"));
    QCOMPARE(bytes.startsWith("\xEF\xBB\xBF"), bom);
    if (withValues && prefix.isEmpty()) {
        QVERIFY(bytes.contains(",\"{\"\"id\"\":1,\"\"tags\"\":[\"\"a\"\",\"\"b\\n\"\"]}\"\r\n"));
        QVERIFY(bytes.contains(",2024-02-29T10:00:00.250Z\r\n"));
        QVERIFY(bytes.contains(",'=HYPERLINK(\"\"x\"\")\"\r\n") ||
                bytes.contains(",\"'=HYPERLINK(\"\"x\"\")\"\r\n"));
        QVERIFY(bytes.contains(",'-12.50e3\r\n")); // neutralised
        QVERIFY(bytes.contains(",true\r\n"));
    }
}

void TestLocalExport::corruptInlineValueIsReported_data()
{
    QTest::addColumn<bool>("direct");
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("message");
    const QString mismatch = QStringLiteral("value of %1/b is corrupt (checksum mismatch)").arg(ns);
    // The stored form "12x" with its own checksum: it matches, but does not parse.
    const QString unparsable =
        QStringLiteral("UPDATE kv SET value = CAST('12x' AS BLOB), checksum = '%1' WHERE key = 'b'")
            .arg(QString::fromLatin1(
                QCryptographicHash::hash("12x", QCryptographicHash::Sha256).toHex()));
    for (const bool direct : {true, false}) {
        const char* reader = direct ? "direct" : "QtSql";
        QTest::addRow("%s: one byte changed", reader)
            << direct << QStringLiteral("UPDATE kv SET value = CAST('13' AS BLOB) WHERE key = 'b'")
            << mismatch;
        QTest::addRow("%s: checksum changed", reader)
            << direct << QStringLiteral("UPDATE kv SET checksum = upper(checksum) WHERE key = 'b'")
            << mismatch;
        QTest::addRow("%s: does not parse", reader)
            << direct << unparsable << QStringLiteral("the stored NUMBER value '12x' is corrupt");
        QTest::addRow("%s: no value at all", reader)
            << direct << QStringLiteral("UPDATE kv SET value = NULL WHERE key = 'b'")
            << QStringLiteral("the registry row of %1/b names neither a value file nor an inline "
                              "value")
                   .arg(ns);
    }
}

void TestLocalExport::corruptInlineValueIsReported()
{
    QFETCH(bool, direct);
    QFETCH(QString, change);
    QFETCH(QString, message);
    LocalBackend backend(catalogPath(), std::make_shared<SystemClock>());
    if (direct && !directReaderBuiltIn())
        QSKIP("this build reads exports through QtSql only (KVDESK_SQLITE_C_API off)");
    backend.set({ns, QStringLiteral("a"), KvValue::parse(ValueType::String, QStringLiteral("x"))});
    backend.set({ns, QStringLiteral("b"), KvValue::parse(ValueType::Number, QStringLiteral("12"))});
    backend.set(
        {ns, QStringLiteral("c"), KvValue::parse(ValueType::Boolean, QStringLiteral("true"))});
    ExportRequest request;
    request.ns = ns;
    request.withValues = true;
    QCOMPARE(exportOf(backend, request).count("\r\n"), 4);

    execSql(change);
    ExportRows::setEnabled(direct);
    QByteArray partial;
    QBuffer out(&partial);
    out.open(QIODevice::WriteOnly);
    expectError(
        ErrorCode::Internal, [&] { backend.exportCsv(request, &out, {}); }, message);
    QVERIFY(!partial.contains("team.a,b,"));
    // Without values the row's metadata still exports.
    request.withValues = false;
    QCOMPARE(exportOf(backend, request).count("\r\n"), 4);
}

void TestLocalExport::corruptValueFileIsReported()
{
    LocalBackend backend(catalogPath(), std::make_shared<SystemClock>());
    backend.setInlineLimit(0);
    backend.set(
        {ns, QStringLiteral("f"), KvValue::parse(ValueType::String, QStringLiteral("good"))});
    QSqlQuery q(raw());
    QVERIFY(q.exec(QStringLiteral("SELECT value_id FROM kv WHERE key = 'f'")) && q.next());
    const QString id = q.value(0).toString();
    QFile file(catalogPath() + QStringLiteral("/values/%1/%2").arg(id.left(2), id));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("\"evil\"");
    file.close();
    ExportRequest request;
    request.ns = ns;
    request.withValues = true;
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    expectError(
        ErrorCode::Internal, [&] { backend.exportCsv(request, &out, {}); },
        QStringLiteral("value of %1/f is corrupt (checksum mismatch)").arg(ns));
}

void TestLocalExport::firstCorruptValueOfALargeExportIsReported_data()
{
    QTest::addColumn<bool>("direct");
    QTest::newRow("direct") << true;
    QTest::newRow("QtSql") << false;
}

void TestLocalExport::firstCorruptValueOfALargeExportIsReported()
{
    // Several blocks of CSV (the writer hands 256 KiB at a time to the device).
    QFETCH(bool, direct);
    LocalBackend backend(catalogPath(), std::make_shared<SystemClock>());
    if (direct && !directReaderBuiltIn())
        QSKIP("this build reads exports through QtSql only (KVDESK_SQLITE_C_API off)");
    QByteArray csv("key,type,value,description\n");
    for (int i = 0; i < 20000; ++i)
        csv += QStringLiteral("k%1,NUMBER,%2,row %2\n")
                   .arg(i, 5, 10, QLatin1Char('0'))
                   .arg(i)
                   .toUtf8();
    QBuffer in(&csv);
    QVERIFY(in.open(QIODevice::ReadOnly));
    ImportRequest import;
    import.ns = ns;
    QCOMPARE(backend.importCsv(import, &in, {}).imported, 20000);
    // k12000: a changed byte (the checksum catches it); k15000: a form that does not parse,
    // with its own checksum (reading it catches it). The first one is the error.
    execSql(QStringLiteral("UPDATE kv SET value = CAST('12001' AS BLOB) WHERE key = 'k12000'"));
    execSql(QStringLiteral("UPDATE kv SET value = CAST('1x' AS BLOB), checksum = '%1' "
                           "WHERE key = 'k15000'")
                .arg(QString::fromLatin1(
                    QCryptographicHash::hash("1x", QCryptographicHash::Sha256).toHex())));
    ExportRows::setEnabled(direct);
    ExportRequest request;
    request.ns = ns;
    request.withValues = true;
    QByteArray partial;
    QBuffer out(&partial);
    out.open(QIODevice::WriteOnly);
    expectError(
        ErrorCode::Internal, [&] { backend.exportCsv(request, &out, {}); },
        QStringLiteral("value of %1/k12000 is corrupt (checksum mismatch)").arg(ns));
    QVERIFY(!partial.contains("team.a,k12000,"));
    QVERIFY(!partial.contains("team.a,k15000,"));
    if (direct) { // every row before the corrupt one is written, nothing after it
        QVERIFY(partial.contains("team.a,k11999,"));
        QVERIFY(partial.endsWith(",11999\r\n"));
    }
    // The other one is reported once the first is repaired.
    execSql(QStringLiteral("DELETE FROM kv WHERE key = 'k12000'"));
    expectError(
        ErrorCode::Internal, [&] { backend.exportCsv(request, &out, {}); },
        QStringLiteral("the stored NUMBER value '1x' is corrupt"));
}

QTEST_GUILESS_MAIN(TestLocalExport)
#include "tst_localexport.moc"
