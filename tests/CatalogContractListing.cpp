// Catalog contract: listing, deleting, expiring, history and namespaces.
#include "CatalogContract.h"
#include "ExpectError.h"

#include <algorithm>
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
} // namespace

void CatalogContract::listSortsByEveryColumn_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<bool>("descending");
    QTest::addColumn<QStringList>("expected");
    // Written in the order c, a, d, b one second apart (see the test body).
    const QStringList byWrite{s("c"), s("a"), s("d"), s("b")};
    QStringList reversed = byWrite;
    std::reverse(reversed.begin(), reversed.end());
    QTest::newRow("key") << "key" << false << QStringList{s("a"), s("b"), s("c"), s("d")};
    QTest::newRow("key desc") << "key" << true << QStringList{s("d"), s("c"), s("b"), s("a")};
    QTest::newRow("created") << "created" << false << byWrite;
    QTest::newRow("updated desc") << "updated" << true << reversed;
    // types: c STRING, a NUMBER, d BOOLEAN, b JSON -> registry order of the type enum
    QTest::newRow("type") << "type" << false << QStringList{s("c"), s("a"), s("d"), s("b")};
    // sizes: c "xxxxxx" (8), a 1 (1), d true (4), b {"k":1} (7)
    QTest::newRow("size") << "size" << false << QStringList{s("a"), s("d"), s("b"), s("c")};
    QTest::newRow("description") << "description" << false
                                 << QStringList{s("b"), s("d"), s("a"), s("c")};
    // expirations: c never, a +10 min, d +5 min, b +20 min; never sorts last
    QTest::newRow("expires") << "expires" << false << QStringList{s("d"), s("a"), s("b"), s("c")};
    QTest::newRow("expires desc") << "expires" << true
                                  << QStringList{s("c"), s("b"), s("a"), s("d")};
    // revisions: a is written twice more at the end (3), d once (2); c and b tie at 1 and
    // ties are broken by key in the same direction
    QTest::newRow("revision desc")
        << "revision" << true << QStringList{s("a"), s("d"), s("c"), s("b")};
}

void CatalogContract::listSortsByEveryColumn()
{
    QFETCH(QString, column);
    QFETCH(bool, descending);
    QFETCH(QStringList, expected);
    struct Row
    {
        const char* key;
        ValueType type;
        const char* value;
        const char* description;
        qint64 ttl;
    };
    const Row rows[] = {{"c", ValueType::String, "xxxxxx", "zeta", 0},
                        {"a", ValueType::Number, "1", "gamma", 10 * minute},
                        {"d", ValueType::Boolean, "true", "beta", 5 * minute},
                        {"b", ValueType::Json, "{\"k\":1}", "alpha", 20 * minute}};
    for (const Row& row : rows) {
        SetRequest r{ns, s(row.key), KvValue::parse(row.type, s(row.value))};
        r.description = s(row.description);
        if (row.ttl > 0)
            r.ttlMs = row.ttl;
        m_catalog->set(r).waitForFinished();
        m_clock->advanceSeconds(1);
    }
    if (column == QLatin1String("revision")) {
        // a: revision 3 (same value and metadata), d: revision 2
        for (const char* key : {"a", "a", "d"}) {
            SetRequest r{ns, s(key), m_catalog->get(ns, s(key)).result().value.value()};
            m_catalog->set(r).waitForFinished();
        }
    }
    ListQuery q{ns};
    q.sort = parseSortColumn(column).value();
    q.descending = descending;
    QCOMPARE(keysOf(q), expected);
}

