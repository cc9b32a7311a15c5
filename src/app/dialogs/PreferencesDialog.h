#pragma once

#include <memory>
#include <QDialog>

namespace Ui {
class PreferencesDialog;
}

// The application's preferences: the interface language (the system's, English or German),
// stored in QSettings under "ui/language" and applied at the next start.
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget* parent = nullptr);
    ~PreferencesDialog() override;

    void accept() override; // stores the choice

private:
    std::unique_ptr<Ui::PreferencesDialog> m_ui;
    QString m_initial;
};
