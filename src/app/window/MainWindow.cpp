#include "MainWindow.h"

#include "Catalog.h"
#include "CatalogSwitcher.h"
#include "ConnectionProfile.h"
#include "Icons.h"
#include "KeychainCredentialStore.h"
#include "KvStoreWidget.h"
#include "KvTableModel.h"
#include "NamespacePage.h"
#include "NamespacePanel.h"
#include "NamespaceTreeModel.h"
#include "OverviewWidget.h"
#include "PreferencesDialog.h"
#include "Prompter.h"
#include "TaskStatusWidget.h"
#include "ui_MainWindow.h"

#include <QCloseEvent>
#include <QDir>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QStatusBar>

namespace {
constexpr int statusMessageMs = 6000;
}

MainWindow::MainWindow(std::shared_ptr<const kv::Clock> clock, Prompter* prompter,
                       CredentialStore* credentials, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    if (!credentials) {
        m_ownCredentials = std::make_unique<KeychainCredentialStore>(QStringLiteral(KVDESK_APP_ID));
        credentials = m_ownCredentials.get();
    }
    m_context.credentials = credentials;
    setWindowIcon(QIcon(QStringLiteral(":/icons/kvdesk.svg")));
    m_context.clock = std::move(clock);
    m_context.prompter = prompter;
    m_context.tasks = new TaskStatusWidget(this);
    m_ui->namespacePanel->setContext(m_context);
    m_ui->namespacePage->setContext(m_context);
    m_ui->splitter->setStretchFactor(0, 0);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({260, 920});
    setUpMenus();
    setUpStatusBar();
    connectWidgets();
    restoreSettings();
    updateTitle();
}

MainWindow::~MainWindow()
{
    // The widgets drop their catalog pointer before the catalog goes.
    m_ui->namespacePage->setCatalog(nullptr);
    m_ui->namespacePanel->setCatalog(nullptr);
}

NamespacePanel* MainWindow::namespacePanel() const
{
    return m_ui->namespacePanel;
}

NamespacePage* MainWindow::namespacePage() const
{
    return m_ui->namespacePage;
}

void MainWindow::setUpMenus()
{
    const KvStoreWidget::Actions& kv = m_ui->namespacePage->kvStore()->actions();
    NamespacePanel* panel = m_ui->namespacePanel;

    m_ui->actionOpenCatalog->setIcon(Icons::get(QStringLiteral("open")));
    m_ui->actionNewCatalog->setIcon(Icons::get(QStringLiteral("catalog")));
    m_ui->actionRefresh->setIcon(Icons::get(QStringLiteral("refresh")));
    m_ui->actionFindKey->setIcon(Icons::get(QStringLiteral("search")));
    m_ui->menuFile->insertActions(m_ui->actionPreferences,
                                  {kv.import, kv.exportAll, kv.exportSelection, kv.includeValues});
    m_ui->menuFile->insertSeparator(m_ui->actionPreferences);

    m_ui->menuEdit->addActions({kv.create, kv.edit});
    m_ui->menuEdit->addSeparator();
    m_ui->menuEdit->addActions({kv.copyKey, kv.copyValue, kv.copyExpression});
    m_ui->menuEdit->addSeparator();
    m_ui->menuEdit->addActions({kv.changeExpiration, kv.remove});

    m_ui->menuNamespace->addActions(
        {panel->newNamespaceAction(), panel->newChildAction(), panel->copyNameAction()});
    m_ui->menuNamespace->addSeparator();
    m_ui->menuNamespace->addAction(kv.purge);
    m_ui->menuNamespace->addSeparator();
    m_ui->menuNamespace->addAction(panel->deleteNamespaceAction());

    // The window's toolbar holds catalog and namespace actions; the pair actions sit in the
    // KV Store tab's own toolbar, next to the table they act on.
    m_switcher = new CatalogSwitcher(this);
    m_ui->toolBar->addWidget(m_switcher);
    m_ui->toolBar->addActions({m_ui->actionOpenCatalog, m_ui->actionConnections});
    m_ui->toolBar->addSeparator();
    m_ui->toolBar->addActions({panel->newNamespaceAction(), m_ui->actionRefresh});
    connect(m_switcher, &CatalogSwitcher::localChosen, this, &MainWindow::openCatalog);
    connect(m_switcher, &CatalogSwitcher::manageChosen, this, &MainWindow::showConnections);
    connect(m_switcher, &CatalogSwitcher::connectionChosen, this, [this](const QString& id) {
        for (const ConnectionProfile& p : ConnectionProfile::loadAll()) {
            if (p.id == id)
                openConnection(p);
        }
    });
    m_ui->actionConnections->setIcon(Icons::get(QStringLiteral("connection")));
    connect(m_ui->actionConnections, &QAction::triggered, this, &MainWindow::showConnections);

    connect(m_ui->actionNewCatalog, &QAction::triggered, this, [this] { chooseCatalog(true); });
    connect(m_ui->actionOpenCatalog, &QAction::triggered, this, [this] { chooseCatalog(false); });
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionPreferences, &QAction::triggered, this, &MainWindow::showPreferences);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->actionRefresh, &QAction::triggered, this, &MainWindow::refreshAll);
    connect(m_ui->actionFindNamespace, &QAction::triggered, panel, &NamespacePanel::focusFilter);
    connect(m_ui->actionFindKey, &QAction::triggered, this, [this] {
        m_ui->namespacePage->tabs()->setCurrentIndex(NamespacePage::KvStoreTab);
        m_ui->namespacePage->kvStore()->focusFilter();
    });
    connect(m_ui->actionShowToolbar, &QAction::toggled, m_ui->toolBar, &QToolBar::setVisible);
    connect(m_ui->emptyNewNamespaceButton, &QPushButton::clicked, panel->newNamespaceAction(),
            &QAction::trigger);
    updateRecentMenu();
}

