#pragma once

#include <QProcess>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace kvtest {

// A private PostgreSQL 15 server for one test process: a fresh cluster (initdb) in a temporary
// folder, `postgres` listening on 127.0.0.1 on a free port with its unix socket in that folder,
// trust authentication from 127.0.0.1 only, fsync off. The destructor stops it (immediate
// shutdown) and removes the folder, also after failed tests; if the test process dies, the
// kernel sends the server the same signal (parent-death signal).
//
// initdb and postgres refuse to run as root: run as root (CI), they run as the `postgres` system
// user that Debian's postgresql-15 package creates, and the folder is handed to that user.
//
// The cluster's default collation is ICU "en-US", where 'Apple' sorts after 'apple' and U+007F
// is ignored: a query that needs byte order must say so (SqlDialect::binaryCollation), and the
// tests would see it if it did not.
class PostgresServer
{
public:
    PostgresServer() = default;
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    // Empty when PostgreSQL 15 and Qt's QPSQL driver are installed, else what is missing and the
    // Debian package that brings it (for QSKIP; scripts/install-deps installs both).
    static QString missing();

    // Starts the server; false with error() saying what failed (and the server's log).
    bool start();
    QString error() const { return m_error; }
    quint16 port() const { return m_port; }
    // Where the server's unix socket is (connections through it are refused: TCP only).
    QString socketDirectory() const { return m_dir.path(); }

    // Creates database `name` (lower-case letters, digits, '_') and returns an open connection to
    // it; an invalid QSqlDatabase with error() set on failure.
    QSqlDatabase createDatabase(const QString& name);
    // A new open QPSQL connection to database `name` (over TCP to 127.0.0.1). The server closes
    // and removes its connections when it stops: drop every copy of them before that.
    QSqlDatabase connect(const QString& name);

private:
    bool initCluster();
    // One attempt on a free port; `portTaken` is set when another program took it meanwhile.
    bool startOnFreePort(bool& portTaken);
    bool waitUntilReady();
    void stop();
    // Runs the child as the postgres user when this process is root.
    void prepareChild(QProcess& process) const;
    QString logTail() const;

    QTemporaryDir m_dir;
    QProcess m_postgres;
    quint16 m_port = 0;
    uint m_uid = 0; // the postgres user when this process is root, else 0 (run as ourselves)
    uint m_gid = 0;
    QString m_error;
    QStringList m_connections;
};

} // namespace kvtest
