#pragma once

// The fixture of tst_serverkestra (tst_serverkestra.cpp: the cases of Kestra's KVControllerTest;
// ServerKestraRules.cpp: the rules of Kestra's controllers the server follows): a real
// kvdesk-server whose clock is a file.
#include "remote/HttpClient.h"
#include "ServerProcess.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

using kv::HttpClient;
using kv::HttpReply;
using kv::RemoteConnection;

// The reply is evaluated once: a PUT in it is sent once.
#define QCOMPARE_STATUS(reply, expected)                                                           \
    do {                                                                                           \
        const HttpReply checkedReply_ = (reply);                                                   \
        QVERIFY2(checkedReply_.status == (expected),                                               \
                 qPrintable(QStringLiteral("status %1, expected %2: %3")                           \
                                .arg(checkedReply_.status)                                         \
                                .arg(expected)                                                     \
                                .arg(QString::fromUtf8(checkedReply_.body))));                     \
    } while (false)

namespace kestratest {

inline constexpr qint64 t0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z
inline const QString ns = QStringLiteral("io.namespace");

inline QJsonObject objectOf(const HttpReply& r)
{
    return QJsonDocument::fromJson(r.body).object();
}

inline QJsonArray arrayOf(const HttpReply& r)
{
    return QJsonDocument::fromJson(r.body).array();
}

inline QJsonArray resultsOf(const HttpReply& r)
{
    return objectOf(r).value(u"results").toArray();
}

inline QStringList keysOf(const QJsonArray& entries)
{
    QStringList keys;
    for (const QJsonValue& e : entries)
        keys << e.toObject().value(u"namespace").toString() + QLatin1Char('/') +
                    e.toObject().value(u"key").toString();
    return keys;
}

inline QStringList strings(std::initializer_list<const char*> items)
{
    QStringList list;
    for (const char* item : items)
        list << QString::fromUtf8(item);
    return list;
}

inline QString iso(qint64 ms)
{
    // The wire's form: milliseconds only when they are not zero.
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return t.toString(ms % 1000 == 0 ? Qt::ISODate : Qt::ISODateWithMs);
}

} // namespace kestratest

using namespace kestratest;

class TestServerKestra : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // KVControllerTest
    void sortsByEveryEntryField();
    void ordersByTheMappedColumn();
    void refusesASortFieldThatIsNoEntryField();
    void listAllKeys();
    void listKeysWithInheritance();
    void getKeyValue_data();
    void getKeyValue();
    void getKeyValueNotFound();
    void getKeyValueExpired();
    void setKeyValue_data();
    void setKeyValue();
    void deleteKeyValue();
    void deleteKeyValuesInBulk();
    void illegalKey();
    void jsonFallback();

    // The rules of KVController, QueryFilterFormatBinder, NamespaceController
    void searchFilters();
    void searchRefusesWhatItDoesNotRead_data();
    void searchRefusesWhatItDoesNotRead();
    void searchSortsByNamespace();
    void putWithoutDescriptionClearsIt();
    void putTtlAsJavaReadsIt();
    void putIonBodies();
    void namespaces();
    void problemDetails();

private:
    HttpReply send(const QByteArray& method, const QString& path, const QByteArray& body = {},
                   const HttpClient::Headers& headers = {}) const;
    HttpReply put(const QString& nsName, const QString& key, const QByteArray& body,
                  const HttpClient::Headers& headers = {}) const;
    void setNow(qint64 ms);
    QByteArray rawExchange(const QByteArray& request) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ServerProcess> m_server;
    RemoteConnection m_connection;
    QString m_clock;
};
