// Regenerates the README's screenshots (docs/screenshots/*.png): builds a demo catalog with a
// fixed clock, opens it in the real main window (offscreen), drives it to each view and grabs
// it. Run through scripts/screenshots; the output folder is the first argument.
#include "Catalog.h"
#include "domain/Clock.h"
#include "KvEditorDialog.h"
#include "KvStoreWidget.h"
#include "KvTableModel.h"
#include "MainWindow.h"
#include "NamespacePage.h"
#include "NamespacePanel.h"
#include "NamespaceTreeModel.h"
#include "PurgeDialog.h"
#include "ScriptedPrompter.h"

#include <QApplication>
#include <QDir>
#include <QHeaderView>
#include <QStyleFactory>
#include <QTableView>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

using namespace kv;

namespace {

constexpr qint64 minute = 60'000;
constexpr qint64 hour = 60 * minute;
constexpr qint64 day = 24 * hour;

struct DemoPair
{
    const char* ns;
    const char* key;
    ValueType type;
    const char* value;
    const char* description;
    qint64 ttlMs; // 0: never
};

// What an operator's catalog looks like: watermarks, file URIs, flags, JSON configs.
const DemoPair demo[] = {
    {"company.team.etl", "last.run", ValueType::DateTime, "2026-11-22T08:15:00Z",
     "When the nightly load last finished", 7 * day},
    {"company.team.etl", "last.processed.id", ValueType::Number, "98765432109876543210",
     "Watermark of the incremental load", 0},
    {"company.team.etl", "source.uri", ValueType::String,
     "s3://acme-raw/orders/2026/11/22/part-0007.parquet", "Latest input file", day},
    {"company.team.etl", "enabled", ValueType::Boolean, "true", "Kill switch for the flow", 0},
    {"company.team.etl", "retry.policy", ValueType::Json,
     "{\"maxAttempts\": 5, \"backoff\": \"PT30S\", \"on\": [\"TIMEOUT\", \"HTTP_503\"]}",
     "Retries of the export task", 0},
    {"company.team.etl", "batch.window", ValueType::Duration, "PT15M", "Size of one batch", 0},
    {"company.team.etl", "cutover.date", ValueType::Date, "2026-12-01", "Switch to the new schema",
     30 * day},
    {"company.team.etl", "session.token", ValueType::String, "tmp-7f3a9c", "Short-lived token",
     45 * minute},
    {"company.team.etl", "lock.owner", ValueType::String, "worker-3", "Held while a run is active",
     90},
    {"company.team.etl", "rows.loaded", ValueType::Number, "1284411", "Rows of the last run",
     7 * day},
    {"company.team.etl", "schema.version", ValueType::Number, "12", "", 0},
    {"company.team.etl", "notify.channels", ValueType::Json,
     "[\"#data-alerts\", \"oncall@acme.io\"]", "Where failures are reported", 0},
    {"company.team.ml", "model.current", ValueType::String, "churn-v42", "Model in production", 0},
    {"company.team.ml", "accuracy", ValueType::Number, "0.9731", "Validation accuracy", 0},
    {"company.ops", "maintenance", ValueType::Boolean, "false", "Maintenance mode", 0},
    {"company.ops.billing", "invoice.cursor", ValueType::String, "inv_2026_11_000913", "", 0},
    {"marketing.campaigns", "black.friday", ValueType::Json, "{\"discount\": 30, \"active\": true}",
     "", 14 * day},
};

void buildDemo(Catalog& catalog, ManualClock& clock)
{
    catalog
        .createNamespace(QStringLiteral("company.team.etl"),
                         QStringLiteral("Nightly order loads into the warehouse"))
        .waitForFinished();
    for (const DemoPair& p : demo) {
        SetRequest r{QString::fromUtf8(p.ns), QString::fromUtf8(p.key),
                     KvValue::parse(p.type, QString::fromUtf8(p.value))};
        r.description = QString::fromUtf8(p.description);
        if (p.ttlMs > 0)
            r.ttlMs = p.ttlMs;
        catalog.set(r).waitForFinished();
        clock.advanceMs(37 * minute);
    }
    // A second revision for the editor's history tab, and two pairs that expired.
    SetRequest again{
        QStringLiteral("company.team.etl"), QStringLiteral("retry.policy"),
        KvValue::parse(ValueType::Json, QStringLiteral("{\"maxAttempts\": 5, \"backoff\": "
                                                       "\"PT30S\", \"on\": [\"TIMEOUT\", "
                                                       "\"HTTP_503\", \"HTTP_429\"]}"))};
    catalog.set(again).waitForFinished();
    for (const char* key : {"tmp.upload.1", "tmp.upload.2"}) {
        SetRequest r{QStringLiteral("company.team.etl"), QString::fromUtf8(key),
                     KvValue::parse(ValueType::String, QStringLiteral("x"))};
        r.ttlMs = minute;
        catalog.set(r).waitForFinished();
    }
    clock.advanceMs(2 * minute);
}

bool save(QWidget* widget, const QString& path)
{
    QTest::qWait(300); // let pages load and the view paint
    const bool ok = widget->grab().save(path);
    qInfo("%s %s", ok ? "wrote" : "FAILED to write", qPrintable(QDir::toNativeSeparators(path)));
    return ok;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("KVDeskScreenshots"));
    QCoreApplication::setApplicationName(QStringLiteral("kvdesk-screenshots"));
    QFont font(QStringLiteral("DejaVu Sans"), 10);
    QApplication::setFont(font);
    // British English (day-first short dates, our English plural forms), or the language given
    // as the second argument ("de"), e.g. to check that German texts fit.
    const QString language = app.arguments().value(2, QStringLiteral("en"));
    QLocale::setDefault(language == QLatin1String("en")
                            ? QLocale(QLocale::English, QLocale::UnitedKingdom)
                            : QLocale(language));
    QTranslator translator;
    if (translator.load(QStringLiteral(":/i18n/kvdesk_%1.qm").arg(language)))
        QApplication::installTranslator(&translator);
    const QString out = app.arguments().value(1, QStringLiteral("docs/screenshots"));
    QDir().mkpath(out);

