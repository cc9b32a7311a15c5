#include "ServerProcess.h"

#include <csignal>
#include <QDeadlineTimer>
#include <QRegularExpression>

ServerProcess::ServerProcess(QStringList args, quint16 port)
    : m_args(std::move(args))
    , m_port(port)
    , m_process(std::make_unique<QProcess>())
{
}

ServerProcess::~ServerProcess()
{
    stop();
}

QString ServerProcess::program()
{
    return qEnvironmentVariable("KVDESK_SERVER");
}

bool ServerProcess::start()
{
    if (program().isEmpty()) {
        m_error = QStringLiteral("KVDESK_SERVER is not set: run the test through ctest");
        return false;
    }
    m_process->start(program(), m_args + QStringList{QStringLiteral("--listen"),
                                                     QStringLiteral("127.0.0.1:%1").arg(m_port)});
    if (!m_process->waitForStarted(10000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(program(), m_process->errorString());
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("listening on (\\S+)"));
    QByteArray out;
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (m_process->state() == QProcess::NotRunning)
            break;
        m_process->waitForReadyRead(100);
        out += m_process->readAllStandardOutput();
        const QRegularExpressionMatch m = listening.match(QString::fromUtf8(out));
        if (m.hasMatch()) {
            m_url = m.captured(1);
            return true;
        }
    }
    m_error = QStringLiteral("kvdesk-server did not start listening: %1")
                  .arg(QString::fromUtf8(m_process->readAllStandardError()));
    return false;
}

QString ServerProcess::addCredential(const QString& usersFile, const char* option,
                                     const QString& name, const QString& secret)
{
    QProcess add;
    add.start(program(), {QStringLiteral("--users"), usersFile, QLatin1String(option), name});
    if (!add.waitForStarted())
        return add.errorString();
    add.write(secret.toUtf8() + '\n');
    add.closeWriteChannel();
    if (!add.waitForFinished(60000) || add.exitCode() != 0)
        return QString::fromUtf8(add.readAllStandardError());
    return QString();
}

QString ServerProcess::makeCertificate(const QString& dir)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                   QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                   QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                   QStringLiteral("-keyout"), dir + QStringLiteral("/key.pem"),
                   QStringLiteral("-out"), dir + QStringLiteral("/cert.pem")});
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0)
        return QStringLiteral("openssl: ") + QString::fromUtf8(openssl.readAllStandardError());
    return QString();
}

int ServerProcess::stop()
{
    if (m_process->state() == QProcess::NotRunning)
        return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    ::kill(pid_t(m_process->processId()), SIGTERM);
    if (!m_process->waitForFinished(15000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
        return -1;
    }
    log();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

QString ServerProcess::log()
{
    m_log += QString::fromUtf8(m_process->readAllStandardError());
    return m_log;
}
