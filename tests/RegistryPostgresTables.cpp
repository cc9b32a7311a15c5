// tst_registrypostgres: the rows (PairTable), the listings (PairQueries), the namespaces
// (NamespaceTable) and the settings (MetaTable), on SQLite and PostgreSQL alike.
#include "local/MetaTable.h"
#include "local/NamespaceTable.h"
#include "local/PairQueries.h"
#include "local/PairTable.h"
#include "local/PurgeQueries.h"
#include "RegistryPostgres.h"

#include <algorithm>
#include <QTest>

using namespace kv;
using namespace registrytest;

namespace {

constexpr qint64 now = 1000;

ListQuery listing(const char* prefix, SortColumn sort = SortColumn::Key)
{
    ListQuery q;
    q.ns = QStringLiteral("list");
    q.prefix = QLatin1String(prefix);
    q.sort = sort;
    return q;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QStringList strings(std::initializer_list<const char*> list)
{
    QStringList out;
    for (const char* s : list)
        out << QLatin1String(s);
    return out;
}

// Rows for the listing tests, in namespaces "list" and "list.child".
void insertListingRows(PairTable& pairs)
{
    // Byte order of the keys: Apple < ap < app < app.old < app.x < apple < apple-2 < b. A
    // natural-language collation (the PostgreSQL database's own) orders them otherwise.
    pairs.insertEntry(pairRow("list", "Apple", 1, 150));
    pairs.insertEntry(pairRow("list", "ap", 1, 150, 5000));
    pairs.insertEntry(pairRow("list", "app", 1, 400, std::nullopt, 30));
    pairs.insertEntry(pairRow("list", "app.old", 1, 50, 500)); // expired at `now`
    pairs.insertEntry(pairRow("list", "app.x", 1, 100, 3000, 10));
    pairs.insertEntry(pairRow("list", "apple", 1, 300, 4000, 20));
    pairs.insertEntry(pairRow("list", "apple-2", 1, 200, std::nullopt, 10));
    pairs.insertEntry(pairRow("list", "b", 1, 150, 2000));
    pairs.insertEntry(pairRow("list.child", "app", 1, 150));
    pairs.insertEntry(pairRow("list.child", "z", 1, 150, 600)); // expired
}

} // namespace

void TestRegistryPostgres::pairRowsRoundTrip()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    guarded([&] {
        Registry::Transaction tx(d->db, d->dialect);
        PairTable pairs(d->db);
        const StoredEntry plain = pairRow("rows", "k", 1, 100);
        StoredEntry bare = pairRow("rows", "bare", 1, 100, 5000);
        bare.entry.description = QString(); // null: stored as '' (NOT NULL)
        const StoredEntry third = pairRow("rows", "k3", 1, 100, 9000, 0);
        pairs.insertEntry(plain);
        pairs.insertEntry(bare);
        pairs.insertEntry(third);
        // "Never" is stored as INT64_MAX and read back as no expiry.
        std::optional<StoredEntry> found =
            pairs.findEntry(QStringLiteral("rows"), QStringLiteral("k"));
        QVERIFY(found);
        QCOMPARE(describe(*found), describe(plain));
        QVERIFY(!pairs.findEntry(QStringLiteral("rows"), QStringLiteral("K")));

        const QList<StoredEntry> rows = pairs.findEntries(
            QStringLiteral("rows"), {QStringLiteral("k3"), QStringLiteral("missing"),
                                     QStringLiteral("bare"), QStringLiteral("k")});
        bare.entry.description = QStringLiteral("");
        QCOMPARE(describe(rows), describe(QList<StoredEntry>{third, bare, plain}));

        const StoredEntry second = pairRow("rows", "k", 2, 200, 7000, 33);
        pairs.updateEntry(second, true); // from no expiry to 7000
        found = pairs.findEntry(QStringLiteral("rows"), QStringLiteral("k"));
        QVERIFY(found);
        QCOMPARE(describe(*found), describe(second));
    });
}

