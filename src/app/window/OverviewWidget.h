#pragma once

#include <memory>
#include <QWidget>

namespace kv {
class Catalog;
struct NamespaceStats;
} // namespace kv
namespace Ui {
class OverviewWidget;
}

// The Overview tab of a namespace page: name, description, creation date, live and expired key
// counts, total value size, last update and the child namespaces (as links).
class OverviewWidget : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewWidget(QWidget* parent = nullptr);
    ~OverviewWidget() override;

    void setCatalog(kv::Catalog* catalog);
    void setNamespace(const QString& ns, const QStringList& children);
    // Reads the statistics now when the tab is visible, else the next time it is shown: on a
    // namespace of millions of keys the aggregate costs ~0.1 s of a worker and of the disk,
    // which the KV Store tab's first page should not wait behind.
    void refresh();

protected:
    void showEvent(QShowEvent* event) override;

signals:
    void purgeRequested();
    void namespaceActivated(const QString& ns);

private:
    void show(const kv::NamespaceStats& stats);
    void clear();

    std::unique_ptr<Ui::OverviewWidget> m_ui;
    kv::Catalog* m_catalog = nullptr;
    QString m_ns;
    quint64 m_generation = 0; // answers for an older namespace or catalog are dropped
    bool m_stale = false;     // refresh() was asked while hidden
};
