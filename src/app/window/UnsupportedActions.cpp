#include "UnsupportedActions.h"

#include "Catalog.h"

#include <QAction>

namespace UnsupportedActions {

void update(QAction* action, bool enabled, const kv::Catalog* catalog,
            kv::RemoteBackend::Feature feature)
{
    const auto* remote =
        catalog ? dynamic_cast<const kv::RemoteBackend*>(&catalog->backend()) : nullptr;
    const QString reason = remote ? remote->unsupportedReason(feature) : QString();
    // The action's own tooltip, kept the first time, comes back when the catalog changes.
    static const char property[] = "kvdeskToolTip";
    if (!action->property(property).isValid())
        action->setProperty(property, action->toolTip());
    action->setEnabled(enabled && reason.isEmpty());
    action->setToolTip(reason.isEmpty() ? action->property(property).toString() : reason);
}

} // namespace UnsupportedActions
