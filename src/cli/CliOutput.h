#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace kv::cli {

// Writes to standard output and error, unbuffered by Qt and by the C library, UTF-8.
//
// Every write to standard output is checked: a short write (disk full, a closed descriptor)
// throws CatalogError(Internal) "cannot write to standard output: <reason>", so a command never
// reports success with its output cut short. Errors on standard error cannot be reported.
class Output
{
public:
    Output();
    ~Output();
    void text(const QString& s) { raw(s.toUtf8()); }
    void raw(const QByteArray& bytes);
    void error(const QString& message); // "kvdesk-cli: error: <message>" on stderr
    void warning(const QString& message);
    // Standard output as a device, for writers that take one (export). After a write error on
    // it, call checkStdout() to turn it into the error above.
    QFile& stdoutFile() { return m_out; }
    // Throws the error above when a write to stdoutFile() failed.
    void checkStdout() const;
    // Flushes what the C library may hold for standard output; throws the error above when
    // that fails. Called once at the end of a command.
    static void flushStdout();

private:
    QFile m_out;
    QFile m_err;
};

} // namespace kv::cli
