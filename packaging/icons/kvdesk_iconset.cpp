// kvdesk_iconset SVG NAME OUTDIR SIZE...: renders the application icon for every platform at build
// time. Writes OUTDIR/hicolor/NxN/apps/NAME.png for each SIZE, OUTDIR/NAME.ico and
// OUTDIR/NAME.icns. Needs no display and no QGuiApplication: it paints into QImages.
#include "IconSet.h"

#include <cstdio>
#include <QDir>
#include <QFile>
#include <QStringList>

namespace {

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "kvdesk_iconset: cannot write %s: %s\n", qPrintable(path),
                     qPrintable(file.errorString()));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    if (argc < 5) {
        std::fprintf(stderr, "usage: kvdesk_iconset SVG NAME OUTDIR SIZE...\n");
        return 2;
    }
    QList<int> sizes;
    for (int i = 4; i < argc; ++i) {
        bool isNumber = false;
        const int size = QByteArray(argv[i]).toInt(&isNumber);
        if (!isNumber || size < 1 || size > 4096) {
            std::fprintf(stderr, "kvdesk_iconset: %s is not a size in pixels (1 to 4096)\n",
                         argv[i]);
            return 2;
        }
        sizes.append(size);
    }
    const QString svg = QString::fromLocal8Bit(argv[1]);
    const QString name = QString::fromLocal8Bit(argv[2]);
    const QString outDir = QString::fromLocal8Bit(argv[3]);

    const kvpack::IconSet icons(svg);
    if (!icons.isValid()) {
        std::fprintf(stderr, "kvdesk_iconset: %s\n", qPrintable(icons.errorString()));
        return 1;
    }
    bool ok = true;
    for (const int size : sizes) {
        const QString path =
            QStringLiteral("%1/hicolor/%2x%2/apps/%3.png").arg(outDir).arg(size).arg(name);
        ok = writeFile(path, icons.png(size)) && ok;
    }
    ok = writeFile(QStringLiteral("%1/%2.ico").arg(outDir, name),
                   icons.ico(kvpack::IconSet::icoSizes())) &&
         ok;
    ok = writeFile(QStringLiteral("%1/%2.icns").arg(outDir, name), icons.icns()) && ok;
    return ok ? 0 : 1;
}
