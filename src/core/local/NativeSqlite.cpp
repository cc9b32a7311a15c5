#include "local/NativeSqlite.h"

#include "domain/CatalogError.h"

#include <QSqlDriver>
#include <QVariant>

#ifdef KVDESK_SQLITE_C_API
#include <dlfcn.h>
#include <sqlite3.h>
#endif

namespace kv::NativeSqlite {

#ifdef KVDESK_SQLITE_C_API

namespace {

// True when the Qt driver of `driver` calls the same sqlite3_open_v2 as this program, i.e. both
// use one SQLite library. The driver's plugin is found from its code (its first virtual
// function), and dlsym on the plugin searches it and the libraries it depends on: a plugin
// with SQLite built in answers with its own copy, or with nothing when that copy is hidden.
bool sameLibrary(const QSqlDriver* driver)
{
    static const bool same = [driver] {
        void* const* vtable = *reinterpret_cast<void* const* const*>(driver);
        Dl_info info{};
        if (!vtable || dladdr(vtable[0], &info) == 0 || !info.dli_fname)
            return false;
        void* plugin = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
        if (!plugin)
            return false;
        void* theirs = dlsym(plugin, "sqlite3_open_v2");
        dlclose(plugin);
        return theirs == reinterpret_cast<void*>(&sqlite3_open_v2);
    }();
    return same;
}

} // namespace

sqlite3* handleOf(const QSqlDatabase& db)
{
    const QSqlDriver* driver = db.driver();
    if (!driver || db.driverName() != QLatin1String("QSQLITE") || !sameLibrary(driver))
        return nullptr;
    const QVariant handle = driver->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
}

bool autocommit(sqlite3* db)
{
    return sqlite3_get_autocommit(db) != 0;
}

Statement::Statement(sqlite3* db, const char* sql, const QString& context)
    : m_db(db)
    , m_context(context)
{
    if (const int rc = sqlite3_prepare_v2(m_db, sql, -1, &m_stmt, nullptr); rc != SQLITE_OK)
        fail(rc);
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

void Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void Statement::bindText(int index, const QByteArray& utf8)
{
    // A null QByteArray would bind SQL NULL: bind "" for it, as the columns are NOT NULL.
    sqlite3_bind_text(m_stmt, index, utf8.isNull() ? "" : utf8.constData(), int(utf8.size()),
                      SQLITE_TRANSIENT);
}

void Statement::bindText(int index, QStringView text)
{
    static const char16_t empty = 0;
    sqlite3_bind_text16(m_stmt, index, text.isNull() ? &empty : text.utf16(), int(text.size() * 2),
                        SQLITE_TRANSIENT);
}

void Statement::bindBlob(int index, const QByteArray& bytes)
{
    sqlite3_bind_blob(m_stmt, index, bytes.isNull() ? "" : bytes.constData(), int(bytes.size()),
                      SQLITE_TRANSIENT);
}

void Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

bool Statement::run()
{
    const int rc = sqlite3_step(m_stmt);
    sqlite3_reset(m_stmt);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return true;
    const int extended = sqlite3_extended_errcode(m_db);
    if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY)
        return false;
    fail(rc);
}

int Statement::parameter(const char* name) const
{
    return sqlite3_bind_parameter_index(m_stmt, name);
}

bool Statement::next()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    sqlite3_reset(m_stmt);
    if (rc != SQLITE_DONE)
        fail(rc);
    return false;
}

int Statement::bytes(int column) const
{
    return sqlite3_column_bytes(m_stmt, column);
}

QString Statement::text(int column) const
{
    // What QSQLITE does: SQLite's own conversion to UTF-16.
    const void* data = sqlite3_column_text16(m_stmt, column);
    const int size = sqlite3_column_bytes16(m_stmt, column);
    return data ? QString(static_cast<const QChar*>(data), size / 2) : QString();
}

QByteArrayView Statement::utf8(int column) const
{
    const unsigned char* data = sqlite3_column_text(m_stmt, column);
    return QByteArrayView(reinterpret_cast<const char*>(data),
                          sqlite3_column_bytes(m_stmt, column));
}

QByteArrayView Statement::blob(int column) const
{
    const void* data = sqlite3_column_blob(m_stmt, column);
    return QByteArrayView(static_cast<const char*>(data), sqlite3_column_bytes(m_stmt, column));
}

qint64 Statement::integer(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

bool Statement::isBlob(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_BLOB;
}

void Statement::fail(int code)
{
    const QString text = QString::fromUtf8(sqlite3_errmsg(m_db));
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        throw CatalogError::unavailable(
            QStringLiteral("the catalog is busy: another program kept it locked for too long (%1)")
                .arg(text));
    throw CatalogError::internal(QStringLiteral("registry error in %1: %2").arg(m_context, text));
}

#else // built without SQLite's headers: every caller keeps its QtSql path

sqlite3* handleOf(const QSqlDatabase&)
{
    return nullptr;
}

bool autocommit(sqlite3*)
{
    return true;
}

Statement::Statement(sqlite3* db, const char*, const QString& context)
    : m_db(db)
    , m_context(context)
{
    throw CatalogError::internal(QStringLiteral("%1: built without SQLite's C API").arg(context));
}

Statement::~Statement() = default;
void Statement::bind(int, qint64)
{
}
void Statement::bindText(int, const QByteArray&)
{
}
void Statement::bindText(int, QStringView)
{
}
void Statement::bindBlob(int, const QByteArray&)
{
}
void Statement::bindNull(int)
{
}
int Statement::parameter(const char*) const
{
    return 0;
}
bool Statement::run()
{
    return false;
}
bool Statement::next()
{
    return false;
}
int Statement::bytes(int) const
{
    return 0;
}
QString Statement::text(int) const
{
    return {};
}
QByteArrayView Statement::utf8(int) const
{
    return {};
}
QByteArrayView Statement::blob(int) const
{
    return {};
}
qint64 Statement::integer(int) const
{
    return 0;
}
bool Statement::isNull(int) const
{
    return true;
}
bool Statement::isBlob(int) const
{
    return false;
}
void Statement::fail(int)
{
    throw CatalogError::internal(m_context);
}

#endif

} // namespace kv::NativeSqlite
