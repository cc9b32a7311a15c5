#pragma once

#include "http/ServerLimits.h"

#include <optional>
#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace kv::server {

// The command line of kvdesk-server:
//   kvdesk-server --catalog PATH [--listen HOST:PORT] [--tls-cert PEM --tls-key PEM]
//                 [--users FILE] [--purge-interval DURATION] [limits, see usage]
//   kvdesk-server --users FILE --add-user NAME | --add-token NAME   (secret on standard input)
struct ServerOptions
{
    QString catalog;
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8080;
    QString tlsCert;
    QString tlsKey;
    QString usersFile;
    qint64 purgeIntervalMs = 3'600'000; // PT1H
    http::ServerLimits limits;          // --max-body, --max-header-bytes, --*-timeout, ...
    int authFailuresPerMinute = 10;     // per client address and per user name
    QString addUser;                    // --add-user NAME
    QString addToken;                   // --add-token NAME
    QString testClockFile;              // hidden: "now" comes from this file (tests only)
    bool plainKestra = false; // hidden: no /kvdesk/ extensions, like a Kestra server (tests)

    static constexpr const char* usage =
        "usage: kvdesk-server --catalog PATH [--listen HOST:PORT] [--tls-cert PEM --tls-key PEM]\n"
        "                     [--users FILE] [--purge-interval DURATION]\n"
        "                     [--max-body BYTES] [--max-header-bytes BYTES] [--max-headers N]\n"
        "                     [--header-timeout DURATION] [--body-timeout DURATION]\n"
        "                     [--idle-timeout DURATION] [--max-connections N]\n"
        "                     [--max-connections-per-client N] [--auth-failures-per-minute N]\n"
        "       kvdesk-server --users FILE (--add-user NAME | --add-token NAME)  "
        "(secret on stdin)\n";

    // Parses the arguments (without the program name). Throws CatalogError(InvalidInput) with a
    // message that names the problem.
    static ServerOptions parse(const QStringList& args);
    bool wantsHelp = false;
    bool wantsVersion = false;
};

} // namespace kv::server
