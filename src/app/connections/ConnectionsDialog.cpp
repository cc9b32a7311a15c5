#include "ConnectionsDialog.h"

#include "Catalog.h"
#include "CredentialStore.h"
#include "ErrorText.h"
#include "FutureWatch.h"
#include "MessageBanner.h"
#include "Prompter.h"
#include "remote/RemoteBackend.h"
#include "ui_ConnectionsDialog.h"

#include <QPushButton>

using Auth = kv::RemoteConnection::Auth;

ConnectionsDialog::ConnectionsDialog(CredentialStore* credentials, Prompter* prompter,
                                     QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ConnectionsDialog>())
    , m_credentials(credentials)
    , m_prompter(prompter)
    , m_profiles(ConnectionProfile::loadAll())
{
    m_ui->setupUi(this);
    MessageBanner::hide(m_ui->messageBanner);
    m_ui->authCombo->addItem(tr("No sign-in"), int(Auth::None));
    m_ui->authCombo->addItem(tr("User and password (HTTP Basic)"), int(Auth::Basic));
    m_ui->authCombo->addItem(tr("Token (Bearer)"), int(Auth::Bearer));
    m_connectButton = m_ui->buttons->addButton(tr("C&onnect"), QDialogButtonBox::AcceptRole);
    m_connectButton->setObjectName(QStringLiteral("connectButton"));
    m_connectButton->setDefault(true);
    for (const ConnectionProfile& p : std::as_const(m_profiles))
        m_ui->connectionList->addItem(p.name);

    connect(m_ui->connectionList, &QListWidget::currentRowChanged, this,
            &ConnectionsDialog::showSelected);
    connect(m_ui->addButton, &QPushButton::clicked, this, &ConnectionsDialog::addConnection);
    connect(m_ui->removeButton, &QPushButton::clicked, this, &ConnectionsDialog::removeConnection);
    for (QLineEdit* edit :
         {m_ui->nameEdit, m_ui->urlEdit, m_ui->tenantEdit, m_ui->userEdit, m_ui->caFileEdit})
        connect(edit, &QLineEdit::textEdited, this, &ConnectionsDialog::storeEdits);
    connect(m_ui->authCombo, &QComboBox::currentIndexChanged, this, &ConnectionsDialog::storeEdits);
    connect(m_ui->secretEdit, &QLineEdit::textEdited, this, &ConnectionsDialog::updateForm);
    connect(m_ui->forgetButton, &QPushButton::clicked, this, &ConnectionsDialog::forgetSecret);
    connect(m_ui->testButton, &QPushButton::clicked, this, &ConnectionsDialog::testConnection);
    connect(m_connectButton, &QPushButton::clicked, this, &ConnectionsDialog::connectSelected);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->caBrowseButton, &QPushButton::clicked, this, [this] {
        const QString file = m_prompter->openFileName(
            this, tr("CA Certificates"), tr("PEM certificates (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty()) {
            m_ui->caFileEdit->setText(file);
            storeEdits();
        }
    });
    if (m_profiles.isEmpty())
        addConnection();
    else
        m_ui->connectionList->setCurrentRow(0);
}

ConnectionsDialog::~ConnectionsDialog() = default;

ConnectionProfile* ConnectionsDialog::current()
{
    const int row = m_ui->connectionList->currentRow();
    return row >= 0 && row < m_profiles.size() ? &m_profiles[row] : nullptr;
}

void ConnectionsDialog::selectConnection(const QString& id)
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).id == id)
            m_ui->connectionList->setCurrentRow(i);
    }
}

void ConnectionsDialog::addConnection()
{
    ConnectionProfile p = ConnectionProfile::create();
    p.name = tr("New connection");
    p.url = QStringLiteral("http://127.0.0.1:8080");
    m_profiles << p;
    ConnectionProfile::saveAll(m_profiles);
    m_ui->connectionList->addItem(p.name);
    m_ui->connectionList->setCurrentRow(int(m_profiles.size()) - 1);
    m_ui->nameEdit->setFocus();
    m_ui->nameEdit->selectAll();
}

