#pragma once

#include <functional>
#include <QList>
#include <QString>
#include <QtGlobal>

// Small helpers of the benchmark programs: timing, memory and a report that prints each figure
// next to its target.
namespace bench {

// This process's peak and current resident set size in KiB (VmHWM / VmRSS), -1 when unknown.
qint64 peakRssKib();
qint64 currentRssKib();

struct Timing
{
    qint64 medianNs = 0;
    qint64 minNs = 0;
    qint64 maxNs = 0;
};

// Wall time of one call, in nanoseconds (QElapsedTimer::nsecsElapsed).
qint64 timeOnce(const std::function<void()>& work);
// Runs `work` `repetitions` times; the median, fastest and slowest run.
Timing repeat(int repetitions, const std::function<void()>& work);

// Writes a line to stdout at once (the output is often followed with tail -f).
void say(const QString& line);

enum class Goal { None, AtMost, AtLeast };

class Report
{
public:
    // Prints one figure with its target and verdict, and keeps it for the summary.
    void figure(const QString& name, double value, const QString& unit, Goal goal = Goal::None,
                double target = 0, const QString& note = QString());
    void timing(const QString& name, const Timing& t, Goal goal = Goal::None, double targetMs = 0);
    void rate(const QString& name, qint64 items, qint64 ns, const QString& unit,
              Goal goal = Goal::None, double target = 0);
    // Prints the peak RSS so far, after `phase`.
    void memory(const QString& phase);
    // A Markdown table of every figure.
    void printSummary() const;

private:
    struct Row
    {
        QString name, value, target, verdict;
    };
    QList<Row> m_rows;
};

} // namespace bench
