#include "local/PairRow.h"

#include <QVariant>

namespace kv::PairRow {

namespace {
constexpr int columnCount = 11;
}

QString columns()
{
    return QStringLiteral("namespace, key, revision, type, description, size, checksum, "
                          "created_at, updated_at, expires_at, value_id");
}

QString columnsWithValue()
{
    return columns() + QStringLiteral(", value");
}

StoredEntry read(const QSqlQuery& q, int first)
{
    StoredEntry row;
    KvEntry& e = row.entry;
    e.ns = q.value(first).toString();
    e.key = q.value(first + 1).toString();
    e.revision = q.value(first + 2).toLongLong();
    e.type = ValueType(q.value(first + 3).toInt());
    e.description = q.value(first + 4).toString();
    e.size = q.value(first + 5).toLongLong();
    e.checksum = checksumText(q.value(first + 6).toString());
    e.createdAtMs = q.value(first + 7).toLongLong();
    e.updatedAtMs = q.value(first + 8).toLongLong();
    e.expiresAtMs = toExpiry(q.value(first + 9).toLongLong());
    row.valueId = q.value(first + 10).toString();
    return row;
}

StoredEntry readWithValue(const QSqlQuery& q, int first)
{
    StoredEntry row = read(q, first);
    const QVariant value = q.value(first + columnCount);
    if (!value.isNull())
        row.inlineValue = value.toByteArray();
    return row;
}

QVariant valueParameter(const StoredEntry& row)
{
    if (row.isInline())
        return QVariant(row.inlineValue);
    return QVariant(QMetaType::fromType<QByteArray>()); // a null QByteArray variant: SQL NULL
}

} // namespace kv::PairRow
