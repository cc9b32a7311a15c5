// Benchmark of the desktop GUI on a big namespace: the real main window (offscreen), its paged
// table and its export, on a local catalog of N keys (default 1,000,000). Prints how long the
// user waits for rows after selecting the namespace, after jumping to the last row and after
// typing a prefix filter; how much memory browsing adds; and the longest stall of the GUI thread
// while the whole namespace is exported.
//
//   bench_gui [--keys N] [--dir PATH] [--catalog PATH --ns NAME] [--jumps N]
//
// --catalog reuses a catalog that already holds the namespace (e.g. one kept by
// `bench_catalog --keep`), which saves the import.
#include "BenchSupport.h"
#include "Catalog.h"
#include "domain/Clock.h"
#include "KvStoreWidget.h"
#include "KvTableModel.h"
#include "MainWindow.h"
#include "NamespacePage.h"
#include "NamespacePanel.h"
#include "NamespaceTreeModel.h"
#include "ScriptedPrompter.h"
#include "TaskStatusWidget.h"

#include <cmath>
#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace bench;

namespace {

struct Options
{
    qint64 keys = 1'000'000;
    QString dir;
    QString catalog;
    QString ns = QStringLiteral("bench.gui");
    int jumps = 200;
};

Options parse(const QStringList& args)
{
    Options o;
    for (int i = 1; i < args.size(); ++i) {
        const QString a = args.at(i);
        const QString next = args.value(i + 1);
        if (a == QLatin1String("--keys"))
            o.keys = next.toLongLong(), ++i;
        else if (a == QLatin1String("--dir"))
            o.dir = next, ++i;
        else if (a == QLatin1String("--catalog"))
            o.catalog = next, ++i;
        else if (a == QLatin1String("--ns"))
            o.ns = next, ++i;
        else if (a == QLatin1String("--jumps"))
            o.jumps = next.toInt(), ++i;
        else
            qFatal("unknown option %s", qPrintable(a));
    }
    return o;
}

void importKeys(kv::Catalog& catalog, const QString& ns, qint64 count, const QString& csvPath)
{
    QFile csv(csvPath);
    if (!csv.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(csvPath));
    QByteArray buffer = "key,type,value,description\n";
    for (qint64 i = 0; i < count; ++i) {
        const QByteArray n = QByteArray::number(i).rightJustified(7, '0');
        buffer += "key." + n + ",STRING,value of " + n + ",row " + n + '\n';
        if (buffer.size() > (1 << 20)) {
            csv.write(buffer);
            buffer.clear();
        }
    }
    csv.write(buffer);
    csv.close();
    if (!csv.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(csvPath));
    const qint64 ns0 = timeOnce([&] { catalog.importCsv({ns, true}, &csv).waitForFinished(); });
    say(QStringLiteral("  imported %1 keys in %2 s (setup, not a GUI figure)")
            .arg(count)
            .arg(double(ns0) / 1e9, 0, 'f', 1));
    QFile::remove(csvPath);
}

// Counts paint events of a widget, so a measurement can wait for "painted after the data came".
class PaintProbe : public QObject
{
public:
    explicit PaintProbe(QWidget* widget) { widget->installEventFilter(this); }
    int paints = 0;

protected:
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

// Waits until `row` is loaded in the model and the viewport was painted after that; the
// elapsed time since `timer` started, in ns (-1 on timeout).
qint64 waitPainted(QElapsedTimer& timer, KvTableModel* model, QWidget* viewport, PaintProbe& probe,
                   int row)
{
    int paintsAtLoad = -1;
    const bool ok = QTest::qWaitFor(
        [&] {
            if (paintsAtLoad < 0 && model->rowCount() > row &&
                model->index(row, 0).data(KvTableModel::LoadedRole).toBool()) {
                paintsAtLoad = probe.paints;
                viewport->update();
            }
            return paintsAtLoad >= 0 && probe.paints > paintsAtLoad;
        },
        20'000);
    return ok ? timer.nsecsElapsed() : -1;
}

double ms(qint64 ns)
{
    if (ns < 0)
        qFatal("timed out waiting for rows to be painted");
    return double(ns) / 1e6;
}

} // namespace

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("KVDeskBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_gui"));
    const Options options = parse(app.arguments());
    Report report;

    QTemporaryDir tmp((options.dir.isEmpty() ? QDir::tempPath() : options.dir) +
                      QStringLiteral("/kvdesk-bench-gui-XXXXXX"));
    const QString location =
        options.catalog.isEmpty() ? tmp.filePath(QStringLiteral("catalog")) : options.catalog;
    auto clock = std::make_shared<kv::SystemClock>();
    say(QStringLiteral("KV Desk GUI benchmark: namespace %1 in %2, Qt %3")
            .arg(options.ns, location, QLatin1String(qVersion())));
    if (options.catalog.isEmpty()) {
        auto catalog = kv::Catalog::open(location, clock);
        importKeys(*catalog, options.ns, options.keys, tmp.filePath(QStringLiteral("keys.csv")));
    }

