#include "Prompter.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>

bool WidgetPrompter::confirm(QWidget* parent, const QString& title, const QString& text,
                             const QString& acceptLabel)
{
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Cancel, parent);
    QPushButton* accept = box.addButton(acceptLabel, QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == accept;
}

void WidgetPrompter::warn(QWidget* parent, const QString& title, const QString& text)
{
    QMessageBox::warning(parent, title, text);
}

void WidgetPrompter::inform(QWidget* parent, const QString& title, const QString& text)
{
    QMessageBox::information(parent, title, text);
}

QString WidgetPrompter::saveFileName(QWidget* parent, const QString& title,
                                     const QString& suggested, const QString& filter)
{
    return QFileDialog::getSaveFileName(parent, title, suggested, filter);
}

QString WidgetPrompter::openFileName(QWidget* parent, const QString& title, const QString& filter)
{
    return QFileDialog::getOpenFileName(parent, title, QString(), filter);
}

QString WidgetPrompter::existingDirectory(QWidget* parent, const QString& title,
                                          const QString& start)
{
    return QFileDialog::getExistingDirectory(parent, title, start);
}

std::optional<QString> WidgetPrompter::askSecret(QWidget* parent, const QString& title,
                                                 const QString& label)
{
    bool ok = false;
    const QString secret =
        QInputDialog::getText(parent, title, label, QLineEdit::Password, QString(), &ok);
    if (!ok)
        return std::nullopt;
    return secret;
}