    // A fixed place, so the path shown in the pictures is the same at every run.
    QDir demo(QDir::temp().filePath(QStringLiteral("kvdesk-demo")));
    demo.removeRecursively();
    auto clock =
        std::make_shared<ManualClock>(QDateTime(QDate(2026, 11, 22), QTime(7, 0), Qt::UTC));
    const QString location = demo.filePath(QStringLiteral("catalog"));
    {
        auto catalog = Catalog::open(location, clock);
        buildDemo(*catalog, *clock);
    }

    ScriptedPrompter prompter;
    MainWindow window(clock, &prompter);
    window.resize(1360, 760);
    window.show();
    window.openCatalog(location);
    const QString etl = QStringLiteral("company.team.etl");
    NamespaceTreeModel* tree = window.namespacePanel()->model();
    if (!QTest::qWaitFor([&] { return tree->indexOf(etl).isValid(); }, 5000))
        qWarning("the demo namespace did not load");
    window.namespacePanel()->selectNamespace(etl);
    window.namespacePanel()->findChild<QTreeView*>()->expandAll();
    KvStoreWidget* kvStore = window.namespacePage()->kvStore();
    if (!QTest::qWaitFor([&] { return !kvStore->model()->isLoading(); }, 5000))
        qWarning("the demo pairs did not load");
    kvStore->table()->selectRow(6);
    // Room for the TTL countdown: the creation time is one right-click away.
    kvStore->table()->horizontalHeader()->hideSection(KvTableModel::CreatedColumn);
    bool ok = save(&window, out + QStringLiteral("/main-window.png"));

    window.namespacePage()->tabs()->setCurrentIndex(NamespacePage::OverviewTab);
    ok = save(&window, out + QStringLiteral("/overview.png")) && ok;
    window.namespacePage()->tabs()->setCurrentIndex(NamespacePage::KvStoreTab);

    // The editor on the JSON pair with two revisions.
    auto* editor = new KvEditorDialog(window.catalog(), clock, etl, &window);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->startEdit(QStringLiteral("retry.policy"));
    editor->show();
    ok = save(editor, out + QStringLiteral("/editor-dialog.png")) && ok;
    editor->close();

    auto* purge = new PurgeDialog(window.catalog(), &prompter, etl, &window);
    purge->setAttribute(Qt::WA_DeleteOnClose);
    purge->show();
    purge->preview();
    ok = save(purge, out + QStringLiteral("/purge-dialog.png")) && ok;
    purge->close();
    window.close();
    demo.removeRecursively();
    return ok ? 0 : 1;
}
