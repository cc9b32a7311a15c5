#include "AuthGate.h"

#include "ApiRequest.h"
#include "UserStore.h"

namespace kv::server {

namespace {

http::Response unauthorized(const http::Request& head, const QString& message)
{
    http::Response answer =
        errorResponse(http::Status::Unauthorized, message, errorFormOf(head.header("accept")));
    answer.setHeader("WWW-Authenticate",
                     "Basic realm=\"kvdesk\", charset=\"UTF-8\", Bearer realm=\"kvdesk\"");
    return answer;
}

} // namespace

AuthGate::AuthGate(std::shared_ptr<const UserStore> users, int failuresPerMinute)
    : m_users(std::move(users))
    , m_byClient(failuresPerMinute)
    , m_byUser(failuresPerMinute)
{
}

bool AuthGate::open() const
{
    return !m_users || m_users->isEmpty();
}

http::HeadDecision AuthGate::inspect(const http::Request& head) const
{
    if (open())
        return http::HeadDecision::proceed();
    const QByteArray authorization = head.header("authorization");
    if (authorization.isEmpty())
        return http::HeadDecision::respond(unauthorized(
            head, QStringLiteral("this server needs credentials: HTTP Basic or a Bearer token")));
    if (const std::optional<QString> user = m_users->remembered(authorization))
        return http::HeadDecision::proceed(*user);
    const QString client = head.remote.toString();
    const QString claimed = UserStore::claimedUser(authorization);
    const int wait =
        qMax(m_byClient.waitSeconds(client), claimed.isEmpty() ? 0 : m_byUser.waitSeconds(claimed));
    if (wait > 0) {
        http::Response answer = errorResponse(
            http::Status::TooManyRequests,
            QStringLiteral("too many failed logins from this address or for this user; try "
                           "again in %1 s")
                .arg(wait),
            errorFormOf(head.header("accept")));
        answer.setHeader("Retry-After", QByteArray::number(wait));
        // Held back a second: a guesser that does not wait for Retry-After gets one answer a
        // second per connection instead of as many as the I/O thread can write.
        answer.delayMs = 1000;
        return http::HeadDecision::respond(answer);
    }
    return http::HeadDecision::verify();
}

http::HeadDecision AuthGate::verify(const http::Request& head)
{
    const QByteArray authorization = head.header("authorization");
    if (const std::optional<QString> user = m_users->authenticate(authorization))
        return http::HeadDecision::proceed(*user);
    m_byClient.recordFailure(head.remote.toString());
    if (const QString claimed = UserStore::claimedUser(authorization); !claimed.isEmpty())
        m_byUser.recordFailure(claimed);
    return http::HeadDecision::respond(
        unauthorized(head, QStringLiteral("the credentials were not accepted")));
}

} // namespace kv::server
