// SwiftServer's configuration files: swift.conf, one per daemon, and the proxy's process (which
// builds the rings first). The daemons and their lifetime are in SwiftServer.cpp.
#include "SwiftServer.h"

#ifdef Q_OS_LINUX
#include <pwd.h>
#include <QFile>
#include <unistd.h>

namespace kvtest {

namespace {

bool writeFile(const QString& path, const QString& text, QString& error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text.toUtf8()) < 0) {
        error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

// The proxy's process: first the rings, with Swift's RingBuilder as swift-ring-builder's
// create/add/rebalance run it (one partition, one replica, one device each), then what
// swift-proxy-server runs. One process for both saves a python start (~0.5 s of CPU) and the
// wait between them. argv: the folder, then the account, container and object ports.
const char* proxyScript = R"(import sys
from swift.common.ring import RingBuilder
from swift.common.wsgi import run_wsgi
folder = sys.argv[1]
for name, port in zip(('account', 'container', 'object'), sys.argv[2:]):
    builder = RingBuilder(0, 1, 1)
    builder.add_dev({'id': 0, 'region': 1, 'zone': 1, 'ip': '127.0.0.1',
                     'port': int(port), 'device': 'd1', 'weight': 1, 'meta': ''})
    builder.rebalance()
    builder.get_ring().save('%s/%s.ring.gz' % (folder, name))
sys.exit(run_wsgi(folder + '/proxy-server.conf', 'proxy-server', verbose=True))
)";

} // namespace

bool SwiftServer::writeConfigs(const std::vector<quint16>& ports)
{
    const passwd* user = ::getpwuid(::geteuid());
    if (!user) {
        m_error = QStringLiteral("this process's user (uid %1) has no name").arg(::geteuid());
        return false;
    }
    const QString dir = m_dir.path();
    if (!writeFile(m_dir.filePath(QStringLiteral("swift.conf")),
                   QStringLiteral("[swift-hash]\nswift_hash_path_suffix = kvtest\n"
                                  "[storage-policy:0]\nname = Policy-0\ndefault = yes\n"),
                   m_error))
        return false;
    // Every daemon: its files in the folder, one process, our user, a short bind retry (a port
    // taken meanwhile is retried on other ports), syslog to the sink.
    const QString common = QStringLiteral("[DEFAULT]\nswift_dir = %1\ndevices = %1/devices\n"
                                          "mount_check = false\nbind_ip = 127.0.0.1\n"
                                          "bind_timeout = 2\nworkers = 0\nuser = %2\n"
                                          "log_udp_host = 127.0.0.1\nlog_udp_port = %3\n")
                               .arg(dir, QString::fromLocal8Bit(user->pw_name))
                               .arg(m_syslogPort);
    const QStringList kinds = backends();
    for (int i = 0; i < kinds.size(); ++i) {
        const QString& kind = kinds[i];
        if (!writeFile(m_dir.filePath(kind + QStringLiteral("-server.conf")),
                       common + QStringLiteral("bind_port = %1\n[pipeline:main]\npipeline = "
                                               "%2-server\n[app:%2-server]\nuse = egg:swift#%2\n")
                                    .arg(ports[AccountPort + i])
                                    .arg(kind),
                       m_error))
            return false;
    }
    // s3api before the auth middleware (which checks the S3 signatures) and after cache;
    // copy, slo and dlo serve S3's copy and multipart uploads; versioned_writes is named because
    // the proxy would add it anyway (and log that it did). tempauth's user_test_tester is
    // accessKey() "test:tester" (account test, user tester).
    const QString proxy =
        common +
        QStringLiteral(
            "bind_port = %1\n"
            "[pipeline:main]\n"
            "pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats "
            "s3api tempauth copy slo dlo versioned_writes proxy-logging proxy-server\n"
            "[app:proxy-server]\nuse = egg:swift#proxy\naccount_autocreate = true\n"
            "[filter:catch_errors]\nuse = egg:swift#catch_errors\n"
            "[filter:gatekeeper]\nuse = egg:swift#gatekeeper\n"
            "[filter:healthcheck]\nuse = egg:swift#healthcheck\n"
            "[filter:proxy-logging]\nuse = egg:swift#proxy_logging\n"
            "[filter:cache]\nuse = egg:swift#memcache\nmemcache_servers = 127.0.0.1:%2\n"
            "[filter:listing_formats]\nuse = egg:swift#listing_formats\n"
            "[filter:s3api]\nuse = egg:swift#s3api\nlocation = %3\n"
            "[filter:tempauth]\nuse = egg:swift#tempauth\nuser_test_tester = %4 .admin\n"
            "[filter:copy]\nuse = egg:swift#copy\n"
            "[filter:slo]\nuse = egg:swift#slo\n"
            "[filter:dlo]\nuse = egg:swift#dlo\n"
            "[filter:versioned_writes]\nuse = egg:swift#versioned_writes\n")
            .arg(ports[ProxyPort])
            .arg(ports[MemcachedPort])
            .arg(region(), secretKey());
    return writeFile(m_dir.filePath(QStringLiteral("proxy-server.conf")), proxy, m_error);
}

QStringList SwiftServer::proxyArguments(const std::vector<quint16>& ports) const
{
    return {QStringLiteral("-c"),
            QString::fromLatin1(proxyScript),
            m_dir.path(),
            QString::number(ports[AccountPort]),
            QString::number(ports[ContainerPort]),
            QString::number(ports[ObjectPort])};
}

} // namespace kvtest

#endif
