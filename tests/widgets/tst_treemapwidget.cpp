// SPDX-License-Identifier: GPL-3.0-or-later
// The treemap widget driven like a user would, offscreen: clicks select tensors, double-clicks
// zoom into groups, the breadcrumb and Backspace/Escape zoom out, the filter dims what doesn't
// match, the tooltip tells exact figures. Screenshots of each state go to GOLF_SCREENSHOT_DIR.

#include "bitpalette.h"
#include "treemapfixture.h"
#include "treemapwidget.h"

#include <QHelpEvent>
#include <QSignalSpy>
#include <QToolTip>
#include <QtTest>

using namespace Widgets;

class tst_TreemapWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void tooltipText_data();
    void tooltipText();
    void tileAtFindsEveryTensor();
    void clickSelects();
    void setSelectedHighlights();
    void doubleClickZoomsAndBreadcrumbReturns();
    void keysZoomOut();
    void filter_data();
    void filter();
    void filterDimsPixels();
    void errorMode();
    void hoverAndTooltip();
    void debouncedRelayout();
    void zeroAndEmptyData();
    void screenshots();

private:
    void save(QWidget &w, const QString &name);
    std::unique_ptr<TreemapWidget> m_w;
};

namespace {

const QString kCq3 = QStringLiteral("blocks.3.attn.c_q.weight");

QPoint centerOf(const QRectF &r)
{
    return r.center().toPoint();
}

} // namespace

void tst_TreemapWidget::init()
{
    m_w = std::make_unique<TreemapWidget>();
    m_w->resize(1100, 700);
    m_w->setData(GolfTest::baselineTree());
    m_w->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_w.get()));
    m_w->relayoutNow();
}

void tst_TreemapWidget::cleanup()
{
    m_w.reset();
}

