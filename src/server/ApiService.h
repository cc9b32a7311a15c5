#pragma once

#include "http/Service.h"

#include <memory>

namespace kv::server {

class ApiHandler;
class AuthGate;

// kvdesk-server's application behind the HTTP layer: the AuthGate on request heads (GET /ping
// passes without credentials), ApiHandler for whole requests, one log line per answer on
// standard error.
class ApiService : public http::Service
{
public:
    ApiService(std::shared_ptr<const ApiHandler> handler, std::shared_ptr<AuthGate> auth);

    http::HeadDecision inspectHead(const http::Request& head) override;
    http::HeadDecision verifyHead(const http::Request& head) override;
    http::Started start(http::Request& request, const QString& user,
                        const http::Reply& reply) override;
    http::Response handle(http::Request& request, const QString& user) override;
    void log(const http::Request& request, const http::Response& response, const QString& user,
             double milliseconds) override;
    http::Response errorResponse(http::Status status, const QString& message) const override;

private:
    std::shared_ptr<const ApiHandler> m_handler;
    std::shared_ptr<AuthGate> m_auth;
};

// One line on standard error, written at once so that lines of several threads never mix.
void logLine(const QString& line);

} // namespace kv::server
