#include "S3RawServer.h"

#include <QDateTime>
#include <QTcpServer>
#include <QTcpSocket>

using kv::SigV4;

namespace kvtest {

RawServer::RawServer(QList<QByteArray> answers)
    : m_answers(std::move(answers))
{
    std::atomic<quint16> port{0};
    m_thread = std::thread([this, &port] { run(port); });
    while (port.load() == 0)
        std::this_thread::yield();
    m_port = port.load();
}

RawServer::~RawServer()
{
    m_stop = true;
    m_thread.join();
}

QList<Captured> RawServer::captured() const
{
    std::lock_guard lock(m_mutex);
    return m_captured;
}

void RawServer::run(std::atomic<quint16>& port)
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost)) {
        port = 1; // nothing listens there: the client's request fails
        return;
    }
    port = server.serverPort();
    qsizetype next = 0;
    int connections = 0;
    std::unique_ptr<QTcpSocket> socket;
    while (!m_stop && next < m_answers.size()) {
        if (!socket) {
            if (!server.waitForNewConnection(50))
                continue;
            socket.reset(server.nextPendingConnection());
            ++connections;
        }
        Captured request;
        request.connection = connections;
        if (!read(*socket, request)) {
            socket.reset(); // the client closed it, or sent nothing
            continue;
        }
        {
            std::lock_guard lock(m_mutex);
            m_captured.append(request);
        }
        const QByteArray& reply = m_answers.at(next++);
        socket->write(reply);
        socket->waitForBytesWritten(2000);
        if (reply.contains("\r\nConnection: close\r\n")) {
            socket->disconnectFromHost();
            if (socket->state() != QAbstractSocket::UnconnectedState)
                socket->waitForDisconnected(2000);
            socket.reset();
        }
    }
}

bool RawServer::waitForBytes(QTcpSocket& socket) const
{
    while (!m_stop) {
        if (socket.waitForReadyRead(50))
            return true;
        if (socket.state() != QAbstractSocket::ConnectedState)
            return false;
    }
    return false;
}

bool RawServer::read(QTcpSocket& socket, Captured& request) const
{
    QByteArray data;
    qsizetype end = -1;
    while ((end = data.indexOf("\r\n\r\n")) < 0) {
        if (!waitForBytes(socket))
            return false;
        data += socket.readAll();
    }
    const QList<QByteArray> lines = data.left(end).split('\n');
    const QList<QByteArray> first = lines.first().trimmed().split(' ');
    request.method = first.value(0);
    request.target = first.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        request.headers.append({lines[i].left(colon), lines[i].mid(colon + 1).trimmed()});
    }
    const qsizetype length = request.header("Content-Length").toLongLong();
    request.body = data.mid(end + 4);
    while (request.body.size() < length && waitForBytes(socket))
        request.body += socket.readAll();
    return true;
}

QByteArray answer(int status, const QByteArray& reason, const QByteArray& body,
                  const QByteArray& extraHeaders)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
           "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + extraHeaders +
           "\r\n" + body;
}

QByteArray errorAnswer(int status, const QByteArray& reason, const QByteArray& code,
                       const QByteArray& message)
{
    return answer(status, reason,
                  "<?xml version='1.0' encoding='UTF-8'?>\n<Error><Code>" + code +
                      "</Code><Message>" + message + "</Message><RequestId>tx1</RequestId></Error>",
                  "Content-Type: application/xml\r\nConnection: close\r\n");
}

QString verifySigned(const Captured& request, const kv::S3Config& config)
{
    const QByteArray authorization = request.header("Authorization");
    const QByteArray signedList =
        authorization.mid(authorization.indexOf("SignedHeaders=") + 14).split(',').first();
    const qsizetype question = request.target.indexOf('?');
    SigV4::Request rebuilt;
    rebuilt.method = request.method;
    rebuilt.path = question < 0 ? request.target : request.target.left(question);
    if (question >= 0)
        for (const QByteArray& pair : request.target.mid(question + 1).split('&')) {
            const qsizetype eq = pair.indexOf('=');
            rebuilt.query.append(
                {QByteArray::fromPercentEncoding(pair.left(eq)),
                 eq < 0 ? QByteArray() : QByteArray::fromPercentEncoding(pair.mid(eq + 1))});
        }
    for (const QByteArray& name : signedList.split(';')) {
        const QList<QByteArray> values = request.all(name);
        if (values.size() != 1)
            return QStringLiteral("signed header %1 sent %2 times")
                .arg(QString::fromLatin1(name))
                .arg(values.size());
        rebuilt.headers.append({name, values.first()});
    }
    rebuilt.payloadHash = request.header("x-amz-content-sha256");
    if (rebuilt.payloadHash != SigV4::payloadHash(request.body))
        return QStringLiteral("x-amz-content-sha256 is not the hash of the body received");
    QDateTime at = QDateTime::fromString(QString::fromLatin1(request.header("x-amz-date")),
                                         QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    at.setTimeSpec(Qt::UTC);
    const SigV4 signer(config.accessKey, config.secretKey, config.region);
    const QByteArray expected = signer.authorization(rebuilt, at);
    if (expected != authorization)
        return QStringLiteral("Authorization sent:\n%1\nexpected:\n%2\ncanonical request:\n%3")
            .arg(QString::fromLatin1(authorization), QString::fromLatin1(expected),
                 QString::fromUtf8(SigV4::canonicalRequest(rebuilt)));
    return {};
}

} // namespace kvtest
