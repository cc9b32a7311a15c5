// MainWindow: opening, creating and remembering catalogs.
#include "Catalog.h"
#include "CatalogError.h"
#include "ErrorText.h"
#include "MainWindow.h"
#include "NamespacePage.h"
#include "NamespacePanel.h"
#include "Prompter.h"
#include "TaskStatusWidget.h"
#include "ui_MainWindow.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace {
const QString recentKey = QStringLiteral("catalogs/recent");
}

bool MainWindow::openCatalog(const QString& location)
{
    std::unique_ptr<kv::Catalog> catalog;
    try {
        catalog = kv::Catalog::open(location, m_context.clock);
    } catch (const kv::CatalogError& e) {
        m_context.prompter->warn(
            this, tr("Open Catalog"),
            tr("Cannot open the catalog %1.\n\n%2")
                .arg(QDir::toNativeSeparators(location), ErrorText::describe(e)));
        return false;
    }
    m_context.tasks->cancelAll();
    m_ui->namespacePage->setCatalog(nullptr);
    m_ui->namespacePanel->setCatalog(nullptr);
    m_catalog = std::move(catalog); // the old catalog waits for its running calls here
    m_ui->namespacePage->setCatalog(m_catalog.get());
    m_ui->namespacePanel->setCatalog(m_catalog.get());
    rememberCatalog(m_catalog->location());
    updateTitle();
    emit catalogOpened(m_catalog->location());
    return true;
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
