#pragma once

#include <QByteArrayView>
#include <QString>

// Strict UTF-8 for values that arrive as bytes (standard input, HTTP bodies): invalid input is
// refused, never turned into U+FFFD.
namespace kv::utf8 {

// The offset where the first ill-formed sequence starts (Unicode table 3-7: no overlong forms,
// surrogates, code points above U+10FFFF, stray or missing continuation bytes), or -1 when all
// of `bytes` is valid UTF-8. ASCII runs are skipped eight bytes at a time.
qsizetype firstInvalidByte(QByteArrayView bytes);

// The text of a value given as UTF-8 bytes (a leading byte-order mark is dropped, as
// QString::fromUtf8 does). Throws CatalogError(InvalidInput) "the value is not valid UTF-8 (byte
// offset N)" naming the first bad byte.
QString decodeValue(QByteArrayView bytes);

} // namespace kv::utf8
