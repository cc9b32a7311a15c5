// KvStoreWidget: the actions on pairs. Every catalog call is asynchronous; results come back
// on the GUI thread through continuations bound to this widget.
#include "Catalog.h"
#include "ErrorText.h"
#include "ExpirationDialog.h"
#include "FutureWatch.h"
#include "KvEditorDialog.h"
#include "KvStoreWidget.h"
#include "KvTableModel.h"
#include "Prompter.h"
#include "PurgeDialog.h"
#include "TaskStatusWidget.h"

#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLocale>
#include <QSaveFile>
#include <QTableView>

namespace {

constexpr int keysListedInConfirmation = 10;

struct ExportDone
{
    qint64 rows = 0;
    QString error; // the file could not be committed
};

QString csvFilter()
{
    return KvStoreWidget::tr("CSV files (*.csv);;All files (*)");
}

} // namespace

void KvStoreWidget::warn(const QString& title, const QString& text)
{
    m_context.prompter->warn(this, title, text);
}

void KvStoreWidget::afterWrite(const QString& message)
{
    if (!message.isEmpty())
        emit statusMessage(message);
    refresh();
    emit pairsChanged();
}

void KvStoreWidget::withSelectedKeys(std::function<void(const QStringList&)> then)
{
    const QList<int> rows = selectedRows();
    if (!m_model || rows.isEmpty())
        return;
    whenFinished(
        m_model->keysForRows(rows), this, [then](const QStringList& keys) { then(keys); },
        [this](const kv::CatalogError& error) { emit statusMessage(ErrorText::describe(error)); });
}

void KvStoreWidget::createPair()
{
    if (!m_catalog || m_ns.isEmpty())
        return;
    openEditor(QString());
}

void KvStoreWidget::editCurrent()
{
    const QList<int> rows = selectedRows();
    const int row = rows.size() == 1 ? rows.first() : table()->currentIndex().row();
    const QString key = m_model ? m_model->keyAt(row) : QString();
    if (!key.isEmpty())
        openEditor(key);
}

void KvStoreWidget::openEditor(const QString& key)
{
    auto* dialog = new KvEditorDialog(m_catalog, m_context.clock, m_ns, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &KvEditorDialog::saved, this, [this](const kv::KvEntry& entry) {
        afterWrite(tr("Saved %1 (revision %2)").arg(entry.key).arg(entry.revision));
    });
    if (key.isEmpty())
        dialog->startCreate();
    else
        dialog->startEdit(key);
    dialog->open();
}

void KvStoreWidget::deleteSelected()
{
    if (!m_catalog)
        return;
    withSelectedKeys([this](const QStringList& keys) {
        if (keys.isEmpty())
            return;
        QString text =
            tr("Delete %Ln key-value pair(s) from %1?", nullptr, int(keys.size())).arg(m_ns);
        text += QStringLiteral("\n\n") + keys.mid(0, keysListedInConfirmation).join(u'\n');
        if (keys.size() > keysListedInConfirmation)
            text += QLatin1Char('\n') +
                    tr("… and %n more", nullptr, int(keys.size() - keysListedInConfirmation));
        text += QStringLiteral("\n\n") + tr("Their history is deleted too. This cannot be undone.");
        if (!m_context.prompter->confirm(this, tr("Delete Pairs"), text, tr("Delete")))
            return;
        whenFinished(
            m_catalog->remove(m_ns, keys), this,
            [this](const kv::DeleteResult& result) {
                QString message = tr("Deleted %n pair(s)", nullptr, int(result.deleted.size()));
                if (!result.missing.isEmpty())
                    message += QStringLiteral("; ") +
                               tr("%n were already gone", nullptr, int(result.missing.size()));
                afterWrite(message);
            },
            [this](const kv::CatalogError& error) {
                warn(tr("Delete Pairs"), ErrorText::describe(error));
                afterWrite(QString());
            });
    });
}

void KvStoreWidget::copyKeys()
{
    withSelectedKeys(
        [](const QStringList& keys) { QGuiApplication::clipboard()->setText(keys.join(u'\n')); });
}

void KvStoreWidget::copyExpressions()
{
    withSelectedKeys([](const QStringList& keys) {
        QStringList lines;
        for (const QString& key : keys)
            lines << QStringLiteral("{{ kv('%1') }}").arg(key);
        QGuiApplication::clipboard()->setText(lines.join(u'\n'));
    });
}

void KvStoreWidget::copyValue()
{
    withSelectedKeys([this](const QStringList& keys) {
        if (keys.size() != 1 || !m_catalog)
            return;
        whenFinished(
            m_catalog->get(m_ns, keys.first()), this,
            [this](const kv::KvEntry& entry) {
                QGuiApplication::clipboard()->setText(entry.value ? entry.value->text()
                                                                  : QString());
                emit statusMessage(tr("Copied the value of %1").arg(entry.key));
            },
            [this](const kv::CatalogError& error) {
                warn(tr("Copy Value"), ErrorText::describe(error));
                refresh(); // it expired or was deleted: show what is stored now
            });
    });
}

