#include "CliOutput.h"

#include "domain/CatalogError.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace kv::cli {

namespace {

constexpr int stdoutDescriptor = 1; // STDOUT_FILENO, also on Windows
constexpr int stderrDescriptor = 2;

[[noreturn]] void cannotWrite(const QString& reason)
{
    throw CatalogError(ErrorCode::Internal,
                       QStringLiteral("cannot write to standard output: %1").arg(reason));
}

} // namespace

Output::Output()
{
    // The descriptors, not stdout/stderr: a FILE* buffers, and its write errors would only show
    // at a flush nobody checks.
    m_out.open(stdoutDescriptor, QIODevice::WriteOnly | QIODevice::Unbuffered,
               QFileDevice::DontCloseHandle);
    m_err.open(stderrDescriptor, QIODevice::WriteOnly | QIODevice::Unbuffered,
               QFileDevice::DontCloseHandle);
}

Output::~Output() = default;

void Output::raw(const QByteArray& bytes)
{
    if (bytes.isEmpty())
        return;
    if (m_out.write(bytes) != bytes.size())
        cannotWrite(m_out.errorString());
}

void Output::checkStdout() const
{
    if (m_out.error() != QFileDevice::NoError)
        cannotWrite(m_out.errorString());
}

void Output::flushStdout()
{
    if (std::fflush(stdout) != 0 || std::ferror(stdout))
        cannotWrite(QString::fromLocal8Bit(std::strerror(errno)));
}

void Output::error(const QString& message)
{
    m_err.write(QStringLiteral("kvdesk-cli: error: %1\n").arg(message).toUtf8());
}

void Output::warning(const QString& message)
{
    m_err.write(QStringLiteral("kvdesk-cli: warning: %1\n").arg(message).toUtf8());
}

} // namespace kv::cli
