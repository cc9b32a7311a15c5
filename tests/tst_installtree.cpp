// The Linux install tree (packaging/): `cmake --install` of this build into a temporary prefix,
// then what a package built from it would hold: the programs (running, without RUNPATH), the
// desktop entry and AppStream metadata (validated, and consistent with each other and with the
// build), the hicolor icons, man pages that render without warnings, the systemd unit when
// kvdesk-server is built. (Translations are compiled into kvdesk: nothing to install.)
// Needs no root: installing the real .deb is packaging/check-install's job.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QString describe(const QString& what) const
    {
        return QStringLiteral("%1 -> exit %2\nstdout: %3\nstderr: %4")
            .arg(what)
            .arg(exitCode)
            .arg(out, err);
    }
};

Run run(const QString& program, const QStringList& args, const QByteArray& input = {})
{
    QProcess process;
    process.start(program, args);
    Run result;
    if (!process.waitForStarted(30000)) {
        result.err = process.errorString();
        return result;
    }
    process.write(input);
    process.closeWriteChannel();
    if (process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit)
        result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err += QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString env(const char* name)
{
    return qEnvironmentVariable(name);
}

QString readText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class TestInstallTree : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void programs_data();
    void programs();
    void desktopEntry();
    void metainfo();
    void screenshotsExist();
    void icons_data();
    void icons();
    void manPages_data();
    void manPages();
    void systemdUnit();

private:
    QString path(const QString& relative) const { return m_prefix + QLatin1Char('/') + relative; }
    QStringList programNames() const;

    QTemporaryDir m_root;
    QString m_prefix;
    QString m_appId;
};

QStringList TestInstallTree::programNames() const
{
    QStringList names{QStringLiteral("kvdesk"), QStringLiteral("kvdesk-cli")};
    if (env("KVDESK_HAS_SERVER") == QLatin1String("ON"))
        names << QStringLiteral("kvdesk-server");
    return names;
}

void TestInstallTree::initTestCase()
{
    QVERIFY(m_root.isValid());
    m_appId = env("KVDESK_APP_ID");
    QVERIFY(!m_appId.isEmpty());
    m_prefix = m_root.filePath(QStringLiteral("usr"));
    const Run install =
        run(env("KVDESK_CMAKE"), {QStringLiteral("--install"), env("KVDESK_BUILD_DIR"),
                                  QStringLiteral("--prefix"), m_prefix});
    QVERIFY2(install.exitCode == 0,
             qPrintable(install.describe(QStringLiteral("cmake --install"))));
}

void TestInstallTree::programs_data()
{
    QTest::addColumn<QString>("name");
    for (const QString& name : programNames())
        QTest::newRow(qPrintable(name)) << name;
}

void TestInstallTree::programs()
{
    QFETCH(QString, name);
    const QString program = path(QStringLiteral("bin/") + name);
    QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program));

    // No RUNPATH or RPATH: the programs use the system's Qt.
    const Run dynamic = run(QStringLiteral("readelf"), {QStringLiteral("-d"), program});
    if (dynamic.exitCode == 0) {
        QVERIFY2(!dynamic.out.contains(QLatin1String("RUNPATH")) &&
                     !dynamic.out.contains(QLatin1String("(RPATH)")),
                 qPrintable(dynamic.out));
    }

    if (name == QLatin1String("kvdesk-server"))
        return; // started on loopback by packaging/check-install
    const Run version = run(program, {QStringLiteral("--version")});
    QVERIFY2(version.exitCode == 0,
             qPrintable(version.describe(name + QStringLiteral(" --version"))));
    QVERIFY2(version.out.contains(env("KVDESK_VERSION")), qPrintable(version.out));
}

