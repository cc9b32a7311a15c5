#include "domain/Rules.h"

#include "domain/CatalogError.h"
#include "domain/InputText.h"

#include <QList>

namespace kv::rules {

namespace {

using inputtext::describeChar;
using inputtext::isAsciiDigit;
using inputtext::isAsciiLower;
using inputtext::isAsciiUpper;
using inputtext::quoted;

bool isKeyStartChar(QChar c)
{
    return isAsciiLower(c) || isAsciiUpper(c) || isAsciiDigit(c);
}

bool isKeyChar(QChar c)
{
    return isKeyStartChar(c) || c == QLatin1Char('.') || c == QLatin1Char('_') ||
           c == QLatin1Char('-');
}

bool isSegmentStartChar(QChar c)
{
    return isAsciiLower(c) || isAsciiDigit(c);
}

bool isSegmentChar(QChar c)
{
    return isSegmentStartChar(c) || c == QLatin1Char('_') || c == QLatin1Char('-');
}

QString tooLong(const char* what, QStringView text, int maximum)
{
    return QStringLiteral("invalid %1 %2: a %1 has at most %3 characters (this one has %4)")
        .arg(QLatin1String(what), quoted(text))
        .arg(maximum)
        .arg(text.size());
}

// Why a namespace (already known to be non-empty and short enough) is invalid, or empty.
QString namespaceReason(QStringView ns)
{
    const QList<QStringView> segments = ns.split(QLatin1Char('.'));
    for (QStringView segment : segments) {
        if (segment.isEmpty())
            return QStringLiteral("it has an empty segment");
        for (QChar c : segment) {
            if (isAsciiUpper(c))
                return QStringLiteral("uppercase letters are not allowed");
            if (!isSegmentChar(c))
                return QStringLiteral("the character %1 is not allowed").arg(describeChar(c));
        }
        if (!isSegmentStartChar(segment.front())) {
            return QStringLiteral("the segment %1 must start with a letter or digit")
                .arg(quoted(segment));
        }
    }
    return QString();
}

} // namespace

QString keyProblem(QStringView key)
{
    if (key.isEmpty())
        return QStringLiteral("invalid key: a key must not be empty");
    if (key.size() > maxKeyLength)
        return tooLong("key", key, maxKeyLength);
    bool valid = isKeyStartChar(key.front());
    for (QChar c : key)
        valid = valid && isKeyChar(c);
    if (!valid) {
        return QStringLiteral("invalid key %1: a key may only contain letters, digits, '.', '_' "
                              "and '-', and must start with a letter or digit")
            .arg(quoted(key));
    }
    return QString();
}

QString namespaceProblem(QStringView ns)
{
    if (ns.isEmpty())
        return QStringLiteral("invalid namespace: a namespace must not be empty");
    if (ns.size() > maxNamespaceLength)
        return tooLong("namespace", ns, maxNamespaceLength);
    const QString reason = namespaceReason(ns);
    if (reason.isEmpty())
        return QString();
    return QStringLiteral("invalid namespace %1: %2; a namespace is dot-separated segments of "
                          "lowercase letters, digits, '_' and '-', each starting with a letter "
                          "or digit, e.g. company.team.etl")
        .arg(quoted(ns), reason);
}

QString keyPrefixProblem(QStringView prefix)
{
    if (prefix.size() > maxKeyLength)
        return tooLong("key prefix", prefix, maxKeyLength);
    for (QChar c : prefix) {
        if (!isKeyChar(c)) {
            return QStringLiteral("invalid key prefix %1: a key prefix may only contain letters, "
                                  "digits, '.', '_' and '-'")
                .arg(quoted(prefix));
        }
    }
    return QString();
}

void requireValidKey(QStringView key)
{
    const QString problem = keyProblem(key);
    if (!problem.isEmpty())
        throw CatalogError::invalidInput(problem);
}

void requireValidNamespace(QStringView ns)
{
    const QString problem = namespaceProblem(ns);
    if (!problem.isEmpty())
        throw CatalogError::invalidInput(problem);
}

void requireValidKeyPrefix(QStringView prefix)
{
    const QString problem = keyPrefixProblem(prefix);
    if (!problem.isEmpty())
        throw CatalogError::invalidInput(problem);
}

QString parentNamespace(QStringView ns)
{
    const qsizetype dot = ns.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? QString() : ns.left(dot).toString();
}

bool isWithinNamespace(QStringView ns, QStringView ancestor)
{
    if (ns == ancestor)
        return true;
    return ns.size() > ancestor.size() && ns.startsWith(ancestor) &&
           ns.at(ancestor.size()) == QLatin1Char('.');
}

} // namespace kv::rules
