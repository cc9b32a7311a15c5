// KvStoreWidget: the table, its filter, selection, menus and saved state. The actions on pairs
// are in KvStoreActions.cpp.
#include "KvStoreWidget.h"

#include "DisplayFormat.h"
#include "ErrorText.h"
#include "Icons.h"
#include "KvTableModel.h"
#include "RowWindowScroller.h"
#include "ui_KvStoreWidget.h"
#include "UnsupportedActions.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QTimer>
#include <QToolButton>

namespace {
constexpr int filterDelayMs = 200;
const QString headerStateKey = QStringLiteral("kvtable/header");
const QString includeValuesKey = QStringLiteral("kvtable/exportValues");
} // namespace

KvStoreWidget::KvStoreWidget(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::KvStoreWidget>())
    , m_filterTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    // The scroll bar the user sees covers the whole result, so it is not the table's own (which
    // covers the model's window of rows): it sits beside the table, inside the table's frame.
    auto* frame = new QFrame(this);
    frame->setFrameStyle(m_ui->table->frameStyle());
    delete layout()->replaceWidget(m_ui->table, frame);
    m_ui->table->setFrameShape(QFrame::NoFrame);
    m_scrollBar = new QScrollBar(Qt::Vertical, frame);
    auto* row = new QHBoxLayout(frame);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    row->addWidget(m_ui->table);
    row->addWidget(m_scrollBar);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(filterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &KvStoreWidget::applyFilter);
    connect(m_ui->filterEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_ui->filterEdit, &QLineEdit::returnPressed, this, &KvStoreWidget::applyFilter);
    connect(m_ui->filterMode, &QComboBox::currentIndexChanged, this, &KvStoreWidget::applyFilter);
    m_ui->table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_ui->table->horizontalHeader()->setSectionsMovable(true);
    m_ui->table->verticalHeader()->setDefaultSectionSize(m_ui->table->fontMetrics().height() + 8);
    connect(m_ui->table, &QWidget::customContextMenuRequested, this,
            &KvStoreWidget::showContextMenu);
    connect(m_ui->table->horizontalHeader(), &QWidget::customContextMenuRequested, this,
            &KvStoreWidget::showHeaderMenu);
    connect(m_ui->table, &QAbstractItemView::activated, this, &KvStoreWidget::editCurrent);
    createActions();
    updateActions();
}

KvStoreWidget::~KvStoreWidget() = default;

void KvStoreWidget::createActions()
{
    auto make = [this](const char* icon, const QString& text, const QString& tip) {
        auto* action = new QAction(text, this);
        if (icon)
            action->setIcon(Icons::get(QLatin1String(icon)));
        action->setToolTip(tip);
        return action;
    };
    Actions& a = m_actions;
    a.create = make("add", tr("&New Key-Value…"), tr("Add a key-value pair to this namespace"));
    a.create->setShortcut(QKeySequence::New);
    a.edit = make("edit", tr("&Edit…"), tr("Edit the selected pair (Enter or double-click)"));
    a.remove = make("delete", tr("&Delete…"), tr("Delete the selected pairs"));
    a.remove->setShortcut(QKeySequence::Delete);
    a.copyKey = make("copy", tr("&Copy Key"), tr("Copy the selected keys"));
    a.copyKey->setShortcut(QKeySequence::Copy);
    a.copyValue = make(nullptr, tr("Copy &Value"), tr("Copy the value of the selected pair"));
    a.copyValue->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
    a.copyExpression = make(nullptr, tr("Copy kv() E&xpression"),
                            tr("Copy {{ kv('KEY') }} for use in a Kestra flow"));
    a.changeExpiration = make("expiration", tr("Change E&xpiration…"),
                              tr("Set a new time to live, or none, for the selected pairs"));
    a.purge = make("purge", tr("&Purge Expired…"), tr("Remove expired pairs"));
    a.exportAll = make("export", tr("&Export Namespace as CSV…"),
                       tr("Write every pair of this namespace to a CSV file"));
    a.exportSelection = make(nullptr, tr("Export &Selection as CSV…"),
                             tr("Write the selected pairs to a CSV file"));
    a.includeValues = make(nullptr, tr("Include &Values in CSV Exports"),
                           tr("Add a value column to exported CSV files"));
    a.includeValues->setCheckable(true);
    a.import =
        make("import", tr("&Import CSV…"), tr("Read pairs from a CSV file into this namespace"));
    for (QAction* action : {a.create, a.edit, a.remove, a.copyKey, a.copyValue})
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addActions({a.create, a.edit, a.remove, a.copyKey, a.copyValue});

    connect(a.create, &QAction::triggered, this, &KvStoreWidget::createPair);
    connect(a.edit, &QAction::triggered, this, &KvStoreWidget::editCurrent);
    connect(a.remove, &QAction::triggered, this, &KvStoreWidget::deleteSelected);
    connect(a.copyKey, &QAction::triggered, this, &KvStoreWidget::copyKeys);
    connect(a.copyValue, &QAction::triggered, this, &KvStoreWidget::copyValue);
    connect(a.copyExpression, &QAction::triggered, this, &KvStoreWidget::copyExpressions);
    connect(a.changeExpiration, &QAction::triggered, this, &KvStoreWidget::changeExpiration);
    connect(a.purge, &QAction::triggered, this, &KvStoreWidget::purgeExpired);
    connect(a.exportAll, &QAction::triggered, this, [this] { exportCsv(false); });
    connect(a.exportSelection, &QAction::triggered, this, [this] { exportCsv(true); });
    connect(a.import, &QAction::triggered, this, &KvStoreWidget::importCsv);

    m_ui->toolbar->addActions({a.create, a.edit, a.remove});
    m_ui->toolbar->addSeparator();
    m_ui->toolbar->addActions({a.changeExpiration, a.purge});
    m_ui->toolbar->addSeparator();
    m_ui->toolbar->addActions({a.exportAll, a.import});
    // The one action everybody looks for gets its words too, like Kestra's "+ New Key-Value".
    if (auto* button = qobject_cast<QToolButton*>(m_ui->toolbar->widgetForAction(a.create)))
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
}

