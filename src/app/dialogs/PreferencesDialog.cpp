#include "PreferencesDialog.h"

#include "AppLanguage.h"
#include "ui_PreferencesDialog.h"

#include <QSettings>

PreferencesDialog::PreferencesDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PreferencesDialog>())
{
    m_ui->setupUi(this);
    QComboBox* combo = m_ui->languageCombo;
    combo->addItem(tr("System default"), QString());
    combo->addItem(QStringLiteral("English"), QStringLiteral("en"));
    combo->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_initial = QSettings().value(QLatin1String(AppLanguage::settingsKey)).toString();
    combo->setCurrentIndex(qMax(0, combo->findData(m_initial)));
    m_ui->restartHint->setVisible(false);
    connect(combo, &QComboBox::currentIndexChanged, this, [this] {
        m_ui->restartHint->setVisible(m_ui->languageCombo->currentData().toString() != m_initial);
    });
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

PreferencesDialog::~PreferencesDialog() = default;

void PreferencesDialog::accept()
{
    const QString language = m_ui->languageCombo->currentData().toString();
    QSettings settings;
    if (language.isEmpty())
        settings.remove(QLatin1String(AppLanguage::settingsKey));
    else
        settings.setValue(QLatin1String(AppLanguage::settingsKey), language);
    QDialog::accept();
}
