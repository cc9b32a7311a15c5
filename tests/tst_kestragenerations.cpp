// The remote catalog against each generation of Kestra's KV API, as the emulation in
// tests/support/kestra has them: the generation is detected, writes go through (text/plain from
// 1.1 on), listings and one key's metadata use the paged search where it exists, descriptions
// are kept, and what a generation lacks is Unsupported naming its version. The cases of Kestra's
// KVControllerTest (v0.20.7) that apply over HTTP are ported here: list, get of every type,
// getNotFound, getExpired, put with a TTL, delete, the bulk delete, illegalKey.
#include "Catalog.h"
#include "CliRunner.h"
#include "domain/CatalogError.h"
#include "ExpectError.h"
#include "KestraEmulator.h"
#include "remote/RemoteBackend.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace kv;
using kvtest::expectError;
using kvtest::KestraProfile;

Q_DECLARE_METATYPE(kvtest::KestraProfile)

class TestKestraGenerations : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void detectsTheGeneration_data() { profiles(); }
    void detectsTheGeneration();
    void asksAgainAfterAnInconclusiveAnswer_data() { profiles(); }
    void asksAgainAfterAnInconclusiveAnswer();
    void withoutVersionTheRoutesTell_data() { profiles(); }
    void withoutVersionTheRoutesTell();
    void anUpgradeIsNoticedByA415();
    void putAndGetEveryType_data();
    void putAndGetEveryType();
    void putWithTtlExpires_data() { profiles(); }
    void putWithTtlExpires();
    void getMissingIsNotFound_data() { profiles(); }
    void getMissingIsNotFound();
    void illegalKeyReachesNoServer_data() { profiles(); }
    void illegalKeyReachesNoServer();
    void listsThroughTheSearchWhereItExists_data() { profiles(); }
    void listsThroughTheSearchWhereItExists();
    void readsOneKeyWithoutTheWholeNamespace_data() { profiles(); }
    void readsOneKeyWithoutTheWholeNamespace();
    void revisionsCount_data() { profiles(); }
    void revisionsCount();
    void descriptionKeptUnlessGiven_data() { profiles(); }
    void descriptionKeptUnlessGiven();
    void noOverwriteIsCheckedFirst_data() { profiles(); }
    void noOverwriteIsCheckedFirst();
    void deleteReportsWhatExisted_data() { profiles(); }
    void deleteReportsWhatExisted();
    void statisticsAndNamespaces_data() { profiles(); }
    void statisticsAndNamespaces();
    void unsupportedNamesTheVersion_data() { profiles(); }
    void unsupportedNamesTheVersion();
    void emptyTenantLeavesTheSegmentOut_data() { profiles(); }
    void emptyTenantLeavesTheSegmentOut();
    void cliNamesTheServerApi_data() { profiles(); }
    void cliNamesTheServerApi();

private:
    static void profiles();
    // Starts the profile of the current data row and opens a catalog on it.
    void open(const QString& tenant = QStringLiteral("main"));
    KvEntry put(const QString& key, const QString& text, ValueType type = ValueType::String,
                std::optional<QString> description = std::nullopt);
    RemoteBackend& backend() { return dynamic_cast<RemoteBackend&>(m_catalog->backend()); }
    bool atLeast(KestraProfile p) const { return int(m_profile) >= int(p); }

    KestraProfile m_profile = KestraProfile::V0_20;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<KestraEmulator> m_kestra;
    std::unique_ptr<Catalog> m_catalog;
    const QString ns = QStringLiteral("io.namespace"); // KVControllerTest's NAMESPACE
};

void TestKestraGenerations::profiles()
{
    QTest::addColumn<KestraProfile>("profile");
    for (KestraProfile p : {KestraProfile::V0_20, KestraProfile::V1_1, KestraProfile::V1_1_4,
                            KestraProfile::V1_2_5, KestraProfile::V2_0})
        QTest::newRow(qPrintable(kvtest::versionOf(p))) << p;
}

void TestKestraGenerations::init()
{
    m_clock = std::make_shared<ManualClock>(QDateTime(QDate(2024, 2, 29), QTime(10, 0), Qt::UTC));
}

void TestKestraGenerations::cleanup()
{
    m_catalog.reset();
    m_kestra.reset();
}

