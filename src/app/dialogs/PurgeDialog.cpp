#include "PurgeDialog.h"

#include "Catalog.h"
#include "DisplayFormat.h"
#include "ErrorText.h"
#include "FutureWatch.h"
#include "MessageBanner.h"
#include "Prompter.h"
#include "ui_PurgeDialog.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QLocale>
#include <QPushButton>

PurgeDialog::PurgeDialog(kv::Catalog* catalog, Prompter* prompter, const QString& ns,
                         QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PurgeDialog>())
    , m_catalog(catalog)
    , m_prompter(prompter)
    , m_ns(ns)
{
    m_ui->setupUi(this);
    setModal(false);
    MessageBanner::hide(m_ui->messageBanner);
    m_ui->progressBar->setVisible(false);
    m_ui->previewRow->setStretch(0, 1);
    if (ns.isEmpty()) {
        m_ui->scopeNamespace->setVisible(false);
        m_ui->scopeChildren->setVisible(false);
        m_ui->scopeCatalog->setChecked(true);
    } else {
        m_ui->scopeNamespace->setText(tr("Only in &%1").arg(ns));
        m_ui->scopeChildren->setText(tr("In %1 and its &child namespaces").arg(ns));
    }
    m_ui->createdBeforeEdit->setDateTime(QDateTime::currentDateTime().addDays(-30));
    m_ui->createdBeforeEdit->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    m_purgeButton = m_ui->buttons->addButton(tr("&Purge"), QDialogButtonBox::AcceptRole);
    m_purgeButton->setObjectName(QStringLiteral("purgeButton"));
    m_purgeButton->setDefault(true);

    connect(m_purgeButton, &QPushButton::clicked, this, &PurgeDialog::purge);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &PurgeDialog::reject);
    connect(m_ui->previewButton, &QPushButton::clicked, this, &PurgeDialog::preview);
    connect(m_ui->createdBeforeCheck, &QCheckBox::toggled, m_ui->createdBeforeEdit,
            &QWidget::setEnabled);
    for (QRadioButton* radio : {m_ui->scopeNamespace, m_ui->scopeChildren, m_ui->scopeCatalog,
                                m_ui->expiredOnly, m_ui->allPairs})
        connect(radio, &QRadioButton::toggled, this, &PurgeDialog::formChanged);
    connect(m_ui->keyPatternEdit, &QLineEdit::textChanged, this, &PurgeDialog::formChanged);
    connect(m_ui->createdBeforeCheck, &QCheckBox::toggled, this, &PurgeDialog::formChanged);
    connect(m_ui->createdBeforeEdit, &QDateTimeEdit::dateTimeChanged, this,
            &PurgeDialog::formChanged);
    formChanged();
}

PurgeDialog::~PurgeDialog()
{
    m_running.cancel(); // a purge stops between batches; what it removed stays removed
}

kv::PurgeRequest PurgeDialog::request() const
{
    kv::PurgeRequest r;
    if (!m_ui->scopeCatalog->isChecked()) {
        r.namespaces = QStringList{m_ns};
        r.includeChildren = m_ui->scopeChildren->isChecked();
    }
    r.all = m_ui->allPairs->isChecked();
    r.keyPattern = m_ui->keyPatternEdit->text().trimmed();
    if (m_ui->createdBeforeCheck->isChecked())
        r.createdBeforeMs = m_ui->createdBeforeEdit->dateTime().toMSecsSinceEpoch();
    return r;
}

QString PurgeDialog::scopeText() const
{
    if (m_ui->scopeCatalog->isChecked())
        return tr("in the whole catalog");
    if (m_ui->scopeChildren->isChecked())
        return tr("in %1 and its child namespaces").arg(m_ns);
    return tr("in %1").arg(m_ns);
}

void PurgeDialog::formChanged()
{
    ++m_previewGeneration; // a preview of the old form no longer counts
    m_ui->previewLabel->setText(tr("Preview counts what would be removed."));
    m_purgeButton->setText(m_ui->allPairs->isChecked() ? tr("&Delete Pairs…") : tr("&Purge"));
}

void PurgeDialog::preview()
{
    kv::PurgeRequest r = request();
    r.dryRun = true;
    const quint64 generation = ++m_previewGeneration;
    m_ui->previewLabel->setText(tr("Counting…"));
    MessageBanner::hide(m_ui->messageBanner);
    whenFinished(
        m_catalog->purge(r), this,
        [this, generation](const kv::PurgeResult& result) {
            if (generation != m_previewGeneration)
                return;
            m_ui->previewLabel->setText(tr("%Ln pair(s) would be removed %1.", nullptr,
                                           int(qMin<qint64>(result.count, INT_MAX)))
                                            .arg(scopeText()));
        },
        [this, generation](const kv::CatalogError& error) {
            if (generation != m_previewGeneration)
                return;
            m_ui->previewLabel->clear();
            MessageBanner::show(m_ui->messageBanner, ErrorText::describe(error));
        });
}

void PurgeDialog::purge()
{
    if (m_running.isRunning())
        return;
    const kv::PurgeRequest r = request();
    if (r.all && !m_prompter->confirm(
                     this, tr("Delete Pairs"),
                     tr("Delete every pair %1%2, whether it has expired or not? Their "
                        "history goes too. This cannot be undone.")
                         .arg(scopeText(), r.keyPattern.isEmpty()
                                               ? QString()
                                               : tr(" whose key matches %1").arg(r.keyPattern)),
                     tr("Delete")))
        return;
    MessageBanner::hide(m_ui->messageBanner);
    setRunning(true);
    m_running = m_catalog->purge(r);
    auto* watcher = new QFutureWatcher<kv::PurgeResult>(this);
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, m_ui->progressBar,
            &QProgressBar::setRange);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, m_ui->progressBar,
            &QProgressBar::setValue);
    connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
    watcher->setFuture(m_running);
    whenFinished(
        m_running, this,
        [this](const kv::PurgeResult& result) {
            setRunning(false);
            const int count = int(qMin<qint64>(result.count, INT_MAX));
            MessageBanner::show(m_ui->messageBanner,
                                result.cancelled
                                    ? tr("Cancelled after removing %Ln pair(s).", nullptr, count)
                                    : tr("Removed %Ln pair(s).", nullptr, count),
                                MessageBanner::Kind::Information);
            emit purged(result);
        },
        [this](const kv::CatalogError& error) {
            setRunning(false);
            MessageBanner::show(m_ui->messageBanner, ErrorText::describe(error));
            emit purged({}); // some batches may have gone before the failure: refresh anyway
        },
        [this] {
            setRunning(false);
            MessageBanner::show(m_ui->messageBanner, tr("Cancelled."),
                                MessageBanner::Kind::Information);
            emit purged({});
        });
}

void PurgeDialog::setRunning(bool running)
{
    m_ui->scopeGroup->setEnabled(!running);
    m_ui->whatGroup->setEnabled(!running);
    m_ui->previewButton->setEnabled(!running);
    m_purgeButton->setEnabled(!running);
    m_ui->progressBar->setVisible(running);
    m_ui->progressBar->setRange(0, 0);
    QPushButton* close = m_ui->buttons->button(QDialogButtonBox::Close);
    close->setText(running ? tr("Cancel") : tr("Close"));
}

void PurgeDialog::reject()
{
    if (m_running.isRunning()) {
        m_running.cancel(); // the dialog stays open until the purge has stopped
        return;
    }
    QDialog::reject();
}