void KvStoreWidget::setContext(const AppContext& context)
{
    m_context = context;
    if (m_model)
        return;
    m_model = new KvTableModel(context.clock, this);
    m_ui->table->setModel(m_model);
    m_rowWindow = new RowWindowScroller(m_ui->table, m_model, m_scrollBar, this);
    m_ui->table->sortByColumn(KvTableModel::KeyColumn, Qt::AscendingOrder);
    // Widths that fit typical content in the user's font and locale.
    QHeaderView* header = m_ui->table->horizontalHeader();
    const QFontMetrics metrics = m_ui->table->fontMetrics();
    const int x = metrics.horizontalAdvance(QLatin1Char('x'));
    const qint64 sampleTime = QDateTime(QDate(2026, 12, 28), QTime(23, 59, 58)).toMSecsSinceEpoch();
    const int dateWidth = metrics.horizontalAdvance(DisplayFormat::dateTime(sampleTime)) + 2 * x;
    header->resizeSection(KvTableModel::KeyColumn, 26 * x);
    header->resizeSection(KvTableModel::TypeColumn,
                          metrics.horizontalAdvance(QStringLiteral("DATETIME")) + 3 * x);
    header->resizeSection(KvTableModel::ValueColumn, 26 * x);
    header->resizeSection(KvTableModel::DescriptionColumn, 24 * x);
    for (int column :
         {KvTableModel::CreatedColumn, KvTableModel::UpdatedColumn, KvTableModel::ExpiresColumn})
        header->resizeSection(column, dateWidth);
    int ttlWidth = 0;
    for (const qint64 left :
         {3'599'000LL, 86'340'000LL, 2'588'400'000LL}) // 59:59, 23:59, 29 d 23 h
        ttlWidth = qMax(ttlWidth, metrics.horizontalAdvance(DisplayFormat::timeLeft(left, 0)));
    header->resizeSection(KvTableModel::TtlLeftColumn, ttlWidth + 3 * x);
    connect(m_model, &KvTableModel::countChanged, this, &KvStoreWidget::updateCountLabel);
    connect(m_model, &KvTableModel::loadingChanged, this, &KvStoreWidget::updateCountLabel);
    connect(m_model, &KvTableModel::failed, this, [this](const kv::CatalogError& error) {
        emit statusMessage(ErrorText::describe(error));
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &KvStoreWidget::updateActions);
    connect(m_ui->table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &KvStoreWidget::updateActions);
}

void KvStoreWidget::setCatalog(kv::Catalog* catalog)
{
    m_catalog = catalog;
    m_ns.clear();
    if (m_model) {
        m_model->setNamespace(QString());
        m_model->setCatalog(catalog);
    }
    updateActions();
}

void KvStoreWidget::setNamespace(const QString& ns)
{
    if (ns == m_ns)
        return;
    m_ns = ns;
    m_ui->filterEdit->blockSignals(true);
    m_ui->filterEdit->clear();
    m_ui->filterEdit->blockSignals(false);
    m_filterTimer->stop();
    m_model->setKeyFilter(QString(), KvTableModel::FilterMode::Prefix);
    m_model->setNamespace(ns);
    updateActions();
    updateCountLabel();
}

QTableView* KvStoreWidget::table() const
{
    return m_ui->table;
}

void KvStoreWidget::focusFilter()
{
    m_ui->filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_ui->filterEdit->selectAll();
}

void KvStoreWidget::saveState(QSettings& settings) const
{
    settings.setValue(headerStateKey, m_ui->table->horizontalHeader()->saveState());
    settings.setValue(includeValuesKey, m_actions.includeValues->isChecked());
}

void KvStoreWidget::restoreState(const QSettings& settings)
{
    const QByteArray header = settings.value(headerStateKey).toByteArray();
    if (!header.isEmpty() && m_ui->table->horizontalHeader()->restoreState(header)) {
        // restoreState sets the sort indicator; push that order down to the model.
        const QHeaderView* h = m_ui->table->horizontalHeader();
        m_model->sort(h->sortIndicatorSection(), h->sortIndicatorOrder());
    }
    m_actions.includeValues->setChecked(settings.value(includeValuesKey, false).toBool());
}

void KvStoreWidget::refresh()
{
    if (m_model && !m_ns.isEmpty())
        m_model->refresh();
}

void KvStoreWidget::applyFilter()
{
    m_filterTimer->stop();
    if (!m_model)
        return;
    const auto mode = m_ui->filterMode->currentIndex() == 1 ? KvTableModel::FilterMode::Contains
                                                            : KvTableModel::FilterMode::Prefix;
    m_model->setKeyFilter(m_ui->filterEdit->text().trimmed(), mode);
    updateCountLabel();
}

QList<int> KvStoreWidget::selectedRows() const
{
    QList<int> rows;
    if (!m_ui->table->selectionModel())
        return rows;
    for (const QModelIndex& index : m_ui->table->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void KvStoreWidget::updateActions()
{
    const bool ready = m_catalog && m_model && !m_ns.isEmpty();
    const qsizetype selected = ready ? selectedRows().size() : 0;
    const Actions& a = m_actions;
    for (QAction* action : {a.create, a.exportAll})
        action->setEnabled(ready);
    for (QAction* action : {a.remove, a.copyKey, a.copyExpression, a.exportSelection})
        action->setEnabled(selected > 0);
    using Feature = kv::RemoteBackend::Feature;
    UnsupportedActions::update(a.purge, ready, m_catalog, Feature::Purge);
    UnsupportedActions::update(a.import, ready, m_catalog, Feature::Import);
    UnsupportedActions::update(a.changeExpiration, selected > 0, m_catalog, Feature::Expiration);
    a.edit->setEnabled(selected == 1);
    a.copyValue->setEnabled(selected == 1);
}

void KvStoreWidget::updateCountLabel()
{
    if (!m_model || m_ns.isEmpty()) {
        m_ui->countLabel->clear();
        return;
    }
    const qint64 total = m_model->totalCount();
    const QString filter = m_ui->filterEdit->text().trimmed();
    QString text;
    if (total < 0)
        text = tr("Counting…");
    else if (filter.isEmpty())
        text = tr("%Ln key(s)", nullptr, int(qMin<qint64>(total, INT_MAX)));
    else
        text = tr("%Ln key(s) match “%1”", nullptr, int(qMin<qint64>(total, INT_MAX))).arg(filter);
    if (m_model->isLoading() && total >= 0)
        text += QStringLiteral(" · ") + tr("loading…");
    m_ui->countLabel->setText(text);
}

void KvStoreWidget::showContextMenu(const QPoint& pos)
{
    const Actions& a = m_actions;
    QMenu menu(this);
    menu.addActions({a.create, a.edit});
    menu.addSeparator();
    menu.addActions({a.copyKey, a.copyValue, a.copyExpression});
    menu.addSeparator();
    menu.addAction(a.changeExpiration);
    menu.addAction(a.exportSelection);
    menu.addSeparator();
    menu.addAction(a.remove);
    menu.exec(m_ui->table->viewport()->mapToGlobal(pos));
}

void KvStoreWidget::showHeaderMenu(const QPoint& pos)
{
    QHeaderView* header = m_ui->table->horizontalHeader();
    QMenu menu(this);
    for (int column = 0; column < m_model->columnCount(); ++column) {
        QAction* action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        action->setEnabled(column != KvTableModel::KeyColumn); // the key always shows
        connect(action, &QAction::toggled, header,
                [header, column](bool on) { header->setSectionHidden(column, !on); });
    }
    menu.exec(header->mapToGlobal(pos));
}
