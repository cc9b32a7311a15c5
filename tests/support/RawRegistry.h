#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace kvtest {

// A plain QtSql connection to a catalog's registry file, for tests that read or tamper with rows
// behind the catalog's back. One per test process (named "raw"), opened on first use on
// `registryFile`.
inline QSqlDatabase rawRegistry(const QString& registryFile)
{
    QSqlDatabase db = QSqlDatabase::database(QStringLiteral("raw"), false);
    if (!db.isValid()) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(registryFile);
    }
    if (!db.isOpen() && !db.open())
        qFatal("cannot open the registry: %s", qPrintable(db.lastError().text()));
    return db;
}

// Runs `sql` on that connection; fails the test with SQLite's message when it does not run.
inline void execRaw(const QString& registryFile, const QString& sql)
{
    QSqlQuery q(rawRegistry(registryFile));
    QVERIFY2(q.exec(sql), qPrintable(sql + QStringLiteral(": ") + q.lastError().text()));
}

} // namespace kvtest
