// Runs the Catalog contract against the local catalog (SQLite registry + folder of values), twice:
// with the default inline limit (small values in their registry rows) and with inline limit 0
// (every value a file in the value store). Both placements must show the same behaviour.
#include "CatalogContract.h"
#include "local/LocalBackend.h"

#include <QTemporaryDir>
#include <QTest>

namespace {

CatalogContract::Factory localCatalogs(qint64 inlineLimit)
{
    return [inlineLimit](std::shared_ptr<kv::ManualClock> clock) {
        auto dir = std::make_shared<QTemporaryDir>();
        auto backend =
            std::make_shared<kv::LocalBackend>(dir->filePath(QStringLiteral("catalog")), clock);
        backend->setInlineLimit(inlineLimit);
        return CatalogContract::Fixture{std::make_unique<kv::Catalog>(backend), dir};
    };
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    int failures = 0;
    for (const qint64 limit : {kv::CatalogBackend::defaultInlineLimit, qint64(0)}) {
        qInfo("Catalog contract, local catalog with inline limit %lld bytes", limit);
        CatalogContract contract(localCatalogs(limit));
        failures += QTest::qExec(&contract, argc, argv);
    }
    return failures;
}
