// Opening a catalog written with registry schema 1 (tests/fixtures/catalog-v1, made by the old
// code) migrates it: the CLI then prints exactly what the old code printed
// (tests/fixtures/catalog-v1.expected), small values live in their rows, and a kill in the
// middle of the migration leaves only orphan files, the next open finishing the job.
#include "Catalog.h"
#include "CliRunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString fixture = QStringLiteral(KVDESK_FIXTURES "/catalog-v1");
const QString expectedFile = QStringLiteral(KVDESK_FIXTURES "/catalog-v1.expected");
const QString bulkNs = QStringLiteral("bulk");
constexpr int bulkRows = 12'000; // a dozen batches of the migration
constexpr qint64 inlineLimit = 16384;

bool copyTree(const QString& from, const QString& to)
{
    if (!QDir().mkpath(to))
        return false;
    QDirIterator it(from, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + path.mid(from.size());
        if (it.fileInfo().isDir() ? !QDir().mkpath(target) : !QFile::copy(path, target))
            return false;
    }
    return true;
}

// What tests/fixtures/dump-catalog.sh prints (standard output and error of each run, in order).
QByteArray dump(const CliRunner& cli)
{
    QByteArray text;
    auto run = [&](const QStringList& args) {
        text += "## " + args.join(QLatin1Char(' ')).toUtf8() + '\n';
        const CliResult r = cli.run(args);
        text += r.out + r.err.toUtf8();
        return r;
    };
    for (const QString& ns : {QStringLiteral("team"), QStringLiteral("team.billing"),
                              QStringLiteral("team.billing.eu")}) {
        const QByteArray listed =
            run({QStringLiteral("ls"), ns, QStringLiteral("--include-expired"),
                 QStringLiteral("--json")})
                .out;
        for (const QJsonValue& entry : QJsonDocument::fromJson(listed).array()) {
            const QString key = entry[u"key"].toString();
            run({QStringLiteral("get"), ns, key, QStringLiteral("--json")});
            run({QStringLiteral("history"), ns, key, QStringLiteral("--json")});
        }
    }
    run({QStringLiteral("ns"), QStringLiteral("list"), QStringLiteral("--json")});
    return text;
}

QByteArray expectedDump()
{
    QFile file(expectedFile);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The dump up to its last section (ns list) and that section's JSON array.
std::pair<QByteArray, QJsonArray> splitDump(const QByteArray& text)
{
    const qsizetype at = text.lastIndexOf("## ns list --json\n");
    return {
        text.left(at),
        QJsonDocument::fromJson(text.mid(at + qsizetype(strlen("## ns list --json\n")))).array()};
}

QJsonObject fsck(const CliRunner& cli, const QStringList& options = {})
{
    const CliResult r =
        cli.run(QStringList{QStringLiteral("fsck"), QStringLiteral("--json")} + options);
    if (r.exitCode != 0 && r.exitCode != 1)
        QTest::qFail(qPrintable(r.describe()), __FILE__, __LINE__);
    return QJsonDocument::fromJson(r.out).object();
}

QString bulkKey(int i)
{
    return QStringLiteral("b%1").arg(i, 6, 10, QLatin1Char('0'));
}

QByteArray bulkValue(int i) // a STRING's stored form
{
    return QByteArray("\"value of ") + QByteArray::number(i) + '"';
}

// Direct access to a catalog's registry, as another program would have it.
class RegistryFile
{
public:
    explicit RegistryFile(const QString& catalog)
        : m_name(QStringLiteral("probe-%1").arg(++s_serial))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(catalog + QStringLiteral("/registry.sqlite"));
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=15000"));
        db.open();
    }
    ~RegistryFile() { QSqlDatabase::removeDatabase(m_name); }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    // The first column of the first row of `sql`.
    QVariant value(const QString& sql) const
    {
        QSqlQuery q(db());
        return q.exec(sql) && q.next() ? q.value(0) : QVariant();
    }

private:
    static inline int s_serial = 0;
    QString m_name;
};

} // namespace

class TestMigration : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fixtureReadsTheSame();
    void killedMigrationGoesOn();

private:
    // Adds bulkRows pairs in namespace "bulk" to a schema-1 catalog as the old code stored them:
    // one value file each; every tenth pair also has an older revision (another file).
    void addSchema1Pairs(const QString& catalog);
    void checkAllInline(const QString& catalog);

    QTemporaryDir m_dir;
};

void TestMigration::initTestCase()
{
    QVERIFY2(!CliRunner::program().isEmpty(), "KVDESK_CLI is not set: run the test through ctest");
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(fixture + QStringLiteral("/registry.sqlite")), qPrintable(fixture));
    QVERIFY(!expectedDump().isEmpty());
}

