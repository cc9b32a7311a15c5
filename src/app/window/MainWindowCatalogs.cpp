// MainWindow: opening, creating and remembering catalogs.
#include "Catalog.h"
#include "CatalogSwitcher.h"
#include "ConnectionProfile.h"
#include "ConnectionsDialog.h"
#include "CredentialStore.h"
#include "domain/CatalogError.h"
#include "ErrorText.h"
#include "FutureWatch.h"
#include "MainWindow.h"
#include "NamespacePage.h"
#include "NamespacePanel.h"
#include "Prompter.h"
#include "TaskStatusWidget.h"
#include "ui_MainWindow.h"

#include <algorithm>
#include <limits>
#include <QDir>
#include <QFileInfo>
#include <QProgressDialog>
#include <QSettings>

namespace {
const QString recentKey = QStringLiteral("catalogs/recent");
}

bool MainWindow::openCatalog(const QString& location)
{
    std::unique_ptr<kv::Catalog> catalog;
    // A catalog written by an older KV Desk finishes its upgrade while it opens (blocking): say
    // what happens and how far it got. Stopping leaves the rest for the next time it is opened.
    std::unique_ptr<QProgressDialog> upgrade;
    const auto upgradeProgress = [&](const kv::Progress& p) {
        if (!upgrade) {
            upgrade = std::make_unique<QProgressDialog>(
                tr("Upgrading the catalog %1: moving small values into the registry…")
                    .arg(QDir::toNativeSeparators(location)),
                tr("Continue Later"), 0, 0, this);
            upgrade->setWindowTitle(tr("Open Catalog"));
            upgrade->setWindowModality(Qt::WindowModal);
            upgrade->setMinimumDuration(300);
        }
        const int total = int(std::min<qint64>(p.total, std::numeric_limits<int>::max()));
        upgrade->setMaximum(std::max(total, 0));
        upgrade->setValue(int(std::min<qint64>(p.done, total))); // modal: processes events
        return !upgrade->wasCanceled();
    };
    try {
        catalog = kv::Catalog::open(location, m_context.clock, nullptr, upgradeProgress);
    } catch (const kv::CatalogError& e) {
        m_context.prompter->warn(
            this, tr("Open Catalog"),
            tr("Cannot open the catalog %1.\n\n%2")
                .arg(QDir::toNativeSeparators(location), ErrorText::describe(e)));
        return false;
    }
    upgrade.reset();
    const QString opened = catalog->location();
    rememberCatalog(opened);
    install(std::move(catalog), CatalogSwitcher::localKey(opened));
    return true;
}

void MainWindow::install(std::unique_ptr<kv::Catalog> catalog, const QString& key)
{
    m_context.tasks->cancelAll();
    m_ui->namespacePage->setCatalog(nullptr);
    m_ui->namespacePanel->setCatalog(nullptr);
    m_catalog = std::move(catalog); // the old catalog waits for its running calls here
    m_currentKey = key;
    m_ui->namespacePage->setCatalog(m_catalog.get());
    m_ui->namespacePanel->setCatalog(m_catalog.get());
    updateSwitcher();
    updateTitle();
    emit catalogOpened(m_catalog->location());
}

void MainWindow::openConnection(const ConnectionProfile& profile,
                                const std::optional<QString>& secret)
{
    if (!profile.problem().isEmpty()) {
        m_context.prompter->warn(this, tr("Connect"), profile.problem());
        return;
    }
    if (profile.auth == kv::RemoteConnection::Auth::None || secret) {
        openRemote(profile, secret.value_or(QString()));
        return;
    }
    whenFinished(
        m_context.credentials->read(profile.id), this,
        [this, profile](const CredentialStore::Result& r) {
            if (r.ok()) {
                openRemote(profile, r.secret);
                return;
            }
            if (r.status != CredentialStore::Status::NotFound && !m_toldNoKeychain) {
                m_toldNoKeychain = true; // say it once, then just ask
                m_context.prompter->warn(this, tr("Keychain"), r.message);
            }
            const std::optional<QString> asked = m_context.prompter->askSecret(
                this, tr("Connect to %1").arg(profile.name),
                profile.auth == kv::RemoteConnection::Auth::Bearer
                    ? tr("Token for %1:").arg(profile.url)
                    : tr("Password of %1 on %2:").arg(profile.user, profile.url));
            if (asked)
                openRemote(profile, *asked);
        },
        [this](const kv::CatalogError& error) {
            m_context.prompter->warn(this, tr("Keychain"), ErrorText::describe(error));
        });
}

