// KV Desk, the desktop application: opens the default local catalog (or the one given) in the
// main window.
#include "AppLanguage.h"
#include "Catalog.h"
#include "domain/Clock.h"
#include "MainWindow.h"
#include "Prompter.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("KVDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("kvdesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KVDESK_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("KV Desk"));
    QGuiApplication::setDesktopFileName(QStringLiteral(KVDESK_APP_ID));

    // --help and --version must work without a display: answer them before QApplication exists.
    QString location;
    {
        QCoreApplication probe(argc, argv);
        QCommandLineParser parser;
        parser.setApplicationDescription(
            QStringLiteral("KV Desk: inspect and edit namespaced key-value catalogs."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(QStringLiteral("catalog"),
                                     QStringLiteral("Catalog folder to open (default: %1).")
                                         .arg(kv::Catalog::defaultLocation()));
        parser.process(probe);
        location = parser.positionalArguments().value(0);
    }
    QApplication app(argc, argv);
    AppLanguage::install(app);
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/kvdesk.svg")));

    WidgetPrompter prompter;
    MainWindow window(std::make_shared<kv::SystemClock>(), &prompter);
    window.show();
    window.openCatalog(location.isEmpty() ? kv::Catalog::defaultLocation() : location);
    return app.exec();
}
