#include "SwiftServer.h"

#include "LoopbackSocket.h"

namespace kvtest {

QString SwiftServer::endpoint() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

QString SwiftServer::accessKey() const
{
    return QStringLiteral("test:tester");
}

QString SwiftServer::secretKey() const
{
    return QStringLiteral("testing");
}

QString SwiftServer::region() const
{
    return QStringLiteral("us-east-1");
}

QStringList SwiftServer::backends()
{
    return {QStringLiteral("account"), QStringLiteral("container"), QStringLiteral("object")};
}

} // namespace kvtest

#ifdef Q_OS_LINUX
#include <csignal>
#include <cstring>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTcpSocket>
#include <QThread>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace kvtest {

namespace {

const QString python = QStringLiteral("/usr/bin/python3");
const QString memcached = QStringLiteral("/usr/bin/memcached");
const QString s3api =
    QStringLiteral("/usr/lib/python3/dist-packages/swift/common/middleware/s3api/s3api.py");
const QString packages =
    QStringLiteral("swift-proxy swift-account swift-container swift-object memcached");

QString server(const QString& kind)
{
    return QStringLiteral("/usr/bin/swift-%1-server").arg(kind);
}

// `count` distinct ports nobody listens on right now: all are bound before any is released.
// Another program may still take one before a daemon binds it, which start() retries.
std::vector<quint16> freePorts(int count, QString& error)
{
    std::vector<int> fds;
    std::vector<quint16> ports;
    for (int i = 0; i < count; ++i) {
        quint16 port = 0;
        const int fd = bindLoopback(SOCK_STREAM, port, error);
        if (fd < 0) {
            ports.clear();
            break;
        }
        fds.push_back(fd);
        ports.push_back(port);
    }
    for (int fd : fds)
        ::close(fd);
    return ports;
}

// A UDP socket on 127.0.0.1 that nobody reads: Swift always adds a syslog handler, and this is
// where its datagrams go (the kernel drops them once the buffer is full). Its port in `port`.
int syslogSink(quint16& port, QString& error)
{
    return bindLoopback(SOCK_DGRAM, port, error);
}

bool listening(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    return socket.waitForConnected(200);
}

// One HTTP/1.0 GET on a raw socket (no event loop needed): the whole response, or empty.
QByteArray httpGet(quint16 port, const QByteArray& path)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(2000))
        return {};
    socket.write("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray response;
    QElapsedTimer waited;
    waited.start();
    while (socket.state() == QAbstractSocket::ConnectedState && waited.elapsed() < 10000) {
        socket.waitForReadyRead(1000);
        response += socket.readAll();
    }
    return response + socket.readAll();
}

// Every child: Debian's python with Debian's modules (no PYTHON* variable of the test's
// environment reaches it), in the folder, killed with the test (parent-death signal).
void prepare(QProcess& process, const QString& folder)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& variable : env.keys()) {
        if (variable.startsWith(QLatin1String("PYTHON")))
            env.remove(variable);
    }
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    // Less to import in each process (a start measured ~3.3 s of CPU with these, ~6.7 s
    // without): eventlet's DNS resolver (dnspython; every address here is 127.0.0.1) and
    // setuptools' copy of distutils (Python 3.11's own is there; eventlet only reads a version
    // class from it).
    env.insert(QStringLiteral("EVENTLET_NO_GREENDNS"), QStringLiteral("yes"));
    env.insert(QStringLiteral("SETUPTOOLS_USE_DISTUTILS"), QStringLiteral("stdlib"));
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(folder);
    const pid_t parent = ::getpid();
    process.setChildProcessModifier([parent] {
        // In the child between fork and exec: system calls only.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(126);
    });
}

} // namespace

SwiftServer::~SwiftServer()
{
    stop();
    if (m_syslogSink >= 0)
        ::close(m_syslogSink);
}

QString SwiftServer::missing()
{
    QStringList needed{python, memcached, s3api};
    for (const QString& kind : backends() + QStringList{QStringLiteral("proxy")})
        needed << server(kind);
    for (const QString& path : std::as_const(needed)) {
        if (!QFileInfo::exists(path))
            return QStringLiteral("OpenStack Swift with s3api is not installed (no %1): install "
                                  "the Debian packages %2 (scripts/install-deps does)")
                .arg(path, packages);
    }
    return {};
}

bool SwiftServer::start()
{
    if (const QString why = missing(); !why.isEmpty()) {
        m_error = why;
        return false;
    }
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary folder: %1").arg(m_dir.errorString());
        return false;
    }
    if (!QDir(m_dir.path()).mkpath(QStringLiteral("devices/d1"))) {
        m_error = QStringLiteral("cannot create %1/devices/d1").arg(m_dir.path());
        return false;
    }
    if (m_syslogSink < 0 && (m_syslogSink = syslogSink(m_syslogPort, m_error)) < 0)
        return false;
    for (int attempt = 0; attempt < 5; ++attempt) {
        switch (startOnFreePorts()) {
        case Outcome::Started:
            return true;
        case Outcome::Failed:
            stop();
            return false;
        case Outcome::PortTaken:
            stop();
            break;
        }
    }
    return false;
}

