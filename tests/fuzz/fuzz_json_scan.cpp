// The raw JSON scanner (jsonscan::member, jsonscan::elements) over arbitrary bytes.
// Input: one byte n (mod 16), n bytes of member name, then the document.
// Always: what it returns lies inside the input, elements in order and apart.
// On valid JSON (QJsonDocument accepts it, no byte-order mark, which Qt skips and the wire
// format never has): an array gives as many elements as Qt sees, each equal to Qt's; an object
// has the member exactly when Qt's has it (documents without escapes, whose keys jsonscan
// compares as raw bytes), with Qt's value unless the name occurs twice (Qt keeps one of
// duplicate keys, jsonscan the first).

#include "domain/JsonScan.h"
#include "FuzzSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

namespace {

bool inside(QByteArrayView part, QByteArrayView whole)
{
    return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

// The JSON value in `raw`, or an undefined QJsonValue when `raw` is not exactly one value.
QJsonValue valueOf(QByteArrayView raw)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson('[' + raw.toByteArray() + ']', &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return doc.array().at(0);
}

bool isUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes);
    return !decoder.hasError() && decoded.toUtf8() == bytes;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const size_t nameSize = qMin(size_t(data[0] % 16), size - 1);
    const QByteArray name = kvfuzz::bytes(data + 1, nameSize);
    const QByteArray document = kvfuzz::bytes(data + 1 + nameSize, size - 1 - nameSize);

    const std::optional<QByteArrayView> member = kv::jsonscan::member(document, name);
    if (member)
        KVDESK_FUZZ_REQUIRE(inside(*member, document), QStringLiteral("member outside"));
    const std::optional<QList<QByteArrayView>> elements = kv::jsonscan::elements(document);
    if (elements) {
        const char* previousEnd = document.constData();
        for (const QByteArrayView element : *elements) {
            KVDESK_FUZZ_REQUIRE(inside(element, document) && element.data() >= previousEnd,
                                QStringLiteral("element outside or out of order"));
            previousEnd = element.data() + element.size();
        }
    }

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(document, &error);
    if (error.error != QJsonParseError::NoError || document.startsWith("\xEF\xBB\xBF"))
        return 0;
    const QString shown = kvfuzz::show(QString::fromUtf8(document));
    if (doc.isArray()) {
        const QJsonArray array = doc.array();
        KVDESK_FUZZ_REQUIRE(elements && elements->size() == array.size(),
                            QStringLiteral("%1 elements found in %2")
                                .arg(elements ? elements->size() : -1)
                                .arg(shown));
        for (qsizetype i = 0; i < array.size(); ++i) {
            KVDESK_FUZZ_REQUIRE(valueOf(elements->at(i)) == array.at(i),
                                QStringLiteral("element %1 is %2 in %3")
                                    .arg(i)
                                    .arg(kvfuzz::show(QString::fromUtf8(elements->at(i))))
                                    .arg(shown));
        }
    } else {
        KVDESK_FUZZ_REQUIRE(!elements, QStringLiteral("elements of an object: ") + shown);
    }
    if (doc.isObject() && !document.contains('\\') && isUtf8(name)) {
        const QJsonObject object = doc.object();
        const QString key = QString::fromUtf8(name);
        KVDESK_FUZZ_REQUIRE(member.has_value() == object.contains(key),
                            QStringLiteral("member %1 %2 in %3")
                                .arg(kvfuzz::show(key))
                                .arg(member ? QLatin1String("found") : QLatin1String("missed"))
                                .arg(shown));
        const QByteArray quotedName = '"' + name + '"';
        if (member && document.count(quotedName) == 1) {
            KVDESK_FUZZ_REQUIRE(valueOf(*member) == object.value(key),
                                QStringLiteral("member %1 is %2 in %3")
                                    .arg(kvfuzz::show(key))
                                    .arg(kvfuzz::show(QString::fromUtf8(*member)))
                                    .arg(shown));
        }
    } else if (!doc.isObject()) {
        KVDESK_FUZZ_REQUIRE(!member, QStringLiteral("member of a non-object: ") + shown);
    }
    return 0;
}
