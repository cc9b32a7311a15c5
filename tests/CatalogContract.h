#pragma once

#include "Catalog.h"
#include "domain/CatalogError.h"
#include "domain/Clock.h"

#include <functional>
#include <memory>
#include <QObject>

// The behaviour every Catalog implementation must show, as one Qt Test class that runs against
// any backend. A test executable passes a factory that makes a fresh, empty catalog driven by
// the given clock (and keeps whatever it needs alive, e.g. a temporary folder or a server).
class CatalogContract : public QObject
{
    Q_OBJECT
public:
    struct Fixture
    {
        std::unique_ptr<kv::Catalog> catalog;
        std::shared_ptr<void> resources; // released after the catalog
        // Why this catalog cannot run a case ("testFunction" or "testFunction:dataTag"), or ""
        // when it can: a catalog that lacks a feature skips the case with that reason, and only
        // that one.
        std::function<QString(const QString& testFunction)> cannot;
    };
    using Factory = std::function<Fixture(std::shared_ptr<kv::ManualClock>)>;

    explicit CatalogContract(Factory factory)
        : m_factory(std::move(factory))
    {
    }

private slots:
    void init();
    void cleanup();

    void setGetRoundTrip_data();
    void setGetRoundTrip();
    void setReportsMetadata();
    void keysAreCaseSensitive();
    void invalidInputWritesNothing_data();
    void invalidInputWritesNothing();
    void gateRefusesInvalidArguments_data();
    void gateRefusesInvalidArguments();
    void getMissingIsNotFound();
    void ttlExpiresLazily();
    void expiredPairsAreInvisible();
    void overwriteMakesRevision();
    void overwriteSetsOrClearsExpiry();
    void noOverwriteConflicts();
    void noOverwriteReplacesExpired();
    void descriptionKeptUnlessGiven();
    void listSortsByEveryColumn_data();
    void listSortsByEveryColumn();
    void listPagesAndFilters();
    void listReadsLastPagesBackwards();
    void listWithValues();
    void removeReportsWhatExisted();
    void removeErrorOnMissingDeletesNothing();
    void expireChangesOnlyExpiration();
    void expireMissingChangesNothing();
    void historyKeepsConfiguredDepth();
    void restoreWritesOldValueAsNewRevision();
    void restoreUnknownRevisionIsNotFound();
    void namespacesExplicitAndImplied();
    void namespaceCreateTwiceConflicts();
    void namespaceDeleteRules();
    void namespaceStatsCountsAndSizes();
    void purgeExpiredOnlyByDefault();
    void purgeFilters();
    void purgeDryRunChangesNothing();
    void purgeCancels();
    void exportImportRoundTrip();
    void exportSelectedKeys();
    void importBadRowWritesNothing();
    void importNoOverwriteConflicts();
    void importSkipsExpiredRows();
    void fsckCleanAfterWork();

private:
    kv::KvEntry put(const QString& ns, const QString& key, const QString& text,
                    kv::ValueType type = kv::ValueType::String,
                    std::optional<qint64> ttlMs = std::nullopt);
    QStringList keysOf(const kv::ListQuery& query);

    Factory m_factory;
    std::shared_ptr<kv::ManualClock> m_clock;
    Fixture m_fixture;
    kv::Catalog* m_catalog = nullptr;
};
