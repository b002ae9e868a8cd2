// SPDX-License-Identifier: GPL-3.0-or-later
// The Pareto view (bytes vs round-trip val_bpb): which points it puts on the frontier, the
// current-recipe mark, slices kept apart, a real mouse click on a point's pixel handing out
// that point's record, the hover text's exact figures, CSV export and the empty history.
// A screenshot goes to GOLF_SCREENSHOT_DIR.

#include "paretoview.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>

namespace {

const char *const kSlice = "val[0:65536]";

Core::RecipeEval rec(const std::string &label, int64_t bytes, double bpb,
                     const std::string &slice = kSlice, const std::string &source = "pareto")
{
    Core::RecipeEval e;
    e.label = label;
    e.recipe = {{"format", "golf-recipe-v1"}, {"name", label}};
    e.format = "golf-mixed-v1";
    e.modelBytes = bytes;
    e.valBpb = bpb;
    e.valLoss = bpb * 2.4;
    e.evalTokens = 65536;
    e.slice = slice;
    e.source = source;
    e.time = "2026-11-23T19:40:00Z";
    return e;
}

std::vector<Core::RecipeEval> records(const QList<qint64> &bytes, const QList<double> &bpb)
{
    std::vector<Core::RecipeEval> out;
    for (int i = 0; i < bytes.size(); ++i)
        out.push_back(rec("r" + std::to_string(i), bytes[i], bpb[i]));
    return out;
}

/// A history as `golf pareto` and two allocations leave it near the challenge budget.
std::vector<Core::RecipeEval> realisticHistory()
{
    std::vector<Core::RecipeEval> h{
        rec("uniform int8", 19'850'112, 1.2231),
        rec("int8-lzma", 17'412'800, 1.2252),
        rec("uniform int7", 17'020'442, 1.2249),
        rec("uniform int6", 14'632'090, 1.2320),
        rec("int6-mlp", 15'410'118, 1.2262),
        rec("uniform int5", 12'240'733, 1.2402),
        rec("int5-mlp", 13'980'551, 1.2335),
        rec("uniform int4", 9'871'200, 1.2795),
        rec("uniform int3", 7'450'010, 1.3890),
        rec("old slice", 15'000'000, 1.21, "val[0:8192]"),
        rec("allocate 15,940,000 (measured)", 15'938'870, 1.2251, kSlice, "allocate"),
        rec("allocate 14,000,000 (fisher)", 13'999'012, 1.2311, kSlice, "allocate"),
    };
    for (auto &e : h)
        e.codeBytes = 47'000;
    return h;
}

} // namespace

