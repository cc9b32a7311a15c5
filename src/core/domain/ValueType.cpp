#include "domain/ValueType.h"

#include "domain/CatalogError.h"

namespace kv {

QString valueTypeName(ValueType type)
{
    switch (type) {
    case ValueType::String:
        return QStringLiteral("STRING");
    case ValueType::Number:
        return QStringLiteral("NUMBER");
    case ValueType::Boolean:
        return QStringLiteral("BOOLEAN");
    case ValueType::DateTime:
        return QStringLiteral("DATETIME");
    case ValueType::Date:
        return QStringLiteral("DATE");
    case ValueType::Duration:
        return QStringLiteral("DURATION");
    case ValueType::Json:
        return QStringLiteral("JSON");
    }
    return QString();
}

const QList<ValueType>& allValueTypes()
{
    static const QList<ValueType> types{ValueType::String,   ValueType::Number, ValueType::Boolean,
                                        ValueType::DateTime, ValueType::Date,   ValueType::Duration,
                                        ValueType::Json};
    return types;
}

std::optional<ValueType> parseValueType(QStringView name)
{
    for (ValueType type : allValueTypes()) {
        if (name.compare(valueTypeName(type), Qt::CaseInsensitive) == 0)
            return type;
    }
    return std::nullopt;
}

ValueType requireValueType(QStringView name)
{
    if (auto type = parseValueType(name))
        return *type;
    throw CatalogError::invalidInput(
        QStringLiteral("unknown type '%1': expected one of STRING, NUMBER, BOOLEAN, DATETIME, "
                       "DATE, DURATION, JSON")
            .arg(name));
}

} // namespace kv
