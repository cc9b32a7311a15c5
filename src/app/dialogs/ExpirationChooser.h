#pragma once

#include <memory>
#include <optional>
#include <QWidget>

namespace kv {
class Clock;
}
namespace Ui {
class ExpirationChooser;
}

// Choosing a pair's expiration: Never, a preset (1 hour, 1 day, 7 days, 30 days), a custom
// ISO-8601 duration, or — for a pair that already expires — keeping its current expiration.
// Shows when the pair would expire, in local time, from the injected clock.
class ExpirationChooser : public QWidget
{
    Q_OBJECT
public:
    explicit ExpirationChooser(QWidget* parent = nullptr);
    ~ExpirationChooser() override;

    void setClock(std::shared_ptr<const kv::Clock> clock);
    // For an existing pair: its expiration (std::nullopt: never). A pair that expires gets the
    // choice "Keep current expiration", selected; a pair that never expires starts on "Never".
    void setCurrentExpiry(std::optional<qint64> expiresAtMs);
    // New pairs: no "keep" choice; starts on `defaultTtlMs` (std::nullopt: Never).
    void reset(std::optional<qint64> defaultTtlMs = std::nullopt);

    // An empty string when the choice is usable, else what is wrong with it.
    QString problem() const;
    // The time to live to write: std::nullopt for "never". "Keep" gives the time left until the
    // current expiration. Only meaningful when problem() is empty.
    std::optional<qint64> ttlMs() const;
    bool keepsCurrent() const;

signals:
    void changed();

private:
    void update();

    std::unique_ptr<Ui::ExpirationChooser> m_ui;
    std::shared_ptr<const kv::Clock> m_clock;
    std::optional<qint64> m_current;
};
