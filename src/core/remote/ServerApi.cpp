#include "remote/ServerApi.h"

#include <QRegularExpression>

namespace kv {

std::optional<ApiGeneration> ServerApi::ofKestraVersion(const QString& version)
{
    static const QRegularExpression pattern(QStringLiteral("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?"));
    const QRegularExpressionMatch m = pattern.match(version.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const int major = m.captured(1).toInt();
    const int minor = m.captured(2).toInt();
    const int patch = m.captured(3).toInt();
    const auto atLeast = [&](int a, int b, int c) {
        return major != a ? major > a : minor != b ? minor > b : patch >= c;
    };
    if (atLeast(2, 0, 0))
        return ApiGeneration::Kestra20;
    if (atLeast(1, 2, 5))
        return ApiGeneration::Kestra125;
    if (atLeast(1, 1, 4))
        return ApiGeneration::Kestra114;
    if (atLeast(1, 1, 0))
        return ApiGeneration::Kestra11;
    return ApiGeneration::Kestra10;
}

QString ServerApi::name() const
{
    if (generation == ApiGeneration::KvDesk)
        return version.isEmpty() ? QStringLiteral("kvdesk-server")
                                 : QStringLiteral("kvdesk-server %1").arg(version);
    if (!version.isEmpty())
        return QStringLiteral("Kestra %1").arg(version);
    switch (generation) {
    case ApiGeneration::Kestra20:
        return QStringLiteral("Kestra 2.0 or later (version unknown)");
    case ApiGeneration::Kestra125:
        return QStringLiteral("Kestra 1.2.5 or later (version unknown)");
    case ApiGeneration::Kestra114:
        return QStringLiteral("Kestra 1.1.4 or later (version unknown)");
    case ApiGeneration::Kestra11:
        return QStringLiteral("Kestra 1.1 or later (version unknown)");
    default:
        return QStringLiteral("Kestra 1.0 or earlier (version unknown)");
    }
}

} // namespace kv
