// valueFromBody: the body of a PUT .../kv/{key}, as kvdesk-server reads it, with and without a
// kv-type header. Input: one mode byte (mod 8: 0-6 forces that type, 7 none), then the body.
// On success: bodyFromValue(value) sent with the value's type (as the remote catalog does)
// reads back as the same value. Failures must be InvalidInput (the server answers 422).

#include "domain/CatalogError.h"
#include "format/ValueBody.h"
#include "FuzzSupport.h"

using kv::CatalogError;
using kv::KvValue;
using kvfuzz::show;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const auto& types = kv::allValueTypes();
    const int choice = data[0] % (types.size() + 1);
    const std::optional<kv::ValueType> forced =
        choice < types.size() ? std::optional(types.at(choice)) : std::nullopt;
    const QByteArray body = kvfuzz::bytes(data + 1, size - 1);

    KvValue value;
    try {
        value = kv::valueFromBody(body, forced);
    } catch (const CatalogError& error) {
        KVDESK_FUZZ_REQUIRE(error.code() == kv::ErrorCode::InvalidInput,
                            QStringLiteral("unexpected error: ") + error.message());
        return 0;
    }
    if (forced)
        KVDESK_FUZZ_REQUIRE(value.type() == *forced, QStringLiteral("forced type not kept"));

    const QByteArray sent = kv::bodyFromValue(value);
    const QString context = kv::valueTypeName(value.type()) + QLatin1Char(' ') +
                            show(value.text()) + QStringLiteral(" sent as ") +
                            show(QString::fromUtf8(sent));
    try {
        const KvValue back = kv::valueFromBody(sent, value.type());
        KVDESK_FUZZ_REQUIRE(back == value, QStringLiteral("reads back as ") + show(back.text()) +
                                               QStringLiteral(": ") + context);
    } catch (const CatalogError& error) {
        kvfuzz::fail(__FILE__, __LINE__, "valueFromBody(bodyFromValue())",
                     context + QStringLiteral(": ") + error.message());
    }
    return 0;
}
