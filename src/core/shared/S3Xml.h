#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace kv {

// One object of a bucket listing.
struct S3Object
{
    QString key;
    qint64 size = 0;
    QDateTime lastModified; // UTC
    QByteArray etag;        // as the store gives it, quotes included
};

// One page of ListObjectsV2.
struct S3ListPage
{
    QList<S3Object> objects;       // in key order (UTF-8 bytes)
    QString nextContinuationToken; // empty on the last page
};

// An S3 error document (<Error><Code/><Message/></Error>) or one <Error> of a DeleteResult.
struct S3ErrorInfo
{
    QString code; // "NoSuchKey"; empty when the body was no error document
    QString message;
    QString key; // in a DeleteResult
};

// The XML of the S3 API, read with QXmlStreamReader (element names without namespace). A body
// that is not the document expected throws CatalogError(Internal) starting with `context`.
namespace s3xml {

S3ListPage parseListPage(const QByteArray& xml, const QString& context);
// Never throws: an unreadable body gives an empty code.
S3ErrorInfo parseError(const QByteArray& xml);
// The <Error> entries of a DeleteObjects answer (none when every key went or was absent).
QList<S3ErrorInfo> parseDeleteErrors(const QByteArray& xml, const QString& context);
// The body of DeleteObjects, quiet mode (only failures are answered).
QByteArray deleteRequest(const QStringList& keys);
// The body of CreateBucket outside us-east-1.
QByteArray createBucketRequest(const QString& region);

} // namespace s3xml

} // namespace kv
