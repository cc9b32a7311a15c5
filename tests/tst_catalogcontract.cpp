// Runs the Catalog contract against the local catalog (SQLite registry + folder of values).
#include "CatalogContract.h"
#include "local/LocalBackend.h"

#include <QTemporaryDir>
#include <QTest>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    CatalogContract contract([](std::shared_ptr<kv::ManualClock> clock) {
        auto dir = std::make_shared<QTemporaryDir>();
        auto backend =
            std::make_shared<kv::LocalBackend>(dir->filePath(QStringLiteral("catalog")), clock);
        return CatalogContract::Fixture{std::make_unique<kv::Catalog>(backend), dir};
    });
    return QTest::qExec(&contract, argc, argv);
}
