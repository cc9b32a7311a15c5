#include "CliTestCase.h"

#include <QJsonDocument>
#include <QTest>

void CliTestCase::startCatalog()
{
    QVERIFY2(!CliRunner::program().isEmpty(), "KVDESK_CLI is not set: run the test through ctest");
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_cli = std::make_unique<CliRunner>(catalog());
}

QJsonArray CliTestCase::ls(const char* nsAndOptions) const
{
    const CliResult r =
        ok(QStringList{QStringLiteral("ls"), QStringLiteral("--json")} + words(nsAndOptions));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    if (r.exitCode == 0 && !doc.isArray())
        QTest::qFail(qPrintable(QStringLiteral("ls --json printed no JSON array (%1):%2")
                                    .arg(error.errorString(), r.describe())),
                     __FILE__, __LINE__);
    return doc.array();
}

QJsonObject CliTestCase::entry(const char* ns, const QString& key) const
{
    for (const QJsonValue& e : ls(ns)) {
        if (e.toObject()[u"key"].toString() == key)
            return e.toObject();
    }
    return {};
}

QStringList CliTestCase::keys(const QString& ns) const
{
    QStringList result;
    const CliResult r = ok({QStringLiteral("ls"), ns, QStringLiteral("--json")});
    for (const QJsonValue& e : QJsonDocument::fromJson(r.out).array())
        result << e.toObject()[u"key"].toString();
    return result;
}
