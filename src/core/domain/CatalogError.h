#pragma once

#include <QException>
#include <QString>

namespace kv {

// The typed failures every catalog operation can report (see docs/architecture.md).
enum class ErrorCode {
    InvalidInput, // a key, namespace, value, TTL, file or request that breaks a rule
    NotFound,     // no such namespace, key or revision
    Expired,      // the pair exists but its expiration date has passed
    Conflict,     // the write would replace or remove something it was told not to
    Unauthorized, // missing or wrong credentials
    Unavailable,  // the catalog cannot be reached or is busy
    Unsupported,  // the catalog does not offer this operation
    Internal,     // a broken invariant, corrupt data or an unexpected I/O failure
};

QString errorCodeName(ErrorCode code);

// The one exception type of the core (src/core). It derives from QException so that it travels
// through QFuture unchanged: QFuture::result() rethrows it and onFailed() handlers receive it.
class CatalogError : public QException
{
public:
    CatalogError(ErrorCode code, QString message);

    ErrorCode code() const noexcept { return m_code; }
    const QString& message() const noexcept { return m_message; }
    const char* what() const noexcept override { return m_utf8.constData(); }

    void raise() const override { throw *this; }
    CatalogError* clone() const override { return new CatalogError(*this); }

    static CatalogError invalidInput(QString message)
    {
        return {ErrorCode::InvalidInput, std::move(message)};
    }
    static CatalogError notFound(QString message)
    {
        return {ErrorCode::NotFound, std::move(message)};
    }
    static CatalogError conflict(QString message)
    {
        return {ErrorCode::Conflict, std::move(message)};
    }
    static CatalogError internal(QString message)
    {
        return {ErrorCode::Internal, std::move(message)};
    }
    static CatalogError unavailable(QString message)
    {
        return {ErrorCode::Unavailable, std::move(message)};
    }

private:
    ErrorCode m_code;
    QString m_message;
    QByteArray m_utf8;
};

} // namespace kv
