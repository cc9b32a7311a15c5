#include "CliApp.h"

#include "Catalog.h"
#include "CliOutput.h"
#include "domain/CatalogError.h"

#include <cstdio>
#include <QCoreApplication>
#include <QFile>

namespace kv::cli {

namespace {

int exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
        return UsageError;
    case ErrorCode::NotFound:
    case ErrorCode::Expired:
        return NotFoundError;
    case ErrorCode::Conflict:
        return ConflictError;
    default:
        return RuntimeError;
    }
}

} // namespace

CliApp::CliApp()
    : m_commands(commandSpecs())
{
}

QString CliApp::helpText() const
{
    QString text =
        QStringLiteral("Usage: kvdesk-cli [--catalog PATH_OR_URL] COMMAND [ARGS] [OPTIONS]\n\n"
                       "Inspect and edit a KV Desk catalog of namespaced key-value pairs.\n\n"
                       "Commands:\n");
    for (const CommandSpec& spec : m_commands)
        text += QStringLiteral("  %1 %2\n").arg(spec.name, spec.usage);
    text +=
        QStringLiteral(
            "\nGlobal options:\n"
            "  --catalog PATH_OR_URL  the catalog (default: $KVDESK_CATALOG, else %1)\n"
            "  --user NAME            remote catalogs: the user for HTTP Basic authentication\n"
            "  --password-stdin       remote catalogs: read the password from standard input\n"
            "  --token-stdin          remote catalogs: read a Bearer token from standard input\n"
            "  --tenant NAME          remote catalogs: the tenant (default: main; '' for none)\n"
            "  --ca-file PEM          remote catalogs: also trust these CA certificates\n"
            "  --help                 show this help\n"
            "  --version              show the version\n\n"
            "Exit codes: 0 ok, 1 runtime error, 2 usage or invalid input, 3 not found or expired, "
            "4 conflict.\n")
            .arg(Catalog::defaultLocation());
    return text;
}