void KvStoreWidget::changeExpiration()
{
    withSelectedKeys([this](const QStringList& keys) {
        if (keys.isEmpty() || !m_catalog)
            return;
        auto* dialog = new ExpirationDialog(m_catalog, m_ns, keys, this);
        dialog->setClock(m_context.clock);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &ExpirationDialog::applied, this, [this](const QStringList& changed) {
            afterWrite(tr("Changed the expiration of %n pair(s)", nullptr, int(changed.size())));
        });
        dialog->open();
    });
}

void KvStoreWidget::purgeExpired()
{
    if (!m_catalog)
        return;
    auto* dialog = new PurgeDialog(m_catalog, m_context.prompter, m_ns, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PurgeDialog::purged, this, [this](const kv::PurgeResult& result) {
        afterWrite(tr("Purged %n pair(s)", nullptr, int(qMin<qint64>(result.count, INT_MAX))));
    });
    dialog->show(); // not modal: the window stays usable while a purge runs
}

void KvStoreWidget::exportCsv(bool selectionOnly)
{
    if (!m_catalog || m_ns.isEmpty())
        return;
    auto run = [this](const QStringList& keys) {
        const QString path = m_context.prompter->saveFileName(
            this, tr("Export CSV"), m_ns + QStringLiteral(".csv"), csvFilter());
        if (path.isEmpty())
            return;
        // Written by a worker thread; committed (renamed into place) only when complete.
        auto file = std::make_shared<QSaveFile>(path);
        if (!file->open(QIODevice::WriteOnly)) {
            warn(
                tr("Export CSV"),
                tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file->errorString()));
            return;
        }
        kv::ExportRequest request;
        request.ns = m_ns;
        request.keys = keys;
        request.withValues = m_actions.includeValues->isChecked();
        QFuture<qint64> written = m_catalog->exportCsv(request, file.get());
        m_context.tasks->track(tr("Exporting %1").arg(m_ns), QFuture<void>(written));
        // Committing syncs and renames the file: on the worker thread too, not the GUI's.
        QFuture<ExportDone> future = written.then([file, path](qint64 rows) {
            ExportDone done{rows, QString()};
            if (!file->commit())
                done.error = tr("Cannot write %1: %2")
                                 .arg(QDir::toNativeSeparators(path), file->errorString());
            return done;
        });
        keepAliveUntilFinished(future, file);
        whenFinished(
            future, this,
            [this, path](const ExportDone& done) {
                if (!done.error.isEmpty()) {
                    warn(tr("Export CSV"), done.error);
                    return;
                }
                emit statusMessage(
                    tr("Exported %Ln pair(s) to %1", nullptr, int(qMin<qint64>(done.rows, INT_MAX)))
                        .arg(QDir::toNativeSeparators(path)));
            },
            [this, file](const kv::CatalogError& error) {
                file->cancelWriting();
                warn(tr("Export CSV"), ErrorText::describe(error));
            },
            [this, file] {
                file->cancelWriting();
                emit statusMessage(tr("Export cancelled; no file was written"));
            });
    };
    if (selectionOnly)
        withSelectedKeys(run);
    else
        run(QStringList());
}

void KvStoreWidget::importCsv()
{
    if (!m_catalog || m_ns.isEmpty())
        return;
    const QString path = m_context.prompter->openFileName(this, tr("Import CSV"), csvFilter());
    if (path.isEmpty())
        return;
    const QString text =
        tr("Import the pairs of %1 into %2?\n\nKeys that exist get a new revision with the "
           "file's value (the old one stays in their history). A single invalid row stops the "
           "import before anything is written.")
            .arg(QFileInfo(path).fileName(), m_ns);
    if (!m_context.prompter->confirm(this, tr("Import CSV"), text, tr("Import")))
        return;
    auto file = std::make_shared<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        warn(tr("Import CSV"),
             tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file->errorString()));
        return;
    }
    kv::ImportRequest request;
    request.ns = m_ns;
    request.overwrite = true;
    QFuture<kv::ImportResult> future = m_catalog->importCsv(request, file.get());
    m_context.tasks->track(tr("Importing into %1").arg(m_ns), QFuture<void>(future));
    keepAliveUntilFinished(future, file);
    whenFinished(
        future, this,
        [this](const kv::ImportResult& result) {
            const int imported = int(qMin<qint64>(result.imported, INT_MAX));
            QString message = result.cancelled
                                  ? tr("Import cancelled after %Ln pair(s)", nullptr, imported)
                                  : tr("Imported %Ln pair(s)", nullptr, imported);
            if (result.skippedExpired > 0)
                message +=
                    QStringLiteral("; ") + tr("%Ln already expired and skipped", nullptr,
                                              int(qMin<qint64>(result.skippedExpired, INT_MAX)));
            afterWrite(message);
        },
        [this](const kv::CatalogError& error) {
            warn(tr("Import CSV"), ErrorText::describe(error));
            afterWrite(QString());
        },
        [this] { afterWrite(tr("Import cancelled")); });
}
