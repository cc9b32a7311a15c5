// Benchmark of the local catalog (LocalBackend) on a generated namespace: bulk import, paged
// listing, counting, export, purge and peak memory. It prints each figure next to its target and
// asserts nothing; CI does not run it. See bench/README.md.
#include "BenchSupport.h"
#include "domain/CatalogError.h"
#include "domain/Clock.h"
#include "local/LocalBackend.h"

#include <algorithm>
#include <numeric>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <sys/stat.h>
#include <time.h>

using namespace bench;
using kv::ListQuery;
using kv::SortColumn;

namespace {

const QString mainNs = QStringLiteral("bench.main");
const QString purgeNs = QStringLiteral("bench.expiring");
constexpr qint64 pageSize = 100;

struct Options
{
    qint64 keys = 1'000'000;
    qint64 purgeKeys = 200'000;
    int repetitions = 5;
    QString dir;
    bool shuffled = false;
    bool keep = false;
    bool bulkOnly = false; // import, disk and purge only: no pages, no export
};

// CPU time of the whole process (every thread, user and system) in seconds: on a shared machine
// the wall time of a phase depends on the others' load, its CPU time much less.
double processCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

int digits(qint64 n)
{
    int d = 1;
    for (; n >= 10; n /= 10)
        ++d;
    return d;
}

QByteArray keyName(qint64 i, int width)
{
    return "key." + QByteArray::number(i).rightJustified(width, '0');
}

// Writes a CSV "key,type,value,description[,expires]" of `count` rows named key.<i>, with the
// four common value types in turn. Shuffled: the keys come in a scattered, not sorted, order.
void writeCsv(const QString& path, qint64 count, bool shuffled, std::optional<qint64> expiresMs)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s: %s", qPrintable(path), qPrintable(file.errorString()));
    const int width = digits(qMax<qint64>(1, count - 1));
    qint64 stride = 1'000'003; // a prime: i * stride mod count visits every i once
    while (std::gcd(stride, count) != 1)
        stride += 2;
    const QByteArray expires = expiresMs ? ',' + kv::isoUtc(*expiresMs).toLatin1() : QByteArray();
    QByteArray buffer =
        expiresMs ? "key,type,value,description,expires\n" : "key,type,value,description\n";
    for (qint64 i = 0; i < count; ++i) {
        const qint64 k = shuffled ? (i * stride) % count : i;
        const QByteArray key = keyName(k, width);
        const QByteArray n = QByteArray::number(k);
        switch (k % 4) {
        case 0:
            buffer += key + ",STRING,value of " + key + ",generated string " + n;
            break;
        case 1:
            buffer += key + ",NUMBER," + n + ".25,generated number " + n;
            break;
        case 2:
            buffer += key + ",BOOLEAN," + (k % 8 == 2 ? "true" : "false") + ',';
            break;
        default:
            buffer += key + ",JSON,\"{\"\"id\"\":" + n +
                      ",\"\"tags\"\":[\"\"a\"\",\"\"b\"\"]}\",generated json " + n;
        }
        buffer += expires + '\n';
        if (buffer.size() > (1 << 20)) {
            file.write(buffer);
            buffer.clear();
        }
    }
    file.write(buffer);
}

class CatalogBench
{
public:
    explicit CatalogBench(const Options& options)
        : m_options(options)
        , m_tmp((options.dir.isEmpty() ? QDir::tempPath() : options.dir) +
                QStringLiteral("/kvdesk-bench-XXXXXX"))
    {
        m_tmp.setAutoRemove(!options.keep);
    }

    void run();

private:
    ListQuery query(qint64 offset, SortColumn sort = SortColumn::Key,
                    bool descending = false) const;
    Timing timeList(const ListQuery& q, qint64 expectedRows);
    qint64 importCsv(const QString& ns, const QString& csv, const QString& name, Goal goal,
                     double target);
    void count();
    void pages(const QString& label, SortColumn sort, bool descending);
    void keysetAndPrefixPages();
    void exports();
    // One export of the main namespace to /dev/null: its time.
    qint64 exportOnce(bool withValues);
    // The time of `sqlite3 -csv` selecting the columns of the export (value included) from the
    // registry; 0 when there is no sqlite3.
    qint64 sqliteAnchorNs();
    void diskPerPair();
    void purge();