void TestKestraGenerations::open(const QString& tenant)
{
    QFETCH(KestraProfile, profile);
    m_profile = profile;
    m_kestra = std::make_unique<KestraEmulator>(profile, m_clock);
    QVERIFY2(m_kestra->start(), qPrintable(m_kestra->error()));
    RemoteConnection c = RemoteConnection::fromLocation(m_kestra->url());
    c.tenant = tenant;
    m_catalog = Catalog::openRemote(c);
}

KvEntry TestKestraGenerations::put(const QString& key, const QString& text, ValueType type,
                                   std::optional<QString> description)
{
    SetRequest r{ns, key, KvValue::parse(type, text)};
    r.description = std::move(description);
    return m_catalog->set(r).result();
}

void TestKestraGenerations::detectsTheGeneration()
{
    open();
    const ServerApi api = backend().serverApi();
    QCOMPARE(api.version, kvtest::versionOf(m_profile));
    const ApiGeneration expected[] = {ApiGeneration::Kestra10, ApiGeneration::Kestra11,
                                      ApiGeneration::Kestra114, ApiGeneration::Kestra125,
                                      ApiGeneration::Kestra20};
    QCOMPARE(api.generation, expected[int(m_profile)]);
    QCOMPARE(api.name(), kvtest::nameOf(m_profile));
    QVERIFY(!backend().hasExtensions());
    // Once per connection: further calls do not ask again.
    m_kestra->api().clearRequestLog();
    (void)backend().serverApi();
    put(QStringLiteral("k"), QStringLiteral("v"));
    QVERIFY(
        !m_kestra->api().requestLog().join(QLatin1Char('\n')).contains(QLatin1String("configs")));
}

void TestKestraGenerations::asksAgainAfterAnInconclusiveAnswer()
{
    open();
    m_kestra->api().failNext(1, 502); // a proxy's bad gateway while probing
    expectError(
        ErrorCode::Unavailable, [&] { (void)backend().serverApi(); }, QStringLiteral("HTTP 502"));
    // Not remembered as "some Kestra": the next call asks again and gets it right.
    QCOMPARE(backend().serverApi().version, kvtest::versionOf(m_profile));
    put(QStringLiteral("k"), QStringLiteral("v"));
    QCOMPARE(m_catalog->get(ns, QStringLiteral("k")).result().value->text(), QStringLiteral("v"));
}

void TestKestraGenerations::withoutVersionTheRoutesTell()
{
    open();
    m_kestra->api().hideVersion();
    const ServerApi api = backend().serverApi();
    QVERIFY(api.version.isEmpty());
    QCOMPARE(api.generation,
             atLeast(KestraProfile::V1_1_4) ? ApiGeneration::Kestra114 : ApiGeneration::Kestra10);
    QVERIFY2(api.name().contains(QStringLiteral("version unknown")), qPrintable(api.name()));
    // 1.1.0–1.1.3 without a version look like 1.0: their 415 for a JSON body tells.
    put(QStringLiteral("k"), QStringLiteral("v"), ValueType::String, QStringLiteral("d"));
    const KvEntry e = m_catalog->get(ns, QStringLiteral("k")).result();
    QCOMPARE(e.value->text(), QStringLiteral("v"));
    QCOMPARE(e.description, QStringLiteral("d"));
    if (m_profile == KestraProfile::V1_1)
        QCOMPARE(backend().serverApi().generation, ApiGeneration::Kestra11);
}

void TestKestraGenerations::anUpgradeIsNoticedByA415()
{
    // Connected to a 0.20 that is upgraded to 2.0 meanwhile: its first JSON PUT gets 415, the
    // client asks again and sends text/plain; later calls use the new generation.
    m_kestra = std::make_unique<KestraEmulator>(KestraProfile::V0_20, m_clock);
    QVERIFY2(m_kestra->start(), qPrintable(m_kestra->error()));
    m_catalog = Catalog::open(m_kestra->url());
    SetRequest r{ns, QStringLiteral("k"), KvValue::parse(ValueType::Number, QStringLiteral("1"))};
    r.description = QStringLiteral("d");
    m_catalog->set(r).waitForFinished();
    m_kestra->api().setProfile(KestraProfile::V2_0);
    r.value = KvValue::parse(ValueType::Number, QStringLiteral("2"));
    QCOMPARE(m_catalog->set(r).result().value->text(), QStringLiteral("2"));
    QCOMPARE(backend().serverApi().generation, ApiGeneration::Kestra20);
    const KvEntry back = m_catalog->get(ns, QStringLiteral("k")).result();
    QCOMPARE(back.value->text(), QStringLiteral("2"));
    QCOMPARE(back.description, QStringLiteral("d"));
    QCOMPARE(m_kestra->api().requestLog().filter(QStringLiteral("configs")).size(), 2);
}

