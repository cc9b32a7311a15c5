// KV Desk desktop application. Until the GUI issue lands this is a small window that opens the
// catalog (creating the default one on first run) and says where it is.
#include "Catalog.h"
#include "CatalogError.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLabel>
#include <QMainWindow>

int main(int argc, char* argv[])
{
    QApplication::setApplicationName(QStringLiteral("KV Desk"));
    QApplication::setApplicationVersion(QStringLiteral(KVDESK_VERSION));
    // --help and --version must work without a display: answer them before QApplication exists.
    {
        QCoreApplication probe(argc, argv);
        QCommandLineParser parser;
        parser.setApplicationDescription(
            QStringLiteral("Inspect and edit namespaced key-value catalogs."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(QStringLiteral("catalog"),
                                     QStringLiteral("Catalog folder to open."));
        parser.process(probe);
    }
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    const QString location = args.size() > 1 ? args.at(1) : kv::Catalog::defaultLocation();

    QMainWindow window;
    window.setWindowTitle(QStringLiteral("KV Desk"));
    auto* label = new QLabel(&window);
    label->setMargin(24);
    try {
        const auto catalog = kv::Catalog::open(location);
        label->setText(
            QApplication::tr("Catalog: %1\nThe full desktop interface is on its way; use "
                             "kvdesk-cli meanwhile.")
                .arg(catalog->location()));
    } catch (const kv::CatalogError& e) {
        label->setText(QApplication::tr("Cannot open the catalog: %1").arg(e.message()));
    }
    window.setCentralWidget(label);
    window.resize(640, 200);
    window.show();
    return app.exec();
}