void tst_TreemapWidget::save(QWidget &w, const QString &name)
{
    const QString dir = QStringLiteral(GOLF_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    const QString path = dir + QLatin1Char('/') + name;
    QVERIFY2(w.grab().save(path), qPrintable(path));
}

void tst_TreemapWidget::tooltipText_data()
{
    QTest::addColumn<QString>("fullName");
    QTest::addColumn<qint64>("budget");
    QTest::addColumn<QStringList>("lines");
    const ByteNode tree = GolfTest::baselineTree();
    const qint64 cq = tree.find(kCq3)->bytes;
    QCOMPARE(cq, qint64(167987)); // (262144 × 6/8 + 512 × 2) × 0.85, rounded
    QTest::newRow("tensor") << kCq3 << qint64(16'000'000)
                            << QStringList{kCq3,
                                           "shape: 512 × 512",
                                           "params: 262,144",
                                           "stored as: int6 row std:12.85",
                                           "sparsity: 0.4 %",
                                           "raw bytes: 197,632",
                                           "compressed bytes: 167,987",
                                           "share of budget: 1.05 % of 16,000,000",
                                           "quantization error: 0.01298"};
    QTest::newRow("tensor, other budget")
        << kCq3 << qint64(1'000'000) << QStringList{kCq3, "share of budget: 16.80 % of 1,000,000"};
    QTest::newRow("tensor, no budget")
        << kCq3 << qint64(0) << QStringList{"compressed bytes: 167,987"};
    QTest::newRow("unknown error") << "skip_weights" << qint64(16'000'000)
                                   << QStringList{"shape: 4 × 512", "stored as: fp32 passthrough",
                                                  "quantization error: unknown", "raw bytes: 8,192",
                                                  "compressed bytes: 6,963"};
    QTest::newRow("tiny share") << "blocks.0.attn.q_gain" << qint64(16'000'000)
                                << QStringList{"shape: 8",
                                               "share of budget: < 0.01 % of 16,000,000"};
    QTest::newRow("group") << "blocks.3.attn" << qint64(16'000'000)
                           << QStringList{"blocks.3.attn", "group of 5 tensors"};
    QTest::newRow("code") << kCodeName << qint64(16'000'000)
                          << QStringList{"code (counted source)", "bytes: 47,642",
                                         "share of budget: 0.30 % of 16,000,000"};
    QTest::newRow("header") << kHeaderName << qint64(16'000'000) << QStringList{"bytes: 3,311"};
}

void tst_TreemapWidget::tooltipText()
{
    QFETCH(QString, fullName);
    QFETCH(qint64, budget);
    QFETCH(QStringList, lines);
    const ByteNode tree = GolfTest::baselineTree();
    const ByteNode *n = tree.find(fullName);
    QVERIFY(n);
    const QString text = treemapTooltipText(*n, budget);
    const QStringList got = text.split(QLatin1Char('\n'));
    for (const QString &line : lines)
        QVERIFY2(got.contains(line),
                 qPrintable(QStringLiteral("missing \"%1\" in:\n%2").arg(line, text)));
    if (budget <= 0)
        QVERIFY(!text.contains(QStringLiteral("share of budget")));
    // Exact bytes only: no binary or decimal unit abbreviations anywhere.
    for (const char *unit : {"MiB", "MB", "KiB", "kB", "KB"})
        QVERIFY(!text.contains(QLatin1String(unit)));
    if (n->isGroup()) {
        QVERIFY(text.contains(QStringLiteral("compressed bytes: ") + formatByteCount(n->bytes)));
        QVERIFY(text.contains(QStringLiteral("raw bytes: ") + formatByteCount(n->rawBytes())));
    }
}

void tst_TreemapWidget::tileAtFindsEveryTensor()
{
    int shown = 0;
    for (const TensorBytes &t : GolfTest::baselineTensors()) {
        const QRectF r = m_w->tileRect(t.name);
        QVERIFY2(!r.isNull(), qPrintable(t.name));
        QVERIFY(m_w->mapRect().contains(r.center()));
        QCOMPARE(m_w->tileAt(r.center()), t.name);
        ++shown;
    }
    QCOMPARE(shown, 92);
    QCOMPARE(m_w->tileAt(m_w->tileRect(kCodeName).center()), kCodeName);
    // Outside the map (breadcrumb strip, legend strip, off the widget) there is no tile.
    QCOMPARE(m_w->tileAt(QPointF(5, 2)), QString());
    QCOMPARE(m_w->tileAt(QPointF(5, m_w->height() - 2)), QString());
    QCOMPARE(m_w->tileAt(QPointF(-10, 300)), QString());
    // A group's strip hits the group.
    const QRectF block = m_w->tileRect(QStringLiteral("blocks.5"));
    QCOMPARE(m_w->tileAt(block.topLeft() + QPointF(block.width() / 2, 4)),
             QStringLiteral("blocks.5"));
}

void tst_TreemapWidget::clickSelects()
{
    QSignalSpy spy(m_w.get(), &TreemapWidget::tensorSelected);
    QTest::mouseClick(m_w.get(), Qt::LeftButton, {}, centerOf(m_w->tileRect(kCq3)));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), kCq3);
    QCOMPARE(m_w->selected(), kCq3);

    // Code and header are not tensors; a group's strip is not a tensor either.
    QTest::mouseClick(m_w.get(), Qt::LeftButton, {}, centerOf(m_w->tileRect(kCodeName)));
    const QRectF block = m_w->tileRect(QStringLiteral("blocks.1"));
    QTest::mouseClick(m_w.get(), Qt::LeftButton, {}, (block.topLeft() + QPointF(20, 4)).toPoint());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(m_w->selected(), kCq3);

    const QString fc = QStringLiteral("blocks.8.mlp.fc.weight");
    QTest::mouseClick(m_w.get(), Qt::LeftButton, {}, centerOf(m_w->tileRect(fc)));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(m_w->selected(), fc);
}

void tst_TreemapWidget::setSelectedHighlights()
{
    QSignalSpy spy(m_w.get(), &TreemapWidget::tensorSelected);
    const QRect r = m_w->tileRect(kCq3).toRect();
    const QColor before = m_w->grab().toImage().pixelColor(r.topLeft() + QPoint(1, 1));
    m_w->setSelected(kCq3);
    QCOMPARE(m_w->selected(), kCq3);
    QCOMPARE(spy.count(), 0); // setting it from outside is not a user's click
    const QImage img = m_w->grab().toImage();
    const QColor edge = img.pixelColor(r.topLeft() + QPoint(1, 1));
    QVERIFY(edge != before);
    QCOMPARE(edge, QColor(0xff, 0x2d, 0x95));
    // Only the edge: the middle keeps the bit-width colour.
    QCOMPARE(img.pixelColor(r.center() + QPoint(r.width() / 4, r.height() / 4)), colorForBits(6));

    // Selecting something outside the zoomed group zooms back out to show it.
    m_w->zoomTo(QStringLiteral("blocks.0"));
    QCOMPARE(m_w->zoomPath(), QStringLiteral("blocks.0"));
    m_w->setSelected(kCq3);
    QCOMPARE(m_w->zoomPath(), QString());
    QVERIFY(!m_w->tileRect(kCq3).isNull());
    m_w->setSelected(QString());
    QCOMPARE(m_w->selected(), QString());
}

