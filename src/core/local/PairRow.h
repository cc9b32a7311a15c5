#pragma once

#include "domain/CatalogTypes.h"

#include <limits>
#include <optional>
#include <QByteArray>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace kv {

// A pair's registry row: its metadata and where its value is. An external value is the file
// named by valueId; an inline value (schema 2) has valueId '' and its stored form in the row's
// value column, carried in inlineValue when the query selected it.
struct StoredEntry
{
    KvEntry entry;
    QString valueId;
    QByteArray inlineValue; // null when the query did not select it (or the column is NULL)
    bool isInline() const { return valueId.isEmpty(); }
    // The same stored revision: an external value's id is never reused; inline rows all have
    // the id '', so their revision and update time tell them apart.
    bool sameRowAs(const StoredEntry& other) const
    {
        return valueId == other.valueId &&
               (!isInline() || (entry.revision == other.entry.revision &&
                                entry.updatedAtMs == other.entry.updatedAtMs));
    }
};

// How a pair's row is spelled in SQL: kv and kv_history share these columns, and every query
// that reads or writes whole rows goes through here.
namespace PairRow {

// Stored in expires_at for "never": expiry is one range test and "never" sorts last.
constexpr qint64 neverMs = std::numeric_limits<qint64>::max();

// Columns in the order read() expects, for SELECT lists.
QString columns();
StoredEntry read(const QSqlQuery& query, int first = 0);
// columns() followed by the value column, for the queries that need an inline value's bytes.
QString columnsWithValue();
StoredEntry readWithValue(const QSqlQuery& query, int first = 0);
// The value column's parameter: the stored form for an inline row, SQL NULL for an external one.
QVariant valueParameter(const StoredEntry& row);

// "sha256:<hex>" (KvEntry::checksum) <-> the hex digits stored in the registry.
inline QString checksumColumn(const QString& checksum)
{
    return checksum.mid(7);
}
inline QString checksumText(const QString& column)
{
    return QLatin1String("sha256:") + column;
}

// Text for a NOT NULL column: Qt binds a null QString as SQL NULL, this binds "" instead.
inline QString text(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

inline std::optional<qint64> toExpiry(qint64 stored)
{
    return stored == neverMs ? std::nullopt : std::optional<qint64>(stored);
}
inline qint64 fromExpiry(std::optional<qint64> ms)
{
    return ms.value_or(neverMs);
}

} // namespace PairRow
} // namespace kv
