#pragma once

#include "KestraApi.h"

#include <memory>
#include <QThread>

class QTcpServer;

// A Kestra server for tests only: KestraApi behind a small HTTP/1.1 server on 127.0.0.1 and a
// free port, on a thread of its own (the tests block their own thread waiting on catalog calls).
// It reads what QNetworkAccessManager sends (Content-Length bodies, keep-alive) and nothing more.
class KestraEmulator
{
public:
    KestraEmulator(kvtest::KestraProfile profile, std::shared_ptr<const kv::Clock> clock);
    ~KestraEmulator();
    KestraEmulator(const KestraEmulator&) = delete;
    KestraEmulator& operator=(const KestraEmulator&) = delete;

    // Listens; false (with error()) when it cannot.
    bool start();
    QString error() const { return m_error; }
    QString url() const; // http://127.0.0.1:PORT
    kvtest::KestraApi& api() { return *m_api; }

private:
    std::shared_ptr<kvtest::KestraApi> m_api;
    QThread m_thread;
    QTcpServer* m_server = nullptr; // lives on m_thread
    quint16 m_port = 0;
    QString m_error;
};
