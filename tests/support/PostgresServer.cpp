#include "PostgresServer.h"

#include "LoopbackSocket.h"

#ifdef Q_OS_LINUX
#include <cerrno>
#include <csignal>
#include <cstring>
#include <grp.h>
#include <pwd.h>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace kvtest {

namespace {

const QString binDir = QStringLiteral("/usr/lib/postgresql/15/bin");
const QString superuser = QStringLiteral("kvdesk");
const QString adminDatabase = QStringLiteral("postgres");

QString program(const QString& name)
{
    return binDir + QLatin1Char('/') + name;
}

// A port nobody listens on right now (the kernel picks it); another program may still take it
// before postgres binds it, which start() retries.
quint16 freePort(QString& error)
{
    quint16 port = 0;
    const int fd = bindLoopback(SOCK_STREAM, port, error);
    if (fd < 0)
        return 0;
    ::close(fd);
    return port;
}

} // namespace

PostgresServer::~PostgresServer()
{
    stop();
}

QString PostgresServer::missing()
{
    for (const QString& name : {QStringLiteral("initdb"), QStringLiteral("postgres")}) {
        if (!QFileInfo(program(name)).isExecutable())
            return QStringLiteral("PostgreSQL 15 is not installed (no %1): install the Debian "
                                  "package postgresql-15 (scripts/install-deps does)")
                .arg(program(name));
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return QStringLiteral("Qt's PostgreSQL driver (QPSQL) is not installed: install the Debian "
                              "package libqt6sql6-psql (scripts/install-deps does)");
    return {};
}

bool PostgresServer::start()
{
    if (const QString why = missing(); !why.isEmpty()) {
        m_error = why;
        return false;
    }
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary folder: %1").arg(m_dir.errorString());
        return false;
    }
    if (::geteuid() == 0) {
        const passwd* user = ::getpwnam("postgres");
        if (!user) {
            m_error = QStringLiteral("running as root, but there is no user 'postgres' to run "
                                     "PostgreSQL as (the Debian package postgresql-15 creates it)");
            return false;
        }
        m_uid = user->pw_uid;
        m_gid = user->pw_gid;
        if (::chown(QFile::encodeName(m_dir.path()).constData(), m_uid, m_gid) != 0) {
            m_error = QStringLiteral("cannot hand %1 to the user 'postgres': %2")
                          .arg(m_dir.path(), QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
    }
    if (!initCluster())
        return false;
    for (int attempt = 0; attempt < 5; ++attempt) {
        bool portTaken = false;
        if (startOnFreePort(portTaken))
            return true;
        if (!portTaken)
            return false;
    }
    return false;
}

bool PostgresServer::initCluster()
{
    QProcess initdb;
    prepareChild(initdb);
    initdb.setProcessChannelMode(QProcess::MergedChannels);
    initdb.start(program(QStringLiteral("initdb")),
                 {QStringLiteral("--pgdata=") + m_dir.filePath(QStringLiteral("data")),
                  QStringLiteral("--username=") + superuser, QStringLiteral("--auth=trust"),
                  QStringLiteral("--encoding=UTF8"), QStringLiteral("--locale=C"),
                  QStringLiteral("--locale-provider=icu"), QStringLiteral("--icu-locale=en-US"),
                  QStringLiteral("--no-sync"), QStringLiteral("--no-instructions")});
    const bool finished = initdb.waitForFinished(120000);
    if (!finished || initdb.exitStatus() != QProcess::NormalExit || initdb.exitCode() != 0) {
        m_error = QStringLiteral("initdb failed (%1): %2")
                      .arg(finished ? QStringLiteral("exit code %1").arg(initdb.exitCode())
                                    : initdb.errorString(),
                           QString::fromLocal8Bit(initdb.readAll()));
        return false;
    }
    // Trust from 127.0.0.1 only: initdb's file also trusts the unix socket and ::1. Truncating
    // keeps the file's owner (postgres, when run as root).
    QFile hba(m_dir.filePath(QStringLiteral("data/pg_hba.conf")));
    if (!hba.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        hba.write("host all all 127.0.0.1/32 trust\n") < 0) {
        m_error = QStringLiteral("cannot write %1: %2").arg(hba.fileName(), hba.errorString());
        return false;
    }
    return true;
}

bool PostgresServer::startOnFreePort(bool& portTaken)
{
    m_port = freePort(m_error);
    if (m_port == 0)
        return false;
    const QString log = m_dir.filePath(QStringLiteral("postgres.log"));
    QFile::remove(log);
    prepareChild(m_postgres);
    m_postgres.setProcessChannelMode(QProcess::MergedChannels);
    m_postgres.setStandardOutputFile(log);
    // fsync and friends off: the cluster is thrown away with the test.
    m_postgres.start(program(QStringLiteral("postgres")),
                     {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")),
                      QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-c"),
                      QStringLiteral("listen_addresses=127.0.0.1"), QStringLiteral("-c"),
                      QStringLiteral("unix_socket_directories=") + m_dir.path(),
                      QStringLiteral("-c"), QStringLiteral("unix_socket_permissions=0700"),
                      QStringLiteral("-c"), QStringLiteral("fsync=off"), QStringLiteral("-c"),
                      QStringLiteral("full_page_writes=off"), QStringLiteral("-c"),
                      QStringLiteral("synchronous_commit=off"), QStringLiteral("-c"),
                      QStringLiteral("lc_messages=C")});
    if (!m_postgres.waitForStarted(30000)) {
        m_error = QStringLiteral("cannot start %1: %2")
                      .arg(program(QStringLiteral("postgres")), m_postgres.errorString());
        return false;
    }
    if (waitUntilReady())
        return true;
    const QString tail = logTail();
    portTaken = tail.contains(QLatin1String("could not bind")) ||
                tail.contains(QLatin1String("Address already in use"));
    return false;
}

bool PostgresServer::waitUntilReady()
{
    // Real connection attempts until one succeeds. Between attempts the wait is for the server
    // to exit (a failed start ends the loop at once), bounded so that the next attempt follows.
    const QString probe = QStringLiteral("kvtest-pg-probe-%1").arg(m_port);
    QElapsedTimer waited;
    waited.start();
    QString lastError;
    for (;;) {
        bool ready = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), probe);
            db.setHostName(QStringLiteral("127.0.0.1"));
            db.setPort(m_port);
            db.setUserName(superuser);
            db.setDatabaseName(adminDatabase);
            ready = db.open();
            lastError = db.lastError().text();
            db.close();
        }
        QSqlDatabase::removeDatabase(probe);
        if (ready)
            return true;
        if (m_postgres.state() == QProcess::NotRunning || m_postgres.waitForFinished(20)) {
            m_error = QStringLiteral("postgres exited before accepting connections (exit code "
                                     "%1); its log:\n%2")
                          .arg(m_postgres.exitCode())
                          .arg(logTail());
            return false;
        }
        if (waited.elapsed() > 60000) {
            m_error = QStringLiteral("postgres did not accept connections on 127.0.0.1:%1 within "
                                     "60 s (%2); its log:\n%3")
                          .arg(m_port)
                          .arg(lastError, logTail());
            stop();
            return false;
        }
    }
}

