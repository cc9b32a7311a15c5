#pragma once

#include "ErrorText.h"

#include <exception>
#include <functional>
#include <memory>
#include <QFutureWatcher>
#include <QObject>
#include <type_traits>

// Runs a continuation on `context`'s thread when a catalog future finishes — and nothing at all
// when `context` has been destroyed by then (a dialog closed while its call was running).
//
// Why not QFuture::then(context, ...): in Qt 6.4 it asserts that the context is still alive, a
// qFatal in debug builds. A QFutureWatcher parented to the context has no such problem.
//
//   whenFinished(catalog->get(ns, key), this,
//       [this](const kv::KvEntry& entry) { show(entry); },
//       [this](const kv::CatalogError& error) { showError(ErrorText::describe(error)); });
//
// `done` receives the result (nothing for QFuture<void>); `failed` receives the exception as a
// kv::CatalogError (ErrorText::catalogError()), still typed: it branches on error.code() and
// calls ErrorText::describe() only where the error is shown. `canceled` (optional) runs when the
// future was cancelled without an error. Exceptions thrown by the handlers are not caught.
template<typename T, typename Done, typename Failed>
void whenFinished(const QFuture<T>& future, QObject* context, Done done, Failed failed,
                  std::function<void()> canceled = {})
{
    auto* watcher = new QFutureWatcher<T>(context);
    QObject::connect(
        watcher, &QFutureWatcherBase::finished, context,
        [watcher, done = std::move(done), failed = std::move(failed),
         canceled = std::move(canceled)]() mutable {
            watcher->deleteLater();
            QFuture<T> finished = watcher->future();
            std::exception_ptr error;
            try {
                finished.waitForFinished(); // rethrows the operation's exception, if any
            } catch (...) {
                error = std::current_exception();
            }
            if (error) {
                failed(ErrorText::catalogError(error));
            } else if (finished.isCanceled()) {
                if (canceled)
                    canceled();
            } else if constexpr (std::is_void_v<T>) {
                done();
            } else {
                done(finished.result());
            }
        });
    watcher->setFuture(future);
}

// Keeps `object` alive until `future` has finished, whatever happens to the widgets meanwhile:
// for the file a worker thread writes or reads while the user may close the window.
template<typename T>
void keepAliveUntilFinished(const QFuture<T>& future, std::shared_ptr<void> object)
{
    QFuture<T> copy = future;
    if constexpr (std::is_void_v<T>)
        copy.then([object] {});
    else
        copy.then([object](const T&) {});
}
