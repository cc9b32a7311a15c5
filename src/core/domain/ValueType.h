#pragma once

#include <optional>
#include <QList>
#include <QString>

namespace kv {

// The seven value types of a pair. The numeric values are stored in the registry: never renumber.
enum class ValueType {
    String = 0,
    Number = 1,
    Boolean = 2,
    DateTime = 3,
    Date = 4,
    Duration = 5,
    Json = 6
};

// "STRING", "NUMBER", ... as used by the CLI, CSV files and the HTTP API.
QString valueTypeName(ValueType type);
// Accepts the names above in any letter case; std::nullopt for anything else.
std::optional<ValueType> parseValueType(QStringView name);
// Like parseValueType but throws CatalogError(InvalidInput) naming the input and the choices.
ValueType requireValueType(QStringView name);
const QList<ValueType>& allValueTypes();

} // namespace kv
