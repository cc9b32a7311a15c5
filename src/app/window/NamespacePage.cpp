#include "NamespacePage.h"

#include "KvStoreWidget.h"
#include "OverviewWidget.h"
#include "ui_NamespacePage.h"

#include <QLabel>
#include <QTabBar>

NamespacePage::NamespacePage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::NamespacePage>())
{
    m_ui->setupUi(this);
    QFont title = m_ui->titleLabel->font();
    title.setPointSizeF(title.pointSizeF() * 1.3);
    title.setBold(true);
    m_ui->titleLabel->setFont(title);

    // The Enterprise Edition tabs: present, greyed and disabled, each with its hint.
    const QList<QLabel*> hints{m_ui->editHint, m_ui->variablesHint, m_ui->pluginDefaultsHint,
                               m_ui->secretsHint, m_ui->auditLogsHint};
    for (int tab = EditTab; tab <= AuditLogsTab; ++tab) {
        const QString name = m_ui->tabs->tabText(tab).remove(QLatin1Char('&'));
        const QString hint = tr("%1 is a Kestra Enterprise Edition feature; it is not available "
                                "in KV Desk.")
                                 .arg(name);
        m_ui->tabs->setTabEnabled(tab, false);
        m_ui->tabs->setTabToolTip(tab, hint);
        hints.at(tab - EditTab)->setText(hint);
    }
    m_ui->tabs->setCurrentIndex(KvStoreTab);

    connect(m_ui->overviewTab, &OverviewWidget::namespaceActivated, this,
            &NamespacePage::namespaceActivated);
    connect(m_ui->overviewTab, &OverviewWidget::purgeRequested, m_ui->kvStoreTab,
            &KvStoreWidget::purgeExpired);
    connect(m_ui->kvStoreTab, &KvStoreWidget::pairsChanged, this, [this] {
        m_ui->overviewTab->refresh();
        emit pairsChanged();
    });
}

NamespacePage::~NamespacePage() = default;

void NamespacePage::setContext(const AppContext& context)
{
    m_ui->kvStoreTab->setContext(context);
}

void NamespacePage::setCatalog(kv::Catalog* catalog)
{
    m_ns.clear();
    m_ui->overviewTab->setCatalog(catalog);
    m_ui->kvStoreTab->setCatalog(catalog);
}

void NamespacePage::setNamespace(const QString& ns, const QStringList& children)
{
    m_ns = ns;
    m_ui->titleLabel->setText(ns);
    m_ui->overviewTab->setNamespace(ns, children);
    m_ui->kvStoreTab->setNamespace(ns);
}

void NamespacePage::refresh()
{
    m_ui->overviewTab->refresh();
    m_ui->kvStoreTab->refresh();
}

KvStoreWidget* NamespacePage::kvStore() const
{
    return m_ui->kvStoreTab;
}

OverviewWidget* NamespacePage::overview() const
{
    return m_ui->overviewTab;
}

QTabWidget* NamespacePage::tabs() const
{
    return m_ui->tabs;
}
