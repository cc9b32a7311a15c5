#include "CliApp.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kvdesk-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KVDESK_VERSION));
    return kv::cli::CliApp().run(QCoreApplication::arguments().mid(1));
}