void ConnectionsDialog::removeConnection()
{
    ConnectionProfile* p = current();
    if (!p || !m_prompter->confirm(this, tr("Remove Connection"),
                                   tr("Remove the connection %1? Its stored password or token is "
                                      "removed from the keychain too.")
                                       .arg(p->name),
                                   tr("Remove")))
        return;
    m_credentials->remove(p->id); // best effort: nothing to do if there is none
    const int row = m_ui->connectionList->currentRow();
    m_profiles.removeAt(row);
    ConnectionProfile::saveAll(m_profiles);
    delete m_ui->connectionList->takeItem(row);
    showSelected();
}

void ConnectionsDialog::showSelected()
{
    const ConnectionProfile* p = current();
    m_loading = true;
    m_ui->details->setEnabled(p != nullptr);
    m_ui->nameEdit->setText(p ? p->name : QString());
    m_ui->urlEdit->setText(p ? p->url : QString());
    m_ui->tenantEdit->setText(p ? p->tenant : QString());
    m_ui->authCombo->setCurrentIndex(p ? m_ui->authCombo->findData(int(p->auth)) : 0);
    m_ui->userEdit->setText(p ? p->user : QString());
    m_ui->caFileEdit->setText(p ? p->caFile : QString());
    m_ui->secretEdit->clear();
    m_ui->testResult->clear();
    m_loading = false;
    updateForm();
    refreshSecretStatus();
}

void ConnectionsDialog::storeEdits()
{
    ConnectionProfile* p = current();
    if (m_loading || !p)
        return;
    const Auth before = p->auth;
    p->name = m_ui->nameEdit->text().trimmed();
    p->url = m_ui->urlEdit->text().trimmed();
    p->tenant = m_ui->tenantEdit->text().trimmed();
    p->auth = Auth(m_ui->authCombo->currentData().toInt());
    p->user = m_ui->userEdit->text().trimmed();
    p->caFile = m_ui->caFileEdit->text().trimmed();
    ConnectionProfile::saveAll(m_profiles);
    m_ui->connectionList->currentItem()->setText(p->name);
    updateForm();
    if (before != p->auth)
        refreshSecretStatus();
}

void ConnectionsDialog::updateForm()
{
    const ConnectionProfile* p = current();
    const Auth auth = Auth(m_ui->authCombo->currentData().toInt());
    const bool signsIn = auth != Auth::None;
    m_ui->userLabel->setVisible(auth == Auth::Basic);
    m_ui->userEdit->setVisible(auth == Auth::Basic);
    for (QWidget* w :
         {static_cast<QWidget*>(m_ui->secretLabel), static_cast<QWidget*>(m_ui->secretEdit),
          static_cast<QWidget*>(m_ui->rememberCheck), static_cast<QWidget*>(m_ui->secretStatus),
          static_cast<QWidget*>(m_ui->forgetButton)})
        w->setVisible(signsIn);
    m_ui->secretLabel->setText(auth == Auth::Bearer ? tr("&Token:") : tr("&Password:"));
    const QString problem = p ? p->problem() : QString();
    MessageBanner::setProblem(m_ui->problemLabel, problem);
    const bool usable = p && problem.isEmpty();
    m_connectButton->setEnabled(usable);
    m_ui->testButton->setEnabled(usable);
    m_ui->removeButton->setEnabled(p != nullptr);
}

void ConnectionsDialog::refreshSecretStatus()
{
    const ConnectionProfile* p = current();
    const quint64 generation = ++m_generation;
    m_ui->forgetButton->setEnabled(false);
    if (!p || p->auth == Auth::None) {
        m_ui->secretStatus->clear();
        return;
    }
    m_ui->secretStatus->setText(tr("Looking in the keychain…"));
    whenFinished(
        m_credentials->read(p->id), this,
        [this, generation](const CredentialStore::Result& r) {
            if (generation != m_generation)
                return;
            if (r.ok()) {
                m_ui->secretStatus->setText(tr("A secret is stored in the keychain."));
                m_ui->forgetButton->setEnabled(true);
            } else if (r.status == CredentialStore::Status::NotFound) {
                m_ui->secretStatus->setText(
                    tr("Nothing stored: type it above, or you will be asked when connecting."));
            } else {
                m_ui->secretStatus->setText(r.message);
                m_ui->rememberCheck->setChecked(false);
                m_ui->rememberCheck->setEnabled(false);
            }
        },
        [this](const kv::CatalogError& error) {
            m_ui->secretStatus->setText(ErrorText::describe(error));
        });
}

