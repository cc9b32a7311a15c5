#include "NamespacePanel.h"

#include "Catalog.h"
#include "ErrorText.h"
#include "FutureWatch.h"
#include "Icons.h"
#include "NamespaceDialog.h"
#include "NamespaceTreeModel.h"
#include "Prompter.h"
#include "ui_NamespacePanel.h"
#include "UnsupportedActions.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTimer>

NamespacePanel::NamespacePanel(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::NamespacePanel>())
    , m_model(new NamespaceTreeModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(NamespaceTreeModel::NameColumn);
    m_proxy->setFilterRole(NamespaceTreeModel::NamespaceRole);
    m_proxy->setSortRole(Qt::DisplayRole);
    m_ui->tree->setModel(m_proxy);
    m_ui->tree->sortByColumn(NamespaceTreeModel::NameColumn, Qt::AscendingOrder);
    m_ui->tree->header()->setStretchLastSection(false);
    m_ui->tree->header()->setSectionResizeMode(NamespaceTreeModel::NameColumn,
                                               QHeaderView::Stretch);
    m_ui->tree->header()->setSectionResizeMode(NamespaceTreeModel::KeyCountColumn,
                                               QHeaderView::ResizeToContents);
    m_ui->emptyHint->setVisible(false);
    m_emptyText = m_ui->emptyHint->text();
    m_retryTimer = new QTimer(this);
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &NamespacePanel::reload);
    createActions();

    connect(m_ui->filterEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text.trimmed());
        if (!text.trimmed().isEmpty())
            m_ui->tree->expandAll();
    });
    connect(m_ui->tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &NamespacePanel::onCurrentChanged);
    connect(m_ui->tree, &QWidget::customContextMenuRequested, this,
            &NamespacePanel::showContextMenu);
    connect(m_model, &NamespaceTreeModel::loaded, this, &NamespacePanel::onLoaded);
    connect(m_model, &NamespaceTreeModel::failed, this, &NamespacePanel::onFailed);
    updateActions();
}

NamespacePanel::~NamespacePanel() = default;

void NamespacePanel::createActions()
{
    m_newNamespace =
        new QAction(Icons::get(QStringLiteral("namespace-add")), tr("&New Namespace…"), this);
    m_newNamespace->setShortcut(QKeySequence(tr("Ctrl+Shift+N")));
    m_newNamespace->setToolTip(tr("Create a top-level namespace"));
    m_newChild = new QAction(tr("New &Child Namespace…"), this);
    m_newChild->setToolTip(tr("Create a namespace below the selected one"));
    m_delete = new QAction(Icons::get(QStringLiteral("delete")), tr("&Delete Namespace…"), this);
    m_delete->setToolTip(tr("Delete the selected namespace with its pairs and child namespaces"));
    m_copyName = new QAction(Icons::get(QStringLiteral("copy")), tr("Copy Namespace &Name"), this);
    connect(m_newNamespace, &QAction::triggered, this, [this] { newNamespace(QString()); });
    connect(m_newChild, &QAction::triggered, this, [this] { newNamespace(m_current); });
    connect(m_delete, &QAction::triggered, this, &NamespacePanel::deleteCurrent);
    connect(m_copyName, &QAction::triggered, this,
            [this] { QGuiApplication::clipboard()->setText(m_current); });
}

void NamespacePanel::setContext(const AppContext& context)
{
    m_context = context;
}

void NamespacePanel::setCatalog(kv::Catalog* catalog)
{
    m_catalog = catalog;
    m_retryTimer->stop();
    m_retryDelayMs = 0;
    m_failedLoad = false;
    m_ui->emptyHint->setText(m_emptyText);
    m_current.clear();
    m_model->setCatalog(catalog);
    updateActions();
    emit currentNamespaceChanged(QString());
}

QString NamespacePanel::currentNamespace() const
{
    return m_current;
}

void NamespacePanel::selectNamespace(const QString& ns)
{
    const QModelIndex source = m_model->indexOf(ns);
    if (!source.isValid()) {
        m_pendingSelection = ns; // after the next load
        return;
    }
    m_pendingSelection.clear();
    if (!m_proxy->mapFromSource(source).isValid())
        m_ui->filterEdit->clear(); // the filter hides it
    const QModelIndex index = m_proxy->mapFromSource(source);
    m_ui->tree->scrollTo(index);
    m_ui->tree->setCurrentIndex(index);
}

QStringList NamespacePanel::childNamespaces(const QString& ns) const
{
    return m_model->childNamespaces(ns);
}

void NamespacePanel::reload()
{
    m_model->reload();
}

void NamespacePanel::focusFilter()
{
    m_ui->filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_ui->filterEdit->selectAll();
}

