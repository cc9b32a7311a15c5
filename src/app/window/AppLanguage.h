#pragma once

#include <QString>

class QCoreApplication;

// The interface language: the system's, or the one chosen in Preferences (QSettings key
// "ui/language": "" follows the system, "en", "de"). Loads KV Desk's own translation (compiled
// into the application) and Qt's translation of its standard dialogs.
class AppLanguage
{
public:
    static constexpr const char* settingsKey = "ui/language";

    // The language to use: the setting, else the system's UI language ("de", "en", ...).
    static QString chosen();
    // Installs the translators for chosen(); call once after QApplication exists.
    static void install(QCoreApplication& app);
};
