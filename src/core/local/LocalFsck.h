#pragma once

#include "domain/CatalogTypes.h"

namespace kv {

class InflightLock;
class Registry;
class ValueStore;

// The consistency check (fsck) of a local catalog: the registry's rows against the value
// store's files. See docs/architecture.md, "The consistency protocol", point 4.
class LocalFsck
{
public:
    LocalFsck(Registry& registry, ValueStore& store, InflightLock& inflight)
        : m_registry(registry)
        , m_store(store)
        , m_inflight(inflight)
    {
    }
    // The caller checked that a repair may write.
    FsckReport run(const FsckRequest& request);

private:
    Registry& m_registry;
    ValueStore& m_store;
    InflightLock& m_inflight;
};

} // namespace kv