void TestRegistryPostgres::historyTrimAndDelete()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    guarded([&] {
        Registry::Transaction tx(d->db, d->dialect);
        PairTable pairs(d->db);
        const QString ns = QStringLiteral("hist");
        const QString key = QStringLiteral("h");
        // Revisions 1 to 4 in history, 5 current: what set does (copy, then update).
        pairs.insertEntry(pairRow("hist", "h", 1, 100));
        for (qint64 revision = 2; revision <= 5; ++revision) {
            pairs.copyToHistory(ns, key);
            pairs.updateEntry(pairRow("hist", "h", revision, 100 * revision), false);
        }
        QCOMPARE(describe(pairs.historyRows(ns, key)),
                 describe(QList<StoredEntry>{
                     pairRow("hist", "h", 4, 400), pairRow("hist", "h", 3, 300),
                     pairRow("hist", "h", 2, 200), pairRow("hist", "h", 1, 100)}));

        QCOMPARE(pairs.trimHistory(ns, key, 2), QStringList({pairRow("hist", "h", 2, 0).valueId,
                                                             pairRow("hist", "h", 1, 0).valueId}));
        const QList<StoredEntry> kept = pairs.historyRows(ns, key);
        QCOMPARE(kept.size(), 2);
        QCOMPARE(kept.at(0).entry.revision, 4);
        QCOMPARE(kept.at(1).entry.revision, 3);

        // Deleting the pair removes its current row and its history, and names their values.
        QCOMPARE(sorted(pairs.deletePair(ns, key)),
                 sorted({pairRow("hist", "h", 5, 0).valueId, pairRow("hist", "h", 4, 0).valueId,
                         pairRow("hist", "h", 3, 0).valueId}));
        QVERIFY(pairs.historyRows(ns, key).isEmpty());
        QVERIFY(!pairs.findEntry(ns, key));
    });
}

void TestRegistryPostgres::removerAndExpirySetter()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    guarded([&] {
        Registry::Transaction tx(d->db, d->dialect);
        PairTable pairs(d->db);
        const QString ns = QStringLiteral("rm");
        pairs.insertEntry(pairRow("rm", "a", 1, 100));
        pairs.copyToHistory(ns, QStringLiteral("a"));
        pairs.updateEntry(pairRow("rm", "a", 2, 200), false);
        pairs.insertEntry(pairRow("rm", "live", 1, 100));
        pairs.insertEntry(pairRow("rm", "expired", 1, 100, 900));

        PairTable::Remover remover(d->db);
        QStringList obsolete;
        // Rewritten since it was selected: stays.
        QVERIFY(!remover.removeIfUnchanged(
            ns, QStringLiteral("a"), pairRow("rm", "a", 1, 0).valueId,
            PairRow::checksumColumn(pairRow("rm", "a", 1, 0).entry.checksum), obsolete));
        QVERIFY(remover.removeIfUnchanged(
            ns, QStringLiteral("a"), pairRow("rm", "a", 2, 0).valueId,
            PairRow::checksumColumn(pairRow("rm", "a", 2, 0).entry.checksum), obsolete));
        QCOMPARE(obsolete,
                 QStringList({pairRow("rm", "a", 2, 0).valueId, pairRow("rm", "a", 1, 0).valueId}));
        QVERIFY(!pairs.findEntry(ns, QStringLiteral("a")));
        QVERIFY(pairs.historyRows(ns, QStringLiteral("a")).isEmpty());

        // A live pair gets its new expiry (same revision, updated now); an expired one does not.
        PairTable::ExpirySetter expiry(d->db);
        QVERIFY(expiry.set(ns, QStringLiteral("live"), 7000, now));
        QVERIFY(!expiry.set(ns, QStringLiteral("expired"), 7000, now));
        const auto live = pairs.findEntry(ns, QStringLiteral("live"));
        QVERIFY(live);
        QCOMPARE(describe(*live), describe(pairRow("rm", "live", 1, now, 7000)));
        const auto expired = pairs.findEntry(ns, QStringLiteral("expired"));
        QVERIFY(expired);
        QCOMPARE(describe(*expired), describe(pairRow("rm", "expired", 1, 100, 900)));
    });
}

