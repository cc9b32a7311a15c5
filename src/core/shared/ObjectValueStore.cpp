#include "shared/ObjectValueStore.h"

#include "domain/CatalogError.h"
#include "local/ValueStore.h"

namespace kv {

namespace {

const QString folder = QStringLiteral("values/");

} // namespace

ObjectValueStore::ObjectValueStore(S3Client client)
    : m_client(std::move(client))
{
}

QString ObjectValueStore::objectKey(const QString& id)
{
    if (!ValueStore::isValidId(id))
        throw CatalogError::internal(
            QStringLiteral("the registry names an invalid value id '%1' (expected 32 lowercase hex "
                           "digits): the registry may have been tampered with; run kvdesk-cli "
                           "fsck --repair")
                .arg(id));
    return folder + id.left(2) + QLatin1Char('/') + id;
}

void ObjectValueStore::write(const QString& id, const QByteArray& bytes) const
{
    m_client.putObject(objectKey(id), bytes);
}

QByteArray ObjectValueStore::read(const QString& id) const
{
    try {
        return m_client.getObject(objectKey(id));
    } catch (const CatalogError& e) {
        if (e.code() != ErrorCode::NotFound)
            throw;
        throw CatalogError::notFound(QStringLiteral("the value %1 is missing from the bucket %2")
                                         .arg(id, m_client.config().displayName()));
    }
}

bool ObjectValueStore::exists(const QString& id) const
{
    return m_client.exists(objectKey(id));
}

void ObjectValueStore::remove(const QStringList& ids) const
{
    QStringList keys;
    keys.reserve(ids.size());
    for (const QString& id : ids)
        if (ValueStore::isValidId(id))
            keys << objectKey(id);
    if (!keys.isEmpty())
        m_client.deleteObjects(keys);
}

void ObjectValueStore::forEachObject(const std::function<bool(const StoredObject&)>& visit) const
{
    m_client.forEachObject(folder, [&](const S3Object& object) {
        StoredObject stored{object.key, QString(), object.lastModified.toMSecsSinceEpoch()};
        // values/<2>/<32>: the shard must be the id's own first two digits.
        const QString rest = object.key.mid(folder.size());
        const QString id = rest.mid(3);
        if (rest.size() == 35 && rest.at(2) == QLatin1Char('/') && ValueStore::isValidId(id) &&
            rest.left(2) == id.left(2))
            stored.id = id;
        return visit(stored);
    });
}

void ObjectValueStore::removeObject(const QString& name) const
{
    if (!name.startsWith(folder))
        throw CatalogError::internal(
            QStringLiteral("refusing to delete '%1': not a value object (outside %2)")
                .arg(name, folder));
    m_client.deleteObject(name);
}

} // namespace kv
