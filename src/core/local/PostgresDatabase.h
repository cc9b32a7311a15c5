#pragma once

#include <QString>

namespace kv {

// A PostgreSQL database that holds a registry (a shared catalog's). It has no password field on
// purpose: libpq takes the password from PGPASSWORD or ~/.pgpass, so it never travels in an
// address, on a command line or in a message.
struct PostgresDatabase
{
    QString host;
    int port = 5432;
    QString database;
    QString user; // empty: libpq's default (PGUSER, else the operating-system user)

    // "postgresql://user@host:port/database", for messages.
    QString display() const;
};

} // namespace kv