void TestMigration::checkAllInline(const QString& catalog)
{
    const RegistryFile registry(catalog);
    QCOMPARE(registry
                 .value(QStringLiteral("SELECT COUNT(*) FROM meta WHERE name = "
                                       "'value_migration'"))
                 .toInt(),
             0);
    // Within the limit (inclusive): inline; above it: a file, and only those.
    for (const QString& table : {QStringLiteral("kv"), QStringLiteral("kv_history")}) {
        QCOMPARE(registry
                     .value(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE size <= %2 AND "
                                           "(value_id <> '' OR value IS NULL)")
                                .arg(table)
                                .arg(inlineLimit))
                     .toInt(),
                 0);
        QCOMPARE(registry
                     .value(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE size > %2 AND "
                                           "(value_id = '' OR value IS NOT NULL)")
                                .arg(table)
                                .arg(inlineLimit))
                     .toInt(),
                 0);
    }
    QCOMPARE(registry.value(QStringLiteral("SELECT length(value) FROM kv WHERE key = 'edge'")),
             QVariant(qint64(inlineLimit)));
    QCOMPARE(registry.value(QStringLiteral("SELECT value_id <> '' FROM kv WHERE key = 'big'")),
             QVariant(qint64(1)));
}

void TestMigration::fixtureReadsTheSame()
{
    const QString catalog = m_dir.filePath(QStringLiteral("fixture"));
    QVERIFY(copyTree(fixture, catalog));
    const int filesBefore = int(CliRunner::valueFiles(catalog).size());
    QCOMPARE(filesBefore, 17); // 15 values within the limit (two of them older revisions), 2 above

    const CliRunner cli(catalog);
    const CliResult opened = cli.ok({QStringLiteral("catalog"), QStringLiteral("info")});
    QVERIFY_PRINTS(opened, "Schema version: 3");
    QVERIFY2(opened.err.contains(
                 QLatin1String("upgrading the catalog: 15 of 15 values moved into the registry")),
             qPrintable(opened.describe()));
    checkAllInline(catalog);
    QCOMPARE(CliRunner::valueFiles(catalog).size(), 2); // big and over_edge

    const QByteArray printed = dump(cli);
    QCOMPARE(printed, expectedDump());

    const QJsonObject report = fsck(cli, {QStringLiteral("--verify")});
    QVERIFY2(report[u"clean"].toBool(), QJsonDocument(report).toJson().constData());
    QCOMPARE(report[u"valueFiles"].toInteger(), 2);
    // A second open has nothing left to do.
    QVERIFY(cli.ok({QStringLiteral("catalog"), QStringLiteral("info")}).err.isEmpty());
}

void TestMigration::addSchema1Pairs(const QString& catalog)
{
    const RegistryFile registry(catalog);
    QSqlDatabase db = registry.db();
    QVERIFY(db.isOpen());
    QCOMPARE(registry.value(QStringLiteral("SELECT value FROM meta WHERE name = 'schema_version'"))
                 .toInt(),
             1);
    const int stringType = registry.value(QStringLiteral("SELECT type FROM kv WHERE key = 'root'"))
                               .toInt(); // STRING, as the old code stored it
    QVERIFY(db.transaction());
    QSqlQuery kv(db), history(db);
    const QString columns = QStringLiteral(
        "(namespace, key, revision, type, description, size, checksum, created_at, updated_at, "
        "expires_at, value_id) VALUES (?, ?, ?, ?, '', ?, ?, 1, 1, 9223372036854775807, ?)");
    QVERIFY(kv.prepare(QStringLiteral("INSERT INTO kv ") + columns));
    QVERIFY(history.prepare(QStringLiteral("INSERT INTO kv_history ") + columns));
    auto add = [&](QSqlQuery& q, int i, int revision, const QByteArray& bytes) {
        const QString id = QString::fromLatin1(
            QCryptographicHash::hash(QByteArray::number(i * 10 + revision), QCryptographicHash::Md5)
                .toHex());
        const QString dir = catalog + QStringLiteral("/values/") + id.left(2);
        QDir().mkpath(dir);
        QFile file(dir + QLatin1Char('/') + id);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return false;
        const QVariantList values{
            bulkNs,
            bulkKey(i),
            revision,
            stringType,
            bytes.size(),
            QString::fromLatin1(
                QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()),
            id};
        for (int at = 0; at < values.size(); ++at)
            q.bindValue(at, values.at(at));
        return q.exec();
    };
    for (int i = 0; i < bulkRows; ++i) {
        const bool withHistory = i % 10 == 0;
        QVERIFY(add(kv, i, withHistory ? 2 : 1, bulkValue(i)));
        if (withHistory)
            QVERIFY(add(history, i, 1, "\"older\""));
    }
    QVERIFY(db.commit());
}

