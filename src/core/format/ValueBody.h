#pragma once

#include "domain/CatalogTypes.h"
#include "domain/KvValue.h"

#include <optional>
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>

namespace kv {

// The bodies of the Kestra KV API (PUT .../kv/{key}), shared by kvdesk-server and the remote
// catalog. The value of a body, as Kestra reads it: the body is the value as JSON text.
//   "hello" -> STRING        42, 1.5 -> NUMBER          true -> BOOLEAN
//   {...}, [...] -> JSON     "PT5S" (a quoted duration in Kestra's form) -> DURATION
//   2024-02-29 -> DATE       2024-02-29T10:00:00Z -> DATETIME (both unquoted, so not JSON)
//   {a: 1, b: x} (Ion, as Kestra reads it: kestra::ionToJson) -> JSON {"a":1,"b":"x"}
//   'text' (an Ion quoted symbol) -> STRING text
//   anything else that is not valid JSON -> STRING, the body as it is
// A quoted string is a DURATION only in Kestra's form (kestra::isDuration): "P1W" or "PT1.5S"
// stay the STRINGs they were sent as.
// With `forcedType` (our kv-type header) the body is read as that type: a JSON string literal
// gives its content, other text is taken as it is. Throws CatalogError(InvalidInput).
KvValue valueFromBody(const QByteArray& body, std::optional<ValueType> forcedType);

// The body that makes a server read `value` back with its type (valueFromBody's inverse).
QByteArray bodyFromValue(const KvValue& value);

// The headers of that PUT, named here alone for the client and the server: Kestra's "ttl" (ISO
// duration) and "description" (plain text), our "kv-type", "kv-overwrite" ("false": Conflict
// instead of replacing), "kv-description" (any text, even empty, as an ASCII-only JSON string
// literal: header values are bytes without line breaks) and "kv-keep-description" ("true",
// sent when the request leaves the description as it is: Kestra's PUT clears a description it
// is not sent, kvdesk-server keeps it then).
using PutHeaders = QList<QPair<QByteArray, QByteArray>>;
PutHeaders putHeaders(const SetRequest& r);
// The server's side: the body and the headers (names in lower case) as a SetRequest without its
// namespace and key, with Kestra's rules: "ttl" as Java's Duration.parse reads it
// (kestra::parseJavaDuration), and no description header (nor kv-keep-description) clears the
// description. Throws InvalidInput naming the header or the value that is wrong.
SetRequest readPut(const QByteArray& body, const QHash<QByteArray, QByteArray>& headers);

} // namespace kv
