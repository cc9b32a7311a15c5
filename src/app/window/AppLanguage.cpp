#include "AppLanguage.h"

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

QString AppLanguage::chosen()
{
    QString language = QSettings().value(QLatin1String(settingsKey)).toString();
    if (language.isEmpty()) {
        const QStringList languages = QLocale::system().uiLanguages();
        language = languages.isEmpty() ? QString() : languages.first().left(2).toLower();
    }
    // A language without a translation here (or the C locale) gets the English source strings,
    // and so the English plural forms ("1 key", not "1 key(s)").
    if (!QFile::exists(QStringLiteral(":/i18n/kvdesk_%1.qm").arg(language)))
        return QStringLiteral("en");
    return language;
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
