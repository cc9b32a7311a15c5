#include "CliApp.h"

#include "Catalog.h"
#include "CatalogError.h"
#include "CliOutput.h"

#include <QCoreApplication>

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
            "  --help                 show this help\n"
            "  --version              show the version\n\n"
            "Exit codes: 0 ok, 1 runtime error, 2 usage or invalid input, 3 not found or expired, "
            "4 conflict.\n")
            .arg(Catalog::defaultLocation());
    return text;
}

Invocation CliApp::parse(const QStringList& arguments, QString& catalog, const CommandSpec*& spec)
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
    auto isValueOption = [&](const QString& name) {
        return name == QLatin1String("catalog") || (spec && spec->valueOptions.contains(name));
    };
    for (int i = 0; i < arguments.size(); ++i) {
        const QString& a = arguments.at(i);
        const bool isOption =
            !optionsEnded && (a.startsWith(QLatin1String("--")) || a == QLatin1String("-o") ||
                              a == QLatin1String("-h"));
        if (!isOption) {
            positional << a;
            if (!spec && !positional.isEmpty()) {
                const QString name =
                    positional.size() >= 2 && positional.first() == QLatin1String("ns")
                        ? positional.mid(0, 2).join(QLatin1Char(' '))
                        : positional.first();
                if (positional.first() != QLatin1String("ns") || positional.size() >= 2) {
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
        if (isValueOption(name)) {
            if (eq < 0) {
                if (i + 1 >= arguments.size())
                    throw UsageProblem{QStringLiteral("option --%1 needs a value").arg(name)};
                value = arguments.at(++i);
            }
            if (name == QLatin1String("catalog"))
                catalog = value;
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
        throw UsageProblem{QStringLiteral("'ns' needs a subcommand: list, create or delete")};
    }
    inv.args = positional;
    return inv;
}

int CliApp::run(const QStringList& arguments)
{
    Output out;
    QString catalogLocation;
    const CommandSpec* spec = nullptr;
    Invocation inv;
    try {
        inv = parse(arguments, catalogLocation, spec);
    } catch (const UsageProblem& p) {
        out.error(p.message);
        return UsageError;
    }
    if (inv.has(QStringLiteral("version"))) {
        out.text(QStringLiteral("kvdesk-cli %1\n").arg(QStringLiteral(KVDESK_VERSION)));
        return Ok;
    }
    if (inv.has(QStringLiteral("help")) || !spec) {
        if (spec && inv.has(QStringLiteral("help"))) {
            out.text(QStringLiteral("Usage: kvdesk-cli %1 %2\n").arg(spec->name, spec->usage));
            return Ok;
        }
        out.text(helpText());
        return spec || inv.has(QStringLiteral("help")) ? Ok : UsageError;
    }
    if (inv.args.size() < spec->minArgs ||
        (spec->maxArgs >= 0 && inv.args.size() > spec->maxArgs)) {
        out.error(QStringLiteral("wrong number of arguments; usage: kvdesk-cli %1 %2")
                      .arg(spec->name, spec->usage));
        return UsageError;
    }
    try {
        if (catalogLocation.isEmpty())
            catalogLocation = Catalog::defaultLocation();
        const std::unique_ptr<Catalog> catalog = Catalog::open(catalogLocation);
        return spec->run(inv, *catalog);
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
