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
constexpr qint64 hour = 60 * minute;

QString s(const char* text)
{
    return QString::fromUtf8(text);
}

} // namespace

void CatalogContract::init()
{
    m_clock = std::make_shared<ManualClock>(QDateTime(QDate(2024, 2, 29), QTime(10, 0), Qt::UTC));
    m_fixture = m_factory(m_clock);
    m_catalog = m_fixture.catalog.get();
    QVERIFY(m_catalog);
    if (m_fixture.cannot) {
        QString test = QString::fromLatin1(QTest::currentTestFunction());
        if (const char* tag = QTest::currentDataTag())
            test += QLatin1Char(':') + QString::fromUtf8(tag);
        const QString reason = m_fixture.cannot(test);
        if (!reason.isEmpty())
            QSKIP(qPrintable(reason));
    }
}

void CatalogContract::cleanup()
{
    m_fixture.catalog.reset();
    m_fixture.resources.reset();
    m_catalog = nullptr;
}

KvEntry CatalogContract::put(const QString& space, const QString& key, const QString& text,
                             ValueType type, std::optional<qint64> ttlMs)
{
    SetRequest r;
    r.ns = space;
    r.key = key;
    r.value = KvValue::parse(type, text);
    r.ttlMs = ttlMs;
    return m_catalog->set(r).result();
}

QStringList CatalogContract::keysOf(const ListQuery& query)
{
    QStringList keys;
    for (const KvEntry& e : m_catalog->list(query).result().entries)
        keys << e.key;
    return keys;
}

void CatalogContract::setGetRoundTrip_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("stored");
    QTest::newRow("string") << "STRING" << s("hello, wörld\n  ") << s("hello, wörld\n  ");
    QTest::newRow("empty string") << "STRING" << QString() << QString();
    // Qt's JSON parser drops a U+FEFF that opens a string (found by the fuzzers).
    QTest::newRow("string starting with U+FEFF")
        << "STRING" << QChar(0xFEFF) + s("text") << QChar(0xFEFF) + s("text");
    QTest::newRow("big number") << "NUMBER" << s("12345678901234567890")
                                << s("12345678901234567890");
    QTest::newRow("decimal") << "NUMBER" << s("0.1") << s("0.1");
    QTest::newRow("boolean") << "BOOLEAN" << s("true") << s("true");
    QTest::newRow("date") << "DATE" << s("2024-02-29") << s("2024-02-29");
    QTest::newRow("datetime to utc")
        << "DATETIME" << s("2024-02-29T11:00:00+01:00") << s("2024-02-29T10:00:00Z");
    QTest::newRow("duration") << "DURATION" << s("PT5M") << s("PT5M");
    QTest::newRow("json compact") << "JSON" << s("{ \"a\": [1, 2.50, 12345678901234567890] }")
                                  << s("{\"a\":[1,2.50,12345678901234567890]}");
}

void CatalogContract::setGetRoundTrip()
{
    QFETCH(QString, type);
    QFETCH(QString, input);
    QFETCH(QString, stored);
    const ValueType t = requireValueType(type);
    put(ns, QStringLiteral("k"), input, t);
    const KvEntry e = m_catalog->get(ns, QStringLiteral("k")).result();
    QVERIFY(e.value.has_value());
    QCOMPARE(valueTypeName(e.value->type()), type);
    QCOMPARE(e.value->text(), stored);
    QCOMPARE(valueTypeName(e.type), type);
}