    ScriptedPrompter prompter;
    MainWindow window(clock, &prompter);
    window.resize(1400, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        qFatal("the window was not exposed");
    window.openCatalog(location);
    NamespaceTreeModel* tree = window.namespacePanel()->model();
    if (!QTest::qWaitFor([&] { return tree->indexOf(options.ns).isValid(); }, 60'000))
        qFatal("namespace %s not found", qPrintable(options.ns));
    KvStoreWidget* kvStore = window.namespacePage()->kvStore();
    KvTableModel* model = kvStore->model();
    QTableView* view = kvStore->table();
    PaintProbe probe(view->viewport());
    report.memory(QStringLiteral("window open"));
    const qint64 rssBefore = currentRssKib();

    say(QStringLiteral("\n[rows after an action, until painted]"));
    QElapsedTimer timer;
    timer.start();
    window.namespacePanel()->selectNamespace(options.ns);
    qint64 t = waitPainted(timer, model, view->viewport(), probe, 0);
    report.figure(QStringLiteral("select namespace -> first rows painted"), ms(t),
                  QStringLiteral("ms"), Goal::AtMost, 150,
                  QStringLiteral("%1 rows counted").arg(model->totalCount()));

    timer.restart();
    view->scrollToBottom();
    t = waitPainted(timer, model, view->viewport(), probe, model->rowCount() - 1);
    report.figure(QStringLiteral("jump to the last row -> rows painted"), ms(t),
                  QStringLiteral("ms"), Goal::AtMost, 150);

    // A prefix that holds about a tenth of the keys ("key.05" of 1,000,000).
    QFuture<QStringList> middleKey = model->keysForRows({model->rowCount() / 2});
    if (!QTest::qWaitFor([&] { return middleKey.isFinished(); }, 20'000))
        qFatal("cannot read the middle key");
    const QString middle = middleKey.result().value(0);
    const int dropped =
        int(std::floor(std::log10(qMax<double>(10, double(model->totalCount()) / 10))));
    const QString prefix = middle.left(middle.size() - dropped);
    timer.restart();
    model->setKeyFilter(prefix, KvTableModel::FilterMode::Prefix);
    t = waitPainted(timer, model, view->viewport(), probe, 0);
    report.figure(QStringLiteral("prefix filter '%1' -> first rows painted").arg(prefix), ms(t),
                  QStringLiteral("ms"), Goal::AtMost, 150,
                  QStringLiteral("%1 rows match").arg(model->totalCount()));
    model->setKeyFilter(QString(), KvTableModel::FilterMode::Prefix);
    if (!QTest::qWaitFor([&] { return !model->isLoading(); }, 20'000))
        qFatal("the unfiltered list did not come back");

    say(QStringLiteral("\n[browsing: %1 jumps to random rows]").arg(options.jumps));
    QList<qint64> jumpNs;
    auto* random = QRandomGenerator::global();
    for (int i = 0; i < options.jumps; ++i) {
        const int row = int(random->bounded(model->rowCount()));
        timer.restart();
        view->scrollTo(model->index(row, 0), QAbstractItemView::PositionAtCenter);
        jumpNs << waitPainted(timer, model, view->viewport(), probe, row);
    }
    std::sort(jumpNs.begin(), jumpNs.end());
    report.figure(QStringLiteral("random jump -> rows painted (median)"),
                  ms(jumpNs.at(jumpNs.size() / 2)), QStringLiteral("ms"), Goal::AtMost, 150);
    report.figure(QStringLiteral("random jump -> rows painted (slowest)"), ms(jumpNs.last()),
                  QStringLiteral("ms"));
    const qint64 rssAfter = currentRssKib();
    report.figure(QStringLiteral("resident memory growth while browsing"),
                  double(rssAfter - rssBefore) / 1024.0, QStringLiteral("MiB"), Goal::AtMost, 80,
                  QStringLiteral("cache: %1 pages").arg(model->cachedPageCount()));
    report.memory(QStringLiteral("browsing"));

    say(QStringLiteral("\n[export of the whole namespace, GUI thread watched]"));
    const QString out = tmp.filePath(QStringLiteral("export.csv"));
    prompter.fileAnswers.enqueue(out);
    qint64 longestGapNs = 0;
    QElapsedTimer gap;
    QTimer probeTimer;
    probeTimer.setInterval(1);
    QObject::connect(&probeTimer, &QTimer::timeout, [&] {
        longestGapNs = qMax(longestGapNs, gap.nsecsElapsed());
        gap.restart();
    });
    timer.restart();
    kvStore->actions().exportAll->trigger();
    gap.start();
    probeTimer.start();
    TaskStatusWidget* tasks = window.findChild<TaskStatusWidget*>();
    if (!QTest::qWaitFor([&] { return tasks->runningCount() == 0 && QFile::exists(out); }, 600'000))
        qFatal("the export did not finish");
    const qint64 exportNs = timer.nsecsElapsed();
    probeTimer.stop();
    report.rate(QStringLiteral("export from the GUI"), model->totalCount(), exportNs,
                QStringLiteral("rows/s"));
    report.figure(QStringLiteral("longest GUI-thread stall during the export"), ms(longestGapNs),
                  QStringLiteral("ms"), Goal::AtMost, 50, QStringLiteral("1 ms timer"));
    report.memory(QStringLiteral("export"));
    report.printSummary();
    return 0;
}
