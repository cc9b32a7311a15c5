#pragma once

#include <QByteArray>
#include <QStringView>

namespace kv {

// Appends `text` as a JSON string literal (quotes included, UTF-8, RFC 8259 escapes).
// For hot paths that write JSON by hand: bulk SQL parameters, CLI output.
void appendJsonString(QByteArray& out, QStringView text);
QByteArray jsonStringLiteral(QStringView text);

} // namespace kv
