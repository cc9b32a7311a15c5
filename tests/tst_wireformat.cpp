// The wire format (src/core/format/Wire*): every message's writer and reader agree, values keep
// their digits and member order, and a request reader refuses a field of the wrong type with an
// InvalidInput error naming the field.
#include "domain/CatalogError.h"
#include "format/ValueBody.h"
#include "format/WireFormat.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace kv;

namespace {

QJsonObject parsed(const QByteArray& json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        qFatal("not a JSON object: %s", json.constData());
    return doc.object();
}

// Runs f, which must throw a CatalogError of `code` whose message names `field`.
template<typename F> bool refuses(F f, ErrorCode code, const QString& field)
{
    try {
        f();
    } catch (const CatalogError& e) {
        if (e.code() != code || !e.message().contains(field)) {
            qWarning() << "wrong error:" << int(e.code()) << e.message();
            return false;
        }
        return true;
    }
    qWarning() << "no error";
    return false;
}

} // namespace

class TestWireFormat : public QObject
{
    Q_OBJECT

private slots:
    void keys();
    void expire();
    void restore();
    void namespaceCreate();
    void settings();
    void deleteResult();
    void errorBodies();
    void kestraDeleteAnswers();
    void kestraGenerationShapes();
    void putHeaders();
    void listQueries();
    void lists();
    void cliSummaries();
    void metadata();
    void maintenance();
    void valuesKeepDigitsAndOrder();
    void readersRefuseWrongTypes();
    void maintenanceReadersAreStrict_data();
    void maintenanceReadersAreStrict();
    void maintenanceReadersTakeDefaults();
    void answerReadersRefuseMalformedText();
};

void TestWireFormat::keys()
{
    const QStringList keys{QStringLiteral("a"), QStringLiteral("é \"q\"")};
    const QByteArray json = wire::keysRequest(keys);
    QCOMPARE(json, QByteArray("{\"keys\":[\"a\",\"\xc3\xa9 \\\"q\\\"\"]}"));
    QCOMPARE(wire::readKeysRequest(json), keys);
    QCOMPARE(wire::readKeysAnswer(json, "expire result"), keys);
    QCOMPARE(wire::readKeysRequest("{}"), QStringList());
}

void TestWireFormat::expire()
{
    ExpireRequest r;
    r.keys = QStringList{QStringLiteral("a"), QStringLiteral("b")};
    r.ttlMs = 3'600'000;
    const QByteArray json = wire::expireRequest(r);
    QCOMPARE(json, QByteArray("{\"keys\":[\"a\",\"b\"],\"ttl\":\"PT1H\"}"));
    const ExpireRequest back = wire::readExpireRequest(json, QStringLiteral("team"));
    QCOMPARE(back.ns, QStringLiteral("team"));
    QCOMPARE(back.keys, r.keys);
    QCOMPARE(back.ttlMs, r.ttlMs);

    r.ttlMs.reset();
    QCOMPARE(wire::expireRequest(r), QByteArray("{\"keys\":[\"a\",\"b\"],\"ttl\":null}"));
    QVERIFY(!wire::readExpireRequest(wire::expireRequest(r), {}).ttlMs);
}

void TestWireFormat::restore()
{
    QCOMPARE(wire::restoreRequest(12), QByteArray("{\"revision\":12}"));
    QCOMPARE(wire::readRestoreRequest(wire::restoreRequest(12)), 12);
    QCOMPARE(wire::readRestoreRequest("{}"), -1); // the catalog refuses it
}

void TestWireFormat::namespaceCreate()
{
    const QByteArray json = wire::namespaceCreate(QStringLiteral("a.b"), QStringLiteral("d\n"));
    QCOMPARE(json, QByteArray("{\"id\":\"a.b\",\"description\":\"d\\n\"}"));
    const NamespaceInfo info = wire::readNamespaceCreate(json);
    QCOMPARE(info.name, QStringLiteral("a.b"));
    QCOMPARE(info.description, QStringLiteral("d\n"));

    NamespaceInfo listed;
    listed.name = QStringLiteral("a.b");
    listed.description = QStringLiteral("team");
    const QList<NamespaceInfo> found =
        wire::readNamespaceSearch(wire::results({wire::namespaceInfo(listed)}, 1));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.at(0).name, listed.name);
    QCOMPARE(found.at(0).description, listed.description);
}

