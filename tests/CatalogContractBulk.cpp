// Catalog contract: purge, CSV export and import, consistency.
#include "CatalogContract.h"
#include "ExpectError.h"
#include "format/CsvReader.h"

#include <QBuffer>
#include <QTest>

using namespace kv;
using kvtest::expectError;

namespace {
const QString ns = QStringLiteral("company.team");
constexpr qint64 minute = 60'000;

QString s(const char* text)
{
    return QString::fromUtf8(text);
}

QList<QStringList> parseCsv(const QByteArray& bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    QList<QStringList> records;
    QStringList fields;
    while (reader.readRecord(fields))
        records << fields;
    return records;
}
} // namespace

void CatalogContract::purgeExpiredOnlyByDefault()
{
    put(ns, s("live"), s("1"));
    put(ns, s("old1"), s("1"), ValueType::String, minute);
    put(QStringLiteral("other"), s("old2"), s("1"), ValueType::String, minute);
    m_clock->advanceSeconds(61);
    PurgeRequest r;
    r.collectKeys = true;
    const PurgeResult result = m_catalog->purge(r).result();
    QCOMPARE(result.count, 2);
    QCOMPARE(result.pairs.size(), 2);
    QCOMPARE(result.pairs.at(0).key, s("old1"));
    QCOMPARE(result.pairs.at(1).ns, s("other"));
    ListQuery all{ns};
    all.includeExpired = true;
    QCOMPARE(keysOf(all), QStringList{s("live")});
}

void CatalogContract::purgeFilters()
{
    put(QStringLiteral("a"), s("tmp.1"), s("1"));
    m_clock->advanceSeconds(100);
    put(QStringLiteral("a"), s("tmp.2"), s("1"));
    put(QStringLiteral("a"), s("keep"), s("1"));
    put(QStringLiteral("a.child"), s("tmp.3"), s("1"));
    put(QStringLiteral("b"), s("tmp.4"), s("1"));

    PurgeRequest r;
    r.all = true;
    r.namespaces = {QStringLiteral("a")};
    r.keyPattern = QStringLiteral("tmp.*");
    QCOMPARE(m_catalog->purge(r).result().count, 2); // a/tmp.1, a/tmp.2 (not the child)
    QCOMPARE(keysOf({QStringLiteral("a")}), QStringList{s("keep")});
    QCOMPARE(keysOf({QStringLiteral("a.child")}), QStringList{s("tmp.3")});

    r.includeChildren = true;
    QCOMPARE(m_catalog->purge(r).result().count, 1); // a.child/tmp.3
    QCOMPARE(keysOf({QStringLiteral("b")}), QStringList{s("tmp.4")});

    PurgeRequest older;
    older.all = true;
    m_clock->advanceSeconds(1);
    older.createdBeforeMs = m_clock->nowMs(); // strictly before: "fresh" below is not older
    put(QStringLiteral("b"), s("fresh"), s("1"));
    QCOMPARE(m_catalog->purge(older).result().count, 2); // a/keep and b/tmp.4
    QCOMPARE(keysOf({QStringLiteral("b")}), QStringList{s("fresh")});

    PurgeRequest bad;
    bad.namespaces = {QStringLiteral("Not Valid")};
    if (!expectError(
            ErrorCode::InvalidInput, [&] { (void)m_catalog->purge(bad).result(); },
            s("'Not Valid'")))
        return;
}

void CatalogContract::purgeDryRunChangesNothing()
{
    put(ns, s("old"), s("1"), ValueType::String, minute);
    m_clock->advanceSeconds(61);
    PurgeRequest r;
    r.dryRun = true;
    r.collectKeys = true;
    const PurgeResult result = m_catalog->purge(r).result();
    QVERIFY(result.dryRun);
    QCOMPARE(result.count, 1);
    ListQuery all{ns};
    all.includeExpired = true;
    QCOMPARE(keysOf(all), QStringList{s("old")});
}

