#include "ExpirationDialog.h"

#include "Catalog.h"
#include "ErrorText.h"
#include "FutureWatch.h"
#include "MessageBanner.h"
#include "ui_ExpirationDialog.h"

#include <QPushButton>

ExpirationDialog::ExpirationDialog(kv::Catalog* catalog, const QString& ns, const QStringList& keys,
                                   QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ExpirationDialog>())
    , m_catalog(catalog)
    , m_ns(ns)
    , m_keys(keys)
{
    m_ui->setupUi(this);
    MessageBanner::hide(m_ui->messageBanner);
    m_ui->noteLabel->setEnabled(false);
    m_ui->summaryLabel->setText(
        keys.size() == 1
            ? tr("New expiration for <b>%1</b> in %2:").arg(keys.first().toHtmlEscaped(), ns)
            : tr("New expiration for %n pair(s) in %1:", nullptr, int(keys.size())).arg(ns));
    m_ui->chooser->reset(3'600'000); // 1 hour: Never is one click away
    m_ui->buttons->button(QDialogButtonBox::Ok)->setText(tr("Apply"));
    connect(m_ui->chooser, &ExpirationChooser::changed, this, &ExpirationDialog::validate);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &ExpirationDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

ExpirationDialog::~ExpirationDialog() = default;

void ExpirationDialog::setClock(std::shared_ptr<const kv::Clock> clock)
{
    m_ui->chooser->setClock(std::move(clock));
}

void ExpirationDialog::validate()
{
    m_ui->buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_busy && m_ui->chooser->problem().isEmpty());
}

void ExpirationDialog::accept()
{
    if (!m_ui->buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    kv::ExpireRequest request;
    request.ns = m_ns;
    request.keys = m_keys;
    request.ttlMs = m_ui->chooser->ttlMs();
    m_busy = true;
    m_ui->chooser->setEnabled(false);
    validate();
    MessageBanner::hide(m_ui->messageBanner);
    whenFinished(
        m_catalog->expire(request), this,
        [this](const QStringList& keys) {
            emit applied(keys);
            QDialog::accept();
        },
        [this](const kv::CatalogError& error) {
            m_busy = false;
            m_ui->chooser->setEnabled(true);
            validate();
            MessageBanner::show(m_ui->messageBanner, ErrorText::describe(error));
        });
}