void TestMigration::killedMigrationGoesOn()
{
    const QString catalog = m_dir.filePath(QStringLiteral("killed"));
    QVERIFY(copyTree(fixture, catalog));
    addSchema1Pairs(catalog);
    const int toMove = 15 + bulkRows + bulkRows / 10;
    const CliRunner cli(catalog);

    // Killed once its progress says that some batches were committed.
    const std::unique_ptr<QProcess> first =
        cli.start({QStringLiteral("catalog"), QStringLiteral("info")});
    QVERIFY2(first->waitForStarted(10'000), qPrintable(first->errorString()));
    QByteArray progress;
    bool finishedFirst = false;
    for (;;) {
        if (first->state() == QProcess::NotRunning) {
            finishedFirst = true;
            break;
        }
        first->waitForReadyRead(100);
        progress += first->readAllStandardError();
        if (progress.contains(" 1000 of ") || progress.contains(" 2000 of "))
            break;
    }
    first->kill(); // SIGKILL: no cleanup of any kind
    QVERIFY(first->waitForFinished(10'000));
    progress += first->readAllStandardError();
    QVERIFY2(progress.contains(
                 QStringLiteral("upgrading the catalog: 0 of %1 values").arg(toMove).toUtf8()),
             progress.constData());
    if (finishedFirst)
        qWarning("the migration finished before it could be killed; checking the result anyway");
    {
        const RegistryFile registry(catalog);
        const int moved =
            registry.value(QStringLiteral("SELECT COUNT(*) FROM kv WHERE value_id = ''")).toInt();
        qInfo("killed with %d rows moved of %d", moved, toMove);
        if (!finishedFirst) {
            QVERIFY(moved >= 1000 && moved < toMove);
            QCOMPARE(registry
                         .value(QStringLiteral("SELECT value FROM meta WHERE name = "
                                               "'value_migration'"))
                         .toString(),
                     QStringLiteral("pending"));
        }
    }

    // A reader that does not migrate (its progress says stop at once) reads every value while
    // another process finishes the migration.
    const auto reader =
        kv::Catalog::open(catalog, {}, nullptr, [](const kv::Progress&) { return false; });
    const std::unique_ptr<QProcess> second =
        cli.start({QStringLiteral("catalog"), QStringLiteral("info")});
    QVERIFY(second->waitForStarted(10'000));
    int passes = 0;
    do {
        kv::ListQuery query;
        query.ns = bulkNs;
        query.limit = 3000;
        query.withValues = true;
        int seen = 0;
        for (;;) {
            const kv::KvPage page = reader->list(query).result();
            for (const kv::KvEntry& e : page.entries) {
                const int i = e.key.mid(1).toInt();
                QVERIFY2(e.value && e.value->toJson() == bulkValue(i), qPrintable(e.key));
                ++seen;
            }
            if (page.entries.size() < query.limit)
                break;
            query.afterKey = page.entries.last().key;
        }
        QCOMPARE(seen, bulkRows);
        ++passes;
    } while (!second->waitForFinished(0));
    QCOMPARE(second->exitStatus(), QProcess::NormalExit);
    QCOMPARE(second->exitCode(), 0);
    qInfo("%d full reads during the second migration", passes);

    checkAllInline(catalog);
    const auto [printed, namespaces] = splitDump(dump(cli));
    const auto [expected, expectedNamespaces] = splitDump(expectedDump());
    QCOMPARE(printed, expected);
    QJsonArray withoutBulk;
    for (const QJsonValue& ns : namespaces) {
        if (ns[u"namespace"].toString() != bulkNs)
            withoutBulk.append(ns);
    }
    QCOMPARE(withoutBulk, expectedNamespaces);
    QCOMPARE(cli.ok({QStringLiteral("get"), bulkNs, bulkKey(10)}).out, QByteArray("value of 10\n"));
    const CliResult history =
        cli.ok({QStringLiteral("history"), bulkNs, bulkKey(10), QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(history.out).array().size(), 2);

    // What the kill left: orphan files only, which repair removes.
    const QJsonObject before = fsck(cli, {QStringLiteral("--verify")});
    QVERIFY(before[u"dangling"].toArray().isEmpty());
    QVERIFY(before[u"danglingRevisions"].toArray().isEmpty());
    QVERIFY(before[u"corrupt"].toArray().isEmpty());
    QVERIFY(before[u"invalidIds"].toArray().isEmpty());
    qInfo("%lld orphan(s) after the kill", qint64(before[u"orphans"].toArray().size()));
    const QJsonObject repaired = fsck(cli, {QStringLiteral("--repair")});
    QCOMPARE(repaired[u"orphans"].toArray().size(), before[u"orphans"].toArray().size());
    const QJsonObject after = fsck(cli);
    QVERIFY(after[u"clean"].toBool());
    QCOMPARE(after[u"valueFiles"].toInteger(), 2);
    QCOMPARE(CliRunner::valueFiles(catalog).size(), 2);
}

QTEST_GUILESS_MAIN(TestMigration)
#include "tst_migration.moc"