void CatalogContract::purgeCancels()
{
    for (int i = 0; i < 2500; ++i) {
        SetRequest r{ns, QStringLiteral("k%1").arg(i), KvValue::parse(ValueType::String, s("v"))};
        r.ttlMs = minute;
        m_catalog->set(r).waitForFinished();
    }
    m_clock->advanceSeconds(61);
    QFuture<PurgeResult> f = m_catalog->purge({});
    f.cancel();
    f.waitForFinished();
    // Cancelled before or between batches: whatever was purged is gone, the rest is still there.
    ListQuery all{ns};
    all.includeExpired = true;
    all.withTotal = true;
    all.limit = 0;
    QVERIFY(m_catalog->list(all).result().total > 0);
}

void CatalogContract::exportImportRoundTrip()
{
    SetRequest r{ns, s("formula"), KvValue::parse(ValueType::String, s("=SUM(A1:A2)"))};
    r.description = s("a \"quoted\", multi\nline description");
    m_catalog->set(r).waitForFinished();
    put(ns, s("n"), s("-12.50"), ValueType::Number, 10 * minute);
    put(ns, s("j"), s("{\"a\": [1, 2]}"), ValueType::Json);
    put(ns, s("when"), s("2024-01-01T00:00:00Z"), ValueType::DateTime);

    QBuffer out;
    out.open(QIODevice::WriteOnly);
    ExportRequest e{ns};
    e.withValues = true;
    QCOMPARE(m_catalog->exportCsv(e, &out).result(), 4);
    const QList<QStringList> csv = parseCsv(out.data());
    QCOMPARE(csv.size(), 5);
    QCOMPARE(csv.at(0).join(QLatin1Char(',')),
             s("namespace,key,type,description,size,created,updated,expires,value"));
    QCOMPARE(csv.at(1).at(1), s("formula"));
    QCOMPARE(csv.at(1).at(8), s("=SUM(A1:A2)")); // neutralised in the file, restored by the reader
    QVERIFY(out.data().contains("'=SUM(A1:A2)"));
    QCOMPARE(csv.at(3).at(7), s("2024-02-29T10:10:00Z"));
    QVERIFY(out.data().endsWith("\r\n"));

    QBuffer in;
    in.setData(out.data());
    in.open(QIODevice::ReadOnly);
    const ImportResult result = m_catalog->importCsv({QStringLiteral("copy")}, &in).result();
    QCOMPARE(result.imported, 4);
    for (const QString& key : {s("formula"), s("n"), s("j"), s("when")}) {
        const KvEntry a = m_catalog->get(ns, key).result();
        const KvEntry b = m_catalog->get(QStringLiteral("copy"), key).result();
        QCOMPARE(b.value->text(), a.value->text());
        QCOMPARE(b.type, a.type);
        QCOMPARE(b.description, a.description);
        QCOMPARE(b.expiresAtMs, a.expiresAtMs);
    }
}

void CatalogContract::exportSelectedKeys()
{
    put(ns, s("a"), s("1"));
    put(ns, s("b"), s("2"));
    put(ns, s("c"), s("3"));
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    ExportRequest e{ns};
    e.keys = {s("c"), s("a"), s("missing")};
    e.bom = true;
    QCOMPARE(m_catalog->exportCsv(e, &out).result(), 2);
    QVERIFY(out.data().startsWith("\xEF\xBB\xBFnamespace,key,"));
    const QList<QStringList> csv = parseCsv(out.data());
    QCOMPARE(csv.size(), 3);
    QCOMPARE(csv.at(1).at(1), s("c"));
    QCOMPARE(csv.at(2).at(1), s("a"));
}

