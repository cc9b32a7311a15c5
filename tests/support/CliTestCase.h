#pragma once

#include "CliRunner.h"

#include <memory>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QTemporaryDir>

// The fixture the kvdesk-cli tests share: a fresh catalog folder for every test function and
// shortcuts that run the real binary on it. Call startCatalog() from the test class's init().
class CliTestCase : public QObject
{
protected:
    void startCatalog();

    static QStringList words(const char* line) { return CliRunner::words(line); }

    CliResult cli(const QStringList& args, const QByteArray& input = QByteArray()) const
    {
        return m_cli->run(args, input);
    }
    CliResult cli(const char* line) const { return cli(words(line)); }
    // Like cli(), and records a test failure unless the command exits 0.
    CliResult ok(const QStringList& args, const QByteArray& input = QByteArray()) const
    {
        return m_cli->ok(args, input);
    }
    CliResult ok(const char* line) const { return ok(words(line)); }

    QString catalog() const { return m_dir->filePath(QStringLiteral("catalog")); }
    QStringList files() const { return CliRunner::valueFiles(catalog()); }
    // `ls NS --json [options]`, parsed; records a failure when it prints no JSON array.
    QJsonArray ls(const char* nsAndOptions) const;
    // The `ls --json` object of one key ({} when it is not listed).
    QJsonObject entry(const char* ns, const QString& key) const;
    // The keys `ls --json` lists, in its order.
    QStringList keys(const QString& ns) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliRunner> m_cli;
};
