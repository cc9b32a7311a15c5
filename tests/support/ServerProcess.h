#pragma once

#include <memory>
#include <QProcess>
#include <QString>
#include <QStringList>

// A real kvdesk-server ($KVDESK_SERVER) for a test: started on 127.0.0.1 with a free port chosen
// by the system (--listen 127.0.0.1:0; the address is read from the server's "listening on"
// line), stopped with SIGTERM when the object goes.
class ServerProcess
{
public:
    // `args`: the arguments besides --listen. `port` 0: a free one chosen by the system.
    explicit ServerProcess(QStringList args, quint16 port = 0);
    ~ServerProcess();

    static QString program();
    // `kvdesk-server --users FILE --add-user|--add-token NAME` with `secret` on standard input.
    // Returns "" when it worked, else what went wrong.
    static QString addCredential(const QString& usersFile, const char* option, const QString& name,
                                 const QString& secret);
    // A throw-away self-signed certificate for 127.0.0.1 (openssl) as cert.pem and key.pem in
    // `dir`. Returns "" when it worked, else what went wrong.
    static QString makeCertificate(const QString& dir);
    // Starts and waits until it listens. False (with the reason in error()) when it did not.
    bool start();
    // SIGTERM, then waits; the exit code (-1 when it crashed or hung).
    int stop();

    QString url() const { return m_url; } // http(s)://127.0.0.1:PORT
    QString error() const { return m_error; }
    QString log(); // what it wrote on standard error so far
    QProcess& process() { return *m_process; }

private:
    QStringList m_args;
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_process;
    QString m_url;
    QString m_error;
    QString m_log;
};
