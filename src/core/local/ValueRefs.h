#pragma once

#include "domain/CatalogTypes.h"

#include <optional>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace kv {

// One registry row seen as a reference to its value (what fsck checks): a value file, or, with
// valueId '', the row's own value column.
struct ValueRef
{
    QString valueId;
    QString ns, key;
    qint64 revision = -1; // -1: the current row
    QString checksum;     // hex, as stored

    bool isCurrent() const { return revision < 0; }
    // "ns/key" for a current row, "ns/key@revision" for a history row.
    QString name() const
    {
        const QString pair = ns + QLatin1Char('/') + key;
        return isCurrent() ? pair : pair + QLatin1Char('@') + QString::number(revision);
    }
};

// The kv and kv_history rows as value references: the registry side of fsck.
class ValueRefs
{
public:
    explicit ValueRefs(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    // Every row of kv and kv_history that names a value file (value_id not ''), in value id
    // order, as one snapshot, read forward only.
    class Scan
    {
    public:
        explicit Scan(QSqlDatabase& db);
        bool atEnd() const { return !m_more; }
        // The value id of the next row (valid while !atEnd()).
        QString nextId() const;
        ValueRef take();

    private:
        QSqlQuery m_rows;
        bool m_more = false;
    };
    Scan scan() { return Scan(m_db); }

    // Every inline row (value_id '') of kv and kv_history, in no particular order. With
    // `withValues` the stored form comes along (to verify checksums), else only whether the value
    // column is NULL.
    class InlineScan
    {
    public:
        InlineScan(QSqlDatabase& db, bool withValues);
        struct Row
        {
            ValueRef ref;
            bool hasValue = false;
            QByteArray value; // with withValues
        };
        bool next(Row& row);

    private:
        QSqlQuery m_rows;
        bool m_withValues;
    };
    InlineScan inlineScan(bool withValues) { return InlineScan(m_db, withValues); }

    // Current rows by placement (catalog info): one pass over kv.
    ValuePlacement placement();

    // Whether the row still points at the same value (same id and checksum), in a fresh read.
    bool stillPointsAt(const ValueRef& ref);
    // Removes the history row when it still points at ref's value; false when it is gone.
    bool removeHistoryRow(const ValueRef& ref);

private:
    QSqlDatabase m_db;
    std::optional<QSqlQuery> m_deleteHistory; // prepared on first use
};

} // namespace kv
