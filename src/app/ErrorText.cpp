#include "ErrorText.h"

#include <QException>

QString ErrorText::title(kv::ErrorCode code)
{
    switch (code) {
    case kv::ErrorCode::InvalidInput:
        return tr("Invalid input");
    case kv::ErrorCode::NotFound:
        return tr("Not found");
    case kv::ErrorCode::Expired:
        return tr("Expired");
    case kv::ErrorCode::Conflict:
        return tr("Conflict");
    case kv::ErrorCode::Unauthorized:
        return tr("Not authorized");
    case kv::ErrorCode::Unavailable:
        return tr("Catalog unavailable");
    case kv::ErrorCode::Unsupported:
        return tr("Not supported");
    case kv::ErrorCode::Internal:
        return tr("Internal error");
    }
    return tr("Error");
}

QString ErrorText::hint(kv::ErrorCode code)
{
    switch (code) {
    case kv::ErrorCode::InvalidInput:
        return tr("Correct the input and try again.");
    case kv::ErrorCode::NotFound:
        return tr("It may have been deleted meanwhile; refresh to see what is stored now.");
    case kv::ErrorCode::Expired:
        return tr("Its time to live has passed, so it was removed.");
    case kv::ErrorCode::Conflict:
        return tr("Nothing was changed. Allow overwriting or choose another name.");
    case kv::ErrorCode::Unauthorized:
        return tr("Check the user name and password or token of this connection.");
    case kv::ErrorCode::Unavailable:
        return tr("The catalog cannot be reached or is busy. Try again in a moment.");
    case kv::ErrorCode::Unsupported:
        return tr("This catalog does not offer the operation.");
    case kv::ErrorCode::Internal:
        return tr("Run a consistency check (kvdesk-cli fsck) if this happens again.");
    }
    return QString();
}

QString ErrorText::describe(const kv::CatalogError& error)
{
    QString message = error.message();
    if (!message.isEmpty()) {
        message[0] = message.at(0).toUpper();
        if (!message.endsWith(QLatin1Char('.')))
            message += QLatin1Char('.');
    }
    const QString h = hint(error.code());
    return h.isEmpty() ? message : message + QLatin1Char(' ') + h;
}

kv::CatalogError ErrorText::catalogError(const std::exception_ptr& error)
{
    try {
        std::rethrow_exception(error);
    } catch (const kv::CatalogError& e) {
        return e;
    } catch (const QUnhandledException& e) {
        // QtConcurrent wraps an exception that is not a QException; the original is inside.
        if (e.exception())
            return catalogError(e.exception());
        return kv::CatalogError::internal(QStringLiteral("unknown failure"));
    } catch (const std::exception& e) {
        return kv::CatalogError::internal(QString::fromLocal8Bit(e.what()));
    } catch (...) {
        return kv::CatalogError::internal(QStringLiteral("unknown failure"));
    }
}
