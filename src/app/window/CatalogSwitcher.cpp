#include "CatalogSwitcher.h"

#include "Icons.h"

#include <QDir>

namespace {
const QString manageKey = QStringLiteral("manage");
}

CatalogSwitcher::CatalogSwitcher(QWidget* parent)
    : QComboBox(parent)
{
    setObjectName(QStringLiteral("catalogSwitcher"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setMinimumContentsLength(24);
    setToolTip(tr("The catalog shown: a local folder or a connection to a server"));
    connect(this, &QComboBox::activated, this, &CatalogSwitcher::onActivated);
}

void CatalogSwitcher::rebuild(const QStringList& recentLocal,
                              const QList<ConnectionProfile>& connections,
                              const QString& currentKey)
{
    m_currentKey = currentKey;
    const QSignalBlocker blocker(this);
    clear();
    for (const QString& path : recentLocal)
        addItem(Icons::get(QStringLiteral("catalog")), QDir::toNativeSeparators(path),
                localKey(path));
    if (!connections.isEmpty())
        insertSeparator(count());
    for (const ConnectionProfile& p : connections)
        addItem(Icons::get(QStringLiteral("connection")), p.label(), remoteKey(p.id));
    insertSeparator(count());
    addItem(tr("Manage Connections…"), manageKey);
    const int index = findData(currentKey);
    setCurrentIndex(index >= 0 ? index : -1);
}

void CatalogSwitcher::onActivated(int index)
{
    const QString key = itemData(index).toString();
    if (key == m_currentKey)
        return;
    // Stay on the open catalog until the window has opened the new one (it may fail).
    setCurrentIndex(findData(m_currentKey));
    if (key == manageKey)
        emit manageChosen();
    else if (key.startsWith(QLatin1String("local:")))
        emit localChosen(key.mid(6));
    else if (key.startsWith(QLatin1String("remote:")))
        emit connectionChosen(key.mid(7));
}
