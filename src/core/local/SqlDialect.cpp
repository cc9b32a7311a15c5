#include "local/SqlDialect.h"

#include <QSqlDatabase>

namespace kv {

SqlDialect SqlDialect::of(const QSqlDatabase& db)
{
    return SqlDialect(db.driverName() == QLatin1String("QPSQL") ? Kind::Postgres : Kind::Sqlite);
}

QString SqlDialect::beginWrite() const
{
    return m_kind == Kind::Sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
}

QString SqlDialect::containsExpr(const QString& column, const QString& parameter) const
{
    return m_kind == Kind::Sqlite ? QStringLiteral("instr(%1, %2) > 0").arg(column, parameter)
                                  : QStringLiteral("strpos(%1, %2) > 0").arg(column, parameter);
}

QString SqlDialect::clusteredTableSuffix() const
{
    return m_kind == Kind::Sqlite ? QStringLiteral(" WITHOUT ROWID") : QString();
}

QString SqlDialect::jsonRows(const QString& parameter) const
{
    return m_kind == Kind::Sqlite
               ? QStringLiteral("json_each(%1)").arg(parameter)
               : QStringLiteral("json_array_elements(CAST(%1 AS json)) AS j(value)").arg(parameter);
}

QString SqlDialect::binaryCollation() const
{
    return m_kind == Kind::Sqlite ? QString() : QStringLiteral(" COLLATE \"C\"");
}

} // namespace kv
