#include "CliOutput.h"

#include <cstdio>

namespace kv::cli {

Output::Output()
{
    m_out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered);
    m_err.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
}

Output::~Output()
{
    m_out.flush();
}

void Output::raw(const QByteArray& bytes)
{
    m_out.write(bytes);
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
