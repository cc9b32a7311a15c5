// The application icon rendered for every platform (packaging/icons): the PNG sizes, the Windows
// .ico and the macOS .icns containers (parsed here byte by byte, as Windows and macOS read them),
// refusal of files that are not SVG, and the kvdesk_iconset program as the build runs it.
#include "IconSet.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtEndian>
#include <QTest>

namespace {

QString iconSvg()
{
    return qEnvironmentVariable("KVDESK_ICON_SVG");
}

quint16 le16(const QByteArray& bytes, qsizetype at)
{
    return qFromLittleEndian<quint16>(bytes.constData() + at);
}

quint32 le32(const QByteArray& bytes, qsizetype at)
{
    return qFromLittleEndian<quint32>(bytes.constData() + at);
}

quint32 be32(const QByteArray& bytes, qsizetype at)
{
    return qFromBigEndian<quint32>(bytes.constData() + at);
}

bool isPng(const QByteArray& bytes)
{
    return bytes.startsWith("\x89PNG\r\n\x1a\n");
}

} // namespace

class TestIconSet : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void render_data();
    void render();
    void ico();
    void icns();
    void refusesWhatIsNotSvg_data();
    void refusesWhatIsNotSvg();
    void programWritesEveryFile();
    void programRefusesBadSizes();
};

void TestIconSet::initTestCase()
{
    QVERIFY2(QFile::exists(iconSvg()), "KVDESK_ICON_SVG must name resources/icons/kvdesk.svg");
}

void TestIconSet::render_data()
{
    QTest::addColumn<int>("size");
    for (const int size : {16, 22, 32, 48, 128, 256, 1024})
        QTest::addRow("%dpx", size) << size;
}

void TestIconSet::render()
{
    QFETCH(int, size);
    const kvpack::IconSet icons(iconSvg());
    QVERIFY2(icons.isValid(), qPrintable(icons.errorString()));

    const QImage image = icons.render(size);
    QCOMPARE(image.size(), QSize(size, size));
    QVERIFY(image.hasAlphaChannel());
    // The drawing keeps the corners free (transparent) and fills the middle of the front card.
    QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
    QCOMPARE(qAlpha(image.pixel(size - 1, 0)), 0);
    QCOMPARE(qAlpha(image.pixel(size / 4, size * 3 / 5)), 255);

    // png() is the lossless encoding of render().
    const QByteArray png = icons.png(size);
    QVERIFY(isPng(png));
    const QImage decoded = QImage::fromData(png, "PNG").convertToFormat(QImage::Format_ARGB32);
    QCOMPARE(decoded, image);
}

void TestIconSet::ico()
{
    const kvpack::IconSet icons(iconSvg());
    const QList<int> sizes = kvpack::IconSet::icoSizes();
    QVERIFY(sizes.contains(16) && sizes.contains(32) && sizes.contains(48) && sizes.contains(256));
    const QByteArray file = icons.ico(sizes);

    // ICONDIR: reserved 0, type 1 (icon), image count.
    QVERIFY(file.size() > 6 + 16 * sizes.size());
    QCOMPARE(le16(file, 0), quint16(0));
    QCOMPARE(le16(file, 2), quint16(1));
    QCOMPARE(le16(file, 4), quint16(sizes.size()));
    quint32 expectedOffset = 6 + 16 * quint32(sizes.size());
    for (qsizetype i = 0; i < sizes.size(); ++i) {
        const qsizetype entry = 6 + 16 * i;
        const int size = sizes.at(i);
        const int stored = size >= 256 ? 0 : size; // 0 means 256
        QCOMPARE(int(quint8(file.at(entry))), stored);
        QCOMPARE(int(quint8(file.at(entry + 1))), stored);
        QCOMPARE(le16(file, entry + 4), quint16(1));  // planes
        QCOMPARE(le16(file, entry + 6), quint16(32)); // bits per pixel
        const quint32 length = le32(file, entry + 8);
        const quint32 offset = le32(file, entry + 12);
        QCOMPARE(offset, expectedOffset); // images follow each other without gaps
        QVERIFY(offset + length <= quint32(file.size()));
        const QByteArray image = file.mid(offset, length);
        QVERIFY2(isPng(image), qPrintable(QStringLiteral("entry %1 is not a PNG").arg(i)));
        QCOMPARE(QImage::fromData(image, "PNG").size(), QSize(size, size));
        expectedOffset += length;
    }
    QCOMPARE(expectedOffset, quint32(file.size()));
}