void TestWireFormat::settings()
{
    const QByteArray json = wire::settings(
        {QStringLiteral("kvdesk-server"), QStringLiteral("1.2.3"), 5, 12345678901LL});
    QCOMPARE(json, QByteArray("{\"server\":\"kvdesk-server\",\"version\":\"1.2.3\","
                              "\"historyDepth\":5,\"maxValueBytes\":12345678901}"));
    const wire::Settings s = wire::readSettings(parsed(json));
    QCOMPARE(s.server, QStringLiteral("kvdesk-server"));
    QCOMPARE(s.version, QStringLiteral("1.2.3"));
    QCOMPARE(s.historyDepth, std::optional<int>(5));
    QCOMPARE(s.maxValueBytes, std::optional<qint64>(12345678901LL));
    // Another server's answer reads as unnamed, without settings.
    const wire::Settings other = wire::readSettings(parsed("{\"server\": 3}"));
    QVERIFY(other.server.isEmpty());
    QVERIFY(!other.historyDepth && !other.maxValueBytes);
    // Read from the whole answer: the same, and text that is no object names no server.
    QCOMPARE(wire::readSettings(QByteArrayView(json)).historyDepth, std::optional<int>(5));
    QCOMPARE(wire::readSettings(QByteArrayView(json)).server, QLatin1String(wire::ourServerName));
    const wire::Settings page = wire::readSettings(QByteArrayView("<html>Not Found</html>"));
    QVERIFY(page.server.isEmpty());
    QVERIFY(!page.historyDepth && !page.maxValueBytes);

    QCOMPARE(wire::settingsRequest(7, std::nullopt), QByteArray("{\"historyDepth\":7}"));
    QCOMPARE(wire::settingsRequest(std::nullopt, 1024), QByteArray("{\"maxValueBytes\":1024}"));
    const wire::Settings both = wire::readSettingsRequest(wire::settingsRequest(7, 1024));
    QCOMPARE(both.historyDepth, std::optional<int>(7));
    QCOMPARE(both.maxValueBytes, std::optional<qint64>(1024));
    QVERIFY(refuses([] { wire::readSettingsRequest("{}"); }, ErrorCode::InvalidInput,
                    QStringLiteral("historyDepth or maxValueBytes")));
}

void TestWireFormat::deleteResult()
{
    const DeleteResult r{{QStringLiteral("a")}, {QStringLiteral("b"), QStringLiteral("c")}};
    const QByteArray json = wire::deleteResult(r);
    QCOMPARE(json, QByteArray("{\"deleted\":[\"a\"],\"missing\":[\"b\",\"c\"]}"));
    const DeleteResult back = wire::readDeleteResult(json);
    QCOMPARE(back.deleted, r.deleted);
    QCOMPARE(back.missing, r.missing);
}

void TestWireFormat::errorBodies()
{
    const QString message = QStringLiteral("no such key 'k\u00e9' \"x\"\n");
    const QByteArray json = wire::errorBody(message);
    QCOMPARE(json, QByteArray("{\"message\":\"no such key 'k\xc3\xa9' \\\"x\\\"\\n\"}"));
    QCOMPARE(wire::readErrorMessage(json), message);
    // Not one of ours: no message, so the client shows the body itself.
    QCOMPARE(wire::readErrorMessage("<html>Bad Gateway</html>"), QString());
    QCOMPARE(wire::readErrorMessage("{\"error\":\"x\"}"), QString());
    QCOMPARE(wire::readErrorMessage("{\"message\":5}"), QString());
    // Kestra 2.0: RFC 9457 problem details.
    QCOMPARE(wire::readErrorMessage("{\"type\":\"about:blank\",\"title\":\"Not Found\","
                                    "\"status\":404,\"detail\":\"No value found\"}"),
             QStringLiteral("No value found"));
}

