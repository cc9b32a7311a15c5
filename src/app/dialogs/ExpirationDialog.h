#pragma once

#include <memory>
#include <QDialog>

namespace kv {
class Catalog;
class Clock;
} // namespace kv
namespace Ui {
class ExpirationDialog;
}

// Changes (or removes) the expiration of several pairs at once, without rewriting their values
// (Catalog::expire). All or nothing: when one pair is gone, nothing changes and the dialog says
// which.
class ExpirationDialog : public QDialog
{
    Q_OBJECT
public:
    ExpirationDialog(kv::Catalog* catalog, const QString& ns, const QStringList& keys,
                     QWidget* parent = nullptr);
    ~ExpirationDialog() override;

    void setClock(std::shared_ptr<const kv::Clock> clock);
    void accept() override; // applies the change; closes only when it worked

signals:
    void applied(const QStringList& keys);

private:
    void validate();

    std::unique_ptr<Ui::ExpirationDialog> m_ui;
    kv::Catalog* m_catalog;
    QString m_ns;
    QStringList m_keys;
    bool m_busy = false;
};
