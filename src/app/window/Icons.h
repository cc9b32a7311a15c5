#pragma once

#include <QIcon>
#include <QString>

// The application's icons: monochrome SVGs from resources/icons drawn with "currentColor",
// painted in the palette's text colour of the moment, so they suit light and dark palettes and
// stay sharp at any device pixel ratio.
class Icons
{
public:
    // `name` is a file name in resources/icons without ".svg", e.g. "delete".
    static QIcon get(const QString& name);
};