void TestWireFormat::kestraGenerationShapes()
{
    // 1.x lists "version", 2.0 "revision"; 1.2.5 answers a key with its revision and update.
    QCOMPARE(wire::readEntry("{\"key\":\"k\",\"version\":4}").revision, 4);
    QCOMPARE(wire::readEntry("{\"key\":\"k\",\"revision\":5,\"version\":4}").revision, 5);
    const wire::ValueDetail detail =
        wire::readValueDetail("{\"type\":\"NUMBER\",\"value\":12345678901234567890,\"revision\":3,"
                              "\"updated\":\"2024-02-29T10:00:00.250Z\"}");
    QCOMPARE(detail.value.text(), QStringLiteral("12345678901234567890"));
    QCOMPARE(detail.revision, 3);
    QCOMPARE(detail.updatedMs,
             QDateTime(QDate(2024, 2, 29), QTime(10, 0, 0, 250), Qt::UTC).toMSecsSinceEpoch());
    QVERIFY(!wire::readValueDetail("{\"type\":\"STRING\",\"value\":\"x\"}").revision);
    const KvPage page = wire::readEntryResults(
        "{\"results\":[{\"namespace\":\"a.b\",\"key\":\"k\"},{\"key\":\"l\"}],\"total\":7}",
        QStringLiteral("c"));
    QCOMPARE(page.total, 7);
    QCOMPARE(page.entries.size(), 2);
    QCOMPARE(page.entries[0].ns, QStringLiteral("a.b"));
    QCOMPARE(page.entries[1].ns, QStringLiteral("c"));
}

void TestWireFormat::kestraDeleteAnswers()
{
    QCOMPARE(wire::deletedAnswer(true), QByteArray("true"));
    QCOMPARE(wire::deletedAnswer(false), QByteArray("false"));
    QVERIFY(wire::readDeletedAnswer("true\n"));
    QVERIFY(!wire::readDeletedAnswer("false"));
    QVERIFY(!wire::readDeletedAnswer("{}"));
}

// PUT .../kv/{key}: the body and its headers, written by the client and read by the server.
void TestWireFormat::putHeaders()
{
    SetRequest r;
    r.value = KvValue::parse(ValueType::Number, QStringLiteral("42"));
    r.ttlMs = 3'600'000;
    r.description = QStringLiteral("plain");
    r.overwrite = false;
    const PutHeaders headers = kv::putHeaders(r);
    QCOMPARE(headers, (PutHeaders{{"kv-type", "NUMBER"},
                                  {"ttl", "PT1H"},
                                  {"description", "plain"},
                                  {"kv-description", "\"plain\""},
                                  {"kv-overwrite", "false"}}));
    const auto asServerSees = [](const PutHeaders& list) {
        QHash<QByteArray, QByteArray> hash;
        for (const auto& [name, value] : list)
            hash.insert(name, value);
        return hash;
    };
    const SetRequest back = readPut(bodyFromValue(r.value), asServerSees(headers));
    QCOMPARE(back.value.toJson(), QByteArray("42"));
    QCOMPARE(back.value.type(), ValueType::Number);
    QCOMPARE(back.ttlMs, r.ttlMs);
    QCOMPARE(back.description, r.description);
    QCOMPARE(back.overwrite, false);

    // Text beyond printable ASCII travels in ours alone, escaped; an empty one too.
    r = SetRequest{};
    r.value = KvValue::parse(ValueType::String, QStringLiteral("x"));
    r.description = QStringLiteral("d\u00e9j\u00e0\nvu");
    QCOMPARE(kv::putHeaders(r),
             (PutHeaders{{"kv-type", "STRING"}, {"kv-description", "\"d\\u00e9j\\u00e0\\nvu\""}}));
    QCOMPARE(readPut("\"x\"", asServerSees(kv::putHeaders(r))).description, r.description);
    r.description = QString();
    const std::optional<QString> empty =
        readPut("\"x\"", asServerSees(kv::putHeaders(r))).description;
    QVERIFY(empty && empty->isEmpty());
    r.description.reset();
    QVERIFY(!readPut("\"x\"", asServerSees(kv::putHeaders(r))).description);

    // Exactly one JSON string literal, or InvalidInput naming the header.
    for (const QByteArray& bad : {QByteArray("plain"), QByteArray("\"a\", 5"), QByteArray()}) {
        QVERIFY2(refuses(
                     [&bad] {
                         readPut("1", {{"kv-description", bad}});
                     },
                     ErrorCode::InvalidInput, QStringLiteral("kv-description")),
                 bad.constData());
    }
}

