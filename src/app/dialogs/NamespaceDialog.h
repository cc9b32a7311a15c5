#pragma once

#include <memory>
#include <QDialog>

namespace kv {
class Catalog;
}
namespace Ui {
class NamespaceDialog;
}

// Creates a namespace, top-level or below `parentNs`: the name is checked against the rules as
// it is typed, and OK stays disabled until it is valid. A clash with an existing namespace is
// shown in the dialog, which keeps what was typed.
class NamespaceDialog : public QDialog
{
    Q_OBJECT
public:
    NamespaceDialog(kv::Catalog* catalog, const QString& parentNs, QWidget* parent = nullptr);
    ~NamespaceDialog() override;

    QString namespaceName() const; // the full name as typed (parent included)
    void accept() override;        // creates it; closes only when that worked

signals:
    void created(const QString& ns);

private:
    void validate();
    void setBusy(bool busy);

    std::unique_ptr<Ui::NamespaceDialog> m_ui;
    kv::Catalog* m_catalog;
    QString m_parent;
    bool m_busy = false;
};
