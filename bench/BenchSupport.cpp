#include "BenchSupport.h"

#include <algorithm>
#include <cstdio>
#include <QElapsedTimer>
#include <QFile>

namespace bench {

namespace {

qint64 statusField(const QByteArray& name)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(name + ':'))
            return line.mid(name.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QString number(double value)
{
    if (value >= 1000)
        return QString::number(qRound64(value));
    return QString::number(value, 'f', value >= 100 ? 1 : 2);
}

} // namespace

qint64 peakRssKib()
{
    return statusField("VmHWM");
}

qint64 currentRssKib()
{
    return statusField("VmRSS");
}

qint64 timeOnce(const std::function<void()>& work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    return timer.nsecsElapsed();
}

Timing repeat(int repetitions, const std::function<void()>& work)
{
    QList<qint64> runs;
    for (int i = 0; i < qMax(1, repetitions); ++i)
        runs << timeOnce(work);
    std::sort(runs.begin(), runs.end());
    return {runs.at(runs.size() / 2), runs.first(), runs.last()};
}

void say(const QString& line)
{
    std::fputs(qPrintable(line), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void Report::figure(const QString& name, double value, const QString& unit, Goal goal,
                    double target, const QString& note)
{
    Row row{name, number(value) + QLatin1Char(' ') + unit, QStringLiteral("-"),
            QStringLiteral("-")};
    if (goal != Goal::None) {
        row.target = (goal == Goal::AtMost ? QStringLiteral("<= ") : QStringLiteral(">= ")) +
                     number(target) + QLatin1Char(' ') + unit;
        const bool met = goal == Goal::AtMost ? value <= target : value >= target;
        row.verdict = met ? QStringLiteral("PASS") : QStringLiteral("MISS");
    }
    m_rows << row;
    say(QStringLiteral("  %1 %2  target %3  %4%5")
            .arg(name, -44)
            .arg(row.value, 16)
            .arg(row.target, -18)
            .arg(row.verdict)
            .arg(note.isEmpty() ? QString() : QStringLiteral("  (") + note + QLatin1Char(')')));
}

void Report::timing(const QString& name, const Timing& t, Goal goal, double targetMs)
{
    figure(name, double(t.medianNs) / 1e6, QStringLiteral("ms"), goal, targetMs,
           QStringLiteral("median; min %1, max %2 ms")
               .arg(number(double(t.minNs) / 1e6), number(double(t.maxNs) / 1e6)));
}

void Report::rate(const QString& name, qint64 items, qint64 ns, const QString& unit, Goal goal,
                  double target)
{
    const double seconds = double(qMax<qint64>(ns, 1)) / 1e9;
    figure(name, double(items) / seconds, unit, goal, target,
           QStringLiteral("%1 in %2 s").arg(items).arg(seconds, 0, 'f', 2));
}

void Report::memory(const QString& phase)
{
    say(QStringLiteral("  [memory] after %1: peak RSS (VmHWM) %2 MiB, current RSS %3 MiB")
            .arg(phase)
            .arg(double(peakRssKib()) / 1024.0, 0, 'f', 1)
            .arg(double(currentRssKib()) / 1024.0, 0, 'f', 1));
}

void Report::printSummary() const
{
    say(QStringLiteral("\n| Figure | Value | Target | Verdict |\n|---|---:|---|---|"));
    for (const Row& row : m_rows)
        say(QStringLiteral("| %1 | %2 | %3 | %4 |")
                .arg(row.name, row.value, row.target, row.verdict));
}

} // namespace bench