class tst_ParetoView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void frontier_data()
    {
        QTest::addColumn<QList<qint64>>("bytes");
        QTest::addColumn<QList<double>>("bpb");
        QTest::addColumn<QList<int>>("frontier"); // record indices, bytes ascending

        QTest::newRow("one point") << QList<qint64>{100} << QList<double>{1.5} << QList<int>{0};
        QTest::newRow("a staircase")
            << QList<qint64>{300, 100, 200} << QList<double>{1.1, 1.5, 1.3} << QList<int>{1, 2, 0};
        QTest::newRow("dominated in the middle")
            << QList<qint64>{100, 200, 300} << QList<double>{1.5, 1.6, 1.2} << QList<int>{0, 2};
        QTest::newRow("bigger and worse")
            << QList<qint64>{100, 200} << QList<double>{1.2, 1.3} << QList<int>{0};
        QTest::newRow("equal bytes, better bpb wins")
            << QList<qint64>{100, 100} << QList<double>{1.4, 1.3} << QList<int>{1};
        QTest::newRow("duplicate keeps the first")
            << QList<qint64>{100, 100} << QList<double>{1.3, 1.3} << QList<int>{0};
    }
    void frontier()
    {
        QFETCH(QList<qint64>, bytes);
        QFETCH(QList<double>, bpb);
        QFETCH(QList<int>, frontier);
        Widgets::ParetoView view;
        view.setRecords(records(bytes, bpb));
        const std::vector<int> got = view.frontierIndices();
        QCOMPARE(QList<int>(got.begin(), got.end()), frontier);
        for (int i = 0; i < bytes.size(); ++i)
            QCOMPARE(view.onFrontier(i), frontier.contains(i));
        // What is drawn: frontier points on the step line, the others faint.
        QCOMPARE(view.customPlot()->graph(1)->dataCount(), frontier.size());
        QCOMPARE(view.customPlot()->graph(0)->dataCount(), bytes.size() - frontier.size());
        QCOMPARE(view.customPlot()->graph(1)->lineStyle(), QCPGraph::lsStepLeft);
    }

    void currentRecipeIsMarked()
    {
        Widgets::ParetoView view;
        auto h = records({100, 200, 300}, {1.5, 1.6, 1.2});
        h.push_back(h[1]); // the same recipe evaluated again: the newest is current
        h.back().time = "2026-11-24T00:00:00Z";
        view.setRecords(h);
        QCOMPARE(view.currentIndex(), -1);
        view.setCurrentRecipe(h[1].recipe);
        QCOMPARE(view.currentIndex(), 3);
        QCOMPARE(view.customPlot()->graph(2)->dataCount(), 1);
        QCOMPARE(view.customPlot()->graph(2)->data()->begin()->key, 200.0);
        QVERIFY(view.hoverText(3).contains(QStringLiteral("current recipe")));
        view.setCurrentRecipe(h[2].recipe);
        QCOMPARE(view.currentIndex(), 2);
        view.setCurrentRecipe(nlohmann::json{{"format", "golf-recipe-v1"}, {"name", "other"}});
        QCOMPARE(view.currentIndex(), -1);
        QCOMPARE(view.customPlot()->graph(2)->dataCount(), 0);
        // New records keep the mark on the matching one.
        view.setCurrentRecipe(h[0].recipe);
        h.push_back(rec("new", 50, 1.9));
        view.setRecords(h);
        QCOMPARE(view.currentIndex(), 0);
    }

    void slicesAreKeptApart()
    {
        Widgets::ParetoView view;
        std::vector<Core::RecipeEval> h{rec("a", 100, 1.5, "val[0:8192]"),
                                        rec("b", 200, 1.4, "val[0:8192]"),
                                        rec("c", 150, 1.3, kSlice)};
        view.setRecords(h);
        // The newest record's slice is shown, and the header says the rest is elsewhere.
        QCOMPARE(view.slice(), QString::fromLatin1(kSlice));
        QCOMPARE(view.slices(), (QStringList{QString::fromLatin1(kSlice), "val[0:8192]"}));
        QCOMPARE(view.shownIndices(), std::vector<int>{2});
        QVERIFY2(view.statusText().contains(QStringLiteral("2 on other slices")),
                 qPrintable(view.statusText()));
        QVERIFY(std::isnan(view.pointPosition(0).x()));
        QSignalSpy changed(&view, &Widgets::ParetoView::sliceChanged);
        view.setSlice(QStringLiteral("val[0:8192]"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(view.shownIndices(), (std::vector<int>{0, 1}));
        QCOMPARE(view.frontierIndices(), (std::vector<int>{0, 1}));
        // Not a slice of the history: nothing changes.
        view.setSlice(QStringLiteral("train[0:10]"));
        QCOMPARE(view.slice(), QStringLiteral("val[0:8192]"));
        // A new history that still has the chosen slice keeps it.
        h.push_back(rec("d", 120, 1.2, kSlice));
        view.setRecords(h);
        QCOMPARE(view.slice(), QStringLiteral("val[0:8192]"));
    }

    void clickOnAPointEmitsItsRecord()
    {
        Widgets::ParetoView view;
        view.resize(720, 460);
        const auto h = realisticHistory();
        view.setRecords(h);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.customPlot()->replot(); // lay the axes out at the shown size

        std::vector<std::string> clicked;
        connect(&view, &Widgets::ParetoView::recordClicked, this,
                [&clicked](const Core::RecipeEval &e) { clicked.push_back(e.label); });
        for (int i : view.shownIndices()) {
            const QPoint at = view.pointPosition(i).toPoint();
            QVERIFY(view.customPlot()->rect().contains(at));
            QTest::mouseClick(view.customPlot(), Qt::LeftButton, {}, at);
            QCOMPARE(int(clicked.size()), 1);
            QCOMPARE(clicked.back(), h[size_t(i)].label);
            clicked.clear();
        }
        // Far from every point: nothing.
        QTest::mouseClick(view.customPlot(), Qt::LeftButton, {}, QPoint(3, 3));
        QVERIFY(clicked.empty());
        // The point of another slice is not drawn, so it cannot be clicked.
        QCOMPARE(view.pointAt(view.pointPosition(9)), -1);
    }

    void hoverTextHasExactFigures()
    {
        Widgets::ParetoView view;
        const auto h = realisticHistory();
        view.setRecords(h);
        const QString text = view.hoverText(10); // allocate 15,940,000
        QVERIFY2(text.contains(QStringLiteral("15,985,870 bytes")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("headroom 14,130 bytes")));
        QVERIFY(text.contains(QStringLiteral("1.225100")));
        QVERIFY(text.contains(QStringLiteral("allocate")));
        QVERIFY(text.contains(QStringLiteral("on the Pareto frontier")));
        const QString over = view.hoverText(0); // uniform int8, over the budget
        QVERIFY2(over.contains(QStringLiteral("over the budget by 3,897,112 bytes")),
                 qPrintable(over));
        QVERIFY(over.contains(QStringLiteral("dominated")) ||
                over.contains(QStringLiteral("frontier")));
        view.setBudget(20'000'000);
        QVERIFY(view.hoverText(0).contains(QStringLiteral("headroom 102,888 bytes")));
    }

    void csvHasEveryRecord()
    {
        Widgets::ParetoView view;
        const auto h = realisticHistory();
        view.setRecords(h);
        const QString csv = view.csv();
        const QStringList lines = csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), int(h.size()) + 1);
        QVERIFY(lines[0].startsWith(QStringLiteral("label,source,format,model_bytes")));
        QVERIFY(lines[0].contains(QStringLiteral("on_frontier")));
        // Labels with commas are quoted; exact integers.
        QVERIFY2(csv.contains(QStringLiteral("\"allocate 15,940,000 (measured)\",allocate")),
                 qPrintable(csv));
        QVERIFY(csv.contains(QStringLiteral("15938870,47000,15985870")));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pareto.csv"));
        QVERIFY(view.exportCsv(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()), csv);
        QString error;
        QVERIFY(!view.exportCsv(dir.filePath(QStringLiteral("no/such/dir/x.csv")), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(view.exportPng(dir.filePath(QStringLiteral("pareto.png")), 400, 300));
        QVERIFY(QImage(dir.filePath(QStringLiteral("pareto.png"))).width() == 400);
    }

    void emptyHistory()
    {
        Widgets::ParetoView view;
        view.setRecords({});
        QVERIFY(view.slice().isEmpty());
        QVERIFY(view.emptyText().contains(QStringLiteral("No recipes evaluated")));
        QVERIFY(view.statusText().contains(QStringLiteral("no recipes")));
        for (int g = 0; g < 3; ++g)
            QCOMPARE(view.customPlot()->graph(g)->dataCount(), 0);
        QCOMPARE(view.pointAt(QPointF(100, 100)), -1);
        QCOMPARE(view.csv().count(QLatin1Char('\n')), 1); // the header only
        view.setRecords(records({100}, {1.5}));
        QVERIFY(view.emptyText().isEmpty());
    }

    void screenshot()
    {
        Widgets::ParetoView view;
        view.resize(760, 480);
        auto h = realisticHistory();
        view.setRecords(h);
        view.setCurrentRecipe(h[10].recipe);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QString dir = QStringLiteral(GOLF_SCREENSHOT_DIR);
        QVERIFY(view.grab().save(dir + QStringLiteral("/paretoview.png")));
        Widgets::ParetoView empty;
        empty.resize(560, 320);
        empty.show();
        QVERIFY(QTest::qWaitForWindowExposed(&empty));
        QVERIFY(empty.grab().save(dir + QStringLiteral("/paretoview_empty.png")));
    }
};

QTEST_MAIN(tst_ParetoView)
#include "tst_paretoview.moc"