void tst_TreemapWidget::doubleClickZoomsAndBreadcrumbReturns()
{
    QSignalSpy zoom(m_w.get(), &TreemapWidget::zoomChanged);
    QCOMPARE(m_w->breadcrumb(), QStringList{QStringLiteral("model")});
    const QRectF before = m_w->tileRect(kCq3);

    // Double-click on a tensor inside blocks.3 zooms one level: into blocks.3.
    QTest::mouseDClick(m_w.get(), Qt::LeftButton, {}, centerOf(m_w->tileRect(kCq3)));
    QCOMPARE(m_w->zoomPath(), QStringLiteral("blocks.3"));
    QCOMPARE(m_w->breadcrumb(), (QStringList{QStringLiteral("model"), QStringLiteral("blocks.3")}));
    QCOMPARE(zoom.count(), 1);
    QVERIFY(m_w->tileRect(QStringLiteral("blocks.4.attn.c_q.weight")).isNull()); // not shown now
    const QRectF zoomed = m_w->tileRect(kCq3);
    QVERIFY(zoomed.width() * zoomed.height() > 4 * before.width() * before.height());
    save(*m_w, QStringLiteral("treemap_zoom_block.png"));

    // Again: into attn. Double-click on a top-level tensor of the zoomed group does nothing.
    QTest::mouseDClick(m_w.get(), Qt::LeftButton, {}, centerOf(m_w->tileRect(kCq3)));
    QCOMPARE(m_w->zoomPath(), QStringLiteral("blocks.3.attn"));
    QCOMPARE(m_w->breadcrumb(), (QStringList{QStringLiteral("model"), QStringLiteral("blocks.3"),
                                             QStringLiteral("attn")}));
    QTest::mouseDClick(m_w.get(), Qt::LeftButton, {}, centerOf(m_w->tileRect(kCq3)));
    QCOMPARE(m_w->zoomPath(), QStringLiteral("blocks.3.attn"));
    save(*m_w, QStringLiteral("treemap_zoom_attn.png"));

    // Breadcrumb: click the middle segment, then the root.
    QTest::mouseClick(m_w.get(), Qt::LeftButton, {}, centerOf(m_w->breadcrumbRect(1)));
    QCOMPARE(m_w->zoomPath(), QStringLiteral("blocks.3"));
    QTest::mouseClick(m_w.get(), Qt::LeftButton, {}, centerOf(m_w->breadcrumbRect(0)));
    QCOMPARE(m_w->zoomPath(), QString());
    QCOMPARE(m_w->tileRect(kCq3), before);
    QCOMPARE(zoom.count(), 4);
    QVERIFY(m_w->breadcrumbRect(1).isNull());

    // A double-click on a top-level tensor (not in a group) changes nothing.
    QTest::mouseDClick(m_w.get(), Qt::LeftButton, {},
                       centerOf(m_w->tileRect(QStringLiteral("tok_emb.weight"))));
    QCOMPARE(m_w->zoomPath(), QString());
}

void tst_TreemapWidget::keysZoomOut()
{
    m_w->zoomTo(QStringLiteral("blocks.2.mlp"));
    QCOMPARE(m_w->breadcrumb().size(), 3);
    QTest::keyClick(m_w.get(), Qt::Key_Backspace);
    QCOMPARE(m_w->zoomPath(), QStringLiteral("blocks.2"));
    QTest::keyClick(m_w.get(), Qt::Key_Escape);
    QCOMPARE(m_w->zoomPath(), QString());
    QTest::keyClick(m_w.get(), Qt::Key_Escape); // at the top: nothing happens
    QCOMPARE(m_w->zoomPath(), QString());
    // Unknown names and tensors are not zoom targets.
    m_w->zoomTo(QStringLiteral("blocks.99"));
    m_w->zoomTo(kCq3);
    QCOMPARE(m_w->zoomPath(), QString());
}

void tst_TreemapWidget::filter_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("matches");
    QTest::addColumn<QString>("oneMatch");
    QTest::addColumn<QString>("oneMiss");
    QTest::newRow("substring") << "c_q" << 9 << kCq3 << "blocks.3.attn.c_k.weight";
    QTest::newRow("case-insensitive") << "C_Q" << 9 << kCq3 << "tok_emb.weight";
    QTest::newRow("regex") << "blocks\\.[0-2]\\.mlp\\." << 6 << "blocks.1.mlp.fc.weight"
                           << "blocks.3.mlp.fc.weight";
    QTest::newRow("regex alternation") << "tok_emb|skip" << 2 << "skip_weights" << kCq3;
    QTest::newRow("invalid regex is a substring") << "attn(" << 0 << QString() << kCq3;
    QTest::newRow("code tile by name") << "code" << 1 << kCodeName << kHeaderName;
    QTest::newRow("one block") << "blocks.7." << 10 << "blocks.7.attn_scale"
                               << "blocks.8.attn_scale";
    QTest::newRow("no filter") << "" << 94 << kCq3 << QString();
}

