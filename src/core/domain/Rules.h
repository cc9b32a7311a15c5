#pragma once

#include <QString>

// The naming rules of the domain (README.md, "The data model").
namespace kv::rules {

constexpr int maxKeyLength = 255;
constexpr int maxNamespaceLength = 150;
// The largest value (its stored JSON form, in bytes) a catalog accepts when it sets no limit of
// its own (CatalogBackend::maxValueBytes), and the largest field CsvReader buffers by default.
constexpr qint64 defaultMaxValueBytes = 16 * 1024 * 1024;

// An empty string when `key` is valid, else one sentence that quotes the input and says what is
// expected, e.g. "invalid key 'a b': a key may only contain letters, digits, '.', '_' and '-'".
QString keyProblem(QStringView key);
// Same for a namespace: dot-separated segments of [a-z0-9][a-z0-9_-]*, at most 150 characters.
QString namespaceProblem(QStringView ns);
// Same for a key prefix used to filter listings: empty is fine, else the key characters only.
QString keyPrefixProblem(QStringView prefix);

inline bool isValidKey(QStringView key)
{
    return keyProblem(key).isEmpty();
}
inline bool isValidNamespace(QStringView ns)
{
    return namespaceProblem(ns).isEmpty();
}

// These throw CatalogError(InvalidInput) with the message above.
void requireValidKey(QStringView key);
void requireValidNamespace(QStringView ns);
void requireValidKeyPrefix(QStringView prefix);

// "company.team" for "company.team.etl"; empty for a top-level namespace.
QString parentNamespace(QStringView ns);
// True when `ns` equals `ancestor` or lies below it ("a.b" is within "a", "ab" is not).
bool isWithinNamespace(QStringView ns, QStringView ancestor);

} // namespace kv::rules