// GET kvdesk/namespaces/{ns}/kv: the client's query string, decoded as the server decodes it
// (ApiRequest::from), reads back as the same ListQuery.
void TestWireFormat::listQueries()
{
    const auto overTheWire = [](const QUrlQuery& sent) {
        const QUrlQuery received(sent.toString(QUrl::FullyEncoded));
        wire::QueryParams params;
        for (const auto& [name, value] : received.queryItems(QUrl::FullyDecoded)) {
            if (!params.contains(name))
                params.insert(name, value);
        }
        return params;
    };
    ListQuery q;
    q.prefix = QStringLiteral("a+b&c=d %25 \u00e9");
    q.contains = QStringLiteral("#?");
    q.sort = SortColumn::Updated;
    q.descending = true;
    q.offset = 12345678901LL;
    q.limit = 7;
    q.includeExpired = true;
    q.withTotal = true;
    q.withValues = true;
    q.knownTotal = 99;
    q.afterKey = QStringLiteral("k&1");
    ListQuery back = wire::readListQuery(overTheWire(wire::listQuery(q)), QStringLiteral("a.b"));
    QCOMPARE(back.ns, QStringLiteral("a.b"));
    QCOMPARE(back.prefix, q.prefix);
    QCOMPARE(back.contains, q.contains);
    QCOMPARE(back.sort, q.sort);
    QCOMPARE(back.descending, true);
    QCOMPARE(back.offset, q.offset);
    QCOMPARE(back.limit, q.limit);
    QCOMPARE(back.includeExpired, true);
    QCOMPARE(back.withTotal, true);
    QCOMPARE(back.withValues, true);
    QCOMPARE(back.knownTotal, q.knownTotal);
    QCOMPARE(back.afterKey, q.afterKey);

    back = wire::readListQuery(overTheWire(wire::listQuery(ListQuery{})), {});
    QCOMPARE(back.sort, SortColumn::Key);
    QVERIFY(!back.descending && !back.includeExpired && !back.withTotal && !back.withValues);
    QCOMPARE(back.limit, 100);
    QVERIFY(!back.knownTotal && !back.afterKey);
    back = wire::readListQuery({{QStringLiteral("afterKey"), QString()}}, {});
    QCOMPARE(back.afterKey, std::optional<QString>(QString()));

    QVERIFY(wire::queryFlag({{QStringLiteral("f"), QStringLiteral("YES")}}, "f"));
    QVERIFY(wire::queryFlag({{QStringLiteral("f"), QStringLiteral("1")}}, "f"));
    QVERIFY(!wire::queryFlag({{QStringLiteral("f"), QStringLiteral("on")}}, "f"));
    QVERIFY(refuses(
        [] {
            wire::readListQuery({{QStringLiteral("limit"), QStringLiteral("many")}}, {});
        },
        ErrorCode::InvalidInput, QStringLiteral("invalid limit 'many'")));
    QVERIFY(refuses(
        [] {
            wire::readListQuery({{QStringLiteral("sort"), QStringLiteral("colour")}}, {});
        },
        ErrorCode::InvalidInput, QStringLiteral("invalid sort 'colour'")));
}

void TestWireFormat::lists()
{
    QCOMPARE(wire::list({}), QByteArray("[]"));
    QCOMPARE(wire::list({"1", "{}"}), QByteArray("[1,{}]"));
    // Written a piece at a time (each call in turn: the writer remembers whether it wrote an
    // element): the same bytes, or one element a line.
    const auto written = [](wire::ListWriter writer, const QList<QByteArray>& items) {
        QByteArray out = writer.begin();
        for (const QByteArray& item : items)
            out += writer.element(item);
        return out + writer.end();
    };
    QCOMPARE(written(wire::ListWriter(), {"1", "{}"}), QByteArray("[1,{}]"));
    const wire::ListWriter lines(wire::ListWriter::Layout::OneALine);
    QCOMPARE(written(lines, {}), QByteArray("[]"));
    QCOMPARE(written(lines, {"1"}), QByteArray("[\n1\n]"));
    QCOMPARE(written(lines, {"1", "{}"}), QByteArray("[\n1,\n{}\n]"));
    QCOMPARE(wire::results({}, 0), QByteArray("{\"results\":[],\"total\":0}"));
    QCOMPARE(wire::results({"{\"id\":\"a\"}"}, 12345678901LL),
             QByteArray("{\"results\":[{\"id\":\"a\"}],\"total\":12345678901}"));
}

