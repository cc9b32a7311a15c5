#pragma once

#include <optional>
#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// Texts as Kestra's server reads them, for kvdesk-server's PUT .../kv/{key} (ValueBody):
// its `ttl` header, the strings it types DURATION, and the Ion bodies it accepts.
namespace kv::kestra {

// A duration as Java's Duration.parse reads it (Kestra's KVController: TypeConverter.toDuration
// of the ttl header): [-+]P[nD][T[nH][nM][n[.f]S]], case-insensitive, each number signed, at
// least one section, up to nine fraction digits (after '.' or ','); no weeks, months or years.
// In milliseconds (a fraction beyond them is cut off); std::nullopt when the text is none, or
// when it does not fit 64-bit milliseconds.
std::optional<qint64> parseJavaDuration(QStringView text);

// Whether Kestra reads the stored string `text` back as a DURATION: its InternalKVStore's
// DURATION_PATTERN (^P(?=[^T]|T.)(?:\d*D)?(?:T(?=.)(?:\d*H)?(?:\d*M)?(?:\d*S)?)?$, case-sensitive,
// whole numbers only) and Duration.parse accepting it (so "PD", whose section has no digits,
// stays a string).
bool isDuration(QStringView text);

// One Ion value, as Kestra's PUT reads a body with its Ion parser (JacksonMapper.ofIon()
// .readTree in KVController.setKeyValue), written as JSON text for the caller's JSON reader to
// judge: structs whose field names may be identifiers ({a: 1}), 'quoted symbols' or strings;
// lists; strings; numbers in JSON's form; true, false, null; identifiers and 'quoted symbols'
// as values (Kestra reads a symbol as a string). // and /* */ comments count as white space; a
// trailing comma in a struct or list is allowed. std::nullopt for anything else (annotations,
// typed nulls, long strings, Ion-only number forms), and when anything but white space follows
// the value (Kestra refuses trailing content too, and then stores the body as a string).
std::optional<QByteArray> ionToJson(QByteArrayView text);

} // namespace kv::kestra
