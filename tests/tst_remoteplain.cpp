// The remote catalog against a server without our extensions, as a real Kestra is: kvdesk-server
// started with --test-plain-kestra answers only Kestra's own routes. Listings are then paged,
// sorted and filtered by the client; what Kestra cannot do is reported as unsupported.
#include "Catalog.h"
#include "domain/CatalogError.h"
#include "ExpectError.h"
#include "remote/RemoteBackend.h"
#include "ServerProcess.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using namespace kv;
using kvtest::expectError;

class TestRemotePlain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void detectsAPlainServer();
    void writesReadsAndTypes();
    void listsPagedSortedFilteredHere();
    void removesAndCounts();
    void exportWorks();
    void reportsWhatKestraCannotDo();

private:
    void put(const QString& key, const QString& text, ValueType type = ValueType::String);

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<Catalog> m_catalog;
    const QString ns = QStringLiteral("company.team");
};

void TestRemotePlain::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList{QStringLiteral("--catalog"), m_dir.filePath(QStringLiteral("catalog")),
                    QStringLiteral("--test-plain-kestra")});
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    m_catalog = Catalog::open(m_server->url());
}

void TestRemotePlain::cleanupTestCase()
{
    m_catalog.reset();
    m_server.reset();
}

void TestRemotePlain::put(const QString& key, const QString& text, ValueType type)
{
    SetRequest r{ns, key, KvValue::parse(type, text)};
    r.description = QStringLiteral("about ") + key;
    m_catalog->set(r).waitForFinished();
}

void TestRemotePlain::detectsAPlainServer()
{
    auto* backend = dynamic_cast<RemoteBackend*>(&m_catalog->backend());
    QVERIFY(backend);
    QVERIFY(!backend->hasExtensions());
    // Seen as some Kestra: without a version, by the routes it answers.
    QVERIFY(backend->serverApi().isKestra());
    QVERIFY2(backend->serverApi().name().startsWith(QStringLiteral("Kestra")),
             qPrintable(backend->serverApi().name()));
}

void TestRemotePlain::writesReadsAndTypes()
{
    put(QStringLiteral("count"), QStringLiteral("12345678901234567890"), ValueType::Number);
    put(QStringLiteral("day"), QStringLiteral("2024-02-29"), ValueType::Date);
    put(QStringLiteral("config"), QStringLiteral("{\"b\": 1, \"a\": 2}"), ValueType::Json);
    const KvEntry count = m_catalog->get(ns, QStringLiteral("count")).result();
    QCOMPARE(count.type, ValueType::Number);
    QCOMPARE(count.value->text(), QStringLiteral("12345678901234567890"));
    QCOMPARE(count.description, QStringLiteral("about count"));
    QCOMPARE(m_catalog->get(ns, QStringLiteral("day")).result().type, ValueType::Date);
    QCOMPARE(m_catalog->get(ns, QStringLiteral("config")).result().value->text(),
             QStringLiteral("{\"b\":1,\"a\":2}"));
    expectError(ErrorCode::NotFound,
                [&] { m_catalog->get(ns, QStringLiteral("nope")).waitForFinished(); });
}

void TestRemotePlain::listsPagedSortedFilteredHere()
{
    for (int i = 0; i < 15; ++i)
        put(QStringLiteral("job.%1").arg(i, 2, 10, QLatin1Char('0')), QString::number(i));
    ListQuery q{ns};
    q.prefix = QStringLiteral("job.");
    q.descending = true;
    q.offset = 2;
    q.limit = 3;
    q.withTotal = true;
    const KvPage page = m_catalog->list(q).result();
    QCOMPARE(page.total, 15);
    QStringList keys;
    for (const KvEntry& e : page.entries)
        keys << e.key;
    QCOMPARE(keys, (QStringList{QStringLiteral("job.12"), QStringLiteral("job.11"),
                                QStringLiteral("job.10")}));
    q = ListQuery{ns};
    q.contains = QStringLiteral("3");
    q.withValues = true;
    const KvPage contains = m_catalog->list(q).result();
    QCOMPARE(contains.entries.size(), 2); // job.03, job.13
    QCOMPARE(contains.entries.at(1).value->text(), QStringLiteral("13"));
}

void TestRemotePlain::removesAndCounts()
{
    put(QStringLiteral("gone.1"), QStringLiteral("x"));
    const DeleteResult r =
        m_catalog->remove(ns, {QStringLiteral("gone.1"), QStringLiteral("gone.2")}).result();
    QCOMPARE(r.deleted, QStringList{QStringLiteral("gone.1")});
    QCOMPARE(r.missing, QStringList{QStringLiteral("gone.2")});
    const NamespaceStats stats = m_catalog->namespaceStats(ns).result();
    QVERIFY(stats.liveCount >= 3);
    bool found = false;
    for (const NamespaceInfo& info : m_catalog->listNamespaces().result())
        found = found || info.name == ns;
    QVERIFY(found);
}

void TestRemotePlain::exportWorks()
{
    put(QStringLiteral("export.me"), QStringLiteral("=1+1"));
    QByteArray csv;
    QBuffer out(&csv);
    QVERIFY(out.open(QIODevice::WriteOnly));
    ExportRequest request;
    request.ns = ns;
    request.prefix = QStringLiteral("export.");
    request.withValues = true;
    QCOMPARE(m_catalog->exportCsv(request, &out).result(), 1);
    QVERIFY2(csv.contains(",'=1+1\r\n"), csv.constData());
}

void TestRemotePlain::reportsWhatKestraCannotDo()
{
    const QString plain = QStringLiteral("plain Kestra");
    if (!expectError(
            ErrorCode::Unsupported,
            [&] { (void)m_catalog->history(ns, QStringLiteral("count")).result(); }, plain))
        return;
    if (!expectError(
            ErrorCode::Unsupported, [&] { (void)m_catalog->purge({}).result(); }, plain))
        return;
    if (!expectError(
            ErrorCode::Unsupported, [&] { (void)m_catalog->fsck({}).result(); }, plain))
        return;
    if (!expectError(
            ErrorCode::Unsupported,
            [&] {
                (void)m_catalog->expire({ns, {QStringLiteral("count")}, 1000}).result();
            },
            plain))
        return;
    if (!expectError(
            ErrorCode::Unsupported,
            [&] { (void)m_catalog->createNamespace(QStringLiteral("new.one")).result(); }, plain))
        return;
    if (!expectError(
            ErrorCode::Unsupported, [&] { (void)m_catalog->backend().setMaxValueBytes(4096); },
            plain))
        return;
    QCOMPARE(m_catalog->backend().maxValueBytes(), CatalogBackend::defaultMaxValueBytes);
}

QTEST_GUILESS_MAIN(TestRemotePlain)
#include "tst_remoteplain.moc"
