#pragma once

#include <QObject>

class QSocketNotifier;

namespace kv::server {

// Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe), so the server can
// stop cleanly: finish the requests in flight, then quit.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

signals:
    void stopRequested(int signal);

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace kv::server
