#pragma once

#include "remote/RemoteBackend.h"

class QAction;
namespace kv {
class Catalog;
}

// Greys what the catalog's server cannot do (a plain Kestra: no purge, no expiration changes,
// no import, no namespace management), with the reason — the Unsupported message the call
// would give, naming the Kestra version — as the action's tooltip. The reason is known once a
// call has found out the server's API (the namespace list); until then nothing is greyed and a
// call reports Unsupported as any error.
namespace UnsupportedActions {
void update(QAction* action, bool enabled, const kv::Catalog* catalog,
            kv::RemoteBackend::Feature feature);
}
