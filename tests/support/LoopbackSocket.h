#pragma once

#include <QString>

namespace kvtest {

// A socket bound to 127.0.0.1 on a port the kernel picks (Linux only): the private test servers
// take their free ports (and Swift its syslog sink) from here. Returns the descriptor, with its
// port in `port`; -1 with `error` saying why when the kernel refuses.
int bindLoopback(int socketType, quint16& port, QString& error);

} // namespace kvtest