    Options m_options;
    QTemporaryDir m_tmp;
    std::shared_ptr<kv::ManualClock> m_clock = std::make_shared<kv::ManualClock>();
    std::unique_ptr<kv::LocalBackend> m_backend;
    Report m_report;
    qint64 m_total = 0;
    QString m_prefix;
};

ListQuery CatalogBench::query(qint64 offset, SortColumn sort, bool descending) const
{
    ListQuery q;
    q.ns = mainNs;
    q.sort = sort;
    q.descending = descending;
    q.offset = offset;
    q.limit = pageSize;
    return q;
}

Timing CatalogBench::timeList(const ListQuery& q, qint64 expectedRows)
{
    qint64 rows = -1;
    const Timing t = repeat(m_options.repetitions, [&] {
        const ListQuery fresh = q; // every repetition runs a query of its own
        rows = m_backend->list(fresh).entries.size();
    });
    if (rows != expectedRows)
        say(QStringLiteral("  WARNING: %1 rows returned, %2 expected").arg(rows).arg(expectedRows));
    return t;
}

qint64 CatalogBench::importCsv(const QString& ns, const QString& csv, const QString& name,
                               Goal goal, double target)
{
    QFile in(csv);
    if (!in.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(csv));
    kv::ImportResult result;
    QElapsedTimer timer;
    qint64 stagedNs = -1; // progress runs past 500 of 1000 once the rows are staged and flushed
    auto progress = [&](const kv::Progress& p) {
        if (stagedNs < 0 && p.done > 500)
            stagedNs = timer.nsecsElapsed();
        return true;
    };
    const double cpuStart = processCpuSeconds();
    timer.start();
    result = m_backend->importCsv({ns, true}, &in, progress);
    const qint64 elapsed = timer.nsecsElapsed();
    const double cpu = processCpuSeconds() - cpuStart;
    m_report.rate(name, result.imported, elapsed, QStringLiteral("keys/s"), goal, target);
    say(QStringLiteral("  CPU %1 s (process, all threads): %2 keys per CPU second")
            .arg(cpu, 0, 'f', 2)
            .arg(qint64(double(result.imported) / qMax(cpu, 1e-9))));
    if (stagedNs >= 0)
        say(QStringLiteral("  of which (approx.): validate + write values + stage + flush %1 s, "
                           "apply to the registry %2 s")
                .arg(double(stagedNs) / 1e9, 0, 'f', 2)
                .arg(double(elapsed - stagedNs) / 1e9, 0, 'f', 2));
    return result.imported;
}

void CatalogBench::count()
{
    ListQuery q = query(0);
    q.limit = 0;
    q.withTotal = true;
    const Timing t = repeat(m_options.repetitions, [&] { m_total = m_backend->list(q).total; });
    m_report.timing(QStringLiteral("count (withTotal, limit 0)"), t, Goal::AtMost, 100);
    if (m_total != m_options.keys)
        say(QStringLiteral("  WARNING: counted %1 pairs, %2 imported")
                .arg(m_total)
                .arg(m_options.keys));
}

void CatalogBench::pages(const QString& label, SortColumn sort, bool descending)
{
    struct Case
    {
        QString name;
        qint64 offset;
        bool known;
        double targetMs;
    };
    const QList<Case> cases{
        {QStringLiteral("first page"), 0, false, 10},
        {QStringLiteral("next page"), pageSize, false, 10},
        {QStringLiteral("last page (knownTotal)"), m_total - pageSize, true, 10},
        {QStringLiteral("offset %1 (knownTotal)").arg(m_total / 2), m_total / 2, true, 60}};
    for (const Case& c : cases) {
        ListQuery q = query(c.offset, sort, descending);
        if (c.known)
            q.knownTotal = m_total;
        m_report.timing(label + QStringLiteral(": ") + c.name,
                        timeList(q, qMin(pageSize, m_total - c.offset)), Goal::AtMost, c.targetMs);
    }
}