void CatalogContract::setReportsMetadata()
{
    SetRequest r;
    r.ns = ns;
    r.key = QStringLiteral("last.run");
    r.value = KvValue::parse(ValueType::String, QStringLiteral("abc"));
    r.description = QStringLiteral("when the job last ran");
    r.ttlMs = hour;
    const KvEntry e = m_catalog->set(r).result();
    QCOMPARE(e.revision, 1);
    QCOMPARE(e.createdAtMs, m_clock->nowMs());
    QCOMPARE(e.updatedAtMs, m_clock->nowMs());
    QCOMPARE(e.expiresAtMs.value_or(-1), m_clock->nowMs() + hour);
    QCOMPARE(e.size, 5); // "abc" as JSON
    const KvEntry listed = m_catalog->list({ns}).result().entries.value(0);
    QCOMPARE(listed.key, QStringLiteral("last.run"));
    QCOMPARE(listed.description, QStringLiteral("when the job last ran"));
    QCOMPARE(listed.expiresAtMs.value_or(-1), m_clock->nowMs() + hour);
}

void CatalogContract::keysAreCaseSensitive()
{
    put(ns, QStringLiteral("Key"), QStringLiteral("upper"));
    put(ns, QStringLiteral("key"), QStringLiteral("lower"));
    QCOMPARE(m_catalog->get(ns, QStringLiteral("Key")).result().value->text(),
             QStringLiteral("upper"));
    QCOMPARE(m_catalog->get(ns, QStringLiteral("key")).result().value->text(),
             QStringLiteral("lower"));
    QCOMPARE(keysOf({ns}), (QStringList{QStringLiteral("Key"), QStringLiteral("key")}));
}

void CatalogContract::invalidInputWritesNothing_data()
{
    QTest::addColumn<QString>("space");
    QTest::addColumn<QString>("key");
    QTest::addColumn<qint64>("ttl");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("key with space") << ns << s("a b") << qint64(0) << s("'a b'");
    QTest::newRow("key starting with dot") << ns << s(".a") << qint64(0) << s("'.a'");
    QTest::newRow("empty key") << ns << QString() << qint64(0) << s("key");
    QTest::newRow("key too long") << ns << QString(256, QLatin1Char('k')) << qint64(0) << s("255");
    QTest::newRow("upper-case namespace") << s("Company") << s("k") << qint64(0) << s("'Company'");
    QTest::newRow("empty segment") << s("a..b") << s("k") << qint64(0) << s("'a..b'");
    QTest::newRow("zero ttl") << ns << s("k") << qint64(-1) << s("positive");
}

void CatalogContract::invalidInputWritesNothing()
{
    QFETCH(QString, space);
    QFETCH(QString, key);
    QFETCH(qint64, ttl);
    QFETCH(QString, fragment);
    SetRequest r;
    r.ns = space;
    r.key = key;
    r.value = KvValue::parse(ValueType::String, QStringLiteral("v"));
    if (ttl < 0)
        r.ttlMs = 0;
    if (!expectError(
            ErrorCode::InvalidInput, [&] { (void)m_catalog->set(r).result(); }, fragment))
        return;
    QVERIFY(m_catalog->listNamespaces().result().isEmpty());
    QVERIFY(m_catalog->fsck({}).result().valueFiles == 0);
}

// Every backend checks its arguments in the same gate (CatalogBackend), before any request:
// an empty key would otherwise reach a server as an empty path segment ("kv//history").
void CatalogContract::gateRefusesInvalidArguments_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("space");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("history, empty key") << "history" << ns << QString() << s("must not be empty");
    QTest::newRow("history, invalid key") << "history" << ns << s("a/b") << s("'a/b'");
    QTest::newRow("history, invalid namespace") << "history" << s("A") << s("k") << s("'A'");
    QTest::newRow("restore, empty key") << "restore" << ns << QString() << s("must not be empty");
    QTest::newRow("restore, invalid key") << "restore" << ns << s("a/b") << s("'a/b'");
    QTest::newRow("restore, invalid namespace") << "restore" << s("A") << s("k") << s("'A'");
    QTest::newRow("expire, empty key") << "expire" << ns << QString() << s("must not be empty");
    QTest::newRow("expire, invalid key") << "expire" << ns << s("a b") << s("'a b'");
    QTest::newRow("list, negative offset") << "offset" << ns << QString() << s("offset -1");
    QTest::newRow("list, page too large") << "limit" << ns << QString() << s("page size 100001");
    QTest::newRow("history depth") << "depth" << ns << QString() << s("1001");
    QTest::newRow("maximum value size") << "max" << ns << QString() << s("1023");
}