void TestWireFormat::cliSummaries()
{
    NamespaceInfo ns;
    ns.name = QStringLiteral("a.b");
    ns.description = QStringLiteral("d");
    ns.keyCount = 3;
    ns.isExplicit = true;
    QCOMPARE(wire::cliNamespace(ns),
             QByteArray("{\"namespace\":\"a.b\",\"description\":\"d\",\"keyCount\":3,"
                        "\"explicit\":true,\"creationDate\":null}"));
    PurgeResult purge;
    purge.dryRun = true;
    purge.count = 1;
    purge.pairs = {{QStringLiteral("a.b"), QStringLiteral("k")}};
    QCOMPARE(wire::cliPurgeResult(purge),
             QByteArray("{\"dryRun\":true,\"count\":1,\"pairs\":[{\"namespace\":\"a.b\","
                        "\"key\":\"k\"}]}"));
    QCOMPARE(wire::cliCatalogInfo(QStringLiteral("http://h"), QStringLiteral("Kestra 2.0.0"),
                                  std::nullopt, 10, 16),
             QByteArray("{\"location\":\"http://h\",\"serverApi\":\"Kestra 2.0.0\","
                        "\"schemaVersion\":null,\"historyDepth\":10,\"maxValueBytes\":16}"));
    QCOMPARE(wire::cliCatalogInfo(QStringLiteral("x"), QString(), 4, 1, 2),
             QByteArray("{\"location\":\"x\",\"schemaVersion\":4,\"historyDepth\":1,"
                        "\"maxValueBytes\":2}"));
}

void TestWireFormat::metadata()
{
    KvEntry e;
    e.ns = QStringLiteral("a.b");
    e.key = QStringLiteral("k");
    e.type = ValueType::Number;
    e.description = QStringLiteral("d");
    e.size = 20;
    e.revision = 3;
    e.checksum = QStringLiteral("abc");
    e.createdAtMs = 1'709'200'800'000;
    e.updatedAtMs = 1'709'200'801'000;
    e.expiresAtMs = 1'709'200'802'000;
    const QByteArray json =
        wire::entry(e, wire::EntryField::Namespace | wire::EntryField::Checksum);
    QCOMPARE(json, QByteArray("{\"namespace\":\"a.b\",\"key\":\"k\",\"type\":\"NUMBER\","
                              "\"description\":\"d\",\"size\":20,\"revision\":3,"
                              "\"creationDate\":\"2024-02-29T10:00:00Z\","
                              "\"updateDate\":\"2024-02-29T10:00:01Z\","
                              "\"expirationDate\":\"2024-02-29T10:00:02Z\",\"checksum\":\"abc\"}"));
    const KvEntry back = wire::readEntry(json);
    QCOMPARE(back.ns, e.ns);
    QCOMPARE(back.key, e.key);
    QCOMPARE(back.type, e.type);
    QCOMPARE(back.description, e.description);
    QCOMPARE(back.size, e.size);
    QCOMPARE(back.revision, e.revision);
    QCOMPARE(back.checksum, e.checksum);
    QCOMPARE(back.createdAtMs, e.createdAtMs);
    QCOMPARE(back.updatedAtMs, e.updatedAtMs);
    QCOMPARE(back.expiresAtMs, e.expiresAtMs);

    KvRevision r;
    r.revision = 2;
    r.type = ValueType::Json;
    r.description = QStringLiteral("x");
    r.size = 5;
    r.writtenAtMs = 1'709'200'800'000;
    r.isCurrent = true;
    const KvRevision rb = wire::readRevision(parsed(wire::revision(r)));
    QCOMPARE(rb.revision, r.revision);
    QCOMPARE(rb.type, r.type);
    QCOMPARE(rb.description, r.description);
    QCOMPARE(rb.size, r.size);
    QCOMPARE(rb.writtenAtMs, r.writtenAtMs);
    QVERIFY(!rb.expiresAtMs);
    QCOMPARE(rb.isCurrent, true);

    NamespaceInfo info;
    info.name = QStringLiteral("a.b");
    info.description = QStringLiteral("d");
    info.isExplicit = true;
    info.createdAtMs = 1'709'200'800'000;
    info.keyCount = 12;
    const NamespaceInfo ib = wire::readNamespaceInfo(parsed(wire::namespaceInfo(info)));
    QCOMPARE(ib.name, info.name);
    QCOMPARE(ib.description, info.description);
    QCOMPARE(ib.isExplicit, info.isExplicit);
    QCOMPARE(ib.createdAtMs, info.createdAtMs);
    QCOMPARE(ib.keyCount, info.keyCount);

    NamespaceStats st;
    st.name = QStringLiteral("a");
    st.liveCount = 4;
    st.expiredCount = 1;
    st.totalSize = 12345678901LL;
    st.lastUpdateMs = 1'709'200'800'000;
    const NamespaceStats sb = wire::readStats(wire::stats(st));
    QCOMPARE(sb.name, st.name);
    QCOMPARE(sb.liveCount, st.liveCount);
    QCOMPARE(sb.expiredCount, st.expiredCount);
    QCOMPARE(sb.totalSize, st.totalSize);
    QCOMPARE(sb.lastUpdateMs, st.lastUpdateMs);
    QVERIFY(!sb.createdAtMs);
}