void CatalogContract::listPagesAndFilters()
{
    for (int i = 0; i < 25; ++i)
        put(ns, QStringLiteral("job.%1").arg(i, 2, 10, QLatin1Char('0')), QString::number(i));
    put(ns, QStringLiteral("other"), QStringLiteral("x"));
    put(QStringLiteral("company.elsewhere"), QStringLiteral("job.99"), QStringLiteral("x"));

    ListQuery q{ns};
    q.limit = 10;
    q.offset = 20;
    q.withTotal = true;
    const KvPage page = m_catalog->list(q).result();
    QCOMPARE(page.total, 26);
    QCOMPARE(page.entries.size(), 6);
    QCOMPARE(page.entries.first().key, QStringLiteral("job.20"));
    QCOMPARE(page.entries.last().key, QStringLiteral("other"));

    ListQuery prefixed{ns};
    prefixed.prefix = QStringLiteral("job.1");
    prefixed.withTotal = true;
    const KvPage p = m_catalog->list(prefixed).result();
    QCOMPARE(p.total, 10);
    QCOMPARE(p.entries.first().key, QStringLiteral("job.10"));

    ListQuery contains{ns};
    contains.contains = QStringLiteral("5");
    QCOMPARE(keysOf(contains), (QStringList{s("job.05"), s("job.15")}));

    ListQuery after{ns};
    after.afterKey = QStringLiteral("job.22");
    QCOMPARE(keysOf(after), (QStringList{s("job.23"), s("job.24"), s("other")}));
    after.descending = true;
    after.limit = 2;
    QCOMPARE(keysOf(after), (QStringList{s("job.21"), s("job.20")}));

    ListQuery bad{ns};
    bad.prefix = QStringLiteral("no spaces");
    if (!expectError(
            ErrorCode::InvalidInput, [&] { (void)m_catalog->list(bad).result(); },
            s("'no spaces'")))
        return;
}

void CatalogContract::listReadsLastPagesBackwards()
{
    for (int i = 0; i < 37; ++i)
        put(ns, QStringLiteral("k%1").arg(i, 3, 10, QLatin1Char('0')), QString::number(i));
    for (qint64 offset : {0, 10, 18, 19, 30, 35, 36, 37}) {
        ListQuery forward{ns};
        forward.offset = offset;
        forward.limit = 10;
        ListQuery backward = forward;
        backward.knownTotal = 37;
        QCOMPARE(keysOf(backward), keysOf(forward));
        forward.descending = backward.descending = true;
        QCOMPARE(keysOf(backward), keysOf(forward));
    }
}

void CatalogContract::listWithValues()
{
    put(ns, QStringLiteral("a"), QStringLiteral("[1, 2]"), ValueType::Json);
    ListQuery q{ns};
    q.withValues = true;
    const KvPage page = m_catalog->list(q).result();
    QCOMPARE(page.entries.size(), 1);
    QCOMPARE(page.entries.first().value.value().text(), QStringLiteral("[1,2]"));
    q.withValues = false;
    QVERIFY(!m_catalog->list(q).result().entries.first().value.has_value());
}

void CatalogContract::removeReportsWhatExisted()
{
    put(ns, QStringLiteral("a"), QStringLiteral("1"));
    put(ns, QStringLiteral("b"), QStringLiteral("2"), ValueType::String, minute);
    m_clock->advanceSeconds(61);
    const DeleteResult r = m_catalog->remove(ns, {s("a"), s("b"), s("c")}).result();
    QCOMPARE(r.deleted, QStringList{s("a")});
    QCOMPARE(r.missing, (QStringList{s("b"), s("c")}));
    ListQuery all{ns};
    all.includeExpired = true;
    QVERIFY(keysOf(all).isEmpty());
}

void CatalogContract::removeErrorOnMissingDeletesNothing()
{
    put(ns, QStringLiteral("a"), QStringLiteral("1"));
    if (!expectError(
            ErrorCode::NotFound,
            [&] {
                (void)m_catalog->remove(ns, {s("a"), s("zz")}, true).result();
            },
            s("zz")))
        return;
    QCOMPARE(keysOf({ns}), QStringList{s("a")});
}

void CatalogContract::expireChangesOnlyExpiration()
{
    put(ns, QStringLiteral("a"), QStringLiteral("1"));
    put(ns, QStringLiteral("b"), QStringLiteral("2"), ValueType::String, minute);
    m_clock->advanceSeconds(5);
    ExpireRequest r{ns, {s("a"), s("b")}, 10 * minute};
    QCOMPARE(m_catalog->expire(r).result(), (QStringList{s("a"), s("b")}));
    for (const KvEntry& e : m_catalog->list({ns}).result().entries) {
        QCOMPARE(e.expiresAtMs.value_or(-1), m_clock->nowMs() + 10 * minute);
        QCOMPARE(e.revision, 1);
    }
    r.ttlMs.reset();
    r.keys = {s("b")};
    m_catalog->expire(r).waitForFinished();
    const KvEntry b = m_catalog->get(ns, s("b")).result();
    QVERIFY(!b.expiresAtMs.has_value());
    QCOMPARE(b.value->text(), QStringLiteral("2"));
    QCOMPARE(b.revision, 1);
}

