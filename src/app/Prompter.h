#pragma once

#include <optional>
#include <QString>

class QWidget;

// The one seam between the application and the questions it asks the user outside its own
// dialogs: message boxes, file pickers and secret prompts. The application uses WidgetPrompter;
// tests install a scripted one that records each question and answers it.
class Prompter
{
public:
    virtual ~Prompter() = default;

    // A yes/no question; true when the user accepts. `acceptLabel` names the action ("Delete").
    virtual bool confirm(QWidget* parent, const QString& title, const QString& text,
                         const QString& acceptLabel) = 0;
    // An error the user should read before going on.
    virtual void warn(QWidget* parent, const QString& title, const QString& text) = 0;
    // Information (a finished operation, a summary).
    virtual void inform(QWidget* parent, const QString& title, const QString& text) = 0;
    // File pickers; an empty string when the user cancels. `filter` as in QFileDialog.
    virtual QString saveFileName(QWidget* parent, const QString& title, const QString& suggested,
                                 const QString& filter) = 0;
    virtual QString openFileName(QWidget* parent, const QString& title, const QString& filter) = 0;
    virtual QString existingDirectory(QWidget* parent, const QString& title,
                                      const QString& start) = 0;
    // A password or token typed by the user; std::nullopt when cancelled.
    virtual std::optional<QString> askSecret(QWidget* parent, const QString& title,
                                             const QString& label) = 0;
};

// Asks with QMessageBox, QFileDialog and QInputDialog.
class WidgetPrompter final : public Prompter
{
public:
    bool confirm(QWidget* parent, const QString& title, const QString& text,
                 const QString& acceptLabel) override;
    void warn(QWidget* parent, const QString& title, const QString& text) override;
    void inform(QWidget* parent, const QString& title, const QString& text) override;
    QString saveFileName(QWidget* parent, const QString& title, const QString& suggested,
                         const QString& filter) override;
    QString openFileName(QWidget* parent, const QString& title, const QString& filter) override;
    QString existingDirectory(QWidget* parent, const QString& title, const QString& start) override;
    std::optional<QString> askSecret(QWidget* parent, const QString& title,
                                     const QString& label) override;
};
