#pragma once

#include <QString>

class QLabel;

// The inline message at the top of a dialog (KeePassXC style): errors from the catalog appear
// there, next to what the user typed, instead of in a second window.
namespace MessageBanner {

enum class Kind { Error, Information };

// Shows `text` in `label` styled for `kind`; an empty text hides the label.
void show(QLabel* label, const QString& text, Kind kind = Kind::Error);
void hide(QLabel* label);
// Styles a label as a field's problem line (small, error-coloured); empty text hides it.
void setProblem(QLabel* label, const QString& text);

} // namespace MessageBanner