QSqlDatabase PostgresServer::connect(const QString& name)
{
    const QString connection =
        QStringLiteral("kvtest-pg-%1-%2-%3").arg(m_port).arg(name).arg(m_connections.size());
    m_connections << connection;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
    db.setHostName(QStringLiteral("127.0.0.1"));
    db.setPort(m_port);
    db.setUserName(superuser);
    db.setDatabaseName(name);
    db.setConnectOptions(QStringLiteral("connect_timeout=30"));
    if (!db.open()) {
        m_error = QStringLiteral("cannot connect to database '%1' on 127.0.0.1:%2: %3")
                      .arg(name)
                      .arg(m_port)
                      .arg(db.lastError().text());
        return QSqlDatabase();
    }
    return db;
}

QSqlDatabase PostgresServer::createDatabase(const QString& name)
{
    static const QRegularExpression plainName(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    if (!plainName.match(name).hasMatch()) {
        m_error = QStringLiteral("'%1' is not a plain database name ([a-z_][a-z0-9_]*)").arg(name);
        return QSqlDatabase();
    }
    QSqlDatabase admin = connect(adminDatabase);
    if (!admin.isOpen())
        return QSqlDatabase();
    QSqlQuery create(admin);
    if (!create.exec(QStringLiteral("CREATE DATABASE %1").arg(name))) {
        m_error = QStringLiteral("CREATE DATABASE %1: %2").arg(name, create.lastError().text());
        return QSqlDatabase();
    }
    admin.close();
    return connect(name);
}

void PostgresServer::stop()
{
    for (const QString& name : std::as_const(m_connections)) {
        QSqlDatabase::database(name, false).close();
        QSqlDatabase::removeDatabase(name);
    }
    m_connections.clear();
    if (m_postgres.state() == QProcess::NotRunning)
        return;
    // SIGQUIT is an immediate shutdown (pg_ctl stop -m immediate): the data is thrown away.
    ::kill(pid_t(m_postgres.processId()), SIGQUIT);
    if (!m_postgres.waitForFinished(30000)) {
        m_postgres.kill();
        m_postgres.waitForFinished(5000);
    }
}

void PostgresServer::prepareChild(QProcess& process) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    process.setProcessEnvironment(env);
    // The postgres user may not be able to enter the test's working directory.
    process.setWorkingDirectory(m_dir.path());
    const uid_t uid = m_uid;
    const gid_t gid = m_gid;
    const pid_t parent = ::getpid();
    process.setChildProcessModifier([uid, gid, parent] {
        // In the child between fork and exec: system calls only.
        if (uid != 0 && (::setgroups(1, &gid) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0))
            ::_exit(126);
        // Set after the user switch, which clears it: the server stops when the test dies.
        ::prctl(PR_SET_PDEATHSIG, SIGQUIT);
        if (::getppid() != parent)
            ::_exit(126);
    });
}

QString PostgresServer::logTail() const
{
    QFile log(m_dir.filePath(QStringLiteral("postgres.log")));
    if (!log.open(QIODevice::ReadOnly))
        return QStringLiteral("(no log)");
    if (log.size() > 4000)
        log.seek(log.size() - 4000);
    return QString::fromLocal8Bit(log.readAll());
}

} // namespace kvtest

#else // The test server needs POSIX process control (user switch, signals); elsewhere it is
      // missing.

namespace kvtest {

PostgresServer::~PostgresServer() = default;

QString PostgresServer::missing()
{
    return QStringLiteral("the private PostgreSQL test server runs on Linux only");
}

bool PostgresServer::start()
{
    m_error = missing();
    return false;
}

QSqlDatabase PostgresServer::connect(const QString&)
{
    return QSqlDatabase();
}

QSqlDatabase PostgresServer::createDatabase(const QString&)
{
    return QSqlDatabase();
}

} // namespace kvtest

#endif
