#include "local/ExportRows.h"

#include "domain/CatalogError.h"
#include "local/PairQueries.h"

#include <atomic>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

#ifdef KVDESK_SQLITE_C_API
#include <sqlite3.h>
#endif

namespace kv {

namespace {
std::atomic<bool> enabled{true};
}

void ExportRows::setEnabled(bool on)
{
    enabled = on;
}

#ifdef KVDESK_SQLITE_C_API

namespace {

sqlite3* handleOf(const QSqlDatabase& db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
}

// Asked once per process: the driver is loaded once, and its SQLite with it.
bool sameLibraryAsDriver(const QSqlDatabase& db)
{
    static const bool same = [&db] {
        QSqlQuery q(db);
        return q.exec(QStringLiteral("SELECT sqlite_source_id()")) && q.next() &&
               q.value(0).toString() == QLatin1String(sqlite3_sourceid());
    }();
    return same;
}

[[noreturn]] void fail(sqlite3* db, const char* what)
{
    const int code = sqlite3_extended_errcode(db) & 0xff;
    const QString text = QString::fromUtf8(sqlite3_errmsg(db));
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        throw CatalogError::unavailable(
            QStringLiteral("the catalog is busy: another program kept it locked for too long (%1)")
                .arg(text));
    throw CatalogError::internal(
        QStringLiteral("registry error in %1: %2").arg(QLatin1String(what), text));
}

} // namespace

bool ExportRows::available(const QSqlDatabase& db)
{
    return enabled && db.driverName() == QLatin1String("QSQLITE") && handleOf(db) &&
           sameLibraryAsDriver(db);
}

ExportRows::ExportRows(const QSqlDatabase& db, const QString& ns, const QString& prefix,
                       qint64 nowMs, bool withValues)
    : m_db(handleOf(db))
{
    const QByteArray sql = PairQueries::liveRowsSql(prefix, withValues).toUtf8();
    if (sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &m_statement, nullptr) !=
        SQLITE_OK)
        fail(m_db, "the export's query");
    auto bindText = [this](const char* name, const QString& value) {
        const QByteArray utf8 = value.toUtf8();
        const int index = sqlite3_bind_parameter_index(m_statement, name);
        if (sqlite3_bind_text(m_statement, index, utf8.constData(), int(utf8.size()),
                              SQLITE_TRANSIENT) != SQLITE_OK)
            fail(m_db, "the export's query");
    };
    bindText(":ns", ns);
    if (sqlite3_bind_int64(m_statement, sqlite3_bind_parameter_index(m_statement, ":now"), nowMs) !=
        SQLITE_OK)
        fail(m_db, "the export's query");
    if (!prefix.isEmpty()) {
        bindText(":p1", prefix);
        bindText(":p2", PairQueries::prefixEnd(prefix));
    }
}

ExportRows::~ExportRows()
{
    sqlite3_finalize(m_statement);
}

bool ExportRows::next()
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        fail(m_db, "the export's query");
    return false;
}

int ExportRows::type() const
{
    return sqlite3_column_int(m_statement, 1);
}

bool ExportRows::valueIsNull() const
{
    return sqlite3_column_type(m_statement, 9) == SQLITE_NULL;
}

QByteArrayView ExportRows::value() const
{
    const void* data = sqlite3_column_blob(m_statement, 9);
    return QByteArrayView(static_cast<const char*>(data), sqlite3_column_bytes(m_statement, 9));
}

QByteArray ExportRows::valueAsQtReadsIt() const
{
    switch (sqlite3_column_type(m_statement, 9)) {
    case SQLITE_NULL:
        return QByteArray();
    case SQLITE_BLOB: {
        const auto* data = static_cast<const char*>(sqlite3_column_blob(m_statement, 9));
        return data ? QByteArray(data, sqlite3_column_bytes(m_statement, 9)) : QByteArray();
    }
    default: // text or a number, which no release writes there: its text (no checksum matches)
        return text16(9).toUtf8();
    }
}

QByteArrayView ExportRows::text(int column) const
{
    const unsigned char* data = sqlite3_column_text(m_statement, column);
    return QByteArrayView(reinterpret_cast<const char*>(data),
                          sqlite3_column_bytes(m_statement, column));
}

QString ExportRows::text16(int column) const
{
    // What QSQLITE does: SQLite's own conversion to UTF-16.
    const void* data = sqlite3_column_text16(m_statement, column);
    return QString(static_cast<const QChar*>(data),
                   sqlite3_column_bytes16(m_statement, column) / int(sizeof(QChar)));
}

qint64 ExportRows::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

#else // without SQLite's C API: available() is false and nothing else is called

bool ExportRows::available(const QSqlDatabase&)
{
    return false;
}
ExportRows::ExportRows(const QSqlDatabase&, const QString&, const QString&, qint64, bool)
{
    throw CatalogError::internal(QStringLiteral("built without SQLite's C API"));
}
ExportRows::~ExportRows() = default;
bool ExportRows::next()
{
    return false;
}
int ExportRows::type() const
{
    return 0;
}
bool ExportRows::valueIsNull() const
{
    return true;
}
QByteArrayView ExportRows::value() const
{
    return {};
}
QByteArray ExportRows::valueAsQtReadsIt() const
{
    return {};
}
QByteArrayView ExportRows::text(int) const
{
    return {};
}
QString ExportRows::text16(int) const
{
    return {};
}
qint64 ExportRows::integer(int) const
{
    return 0;
}

#endif

} // namespace kv
