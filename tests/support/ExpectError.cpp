#include "ExpectError.h"

namespace kvtest {

QString errorMismatch(const Thrown& thrown, kv::ErrorCode code, const QString& fragment)
{
    const QString expected =
        QStringLiteral("expected CatalogError %1").arg(kv::errorCodeName(code));
    switch (thrown.kind) {
    case Thrown::Kind::Nothing:
        return expected + QStringLiteral(", nothing was thrown");
    case Thrown::Kind::Other:
        return expected + QStringLiteral(", another exception was thrown: ") + thrown.message;
    case Thrown::Kind::CatalogError:
        break;
    }
    if (thrown.code != code)
        return expected +
               QStringLiteral(", got %1: %2").arg(kv::errorCodeName(thrown.code), thrown.message);
    if (!thrown.message.contains(fragment))
        return expected + QStringLiteral(" containing '%1', got: %2").arg(fragment, thrown.message);
    return QString();
}

} // namespace kvtest
