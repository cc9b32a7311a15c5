// Renders the application icon from its SVG (with QtSvg, as the application itself does) and
// writes the platform containers: hicolor PNGs for Linux, an .ico for Windows (PNG entries, one
// per size) and an .icns for macOS (PNG entries, 16 px to 512 px @2x).
#pragma once

#include <memory>
#include <QByteArray>
#include <QImage>
#include <QList>
#include <QString>

class QSvgRenderer;

namespace kvpack {

class IconSet
{
public:
    // One entry of an .icns file: its OSType and the pixel size of its PNG.
    struct IcnsEntry
    {
        const char* type;
        int pixels;
    };

    // Loads the SVG. On failure isValid() is false and errorString() names the problem.
    explicit IconSet(const QString& svgPath);
    ~IconSet();
    IconSet(const IconSet&) = delete;
    IconSet& operator=(const IconSet&) = delete;

    bool isValid() const;
    QString errorString() const;

    // A square ARGB image of size x size pixels, the drawing centred with its aspect ratio kept.
    QImage render(int size) const;

    // The PNG encoding of render(size).
    QByteArray png(int size) const;

    // An .ico file holding one PNG entry per size (sizes 1 to 256).
    QByteArray ico(const QList<int>& sizes) const;

    // An .icns file holding a PNG entry for every type in icnsEntries().
    QByteArray icns() const;

    // The sizes put into the Windows .ico.
    static QList<int> icoSizes();
    // The entries put into the macOS .icns.
    static QList<IcnsEntry> icnsEntries();

private:
    std::unique_ptr<QSvgRenderer> m_renderer;
    QString m_error;
};

} // namespace kvpack
