// tst_registrypostgres: the CSV import's staging table (ImportStaging) and the rows as value
// references for fsck (ValueRefs), on SQLite and PostgreSQL alike.
#include "local/ImportStaging.h"
#include "local/PairTable.h"
#include "local/ValueRefs.h"
#include "RegistryPostgres.h"

#include <QTest>

using namespace kv;
using namespace kvtest;
using namespace registrytest;

namespace {

constexpr qint64 now = 1000;

ImportStaging::Row stagedRow(qint64 rowNo, const char* key)
{
    const StoredEntry like = pairRow("imp", key, 1, now);
    ImportStaging::Row row;
    row.rowNo = rowNo;
    row.line = rowNo + 1;
    row.key = like.entry.key;
    row.type = like.entry.type;
    row.description = like.entry.description;
    row.valueId = like.valueId;
    row.size = like.entry.size;
    row.checksum = like.entry.checksum;
    return row;
}

} // namespace

void TestRegistryPostgres::importStaging()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    guarded([&] {
        Registry::Transaction tx(d->db, d->dialect);
        PairTable pairs(d->db);
        const QString ns = QStringLiteral("imp");
        pairs.insertEntry(pairRow("imp", "exists", 3, 100));
        pairs.insertEntry(pairRow("imp", "stale", 1, 100, 500)); // expired: may be imported over
        ImportStaging staging(d->db, d->dialect);
        staging.add(stagedRow(2, "new1"));
        staging.add(stagedRow(3, "stale"));
        ImportStaging::Row noDescription = stagedRow(4, "new2");
        noDescription.description.reset();
        staging.add(noDescription);
        staging.checkNoneExist(ns, now);
        staging.add(stagedRow(5, "exists"));
        expectError(
            ErrorCode::Conflict, [&] { staging.checkNoneExist(ns, now); },
            QStringLiteral("row 5 (line 6): key 'exists' already exists in namespace "
                           "'imp'"));

        QStringList existing;
        for (const ImportStaging::Row& row : staging.existingRows(ns, 2, 6))
            existing << row.key;
        existing.sort();
        QCOMPARE(existing, QStringList({QStringLiteral("exists"), QStringLiteral("stale")}));
        QCOMPARE(staging.insertNew(ns, 2, 6, now), 2);
        const auto imported = pairs.findEntry(ns, QStringLiteral("new2"));
        QVERIFY(imported);
        StoredEntry expected = pairRow("imp", "new2", 1, now);
        expected.entry.createdAtMs = now;
        expected.entry.description = QStringLiteral(""); // absent in the file
        QCOMPARE(describe(*imported), describe(expected));
        QCOMPARE(pairs.findEntry(ns, QStringLiteral("exists"))->entry.revision, 3);
        QCOMPARE(pairCounts(d->db), QStringList{QStringLiteral("imp=4")});
        QCOMPARE(staging.valueIdsFrom(4),
                 QStringList({stagedRow(4, "new2").valueId, stagedRow(5, "exists").valueId}));
    });
}

void TestRegistryPostgres::importStagingFindsAKeyRepeatedAcrossBatches()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    guarded([&] {
        Registry::Transaction tx(d->db, d->dialect);
        ImportStaging staging(d->db, d->dialect);
        // A batch is 1000 rows: row 1002 repeats row 2 from the batch before.
        for (qint64 rowNo = 2; rowNo < 1002; ++rowNo)
            staging.add(stagedRow(rowNo, qPrintable(QStringLiteral("k%1").arg(rowNo))));
        staging.add(stagedRow(1002, "k2"));
        // On PostgreSQL the failed batch insert aborts the transaction, so the look-up of the
        // repeated key fails too ("current transaction is aborted") and the import reports an
        // internal error instead of the row: ImportStaging::flush needs a savepoint around the
        // insert there.
        QEXPECT_FAIL("postgresql",
                     "ImportStaging::flush looks the key up in an aborted "
                     "transaction on PostgreSQL",
                     Continue);
        expectError(
            ErrorCode::InvalidInput, [&] { staging.flush(); },
            QStringLiteral("row 1002 (line 1003): key 'k2' appears more than once in the "
                           "file (also on row 2)"));
    });
}

void TestRegistryPostgres::valueRefsInValueIdOrder()
{
    Database* d = current();
    if (!d)
        QSKIP(qPrintable(m_postgresMissing));
    guarded([&] {
        Registry::Transaction tx(d->db, d->dialect);
        PairTable pairs(d->db);
        pairs.insertEntry(pairRow("refs", "a", 1, 100));
        pairs.copyToHistory(QStringLiteral("refs"), QStringLiteral("a"));
        pairs.updateEntry(pairRow("refs", "a", 2, 200), false);
        pairs.insertEntry(pairRow("refs", "b", 1, 100));
        QStringList expected{pairRow("refs", "a", 2, 0).valueId + QStringLiteral(" refs/a"),
                             pairRow("refs", "a", 1, 0).valueId + QStringLiteral(" refs/a@1"),
                             pairRow("refs", "b", 1, 0).valueId + QStringLiteral(" refs/b")};
        expected.sort(); // byte order of the value ids

        ValueRefs refs(d->db);
        QStringList seen;
        QList<ValueRef> taken;
        for (ValueRefs::Scan scan = refs.scan(); !scan.atEnd();) {
            const QString id = scan.nextId();
            taken << scan.take();
            QCOMPARE(taken.last().valueId, id);
            seen << id + QLatin1Char(' ') + taken.last().name();
        }
        QCOMPARE(seen, expected);
        for (const ValueRef& ref : std::as_const(taken))
            QVERIFY2(refs.stillPointsAt(ref), qPrintable(ref.name()));
        const auto history = std::find_if(taken.cbegin(), taken.cend(),
                                          [](const ValueRef& r) { return !r.isCurrent(); });
        QVERIFY(history != taken.cend());
        QVERIFY(refs.removeHistoryRow(*history));
        QVERIFY(!refs.stillPointsAt(*history));
        QVERIFY(!refs.removeHistoryRow(*history));
    });
}
