#pragma once

#include "domain/ValueType.h"

#include <optional>
#include <QByteArrayView>

namespace kv::storedform {

// The canonical text (UTF-8) of a value's stored form, read without decoding it: a view into
// `stored` when the stored form is already in the shape KvValue::toJson() writes for a value
// whose canonical text is exactly those bytes (NUMBER, BOOLEAN, compact JSON, DATE and STRING
// without escapes), for bulk reads such as the CSV export. std::nullopt when that cannot be
// seen at a glance (escapes, whitespace, a DATETIME or DURATION, invalid text): then
// KvValue::fromJson decides, and reports a corrupt value. Whenever it answers, the answer is
// KvValue::fromJson(type, stored).text() as UTF-8 (tst_kvvalue checks both on a corpus).
std::optional<QByteArrayView> canonicalText(ValueType type, QByteArrayView stored);

} // namespace kv::storedform
