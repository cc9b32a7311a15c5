#pragma once

#include "local/PostgresDatabase.h"
#include "shared/S3Config.h"

#include <QString>

namespace kv {

// The address of a shared catalog: its registry's PostgreSQL database and its values' bucket,
//
//   postgresql://USER@HOST:PORT/DB?values=s3://BUCKET&endpoint=http://HOST:PORT&region=R
//
// Secrets never travel in it: the database password comes from PGPASSWORD or ~/.pgpass (libpq),
// the S3 keys from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. An address that carries one is
// refused, and the secret is left out of the message.
struct SharedAddress
{
    PostgresDatabase registry;
    // The bucket, its store's endpoint and region; no keys (S3Config::fromEnvironment adds them).
    S3Config values;

    // Whether `location` is meant as a shared catalog (scheme postgresql:// or postgres://).
    static bool isSharedLocation(const QString& location);
    // Throws CatalogError(InvalidInput) naming what is wrong with the address.
    static SharedAddress parse(const QString& location);
    // The address again, in its canonical form (no secrets: it never had any).
    QString display() const;
};

} // namespace kv
