#pragma once

#include "AppContext.h"

#include <memory>
#include <QWidget>

namespace kv {
class Catalog;
}
namespace Ui {
class NamespacePage;
}
class KvStoreWidget;
class OverviewWidget;
class QTabWidget;

// The right side of the main window for one namespace: a title and the tabs Overview, KV Store
// and the Kestra Enterprise Edition tabs (Edit, Variables, Plugin defaults, Secrets, Audit logs),
// which are shown disabled with a tooltip and a hint.
class NamespacePage : public QWidget
{
    Q_OBJECT
public:
    enum Tab {
        OverviewTab,
        KvStoreTab,
        EditTab,
        VariablesTab,
        PluginDefaultsTab,
        SecretsTab,
        AuditLogsTab
    };

    explicit NamespacePage(QWidget* parent = nullptr);
    ~NamespacePage() override;

    void setContext(const AppContext& context);
    void setCatalog(kv::Catalog* catalog);
    void setNamespace(const QString& ns, const QStringList& children);
    QString currentNamespace() const { return m_ns; }
    void refresh();

    KvStoreWidget* kvStore() const;
    OverviewWidget* overview() const;
    QTabWidget* tabs() const;

signals:
    void namespaceActivated(const QString& ns);
    void pairsChanged();

private:
    std::unique_ptr<Ui::NamespacePage> m_ui;
    QString m_ns;
};