void TestIconSet::icns()
{
    const kvpack::IconSet icons(iconSvg());
    const QByteArray file = icons.icns();

    QVERIFY(file.startsWith("icns"));
    QCOMPARE(be32(file, 4), quint32(file.size()));
    qsizetype at = 8;
    for (const kvpack::IconSet::IcnsEntry& expected : kvpack::IconSet::icnsEntries()) {
        QVERIFY2(at + 8 <= file.size(), expected.type);
        QCOMPARE(file.mid(at, 4), QByteArray(expected.type));
        const quint32 length = be32(file, at + 4);
        QVERIFY(length > 8 && at + length <= quint32(file.size()));
        const QByteArray image = file.mid(at + 8, length - 8);
        QVERIFY2(isPng(image), expected.type);
        QCOMPARE(QImage::fromData(image, "PNG").size(), QSize(expected.pixels, expected.pixels));
        at += length;
    }
    QCOMPARE(at, file.size());

    // Every size macOS asks for, from 16 pt @1x to 512 pt @2x.
    QList<int> pixels;
    for (const kvpack::IconSet::IcnsEntry& entry : kvpack::IconSet::icnsEntries())
        pixels.append(entry.pixels);
    for (const int wanted : {16, 32, 64, 128, 256, 512, 1024})
        QVERIFY2(pixels.contains(wanted), qPrintable(QString::number(wanted)));
}

void TestIconSet::refusesWhatIsNotSvg_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("create");
    QTest::newRow("missing file") << QByteArray() << false;
    QTest::newRow("text") << QByteArray("not an image\n") << true;
    QTest::newRow("broken xml") << QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect")
                                << true;
}

void TestIconSet::refusesWhatIsNotSvg()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, create);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("icon.svg"));
    if (create) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

    const kvpack::IconSet icons(path);
    QVERIFY(!icons.isValid());
    QVERIFY2(icons.errorString().contains(path), qPrintable(icons.errorString()));
}

void TestIconSet::programWritesEveryFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess tool;
    tool.start(qEnvironmentVariable("KVDESK_ICONSET"),
               {iconSvg(), QStringLiteral("org.example.Test"), dir.path(), QStringLiteral("16"),
                QStringLiteral("48")});
    QVERIFY2(tool.waitForFinished(60000), qPrintable(tool.errorString()));
    QVERIFY2(tool.exitStatus() == QProcess::NormalExit && tool.exitCode() == 0,
             tool.readAllStandardError().constData());

    for (const int size : {16, 48}) {
        const QImage png(
            dir.filePath(QStringLiteral("hicolor/%1x%1/apps/org.example.Test.png").arg(size)));
        QCOMPARE(png.size(), QSize(size, size));
    }
    QDir generated(dir.path());
    QCOMPARE(generated.entryList(QDir::Files, QDir::Name),
             QStringList({QStringLiteral("org.example.Test.icns"),
                          QStringLiteral("org.example.Test.ico")}));
    QCOMPARE(generated.entryList(QDir::Dirs | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("hicolor")});
    QCOMPARE(QDir(dir.filePath(QStringLiteral("hicolor")))
                 .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name),
             QStringList({QStringLiteral("16x16"), QStringLiteral("48x48")}));
}

void TestIconSet::programRefusesBadSizes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess tool;
    tool.start(qEnvironmentVariable("KVDESK_ICONSET"),
               {iconSvg(), QStringLiteral("org.example.Test"), dir.path(), QStringLiteral("16"),
                QStringLiteral("big")});
    QVERIFY(tool.waitForFinished(60000));
    QCOMPARE(tool.exitCode(), 2);
    QVERIFY2(tool.readAllStandardError().contains("big is not a size"), "names the bad size");
    QVERIFY(QDir(dir.path()).isEmpty()); // nothing written
}

QTEST_GUILESS_MAIN(TestIconSet)
#include "tst_iconset.moc"
