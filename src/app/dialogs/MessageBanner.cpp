#include "MessageBanner.h"

#include <QLabel>
#include <QPalette>

namespace MessageBanner {

namespace {

// Colours that read on light and dark palettes alike: a tinted background with a border in the
// strong colour, and the palette's own text colour.
QString styleFor(Kind kind)
{
    const QString strong =
        kind == Kind::Error ? QStringLiteral("#d9534f") : QStringLiteral("#3d8fd1");
    return QStringLiteral("QLabel { border: 1px solid %1; border-radius: 4px; padding: 6px 8px;"
                          " background-color: rgba(%2, 0.14); }")
        .arg(strong,
             kind == Kind::Error ? QStringLiteral("217, 83, 79") : QStringLiteral("61, 143, 209"));
}

} // namespace

void show(QLabel* label, const QString& text, Kind kind)
{
    if (text.isEmpty()) {
        hide(label);
        return;
    }
    label->setStyleSheet(styleFor(kind));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setText(text);
    label->setVisible(true);
}

void hide(QLabel* label)
{
    label->clear();
    label->setVisible(false);
}

void setProblem(QLabel* label, const QString& text)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xd9, 0x53, 0x4f));
    label->setPalette(palette);
    label->setWordWrap(true);
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace MessageBanner
