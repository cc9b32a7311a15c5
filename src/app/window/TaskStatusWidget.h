#pragma once

#include <QFuture>
#include <QList>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;
template<typename T> class QFutureWatcher;

// The status bar's view of long catalog operations (export, import, purge): the label and
// progress of the oldest running one, how many more are running, and a Cancel button that
// cancels the shown one. Hidden when nothing runs. Operations never block the window: it keeps
// repainting and taking input while they run.
class TaskStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit TaskStatusWidget(QWidget* parent = nullptr);
    ~TaskStatusWidget() override;

    // Shows `label` with the future's progress until it finishes or is cancelled.
    void track(const QString& label, const QFuture<void>& future);
    int runningCount() const { return int(m_tasks.size()); }
    // Cancels every running operation (e.g. before the catalog is closed).
    void cancelAll();

signals:
    void taskFinished(const QString& label);

private:
    struct Task
    {
        QString label;
        QFutureWatcher<void>* watcher = nullptr;
    };
    void updateView();
    void removeTask(QFutureWatcher<void>* watcher);

    QList<Task> m_tasks;
    QLabel* m_label = nullptr;
    QProgressBar* m_bar = nullptr;
    QToolButton* m_cancel = nullptr;
};
