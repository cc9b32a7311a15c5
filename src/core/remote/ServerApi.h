#pragma once

#include <optional>
#include <QString>

namespace kv {

// Which API a remote catalog's server speaks. Kestra changed its KV API between releases
// (docs/architecture.md, "Remote backend"): what the client sends and reads follows from this.
enum class ApiGeneration {
    KvDesk,    // kvdesk-server with our extensions (/api/v1/{tenant}/kvdesk/…)
    Kestra20,  // Kestra 2.0 and later: no GET …/namespaces/{ns}/kv, "revision", problem+json
    Kestra125, // 1.2.5 – 1.x: GET …/kv/{key} carries revision and updated
    Kestra114, // 1.1.4 – 1.2.4: the paged GET /api/v1/{tenant}/kv search
    Kestra11,  // 1.1.0 – 1.1.3: PUT takes text/plain alone; revisions ("version")
    Kestra10,  // 1.0 and earlier: JSON or text bodies, whole per-namespace lists
};

struct ServerApi
{
    ApiGeneration generation = ApiGeneration::Kestra10;
    QString version; // as the server tells it; empty when it does not

    // The generation of a Kestra version such as "1.1.4", "v0.20.7" or "2.0.0-SNAPSHOT";
    // nothing when the text is no version.
    static std::optional<ApiGeneration> ofKestraVersion(const QString& version);

    // "kvdesk-server", "Kestra 2.0.1", "Kestra 1.1.4 or later (version unknown)", …: for
    // kvdesk-cli catalog info, the Connections dialog and Unsupported messages.
    QString name() const;

    bool isKestra() const { return generation != ApiGeneration::KvDesk; }
    // PUT …/kv/{key} with Content-Type text/plain (1.1 on refuses anything else with 415).
    bool textPlainPut() const { return isKestra() && generation <= ApiGeneration::Kestra11; }
    // The paged, filtered GET /api/v1/{tenant}/kv (1.1.4 on).
    bool pagedSearch() const { return isKestra() && generation <= ApiGeneration::Kestra114; }
};

} // namespace kv
