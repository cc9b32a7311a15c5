#pragma once

#include "domain/CatalogError.h"

#include <exception>
#include <QString>
#include <QTest>

// One way for tests to expect a CatalogError, instead of a macro, a template or a try/catch per
// test file. A mismatch is reported at the caller's line and names what happened instead.
namespace kvtest {

// What a call threw: nothing, a CatalogError, or another exception.
struct Thrown
{
    enum class Kind { Nothing, CatalogError, Other } kind = Kind::Nothing;
    kv::ErrorCode code = kv::ErrorCode::Internal;
    QString message;
};

template<typename Call> Thrown thrownBy(Call&& call)
{
    Thrown thrown;
    try {
        call();
    } catch (const kv::CatalogError& e) {
        thrown = {Thrown::Kind::CatalogError, e.code(), e.message()};
    } catch (const std::exception& e) {
        thrown = {Thrown::Kind::Other, kv::ErrorCode::Internal, QString::fromUtf8(e.what())};
    } catch (...) {
        thrown = {Thrown::Kind::Other, kv::ErrorCode::Internal, QStringLiteral("(unknown)")};
    }
    return thrown;
}

// Empty when `thrown` is a CatalogError with `code` whose message contains `fragment` (an empty
// fragment matches any message); otherwise what happened instead, for the failure message.
QString errorMismatch(const Thrown& thrown, kv::ErrorCode code, const QString& fragment);

// Runs `call`, which must throw a CatalogError with `code` and a message containing `fragment`.
// Otherwise records a QTest failure at the caller's line and returns false, so a test that must
// stop there writes `if (!expectError(...)) return;`.
template<typename Call>
bool expectError(kv::ErrorCode code, Call&& call, const QString& fragment = QString(),
                 const char* file = __builtin_FILE(), int line = __builtin_LINE())
{
    const QString why = errorMismatch(thrownBy(call), code, fragment);
    if (why.isEmpty())
        return true;
    QTest::qFail(qPrintable(why), file, line);
    return false;
}

// The message of the CatalogError with `code` that `call` throws, or "<nothing thrown>",
// "<wrong error code: NAME>", "<other exception: what>": for tests that compare whole messages
// (a failing row then shows the message in the comparison).
template<typename Call> QString errorMessage(kv::ErrorCode code, Call&& call)
{
    const Thrown thrown = thrownBy(call);
    switch (thrown.kind) {
    case Thrown::Kind::Nothing:
        return QStringLiteral("<nothing thrown>");
    case Thrown::Kind::Other:
        return QStringLiteral("<other exception: %1>").arg(thrown.message);
    case Thrown::Kind::CatalogError:
        break;
    }
    if (thrown.code != code)
        return QStringLiteral("<wrong error code: %1>").arg(kv::errorCodeName(thrown.code));
    return thrown.message;
}

} // namespace kvtest