void CatalogBench::keysetAndPrefixPages()
{
    const int width = digits(qMax<qint64>(1, m_options.keys - 1));
    ListQuery keyset = query(0);
    keyset.afterKey = QString::fromLatin1(keyName(m_total / 2 - 1, width));
    m_report.timing(QStringLiteral("key asc: page after key #%1 (afterKey)").arg(m_total / 2),
                    timeList(keyset, qMin(pageSize, m_total - m_total / 2)));

    // A prefix that holds about a tenth of the keys, in the middle of the namespace.
    m_prefix = QStringLiteral("key.") + QLatin1Char(keyName(m_total / 2, width).at(4));
    ListQuery counted = query(0);
    counted.prefix = m_prefix;
    counted.limit = 0;
    counted.withTotal = true;
    qint64 matching = 0;
    const Timing t =
        repeat(m_options.repetitions, [&] { matching = m_backend->list(counted).total; });
    m_report.timing(QStringLiteral("prefix '%1' count (%2 keys)").arg(m_prefix).arg(matching), t);
    ListQuery first = query(0);
    first.prefix = m_prefix;
    m_report.timing(QStringLiteral("prefix '%1': first page").arg(m_prefix),
                    timeList(first, qMin(pageSize, matching)), Goal::AtMost, 10);
    ListQuery last = query(qMax<qint64>(0, matching - pageSize));
    last.prefix = m_prefix;
    last.knownTotal = matching;
    m_report.timing(QStringLiteral("prefix '%1': last page (knownTotal)").arg(m_prefix),
                    timeList(last, qMin(pageSize, matching)), Goal::AtMost, 10);
}

namespace {

// The 1-minute load average, for the figures beside it ("?" where /proc is not there).
QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readLine().split(' ').value(0));
}

