// kvdesk-server: the Kestra-compatible KV HTTP API over one catalog folder.
#include "Catalog.h"
#include "domain/CatalogError.h"
#include "domain/Clock.h"
#include "FileClock.h"
#include "KvServer.h"
#include "ServerOptions.h"
#include "SignalWatcher.h"
#include "UserStore.h"

#include <cstdio>
#include <QCoreApplication>
#include <QTextStream>

using namespace kv;
using namespace kv::server;

namespace {

enum Exit { Ok = 0, Runtime = 1, Usage = 2 };

void printError(const QString& message)
{
    std::fprintf(stderr, "kvdesk-server: error: %s\n", message.toUtf8().constData());
}

// --add-user / --add-token: the secret comes from standard input (one line), never an argument.
int manageUsers(const ServerOptions& options)
{
    QTextStream in(stdin);
    const QString secret = in.readLine();
    UserStore users = UserStore::load(options.usersFile);
    const bool token = !options.addToken.isEmpty();
    const QString name = token ? options.addToken : options.addUser;
    users.add(token ? UserStore::Kind::Token : UserStore::Kind::Password, name, secret);
    users.save(options.usersFile);
    std::fprintf(stderr, "kvdesk-server: %s '%s' stored in %s (%lld credential(s))\n",
                 token ? "token" : "user", name.toUtf8().constData(),
                 options.usersFile.toUtf8().constData(), static_cast<long long>(users.size()));
    return Ok;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kvdesk-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KVDESK_VERSION));
    ServerOptions options;
    try {
        options = ServerOptions::parse(app.arguments().mid(1));
    } catch (const CatalogError& e) {
        printError(e.message());
        std::fputs(ServerOptions::usage, stderr);
        return Usage;
    }
    if (options.wantsHelp) {
        std::fputs(ServerOptions::usage, stdout);
        return Ok;
    }
    if (options.wantsVersion) {
        std::printf("kvdesk-server %s\n", KVDESK_VERSION);
        return Ok;
    }
    try {
        if (!options.addUser.isEmpty() || !options.addToken.isEmpty())
            return manageUsers(options);
        auto users = std::make_shared<UserStore>(
            options.usersFile.isEmpty() ? UserStore() : UserStore::load(options.usersFile));
        std::shared_ptr<const Clock> clock;
        if (!options.testClockFile.isEmpty())
            clock = std::make_shared<FileClock>(options.testClockFile);
        KvServer server(options, Catalog::open(options.catalog, clock), users);
        SignalWatcher watcher;
        QObject::connect(&watcher, &SignalWatcher::stopRequested, &app, [&](int signal) {
            std::fprintf(stderr, "kvdesk-server: signal %d: stopping\n", signal);
            server.stop();
            app.quit();
        });
        server.start();
        return app.exec();
    } catch (const CatalogError& e) {
        printError(e.message());
        return e.code() == ErrorCode::InvalidInput ? Usage : Runtime;
    }
}