void MainWindow::setUpStatusBar()
{
    m_catalogLabel = new QLabel(this);
    m_catalogLabel->setObjectName(QStringLiteral("catalogLabel"));
    m_catalogLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("keyCountLabel"));
    statusBar()->addWidget(m_catalogLabel, 1);
    statusBar()->addPermanentWidget(m_context.tasks);
    statusBar()->addPermanentWidget(m_countLabel);
}

void MainWindow::connectWidgets()
{
    NamespacePanel* panel = m_ui->namespacePanel;
    NamespacePage* page = m_ui->namespacePage;
    connect(panel, &NamespacePanel::currentNamespaceChanged, this, &MainWindow::onNamespaceChanged);
    connect(panel, &NamespacePanel::statusMessage, this, &MainWindow::showStatus);
    connect(panel, &NamespacePanel::recovered, this, [this] {
        showStatus(tr("The catalog answers again"));
        if (!m_ui->namespacePanel->currentNamespace().isEmpty())
            m_ui->namespacePage->refresh();
    });
    connect(panel->model(), &NamespaceTreeModel::loaded, this, [this] {
        const QString ns = m_ui->namespacePanel->currentNamespace();
        if (!ns.isEmpty())
            m_ui->namespacePage->overview()->setNamespace(
                ns, m_ui->namespacePanel->childNamespaces(ns));
        qint64 total = 0;
        NamespaceTreeModel* model = m_ui->namespacePanel->model();
        std::function<void(const QModelIndex&)> sum = [&](const QModelIndex& parent) {
            for (int row = 0; row < model->rowCount(parent); ++row) {
                const QModelIndex index = model->index(row, 0, parent);
                total += index.data(NamespaceTreeModel::KeyCountRole).toLongLong();
                sum(index);
            }
        };
        sum(QModelIndex());
        m_countLabel->setText(
            tr("%Ln key(s) in the catalog", nullptr, int(qMin<qint64>(total, INT_MAX))));
    });
    connect(page, &NamespacePage::namespaceActivated, panel, &NamespacePanel::selectNamespace);
    connect(page, &NamespacePage::pairsChanged, panel, &NamespacePanel::reload);
    connect(page->kvStore(), &KvStoreWidget::statusMessage, this, &MainWindow::showStatus);
    connect(m_context.tasks, &TaskStatusWidget::taskFinished, this, [this] { updateTitle(); });
}

void MainWindow::onNamespaceChanged(const QString& ns)
{
    if (ns.isEmpty()) {
        m_ui->pages->setCurrentWidget(m_ui->emptyPage);
    } else {
        m_ui->namespacePage->setNamespace(ns, m_ui->namespacePanel->childNamespaces(ns));
        m_ui->pages->setCurrentWidget(m_ui->namespacePage);
    }
    updateTitle();
}

void MainWindow::updateTitle()
{
    const QString ns = m_ui->namespacePanel->currentNamespace();
    QString title = tr("KV Desk");
    if (m_catalog)
        title = QDir::toNativeSeparators(m_catalog->location()) + QStringLiteral(" — ") + title;
    if (!ns.isEmpty())
        title = ns + QStringLiteral(" — ") + title;
    setWindowTitle(title);
    m_catalogLabel->setText(
        m_catalog ? tr("Catalog: %1").arg(QDir::toNativeSeparators(m_catalog->location()))
                  : tr("No catalog open"));
}

void MainWindow::refreshAll()
{
    m_ui->namespacePanel->reload();
    if (!m_ui->namespacePanel->currentNamespace().isEmpty())
        m_ui->namespacePage->refresh();
}

void MainWindow::showStatus(const QString& message)
{
    statusBar()->showMessage(message, statusMessageMs);
}

void MainWindow::showPreferences()
{
    auto* dialog = new PreferencesDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showAbout()
{
    m_context.prompter->inform(
        this, tr("About KV Desk"),
        tr("KV Desk %1\n\nInspect and edit namespaced key-value catalogs: local folders or "
           "servers that speak the Kestra KV API.\n\nBuilt with Qt %2.")
            .arg(QCoreApplication::applicationVersion(), QLatin1String(qVersion())));
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const QByteArray splitter = settings.value(QStringLiteral("window/splitter")).toByteArray();
    if (!splitter.isEmpty())
        m_ui->splitter->restoreState(splitter);
    m_ui->actionShowToolbar->setChecked(!m_ui->toolBar->isHidden());
    m_ui->namespacePage->kvStore()->restoreState(settings);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_ui->splitter->saveState());
    m_ui->namespacePage->kvStore()->saveState(settings);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_context.tasks->runningCount() > 0 &&
        !m_context.prompter->confirm(this, tr("Quit KV Desk"),
                                     tr("An operation is still running. Quit and cancel it?"),
                                     tr("Quit"))) {
        event->ignore();
        return;
    }
    m_context.tasks->cancelAll();
    saveSettings();
    event->accept();
}
