#include "local/LocalBackend.h"

#include "domain/CatalogError.h"
#include "domain/Clock.h"
#include "local/GroupCommit.h"
#include "local/PairRow.h"
#include "local/PairTable.h"
#include "local/ValueMigration.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSet>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace kv {

namespace {

const QString registryFileName = QStringLiteral("registry.sqlite");

bool writable(const QString& path)
{
#ifdef Q_OS_UNIX
    // access() asks the kernel: the owner, the mode, root's rights and read-only mounts alike.
    return ::access(QFile::encodeName(path).constData(), W_OK) == 0;
#else
    return QFileInfo(path).isWritable();
#endif
}

// A catalog this user cannot write (another user's, or on read-only media) is opened read-only.
bool isReadOnly(const QString& folder)
{
    const QString registry = QDir(folder).filePath(registryFileName);
    if (!QFileInfo::exists(registry))
        return false; // a new catalog: creating it must work, or fail saying why
    return !writable(folder) || !writable(registry);
}

// Refuses a folder that exists, is not empty and holds no registry: it is someone else's data.
void checkFolder(const QString& folder)
{
    const QFileInfo info(folder);
    if (info.exists() && !info.isDir())
        throw CatalogError::invalidInput(
            QStringLiteral("'%1' is a file, not a catalog folder").arg(folder));
    const QDir dir(folder);
    if (info.exists() && !dir.exists(registryFileName) &&
        !dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty())
        throw CatalogError::invalidInput(
            QStringLiteral("'%1' is not a KV Desk catalog: the folder holds other files and no %2; "
                           "choose an empty folder or an existing catalog")
                .arg(folder, registryFileName));
    if (info.exists() && !dir.exists(registryFileName) && !writable(folder))
        throw CatalogError::invalidInput(
            QStringLiteral("cannot create a catalog in '%1': the folder is read-only").arg(folder));
    if (!QDir().mkpath(folder))
        throw CatalogError::invalidInput(
            QStringLiteral("cannot create the catalog folder '%1'").arg(folder));
}

} // namespace

QString LocalBackend::pairName(const QString& ns, const QString& key)
{
    return QStringLiteral("key '%1' in namespace '%2'").arg(key, ns);
}

