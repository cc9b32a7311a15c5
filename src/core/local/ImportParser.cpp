#include "local/ImportParser.h"

#include "domain/CatalogError.h"
#include "domain/Clock.h"
#include "domain/InputText.h"
#include "domain/Rules.h"
#include "local/LocalBackend.h"

#include <QHash>
#include <QIODevice>

namespace kv {

namespace {

constexpr std::size_t rowsPerBatch = 1000;
constexpr std::size_t maxQueuedBatches = 4;

} // namespace

// Every column must be known and named once: a misspelt or repeated column would otherwise be
// skipped without a word, and its data lost. The export's informational columns (namespace,
// size, created, updated) are accepted and ignored, so an export imports as it is.
ImportParser::Columns ImportParser::mapHeader(const QStringList& header)
{
    static const QString known =
        QStringLiteral("key, value, type, description, expires (and, ignored as in an export: "
                       "namespace, size, created, updated)");
    Columns c;
    QHash<QString, int> seen; // name -> 1-based column
    for (int i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed().toLower();
        int* slot = name == QLatin1String("key")           ? &c.key
                    : name == QLatin1String("value")       ? &c.value
                    : name == QLatin1String("type")        ? &c.type
                    : name == QLatin1String("description") ? &c.description
                    : name == QLatin1String("expires")     ? &c.expires
                                                           : nullptr;
        const bool ignored = name == QLatin1String("namespace") || name == QLatin1String("size") ||
                             name == QLatin1String("created") || name == QLatin1String("updated");
        if (!slot && !ignored)
            throw CatalogError::invalidInput(
                QStringLiteral("the CSV header has an unknown column %1 (column %2); known "
                               "columns: %3; nothing was imported")
                    .arg(inputtext::quoted(header.at(i)))
                    .arg(i + 1)
                    .arg(known));
        if (const int first = seen.value(name); first > 0)
            throw CatalogError::invalidInput(
                QStringLiteral("the CSV header names the column '%1' twice (columns %2 and %3); "
                               "nothing was imported")
                    .arg(name)
                    .arg(first)
                    .arg(i + 1));
        seen.insert(name, i + 1);
        if (slot)
            *slot = i;
    }
    if (c.key < 0 || c.value < 0)
        throw CatalogError::invalidInput(
            QStringLiteral("the CSV header must name the columns 'key' and 'value' (optional: "
                           "'type', 'description', 'expires'); found: %1")
                .arg(header.join(QLatin1Char(','))));
    return c;
}

ImportParser::ImportParser(QIODevice* in, const Limits& limits)
    : m_in(in)
    , m_reader(in)
    , m_limits(limits)
{
    if (!m_reader.readRecord(m_header))
        throw CatalogError::invalidInput(
            m_reader.hasError()
                ? QStringLiteral("invalid CSV: %1").arg(m_reader.error())
                : QStringLiteral("the CSV file is empty: expected a header with the "
                                 "columns 'key' and 'value'"));
    m_columns = mapHeader(m_header);
    m_thread = std::thread([this] {
        try {
            run();
        } catch (...) {
            std::lock_guard lock(m_mutex);
            m_error = std::current_exception();
        }
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_changed.notify_all();
    });
}

ImportParser::~ImportParser()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_queue.clear();
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

bool ImportParser::next(Batch& batch)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_queue.empty() || m_done; });
    if (!m_queue.empty()) {
        batch = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        m_changed.notify_all(); // room in the queue
        return true;
    }
    if (m_error)
        std::rethrow_exception(m_error);
    return false;
}

void ImportParser::push(Batch&& batch)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < maxQueuedBatches || m_stopping; });
    if (m_stopping)
        return;
    m_queue.push_back(std::move(batch));
    lock.unlock();
    m_changed.notify_all();
}