SwiftServer::Outcome SwiftServer::startOnFreePorts()
{
    const std::vector<quint16> ports = freePorts(PortCount, m_error);
    if (ports.size() != PortCount || !writeConfigs(ports))
        return Outcome::Failed;
    m_port = ports[ProxyPort];
    // memcached refuses to run as root unless told which user to be.
    QStringList memcachedArgs{QStringLiteral("-l"), QStringLiteral("127.0.0.1"),
                              QStringLiteral("-p"), QString::number(ports[MemcachedPort]),
                              QStringLiteral("-U"), QStringLiteral("0"),
                              QStringLiteral("-m"), QStringLiteral("16"),
                              QStringLiteral("-t"), QStringLiteral("1")};
    if (::geteuid() == 0)
        memcachedArgs << QStringLiteral("-u") << QStringLiteral("root");
    if (!startDaemon(QStringLiteral("memcached"), ports[MemcachedPort], memcached, memcachedArgs))
        return Outcome::Failed;
    // The backends need no ring: they start while the proxy's process builds the rings.
    const QStringList kinds = backends();
    for (int i = 0; i < kinds.size(); ++i) {
        const QString& kind = kinds[i];
        if (!startDaemon(kind, ports[AccountPort + i], server(kind),
                         {m_dir.filePath(kind + QStringLiteral("-server.conf")),
                          QStringLiteral("--verbose")}))
            return Outcome::Failed;
    }
    if (!startDaemon(QStringLiteral("proxy"), ports[ProxyPort], python, proxyArguments(ports)))
        return Outcome::Failed;
    return waitUntilReady();
}

bool SwiftServer::startDaemon(const QString& name, quint16 port, const QString& program,
                              const QStringList& args)
{
    auto process = std::make_unique<QProcess>();
    prepare(*process, m_dir.path());
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->setStandardOutputFile(m_dir.filePath(name + QStringLiteral(".log")));
    process->start(program, args);
    if (!process->waitForStarted(30000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(program, process->errorString());
        return false;
    }
    m_daemons.push_back({name, port, std::move(process)});
    return true;
}

SwiftServer::Outcome SwiftServer::waitUntilReady()
{
    // Each daemon's port accepts connections (Swift binds after loading its pipeline), then the
    // proxy answers its health check. A daemon that exits ends the wait at once.
    QElapsedTimer waited;
    waited.start();
    std::vector<bool> up(m_daemons.size(), false);
    for (;;) {
        for (const Daemon& daemon : m_daemons) {
            // Without an event loop, state() learns of an exit only through a wait.
            if (daemon.process->state() != QProcess::NotRunning &&
                !daemon.process->waitForFinished(0))
                continue;
            const QString tail = logTail();
            m_error = QStringLiteral("%1 exited while starting (exit code %2); the logs:\n%3")
                          .arg(daemon.name)
                          .arg(daemon.process->exitCode())
                          .arg(tail);
            return tail.contains(QLatin1String("Address already in use")) ||
                           tail.contains(QLatin1String("Could not bind"))
                       ? Outcome::PortTaken
                       : Outcome::Failed;
        }
        bool all = true;
        for (size_t i = 0; i < m_daemons.size(); ++i) {
            if (!up[i])
                up[i] = listening(m_daemons[i].port);
            all = all && up[i];
        }
        if (all) {
            const QByteArray answer = httpGet(m_port, "/healthcheck");
            if (answer.startsWith("HTTP/1.") && answer.contains(" 200 ") &&
                answer.endsWith("\r\n\r\nOK"))
                return Outcome::Started;
        }
        if (waited.elapsed() > 60000) {
            m_error = QStringLiteral("Swift did not answer on %1/healthcheck within 60 s; the "
                                     "logs:\n%2")
                          .arg(endpoint(), logTail());
            return Outcome::Failed;
        }
        QThread::msleep(20);
    }
}

void SwiftServer::stop()
{
    // SIGKILL: nothing in the folder is kept, so there is nothing to shut down cleanly.
    for (Daemon& daemon : m_daemons) {
        if (daemon.process->state() != QProcess::NotRunning)
            ::kill(pid_t(daemon.process->processId()), SIGKILL);
    }
    for (Daemon& daemon : m_daemons) {
        if (!daemon.process->waitForFinished(5000))
            daemon.process->kill();
    }
    m_daemons.clear();
}

QString SwiftServer::logTail() const
{
    QString tail;
    for (const Daemon& daemon : m_daemons) {
        QFile log(m_dir.filePath(daemon.name + QStringLiteral(".log")));
        if (!log.open(QIODevice::ReadOnly) || log.size() == 0)
            continue;
        if (log.size() > 1500)
            log.seek(log.size() - 1500);
        tail += QStringLiteral("--- %1 ---\n%2\n")
                    .arg(daemon.name, QString::fromLocal8Bit(log.readAll()));
    }
    return tail.isEmpty() ? QStringLiteral("(no log)") : tail;
}

} // namespace kvtest

#else // The test store needs POSIX process control (signals, sockets); elsewhere it is missing.

namespace kvtest {

SwiftServer::~SwiftServer() = default;

QString SwiftServer::missing()
{
    return QStringLiteral("the private Swift test store runs on Linux only");
}

bool SwiftServer::start()
{
    m_error = missing();
    return false;
}

} // namespace kvtest

#endif
