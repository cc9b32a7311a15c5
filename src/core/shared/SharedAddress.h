#pragma once

#include "local/PostgresDatabase.h"

#include <QString>
#include <QUrl>

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
    QString bucket;
    QUrl endpoint;  // the object store, path-style: endpoint/bucket/object
    QString region; // what the store signs for (SigV4); default us-east-1

    // Whether `location` is meant as a shared catalog (scheme postgresql:// or postgres://).
    static bool isSharedLocation(const QString& location);
    // Throws CatalogError(InvalidInput) naming what is wrong with the address.
    static SharedAddress parse(const QString& location);
    // The address again, in its canonical form (no secrets: it never had any).
    QString display() const;
};

} // namespace kv
