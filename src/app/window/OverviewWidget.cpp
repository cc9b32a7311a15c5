#include "OverviewWidget.h"

#include "Catalog.h"
#include "DisplayFormat.h"
#include "ErrorText.h"
#include "FutureWatch.h"
#include "ui_OverviewWidget.h"

#include <QLocale>

OverviewWidget::OverviewWidget(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::OverviewWidget>())
{
    m_ui->setupUi(this);
    QFont title = m_ui->nameValue->font();
    title.setBold(true);
    m_ui->nameValue->setFont(title);
    m_ui->enterpriseHint->setEnabled(false); // greyed, like the tabs it talks about
    connect(m_ui->purgeButton, &QPushButton::clicked, this, &OverviewWidget::purgeRequested);
    connect(m_ui->childrenValue, &QLabel::linkActivated, this, &OverviewWidget::namespaceActivated);
    clear();
}

OverviewWidget::~OverviewWidget() = default;

void OverviewWidget::setCatalog(kv::Catalog* catalog)
{
    m_catalog = catalog;
    m_ns.clear();
    ++m_generation;
    clear();
}

void OverviewWidget::setNamespace(const QString& ns, const QStringList& children)
{
    if (ns != m_ns) {
        m_ns = ns;
        clear();
    }
    QStringList links;
    for (const QString& child : children) {
        const QString label = child.mid(ns.size() + 1);
        links << QStringLiteral("<a href=\"%1\">%2</a>")
                     .arg(child.toHtmlEscaped(), label.toHtmlEscaped());
    }
    m_ui->childrenValue->setText(links.isEmpty() ? tr("None") : links.join(QStringLiteral(", ")));
    refresh();
}

void OverviewWidget::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void OverviewWidget::refresh()
{
    if (!m_catalog || m_ns.isEmpty())
        return;
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    const quint64 generation = ++m_generation;
    whenFinished(
        m_catalog->namespaceStats(m_ns), this,
        [this, generation](const kv::NamespaceStats& stats) {
            if (generation == m_generation)
                show(stats);
        },
        [this, generation](const kv::CatalogError& error) {
            if (generation == m_generation)
                m_ui->errorLabel->setText(ErrorText::describe(error));
        });
}

void OverviewWidget::show(const kv::NamespaceStats& stats)
{
    const QLocale locale;
    m_ui->errorLabel->clear();
    m_ui->nameValue->setText(stats.name);
    m_ui->descriptionValue->setText(stats.description.isEmpty() ? tr("None") : stats.description);
    m_ui->createdValue->setText(stats.createdAtMs ? DisplayFormat::dateTime(*stats.createdAtMs)
                                                  : tr("Implied by its keys or child namespaces"));
    m_ui->liveKeysValue->setText(locale.toString(stats.liveCount));
    m_ui->expiredValue->setText(locale.toString(stats.expiredCount));
    m_ui->purgeButton->setEnabled(stats.expiredCount > 0);
    m_ui->totalSizeValue->setText(DisplayFormat::size(stats.totalSize));
    m_ui->lastUpdateValue->setText(stats.lastUpdateMs ? DisplayFormat::dateTime(*stats.lastUpdateMs)
                                                      : tr("Never"));
}

void OverviewWidget::clear()
{
    const QString dash = QStringLiteral("–");
    m_ui->nameValue->setText(m_ns.isEmpty() ? dash : m_ns);
    for (QLabel* label : {m_ui->descriptionValue, m_ui->createdValue, m_ui->liveKeysValue,
                          m_ui->expiredValue, m_ui->totalSizeValue, m_ui->lastUpdateValue})
        label->setText(dash);
    m_ui->purgeButton->setEnabled(false);
    m_ui->errorLabel->clear();
}
