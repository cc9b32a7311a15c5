#include "local/ExportRows.h"

#include "local/NativeSqlite.h"
#include "local/PairQueries.h"

#include <atomic>

namespace kv {

namespace {

std::atomic<bool> enabled{true};

// The columns of PairQueries::liveRowsSql, in order.
enum Column { Key, Type, Description, Size, Created, Updated, Expires, Checksum, ValueId, Value };

} // namespace

void ExportRows::setEnabled(bool on)
{
    enabled = on;
}

bool ExportRows::available(const QSqlDatabase& db)
{
    return enabled && NativeSqlite::handleOf(db) != nullptr;
}

ExportRows::ExportRows(const QSqlDatabase& db, const QString& ns, const QString& prefix,
                       qint64 nowMs, bool withValues)
{
    const QByteArray sql = PairQueries::liveRowsSql(prefix, withValues).toUtf8();
    m_statement = std::make_unique<NativeSqlite::Statement>(
        NativeSqlite::handleOf(db), sql.constData(), QStringLiteral("the export's query"));
    NativeSqlite::Statement& s = *m_statement;
    s.bindText(s.parameter(":ns"), QStringView(ns));
    s.bind(s.parameter(":now"), nowMs);
    if (!prefix.isEmpty()) {
        s.bindText(s.parameter(":p1"), QStringView(prefix));
        const QString end = PairQueries::prefixEnd(prefix);
        s.bindText(s.parameter(":p2"), QStringView(end));
    }
}

ExportRows::~ExportRows() = default;

bool ExportRows::next()
{
    return m_statement->next();
}

int ExportRows::type() const
{
    return int(m_statement->integer(Type));
}

qint64 ExportRows::size() const
{
    return m_statement->integer(Size);
}

qint64 ExportRows::createdAtMs() const
{
    return m_statement->integer(Created);
}

qint64 ExportRows::updatedAtMs() const
{
    return m_statement->integer(Updated);
}

qint64 ExportRows::expiresAtStored() const
{
    return m_statement->integer(Expires);
}

bool ExportRows::valueIsNull() const
{
    return m_statement->isNull(Value);
}

QByteArrayView ExportRows::value() const
{
    return m_statement->blob(Value);
}

QByteArray ExportRows::valueAsQtReadsIt() const
{
    if (m_statement->isNull(Value))
        return QByteArray();
    if (m_statement->isBlob(Value)) {
        const QByteArrayView bytes = m_statement->blob(Value);
        return bytes.isNull() ? QByteArray() : bytes.toByteArray();
    }
    // Text or a number, which no release writes there: its text (no checksum matches).
    return m_statement->text(Value).toUtf8();
}

QByteArrayView ExportRows::text(int column) const
{
    return m_statement->utf8(column);
}

QString ExportRows::text16(int column) const
{
    return m_statement->text(column);
}

} // namespace kv