void TestRegistryPostgres::pagesFilterByPrefixAndSort()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    guarded([&] {
        Registry::Transaction tx(d->db, d->dialect);
        PairTable pairs(d->db);
        insertListingRows(pairs);
        PairQueries queries(*m_registry, d->db);
        const auto page = [&](const ListQuery& q, bool descending = false, qint64 offset = 0,
                              qint64 limit = 100) {
            return keys(queries.page(q, now, descending, offset, limit));
        };

        QCOMPARE(page(listing("")),
                 strings({"Apple", "ap", "app", "app.x", "apple", "apple-2", "b"}));
        QCOMPARE(page(listing("app")), strings({"app", "app.x", "apple", "apple-2"}));
        QCOMPARE(page(listing("app"), true), strings({"apple-2", "apple", "app.x", "app"}));
        ListQuery withExpired = listing("app");
        withExpired.includeExpired = true;
        QCOMPARE(page(withExpired), strings({"app", "app.old", "app.x", "apple", "apple-2"}));
        // Ties in the sort column are ordered by key, in the same direction.
        QCOMPARE(page(listing("app", SortColumn::Size)),
                 strings({"app.x", "apple-2", "apple", "app"}));
        QCOMPARE(page(listing("app", SortColumn::Size), true),
                 strings({"app", "apple", "apple-2", "app.x"}));
        QCOMPARE(page(listing("app", SortColumn::Updated), false, 1, 2),
                 strings({"apple-2", "apple"}));
        // "Never" sorts after every date.
        QCOMPARE(page(listing("app", SortColumn::Expires)),
                 strings({"app.x", "apple", "app", "apple-2"}));
        // Descriptions "r\u00e9vision 1 of '<key>'": the key decides, in byte order.
        QCOMPARE(page(listing("", SortColumn::Description), false, 0, 3),
                 strings({"Apple", "ap", "app"}));
        // Keyset continuation in key order.
        ListQuery after = listing("app");
        after.afterKey = QStringLiteral("app.x");
        QCOMPARE(page(after), strings({"apple", "apple-2"}));
        QCOMPARE(page(after, true), strings({"app"}));

        QCOMPARE(queries.count(listing("app", SortColumn::Updated), now), 4);
        QCOMPARE(queries.count(withExpired, now), 5);
        QCOMPARE(queries.count(listing(""), now), 7);
    });
}

void TestRegistryPostgres::countsLiveRowsAndPurgeBatches()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    guarded([&] {
        Registry::Transaction tx(d->db, d->dialect);
        PairTable pairs(d->db);
        insertListingRows(pairs);
        PairQueries queries(*m_registry, d->db);

        // The export's stream: live rows of a prefix in key order, with checksums and value ids.
        QList<StoredEntry> live;
        PairQueries::LiveRows rows(d->db, QStringLiteral("list"), QStringLiteral("app"), now, true);
        StoredEntry row;
        while (rows.next(row)) {
            // Only the columns a CSV needs are read: not the namespace, not the revision.
            row.entry.ns = QStringLiteral("list");
            row.entry.revision = 1;
            live << row;
        }
        rows.finish();
        QCOMPARE(describe(live), describe(QList<StoredEntry>{
                                     pairRow("list", "app", 1, 400, std::nullopt, 30),
                                     pairRow("list", "app.x", 1, 100, 3000, 10),
                                     pairRow("list", "apple", 1, 300, 4000, 20),
                                     pairRow("list", "apple-2", 1, 200, std::nullopt, 10)}));
        QCOMPARE(queries.countLive(QStringLiteral("list"), QStringLiteral("app"), now), 4);

        // The purge's batches (PurgeQueries): expired pairs of "list" and the namespaces below
        // it, one per batch, each batch after the last pair of the one before.
        const PurgeQueries::Scope scope{QStringLiteral("list"), true};
        const PurgeRequest expired;
        PurgeQueries purge(d->db, d->dialect, expired, now);
        QCOMPARE(purge.count(scope), 2);
        QStringList batches;
        std::optional<PurgeQueries::Row> after;
        for (int i = 0; i < 3; ++i) {
            const QList<PurgeQueries::Row> batch = purge.next(scope, after, 1);
            if (batch.isEmpty())
                break;
            QCOMPARE(batch.size(), 1);
            batches << batch.first().ns + QLatin1Char('/') + batch.first().key + QLatin1Char(' ') +
                           batch.first().valueId;
            after = batch.first();
        }
        batches.sort();
        QCOMPARE(batches,
                 (QStringList{
                     QStringLiteral("list.child/z ") + pairRow("list.child", "z", 1, 0).valueId,
                     QStringLiteral("list/app.old ") + pairRow("list", "app.old", 1, 0).valueId}));
        PurgeRequest everything;
        everything.all = true;
        QCOMPARE(PurgeQueries(d->db, d->dialect, everything, now).count(PurgeQueries::Scope{}), 10);
    });
}

