#pragma once

#include "Prompter.h"

#include <QQueue>
#include <QString>
#include <QStringList>

// A Prompter for GUI tests: records every question and answers from queues the test fills.
// An unexpected question (empty queue) is answered "no" / cancelled and still recorded, so a
// test can assert on `asked` to see it.
class ScriptedPrompter final : public Prompter
{
public:
    QStringList asked;             // "confirm: <text>", "warn: <text>", "save: <title>", ...
    QQueue<bool> confirmAnswers;   // answers for confirm(), in order
    QQueue<QString> fileAnswers;   // answers for saveFileName / openFileName / existingDirectory
    QQueue<QString> secretAnswers; // answers for askSecret (a null QString cancels)

    bool confirm(QWidget*, const QString&, const QString& text, const QString&) override
    {
        asked << QStringLiteral("confirm: ") + text;
        return !confirmAnswers.isEmpty() && confirmAnswers.dequeue();
    }
    void warn(QWidget*, const QString&, const QString& text) override
    {
        asked << QStringLiteral("warn: ") + text;
    }
    void inform(QWidget*, const QString&, const QString& text) override
    {
        asked << QStringLiteral("inform: ") + text;
    }
    QString saveFileName(QWidget*, const QString& title, const QString&, const QString&) override
    {
        asked << QStringLiteral("save: ") + title;
        return fileAnswers.isEmpty() ? QString() : fileAnswers.dequeue();
    }
    QString openFileName(QWidget*, const QString& title, const QString&) override
    {
        asked << QStringLiteral("open: ") + title;
        return fileAnswers.isEmpty() ? QString() : fileAnswers.dequeue();
    }
    QString existingDirectory(QWidget*, const QString& title, const QString&) override
    {
        asked << QStringLiteral("directory: ") + title;
        return fileAnswers.isEmpty() ? QString() : fileAnswers.dequeue();
    }
    std::optional<QString> askSecret(QWidget*, const QString& title, const QString&) override
    {
        asked << QStringLiteral("secret: ") + title;
        if (secretAnswers.isEmpty() || secretAnswers.head().isNull()) {
            if (!secretAnswers.isEmpty())
                secretAnswers.dequeue();
            return std::nullopt;
        }
        return secretAnswers.dequeue();
    }
};
