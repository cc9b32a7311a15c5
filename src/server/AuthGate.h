#pragma once

#include "FailureThrottle.h"
#include "http/Service.h"

#include <memory>

namespace kv::server {

class UserStore;

// Who may pass: the users file's credentials, checked on the request head before any body byte
// is read. A header accepted before passes at once (a keyed-hash lookup); a new one costs a key
// derivation on the server's check threads; failures are throttled per client address and per
// claimed user name, so guessing neither reaches the key derivation nor slows the others.
class AuthGate
{
public:
    AuthGate(std::shared_ptr<const UserStore> users, int failuresPerMinute);

    bool open() const; // no users: everyone passes (the server then listens on loopback only)
    http::HeadDecision inspect(const http::Request& head) const; // I/O thread, quick
    http::HeadDecision verify(const http::Request& head);        // check thread, slow

private:
    std::shared_ptr<const UserStore> m_users;
    FailureThrottle m_byClient;
    FailureThrottle m_byUser;
};

} // namespace kv::server
