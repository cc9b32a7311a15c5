#include "IconSet.h"

#include <QBuffer>
#include <QFileInfo>
#include <QPainter>
#include <QSvgRenderer>
#include <QtEndian>

namespace kvpack {

namespace {

void appendLe16(QByteArray& out, quint16 value)
{
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

void appendLe32(QByteArray& out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

void appendBe32(QByteArray& out, quint32 value)
{
    char bytes[4];
    qToBigEndian(value, bytes);
    out.append(bytes, 4);
}

} // namespace

IconSet::IconSet(const QString& svgPath)
{
    if (!QFileInfo::exists(svgPath)) {
        m_error = QStringLiteral("%1: no such file").arg(svgPath);
        return;
    }
    m_renderer = std::make_unique<QSvgRenderer>(svgPath);
    if (!m_renderer->isValid()) {
        m_error = QStringLiteral("%1: not an SVG image QtSvg can render").arg(svgPath);
        m_renderer.reset();
        return;
    }
    m_renderer->setAspectRatioMode(Qt::KeepAspectRatio);
}

IconSet::~IconSet() = default;

bool IconSet::isValid() const
{
    return m_renderer != nullptr;
}

QString IconSet::errorString() const
{
    return m_error;
}

QImage IconSet::render(int size) const
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    if (!m_renderer) {
        return image;
    }
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    m_renderer->render(&painter, QRectF(0, 0, size, size));
    painter.end();
    return image.convertToFormat(QImage::Format_ARGB32);
}

QByteArray IconSet::png(int size) const
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    render(size).save(&buffer, "PNG");
    return bytes;
}

QByteArray IconSet::ico(const QList<int>& sizes) const
{
    // ICONDIR, then one 16-byte ICONDIRENTRY per image, then the images (PNG, Windows Vista+).
    QList<QByteArray> images;
    for (const int size : sizes) {
        images.append(png(size));
    }
    QByteArray out;
    appendLe16(out, 0); // reserved
    appendLe16(out, 1); // type: icon
    appendLe16(out, static_cast<quint16>(sizes.size()));
    quint32 offset = 6 + 16 * static_cast<quint32>(sizes.size());
    for (qsizetype i = 0; i < sizes.size(); ++i) {
        const int size = sizes.at(i);
        const char dimension = static_cast<char>(size >= 256 ? 0 : size); // 0 means 256
        out.append(dimension);                                            // width
        out.append(dimension);                                            // height
        out.append('\0');    // colours in the palette: none
        out.append('\0');    // reserved
        appendLe16(out, 1);  // colour planes
        appendLe16(out, 32); // bits per pixel
        appendLe32(out, static_cast<quint32>(images.at(i).size()));
        appendLe32(out, offset);
        offset += static_cast<quint32>(images.at(i).size());
    }
    for (const QByteArray& image : images) {
        out.append(image);
    }
    return out;
}

QByteArray IconSet::icns() const
{
    // "icns", the total length, then (OSType, length including these 8 bytes, PNG data) entries.
    QByteArray body;
    for (const IcnsEntry& entry : icnsEntries()) {
        const QByteArray image = png(entry.pixels);
        body.append(entry.type, 4);
        appendBe32(body, static_cast<quint32>(image.size() + 8));
        body.append(image);
    }
    QByteArray out("icns");
    appendBe32(out, static_cast<quint32>(body.size() + 8));
    out.append(body);
    return out;
}

QList<int> IconSet::icoSizes()
{
    return {16, 20, 24, 32, 40, 48, 64, 256};
}

QList<IconSet::IcnsEntry> IconSet::icnsEntries()
{
    // The types iconutil writes: 16, 32, 128, 256 and 512 points, each at @1x and @2x.
    return {{"icp4", 16},  {"ic11", 32},  {"icp5", 32},  {"ic12", 64},  {"ic07", 128},
            {"ic13", 256}, {"ic08", 256}, {"ic14", 512}, {"ic09", 512}, {"ic10", 1024}};
}

} // namespace kvpack
