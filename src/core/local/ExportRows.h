#pragma once

#include <memory>
#include <QByteArrayView>
#include <QSqlDatabase>
#include <QString>

namespace kv {

namespace NativeSqlite {
class Statement;
}

// The export's stream of live rows (the columns of PairQueries::LiveRows), read with SQLite's
// C API on the connection's own handle (NativeSqlite): QSqlQuery turns every column of every row
// into a QVariant, which cost 40% of an export of small values. Only where the handle can be used
// safely (see available()); otherwise the export reads through PairQueries::LiveRows.
// Runs inside the caller's read transaction; views stay valid until the next call to next().
class ExportRows
{
public:
    // Whether `db` is a QSQLITE connection whose SQLite library is the one linked here
    // (NativeSqlite::handleOf): Qt's own builds for Windows and macOS bundle a private SQLite in
    // the driver, whose handle must not be passed to another copy of the library.
    static bool available(const QSqlDatabase& db);
    // For tests that compare both readers: false makes available() answer false.
    static void setEnabled(bool enabled);

    ExportRows(const QSqlDatabase& db, const QString& ns, const QString& prefix, qint64 nowMs,
               bool withValues);
    ~ExportRows();
    ExportRows(const ExportRows&) = delete;
    ExportRows& operator=(const ExportRows&) = delete;

    bool next(); // false at the end; throws CatalogError(Internal) when SQLite fails

    // The current row. Text columns are UTF-8 as SQLite stores them (check before trusting it);
    // the *16 forms give the text as Qt reads it, for rows that are not valid UTF-8.
    QByteArrayView key() const { return text(0); }
    QString key16() const { return text16(0); }
    int type() const;
    QByteArrayView description() const { return text(2); }
    QString description16() const { return text16(2); }
    qint64 size() const;
    qint64 createdAtMs() const;
    qint64 updatedAtMs() const;
    qint64 expiresAtStored() const; // PairRow::toExpiry decodes it
    // With values:
    QByteArrayView checksumHex() const { return text(7); }
    QString checksumHex16() const { return text16(7); }
    QByteArrayView valueId() const { return text(8); }
    QString valueId16() const { return text16(8); }
    bool valueIsNull() const;
    QByteArrayView value() const; // the inline value's bytes
    // The value column as QSQLITE reads it (LiveRows): null for NULL and for an empty blob.
    QByteArray valueAsQtReadsIt() const;

private:
    QByteArrayView text(int column) const;
    QString text16(int column) const;

    std::unique_ptr<NativeSqlite::Statement> m_statement;
};

} // namespace kv