void NamespacePanel::onCurrentChanged()
{
    const QModelIndex index = m_ui->tree->currentIndex();
    const QString ns = index.data(NamespaceTreeModel::NamespaceRole).toString();
    updateActions();
    if (ns == m_current)
        return;
    m_current = ns;
    updateActions();
    emit currentNamespaceChanged(ns);
}

void NamespacePanel::onFailed(const kv::CatalogError& error)
{
    const QString message = ErrorText::describe(error);
    // Keep what is shown and try again, less often each time: a server may come back.
    constexpr int firstDelayMs = 3000;
    constexpr int maxDelayMs = 60'000;
    m_failedLoad = true;
    m_retryDelayMs = m_retryDelayMs == 0 ? firstDelayMs : qMin(2 * m_retryDelayMs, maxDelayMs);
    m_ui->emptyHint->setText(tr("The catalog cannot be read: %1\nTrying again in %2 s (or press "
                                "F5).")
                                 .arg(message)
                                 .arg(m_retryDelayMs / 1000));
    m_ui->emptyHint->setVisible(true);
    m_retryTimer->start(m_retryDelayMs);
    emit statusMessage(message);
}

void NamespacePanel::onLoaded()
{
    if (m_failedLoad) { // the load that just ended failed: onFailed() said so
        m_failedLoad = false;
        return;
    }
    if (m_retryDelayMs > 0) {
        m_retryDelayMs = 0;
        m_retryTimer->stop();
        m_ui->emptyHint->setText(m_emptyText);
        emit recovered();
    }
    updateActions(); // the server's API is known now: grey what it cannot do
    m_ui->emptyHint->setVisible(m_model->rowCount() == 0);
    if (!m_pendingSelection.isEmpty())
        selectNamespace(m_pendingSelection);
    else if (!m_current.isEmpty() && !m_model->indexOf(m_current).isValid())
        onCurrentChanged(); // the selected namespace is gone
    else if (m_current.isEmpty() && m_model->rowCount() > 0)
        m_ui->tree->setCurrentIndex(m_proxy->index(0, 0));
}

void NamespacePanel::showContextMenu(const QPoint& pos)
{
    QMenu menu(this);
    menu.addAction(m_newNamespace);
    menu.addAction(m_newChild);
    menu.addSeparator();
    menu.addAction(m_copyName);
    menu.addSeparator();
    menu.addAction(m_delete);
    menu.exec(m_ui->tree->viewport()->mapToGlobal(pos));
}

void NamespacePanel::newNamespace(const QString& parentNs)
{
    if (!m_catalog)
        return;
    auto* dialog = new NamespaceDialog(m_catalog, parentNs, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NamespaceDialog::created, this, [this](const QString& ns) {
        emit statusMessage(tr("Created namespace %1").arg(ns));
        selectNamespace(ns);
        reload();
    });
    dialog->open();
}

void NamespacePanel::deleteCurrent()
{
    if (!m_catalog || m_current.isEmpty())
        return;
    const QString ns = m_current;
    const QModelIndex index = m_model->indexOf(ns);
    const qint64 keys = index.data(NamespaceTreeModel::KeyCountRole).toLongLong();
    const int children = int(m_model->childNamespaces(ns).size());
    QString text = tr("Delete the namespace %1?").arg(ns);
    if (keys > 0 || children > 0)
        text += QLatin1Char(' ') +
                tr("It holds %n key-value pair(s)", nullptr, int(qMin<qint64>(keys, INT_MAX))) +
                QLatin1Char(' ') +
                tr("and %n child namespace(s) with all their pairs. This cannot be undone.",
                   nullptr, children);
    if (!m_context.prompter->confirm(this, tr("Delete Namespace"), text, tr("Delete")))
        return;
    whenFinished(
        m_catalog->deleteNamespace(ns, true), this,
        [this, ns] {
            emit statusMessage(tr("Deleted namespace %1").arg(ns));
            reload();
        },
        [this](const kv::CatalogError& error) {
            m_context.prompter->warn(this, tr("Delete Namespace"), ErrorText::describe(error));
            reload();
        });
}

void NamespacePanel::updateActions()
{
    const bool hasCatalog = m_catalog != nullptr;
    const bool hasCurrent = hasCatalog && !m_current.isEmpty();
    using Feature = kv::RemoteBackend::Feature;
    UnsupportedActions::update(m_newNamespace, hasCatalog, m_catalog, Feature::Namespaces);
    UnsupportedActions::update(m_newChild, hasCurrent, m_catalog, Feature::Namespaces);
    UnsupportedActions::update(m_delete, hasCurrent, m_catalog, Feature::Namespaces);
    m_copyName->setEnabled(hasCurrent);
}