void CatalogContract::gateRefusesInvalidArguments()
{
    QFETCH(QString, operation);
    QFETCH(QString, space);
    QFETCH(QString, key);
    QFETCH(QString, fragment);
    put(ns, QStringLiteral("k"), QStringLiteral("v"));
    CatalogBackend& backend = m_catalog->backend();
    auto run = [&] {
        ListQuery q{ns};
        if (operation == QLatin1String("history"))
            backend.history(space, key);
        else if (operation == QLatin1String("restore"))
            backend.restore(space, key, 1);
        else if (operation == QLatin1String("expire"))
            backend.expire({space, {QStringLiteral("k"), key}, 60'000});
        else if (operation == QLatin1String("offset"))
            q.offset = -1;
        else if (operation == QLatin1String("limit"))
            q.limit = CatalogBackend::maxPageSize + 1;
        else if (operation == QLatin1String("depth"))
            backend.setHistoryDepth(CatalogBackend::maxHistoryDepth + 1);
        else if (operation == QLatin1String("max"))
            backend.setMaxValueBytes(CatalogBackend::minMaxValueBytes - 1);
        if (q.offset != 0 || q.limit != ListQuery().limit)
            backend.list(q);
        return 0;
    };
    if (!expectError(
            ErrorCode::InvalidInput, [&] { (void)run(); }, fragment))
        return;
    // Nothing changed: "k" keeps its one revision and no expiration.
    const KvEntry e = m_catalog->get(ns, QStringLiteral("k")).result();
    QCOMPARE(e.revision, 1);
    QVERIFY(!e.expiresAtMs.has_value());
}

void CatalogContract::getMissingIsNotFound()
{
    if (!expectError(
            ErrorCode::NotFound, [&] { (void)m_catalog->get(ns, QStringLiteral("nope")).result(); },
            s("'nope'")))
        return;
}

void CatalogContract::ttlExpiresLazily()
{
    put(ns, QStringLiteral("short"), QStringLiteral("v"), ValueType::String, 30'000);
    m_clock->advanceSeconds(29);
    QCOMPARE(m_catalog->get(ns, QStringLiteral("short")).result().value->text(),
             QStringLiteral("v"));
    m_clock->advanceSeconds(1); // expiry is inclusive: at expires_at the pair is gone
    if (!expectError(
            ErrorCode::Expired, [&] { (void)m_catalog->get(ns, QStringLiteral("short")).result(); },
            s("expired at 2024-02-29T10:00:30Z")))
        return;
    // Reading the expired pair removed it.
    if (!expectError(
            ErrorCode::NotFound,
            [&] { (void)m_catalog->get(ns, QStringLiteral("short")).result(); }, s("short")))
        return;
    ListQuery all{ns};
    all.includeExpired = true;
    QVERIFY(keysOf(all).isEmpty());
}

void CatalogContract::expiredPairsAreInvisible()
{
    put(ns, QStringLiteral("a"), QStringLiteral("1"), ValueType::String, minute);
    put(ns, QStringLiteral("b"), QStringLiteral("2"));
    m_clock->advanceSeconds(61);
    ListQuery q{ns};
    q.withTotal = true;
    const KvPage page = m_catalog->list(q).result();
    QCOMPARE(page.total, 1);
    QCOMPARE(page.entries.size(), 1);
    QCOMPARE(page.entries.first().key, QStringLiteral("b"));
    q.includeExpired = true;
    QCOMPARE(keysOf(q), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(m_catalog->listNamespaces().result().value(1).keyCount, 1);
}

void CatalogContract::overwriteMakesRevision()
{
    const KvEntry first = put(ns, QStringLiteral("k"), QStringLiteral("one"));
    m_clock->advanceSeconds(10);
    const KvEntry second = put(ns, QStringLiteral("k"), QStringLiteral("2"), ValueType::Number);
    QCOMPARE(second.revision, 2);
    QCOMPARE(second.createdAtMs, first.createdAtMs);
    QCOMPARE(second.updatedAtMs, first.updatedAtMs + 10'000);
    const KvEntry got = m_catalog->get(ns, QStringLiteral("k")).result();
    QCOMPARE(got.value->text(), QStringLiteral("2"));
    QCOMPARE(got.type, ValueType::Number);
}

// A new revision takes the expiry of its own write: a TTL again, another one, or none at all.
void CatalogContract::overwriteSetsOrClearsExpiry()
{
    const KvEntry first =
        put(ns, QStringLiteral("k"), QStringLiteral("1"), ValueType::String, hour);
    const KvEntry cleared = put(ns, QStringLiteral("k"), QStringLiteral("2"));
    QVERIFY(!cleared.expiresAtMs);
    QCOMPARE(cleared.createdAtMs, first.createdAtMs);
    m_clock->advanceSeconds(2 * 3600); // past the first TTL: the pair stays
    QVERIFY(!m_catalog->get(ns, QStringLiteral("k")).result().expiresAtMs);
    put(ns, QStringLiteral("k"), QStringLiteral("3"), ValueType::String, minute);
    const KvEntry same =
        put(ns, QStringLiteral("k"), QStringLiteral("4"), ValueType::String, minute);
    QCOMPARE(same.expiresAtMs.value_or(-1), m_clock->nowMs() + minute);
    QCOMPARE(keysOf({ns}), QStringList{QStringLiteral("k")});
    m_clock->advanceSeconds(61);
    QVERIFY(keysOf({ns}).isEmpty()); // the listing's index saw the new expiry
    if (!expectError(
            ErrorCode::Expired, [&] { (void)m_catalog->get(ns, QStringLiteral("k")).result(); },
            QString())) // each kind of catalog words it its own way
        return;
}

void CatalogContract::noOverwriteConflicts()
{
    put(ns, QStringLiteral("k"), QStringLiteral("original"));
    SetRequest r{ns, QStringLiteral("k"), KvValue::parse(ValueType::String, QStringLiteral("new"))};
    r.overwrite = false;
    if (!expectError(
            ErrorCode::Conflict, [&] { (void)m_catalog->set(r).result(); }, s("'k'")))
        return;
    const KvEntry e = m_catalog->get(ns, QStringLiteral("k")).result();
    QCOMPARE(e.value->text(), QStringLiteral("original"));
    QCOMPARE(e.revision, 1);
}

void CatalogContract::noOverwriteReplacesExpired()
{
    put(ns, QStringLiteral("k"), QStringLiteral("old"), ValueType::String, minute);
    m_clock->advanceSeconds(120);
    SetRequest r{ns, QStringLiteral("k"), KvValue::parse(ValueType::String, QStringLiteral("new"))};
    r.overwrite = false;
    const KvEntry e = m_catalog->set(r).result();
    QCOMPARE(e.revision, 1); // the expired pair did not exist any more
    QCOMPARE(m_catalog->get(ns, QStringLiteral("k")).result().value->text(), QStringLiteral("new"));
}

void CatalogContract::descriptionKeptUnlessGiven()
{
    SetRequest r{ns, QStringLiteral("k"), KvValue::parse(ValueType::String, QStringLiteral("1"))};
    r.description = QStringLiteral("kept");
    m_catalog->set(r).waitForFinished();
    r.description.reset();
    QCOMPARE(m_catalog->set(r).result().description, QStringLiteral("kept"));
    r.description = QString();
    QCOMPARE(m_catalog->set(r).result().description, QString());
}
