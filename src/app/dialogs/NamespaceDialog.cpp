#include "NamespaceDialog.h"

#include "Catalog.h"
#include "domain/Rules.h"
#include "ErrorText.h"
#include "FutureWatch.h"
#include "MessageBanner.h"
#include "ui_NamespaceDialog.h"

#include <QPushButton>

NamespaceDialog::NamespaceDialog(kv::Catalog* catalog, const QString& parentNs, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::NamespaceDialog>())
    , m_catalog(catalog)
    , m_parent(parentNs)
{
    m_ui->setupUi(this);
    MessageBanner::hide(m_ui->messageBanner);
    m_ui->ruleHint->setEnabled(false);
    if (m_parent.isEmpty()) {
        m_ui->parentLabel->hide();
    } else {
        setWindowTitle(tr("New Child Namespace"));
        m_ui->parentLabel->setText(m_parent + QLatin1Char('.'));
        m_ui->nameEdit->setPlaceholderText(tr("e.g. etl"));
    }
    m_ui->buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &NamespaceDialog::validate);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &NamespaceDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

NamespaceDialog::~NamespaceDialog() = default;

QString NamespaceDialog::namespaceName() const
{
    const QString name = m_ui->nameEdit->text().trimmed();
    return m_parent.isEmpty() ? name : m_parent + QLatin1Char('.') + name;
}

void NamespaceDialog::validate()
{
    const bool typed = !m_ui->nameEdit->text().trimmed().isEmpty();
    const QString problem = typed ? kv::rules::namespaceProblem(namespaceName()) : QString();
    MessageBanner::setProblem(m_ui->nameProblem, problem);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_busy && typed && problem.isEmpty());
}

void NamespaceDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->nameEdit->setReadOnly(busy);
    m_ui->descriptionEdit->setReadOnly(busy);
    validate();
}

void NamespaceDialog::accept()
{
    if (!m_ui->buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    const QString ns = namespaceName();
    MessageBanner::hide(m_ui->messageBanner);
    setBusy(true);
    whenFinished(
        m_catalog->createNamespace(ns, m_ui->descriptionEdit->text().trimmed()), this,
        [this, ns](const kv::NamespaceInfo&) {
            setBusy(false);
            emit created(ns);
            QDialog::accept();
        },
        [this](const kv::CatalogError& error) {
            setBusy(false);
            MessageBanner::show(m_ui->messageBanner, ErrorText::describe(error));
        });
}
