// Runs the Catalog contract against each Kestra generation of the emulation in
// tests/support/kestra: the remote catalog over Kestra's own routes. A case a generation cannot
// run (a feature Kestra lacks) is skipped with the reason, named below; every other case must
// pass as it does against a local catalog.
#include "CatalogContract.h"
#include "KestraEmulator.h"

#include <QTest>

using kvtest::KestraProfile;

namespace {

// What Kestra's KV API does not have at all, or not in `profile`'s generation.
QString kestraCannot(const QString& test, KestraProfile profile)
{
    if (profile == KestraProfile::V0_20 &&
        (test == QLatin1String("overwriteMakesRevision") ||
         test == QLatin1String("listSortsByEveryColumn:revision desc")))
        return QStringLiteral("Kestra before 1.1 has no revisions");
    static const QHash<QString, QString> reasons{
        {QStringLiteral("expireChangesOnlyExpiration"),
         QStringLiteral("Kestra cannot change an expiration")},
        {QStringLiteral("expireMissingChangesNothing"),
         QStringLiteral("Kestra cannot change an expiration")},
        {QStringLiteral("historyKeepsConfiguredDepth"),
         QStringLiteral("Kestra has no revision history")},
        {QStringLiteral("restoreWritesOldValueAsNewRevision"),
         QStringLiteral("Kestra has no revision history")},
        {QStringLiteral("restoreUnknownRevisionIsNotFound"),
         QStringLiteral("Kestra has no revision history")},
        {QStringLiteral("namespaceCreateTwiceConflicts"),
         QStringLiteral("Kestra creates namespaces with flows")},
        {QStringLiteral("namespaceDeleteRules"),
         QStringLiteral("Kestra creates namespaces with flows")},
        {QStringLiteral("namespacesExplicitAndImplied"),
         QStringLiteral("Kestra creates namespaces with flows")},
        {QStringLiteral("purgeExpiredOnlyByDefault"),
         QStringLiteral("Kestra purges on its own schedule")},
        {QStringLiteral("purgeFilters"), QStringLiteral("Kestra purges on its own schedule")},
        {QStringLiteral("purgeDryRunChangesNothing"),
         QStringLiteral("Kestra purges on its own schedule")},
        {QStringLiteral("purgeCancels"), QStringLiteral("Kestra purges on its own schedule")},
        {QStringLiteral("exportImportRoundTrip"), QStringLiteral("Kestra cannot import CSV files")},
        {QStringLiteral("importBadRowWritesNothing"),
         QStringLiteral("Kestra cannot import CSV files")},
        {QStringLiteral("importNoOverwriteConflicts"),
         QStringLiteral("Kestra cannot import CSV files")},
        {QStringLiteral("importSkipsExpiredRows"),
         QStringLiteral("Kestra cannot import CSV files")},
        {QStringLiteral("fsckCleanAfterWork"), QStringLiteral("Kestra has no consistency check")},
        {QStringLiteral("invalidInputWritesNothing"),
         QStringLiteral("the case counts value files with fsck, which Kestra has not")},
        {QStringLiteral("removeErrorOnMissingDeletesNothing"),
         QStringLiteral("Kestra deletes key by key")},
        {QStringLiteral("namespaceStatsCountsAndSizes"),
         QStringLiteral("Kestra creates namespaces with flows")},
        {QStringLiteral("ttlExpiresLazily"),
         QStringLiteral("Kestra's 410 does not say when the pair expired")},
        {QStringLiteral("expiredPairsAreInvisible"),
         QStringLiteral("Kestra never lists expired pairs")},
        {QStringLiteral("removeReportsWhatExisted"),
         QStringLiteral("Kestra's DELETE reports an expired pair as deleted")},
        {QStringLiteral("listSortsByEveryColumn:type"),
         QStringLiteral("Kestra's list has no types")},
        {QStringLiteral("listSortsByEveryColumn:size"),
         QStringLiteral("Kestra's list has no sizes")},
    };
    return reasons.value(test, reasons.value(test.section(QLatin1Char(':'), 0, 0)));
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    int failures = 0;
    for (KestraProfile profile : {KestraProfile::V0_20, KestraProfile::V1_1, KestraProfile::V1_1_4,
                                  KestraProfile::V1_2_5, KestraProfile::V2_0}) {
        CatalogContract contract([profile](std::shared_ptr<kv::ManualClock> clock) {
            auto kestra = std::make_shared<KestraEmulator>(profile, clock);
            if (!kestra->start())
                qFatal("%s", qPrintable(kestra->error()));
            CatalogContract::Fixture fixture{kv::Catalog::open(kestra->url()), kestra, {}};
            fixture.cannot = [profile](const QString& test) {
                const QString reason = kestraCannot(test, profile);
                return reason.isEmpty() ? QString()
                                        : reason + QStringLiteral(" (") + kvtest::nameOf(profile) +
                                              QLatin1Char(')');
            };
            return fixture;
        });
        qInfo("Kestra profile %s", qPrintable(kvtest::nameOf(profile)));
        failures += QTest::qExec(&contract, argc, argv);
    }
    return failures;
}