void MainWindow::openRemote(const ConnectionProfile& profile, const QString& secret)
{
    kv::RemoteConnection connection;
    try {
        connection = profile.connection();
    } catch (const kv::CatalogError& e) {
        m_context.prompter->warn(this, tr("Connect"), ErrorText::describe(e));
        return;
    }
    connection.secret = secret;
    install(kv::Catalog::openRemote(connection), CatalogSwitcher::remoteKey(profile.id));
    showStatus(tr("Connected to %1").arg(profile.label()));
}

void MainWindow::showConnections()
{
    auto* dialog = new ConnectionsDialog(m_context.credentials, m_context.prompter, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_currentKey.startsWith(QLatin1String("remote:")))
        dialog->selectConnection(m_currentKey.mid(7));
    connect(dialog, &ConnectionsDialog::connectRequested, this, &MainWindow::openConnection);
    connect(dialog, &QDialog::finished, this, &MainWindow::updateSwitcher);
    dialog->open();
}

void MainWindow::updateSwitcher()
{
    m_switcher->rebuild(recentCatalogs(), ConnectionProfile::loadAll(), m_currentKey);
}

void MainWindow::chooseCatalog(bool create)
{
    const QString start =
        m_catalog ? QFileInfo(m_catalog->location()).absolutePath() : QDir::homePath();
    const QString folder = m_context.prompter->existingDirectory(
        this, create ? tr("New Catalog: Choose an Empty Folder") : tr("Open Catalog"), start);
    if (folder.isEmpty())
        return;
    const QDir dir(folder);
    const bool isCatalog = dir.exists(QStringLiteral("registry.sqlite"));
    const bool isEmpty = dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    if (create && !isEmpty) {
        m_context.prompter->warn(this, tr("New Catalog"),
                                 tr("%1 is not empty. Choose an empty folder for a new catalog, "
                                    "or use Open Catalog for an existing one.")
                                     .arg(QDir::toNativeSeparators(folder)));
        return;
    }
    if (!create && !isCatalog) {
        m_context.prompter->warn(this, tr("Open Catalog"),
                                 tr("%1 is not a KV Desk catalog (it has no registry.sqlite). "
                                    "Use New Catalog to create one in an empty folder.")
                                     .arg(QDir::toNativeSeparators(folder)));
        return;
    }
    openCatalog(folder);
}

QStringList MainWindow::recentCatalogs() const
{
    return QSettings().value(recentKey).toStringList();
}

void MainWindow::rememberCatalog(const QString& location)
{
    QStringList recent = recentCatalogs();
    recent.removeAll(location);
    recent.prepend(location);
    while (recent.size() > maxRecentCatalogs)
        recent.removeLast();
    QSettings().setValue(recentKey, recent);
    updateRecentMenu();
    updateSwitcher();
}

void MainWindow::updateRecentMenu()
{
    QMenu* menu = m_ui->menuRecent;
    menu->clear();
    const QStringList recent = recentCatalogs();
    for (const QString& location : recent) {
        QAction* action = menu->addAction(QDir::toNativeSeparators(location));
        connect(action, &QAction::triggered, this, [this, location] { openCatalog(location); });
    }
    if (!recent.isEmpty()) {
        menu->addSeparator();
        QAction* clear = menu->addAction(tr("&Clear List"));
        connect(clear, &QAction::triggered, this, [this] {
            QSettings().remove(recentKey);
            updateRecentMenu();
        });
    }
    menu->setEnabled(!recent.isEmpty());
}
