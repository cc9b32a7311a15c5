#include "TaskStatusWidget.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

TaskStatusWidget::TaskStatusWidget(QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    m_bar->setMaximumWidth(160);
    m_bar->setTextVisible(true);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop this operation; what it already did stays done"));
    m_cancel->setObjectName(QStringLiteral("taskCancelButton"));
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        if (!m_tasks.isEmpty())
            m_tasks.first().watcher->cancel();
    });
    updateView();
}

TaskStatusWidget::~TaskStatusWidget()
{
    for (const Task& task : std::as_const(m_tasks))
        task.watcher->disconnect(this);
}

void TaskStatusWidget::track(const QString& label, const QFuture<void>& future)
{
    auto* watcher = new QFutureWatcher<void>(this);
    m_tasks.append({label, watcher});
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, this,
            &TaskStatusWidget::updateView);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this,
            &TaskStatusWidget::updateView);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] { removeTask(watcher); });
    watcher->setFuture(future);
    updateView();
}

void TaskStatusWidget::cancelAll()
{
    for (const Task& task : std::as_const(m_tasks))
        task.watcher->cancel();
}

void TaskStatusWidget::removeTask(QFutureWatcher<void>* watcher)
{
    for (qsizetype i = 0; i < m_tasks.size(); ++i) {
        if (m_tasks.at(i).watcher == watcher) {
            const QString label = m_tasks.takeAt(i).label;
            watcher->deleteLater();
            emit taskFinished(label);
            break;
        }
    }
    updateView();
}

void TaskStatusWidget::updateView()
{
    setVisible(!m_tasks.isEmpty());
    if (m_tasks.isEmpty())
        return;
    const Task& task = m_tasks.first();
    QString text = task.label;
    if (m_tasks.size() > 1)
        text += QLatin1Char(' ') + tr("(+%n more)", nullptr, int(m_tasks.size() - 1));
    m_label->setText(text);
    const int minimum = task.watcher->progressMinimum();
    const int maximum = task.watcher->progressMaximum();
    if (maximum > minimum) {
        m_bar->setRange(minimum, maximum);
        m_bar->setValue(task.watcher->progressValue());
    } else {
        m_bar->setRange(0, 0); // busy indicator until the total is known
    }
}
