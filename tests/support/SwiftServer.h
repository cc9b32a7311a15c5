#pragma once

#include <memory>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <vector>

namespace kvtest {

// A private S3-compatible object store for one test process: OpenStack Swift 2.30 (Debian 12)
// with its s3api middleware, in a temporary folder, on 127.0.0.1 and free ports. The destructor
// stops it (SIGKILL: the data is thrown away) and removes the folder, also after failed tests;
// if the test process dies, the kernel sends the daemons the same signal (parent-death signal).
//
// What runs: memcached (tempauth keeps its tokens there, and s3api's requests go through
// tempauth, so both APIs need it) and the account, container, object and proxy servers, each one
// python process (`workers = 0`: no forked workers) with its config file in the folder. The
// rings have one replica and one device each (a folder as the "disk", `mount_check = false`);
// the proxy's process makes them with Swift's RingBuilder (what swift-ring-builder runs) before
// it serves: nine swift-ring-builder calls would cost ~0.6 s of CPU each. The daemons run as
// the user running the test (as root, in CI: `user = root`, memcached `-u root`), so no folder
// is handed over. Their log lines (standard error) are kept in the folder for error(); the copy
// Swift also sends to syslog goes to a UDP socket of ours that nobody reads.
//
// The proxy's pipeline has s3api before tempauth (path-style requests only, no bucket-in-host
// names), `location = us-east-1`, and copy, slo and dlo (s3api's copy and multipart uploads).
// One tempauth user, account `test` (AUTH_test): user "test:tester" with key "testing" is the S3
// access key and secret (accessKey(), secretKey()) and also the Swift API's X-Auth-User and
// X-Auth-Key for GET /auth/v1.0. Signatures V2 and V4 are both checked strictly; a V4 request
// signed for another region is refused with AuthorizationHeaderMalformed. A request without
// S3's Authorization (or X-Amz-* query) is not S3's: Swift answers it, in plain text or HTML.
// Account statistics (object counts in HEAD on the account) lag: no updater daemons run;
// listings are exact.
//
// Measured on the 2-core machine while other builds ran (load average 10-12): start() took
// 7.8-8.7 s wall and ~3.0 s of CPU in all (user+sys; ~0.6 s per python daemon: imports, and
// Swift loads each pipeline twice), so ~1.5-2 s is to be expected on two idle cores; without the
// two import switches in the children's environment (see SwiftServer.cpp) it took ~7 s of CPU.
// The daemons' RSS is ~200 MB in all (~45 MB per backend, ~54 MB the proxy, ~8 MB memcached).
class SwiftServer
{
public:
    SwiftServer() = default;
    ~SwiftServer();
    SwiftServer(const SwiftServer&) = delete;
    SwiftServer& operator=(const SwiftServer&) = delete;

    // Empty when Swift, its s3api and memcached are installed, else what is missing and the
    // Debian packages that bring them (for QSKIP; scripts/install-deps installs them).
    static QString missing();

    // Starts the daemons and waits until the proxy answers; false with error() saying what
    // failed (and the daemons' log tail).
    bool start();
    QString error() const { return m_error; }
    quint16 port() const { return m_port; } // the proxy's port
    QString endpoint() const;               // "http://127.0.0.1:PORT"
    QString accessKey() const;              // "test:tester"
    QString secretKey() const;              // "testing"
    QString region() const;                 // "us-east-1"

private:
    struct Daemon
    {
        QString name;
        quint16 port = 0;
        std::unique_ptr<QProcess> process;
    };
    enum class Outcome { Started, PortTaken, Failed };
    // The daemons' ports, in start order (std::vector<quint16> indices).
    enum PortIndex { MemcachedPort, AccountPort, ContainerPort, ObjectPort, ProxyPort, PortCount };
    static QStringList backends(); // "account", "container", "object"

    Outcome startOnFreePorts();
    // SwiftServerConfig.cpp
    bool writeConfigs(const std::vector<quint16>& ports);
    QStringList proxyArguments(const std::vector<quint16>& ports) const;
    bool startDaemon(const QString& name, quint16 port, const QString& program,
                     const QStringList& args);
    Outcome waitUntilReady();
    void stop();
    QString logTail() const;

    QTemporaryDir m_dir;
    std::vector<Daemon> m_daemons;
    int m_syslogSink = -1; // the UDP socket Swift's syslog copy goes to
    quint16 m_syslogPort = 0;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace kvtest
