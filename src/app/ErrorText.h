#pragma once

#include "domain/CatalogError.h"

#include <exception>
#include <QCoreApplication>
#include <QString>

// Words for a failed catalog call that a person can act on: a translated headline by kind of
// error, a translated hint what to do, and the catalog's own message, which names the key,
// namespace, value or file concerned.
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)
public:
    static QString title(kv::ErrorCode code);
    static QString hint(kv::ErrorCode code);
    // "<catalog message>. <hint>" — one or two sentences for a status line or a dialog. The one
    // place an error becomes words: call it once, where the error is shown, so the hint appears
    // once.
    static QString describe(const kv::CatalogError& error);
    // Any exception from a future as a CatalogError: itself, or an internal error carrying the
    // other exception's what() (unwrapping QUnhandledException, so the message is not lost).
    static kv::CatalogError catalogError(const std::exception_ptr& error);
};