void TestInstallTree::desktopEntry()
{
    const QString file = path(QStringLiteral("share/applications/%1.desktop").arg(m_appId));
    QVERIFY2(QFile::exists(file), qPrintable(file));
    const QString text = readText(file);
    QVERIFY(text.startsWith(QLatin1String("[Desktop Entry]\n")));
    QVERIFY2(text.contains(QStringLiteral("\nIcon=%1\n").arg(m_appId)), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("\nExec=kvdesk ")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("\nName=KV Desk\n")), qPrintable(text));

    const Run validate = run(QStringLiteral("desktop-file-validate"), {file});
    if (validate.exitCode == -1 && validate.out.isEmpty())
        QSKIP("desktop-file-validate is not installed (scripts/install-deps installs it)");
    QVERIFY2(validate.exitCode == 0 && validate.out.isEmpty() && validate.err.isEmpty(),
             qPrintable(validate.describe(QStringLiteral("desktop-file-validate"))));
}

void TestInstallTree::metainfo()
{
    const QString file = path(QStringLiteral("share/metainfo/%1.metainfo.xml").arg(m_appId));
    QFile xml(file);
    QVERIFY2(xml.open(QIODevice::ReadOnly), qPrintable(file));
    QXmlStreamReader reader(&xml);
    QString id;
    QString launchable;
    QStringList binaries;
    QStringList releases;
    QString icon;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = reader.name();
        if (name == u"id")
            id = reader.readElementText();
        else if (name == u"launchable")
            launchable = reader.readElementText();
        else if (name == u"binary")
            binaries << reader.readElementText();
        else if (name == u"icon")
            icon = reader.readElementText();
        else if (name == u"release")
            releases << reader.attributes().value(QStringLiteral("version")).toString() +
                            QLatin1Char('@') +
                            reader.attributes().value(QStringLiteral("date")).toString();
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QCOMPARE(id, m_appId);
    QCOMPARE(launchable, m_appId + QLatin1String(".desktop"));
    QCOMPARE(icon, m_appId);
    QCOMPARE(binaries, programNames());
    QVERIFY(!releases.isEmpty());
    QCOMPARE(releases.first(),
             env("KVDESK_VERSION") + QLatin1Char('@') + env("KVDESK_RELEASE_DATE"));

    const Run validate = run(QStringLiteral("appstreamcli"),
                             {QStringLiteral("validate"), QStringLiteral("--no-net"), file});
    if (validate.exitCode == -1 && validate.out.isEmpty())
        QSKIP("appstreamcli is not installed (scripts/install-deps installs it)");
    QVERIFY2(validate.exitCode == 0, qPrintable(validate.describe(QStringLiteral("appstreamcli"))));
}

void TestInstallTree::screenshotsExist()
{
    // The metainfo names docs/screenshots/*.png by URL; those files come from scripts/screenshots.
    const QDir screenshots(env("KVDESK_SOURCE_DIR") + QLatin1String("/docs/screenshots"));
    if (!screenshots.exists())
        QSKIP("docs/screenshots does not exist yet (the GUI work makes it)");
    const QString text =
        readText(path(QStringLiteral("share/metainfo/%1.metainfo.xml").arg(m_appId)));
    static const QRegularExpression image(
        QStringLiteral("<image[^>]*>[^<]*/([^/<]+\\.png)</image>"));
    int count = 0;
    for (auto it = image.globalMatch(text); it.hasNext(); ++count) {
        const QString name = it.next().captured(1);
        QVERIFY2(screenshots.exists(name), qPrintable(screenshots.filePath(name)));
    }
    QCOMPARE(count, 3);
}

void TestInstallTree::icons_data()
{
    QTest::addColumn<int>("size");
    for (const QString& size : env("KVDESK_HICOLOR_SIZES").split(QLatin1Char(',')))
        QTest::newRow(qPrintable(size + QLatin1String("px"))) << size.toInt();
}