QString LocalBackend::checksumOf(const QByteArray& bytes)
{
    return QLatin1String("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

LocalBackend::LocalBackend(const QString& folder, std::shared_ptr<const Clock> clock,
                           const ProgressCallback& upgradeProgress)
    : m_folder((checkFolder(folder), QDir(folder).absolutePath()))
    , m_readOnly(isReadOnly(m_folder))
    , m_clock(std::move(clock))
    , m_registry(std::make_unique<Registry>(QDir(m_folder).filePath(registryFileName), m_readOnly))
    , m_groupCommit(std::make_unique<GroupCommit>(*m_registry))
    , m_store(QDir(m_folder).filePath(QStringLiteral("values")), !m_readOnly)
    , m_inflight(QDir(m_folder).filePath(QStringLiteral("inflight.lock")))
    , m_inlineLimit(storedInlineLimit())
{
    // Before any call: reads during the migration would work (a row names a file or holds its
    // value), but a catalog that is fully migrated when open() returns is simpler to reason about.
    if (!m_readOnly) {
        ValueMigration migration(*m_registry, m_store);
        if (migration.pending())
            migration.run(upgradeProgress);
    }
}

LocalBackend::~LocalBackend()
{
    // First: the writes still queued finish, and their completions use the value store.
    m_groupCommit.reset();
}

qint64 LocalBackend::now() const
{
    return m_clock->nowMs();
}

void LocalBackend::requireWritable() const
{
    if (m_readOnly)
        throw CatalogError::invalidInput(
            QStringLiteral("the catalog at %1 is read-only: nothing can be written there (its "
                           "folder or registry is not writable for this user)")
                .arg(m_folder));
}

KvValue LocalBackend::readValue(const StoredEntry& row)
{
    // Every query that hands a row to readValue selects an inline value with it (get, history,
    // pages with values, the export's stream): a null one is a row with no value at all.
    const QByteArray bytes = row.isInline() ? row.inlineValue : m_store.read(row.valueId);
    if (row.isInline() && bytes.isNull())
        throw CatalogError::internal(
            QStringLiteral("the registry row of %1/%2 names neither a value file nor an inline "
                           "value: run kvdesk-cli fsck --repair, or write the key again")
                .arg(row.entry.ns, row.entry.key));
    if (checksumOf(bytes) != row.entry.checksum)
        throw CatalogError::internal(
            QStringLiteral("value of %1/%2 is corrupt (checksum mismatch): run kvdesk-cli fsck "
                           "--verify --repair, or write the key again")
                .arg(row.entry.ns, row.entry.key));
    return KvValue::fromJson(row.entry.type, bytes);
}

CatalogError LocalBackend::expiredError(const StoredEntry& row)
{
    QStringList obsolete;
    if (!m_readOnly) { // a read-only catalog reports the pair expired and leaves it
        QSqlDatabase db = m_registry->db();
        Registry::Transaction tx(db, m_registry->dialect());
        const auto current = PairTable(db).findEntry(row.entry.ns, row.entry.key);
        if (current && current->sameRowAs(row))
            obsolete = PairTable(db).deletePair(row.entry.ns, row.entry.key);
        tx.commit();
    }
    m_store.remove(obsolete);
    return CatalogError(ErrorCode::Expired, QStringLiteral("%1 expired at %2")
                                                .arg(pairName(row.entry.ns, row.entry.key),
                                                     isoUtc(row.entry.expiresAtMs.value_or(0))));
}

KvEntry LocalBackend::doGet(const QString& ns, const QString& key)
{
    // A concurrent write may supersede the row (and remove its file) between the lookup and the
    // read; then the lookup is simply repeated.
    for (int attempt = 0;; ++attempt) {
        std::optional<StoredEntry> row;
        {
            QSqlDatabase db = m_registry->db();
            row = PairTable(db).findEntry(ns, key, PairTable::Value::Read);
        }
        if (!row)
            throw CatalogError::notFound(QStringLiteral("no %1").arg(pairName(ns, key)));
        if (row->entry.isExpiredAt(now()))
            throw expiredError(*row);
        try {
            row->entry.value = readValue(*row);
            return row->entry;
        } catch (const CatalogError& e) {
            if (e.code() != ErrorCode::NotFound)
                throw;
            if (attempt >= 2)
                throw CatalogError::internal(
                    QStringLiteral("the value file of %1 is missing (%2); run fsck --repair")
                        .arg(pairName(ns, key), e.message()));
        }
    }
}

QStringList LocalBackend::doExpire(const ExpireRequest& request)
{
    requireWritable();
    QStringList changed;
    QStringList missing;
    QSqlDatabase db = m_registry->db();
    Registry::Transaction tx(db, m_registry->dialect());
    const qint64 t = now();
    PairTable::ExpirySetter setter(db);
    for (const QString& key : request.keys) {
        if (setter.set(request.ns, key, request.ttlMs ? t + *request.ttlMs : PairRow::neverMs, t))
            changed << key;
        else
            missing << key;
    }
    if (!missing.isEmpty())
        throw CatalogError::notFound(QStringLiteral("not found in namespace '%1' (or expired): %2; "
                                                    "no expiration was changed")
                                         .arg(request.ns, missing.join(QStringLiteral(", "))));
    tx.commit();
    return changed;
}

QList<KvRevision> LocalBackend::doHistory(const QString& ns, const QString& key)
{
    QSqlDatabase db = m_registry->db();
    std::optional<StoredEntry> current;
    QList<StoredEntry> older;
    {
        Registry::Transaction tx(db, m_registry->dialect(), false);
        current = PairTable(db).findEntry(ns, key);
        if (current)
            older = PairTable(db).historyRows(ns, key);
    }
    if (!current)
        throw CatalogError::notFound(QStringLiteral("no %1").arg(pairName(ns, key)));
    if (current->entry.isExpiredAt(now()))
        throw expiredError(*current);
    QList<KvRevision> revisions;
    auto add = [&revisions](const KvEntry& e, bool isCurrent) {
        revisions.append(
            {e.revision, e.type, e.description, e.size, e.updatedAtMs, e.expiresAtMs, isCurrent});
    };
    add(current->entry, true);
    for (const StoredEntry& row : std::as_const(older))
        add(row.entry, false);
    return revisions;
}

KvEntry LocalBackend::doRestore(const QString& ns, const QString& key, qint64 revision)
{
    std::optional<StoredEntry> source;
    {
        QSqlDatabase db = m_registry->db();
        const auto current = PairTable(db).findEntry(ns, key);
        if (!current)
            throw CatalogError::notFound(QStringLiteral("no %1").arg(pairName(ns, key)));
        if (current->entry.isExpiredAt(now()))
            throw expiredError(*current);
        if (current->entry.revision == revision)
            return get(ns, key); // already the current revision: nothing to restore
        for (const StoredEntry& row : PairTable(db).historyRows(ns, key, PairTable::Value::Read)) {
            if (row.entry.revision == revision)
                source = row;
        }
    }
    if (!source)
        throw CatalogError::notFound(QStringLiteral("%1 has no revision %2 in its history")
                                         .arg(pairName(ns, key))
                                         .arg(revision));
    // A restore is a new write of the old value; the pair keeps its current expiration.
    requireWritable();
    const KvValue value = readValue(*source);
    const QByteArray bytes = value.toJson();
    KvEntry entry = commitWrite(
        ns, key, bytes, [&](QSqlDatabase& db, const Written& written, QStringList& obsolete) {
            const auto current = PairTable(db).findEntry(ns, key);
            if (!current || current->entry.isExpiredAt(now()))
                throw CatalogError::notFound(
                    QStringLiteral("%1 was removed meanwhile").arg(pairName(ns, key)));
            return applyWrite(db, ns, key, source->entry.type, source->entry.description,
                              current->entry.expiresAtMs, written, true, obsolete);
        });
    entry.value = value;
    return entry;
}

} // namespace kv
