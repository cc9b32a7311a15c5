#include "shared/S3Xml.h"

#include "domain/CatalogError.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace kv::s3xml {

namespace {

[[noreturn]] void malformed(const QString& context, const QString& problem)
{
    throw CatalogError::internal(
        QStringLiteral("%1: the object store's answer is not readable: %2").arg(context, problem));
}

void checkRoot(QXmlStreamReader& reader, QLatin1String root, const QString& context)
{
    if (!reader.readNextStartElement())
        malformed(context,
                  reader.hasError() ? reader.errorString() : QStringLiteral("no XML document"));
    if (reader.name() != root)
        malformed(
            context,
            QStringLiteral("<%1> instead of <%2>").arg(reader.name().toString(), QString(root)));
}

void checkEnd(QXmlStreamReader& reader, const QString& context)
{
    if (reader.hasError())
        malformed(
            context,
            QStringLiteral("%1 (line %2)").arg(reader.errorString()).arg(reader.lineNumber()));
}

qint64 toSize(const QString& text, const QString& context)
{
    bool ok = false;
    const qint64 size = text.toLongLong(&ok);
    if (!ok || size < 0)
        malformed(context, QStringLiteral("the size '%1' is not a number").arg(text));
    return size;
}

S3Object readContents(QXmlStreamReader& reader, const QString& context)
{
    S3Object object;
    bool hasKey = false;
    while (reader.readNextStartElement()) {
        const QStringView name = reader.name();
        if (name == QLatin1String("Key")) {
            object.key = reader.readElementText();
            hasKey = true;
        } else if (name == QLatin1String("Size")) {
            object.size = toSize(reader.readElementText(), context);
        } else if (name == QLatin1String("LastModified")) {
            object.lastModified =
                QDateTime::fromString(reader.readElementText(), Qt::ISODateWithMs).toUTC();
        } else if (name == QLatin1String("ETag")) {
            object.etag = reader.readElementText().toUtf8();
        } else {
            reader.skipCurrentElement();
        }
    }
    if (!hasKey && !reader.hasError())
        malformed(context, QStringLiteral("an entry of the listing has no key"));
    return object;
}

// The fields of one <Error> element, the reader inside it: an error document's root, or one
// entry of a DeleteResult.
S3ErrorInfo readError(QXmlStreamReader& reader)
{
    S3ErrorInfo error;
    while (reader.readNextStartElement()) {
        if (reader.name() == QLatin1String("Code"))
            error.code = reader.readElementText();
        else if (reader.name() == QLatin1String("Message"))
            error.message = reader.readElementText();
        else if (reader.name() == QLatin1String("Key"))
            error.key = reader.readElementText();
        else
            reader.skipCurrentElement();
    }
    return error;
}

} // namespace

S3ListPage parseListPage(const QByteArray& xml, const QString& context)
{
    QXmlStreamReader reader(xml);
    checkRoot(reader, QLatin1String("ListBucketResult"), context);
    S3ListPage page;
    bool truncated = false;
    while (reader.readNextStartElement()) {
        const QStringView name = reader.name();
        if (name == QLatin1String("Contents"))
            page.objects.append(readContents(reader, context));
        else if (name == QLatin1String("IsTruncated"))
            truncated = reader.readElementText() == QLatin1String("true");
        else if (name == QLatin1String("NextContinuationToken"))
            page.nextContinuationToken = reader.readElementText();
        else
            reader.skipCurrentElement();
    }
    checkEnd(reader, context);
    // A truncated page without a token would make the caller ask for the first page again.
    if (truncated && page.nextContinuationToken.isEmpty())
        malformed(context, QStringLiteral("a truncated listing without NextContinuationToken"));
    if (!truncated)
        page.nextContinuationToken.clear();
    return page;
}

S3ErrorInfo parseError(const QByteArray& xml)
{
    QXmlStreamReader reader(xml);
    if (!reader.readNextStartElement() || reader.name() != QLatin1String("Error"))
        return {};
    return readError(reader);
}

QList<S3ErrorInfo> parseDeleteErrors(const QByteArray& xml, const QString& context)
{
    QXmlStreamReader reader(xml);
    checkRoot(reader, QLatin1String("DeleteResult"), context);
    QList<S3ErrorInfo> errors;
    while (reader.readNextStartElement()) {
        if (reader.name() != QLatin1String("Error")) {
            reader.skipCurrentElement();
            continue;
        }
        errors.append(readError(reader));
    }
    checkEnd(reader, context);
    return errors;
}

QByteArray deleteRequest(const QStringList& keys)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartDocument();
    writer.writeStartElement(QStringLiteral("Delete"));
    writer.writeTextElement(QStringLiteral("Quiet"), QStringLiteral("true"));
    for (const QString& key : keys) {
        writer.writeStartElement(QStringLiteral("Object"));
        writer.writeTextElement(QStringLiteral("Key"), key);
        writer.writeEndElement();
    }
    writer.writeEndElement();
    writer.writeEndDocument();
    return xml;
}

QByteArray createBucketRequest(const QString& region)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartElement(QStringLiteral("CreateBucketConfiguration"));
    writer.writeDefaultNamespace(QStringLiteral("http://s3.amazonaws.com/doc/2006-03-01/"));
    writer.writeTextElement(QStringLiteral("LocationConstraint"), region);
    writer.writeEndElement();
    return xml;
}

} // namespace kv::s3xml