void CatalogContract::expireMissingChangesNothing()
{
    put(ns, QStringLiteral("a"), QStringLiteral("1"));
    ExpireRequest r{ns, {s("a"), s("ghost")}, minute};
    if (!expectError(
            ErrorCode::NotFound, [&] { (void)m_catalog->expire(r).result(); }, s("ghost")))
        return;
    QVERIFY(!m_catalog->get(ns, s("a")).result().expiresAtMs.has_value());
    r.ttlMs = 0;
    r.keys = {s("a")};
    if (!expectError(
            ErrorCode::InvalidInput, [&] { (void)m_catalog->expire(r).result(); }, s("positive")))
        return;
}

void CatalogContract::historyKeepsConfiguredDepth()
{
    for (int i = 1; i <= 8; ++i) {
        put(ns, QStringLiteral("k"), QStringLiteral("v%1").arg(i));
        m_clock->advanceSeconds(1);
    }
    const QList<KvRevision> h = m_catalog->history(ns, QStringLiteral("k")).result();
    QCOMPARE(h.size(), 6); // the current revision and the default depth of 5
    QCOMPARE(h.first().revision, 8);
    QVERIFY(h.first().isCurrent);
    QCOMPARE(h.last().revision, 3);
    QVERIFY(!h.last().isCurrent);

    m_catalog->backend().setHistoryDepth(0);
    put(ns, QStringLiteral("k"), QStringLiteral("v9"));
    QCOMPARE(m_catalog->history(ns, QStringLiteral("k")).result().size(), 1);
    if (!expectError(
            ErrorCode::InvalidInput, [&] { (void)m_catalog->backend().setHistoryDepth(-1); },
            s("-1")))
        return;
}

void CatalogContract::restoreWritesOldValueAsNewRevision()
{
    SetRequest r{ns, QStringLiteral("k"), KvValue::parse(ValueType::Number, QStringLiteral("1"))};
    r.description = QStringLiteral("first");
    m_catalog->set(r).waitForFinished();
    put(ns, QStringLiteral("k"), QStringLiteral("two"));
    const KvEntry restored = m_catalog->restore(ns, QStringLiteral("k"), 1).result();
    QCOMPARE(restored.revision, 3);
    const KvEntry e = m_catalog->get(ns, QStringLiteral("k")).result();
    QCOMPARE(e.type, ValueType::Number);
    QCOMPARE(e.value->text(), QStringLiteral("1"));
    QCOMPARE(e.description, QStringLiteral("first"));
    QCOMPARE(m_catalog->history(ns, QStringLiteral("k")).result().size(), 3);
}

void CatalogContract::restoreUnknownRevisionIsNotFound()
{
    put(ns, QStringLiteral("k"), QStringLiteral("1"));
    if (!expectError(
            ErrorCode::NotFound,
            [&] { (void)m_catalog->restore(ns, QStringLiteral("k"), 7).result(); }, s("7")))
        return;
    if (!expectError(
            ErrorCode::NotFound,
            [&] { (void)m_catalog->restore(ns, QStringLiteral("x"), 1).result(); }, s("'x'")))
        return;
}

void CatalogContract::namespacesExplicitAndImplied()
{
    m_catalog->createNamespace(QStringLiteral("company.ops"), QStringLiteral("Operations"))
        .waitForFinished();
    put(QStringLiteral("company.team.etl"), QStringLiteral("a"), QStringLiteral("1"));
    put(QStringLiteral("company.team.etl"), QStringLiteral("b"), QStringLiteral("1"));
    put(QStringLiteral("company.team.etl"), QStringLiteral("c"), QStringLiteral("1"),
        ValueType::String, minute);
    m_clock->advanceSeconds(61);
    const QList<NamespaceInfo> all = m_catalog->listNamespaces().result();
    QStringList names;
    for (const NamespaceInfo& info : all)
        names << info.name;
    QCOMPARE(names, (QStringList{s("company"), s("company.ops"), s("company.team"),
                                 s("company.team.etl")}));
    QVERIFY(all.at(1).isExplicit);
    QCOMPARE(all.at(1).description, QStringLiteral("Operations"));
    QVERIFY(!all.at(3).isExplicit);
    QCOMPARE(all.at(3).keyCount, 2); // the expired pair does not count
    QCOMPARE(m_catalog->listNamespaces(QStringLiteral("company.t")).result().size(), 2);
}

