#include "domain/CatalogError.h"

namespace kv {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
        return QStringLiteral("invalid input");
    case ErrorCode::NotFound:
        return QStringLiteral("not found");
    case ErrorCode::Expired:
        return QStringLiteral("expired");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::Unauthorized:
        return QStringLiteral("unauthorized");
    case ErrorCode::Unavailable:
        return QStringLiteral("unavailable");
    case ErrorCode::Unsupported:
        return QStringLiteral("unsupported");
    case ErrorCode::Internal:
        return QStringLiteral("internal error");
    }
    return QStringLiteral("error");
}

CatalogError::CatalogError(ErrorCode code, QString message)
    : m_code(code)
    , m_message(std::move(message))
    , m_utf8(m_message.toUtf8())
{
}

} // namespace kv
