#include "KestraEmulator.h"

#include <QMetaObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace {

// One connection: reads requests one after the other and answers each at once.
void serve(QTcpSocket* socket, std::shared_ptr<kvtest::KestraApi> api)
{
    auto buffer = std::make_shared<QByteArray>();
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, api, buffer] {
        *buffer += socket->readAll();
        for (;;) {
            const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const QList<QByteArray> lines = buffer->left(headEnd).split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            kvtest::KestraRequest request;
            request.method = requestLine.value(0);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                           lines[i].mid(colon + 1).trimmed());
            }
            const qsizetype length = request.headers.value("content-length", "0").toLongLong();
            if (buffer->size() < headEnd + 4 + length)
                return;
            request.body = buffer->mid(headEnd + 4, length);
            buffer->remove(0, headEnd + 4 + length);
            const QByteArray target = requestLine.value(1);
            const qsizetype question = target.indexOf('?');
            const QByteArray path = question < 0 ? target : target.left(question);
            if (question >= 0)
                request.query.setQuery(QString::fromLatin1(target.mid(question + 1)));
            kvtest::KestraResponse response;
            if (!path.startsWith("/api/v1/")) {
                response = {404, "application/json", R"({"message":"Page Not Found"})", {}};
            } else {
                for (const QByteArray& segment : path.mid(8).split('/'))
                    request.segments << QUrl::fromPercentEncoding(segment);
                response = api->handle(request);
            }
            QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " X\r\n";
            if (!response.contentType.isEmpty())
                out += "Content-Type: " + response.contentType + "\r\n";
            for (const auto& [name, value] : response.headers)
                out += name + ": " + value + "\r\n";
            out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n" +
                   response.body;
            socket->write(out);
        }
    });
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

} // namespace

KestraEmulator::KestraEmulator(kvtest::KestraProfile profile,
                               std::shared_ptr<const kv::Clock> clock)
    : m_api(std::make_shared<kvtest::KestraApi>(profile, std::move(clock)))
{
}

KestraEmulator::~KestraEmulator()
{
    if (m_server)
        QMetaObject::invokeMethod(
            m_server, [server = m_server] { delete server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool KestraEmulator::start()
{
    m_thread.start();
    auto* server = new QTcpServer;
    server->moveToThread(&m_thread);
    m_server = server;
    bool listening = false;
    QMetaObject::invokeMethod(
        server,
        [this, server, &listening] {
            listening = server->listen(QHostAddress::LocalHost, 0);
            m_port = server->serverPort();
            m_error = server->errorString();
            QObject::connect(server, &QTcpServer::newConnection, server, [this, server] {
                while (QTcpSocket* socket = server->nextPendingConnection())
                    serve(socket, m_api);
            });
        },
        Qt::BlockingQueuedConnection);
    return listening;
}

QString KestraEmulator::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}
