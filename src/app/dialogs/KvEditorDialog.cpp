// KvEditorDialog: the flow of the dialog — start, load, validate, save, history and restore.
// The editors of the seven value types are in KvEditorValues.cpp.
#include "KvEditorDialog.h"

#include "Catalog.h"
#include "domain/Clock.h"
#include "domain/Rules.h"
#include "ErrorText.h"
#include "FutureWatch.h"
#include "MessageBanner.h"
#include "RevisionListModel.h"
#include "ui_KvEditorDialog.h"

#include <QHeaderView>
#include <QPushButton>

KvEditorDialog::KvEditorDialog(kv::Catalog* catalog, std::shared_ptr<const kv::Clock> clock,
                               const QString& ns, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::KvEditorDialog>())
    , m_catalog(catalog)
    , m_clock(std::move(clock))
    , m_ns(ns)
    , m_history(new RevisionListModel(this))
{
    m_ui->setupUi(this);
    MessageBanner::hide(m_ui->messageBanner);
    m_ui->expirationChooser->setClock(m_clock);
    m_ui->historyView->setModel(m_history);
    m_ui->historyView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->historyHint->setEnabled(false);
    m_ui->buttons->button(QDialogButtonBox::Save)->setDefault(true);
    setUpValueEditors();

    connect(m_ui->keyEdit, &QLineEdit::textChanged, this, &KvEditorDialog::validate);
    connect(m_ui->expirationChooser, &ExpirationChooser::changed, this, &KvEditorDialog::validate);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &KvEditorDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->restoreButton, &QPushButton::clicked, this, &KvEditorDialog::restoreSelected);
    connect(m_ui->historyView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] {
                const QModelIndexList rows = m_ui->historyView->selectionModel()->selectedRows();
                m_ui->restoreButton->setEnabled(
                    !m_busy && rows.size() == 1 &&
                    !rows.first().data(RevisionListModel::IsCurrentRole).toBool());
            });
    startCreate();
}

KvEditorDialog::~KvEditorDialog() = default;

void KvEditorDialog::startCreate()
{
    m_editing = false;
    m_loaded = true;
    m_key.clear();
    setWindowTitle(tr("New Key-Value Pair in %1").arg(m_ns));
    m_ui->keyEdit->clear();
    m_ui->keyEdit->setReadOnly(false);
    m_ui->overwriteCheck->setVisible(true);
    m_ui->overwriteCheck->setChecked(false);
    m_ui->descriptionEdit->clear();
    setType(kv::ValueType::String);
    setValueText(kv::ValueType::String, QString());
    m_ui->expirationChooser->reset();
    m_ui->tabs->setTabEnabled(m_ui->tabs->indexOf(m_ui->historyTab), false);
    m_ui->keyEdit->setFocus();
    validate();
}

void KvEditorDialog::startEdit(const QString& key)
{
    m_editing = true;
    m_loaded = false;
    m_key = key;
    setWindowTitle(tr("%1 — %2").arg(key, m_ns));
    m_ui->keyEdit->setText(key);
    m_ui->keyEdit->setReadOnly(true);
    m_ui->overwriteCheck->setVisible(false);
    m_ui->tabs->setTabEnabled(m_ui->tabs->indexOf(m_ui->historyTab), true);
    setBusy(true);
    whenFinished(
        m_catalog->get(m_ns, key), this,
        [this](const kv::KvEntry& entry) {
            setBusy(false);
            load(entry);
            // After the value, not beside it: reading an expired pair removes it, so a history
            // read that came first would turn the get's "expired" into "no such key".
            loadHistory();
        },
        [this](const kv::CatalogError& error) {
            setBusy(false);
            showError(ErrorText::describe(error)); // expired or deleted meanwhile: nothing to edit
            m_ui->tabs->setEnabled(false);
            validate();
        });
}

