#include "CliOutput.h"

#include "CatalogTypes.h"
#include "JsonText.h"

#include <cstdio>

namespace kv::cli {

Output::Output()
{
    m_out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered);
    m_err.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
}

Output::~Output()
{
    m_out.flush();
}

void Output::raw(const QByteArray& bytes)
{
    m_out.write(bytes);
}

void Output::error(const QString& message)
{
    m_err.write(QStringLiteral("kvdesk-cli: error: %1\n").arg(message).toUtf8());
}

void Output::warning(const QString& message)
{
    m_err.write(QStringLiteral("kvdesk-cli: warning: %1\n").arg(message).toUtf8());
}

QByteArray jsonString(const QString& s)
{
    return jsonStringLiteral(s);
}

QByteArray jsonTime(std::optional<qint64> ms)
{
    return ms ? jsonString(isoUtc(*ms)) : QByteArrayLiteral("null");
}

QByteArray entryJson(const KvEntry& e)
{
    return QByteArrayLiteral("{\"key\":") + jsonString(e.key) + QByteArrayLiteral(",\"type\":") +
           jsonString(valueTypeName(e.type)) + QByteArrayLiteral(",\"description\":") +
           jsonString(e.description) + QByteArrayLiteral(",\"size\":") +
           QByteArray::number(e.size) + QByteArrayLiteral(",\"revision\":") +
           QByteArray::number(e.revision) + QByteArrayLiteral(",\"creationDate\":") +
           jsonTime(e.createdAtMs) + QByteArrayLiteral(",\"updateDate\":") +
           jsonTime(e.updatedAtMs) + QByteArrayLiteral(",\"expirationDate\":") +
           jsonTime(e.expiresAtMs) + '}';
}

QByteArray revisionJson(const KvRevision& r)
{
    return QByteArrayLiteral("{\"revision\":") + QByteArray::number(r.revision) +
           QByteArrayLiteral(",\"type\":") + jsonString(valueTypeName(r.type)) +
           QByteArrayLiteral(",\"description\":") + jsonString(r.description) +
           QByteArrayLiteral(",\"size\":") + QByteArray::number(r.size) +
           QByteArrayLiteral(",\"updateDate\":") + jsonTime(r.writtenAtMs) +
           QByteArrayLiteral(",\"expirationDate\":") + jsonTime(r.expiresAtMs) +
           QByteArrayLiteral(",\"current\":") + (r.isCurrent ? "true" : "false") + '}';
}

} // namespace kv::cli
