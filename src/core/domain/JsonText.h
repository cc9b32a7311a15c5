#pragma once

#include <QByteArray>
#include <QStringView>

namespace kv {

// The one JSON string escaper: every JSON text we write by hand goes through it.
//   Utf8   other characters as they are (UTF-8)
//   Ascii  every character outside printable ASCII as \uXXXX: for HTTP header values
enum class JsonEscape { Utf8, Ascii };

// Appends `text` as a JSON string literal (quotes included, RFC 8259 escapes). Besides quotes,
// backslashes and control characters it escapes a lone surrogate (so it survives the round
// trip instead of becoming U+FFFD) and U+FEFF (Qt's JSON parser drops it at the start of a
// string unless it is escaped).
void appendJsonString(QByteArray& out, QStringView text, JsonEscape mode = JsonEscape::Utf8);
QByteArray jsonStringLiteral(QStringView text, JsonEscape mode = JsonEscape::Utf8);

} // namespace kv
