#pragma once

#include "domain/CatalogBackend.h"

#include <QSqlDatabase>
#include <QString>

namespace kv {

// The meta table: the catalog's settings by name (format, schema_version, history_depth,
// max_value_bytes, inline_limit, value_migration; see RegistrySchema.cpp). Each method runs
// inside the caller's transaction, if any.
class MetaTable
{
public:
    explicit MetaTable(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }
    // Empty when the setting is absent.
    QString value(const QString& name);
    void setValue(const QString& name, const QString& value);
    void remove(const QString& name);

    static constexpr int defaultHistoryDepth = 5;
    // meta history_depth: older revisions kept per pair. Absent or unreadable: the default.
    int historyDepth();
    static constexpr qint64 defaultMaxValueBytes = CatalogBackend::defaultMaxValueBytes;
    // meta max_value_bytes: the largest stored form accepted. Absent, unreadable or below
    // CatalogBackend::minMaxValueBytes: the default.
    qint64 maxValueBytes();

    static constexpr qint64 defaultInlineLimit = CatalogBackend::defaultInlineLimit;
    // meta inline_limit: the largest stored form kept in its row (bytes, inclusive; 0 = every
    // value in a file). Absent or unreadable: the default.
    qint64 inlineLimit();
    void setInlineLimit(qint64 bytes);

private:
    QSqlDatabase m_db;
};

} // namespace kv