void TestInstallTree::icons()
{
    QFETCH(int, size);
    const QString file =
        path(QStringLiteral("share/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(m_appId));
    const QImage image(file);
    QVERIFY2(!image.isNull(), qPrintable(file));
    QCOMPARE(image.size(), QSize(size, size));
    QVERIFY(image.hasAlphaChannel());

    // The scalable icon is the SVG of resources/icons, renamed to the application id.
    QFile svg(path(QStringLiteral("share/icons/hicolor/scalable/apps/%1.svg").arg(m_appId)));
    QFile source(env("KVDESK_SOURCE_DIR") + QLatin1String("/resources/icons/kvdesk.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly) && source.open(QIODevice::ReadOnly));
    QCOMPARE(svg.readAll(), source.readAll());
}

void TestInstallTree::manPages_data()
{
    QTest::addColumn<QString>("name");
    for (const QString& name : programNames())
        QTest::newRow(qPrintable(name)) << name;
}

void TestInstallTree::manPages()
{
    QFETCH(QString, name);
    const QString file = path(QStringLiteral("share/man/man1/%1.1.gz").arg(name));
    QVERIFY2(QFile::exists(file), qPrintable(file));

    // Rendered without a single warning (groff -ww), ...
    const Run lint =
        run(QStringLiteral("sh"),
            {QStringLiteral("-c"), QStringLiteral("gzip -dc \"$1\" | groff -man -Tutf8 -ww -z"),
             QStringLiteral("sh"), file});
    if (lint.exitCode == 127)
        QSKIP("groff is not installed");
    QVERIFY2(lint.exitCode == 0 && lint.err.isEmpty() && lint.out.isEmpty(),
             qPrintable(lint.describe(QStringLiteral("groff -ww"))));
    // ... about this program, in this version, with every @VARIABLE@ configured.
    const Run plain =
        run(QStringLiteral("sh"),
            {QStringLiteral("-c"), QStringLiteral("gzip -dc \"$1\" | groff -man -Tascii -P-cbou"),
             QStringLiteral("sh"), file});
    QVERIFY2(plain.exitCode == 0, qPrintable(plain.describe(QStringLiteral("groff"))));
    QVERIFY2(plain.out.contains(QStringLiteral("NAME\n       %1 - ").arg(name)),
             qPrintable(plain.out.left(600)));
    QVERIFY2(plain.out.contains(QStringLiteral("KV Desk %1").arg(env("KVDESK_VERSION"))),
             qPrintable(plain.out.right(300)));
    QVERIFY2(!plain.out.contains(QLatin1Char('@')), "no unconfigured @VARIABLE@ left");
}

void TestInstallTree::systemdUnit()
{
    const QString unit = path(QStringLiteral("lib/systemd/system/kvdesk-server.service"));
    const QString example = path(QStringLiteral("share/doc/kvdesk/examples/kvdesk-server.conf"));
    if (env("KVDESK_HAS_SERVER") != QLatin1String("ON")) {
        // No server built, so no unit for it.
        QVERIFY(!QFile::exists(unit));
        QVERIFY(!QFile::exists(example));
        return;
    }
    const QString text = readText(unit);
    QVERIFY2(!text.isEmpty(), qPrintable(unit));
    QVERIFY(QFile::exists(example));
    const QStringList required{
        QStringLiteral("ExecStart=/usr/bin/kvdesk-server --catalog ${KVDESK_CATALOG} "
                       "--listen ${KVDESK_LISTEN} $KVDESK_SERVER_OPTS"),
        QStringLiteral("EnvironmentFile=-/etc/kvdesk-server/kvdesk-server.conf"),
        QStringLiteral("DynamicUser=yes"),
        QStringLiteral("StateDirectory=kvdesk-server"),
        QStringLiteral("ProtectSystem=strict"),
        QStringLiteral("ProtectHome=yes"),
        QStringLiteral("PrivateTmp=yes"),
        QStringLiteral("NoNewPrivileges=yes"),
        QStringLiteral("CapabilityBoundingSet=\n"),
        QStringLiteral("Environment=KVDESK_LISTEN=127.0.0.1:8080"),
    };
    for (const QString& line : required)
        QVERIFY2(text.contains(line), qPrintable(line));
}

QTEST_GUILESS_MAIN(TestInstallTree)
#include "tst_installtree.moc"
