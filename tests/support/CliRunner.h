#pragma once

#include <memory>
#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

class QProcess;

// The outcome of one kvdesk-cli run.
struct CliResult
{
    QStringList args;  // the arguments as given to run() (without --catalog)
    int exitCode = -1; // -1 when the process did not finish normally
    QByteArray out;    // standard output, raw bytes
    QString err;       // standard error, decoded as UTF-8
    QString failure;   // why the process did not finish (not started, timed out, crashed)
    // The system clock (ms since the epoch) once the run had ended: every time it stored is at
    // or before this instant.
    qint64 endedAtMs = 0;

    QString outText() const { return QString::fromUtf8(out); }
    // The lines of standard error that start with "kvdesk-cli: error: " (the message only).
    QStringList errorLines() const;
    // "kvdesk-cli ls a.b --json -> exit 2 / stderr: ... / stdout: ...", for failure messages.
    QString describe() const;
};

// Checks a run's exit code; on failure prints the whole run. `result` must be a variable.
#define QCOMPARE_EXIT(result, code)                                                                \
    QVERIFY2(                                                                                      \
        (result).exitCode == (code),                                                               \
        qPrintable((result).describe() + QStringLiteral("\n   expected exit code %1").arg(code)))

// Checks that the first error line of a run contains `text` (an ASCII string literal).
#define QVERIFY_MENTIONS(result, text)                                                             \
    QVERIFY2((result).errorLines().value(0).contains(QLatin1String(text)),                         \
             qPrintable((result).describe()))

// Checks that the standard output of a run contains `text` (an ASCII string literal).
#define QVERIFY_PRINTS(result, text)                                                               \
    QVERIFY2((result).outText().contains(QLatin1String(text)), qPrintable((result).describe()))

// Runs the real kvdesk-cli ($KVDESK_CLI) against one catalog folder. The catalog is always
// passed with --catalog, and KVDESK_CATALOG is removed from the child's environment.
class CliRunner
{
public:
    // An empty catalog means: pass no --catalog at all.
    explicit CliRunner(QString catalog = QString());

    static QString program();
    const QString& catalog() const { return m_catalog; }
    void setEnvironmentVariable(const QString& name, const QString& value);
    // Sends the standard output of the next runs to a file (e.g. /dev/full) instead of out.
    void setStandardOutputFile(const QString& path) { m_stdoutFile = path; }
    // How long a run may take before it is killed (default 60 s).
    void setTimeout(int ms) { m_timeoutMs = ms; }

    // Runs to completion, feeding `input` to standard input (which is then closed).
    CliResult run(const QStringList& args, const QByteArray& input = QByteArray()) const;
    // Like run(), for a command that must succeed: records a test failure (QTest::qFail) with
    // the whole run when the exit code is not 0.
    CliResult ok(const QStringList& args, const QByteArray& input = QByteArray()) const;
    // Starts the process and returns at once: for tests that kill it or run several at once.
    std::unique_ptr<QProcess> start(const QStringList& args) const;
    // Collects the outcome of a process from start() (waits up to the timeout).
    CliResult finish(QProcess& process, const QStringList& args) const;

    // Returns once the system clock, which kvdesk-cli reads "now" from, is past `epochMs`.
    // kvdesk-cli runs in its own process, so its clock cannot be injected: a test that needs a
    // TTL to run out or two writes at distinct times lets the real clock pass that instant.
    static void waitForClockPast(qint64 epochMs);

    // "set team.a k v" -> {"set", "team.a", "k", "v"}: for arguments without spaces.
    static QStringList words(const char* line);
    // Value files below <catalog>/values as "shard/name" paths, sorted (folders are not listed).
    static QStringList valueFiles(const QString& catalog);

private:
    QStringList fullArguments(const QStringList& args) const;

    QString m_catalog;
    QProcessEnvironment m_env;
    QString m_stdoutFile;
    int m_timeoutMs = 60000;
};