void tst_TreemapWidget::filter()
{
    QFETCH(QString, pattern);
    QFETCH(int, matches);
    QFETCH(QString, oneMatch);
    QFETCH(QString, oneMiss);
    m_w->setFilter(pattern);
    QCOMPARE(m_w->filter(), pattern);
    QCOMPARE(int(m_w->matchingTiles().size()), matches);
    if (!oneMatch.isEmpty()) {
        QVERIFY(m_w->matchesFilter(oneMatch));
        QVERIFY(m_w->matchingTiles().contains(oneMatch));
    }
    if (!oneMiss.isEmpty()) {
        QVERIFY(!m_w->matchesFilter(oneMiss));
        // Dimmed: lighter than its own colour.
        const ByteNode *n = m_w->data().find(oneMiss);
        const QColor own = n->kind == ByteNodeKind::Tensor ? colorForBits(n->tensor.bitsPerWeight)
                                                           : overheadColor();
        QVERIFY(m_w->tileColor(oneMiss).lightnessF() > own.lightnessF());
    }
    if (!oneMatch.isEmpty() && !pattern.isEmpty()) {
        const ByteNode *n = m_w->data().find(oneMatch);
        if (n->kind == ByteNodeKind::Tensor)
            QCOMPARE(m_w->tileColor(oneMatch), colorForBits(n->tensor.bitsPerWeight));
    }
}

void tst_TreemapWidget::filterDimsPixels()
{
    m_w->setFilter(QStringLiteral("mlp\\.fc"));
    const QImage img = m_w->grab().toImage();
    save(*m_w, QStringLiteral("treemap_filter.png"));
    const auto sample = [&](const QString &name) {
        const QRect r = m_w->tileRect(name).toRect();
        return img.pixelColor(r.bottomRight() - QPoint(5, 5)); // clear of the label and outline
    };
    QCOMPARE(sample(QStringLiteral("blocks.4.mlp.fc.weight")), colorForBits(6));
    const QColor dim = sample(QStringLiteral("blocks.4.mlp.proj.weight"));
    QCOMPARE(dim, m_w->tileColor(QStringLiteral("blocks.4.mlp.proj.weight")));
    QVERIFY(dim.lightnessF() > colorForBits(6).lightnessF() + 0.2);
    m_w->setFilter(QString());
    QCOMPARE(m_w->grab().toImage().pixelColor(
                 m_w->tileRect(QStringLiteral("blocks.4.mlp.proj.weight")).toRect().bottomRight() -
                 QPoint(5, 5)),
             colorForBits(6));
}

void tst_TreemapWidget::errorMode()
{
    m_w->setColorMode(TreemapWidget::ColorMode::Error);
    // Errors span 0 .. 0.0293 with positives from 0.0021: at least 10x apart, so a log scale.
    const QColor unknown = m_w->tileColor(QStringLiteral("skip_weights"));
    QCOMPARE(unknown, unknownErrorColor());
    QCOMPARE(m_w->tileColor(QStringLiteral("blocks.0.attn_scale")), colorForErrorLevel(0));
    const QColor worst = m_w->tileColor(QStringLiteral("blocks.8.mlp.proj.weight"));
    QCOMPARE(worst, colorForErrorLevel(1));
    const QColor mild = m_w->tileColor(QStringLiteral("blocks.0.attn.c_k.weight"));
    QVERIFY(mild != worst);
    QVERIFY(mild.lightnessF() > worst.lightnessF()); // larger error = darker
    QCOMPARE(m_w->tileColor(kCodeName), overheadColor());
    save(*m_w, QStringLiteral("treemap_error.png"));
    m_w->setColorMode(TreemapWidget::ColorMode::BitWidth);
    QCOMPARE(m_w->tileColor(QStringLiteral("skip_weights")), colorForBits(32));
}

