// KvValue::parse for every type and KvValue::fromJson (the value-store form).
// Input: one mode byte, then the text. Mode: bits 0-2 the type (mod 7), bit 6 the text is raw
// UTF-16, bit 7 read the bytes with fromJson instead of parse.
// On success: the canonical text parses to the same value, and the value-store form reads back
// to the same value. Failures must be InvalidInput (parse) or Internal (fromJson). In fromJson
// mode, storedform::canonicalText (the export's direct reading) answers only for bytes that
// fromJson reads, and then with the same text.

#include "domain/CatalogError.h"
#include "domain/KvValue.h"
#include "domain/StoredForm.h"
#include "FuzzSupport.h"

using kv::CatalogError;
using kv::ErrorCode;
using kv::KvValue;
using kvfuzz::show;

namespace {

void checkRoundTrips(const KvValue& value)
{
    const QString context = kv::valueTypeName(value.type()) + QLatin1Char(' ') + show(value.text());
    try {
        KVDESK_FUZZ_REQUIRE(KvValue::parse(value.type(), value.text()) == value,
                            QStringLiteral("canonical text re-parses differently: ") + context);
    } catch (const CatalogError& error) {
        kvfuzz::fail(__FILE__, __LINE__, "parse(canonical text)",
                     context + QStringLiteral(": ") + error.message());
    }
    const QByteArray stored = value.toJson();
    try {
        const KvValue back = KvValue::fromJson(value.type(), stored);
        KVDESK_FUZZ_REQUIRE(back == value, QStringLiteral("value-store form reads back as ") +
                                               show(back.text()) + QStringLiteral(": ") + context);
    } catch (const CatalogError& error) {
        kvfuzz::fail(__FILE__, __LINE__, "fromJson(toJson())",
                     context + QStringLiteral(": ") + error.message());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t mode = data[0];
    const auto& types = kv::allValueTypes();
    const kv::ValueType type = types.at((mode & 7) % types.size());
    const bool utf16 = mode & 0x40;
    const bool stored = mode & 0x80;
    ++data;
    --size;

    const auto direct =
        stored ? kv::storedform::canonicalText(
                     type, QByteArrayView(reinterpret_cast<const char*>(data), qsizetype(size)))
               : std::nullopt;
    KvValue value;
    try {
        value = stored ? KvValue::fromJson(type, kvfuzz::bytes(data, size))
                       : KvValue::parse(type, kvfuzz::text(data, size, utf16));
    } catch (const CatalogError& error) {
        const ErrorCode expected = stored ? ErrorCode::Internal : ErrorCode::InvalidInput;
        KVDESK_FUZZ_REQUIRE(error.code() == expected && !error.message().isEmpty(),
                            QStringLiteral("unexpected error: ") + error.message());
        KVDESK_FUZZ_REQUIRE(!direct, QStringLiteral("canonicalText answered for a corrupt form"));
        return 0;
    }
    KVDESK_FUZZ_REQUIRE(!direct || direct->toByteArray() == value.text().toUtf8(),
                        QStringLiteral("canonicalText differs from fromJson: ") +
                            show(value.text()));
    KVDESK_FUZZ_REQUIRE(value.type() == type, QStringLiteral("type changed"));
    checkRoundTrips(value);
    return 0;
}
