#include "ExpirationChooser.h"

#include "DisplayFormat.h"
#include "domain/Clock.h"
#include "domain/IsoDuration.h"
#include "MessageBanner.h"
#include "ui_ExpirationChooser.h"

namespace {

constexpr qint64 hourMs = 3'600'000;
constexpr qint64 dayMs = 24 * hourMs;
const QString keepChoice = QStringLiteral("keep");
const QString neverChoice = QStringLiteral("never");
const QString customChoice = QStringLiteral("custom");

} // namespace

ExpirationChooser::ExpirationChooser(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ExpirationChooser>())
    , m_clock(std::make_shared<kv::SystemClock>())
{
    m_ui->setupUi(this);
    connect(m_ui->expirationCombo, &QComboBox::currentIndexChanged, this,
            &ExpirationChooser::update);
    connect(m_ui->customTtlEdit, &QLineEdit::textChanged, this, &ExpirationChooser::update);
    reset();
}

ExpirationChooser::~ExpirationChooser() = default;

void ExpirationChooser::setClock(std::shared_ptr<const kv::Clock> clock)
{
    m_clock = std::move(clock);
    update();
}

void ExpirationChooser::reset(std::optional<qint64> defaultTtlMs)
{
    m_current.reset();
    QComboBox* combo = m_ui->expirationCombo;
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(tr("Never expires"), neverChoice);
    combo->addItem(tr("1 hour"), hourMs);
    combo->addItem(tr("1 day"), dayMs);
    combo->addItem(tr("7 days"), 7 * dayMs);
    combo->addItem(tr("30 days"), 30 * dayMs);
    combo->addItem(tr("Custom duration…"), customChoice);
    const int preset = defaultTtlMs ? combo->findData(*defaultTtlMs) : 0;
    if (preset >= 0) {
        combo->setCurrentIndex(preset);
    } else {
        combo->setCurrentIndex(combo->count() - 1);
        m_ui->customTtlEdit->setText(kv::IsoDuration::fromMilliseconds(*defaultTtlMs).toString());
    }
    update();
}

void ExpirationChooser::setCurrentExpiry(std::optional<qint64> expiresAtMs)
{
    reset();
    m_current = expiresAtMs;
    if (expiresAtMs) {
        QComboBox* combo = m_ui->expirationCombo;
        const QSignalBlocker blocker(combo);
        combo->insertItem(
            0, tr("Keep current expiration (%1)").arg(DisplayFormat::dateTime(*expiresAtMs)),
            keepChoice);
        combo->setCurrentIndex(0);
    }
    update();
}

bool ExpirationChooser::keepsCurrent() const
{
    return m_ui->expirationCombo->currentData().toString() == keepChoice;
}

QString ExpirationChooser::problem() const
{
    const QVariant choice = m_ui->expirationCombo->currentData();
    if (choice.toString() == customChoice) {
        kv::IsoDuration duration;
        QString error;
        if (!kv::IsoDuration::tryParse(m_ui->customTtlEdit->text().trimmed(), false, &duration,
                                       &error))
            return m_ui->customTtlEdit->text().trimmed().isEmpty()
                       ? tr("Enter a duration such as PT12H, P2D or P1W.")
                       : error;
    }
    if (choice.toString() == keepChoice && m_current && *m_current <= m_clock->nowMs())
        return tr("The current expiration has passed: choose a new one.");
    return QString();
}

std::optional<qint64> ExpirationChooser::ttlMs() const
{
    const QVariant choice = m_ui->expirationCombo->currentData();
    const QString name = choice.toString();
    if (name == neverChoice)
        return std::nullopt;
    if (name == keepChoice)
        return m_current ? std::optional<qint64>(qMax<qint64>(1, *m_current - m_clock->nowMs()))
                         : std::nullopt;
    if (name == customChoice) {
        kv::IsoDuration duration;
        if (kv::IsoDuration::tryParse(m_ui->customTtlEdit->text().trimmed(), false, &duration,
                                      nullptr))
            return duration.milliseconds();
        return std::nullopt;
    }
    return choice.toLongLong();
}

void ExpirationChooser::update()
{
    const bool custom = m_ui->expirationCombo->currentData().toString() == customChoice;
    m_ui->customTtlEdit->setVisible(custom);
    const QString trouble = problem();
    if (!trouble.isEmpty()) {
        m_ui->expiryPreview->setEnabled(true);
        MessageBanner::setProblem(m_ui->expiryPreview, trouble);
    } else {
        m_ui->expiryPreview->setPalette(QPalette());
        const std::optional<qint64> ttl = ttlMs();
        m_ui->expiryPreview->setEnabled(false);
        m_ui->expiryPreview->setText(
            ttl ? tr("Expires %1 (local time).")
                      .arg(DisplayFormat::dateTime(m_clock->nowMs() + *ttl))
                : tr("The pair stays until it is deleted."));
        m_ui->expiryPreview->setVisible(true);
    }
    emit changed();
}
