#pragma once

#include "domain/Clock.h"

#include <QString>

namespace kv::server {

// A clock for tests of the server: "now" is the number of milliseconds written in a file, read
// on every call (kvdesk-server --test-clock-file; the Catalog contract tests move it). Falls back
// to the system time when the file cannot be read.
class FileClock final : public Clock
{
public:
    explicit FileClock(QString path)
        : m_path(std::move(path))
    {
    }
    qint64 nowMs() const override;

private:
    QString m_path;
};

} // namespace kv::server