void TestRegistryPostgres::namespaces()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    guarded([&] {
        Registry::Transaction tx(d->db, d->dialect);
        NamespaceTable table(d->db);
        PairTable pairs(d->db);
        const QString summer = QStringLiteral("\u00e9t\u00e9 'a'");
        QVERIFY(table.insert(QStringLiteral("ns.a"), summer, 100));
        QVERIFY(!table.insert(QStringLiteral("ns.a"), QStringLiteral("other"), 999));
        QVERIFY(table.insert(QStringLiteral("ns.b"), QString(), 200));
        QVERIFY(table.insert(QStringLiteral("nsx"), QStringLiteral("x"), 300));
        pairs.insertEntry(pairRow("ns.a", "k1", 1, 300, std::nullopt, 10));
        pairs.insertEntry(pairRow("ns.a", "k2", 1, 400, 5000, 20));
        pairs.insertEntry(pairRow("ns.a", "old", 1, 900, 500, 5)); // expired
        pairs.insertEntry(pairRow("ns.c.d", "k", 1, 100));

        QStringList explicitOnes;
        for (const NamespaceInfo& info : table.explicitOnes(QStringLiteral("ns.")))
            explicitOnes << QStringLiteral("%1 '%2' %3")
                                .arg(info.name, info.description)
                                .arg(info.createdAtMs.value_or(-1));
        QCOMPARE(sorted(explicitOnes),
                 QStringList({QStringLiteral("ns.a '") + summer + QStringLiteral("' 100"),
                              QStringLiteral("ns.b '' 200")}));
        QStringList counts;
        for (const auto& [ns, count] : table.liveCounts(QStringLiteral("ns"), now))
            counts << QStringLiteral("%1=%2").arg(ns).arg(count);
        QCOMPARE(sorted(counts),
                 QStringList({QStringLiteral("ns.a=2"), QStringLiteral("ns.c.d=1")}));

        NamespaceStats stats;
        table.readExplicit(QStringLiteral("ns.a"), stats);
        table.readPairStats(QStringLiteral("ns.a"), now, stats);
        QVERIFY(stats.isExplicit);
        QCOMPARE(stats.description, summer);
        QCOMPARE(stats.createdAtMs, std::optional<qint64>(100));
        QCOMPARE(stats.liveCount, 2);
        QCOMPARE(stats.expiredCount, 1);
        QCOMPARE(stats.totalSize, 30);
        QCOMPARE(stats.lastUpdateMs, std::optional<qint64>(400));
        NamespaceStats empty;
        table.readPairStats(QStringLiteral("ns.b"), now, empty);
        QCOMPARE(empty.liveCount, 0);
        QCOMPARE(empty.totalSize, 0);
        QVERIFY(!empty.lastUpdateMs);

        // A tree is "ns" and the names below it ("ns.…"), not "nsx".
        QCOMPARE(table.explicitInTree(QStringLiteral("ns")), 2);
        QCOMPARE(table.pairsInTree(QStringLiteral("ns"), now), (QPair<qint64, qint64>(4, 3)));
        table.removeTree(QStringLiteral("ns"));
        QStringList left;
        for (const NamespaceInfo& info : table.explicitOnes(QString()))
            left << info.name;
        QCOMPARE(left, QStringList{QStringLiteral("nsx")});
    });
}

void TestRegistryPostgres::metaSettings()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    guarded([&] {
        Registry::Transaction tx(d->db, d->dialect);
        MetaTable meta(d->db);
        QVERIFY(meta.value(QStringLiteral("max_value_bytes")).isEmpty());
        meta.setValue(QStringLiteral("history_depth"), QStringLiteral("7"));
        meta.setValue(QStringLiteral("max_value_bytes"), QStringLiteral("2048"));
        meta.setValue(QStringLiteral("max_value_bytes"), QStringLiteral("4096"));
        QCOMPARE(meta.value(QStringLiteral("history_depth")), QStringLiteral("7"));
        QCOMPARE(meta.value(QStringLiteral("max_value_bytes")), QStringLiteral("4096"));
        QCOMPARE(meta.value(QStringLiteral("inline_limit")), QStringLiteral("16384"));
    });
}