void KvEditorDialog::load(const kv::KvEntry& entry)
{
    m_loaded = true;
    m_ui->tabs->setEnabled(true);
    setType(entry.type);
    setValueText(entry.type, entry.value ? entry.value->text() : QString());
    m_ui->descriptionEdit->setText(entry.description);
    m_ui->expirationChooser->setCurrentExpiry(entry.expiresAtMs);
    (currentType() == kv::ValueType::Json ? static_cast<QWidget*>(m_ui->jsonEdit)
                                          : m_ui->valueStack->currentWidget())
        ->setFocus();
    validate();
}

void KvEditorDialog::loadHistory()
{
    whenFinished(
        m_catalog->history(m_ns, m_key), this,
        [this](const QList<kv::KvRevision>& revisions) {
            m_history->setRevisions(revisions);
            m_ui->restoreButton->setEnabled(false);
        },
        [this](const kv::CatalogError& error) {
            m_history->setRevisions({});
            // A server without revisions (a plain Kestra): the tab is greyed with the reason.
            if (error.code() == kv::ErrorCode::Unsupported) {
                const int tab = m_ui->tabs->indexOf(m_ui->historyTab);
                m_ui->tabs->setTabEnabled(tab, false);
                m_ui->tabs->setTabToolTip(tab, error.message());
            }
        });
}

void KvEditorDialog::restoreSelected()
{
    const QModelIndexList rows = m_ui->historyView->selectionModel()->selectedRows();
    if (rows.size() != 1)
        return;
    const qint64 revision = rows.first().data(RevisionListModel::RevisionRole).toLongLong();
    setBusy(true);
    MessageBanner::hide(m_ui->messageBanner);
    whenFinished(
        m_catalog->restore(m_ns, m_key, revision), this,
        [this, revision](const kv::KvEntry& entry) {
            setBusy(false);
            emit saved(entry);
            startEdit(m_key); // show what is stored now
            MessageBanner::show(
                m_ui->messageBanner,
                tr("Restored revision %1 as revision %2.").arg(revision).arg(entry.revision),
                MessageBanner::Kind::Information);
        },
        [this](const kv::CatalogError& error) {
            setBusy(false);
            showError(ErrorText::describe(error));
        });
}

void KvEditorDialog::validate()
{
    QString keyProblem;
    if (!m_editing && !m_ui->keyEdit->text().isEmpty())
        keyProblem = kv::rules::keyProblem(m_ui->keyEdit->text());
    MessageBanner::setProblem(m_ui->keyProblem, keyProblem);
    const QString value = valueProblem();
    MessageBanner::setProblem(m_ui->valueProblem, value);
    if (currentType() == kv::ValueType::Json)
        markJsonError(value);
    updateDurationHint();
    const bool keyOk = !m_ui->keyEdit->text().isEmpty() && keyProblem.isEmpty();
    const bool ok = !m_busy && m_loaded && keyOk && value.isEmpty() &&
                    m_ui->expirationChooser->problem().isEmpty();
    m_ui->buttons->button(QDialogButtonBox::Save)->setEnabled(ok);
}

void KvEditorDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->tabs->setEnabled(!busy);
    if (busy)
        m_ui->restoreButton->setEnabled(false);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
    validate();
}

void KvEditorDialog::showError(const QString& message)
{
    MessageBanner::show(m_ui->messageBanner, message);
}

void KvEditorDialog::accept()
{
    if (!m_ui->buttons->button(QDialogButtonBox::Save)->isEnabled())
        return;
    kv::SetRequest request;
    request.ns = m_ns;
    request.key = m_editing ? m_key : m_ui->keyEdit->text();
    const kv::ValueType type = currentType();
    request.value = kv::KvValue::parse(type, valueText(type)); // valid: validate() said so
    request.ttlMs = m_ui->expirationChooser->ttlMs();
    request.description = m_ui->descriptionEdit->text();
    request.overwrite = m_editing || m_ui->overwriteCheck->isChecked();
    MessageBanner::hide(m_ui->messageBanner);
    setBusy(true);
    whenFinished(
        m_catalog->set(request), this,
        [this](const kv::KvEntry& entry) {
            setBusy(false);
            emit saved(entry);
            QDialog::accept();
        },
        [this](const kv::CatalogError& error) {
            setBusy(false);
            showError(ErrorText::describe(error)); // what was typed stays
        });
}