void TestKestraGenerations::putAndGetEveryType_data()
{
    // KVControllerTest kvPutArgs / kvGetArgs: every type Kestra reads from a body.
    QTest::addColumn<KestraProfile>("profile");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("text");
    const QList<std::pair<const char*, const char*>> values{{"JSON", "{\"hello\":\"world\"}"},
                                                            {"JSON", "[\"hello\",\"world\"]"},
                                                            {"STRING", "hello"},
                                                            {"NUMBER", "1"},
                                                            {"NUMBER", "1.0"},
                                                            {"BOOLEAN", "true"},
                                                            {"BOOLEAN", "false"},
                                                            {"DATE", "2021-09-01"},
                                                            {"DATETIME", "2021-09-01T01:02:03Z"},
                                                            {"DURATION", "PT5S"}};
    for (KestraProfile p : {KestraProfile::V0_20, KestraProfile::V1_1, KestraProfile::V1_1_4,
                            KestraProfile::V1_2_5, KestraProfile::V2_0}) {
        for (const auto& [type, text] : values)
            QTest::addRow("%s %s %s", qPrintable(kvtest::versionOf(p)), type, text)
                << p << QString::fromLatin1(type) << QString::fromLatin1(text);
    }
}

void TestKestraGenerations::putAndGetEveryType()
{
    QFETCH(QString, type);
    QFETCH(QString, text);
    open();
    const ValueType t = *parseValueType(type);
    const KvEntry written = put(QStringLiteral("my-key"), text, t);
    QCOMPARE(written.type, t);
    const KvEntry back = m_catalog->get(ns, QStringLiteral("my-key")).result();
    QCOMPARE(back.type, t);
    QCOMPARE(back.value->text(), KvValue::parse(t, text).text());
}

