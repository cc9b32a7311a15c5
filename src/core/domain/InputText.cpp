#include "domain/InputText.h"

namespace kv::inputtext {

namespace {
constexpr qsizetype maxQuotedLength = 40;
}

QString quoted(QStringView text)
{
    qsizetype cut = qMin(text.size(), maxQuotedLength);
    if (cut < text.size() && text.at(cut - 1).isHighSurrogate())
        --cut; // do not split a surrogate pair
    const QString more = cut < text.size() ? QString(QChar(0x2026)) : QString();
    return QLatin1Char('\'') + text.left(cut).toString() + more + QLatin1Char('\'');
}

QString describeChar(QChar c)
{
    if (c.isPrint() && !c.isSpace())
        return QLatin1Char('\'') + c + QLatin1Char('\'');
    return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
}

} // namespace kv::inputtext
