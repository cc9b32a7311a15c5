// Runs the Catalog contract against the remote catalog: kvcore's RemoteBackend talking HTTP to a
// real kvdesk-server on 127.0.0.1 over a fresh catalog folder. The server's clock follows the
// test's ManualClock through a file (kvdesk-server --test-clock-file).
#include "CatalogContract.h"
#include "remote/RemoteBackend.h"
#include "ServerProcess.h"

#include <QFile>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

void writeClock(const QString& path, qint64 ms)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QByteArray::number(ms));
        file.commit();
    }
}

struct RemoteFixture
{
    QTemporaryDir dir;
    std::unique_ptr<ServerProcess> server;
};

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    CatalogContract contract([](std::shared_ptr<kv::ManualClock> clock) {
        auto fixture = std::make_shared<RemoteFixture>();
        const QString clockFile = fixture->dir.filePath(QStringLiteral("clock"));
        writeClock(clockFile, clock->nowMs());
        clock->setListener([clockFile](qint64 ms) { writeClock(clockFile, ms); });
        fixture->server = std::make_unique<ServerProcess>(QStringList{
            QStringLiteral("--catalog"), fixture->dir.filePath(QStringLiteral("catalog")),
            QStringLiteral("--test-clock-file"), clockFile});
        if (!fixture->server->start())
            qFatal("%s", qPrintable(fixture->server->error()));
        kv::RemoteConnection connection =
            kv::RemoteConnection::fromLocation(fixture->server->url());
        return CatalogContract::Fixture{kv::Catalog::openRemote(connection), fixture};
    });
    return QTest::qExec(&contract, argc, argv);
}
