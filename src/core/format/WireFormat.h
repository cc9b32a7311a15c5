#pragma once

#include "domain/CatalogTypes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QFlags>

class QJsonObject;

// The JSON forms of catalog data, shared by kvdesk-server, the remote catalog and the CLI's
// --json output. Written by hand, so a NUMBER keeps its digits and a JSON value its member order;
// read with QJsonDocument for the metadata and jsonscan for values. Times are ISO-8601 UTC
// ("2024-02-29T10:00:00Z"); "never expires" is null. Readers throw CatalogError(Internal) naming
// what is wrong when the text does not have the expected shape.
namespace kv::wire {

enum class EntryField { Namespace = 1, Checksum = 2, Value = 4 };
Q_DECLARE_FLAGS(EntryFields, EntryField)

QByteArray string(QStringView text);
QByteArray time(std::optional<qint64> ms);

// {"key","type","description","size","revision","creationDate","updateDate","expirationDate"}
// plus "namespace", "checksum" and "value" (the typed value, when the entry has one) on request.
QByteArray entry(const KvEntry& e, EntryFields extra = {});
KvEntry readEntry(QByteArrayView json, const QString& ns = QString());
// {"type": "NUMBER", "value": 42}: the Kestra form of a value.
QByteArray typedValue(const KvValue& value);
KvValue readTypedValue(QByteArrayView json);

QByteArray page(const KvPage& page, EntryFields extra = {}); // {"entries":[...],"total":N}
KvPage readPage(QByteArrayView json, const QString& ns);
QByteArray revision(const KvRevision& r);
KvRevision readRevision(const QJsonObject& o);
QByteArray namespaceInfo(const NamespaceInfo& info);
NamespaceInfo readNamespaceInfo(const QJsonObject& o);
QByteArray stats(const NamespaceStats& s);
NamespaceStats readStats(QByteArrayView json);

QByteArray purgeRequest(const PurgeRequest& r);
PurgeRequest readPurgeRequest(QByteArrayView json); // throws InvalidInput for a bad request
QByteArray purgeResult(const PurgeResult& r);
PurgeResult readPurgeResult(QByteArrayView json);
QByteArray fsckRequest(const FsckRequest& r);      // {"repair","verify","grace": ISO duration}
FsckRequest readFsckRequest(const QJsonObject& o); // throws InvalidInput for a bad grace
// {"clean","orphans","dangling","danglingRevisions","corrupt","invalidIds","valueFiles","rows",
//  "repaired"}: the server's answer and kvdesk-cli fsck --json alike.
QByteArray fsckReport(const FsckReport& r);
FsckReport readFsckReport(QByteArrayView json);
QByteArray importResult(const ImportResult& r);
ImportResult readImportResult(QByteArrayView json);
QByteArray stringList(const QStringList& list);

// Parses text as a JSON object or array; throws CatalogError(Internal) naming `what`.
QJsonObject object(QByteArrayView json, const char* what);
QList<QJsonObject> objects(QByteArrayView json, const char* what);

} // namespace kv::wire

Q_DECLARE_OPERATORS_FOR_FLAGS(kv::wire::EntryFields)
