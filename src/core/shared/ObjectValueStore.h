#pragma once

#include "shared/S3Client.h"

#include <functional>
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace kv {

// The value store of a shared catalog: one object per stored value in the catalog's bucket,
// named values/<first two hex digits>/<id> after the same random 128-bit id as a local catalog's
// value file (ValueStore::newId). A key never becomes an object name.
//
// An object is written once and never overwritten (a new value gets a new id), so two servers
// never race on one object and no conditional write is needed. The consistency protocol is the
// local catalog's: the object is written — the store's 200 means it is durable — before the row
// that points at it commits, and deleted only after that row is gone. Between the two steps an
// object has no row yet: fsck gives such objects a grace period before calling them orphans.
class ObjectValueStore
{
public:
    explicit ObjectValueStore(S3Client client);

    // "values/ab/abcd…"; throws CatalogError(Internal) naming an id that is not 32 lowercase hex
    // digits (a tampered registry), so nothing else becomes an object name.
    static QString objectKey(const QString& id);

    void write(const QString& id, const QByteArray& bytes) const;
    // Throws CatalogError(NotFound) naming the id when the object is missing.
    QByteArray read(const QString& id) const;
    bool exists(const QString& id) const;
    // Deletes the values' objects in batches; absent ones are fine (already gone), invalid ids are
    // skipped (never an object outside values/).
    void remove(const QStringList& ids) const;

    // An object under values/, for fsck.
    struct StoredObject
    {
        QString name;      // the object's key in the bucket
        QString id;        // the value id it is named after; empty when it is no value's name
        qint64 modifiedMs; // last modified, as the store says
    };
    // Every object under values/ in id order (the listing's byte order is the ids' order, the
    // shard being the id's own first digits), until `visit` returns false.
    void forEachObject(const std::function<bool(const StoredObject&)>& visit) const;
    // Removes one object by its name, for fsck's repair of a stray object (only under values/).
    void removeObject(const QString& name) const;

    const S3Client& client() const { return m_client; }

private:
    S3Client m_client;
};

} // namespace kv