std::optional<QString> ConnectionsDialog::typedSecret() const
{
    if (m_ui->secretEdit->text().isEmpty())
        return std::nullopt;
    return m_ui->secretEdit->text();
}

void ConnectionsDialog::storeTypedSecret()
{
    const ConnectionProfile* p = current();
    const std::optional<QString> secret = typedSecret();
    if (!p || !secret || !m_ui->rememberCheck->isChecked() || !m_ui->rememberCheck->isEnabled())
        return;
    whenFinished(
        m_credentials->write(p->id, *secret), this,
        [this](const CredentialStore::Result& r) {
            if (!r.ok())
                MessageBanner::show(m_ui->messageBanner, r.message);
            refreshSecretStatus();
        },
        [this](const kv::CatalogError& error) {
            MessageBanner::show(m_ui->messageBanner, ErrorText::describe(error));
        });
}

void ConnectionsDialog::forgetSecret()
{
    const ConnectionProfile* p = current();
    if (!p)
        return;
    whenFinished(
        m_credentials->remove(p->id), this,
        [this](const CredentialStore::Result&) { refreshSecretStatus(); },
        [this](const kv::CatalogError& error) {
            MessageBanner::show(m_ui->messageBanner, ErrorText::describe(error));
        });
}

void ConnectionsDialog::testConnection()
{
    const ConnectionProfile* p = current();
    if (!p)
        return;
    storeTypedSecret();
    m_ui->testResult->setText(tr("Connecting…"));
    const ConnectionProfile profile = *p;
    auto test = [this, profile](const QString& secret) {
        kv::RemoteConnection c = profile.connection();
        c.secret = secret;
        c.timeoutMs = 10'000;
        std::shared_ptr<kv::Catalog> catalog = kv::Catalog::openRemote(c);
        whenFinished(
            catalog->listNamespaces(), this,
            [this, catalog](const QList<kv::NamespaceInfo>& namespaces) {
                QString text = tr("Connected: %n namespace(s).", nullptr, int(namespaces.size()));
                // The API generation the call found out (without another request).
                const auto* remote = dynamic_cast<const kv::RemoteBackend*>(&catalog->backend());
                if (const std::optional<kv::ServerApi> api =
                        remote ? remote->knownServerApi() : std::nullopt)
                    text += QLatin1Char(' ') + tr("Server: %1.").arg(api->name());
                m_ui->testResult->setText(text);
            },
            [this, catalog](const kv::CatalogError& error) {
                m_ui->testResult->setText(ErrorText::describe(error));
            });
    };
    if (profile.auth == Auth::None || typedSecret()) {
        test(typedSecret().value_or(QString()));
        return;
    }
    whenFinished(
        m_credentials->read(profile.id), this,
        [this, test](const CredentialStore::Result& r) {
            if (r.ok()) {
                test(r.secret);
                return;
            }
            const std::optional<QString> asked =
                m_prompter->askSecret(this, tr("Test Connection"), tr("Password or token:"));
            if (asked)
                test(*asked);
            else
                m_ui->testResult->clear();
        },
        [this](const kv::CatalogError& error) {
            m_ui->testResult->setText(ErrorText::describe(error));
        });
}

void ConnectionsDialog::connectSelected()
{
    const ConnectionProfile* p = current();
    if (!p || !p->problem().isEmpty())
        return;
    storeTypedSecret();
    emit connectRequested(*p, typedSecret());
    accept();
}
