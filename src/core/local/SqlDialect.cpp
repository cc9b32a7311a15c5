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

QString SqlDialect::beginRead() const
{
    return m_kind == Kind::Sqlite ? QStringLiteral("BEGIN")
                                  : QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ");
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

QString SqlDialect::blobType() const
{
    return m_kind == Kind::Sqlite ? QStringLiteral("BLOB") : QStringLiteral("BYTEA");
}

QString SqlDialect::schemaLock() const
{
    // The key is "kvschema" in ASCII: any constant works, as long as every KV Desk uses it.
    return m_kind == Kind::Sqlite ? QString()
                                  : QStringLiteral("SELECT pg_advisory_xact_lock(%1)")
                                        .arg(Q_INT64_C(0x6b76736368656d61));
}

QString SqlDialect::utf8Bytes(const QString& textExpr) const
{
    return m_kind == Kind::Sqlite ? QStringLiteral("CAST(%1 AS BLOB)").arg(textExpr)
                                  : QStringLiteral("convert_to(%1, 'UTF8')").arg(textExpr);
}

QStringList SqlDialect::pairCountTriggers() const
{
    // Rows are never moved between namespaces (an UPDATE keeps namespace), so insert and delete
    // are the only changes that move a count.
    if (m_kind == Kind::Sqlite)
        return {QStringLiteral("CREATE TRIGGER kv_counts_insert AFTER INSERT ON kv BEGIN "
                               "INSERT INTO kv_counts (namespace, pairs) VALUES (NEW.namespace, 1) "
                               "ON CONFLICT (namespace) DO UPDATE SET pairs = pairs + 1; END"),
                QStringLiteral("CREATE TRIGGER kv_counts_delete AFTER DELETE ON kv BEGIN "
                               "UPDATE kv_counts SET pairs = pairs - 1 "
                               "WHERE namespace = OLD.namespace; END")};
    return {QStringLiteral(
                "CREATE FUNCTION kv_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "IF TG_OP = 'INSERT' THEN "
                "INSERT INTO kv_counts (namespace, pairs) VALUES (NEW.namespace, 1) "
                "ON CONFLICT (namespace) DO UPDATE SET pairs = kv_counts.pairs + 1; "
                "ELSE UPDATE kv_counts SET pairs = pairs - 1 WHERE namespace = OLD.namespace; "
                "END IF; RETURN NULL; END $$"),
            QStringLiteral("CREATE TRIGGER kv_counts_change AFTER INSERT OR DELETE ON kv "
                           "FOR EACH ROW EXECUTE FUNCTION kv_counts_change()")};
}

QStringList SqlDialect::dropPairCountTriggers() const
{
    if (m_kind == Kind::Sqlite)
        return {QStringLiteral("DROP TRIGGER IF EXISTS kv_counts_insert"),
                QStringLiteral("DROP TRIGGER IF EXISTS kv_counts_delete")};
    return {QStringLiteral("DROP TRIGGER IF EXISTS kv_counts_change ON kv"),
            QStringLiteral("DROP FUNCTION IF EXISTS kv_counts_change()")};
}

} // namespace kv
