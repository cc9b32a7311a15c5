#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace kv::cli {

// Writes to standard output and error, unbuffered by Qt, UTF-8.
class Output
{
public:
    Output();
    ~Output();
    void text(const QString& s) { raw(s.toUtf8()); }
    void raw(const QByteArray& bytes);
    void error(const QString& message); // "kvdesk-cli: error: <message>" on stderr
    void warning(const QString& message);
    QFile& stdoutFile() { return m_out; }

private:
    QFile m_out;
    QFile m_err;
};

} // namespace kv::cli
