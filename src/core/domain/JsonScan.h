#pragma once

#include <optional>
#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace kv::jsonscan {

// Finds pieces of JSON text without converting them, so a number such as 12345678901234567890
// keeps its digits (QJsonDocument would make it a double). The input must be valid JSON; on
// malformed text (cut short, a missing value, a stray comma) they return std::nullopt rather
// than guessing.

// The raw text of the member `name` of a top-level JSON object; nullopt when absent.
std::optional<QByteArrayView> member(QByteArrayView object, QByteArrayView name);
// The raw texts of the elements of a top-level JSON array; nullopt when `array` is no array.
std::optional<QList<QByteArrayView>> elements(QByteArrayView array);

} // namespace kv::jsonscan
