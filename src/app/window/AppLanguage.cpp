#include "AppLanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

QString AppLanguage::chosen()
{
    const QString setting = QSettings().value(QLatin1String(settingsKey)).toString();
    if (!setting.isEmpty())
        return setting;
    const QStringList languages = QLocale::system().uiLanguages();
    return languages.isEmpty() ? QStringLiteral("en") : languages.first().left(2).toLower();
}

void AppLanguage::install(QCoreApplication& app)
{
    const QString language = chosen();
    const QLocale locale(language);
    // English too: the source strings are English, but their plural forms ("1 key", "2 keys")
    // come from kvdesk_en.
    auto* own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("kvdesk"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(own);
    if (language == QLatin1String("en"))
        return; // Qt's own strings are English already; the locale stays the system's
    QLocale::setDefault(locale);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
}
