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
    if (language == QLatin1String("en"))
        return; // the source strings are English
    const QLocale locale(language);
    QLocale::setDefault(locale);
    auto* own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("kvdesk"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(own);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
}
