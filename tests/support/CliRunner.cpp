#include "CliRunner.h"

#include <algorithm>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QTest>
#include <QThread>

namespace {

QString quoteArgument(const QString& arg)
{
    if (!arg.isEmpty() && !arg.contains(QLatin1Char(' ')) && !arg.contains(QLatin1Char('\'')) &&
        !arg.contains(QLatin1Char('\n')))
        return arg;
    QString quoted = arg;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString clipped(const QString& text, qsizetype max = 2000)
{
    return text.size() <= max
               ? text
               : text.left(max) + QStringLiteral("... (%1 more)").arg(text.size() - max);
}

} // namespace

QStringList CliResult::errorLines() const
{
    const QString prefix = QStringLiteral("kvdesk-cli: error: ");
    QStringList lines;
    for (const QString& line : err.split(QLatin1Char('\n'))) {
        if (line.startsWith(prefix))
            lines << line.mid(prefix.size());
    }
    return lines;
}

QString CliResult::describe() const
{
    QStringList quoted;
    for (const QString& a : args)
        quoted << quoteArgument(a);
    QString text = QStringLiteral("\n   kvdesk-cli %1 -> ").arg(quoted.join(QLatin1Char(' ')));
    text += failure.isEmpty() ? QStringLiteral("exit %1").arg(exitCode) : failure;
    text += QStringLiteral("\n   stderr: ") + clipped(err.trimmed());
    text += QStringLiteral("\n   stdout: ") + clipped(outText().trimmed());
    return text;
}

CliRunner::CliRunner(QString catalog)
    : m_catalog(std::move(catalog))
    , m_env(QProcessEnvironment::systemEnvironment())
{
    m_env.remove(QStringLiteral("KVDESK_CATALOG"));
    m_env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
}

QString CliRunner::program()
{
    return qEnvironmentVariable("KVDESK_CLI");
}

void CliRunner::setEnvironmentVariable(const QString& name, const QString& value)
{
    m_env.insert(name, value);
}

QStringList CliRunner::fullArguments(const QStringList& args) const
{
    return m_catalog.isEmpty() ? args : QStringList{QStringLiteral("--catalog"), m_catalog} + args;
}

std::unique_ptr<QProcess> CliRunner::start(const QStringList& args) const
{
    auto process = std::make_unique<QProcess>();
    process->setProgram(program());
    process->setArguments(fullArguments(args));
    process->setProcessEnvironment(m_env);
    if (!m_stdoutFile.isEmpty())
        process->setStandardOutputFile(m_stdoutFile);
    process->start();
    return process;
}

CliResult CliRunner::finish(QProcess& process, const QStringList& args) const
{
    CliResult result;
    result.args = args;
    if (program().isEmpty()) {
        result.failure = QStringLiteral("KVDESK_CLI is not set: run the test through ctest");
        return result;
    }
    if (process.state() == QProcess::Starting && !process.waitForStarted(m_timeoutMs)) {
        result.failure = QStringLiteral("did not start: %1").arg(process.errorString());
        return result;
    }
    if (!process.waitForFinished(m_timeoutMs) && process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
        result.failure = QStringLiteral("timed out after %1 ms (killed)").arg(m_timeoutMs);
    }
    result.endedAtMs = QDateTime::currentMSecsSinceEpoch();
    result.out = process.readAllStandardOutput();
    result.err = QString::fromUtf8(process.readAllStandardError());
    if (result.failure.isEmpty() && process.error() == QProcess::FailedToStart)
        result.failure = QStringLiteral("did not start: %1").arg(process.errorString());
    else if (result.failure.isEmpty() && process.exitStatus() == QProcess::CrashExit)
        result.failure = QStringLiteral("crashed (%1)").arg(process.errorString());
    else if (result.failure.isEmpty())
        result.exitCode = process.exitCode();
    return result;
}

void CliRunner::waitForClockPast(qint64 epochMs)
{
    for (qint64 now = QDateTime::currentMSecsSinceEpoch(); now <= epochMs;
         now = QDateTime::currentMSecsSinceEpoch())
        QThread::msleep(unsigned(std::min<qint64>(epochMs - now + 1, 100)));
}

CliResult CliRunner::run(const QStringList& args, const QByteArray& input) const
{
    const std::unique_ptr<QProcess> process = start(args);
    if (process->waitForStarted(m_timeoutMs)) {
        if (!input.isEmpty())
            process->write(input);
        process->closeWriteChannel();
    }
    return finish(*process, args);
}

CliResult CliRunner::ok(const QStringList& args, const QByteArray& input) const
{
    CliResult result = run(args, input);
    if (result.exitCode != 0)
        QTest::qFail(qPrintable(QStringLiteral("expected exit 0:") + result.describe()), __FILE__,
                     __LINE__);
    return result;
}

QStringList CliRunner::words(const char* line)
{
    return QString::fromUtf8(line).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QStringList CliRunner::valueFiles(const QString& catalog)
{
    const QDir root(QDir(catalog).filePath(QStringLiteral("values")));
    QStringList files;
    QDirIterator it(root.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << root.relativeFilePath(it.next());
    files.sort();
    return files;
}
