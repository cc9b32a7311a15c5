#pragma once

#include <memory>

namespace kv {
class Clock;
}
class CredentialStore;
class Prompter;
class TaskStatusWidget;

// What the widgets of one main window share. Owned by MainWindow (the prompter by whoever made
// the window); widgets keep a copy. The catalog in use is passed separately (setCatalog), because
// it changes when the user opens another one.
struct AppContext
{
    std::shared_ptr<const kv::Clock> clock;
    Prompter* prompter = nullptr;
    TaskStatusWidget* tasks = nullptr;      // long operations show their progress here
    CredentialStore* credentials = nullptr; // secrets of remote connections (the OS keychain)
};