void TestKestraGenerations::putWithTtlExpires()
{
    // KVControllerTest put (ttl PT5M) and getExpired (410).
    open();
    SetRequest r{ns, QStringLiteral("my-key"),
                 KvValue::parse(ValueType::String, QStringLiteral("v"))};
    r.ttlMs = 5 * 60'000;
    const KvEntry e = m_catalog->set(r).result();
    QCOMPARE(e.expiresAtMs, m_clock->nowMs() + 5 * 60'000);
    m_clock->advanceSeconds(6 * 60);
    expectError(
        ErrorCode::Expired, [&] { (void)m_catalog->get(ns, QStringLiteral("my-key")).result(); },
        QStringLiteral("The requested value has expired"));
}

void TestKestraGenerations::getMissingIsNotFound()
{
    // KVControllerTest getNotFound: the server's text, from "message" or (2.0) "detail".
    open();
    expectError(
        ErrorCode::NotFound, [&] { (void)m_catalog->get(ns, QStringLiteral("my-key")).result(); },
        QStringLiteral("No value found for key 'my-key' in namespace 'io.namespace'"));
}

void TestKestraGenerations::illegalKeyReachesNoServer()
{
    // KVControllerTest illegalKey: Kestra answers 422; our gate refuses before any request.
    open();
    (void)backend().serverApi();
    m_kestra->api().clearRequestLog();
    expectError(ErrorCode::InvalidInput,
                [&] { (void)m_catalog->get(ns, QStringLiteral("bad$key")).result(); });
    expectError(ErrorCode::InvalidInput,
                [&] { put(QStringLiteral("bad$key"), QStringLiteral("x")); });
    QVERIFY(m_kestra->api().requestLog().isEmpty());
}

void TestKestraGenerations::listsThroughTheSearchWhereItExists()
{
    open();
    for (int i = 0; i < 25; ++i)
        put(QStringLiteral("job.%1").arg(i, 2, 10, QLatin1Char('0')), QString::number(i));
    put(QStringLiteral("other"), QStringLiteral("x"));
    m_kestra->api().clearRequestLog();
    ListQuery q{ns};
    q.descending = true;
    q.offset = 3;
    q.limit = 4;
    q.withTotal = true;
    KvPage page = m_catalog->list(q).result();
    QCOMPARE(page.total, 26);
    QStringList keys;
    for (const KvEntry& e : page.entries)
        keys << e.key;
    QCOMPARE(keys, (QStringList{QStringLiteral("job.22"), QStringLiteral("job.21"),
                                QStringLiteral("job.20"), QStringLiteral("job.19")}));
    q = ListQuery{ns};
    q.prefix = QStringLiteral("job.1");
    q.withTotal = true;
    q.withValues = true;
    page = m_catalog->list(q).result();
    QCOMPARE(page.total, 10);
    QCOMPARE(page.entries.last().value->text(), QStringLiteral("19"));
    const QString log = m_kestra->api().requestLog().join(QLatin1Char('\n'));
    const bool wholeList =
        log.contains(QStringLiteral("GET /api/v1/main/namespaces/io.namespace/kv\n")) ||
        log.endsWith(QStringLiteral("GET /api/v1/main/namespaces/io.namespace/kv"));
    QCOMPARE(wholeList, !atLeast(KestraProfile::V1_1_4));
    QCOMPARE(log.contains(QStringLiteral("GET /api/v1/main/kv?")), atLeast(KestraProfile::V1_1_4));
}

void TestKestraGenerations::readsOneKeyWithoutTheWholeNamespace()
{
    open();
    for (int i = 0; i < 30; ++i)
        put(QStringLiteral("key%1").arg(i), QString::number(i));
    put(QStringLiteral("wanted"), QStringLiteral("w"), ValueType::String, QStringLiteral("about"));
    m_kestra->api().clearRequestLog();
    const KvEntry e = m_catalog->get(ns, QStringLiteral("wanted")).result();
    QCOMPARE(e.description, QStringLiteral("about"));
    QCOMPARE(e.createdAtMs, m_clock->nowMs());
    if (!atLeast(KestraProfile::V1_1_4))
        QSKIP("before 1.1.4 a namespace's whole list is the only way to a key's metadata");
    for (const QString& line : m_kestra->api().requestLog()) {
        QVERIFY2(!line.endsWith(QLatin1String("/kv")) && !line.contains(QLatin1String("page=2")),
                 qPrintable(line));
        if (line.contains(QLatin1String("/main/kv?"))) // the search narrowed by the key
            QVERIFY2(line.contains(QLatin1String("filters[q][EQUALS]=wanted")), qPrintable(line));
    }
    // A text search that misses the key (its database's rules): the metadata comes all the same.
    m_kestra->api().missTextSearches();
    QCOMPARE(m_catalog->get(ns, QStringLiteral("wanted")).result().description,
             QStringLiteral("about"));
}

void TestKestraGenerations::revisionsCount()
{
    open();
    put(QStringLiteral("k"), QStringLiteral("1"));
    m_clock->advanceSeconds(10);
    const KvEntry second = put(QStringLiteral("k"), QStringLiteral("2"));
    const KvEntry back = m_catalog->get(ns, QStringLiteral("k")).result();
    QCOMPARE(back.updatedAtMs, m_clock->nowMs());
    if (!atLeast(KestraProfile::V1_1))
        QSKIP("Kestra before 1.1 has no revisions");
    QCOMPARE(second.revision, 2);
    QCOMPARE(back.revision, 2);
}

void TestKestraGenerations::descriptionKeptUnlessGiven()
{
    open();
    put(QStringLiteral("k"), QStringLiteral("1"), ValueType::String, QStringLiteral("kept"));
    put(QStringLiteral("k"),
        QStringLiteral("2")); // no description given: Kestra's PUT would clear it
    QCOMPARE(m_catalog->get(ns, QStringLiteral("k")).result().description, QStringLiteral("kept"));
    put(QStringLiteral("k"), QStringLiteral("3"), ValueType::String, QString());
    QCOMPARE(m_catalog->get(ns, QStringLiteral("k")).result().description, QString());
}

void TestKestraGenerations::noOverwriteIsCheckedFirst()
{
    open();
    put(QStringLiteral("k"), QStringLiteral("1"));
    SetRequest r{ns, QStringLiteral("k"), KvValue::parse(ValueType::String, QStringLiteral("2"))};
    r.overwrite = false;
    expectError(
        ErrorCode::Conflict, [&] { (void)m_catalog->set(r).result(); },
        QStringLiteral("checked before writing"));
    QCOMPARE(m_catalog->get(ns, QStringLiteral("k")).result().value->text(), QStringLiteral("1"));
    r.key = QStringLiteral("new");
    QCOMPARE(m_catalog->set(r).result().value->text(), QStringLiteral("2"));
}

void TestKestraGenerations::deleteReportsWhatExisted()
{
    // KVControllerTest delete and the bulk delete's existing and missing keys.
    open();
    put(QStringLiteral("my-key"), QStringLiteral("content"));
    const DeleteResult r =
        m_catalog->remove(ns, {QStringLiteral("my-key"), QStringLiteral("none")}).result();
    QCOMPARE(r.deleted, QStringList{QStringLiteral("my-key")});
    QCOMPARE(r.missing, QStringList{QStringLiteral("none")});
    expectError(ErrorCode::NotFound,
                [&] { (void)m_catalog->get(ns, QStringLiteral("my-key")).result(); });
}

void TestKestraGenerations::statisticsAndNamespaces()
{
    // KVControllerTest list: the namespace's live pairs with their dates.
    open();
    put(QStringLiteral("my-key"), QStringLiteral("a"));
    m_clock->advanceSeconds(5);
    put(QStringLiteral("my-second-key"), QStringLiteral("b"));
    const NamespaceStats stats = m_catalog->namespaceStats(ns).result();
    QCOMPARE(stats.liveCount, 2);
    QCOMPARE(stats.lastUpdateMs, m_clock->nowMs());
    bool found = false;
    for (const NamespaceInfo& info : m_catalog->listNamespaces().result())
        found = found || info.name == ns;
    QVERIFY(found);
}

void TestKestraGenerations::unsupportedNamesTheVersion()
{
    open();
    put(QStringLiteral("k"), QStringLiteral("v"));
    const QString version = kvtest::versionOf(m_profile);
    expectError(
        ErrorCode::Unsupported, [&] { (void)m_catalog->history(ns, QStringLiteral("k")).result(); },
        version);
    expectError(
        ErrorCode::Unsupported, [&] { (void)m_catalog->purge({}).result(); }, version);
}

void TestKestraGenerations::emptyTenantLeavesTheSegmentOut()
{
    open(QString());
    if (atLeast(KestraProfile::V1_1)) {
        // From 1.0 on every route has a tenant: the server says so, nothing is written.
        expectError(ErrorCode::NotFound, [&] { put(QStringLiteral("k"), QStringLiteral("v")); });
        return;
    }
    put(QStringLiteral("k"), QStringLiteral("v"));
    QCOMPARE(m_catalog->get(ns, QStringLiteral("k")).result().value->text(), QStringLiteral("v"));
    QVERIFY(m_kestra->api().requestLog().contains(
        QStringLiteral("GET /api/v1/namespaces/io.namespace/kv/k")));
}

void TestKestraGenerations::cliNamesTheServerApi()
{
    open();
    const CliRunner cli(m_kestra->url());
    const CliResult info = cli.ok({QStringLiteral("catalog"), QStringLiteral("info")});
    QVERIFY2(info.outText().contains(QStringLiteral("Server API: ") + kvtest::nameOf(m_profile)),
             qPrintable(info.describe()));
    const QJsonObject json =
        QJsonDocument::fromJson(cli.ok(CliRunner::words("catalog info --json")).out).object();
    QCOMPARE(json[u"serverApi"].toString(), kvtest::nameOf(m_profile));
    if (m_profile != KestraProfile::V0_20)
        return;
    // --tenant '' reaches Kestra 0.2x's routes without a tenant.
    cli.ok({QStringLiteral("--tenant"), QString(), QStringLiteral("set"), ns, QStringLiteral("k"),
            QStringLiteral("v")});
    QVERIFY(m_kestra->api().requestLog().contains(
        QStringLiteral("PUT /api/v1/namespaces/io.namespace/kv/k")));
}

QTEST_GUILESS_MAIN(TestKestraGenerations)
#include "tst_kestragenerations.moc"
