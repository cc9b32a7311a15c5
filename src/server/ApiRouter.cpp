#include "ApiRouter.h"

namespace kv::server {

namespace {

bool isPlaceholder(const QString& segment)
{
    return segment.size() > 2 && segment.startsWith(QLatin1Char('{')) &&
           segment.endsWith(QLatin1Char('}'));
}

} // namespace

void ApiRouter::add(const QList<Route>& routes)
{
    for (const Route& route : routes)
        m_entries.append({route, QString::fromLatin1(route.pattern).split(QLatin1Char('/'))});
}

const Route* ApiRouter::match(http::Method method, const QStringList& segments,
                              RouteArgs& args) const
{
    for (const Entry& entry : m_entries) {
        if (entry.route.method != method || entry.segments.size() != segments.size())
            continue;
        RouteArgs found;
        bool matches = true;
        for (qsizetype i = 0; matches && i < segments.size(); ++i) {
            const QString& want = entry.segments.at(i);
            if (isPlaceholder(want))
                found.insert(want.mid(1, want.size() - 2), segments.at(i));
            else
                matches = want == segments.at(i);
        }
        if (matches) {
            args = found;
            return &entry.route;
        }
    }
    return nullptr;
}

} // namespace kv::server
