#pragma once

#include "local/LocalBackend.h"

class QIODevice;

namespace kv {

class ImportStaging;

// The CSV import of a local catalog (LocalBackend::doImportCsv). It writes pairs the way set
// does (LocalBackend::applyWrite), hence its access to the backend's internals.
class LocalImport
{
public:
    explicit LocalImport(LocalBackend& backend)
        : m_backend(backend)
    {
    }
    // The caller checked that the catalog is writable and the namespace is valid.
    ImportResult run(const ImportRequest& request, QIODevice* in, const ProgressCallback& progress);

private:
    void applyStaged(const ImportRequest& request, ImportStaging& staging,
                     const ProgressCallback& progress, ImportResult& result);

    LocalBackend& m_backend;
};

} // namespace kv