void TestWireFormat::maintenance()
{
    PurgeRequest p;
    p.namespaces = QStringList{QStringLiteral("a"), QStringLiteral("b")};
    p.includeChildren = true;
    p.keyPattern = QStringLiteral("tmp*");
    p.createdBeforeMs = 1'709'200'800'000;
    p.dryRun = true;
    p.collectKeys = true;
    p.limit = 10;
    const PurgeRequest pb = wire::readPurgeRequest(wire::purgeRequest(p));
    QCOMPARE(pb.namespaces, p.namespaces);
    QCOMPARE(pb.includeChildren, true);
    QCOMPARE(pb.all, false);
    QCOMPARE(pb.keyPattern, p.keyPattern);
    QCOMPARE(pb.createdBeforeMs, p.createdBeforeMs);
    QCOMPARE(pb.dryRun, true);
    QCOMPARE(pb.collectKeys, true);
    QCOMPARE(pb.limit, 10);
    QVERIFY(refuses([] { wire::readPurgeRequest("{\"createdBefore\":\"yesterday\"}"); },
                    ErrorCode::InvalidInput, QStringLiteral("createdBefore")));

    PurgeResult pr;
    pr.count = 2;
    pr.cancelled = true;
    pr.pairs = {{QStringLiteral("a"), QStringLiteral("k1")},
                {QStringLiteral("b"), QStringLiteral("k2")}};
    const QByteArray prJson = wire::purgeResult(pr);
    QCOMPARE(prJson, QByteArray("{\"count\":2,\"dryRun\":false,\"cancelled\":true,\"pairs\":["
                                "{\"namespace\":\"a\",\"key\":\"k1\"},"
                                "{\"namespace\":\"b\",\"key\":\"k2\"}]}"));
    const PurgeResult prb = wire::readPurgeResult(prJson);
    QCOMPARE(prb.count, 2);
    QCOMPARE(prb.cancelled, true);
    QCOMPARE(prb.pairs.size(), 2);
    QCOMPARE(prb.pairs.at(1).ns, QStringLiteral("b"));
    QCOMPARE(prb.pairs.at(1).key, QStringLiteral("k2"));

    FsckRequest f;
    f.repair = true;
    f.graceMs = 3'600'000;
    QCOMPARE(wire::fsckRequest(f),
             QByteArray("{\"repair\":true,\"verify\":false,\"grace\":\"PT1H\"}"));
    const FsckRequest fb = wire::readFsckRequest(wire::fsckRequest(f));
    QCOMPARE(fb.repair, true);
    QCOMPARE(fb.verify, false);
    QCOMPARE(fb.graceMs, f.graceMs);

    FsckReport report;
    report.orphans = QStringList{QStringLiteral("ab/cd")};
    report.dangling = {{QStringLiteral("a"), QStringLiteral("k")}};
    report.danglingRevisions = QStringList{QStringLiteral("a/k@2")};
    report.corrupt = QStringList{QStringLiteral("a/j")};
    report.invalidIds = QStringList{QStringLiteral("a/i")};
    report.valueFiles = 7;
    report.rows = 9;
    report.repaired = true;
    const QByteArray reportJson = wire::fsckReport(report);
    QVERIFY(reportJson.startsWith("{\"clean\":false,\"orphans\":[\"ab/cd\"],"));
    const FsckReport rb = wire::readFsckReport(reportJson);
    QCOMPARE(rb.orphans, report.orphans);
    QCOMPARE(rb.dangling.size(), 1);
    QCOMPARE(rb.dangling.at(0).key, QStringLiteral("k"));
    QCOMPARE(rb.danglingRevisions, report.danglingRevisions);
    QCOMPARE(rb.corrupt, report.corrupt);
    QCOMPARE(rb.invalidIds, report.invalidIds);
    QCOMPARE(rb.valueFiles, 7);
    QCOMPARE(rb.rows, 9);
    QCOMPARE(rb.repaired, true);

    const ImportResult i{5, 1, 2, true};
    QCOMPARE(wire::importResult(i), QByteArray("{\"imported\":5,\"skippedExpired\":1,"
                                               "\"skippedConflicts\":2,\"cancelled\":true}"));
    const ImportResult ib = wire::readImportResult(wire::importResult(i));
    QCOMPARE(ib.imported, 5);
    QCOMPARE(ib.skippedExpired, 1);
    QCOMPARE(ib.skippedConflicts, 2);
    QCOMPARE(ib.cancelled, true);
}

