#pragma once

#include "ConnectionProfile.h"

#include <QComboBox>

// The toolbar's catalog switcher: the recent local catalogs, the saved connections to remote
// catalogs, and "Manage Connections…". Choosing an entry asks the main window to open it.
class CatalogSwitcher : public QComboBox
{
    Q_OBJECT
public:
    explicit CatalogSwitcher(QWidget* parent = nullptr);

    static QString localKey(const QString& path) { return QStringLiteral("local:") + path; }
    static QString remoteKey(const QString& id) { return QStringLiteral("remote:") + id; }

    // Rebuilds the entries and selects `currentKey` (one of the keys above).
    void rebuild(const QStringList& recentLocal, const QList<ConnectionProfile>& connections,
                 const QString& currentKey);

signals:
    void localChosen(const QString& path);
    void connectionChosen(const QString& id);
    void manageChosen();

private:
    void onActivated(int index);
    QString m_currentKey;
};
