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
    // "<catalog message>. <hint>" — one or two sentences for a status line or a dialog.
    static QString describe(const kv::CatalogError& error);
    // Any exception from a future: CatalogError as above, anything else as an internal error.
    static QString describe(const std::exception& error);
    // For onFailed handlers that receive a std::exception_ptr (rethrows and describes it).
    static QString describe(const std::exception_ptr& error);
};