// Metadata goes through QJsonObject; values do not: digits and member order survive.
void TestWireFormat::valuesKeepDigitsAndOrder()
{
    const KvValue number =
        KvValue::parse(ValueType::Number, QStringLiteral("12345678901234567890"));
    QCOMPARE(wire::typedValue(number),
             QByteArray("{\"type\":\"NUMBER\",\"value\":12345678901234567890}"));
    QCOMPARE(wire::readTypedValue(wire::typedValue(number)).toJson(),
             QByteArray("12345678901234567890"));

    const KvValue object =
        KvValue::fromJson(ValueType::Json, "{\"z\":1,\"a\":12345678901234567890}");
    KvEntry e;
    e.ns = QStringLiteral("a.b");
    e.key = QStringLiteral("k");
    e.type = ValueType::Json;
    e.value = object;
    KvPage page;
    page.entries << e;
    page.total = 1;
    const KvPage back = wire::readPage(wire::page(page, wire::EntryField::Value), e.ns);
    QCOMPARE(back.entries.size(), 1);
    QCOMPARE(back.entries.at(0).value->toJson(),
             QByteArray("{\"z\":1,\"a\":12345678901234567890}"));
}

void TestWireFormat::readersRefuseWrongTypes()
{
    const auto invalid = ErrorCode::InvalidInput;
    QVERIFY(refuses([] { wire::readKeysRequest("{\"keys\":\"a\"}"); }, invalid,
                    QStringLiteral("\"keys\"")));
    QVERIFY(refuses([] { wire::readKeysRequest("{\"keys\":[1]}"); }, invalid,
                    QStringLiteral("\"keys\"")));
    QVERIFY(refuses([] { wire::readExpireRequest("{\"keys\":[],\"ttl\":5}", {}); }, invalid,
                    QStringLiteral("\"ttl\"")));
    QVERIFY(refuses([] { wire::readRestoreRequest("{\"revision\":\"2\"}"); }, invalid,
                    QStringLiteral("\"revision\"")));
    QVERIFY(refuses([] { wire::readNamespaceCreate("{\"id\":[]}"); }, invalid,
                    QStringLiteral("\"id\"")));
    QVERIFY(refuses([] { wire::readNamespaceCreate("{\"id\":\"a\",\"description\":1}"); }, invalid,
                    QStringLiteral("\"description\"")));
    QVERIFY(refuses([] { wire::readSettingsRequest("{\"historyDepth\":\"5\"}"); }, invalid,
                    QStringLiteral("\"historyDepth\"")));
    // A body that is no JSON object is refused with an example of the request.
    QVERIFY(refuses([] { wire::readKeysRequest("[]"); }, invalid,
                    QStringLiteral("must be a JSON object such as {\"keys\": [\"a\", \"b\"]}")));
    QVERIFY(refuses([] { wire::readRestoreRequest(""); }, invalid,
                    QStringLiteral("such as {\"revision\": 2}")));
    QVERIFY(refuses([] { wire::readFsckRequest("{"); }, invalid,
                    QStringLiteral("such as {\"repair\": false")));
    QVERIFY(refuses([] { wire::readSettingsRequest("{\"maxValueBytes\":true}"); }, invalid,
                    QStringLiteral("\"maxValueBytes\"")));
}

