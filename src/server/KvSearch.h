#pragma once

#include "ApiRouter.h"

namespace kv::server {

// GET /api/v1/{tenant}/kv: Kestra's paged search over the pairs of every namespace (Kestra
// 1.1.4+, webserver/.../controllers/api/KVController.java listAllKeys).
//   page (from 1), size (1 to 10,000, default 10), sort=COLUMN[:asc|desc] (at most two, one of
//   them may be `namespace`), filters[namespace][EQUALS|IN|PREFIX], filters[q][EQUALS] (keys
//   containing the text), and ours: filters[key][STARTS_WITH|CONTAINS].
// An unknown filter, operation, sort column or direction is 422 naming it, as is a filter Kestra
// knows that this server does not implement: nothing is silently ignored. Pages are read from
// the catalog's listing queries a namespace at a time (counts first, so whole namespaces before
// the page are skipped; with a sort across namespaces, a merge of per-namespace cursors read in
// chunks), never a whole namespace at once.
http::Response searchKv(CatalogBackend& backend, const ApiRequest& request, const RouteArgs&);

} // namespace kv::server
