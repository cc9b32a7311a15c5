#pragma once

#include "domain/CatalogTypes.h"

#include <memory>
#include <QDialog>
#include <QFuture>

namespace kv {
class Catalog;
}
namespace Ui {
class PurgeDialog;
}
class Prompter;
class QPushButton;

// Removes pairs in bulk: where (this namespace, with its children, or the whole catalog), what
// (expired pairs by default; all pairs only after a second, explicit confirmation), optionally
// only keys matching a glob or created before a date. Preview counts without removing. The purge
// runs in the background with a progress bar and Cancel; the dialog is not modal, so the main
// window stays usable meanwhile.
class PurgeDialog : public QDialog
{
    Q_OBJECT
public:
    PurgeDialog(kv::Catalog* catalog, Prompter* prompter, const QString& ns,
                QWidget* parent = nullptr);
    ~PurgeDialog() override;

    kv::PurgeRequest request() const; // what the form asks for (dryRun false)
    void preview();
    void purge();

signals:
    void purged(const kv::PurgeResult& result);

protected:
    void reject() override; // cancels a running purge first

private:
    void setRunning(bool running);
    void formChanged();
    QString scopeText() const;

    std::unique_ptr<Ui::PurgeDialog> m_ui;
    kv::Catalog* m_catalog;
    Prompter* m_prompter;
    QString m_ns;
    QPushButton* m_purgeButton = nullptr;
    QFuture<kv::PurgeResult> m_running;
    quint64 m_previewGeneration = 0;
};