// Each member of a purge or fsck request with a wrong type, and an unknown member, is refused
// with InvalidInput naming it: a request the server reads differently than the client meant
// must not purge or repair anything.
void TestWireFormat::maintenanceReadersAreStrict_data()
{
    QTest::addColumn<bool>("purge");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("named");
    const auto row = [](const char* name, bool purge, const char* body, const char* named) {
        QTest::newRow(name) << purge << QByteArray(body) << QString::fromUtf8(named);
    };
    row("namespaces a string", true, R"({"namespaces":"a"})", R"("namespaces")");
    row("namespaces of numbers", true, R"({"namespaces":[1]})", R"("namespaces")");
    row("includeChildren a string", true, R"({"includeChildren":"true"})", R"("includeChildren")");
    row("all a number", true, R"({"all":1})", R"("all")");
    row("all null", true, R"({"all":null})", R"("all")");
    row("keyPattern a number", true, R"({"keyPattern":5})", R"("keyPattern")");
    row("createdBefore a number", true, R"({"createdBefore":1709200800000})", R"("createdBefore")");
    row("createdBefore no time", true, R"({"createdBefore":"yesterday"})", "createdBefore");
    row("dryRun a string", true, R"({"all":true,"dryRun":"true"})", R"("dryRun")");
    row("collectKeys an object", true, R"({"collectKeys":{}})", R"("collectKeys")");
    row("limit a string", true, R"({"limit":"10"})", R"("limit")");
    row("limit negative", true, R"({"limit":-1})", R"("limit")");
    row("limit a fraction", true, R"({"limit":1.5})", R"("limit")");
    row("purge: unknown member", true, R"({"all":true,"dryrun":true})", R"("dryrun")");
    row("repair a string", false, R"({"repair":"false"})", R"("repair")");
    row("verify a number", false, R"({"verify":1})", R"("verify")");
    row("grace a number", false, R"({"grace":3600})", R"("grace")");
    row("grace no duration", false, R"({"grace":"soon"})", R"("grace")");
    row("fsck: unknown member", false, R"({"repair":true,"graceMs":0})", R"("graceMs")");
}

void TestWireFormat::maintenanceReadersAreStrict()
{
    QFETCH(bool, purge);
    QFETCH(QByteArray, body);
    QFETCH(QString, named);
    if (purge)
        QVERIFY(refuses([&body] { wire::readPurgeRequest(body); }, ErrorCode::InvalidInput, named));
    else
        QVERIFY(refuses([&body] { wire::readFsckRequest(body); }, ErrorCode::InvalidInput, named));
}

// Missing members read as their defaults; null is "none" for the lists, strings and the time.
void TestWireFormat::maintenanceReadersTakeDefaults()
{
    const PurgeRequest p = wire::readPurgeRequest("{}");
    QVERIFY(p.namespaces.isEmpty());
    QVERIFY(!p.includeChildren && !p.all && !p.dryRun && !p.collectKeys);
    QVERIFY(p.keyPattern.isEmpty());
    QVERIFY(!p.createdBeforeMs);
    QCOMPARE(p.limit, 0);
    const PurgeRequest n = wire::readPurgeRequest(
        R"({"namespaces":null,"keyPattern":null,"createdBefore":null,"limit":0})");
    QVERIFY(n.namespaces.isEmpty() && n.keyPattern.isEmpty() && !n.createdBeforeMs);
    const FsckRequest f = wire::readFsckRequest("{}");
    QVERIFY(!f.repair && !f.verify);
    QCOMPARE(f.graceMs, 0);
    QCOMPARE(wire::readFsckRequest(R"({"grace":null})").graceMs, 0);
}

void TestWireFormat::answerReadersRefuseMalformedText()
{
    const auto internal = ErrorCode::Internal;
    QVERIFY(refuses([] { wire::readDeleteResult("not json"); }, internal,
                    QStringLiteral("delete result")));
    QVERIFY(refuses([] { wire::readDeleteResult("{\"deleted\":{}}"); }, internal,
                    QStringLiteral("\"deleted\"")));
    QVERIFY(refuses([] { wire::readKeysAnswer("[]", "expire result"); }, internal,
                    QStringLiteral("expire result")));
    QVERIFY(refuses([] { wire::readNamespaceSearch("{"); }, internal,
                    QStringLiteral("namespace search")));
}

QTEST_GUILESS_MAIN(TestWireFormat)
#include "tst_wireformat.moc"