qint64 median(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace

qint64 CatalogBench::exportOnce(bool withValues)
{
    QFile sink(QStringLiteral("/dev/null"));
    if (!sink.open(QIODevice::WriteOnly))
        qFatal("cannot open /dev/null");
    kv::ExportRequest request;
    request.ns = mainNs;
    request.withValues = withValues;
    qint64 rows = 0;
    const qint64 ns = timeOnce([&] { rows = m_backend->exportCsv(request, &sink, {}); });
    if (rows != m_options.keys)
        qFatal("the export wrote %lld rows instead of %lld", rows, m_options.keys);
    return ns;
}

void CatalogBench::exports()
{
    say(QStringLiteral("  load average (1 min) before the exports: %1").arg(loadAverage()));
    const qint64 rows = m_options.keys;
    m_report.rate(QStringLiteral("export without values"), rows, exportOnce(false),
                  QStringLiteral("rows/s"), Goal::AtLeast, 500'000);
    m_report.memory(QStringLiteral("export without values"));

    // The export with values and its anchor take turns, so that both see the same load (the
    // machine is shared); the medians are compared.
    const int rounds = qMin(3, m_options.repetitions);
    QList<qint64> exportNs, anchorNs;
    for (int round = 0; round < rounds; ++round) {
        exportNs << exportOnce(true);
        const qint64 anchor = sqliteAnchorNs();
        if (anchor > 0)
            anchorNs << anchor;
    }
    const qint64 ns = median(exportNs);
    m_report.rate(QStringLiteral("export with values (median of %1)").arg(rounds), rows, ns,
                  QStringLiteral("rows/s"), Goal::AtLeast, 300'000);
    if (!anchorNs.isEmpty()) {
        const qint64 anchor = median(anchorNs);
        m_report.rate(QStringLiteral("anchor: sqlite3 -csv, same columns with value"), rows, anchor,
                      QStringLiteral("rows/s"));
        m_report.figure(QStringLiteral("export with values / sqlite3 -csv"),
                        double(anchor) / double(qMax<qint64>(ns, 1)), QStringLiteral("x"),
                        Goal::AtLeast, 0.5);
    }
    say(QStringLiteral("  load average (1 min) after the exports: %1").arg(loadAverage()));
    m_report.memory(QStringLiteral("export with values"));
}

qint64 CatalogBench::sqliteAnchorNs()
{
    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (sqlite3.isEmpty()) {
        say(QStringLiteral("  sqlite3 not found: no anchor for the export with values"));
        return 0;
    }
    // The export's columns, in key order, from one namespace's live pairs; an external value
    // is a file sqlite3 does not read, so at 1M small pairs every value is in the registry.
    const QString sql =
        QStringLiteral("SELECT namespace, key, type, description, size, created_at, updated_at, "
                       "expires_at, value FROM kv WHERE namespace = '%1' AND expires_at > %2 "
                       "ORDER BY key")
            .arg(mainNs)
            .arg(m_clock->nowMs());
    QProcess p;
    p.setStandardOutputFile(QStringLiteral("/dev/null"));
    const qint64 ns = timeOnce([&] {
        p.start(sqlite3, {QStringLiteral("-csv"),
                          m_tmp.filePath(QStringLiteral("catalog/registry.sqlite")), sql});
        p.waitForFinished(-1);
    });
    if (p.exitCode() != 0) {
        say(QStringLiteral("  sqlite3 failed: %1")
                .arg(QString::fromUtf8(p.readAllStandardError())));
        return 0;
    }
    return ns;
}

// Bytes on disk (allocated blocks) of the registry (with its WAL) and of the value folder.
void CatalogBench::diskPerPair()
{
    auto allocated = [](const QString& path) -> qint64 {
        struct stat st;
        return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? qint64(st.st_blocks) * 512
                                                                     : 0;
    };
    const QString folder = m_tmp.filePath(QStringLiteral("catalog"));
    qint64 registry = 0;
    for (const char* suffix : {"", "-wal", "-shm"})
        registry += allocated(folder + QStringLiteral("/registry.sqlite") + QLatin1String(suffix));
    qint64 values = 0;
    qint64 files = 0;
    QDirIterator it(folder + QStringLiteral("/values"),
                    QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        values += allocated(it.next());
        files += it.fileInfo().isFile() ? 1 : 0;
    }
    say(QStringLiteral("  disk: registry (with -wal, -shm) %1 MiB, values/ %2 MiB in %3 files")
            .arg(double(registry) / 1048576.0, 0, 'f', 1)
            .arg(double(values) / 1048576.0, 0, 'f', 1)
            .arg(files));
    m_report.figure(QStringLiteral("disk per pair (registry + values/)"),
                    double(registry + values) / double(qMax<qint64>(1, m_options.keys)),
                    QStringLiteral("bytes"), Goal::AtMost, 400);
}

void CatalogBench::purge()
{
    const QString csv = m_tmp.filePath(QStringLiteral("expiring.csv"));
    writeCsv(csv, m_options.purgeKeys, false, m_clock->nowMs() + 3'600'000);
    importCsv(purgeNs, csv, QStringLiteral("import with expires (%1)").arg(purgeNs), Goal::None, 0);
    QFile::remove(csv);
    m_clock->advanceSeconds(2 * 3600); // every pair of purgeNs is now expired
    kv::PurgeRequest request;
    request.namespaces = {purgeNs};
    kv::PurgeResult result;
    const double cpuStart = processCpuSeconds();
    const qint64 ns = timeOnce([&] { result = m_backend->purge(request, {}); });
    const double cpu = processCpuSeconds() - cpuStart;
    m_report.rate(QStringLiteral("purge of expired pairs"), result.count, ns,
                  QStringLiteral("pairs/s"), Goal::AtLeast, 200'000);
    say(QStringLiteral("  CPU %1 s (process, all threads): %2 pairs per CPU second")
            .arg(cpu, 0, 'f', 2)
            .arg(qint64(double(result.count) / qMax(cpu, 1e-9))));
    m_report.memory(QStringLiteral("purge"));
}

void CatalogBench::run()
{
    if (!m_tmp.isValid())
        qFatal("cannot create a temporary directory: %s", qPrintable(m_tmp.errorString()));
    say(QStringLiteral(
            "KV Desk local catalog benchmark: %1 keys (+%2 expiring), %3 repetitions per timing, "
            "Qt %4, folder %5%6")
            .arg(m_options.keys)
            .arg(m_options.purgeKeys)
            .arg(m_options.repetitions)
            .arg(QString::fromLatin1(qVersion()), m_tmp.path(),
                 m_options.shuffled ? QStringLiteral(", shuffled keys") : QString()));
    m_report.memory(QStringLiteral("start"));

    const QString csv = m_tmp.filePath(QStringLiteral("main.csv"));
    const qint64 generateNs =
        timeOnce([&] { writeCsv(csv, m_options.keys, m_options.shuffled, std::nullopt); });
    say(QStringLiteral("  generated %1 (%2 MiB) in %3 s (not counted)")
            .arg(csv)
            .arg(double(QFileInfo(csv).size()) / 1048576.0, 0, 'f', 1)
            .arg(double(generateNs) / 1e9, 0, 'f', 2));
    m_backend =
        std::make_unique<kv::LocalBackend>(m_tmp.filePath(QStringLiteral("catalog")), m_clock);

    say(QStringLiteral("\n[import]"));
    importCsv(mainNs, csv, QStringLiteral("bulk import (small values inline)"), Goal::AtLeast,
              150'000);
    QFile::remove(csv);
    const QString registry = m_tmp.filePath(QStringLiteral("catalog/registry.sqlite"));
    say(QStringLiteral("  registry.sqlite %1 MiB, -wal %2 MiB")
            .arg(double(QFileInfo(registry).size()) / 1048576.0, 0, 'f', 1)
            .arg(double(QFileInfo(registry + QStringLiteral("-wal")).size()) / 1048576.0, 0, 'f',
                 1));
    diskPerPair();
    m_report.memory(QStringLiteral("import"));

    if (!m_options.bulkOnly) {
        say(QStringLiteral("\n[count and pages of %1]").arg(pageSize));
        count();
        pages(QStringLiteral("key asc"), SortColumn::Key, false);
        pages(QStringLiteral("updated desc"), SortColumn::Updated, true);
        pages(QStringLiteral("expires asc"), SortColumn::Expires, false);
        keysetAndPrefixPages();
        m_report.memory(QStringLiteral("pages"));

        say(QStringLiteral("\n[export]"));
        exports();
    }
    say(QStringLiteral("\n[purge]"));
    purge();

    m_report.printSummary();
    say(QStringLiteral("\nPEAK_RSS_KIB %1 (keys %2)").arg(peakRssKib()).arg(m_options.keys));
    m_backend.reset();
    if (!m_options.keep)
        say(QStringLiteral("removing %1 ...").arg(m_tmp.path()));
}

Options parseOptions(const QCoreApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Benchmark of the KV Desk local catalog; prints figures and targets."));
    parser.addHelpOption();
    const QCommandLineOption keys(
        QStringLiteral("keys"),
        QStringLiteral("Keys in the generated namespace (default 1000000)."), QStringLiteral("n"));
    const QCommandLineOption purgeKeys(
        QStringLiteral("purge-keys"),
        QStringLiteral("Expiring keys for the purge (default keys/5)."), QStringLiteral("n"));
    const QCommandLineOption reps(QStringLiteral("reps"),
                                  QStringLiteral("Repetitions per timing (default 5)."),
                                  QStringLiteral("n"));
    const QCommandLineOption dir(
        QStringLiteral("dir"),
        QStringLiteral("Parent of the temporary folder (default: the temp dir)."),
        QStringLiteral("path"));
    const QCommandLineOption shuffled(QStringLiteral("shuffled"),
                                      QStringLiteral("Import the keys in a scattered order."));
    const QCommandLineOption keep(QStringLiteral("keep"),
                                  QStringLiteral("Keep the temporary folder."));
    const QCommandLineOption bulkOnly(
        QStringLiteral("bulk-only"),
        QStringLiteral("Only the import, the disk use and the purge (no pages, no export)."));
    parser.addOptions({keys, purgeKeys, reps, dir, shuffled, keep, bulkOnly});
    parser.process(app);
    Options o;
    if (parser.isSet(keys))
        o.keys = qMax<qint64>(1000, parser.value(keys).toLongLong());
    o.purgeKeys = parser.isSet(purgeKeys) ? qMax<qint64>(1, parser.value(purgeKeys).toLongLong())
                                          : o.keys / 5;
    if (parser.isSet(reps))
        o.repetitions = qMax(1, parser.value(reps).toInt());
    o.dir = parser.value(dir);
    o.shuffled = parser.isSet(shuffled);
    o.keep = parser.isSet(keep);
    o.bulkOnly = parser.isSet(bulkOnly);
    return o;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const Options options = parseOptions(app);
    try {
        CatalogBench(options).run();
    } catch (const kv::CatalogError& e) {
        say(QStringLiteral("FAILED: %1").arg(e.message()));
        return 1;
    }
    return 0;
}