void ImportParser::run()
{
    QStringList fields;
    Batch batch;
    batch.items.reserve(rowsPerBatch);
    Item item;
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                return;
        }
        const bool more = m_reader.readRecord(fields);
        if (more && !readRow(fields, item))
            continue; // expired already
        if (more)
            batch.items.push_back(std::move(item));
        if (!batch.items.empty() && (!more || batch.items.size() >= rowsPerBatch)) {
            batch.inputPos = m_in->pos();
            push(std::move(batch));
            batch = Batch();
            batch.items.reserve(rowsPerBatch);
        }
        if (!more)
            break;
    }
    if (m_reader.hasError())
        throw CatalogError::invalidInput(
            QStringLiteral("invalid CSV: %1; nothing was imported").arg(m_reader.error()));
}

bool ImportParser::readRow(QStringList& fields, Item& item)
{
    auto fail = [this](const QString& problem) {
        return CatalogError::invalidInput(QStringLiteral("row %1 (line %2): %3; nothing was "
                                                         "imported")
                                              .arg(m_reader.recordNumber())
                                              .arg(m_reader.lineNumber())
                                              .arg(problem));
    };
    // Every row has the header's fields: a short row has lost a cell (a value that is not
    // there is not an empty value), a long one has a separator too many.
    if (fields.size() < m_header.size())
        throw fail(QStringLiteral("%1 field(s) where the header has %2: the column '%3' is "
                                  "missing")
                       .arg(fields.size())
                       .arg(m_header.size())
                       .arg(m_header.at(fields.size()).trimmed()));
    if (fields.size() > m_header.size())
        throw fail(QStringLiteral("%1 fields where the header has %2")
                       .arg(fields.size())
                       .arg(m_header.size()));
    auto cell = [&fields](int index) {
        return index >= 0 ? fields.at(index) : QString();
    };
    const Columns& col = m_columns;
    item = Item();
    ImportStaging::Row& row = item.row;
    row.rowNo = m_reader.recordNumber();
    row.line = m_reader.lineNumber();
    row.key = cell(col.key);
    if (const QString problem = rules::keyProblem(row.key); !problem.isEmpty())
        throw fail(problem);
    if (const QString typeText = cell(col.type).trimmed(); !typeText.isEmpty()) {
        const auto parsed = parseValueType(typeText);
        if (!parsed)
            throw fail(QStringLiteral("unknown type '%1'").arg(typeText));
        row.type = *parsed;
    }
    KvValue value;
    try {
        value = KvValue::parse(row.type, cell(col.value));
    } catch (const CatalogError& e) {
        throw fail(e.message());
    }
    if (const QString text = cell(col.expires).trimmed(); !text.isEmpty()) {
        const auto parsed = parseIsoDateTime(text);
        if (!parsed)
            throw fail(QStringLiteral("invalid expiration date '%1': expected ISO-8601 with an "
                                      "offset, e.g. 2024-02-29T10:00:00Z")
                           .arg(text));
        row.expiresAtMs = *parsed;
    }
    if (row.expiresAtMs <= m_limits.nowMs) {
        ++m_skippedExpired;
        return false;
    }
    if (col.description >= 0)
        row.description = cell(col.description);
    QByteArray bytes = value.toJson();
    if (bytes.size() > m_limits.maxValueBytes)
        throw fail(
            LocalBackend::tooLargeText(m_limits.ns, row.key, bytes.size(), m_limits.maxValueBytes));
    if (bytes.size() <= m_limits.inlineLimit) { // goes into its row: no file at all
        const LocalBackend::Written written = LocalBackend::describeInline(bytes);
        row.size = written.size;
        row.checksum = written.checksum;
        row.inlineValue = std::move(bytes);
    } else {
        const LocalBackend::Written written = LocalBackend::describeValue(bytes);
        row.size = written.size;
        row.checksum = written.checksum;
        row.valueId = written.valueId;
        item.fileBytes = std::move(bytes);
    }
    return true;
}

} // namespace kv
