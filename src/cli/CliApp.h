#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace kv {
class Catalog;
}

namespace kv::cli {

// Exit codes of kvdesk-cli (a fixed contract, see README "Command line").
enum ExitCode { Ok = 0, RuntimeError = 1, UsageError = 2, NotFoundError = 3, ConflictError = 4 };

// One parsed command line: the command, its positional arguments and its options.
struct Invocation
{
    QString command;                // "set", "ns list", ...
    QStringList args;               // positional arguments after the command
    QSet<QString> flags;            // options without a value, e.g. "json"
    QHash<QString, QString> values; // options with a value, e.g. "ttl" -> "PT5M"

    bool has(const QString& flag) const { return flags.contains(flag); }
    QString value(const QString& name) const { return values.value(name); }
    bool hasValue(const QString& name) const { return values.contains(name); }
};

// A usage mistake: reported with the command's usage line, exit code 2.
struct UsageProblem
{
    QString message;
};

// The options that go with the catalog, not with a command.
struct GlobalOptions
{
    QString catalog;               // --catalog PATH_OR_URL
    QString user;                  // --user NAME (remote, HTTP Basic)
    std::optional<QString> tenant; // --tenant NAME (remote; default "main"; "" for no tenant)
    QString caFile;                // --ca-file PEM (remote, extra trusted CAs)
    bool passwordStdin = false;    // --password-stdin: the first line of standard input
    bool tokenStdin = false;       // --token-stdin: a Bearer token, first line of standard input
};

struct CommandSpec
{
    QString name;
    QString usage;            // argument synopsis after the command name
    QStringList flags;        // accepted options without value
    QStringList valueOptions; // accepted options with a value
    int minArgs = 0;
    int maxArgs = 0; // -1: unlimited
    std::function<int(Invocation&, Catalog&)> run;
};

// Parses arguments, opens the catalog, runs the command and maps errors to exit codes.
class CliApp
{
public:
    CliApp();
    int run(const QStringList& arguments);

private:
    Invocation parse(const QStringList& arguments, GlobalOptions& globals,
                     const CommandSpec*& spec);
    static std::unique_ptr<Catalog> openCatalog(const GlobalOptions& globals);
    QString helpText() const;

    QList<CommandSpec> m_commands;
};

// The command table (CliCommands.cpp).
QList<CommandSpec> commandSpecs();

} // namespace kv::cli