void tst_TreemapWidget::hoverAndTooltip()
{
    const QRect r = m_w->tileRect(kCq3).toRect();
    const QPoint inside = r.center();
    // Hovering outlines the tile (white, 2 px) and leaves its neighbours alone.
    QCOMPARE(m_w->grab().toImage().pixelColor(r.topLeft() + QPoint(1, 1)), colorForBits(6));
    // (QTest::mouseMove only moves the cursor on the offscreen platform: send the event itself.)
    QMouseEvent move(QEvent::MouseMove, QPointF(inside), m_w->mapToGlobal(QPointF(inside)),
                     Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(m_w.get(), &move);
    QTRY_COMPARE(m_w->grab().toImage().pixelColor(r.topLeft() + QPoint(1, 1)), QColor(Qt::white));

    // The tooltip event shows the tooltip text for the tile under the pointer, with the budget
    // the view was given.
    m_w->setBudget(2'000'000);
    QHelpEvent help(QEvent::ToolTip, inside, m_w->mapToGlobal(inside));
    QApplication::sendEvent(m_w.get(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), treemapTooltipText(*m_w->data().find(kCq3), 2'000'000));
    QVERIFY(QToolTip::text().contains(QStringLiteral("share of budget: 8.40 % of 2,000,000")));
    QToolTip::hideText();
}

void tst_TreemapWidget::debouncedRelayout()
{
    // A burst of new data lays out once, after the burst; queries flush it at once.
    ByteNode small = GolfTest::syntheticTree(20);
    for (int i = 0; i < 5; ++i)
        m_w->setData(small);
    QCOMPARE(m_w->data().tensorCount(), 20);
    QVERIFY(!m_w->tileRect(QStringLiteral("blocks.1.attn.c_q.weight")).isNull());
    QVERIFY(m_w->tileRect(QStringLiteral("blocks.5.attn.c_q.weight")).isNull());

    // Without a query, the timer does it: the painted picture changes within ~30 ms.
    m_w->setData(GolfTest::baselineTree());
    const QImage stale = m_w->grab().toImage();
    QTRY_VERIFY_WITH_TIMEOUT(m_w->grab().toImage() != stale, 1000);
    QVERIFY(!m_w->tileRect(QStringLiteral("blocks.8.attn.c_q.weight")).isNull());

    // Resize: the answer follows the new size.
    m_w->resize(600, 400);
    QVERIFY(m_w->mapRect().width() == 600);
    QVERIFY(m_w->tileRect(kCq3).right() <= 600);
}

void tst_TreemapWidget::zeroAndEmptyData()
{
    QList<TensorBytes> list = GolfTest::baselineTensors();
    for (TensorBytes &t : list) {
        if (t.name.startsWith(QLatin1String("blocks.4.")))
            t.bytes = 0;
    }
    m_w->setData(buildByteTree(list, 0, 0));
    m_w->setSelected(QStringLiteral("blocks.4.mlp.fc.weight"));
    QVERIFY(m_w->tileRect(QStringLiteral("blocks.4.mlp.fc.weight")).isNull());
    QVERIFY(m_w->tileRect(QStringLiteral("blocks.4")).isNull());
    QVERIFY(m_w->tileRect(kCodeName).isNull());
    QVERIFY(!m_w->grab().isNull());
    m_w->zoomTo(
        QStringLiteral("blocks.4")); // an empty group: zooming shows nothing, breaks nothing
    QCOMPARE(m_w->tileAt(m_w->mapRect().center()), QString());
    QVERIFY(!m_w->grab().isNull());

    QSignalSpy zoom(m_w.get(), &TreemapWidget::zoomChanged);
    m_w->setData(ByteNode());
    QCOMPARE(m_w->tileAt(m_w->mapRect().center()), QString());
    QCOMPARE(zoom.count(), 1);            // blocks.4 is gone: back at the top, and the app is told
    QCOMPARE(m_w->selected(), QString()); // the selected tensor is gone
    QCOMPARE(m_w->zoomPath(), QString());
    QVERIFY(!m_w->grab().isNull());
    m_w->resize(30, 20); // smaller than the strips
    QVERIFY(!m_w->grab().isNull());
}

void tst_TreemapWidget::screenshots()
{
    save(*m_w, QStringLiteral("treemap_baseline.png"));
    m_w->setSelected(QStringLiteral("blocks.6.mlp.proj.weight"));
    m_w->resize(800, 500);
    m_w->relayoutNow();
    save(*m_w, QStringLiteral("treemap_selected_800x500.png"));
    m_w->setData(GolfTest::syntheticTree(1000));
    m_w->resize(1280, 800);
    m_w->relayoutNow();
    save(*m_w, QStringLiteral("treemap_1000.png"));
}

QTEST_MAIN(tst_TreemapWidget)
#include "tst_treemapwidget.moc"
