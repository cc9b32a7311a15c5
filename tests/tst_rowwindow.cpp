// The KV Store table's row window on a real local catalog, offscreen: the model reports a window
// of the result (a small one here, set by the test hook, so a few thousand keys cross it many
// times) and RowWindowScroller's scroll bar covers all of it. Scrolling to the end shows the last
// key, the current row keeps its pair while the window moves (and has none while its row is
// outside), keys cross the window's edges, the header never holds more than the window, and the
// keys of a selection are the keys shown in it. The model alone: tst_kvtablemodel.
#include "Catalog.h"
#include "domain/Clock.h"
#include "KvStoreWidget.h"
#include "KvTableModel.h"
#include "RowWindowScroller.h"
#include "ScriptedPrompter.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

using namespace kv;

namespace {

const QString ns = QStringLiteral("rows.window");
constexpr int keyCount = 5'000;
constexpr int window = 600; // rows reported to the view: a margin of 150 before the window slides

QString keyOf(qint64 i)
{
    return QStringLiteral("key.%1").arg(i, 5, 10, QLatin1Char('0'));
}

bool stored(Catalog& catalog, const QString& key)
{
    ListQuery q{ns};
    q.prefix = key;
    q.limit = 1;
    const QList<KvEntry> entries = catalog.list(q).result().entries;
    return !entries.isEmpty() && entries.first().key == key;
}

} // namespace

class TestRowWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void headerHoldsTheWindowOnly();
    void scrollBarCoversTheWholeResult();
    void scrollToTheEndShowsTheLastKey();
    void currentRowSurvivesWindowMoves();
    void keysCrossTheWindowEdges();
    void wheelSlidesTheWindow();
    void selectionGivesTheKeysShown();
    void filterAndSortStartAtTheTop();
    void smallResultHasNoWindow();

private:
    QTableView* view() const { return m_widget->table(); }
    KvTableModel* model() const { return m_widget->model(); }
    QScrollBar* bar() const { return m_widget->rowWindow()->scrollBar(); }
    // The key shown at a viewport row (0 = the top row), once loaded.
    QString keyAtViewportRow(int viewportRow);
    QString currentKey() const;
    int visibleRows() const { return view()->verticalScrollBar()->pageStep(); }

    QTemporaryDir m_dir;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Catalog> m_catalog;
    ScriptedPrompter m_prompter;
    std::unique_ptr<KvStoreWidget> m_widget;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestRowWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_clock = std::make_shared<ManualClock>(QDateTime(QDate(2024, 2, 29), QTime(10, 0), Qt::UTC));
    m_catalog = Catalog::open(m_dir.filePath(QStringLiteral("catalog")), m_clock);
    QByteArray csv = "key,type,value\n";
    for (int i = 0; i < keyCount; ++i)
        csv += QStringLiteral("%1,STRING,v%2\n").arg(keyOf(i)).arg(i).toUtf8();
    csv += "other,STRING,x\n"; // sorts after every key.*: the prefix filter leaves it out
    QBuffer buffer(&csv);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    QCOMPARE(m_catalog->importCsv({ns}, &buffer).result().imported, keyCount + 1);
}

void TestRowWindow::init()
{
    m_widget = std::make_unique<KvStoreWidget>();
    AppContext context;
    context.clock = m_clock;
    context.prompter = &m_prompter;
    m_widget->setContext(context);
    model()->setWindowSize(window);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_widget->resize(900, 500);
    m_widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));
    m_widget->setCatalog(m_catalog.get());
    m_widget->setNamespace(ns);
    QTRY_COMPARE(model()->totalCount(), qint64(keyCount + 1));
    QCOMPARE(keyAtViewportRow(0), keyOf(0));
}

void TestRowWindow::cleanup()
{
    m_tester.reset();
    m_widget.reset();
    m_prompter.asked.clear();
}

QString TestRowWindow::keyAtViewportRow(int viewportRow)
{
    QCoreApplication::processEvents(); // a queued slide of the window, a layout
    const int row = view()->verticalScrollBar()->value() + viewportRow;
    const QModelIndex index = model()->index(row, KvTableModel::KeyColumn);
    if (!QTest::qWaitFor([&] { return index.data(KvTableModel::LoadedRole).toBool(); }))
        return QStringLiteral("<row %1 did not load>").arg(row);
    return index.data(KvTableModel::KeyRole).toString();
}

QString TestRowWindow::currentKey() const
{
    // Looked up again on every try: waiting lets a queued slide of the window run.
    QString key;
    const bool loaded = QTest::qWaitFor([&] {
        const QModelIndex current = view()->currentIndex();
        key = current.isValid() ? model()->keyAt(current.row()) : QString();
        return !key.isEmpty() || !current.isValid();
    });
    return loaded ? key : QStringLiteral("<current row did not load>");
}