void CatalogContract::importBadRowWritesNothing()
{
    put(QStringLiteral("target"), s("existing"), s("old"));
    const QByteArray csv = "key,type,value\r\nok1,STRING,fine\r\nok2,NUMBER,42\r\nbad,NUMBER,forty-"
                           "two\r\nok3,STRING,x\r\n";
    QBuffer in;
    in.setData(csv);
    in.open(QIODevice::ReadOnly);
    if (!expectError(
            ErrorCode::InvalidInput,
            [&] { (void)m_catalog->importCsv({QStringLiteral("target")}, &in).result(); },
            s("row 4")))
        return;
    QCOMPARE(keysOf({QStringLiteral("target")}), QStringList{s("existing")});
    const FsckReport report = m_catalog->fsck({}).result();
    QVERIFY2(report.isClean(), qPrintable(report.orphans.join(QLatin1Char(' '))));
    QCOMPARE(report.valueFiles + report.inlineValues, 1); // the one stored value, wherever it is

    for (const QByteArray& broken :
         {QByteArray("value\r\nx\r\n"), QByteArray("key,value\r\nk,\"unterminated\r\n"),
          QByteArray("key,value\r\nsame,1\r\nsame,2\r\n"), QByteArray()}) {
        QBuffer b;
        b.setData(broken);
        b.open(QIODevice::ReadOnly);
        if (!expectError(
                ErrorCode::InvalidInput,
                [&] { (void)m_catalog->importCsv({QStringLiteral("target")}, &b).result(); },
                s("")))
            return;
    }
    const FsckReport after = m_catalog->fsck({}).result();
    QCOMPARE(after.valueFiles + after.inlineValues, 1);
}

void CatalogContract::importNoOverwriteConflicts()
{
    put(ns, s("b"), s("old"));
    QBuffer in;
    in.setData("key,value\na,new\nb,new\n");
    in.open(QIODevice::ReadOnly);
    ImportRequest r{ns};
    r.overwrite = false;
    if (!expectError(
            ErrorCode::Conflict, [&] { (void)m_catalog->importCsv(r, &in).result(); }, s("'b'")))
        return;
    QCOMPARE(keysOf({ns}), QStringList{s("b")});
    QCOMPARE(m_catalog->get(ns, s("b")).result().value->text(), s("old"));

    in.seek(0);
    r.overwrite = true;
    QCOMPARE(m_catalog->importCsv(r, &in).result().imported, 2);
    const KvEntry b = m_catalog->get(ns, s("b")).result();
    QCOMPARE(b.value->text(), s("new"));
    QCOMPARE(b.revision, 2);
}

void CatalogContract::importSkipsExpiredRows()
{
    QBuffer in;
    in.setData("key,value,expires\r\npast,1,2024-02-29T09:00:00Z\r\nfuture,2,2024-02-29T11:00:00+"
               "00:00\r\nnever,3,\r\n");
    in.open(QIODevice::ReadOnly);
    const ImportResult r = m_catalog->importCsv({ns}, &in).result();
    QCOMPARE(r.imported, 2);
    QCOMPARE(r.skippedExpired, 1);
    QCOMPARE(m_catalog->get(ns, s("future")).result().expiresAtMs.value_or(-1),
             QDateTime(QDate(2024, 2, 29), QTime(11, 0), Qt::UTC).toMSecsSinceEpoch());
    QVERIFY(!m_catalog->get(ns, s("never")).result().expiresAtMs.has_value());
}

void CatalogContract::fsckCleanAfterWork()
{
    for (int i = 0; i < 20; ++i)
        put(ns, QStringLiteral("k%1").arg(i % 7), QString::number(i), ValueType::String,
            i % 2 ? std::optional<qint64>(minute) : std::nullopt);
    m_catalog->remove(ns, {s("k1")}).waitForFinished();
    m_clock->advanceSeconds(120);
    m_catalog->purge({}).waitForFinished();
    const FsckReport report = m_catalog->fsck({}).result();
    QVERIFY(report.isClean());
    QCOMPARE(report.valueFiles + report.inlineValues, report.rows); // one value for each row
    QVERIFY(report.rows > 0);
}