void CatalogContract::namespaceCreateTwiceConflicts()
{
    m_catalog->createNamespace(QStringLiteral("a.b")).waitForFinished();
    if (!expectError(
            ErrorCode::Conflict,
            [&] { (void)m_catalog->createNamespace(QStringLiteral("a.b")).result(); }, s("'a.b'")))
        return;
    if (!expectError(
            ErrorCode::InvalidInput,
            [&] { (void)m_catalog->createNamespace(QStringLiteral("A")).result(); }, s("'A'")))
        return;
}

void CatalogContract::namespaceDeleteRules()
{
    put(QStringLiteral("a.b"), QStringLiteral("k"), QStringLiteral("1"));
    m_catalog->createNamespace(QStringLiteral("a")).waitForFinished();
    put(QStringLiteral("ab"), QStringLiteral("k"), QStringLiteral("1")); // not a child of "a"
    if (!expectError(
            ErrorCode::Conflict,
            [&] { (void)m_catalog->deleteNamespace(QStringLiteral("a")).waitForFinished(); },
            s("'a'")))
        return;
    QCOMPARE(keysOf({QStringLiteral("a.b")}), QStringList{s("k")});
    m_catalog->deleteNamespace(QStringLiteral("a"), true).waitForFinished();
    QVERIFY(keysOf({QStringLiteral("a.b")}).isEmpty());
    QCOMPARE(keysOf({QStringLiteral("ab")}), QStringList{s("k")});
    QCOMPARE(m_catalog->listNamespaces().result().size(), 1);
    if (!expectError(
            ErrorCode::NotFound,
            [&] { (void)m_catalog->deleteNamespace(QStringLiteral("nothing")).waitForFinished(); },
            s("'nothing'")))
        return;
    m_catalog->createNamespace(QStringLiteral("empty")).waitForFinished();
    m_catalog->deleteNamespace(QStringLiteral("empty")).waitForFinished();
    QCOMPARE(m_catalog->listNamespaces().result().size(), 1);
}

void CatalogContract::namespaceStatsCountsAndSizes()
{
    m_catalog->createNamespace(QStringLiteral("company.ops"), QStringLiteral("Operations"))
        .waitForFinished();
    const qint64 created = m_clock->nowMs();
    put(QStringLiteral("company.ops"), QStringLiteral("a"), QStringLiteral("abc")); // 5 bytes
    m_clock->advanceSeconds(5);
    put(QStringLiteral("company.ops"), QStringLiteral("b"), QStringLiteral("12"),
        ValueType::Number); // 2 bytes
    put(QStringLiteral("company.ops"), QStringLiteral("c"), QStringLiteral("x"), ValueType::String,
        minute);
    put(QStringLiteral("company.ops.child"), QStringLiteral("d"), QStringLiteral("1"));
    const qint64 lastLiveUpdate = m_clock->nowMs();
    m_clock->advanceSeconds(61); // "c" has expired, not yet purged

    const NamespaceStats stats = m_catalog->namespaceStats(QStringLiteral("company.ops")).result();
    QCOMPARE(stats.name, QStringLiteral("company.ops"));
    QVERIFY(stats.isExplicit);
    QCOMPARE(stats.description, QStringLiteral("Operations"));
    QCOMPARE(stats.createdAtMs.value_or(-1), created);
    QCOMPARE(stats.liveCount, 2);
    QCOMPARE(stats.expiredCount, 1);
    QCOMPARE(stats.totalSize, 7);
    QCOMPARE(stats.lastUpdateMs.value_or(-1), lastLiveUpdate);

    const NamespaceStats implied = m_catalog->namespaceStats(QStringLiteral("company")).result();
    QVERIFY(!implied.isExplicit);
    QCOMPARE(implied.liveCount, 0);
    QCOMPARE(implied.expiredCount, 0);
    QVERIFY(!implied.lastUpdateMs.has_value());
    if (!expectError(
            ErrorCode::InvalidInput,
            [&] { (void)m_catalog->namespaceStats(QStringLiteral("Bad")).result(); }, s("'Bad'")))
        return;
}