Invocation CliApp::parse(const QStringList& arguments, GlobalOptions& globals,
                         const CommandSpec*& spec)
{
    // Options may stand anywhere; "--" ends them. "-" and "-5" are arguments. Whether an
    // option takes a value depends on the command, which is known once its name has been read.
    QStringList positional;
    bool optionsEnded = false;
    Invocation inv;
    spec = nullptr;
    auto findSpec = [this](const QString& name) -> const CommandSpec* {
        for (const CommandSpec& s : m_commands) {
            if (s.name == name)
                return &s;
        }
        return nullptr;
    };
    static const QStringList globalValues{QStringLiteral("catalog"), QStringLiteral("user"),
                                          QStringLiteral("tenant"), QStringLiteral("ca-file")};
    auto isGroup = [](const QString& word) {
        return word == QLatin1String("ns") || word == QLatin1String("catalog");
    };
    auto isValueOption = [&](const QString& name) {
        return globalValues.contains(name) || (spec && spec->valueOptions.contains(name));
    };
    for (int i = 0; i < arguments.size(); ++i) {
        const QString& a = arguments.at(i);
        const bool isOption =
            !optionsEnded && (a.startsWith(QLatin1String("--")) || a == QLatin1String("-o") ||
                              a == QLatin1String("-h"));
        if (!isOption) {
            positional << a;
            if (!spec && !positional.isEmpty()) {
                // "ns" and "catalog" take a subcommand: "ns list", "catalog set", ...
                const bool group = isGroup(positional.first());
                const QString name = positional.size() >= 2 && group
                                         ? positional.mid(0, 2).join(QLatin1Char(' '))
                                         : positional.first();
                if (!group || positional.size() >= 2) {
                    spec = findSpec(name);
                    if (!spec)
                        throw UsageProblem{
                            QStringLiteral("unknown command '%1'; see kvdesk-cli --help")
                                .arg(name)};
                    inv.command = name;
                    positional.clear();
                }
            }
            continue;
        }
        if (a == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        QString name = a == QLatin1String("-o")   ? QStringLiteral("output")
                       : a == QLatin1String("-h") ? QStringLiteral("help")
                                                  : a.mid(2);
        QString value;
        const qsizetype eq = name.indexOf(QLatin1Char('='));
        if (eq >= 0) {
            value = name.mid(eq + 1);
            name.truncate(eq);
        }
        if (name == QLatin1String("help") || name == QLatin1String("version")) {
            inv.flags << name;
            continue;
        }
        if (name == QLatin1String("password-stdin") || name == QLatin1String("token-stdin")) {
            (name == QLatin1String("password-stdin") ? globals.passwordStdin : globals.tokenStdin) =
                true;
            continue;
        }
        if (isValueOption(name)) {
            if (eq < 0) {
                if (i + 1 >= arguments.size())
                    throw UsageProblem{QStringLiteral("option --%1 needs a value").arg(name)};
                value = arguments.at(++i);
            }
            if (name == QLatin1String("catalog"))
                globals.catalog = value;
            else if (name == QLatin1String("user"))
                globals.user = value;
            else if (name == QLatin1String("tenant"))
                globals.tenant = value;
            else if (name == QLatin1String("ca-file"))
                globals.caFile = value;
            else
                inv.values.insert(name, value);
        } else if (spec && spec->flags.contains(name) && eq < 0) {
            inv.flags << name;
        } else if (!spec) {
            // Options before the command: keep them until the command is known.
            inv.flags << name;
            if (eq >= 0)
                inv.values.insert(name, value);
        } else {
            throw UsageProblem{
                QStringLiteral("unknown option --%1 for '%2'").arg(name, spec->name)};
        }
    }
    if (spec) {
        // Options given before the command are checked now that it is known.
        for (const QString& f : std::as_const(inv.flags)) {
            if (f != QLatin1String("help") && f != QLatin1String("version") &&
                !spec->flags.contains(f) && !spec->valueOptions.contains(f))
                throw UsageProblem{
                    QStringLiteral("unknown option --%1 for '%2'").arg(f, spec->name)};
        }
    } else if (!positional.isEmpty()) {
        QStringList subcommands;
        for (const CommandSpec& s : m_commands) {
            if (s.name.startsWith(positional.first() + QLatin1Char(' ')))
                subcommands << s.name.mid(positional.first().size() + 1);
        }
        throw UsageProblem{QStringLiteral("'%1' needs a subcommand: %2")
                               .arg(positional.first(), subcommands.join(QStringLiteral(", ")))};
    }
    inv.args = positional;
    return inv;
}

namespace {

// A catalog written by an older KV Desk is upgraded when it is opened; on a big one that takes a
// while, so say what happens (on standard error: standard output is the command's).
bool upgradeProgress(const Progress& p)
{
    std::fprintf(stderr,
                 "kvdesk-cli: upgrading the catalog: %lld of %lld values moved into the registry\n",
                 static_cast<long long>(p.done), static_cast<long long>(p.total));
    std::fflush(stderr);
    return true;
}

} // namespace

std::unique_ptr<Catalog> CliApp::openCatalog(const GlobalOptions& g)
{
    const QString location = g.catalog.isEmpty() ? Catalog::defaultLocation() : g.catalog;
    const bool remoteOptions =
        !g.user.isEmpty() || g.tenant || !g.caFile.isEmpty() || g.passwordStdin || g.tokenStdin;
    if (!RemoteConnection::isRemoteLocation(location)) {
        if (remoteOptions)
            throw UsageProblem{QStringLiteral("--user, --tenant, --ca-file, --password-stdin and "
                                              "--token-stdin are for http(s):// catalogs")};
        return Catalog::open(location, {}, nullptr, upgradeProgress);
    }
    if (g.passwordStdin && g.tokenStdin)
        throw UsageProblem{QStringLiteral("give --password-stdin or --token-stdin, not both")};
    RemoteConnection c = RemoteConnection::fromLocation(location);
    if (g.tenant)
        c.tenant = *g.tenant; // empty: routes without a tenant segment (Kestra 0.2x)
    if (!g.caFile.isEmpty())
        c.caFile = g.caFile;
    if (!g.user.isEmpty()) {
        c.auth = RemoteConnection::Auth::Basic;
        c.user = g.user;
    }
    if (g.passwordStdin || g.tokenStdin) {
        // The secret is the first line of standard input (the rest stays for `set ... -`).
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            throw UsageProblem{QStringLiteral("cannot read standard input")};
        c.secret =
            QString::fromUtf8(in.readLine()).remove(QLatin1Char('\n')).remove(QLatin1Char('\r'));
        in.close();
        if (g.tokenStdin) {
            c.auth = RemoteConnection::Auth::Bearer;
        } else if (c.user.isEmpty()) {
            throw UsageProblem{QStringLiteral("--password-stdin needs --user NAME")};
        } else {
            c.auth = RemoteConnection::Auth::Basic;
        }
    }
    return Catalog::openRemote(c);
}

int CliApp::run(const QStringList& arguments)
{
    Output out;
    GlobalOptions globals;
    const CommandSpec* spec = nullptr;
    Invocation inv;
    try {
        inv = parse(arguments, globals, spec);
    } catch (const UsageProblem& p) {
        out.error(p.message);
        return UsageError;
    }
    try {
        if (inv.has(QStringLiteral("version"))) {
            out.text(QStringLiteral("kvdesk-cli %1\n").arg(QStringLiteral(KVDESK_VERSION)));
            Output::flushStdout();
            return Ok;
        }
        if (inv.has(QStringLiteral("help")) || !spec) {
            if (spec && inv.has(QStringLiteral("help")))
                out.text(QStringLiteral("Usage: kvdesk-cli %1 %2\n").arg(spec->name, spec->usage));
            else
                out.text(helpText());
            Output::flushStdout();
            return spec || inv.has(QStringLiteral("help")) ? Ok : UsageError;
        }
    } catch (const CatalogError& e) { // standard output failed
        out.error(e.message());
        return RuntimeError;
    }
    if (inv.args.size() < spec->minArgs ||
        (spec->maxArgs >= 0 && inv.args.size() > spec->maxArgs)) {
        out.error(QStringLiteral("wrong number of arguments; usage: kvdesk-cli %1 %2")
                      .arg(spec->name, spec->usage));
        return UsageError;
    }
    try {
        const std::unique_ptr<Catalog> catalog = openCatalog(globals);
        const int code = spec->run(inv, *catalog);
        Output::flushStdout();
        return code;
    } catch (const UsageProblem& p) {
        out.error(
            QStringLiteral("%1; usage: kvdesk-cli %2 %3").arg(p.message, spec->name, spec->usage));
        return UsageError;
    } catch (const CatalogError& e) {
        out.error(e.message());
        return exitCodeFor(e.code());
    } catch (const std::exception& e) {
        out.error(QString::fromLocal8Bit(e.what()));
        return RuntimeError;
    }
}

} // namespace kv::cli