void TestRowWindow::headerHoldsTheWindowOnly()
{
    QCOMPARE(model()->rowCount(), window);
    QCOMPARE(view()->verticalHeader()->count(), window);
    // Anywhere in the result, after any kind of move.
    for (int value : {keyCount / 2, bar()->maximum(), 10, 3'000}) {
        bar()->setValue(value);
        QCOMPARE(keyAtViewportRow(0), keyOf(value));
        QVERIFY(view()->verticalHeader()->count() <= window);
    }
    QTest::keyClick(view(), Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(view()->verticalHeader()->count(), window);
    QCOMPARE(model()->rowCount(), window);
}

void TestRowWindow::scrollBarCoversTheWholeResult()
{
    QVERIFY(bar()->isVisible());
    QVERIFY(!view()->verticalScrollBar()->isVisible()); // the view's own covers the window
    QCOMPARE(bar()->maximum(), keyCount + 1 - visibleRows());
    QCOMPARE(bar()->pageStep(), visibleRows());
    // The bar follows the view: scrolling the view within the window moves it.
    view()->verticalScrollBar()->setValue(42);
    QCOMPARE(bar()->value(), 42);
    view()->scrollTo(model()->index(300, 0), QAbstractItemView::PositionAtTop);
    QCOMPARE(bar()->value(), 300);
}

void TestRowWindow::scrollToTheEndShowsTheLastKey()
{
    bar()->triggerAction(QAbstractSlider::SliderToMaximum);
    QCOMPARE(model()->windowOffset(), qint64(keyCount + 1 - window));
    QCOMPARE(bar()->value(), bar()->maximum());
    QCOMPARE(keyAtViewportRow(visibleRows() - 1), QStringLiteral("other"));
    QCOMPARE(keyAtViewportRow(visibleRows() - 2), keyOf(keyCount - 1));
    // Back to the top, then to the middle: the rows shown are those of the bar's value.
    bar()->triggerAction(QAbstractSlider::SliderToMinimum);
    QCOMPARE(model()->windowOffset(), qint64(0));
    QCOMPARE(keyAtViewportRow(0), keyOf(0));
    bar()->setValue(2'345);
    QCOMPARE(keyAtViewportRow(0), keyOf(2'345));
    QCOMPARE(bar()->value(), 2'345);
    QVERIFY(model()->windowRow(2'345) >= 0);
}

void TestRowWindow::currentRowSurvivesWindowMoves()
{
    view()->setCurrentIndex(model()->index(300, KvTableModel::KeyColumn));
    QCOMPARE(currentKey(), keyOf(300));
    // Small moves slide the window (its edge is near): the current pair stays current.
    for (int value = 300; value <= 700; value += 50) {
        bar()->setValue(value);
        QCOMPARE(keyAtViewportRow(0), keyOf(value));
        if (model()->windowRow(300) >= 0)
            QCOMPARE(currentKey(), keyOf(300));
    }
    QVERIFY(model()->windowOffset() > 0);
    // Far away its row is outside the window: no current index (not a neighbour's)...
    bar()->setValue(4'000);
    QCOMPARE(model()->windowRow(300), -1);
    QVERIFY(!view()->currentIndex().isValid());
    QVERIFY(view()->selectionModel()->selectedRows().isEmpty()); // its selection left with it
    // ...and back, it is current again.
    bar()->setValue(250);
    QCOMPARE(currentKey(), keyOf(300));
    // A key pressed while it is outside goes on from it, as without a window.
    bar()->setValue(4'000);
    QTest::keyClick(view(), Qt::Key_Down);
    QCOMPARE(currentKey(), keyOf(301));
    QVERIFY(model()->windowRow(301) >= 0);
}

void TestRowWindow::keysCrossTheWindowEdges()
{
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(currentKey(), QStringLiteral("other"));
    QCOMPARE(bar()->value(), bar()->maximum());
    QTest::keyClick(view(), Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(currentKey(), keyOf(0));
    QCOMPARE(bar()->value(), 0);
    // PageDown through the whole result: the current row moves a page at a time, on and on
    // across the window's edges, to the last row.
    qint64 previous = 0;
    int presses = 0;
    while (currentKey() != QStringLiteral("other") && presses < 2 * keyCount / visibleRows()) {
        QTest::keyClick(view(), Qt::Key_PageDown);
        ++presses;
        const QString key = currentKey();
        QVERIFY2(!key.isEmpty(), qPrintable(QStringLiteral("no current after %1").arg(presses)));
        const qint64 row = key == QStringLiteral("other") ? keyCount : key.mid(4).toLongLong();
        QVERIFY2(row > previous, qPrintable(key));
        previous = row;
        QVERIFY(model()->rowCount() <= window);
        QVERIFY2(bar()->value() <= row && row < bar()->value() + visibleRows(), // on screen
                 qPrintable(QStringLiteral("row %1, top %2, %3 rows, window at %4")
                                .arg(row)
                                .arg(bar()->value())
                                .arg(visibleRows())
                                .arg(model()->windowOffset())));
    }
    QCOMPARE(currentKey(), QStringLiteral("other"));
    QVERIFY(presses > window / visibleRows()); // it did cross
    // And Up from the window's first row goes on to the row before it.
    QTest::keyClick(view(), Qt::Key_Home, Qt::ControlModifier);
    bar()->setValue(2'000);
    view()->setCurrentIndex(model()->index(model()->windowRow(2'000), KvTableModel::KeyColumn));
    for (int i = 1; i <= window; ++i)
        QTest::keyClick(view(), Qt::Key_Up);
    QCOMPARE(currentKey(), keyOf(2'000 - window));
}

void TestRowWindow::wheelSlidesTheWindow()
{
    // The view scrolling near the window's edge (the wheel, scrollTo) slides the window, and
    // the rows on screen stay the same.
    const int nearEnd = window - visibleRows() - 5;
    view()->verticalScrollBar()->setValue(nearEnd);
    QCOMPARE(bar()->value(), nearEnd);
    QTRY_VERIFY(model()->windowOffset() > 0);
    QCOMPARE(bar()->value(), nearEnd);
    QCOMPARE(keyAtViewportRow(0), keyOf(nearEnd));
    QVERIFY(model()->windowRow(nearEnd) < window - visibleRows() - 100);
    // The wheel over the rows scrolls the view's own (hidden) bar; the one shown follows.
    const QPoint at = view()->viewport()->rect().center();
    QWheelEvent wheel(at, view()->viewport()->mapToGlobal(at), QPoint(), QPoint(0, -120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(view()->viewport(), &wheel);
    QVERIFY(bar()->value() > nearEnd);
    QCOMPARE(keyAtViewportRow(0), keyOf(bar()->value()));
}

void TestRowWindow::selectionGivesTheKeysShown()
{
    bar()->setValue(3'210);
    QCOMPARE(keyAtViewportRow(0), keyOf(3'210));
    const int first = view()->verticalScrollBar()->value();
    view()->selectionModel()->select(
        QItemSelection(model()->index(first + 1, 0), model()->index(first + 3, 0)),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QVERIFY(m_widget->actions().copyKey->isEnabled());
    // The keys the actions on the selection use (delete, export, copy): those of the rows shown.
    QList<int> rows;
    for (const QModelIndex& index : view()->selectionModel()->selectedRows())
        rows << index.row();
    QFuture<QStringList> keys = model()->keysForRows(rows);
    QTRY_VERIFY(keys.isFinished());
    QCOMPARE(keys.result(), (QStringList{keyOf(3'211), keyOf(3'212), keyOf(3'213)}));
    // Deleting them deletes those pairs, and the table closes up.
    m_prompter.confirmAnswers.enqueue(true);
    m_widget->actions().remove->trigger();
    QTRY_COMPARE(model()->totalCount(), qint64(keyCount - 2));
    QVERIFY(!stored(*m_catalog, keyOf(3'212)));
    QVERIFY(stored(*m_catalog, keyOf(3'210)));
    QVERIFY(stored(*m_catalog, keyOf(3'214)));
    QCOMPARE(keyAtViewportRow(0), keyOf(3'210));
    QCOMPARE(keyAtViewportRow(1), keyOf(3'214));
    // Put them back for the next test.
    for (int i : {3'211, 3'212, 3'213})
        m_catalog->set({ns, keyOf(i), KvValue::parse(ValueType::String, QStringLiteral("v"))})
            .waitForFinished();
}

void TestRowWindow::filterAndSortStartAtTheTop()
{
    bar()->setValue(4'000);
    QVERIFY(model()->windowOffset() > 0);
    model()->sort(KvTableModel::KeyColumn, Qt::DescendingOrder);
    QTRY_COMPARE(model()->totalCount(), qint64(keyCount + 1));
    QCOMPARE(model()->windowOffset(), qint64(0));
    QCOMPARE(bar()->value(), 0);
    QCOMPARE(keyAtViewportRow(0), QStringLiteral("other"));
    bar()->triggerAction(QAbstractSlider::SliderToMaximum);
    QCOMPARE(keyAtViewportRow(visibleRows() - 1), keyOf(0));
    model()->sort(KvTableModel::KeyColumn, Qt::AscendingOrder);
    model()->setKeyFilter(QStringLiteral("key.04"), KvTableModel::FilterMode::Prefix);
    QTRY_COMPARE(model()->totalCount(), qint64(1'000));
    QCOMPARE(model()->rowCount(), window);
    QCOMPARE(bar()->maximum(), 1'000 - visibleRows());
    bar()->triggerAction(QAbstractSlider::SliderToMaximum);
    QCOMPARE(keyAtViewportRow(visibleRows() - 1), keyOf(4'999));
}

void TestRowWindow::smallResultHasNoWindow()
{
    model()->setKeyFilter(QStringLiteral("key.001"), KvTableModel::FilterMode::Prefix);
    QTRY_COMPARE(model()->totalCount(), qint64(100));
    QCOMPARE(model()->rowCount(), 100);
    QCOMPARE(model()->windowOffset(), qint64(0));
    QCOMPARE(bar()->maximum(), 100 - visibleRows());
    view()->setCurrentIndex(model()->index(0, KvTableModel::KeyColumn));
    QTest::keyClick(view(), Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(currentKey(), keyOf(199));
}

QTEST_MAIN(TestRowWindow)
#include "tst_rowwindow.moc"
