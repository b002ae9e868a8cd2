// SPDX-License-Identifier: GPL-3.0-or-later
// The budget bar: exact figures under and over the 16,000,000-byte cap, the verdict, and what
// the bar draws (headroom in green, overshoot in red, even when it is a single byte).

#include "budgetbar.h"

#include <QtTest>

using namespace Widgets;

class tst_BudgetBar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void summary_data();
    void summary();
    void drawing_data();
    void drawing();
};

void tst_BudgetBar::summary_data()
{
    QTest::addColumn<qint64>("model");
    QTest::addColumn<qint64>("code");
    QTest::addColumn<qint64>("budget");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<qint64>("headroom");
    QTest::newRow("under") << qint64(15'815'847) << qint64(47'642) << qint64(16'000'000)
                           << "15,863,489 of 16,000,000 bytes — 136,511 headroom"
                           << "fits" << qint64(136'511);
    QTest::newRow("exactly at the cap")
        << qint64(15'952'358) << qint64(47'642) << qint64(16'000'000)
        << "16,000,000 of 16,000,000 bytes — 0 headroom"
        << "fits" << qint64(0);
    QTest::newRow("one byte over") << qint64(15'952'359) << qint64(47'642) << qint64(16'000'000)
                                   << "16,000,001 of 16,000,000 bytes — over by 1"
                                   << "over budget" << qint64(-1);
    QTest::newRow("over") << qint64(15'953'592) << qint64(47'642) << qint64(16'000'000)
                          << "16,001,234 of 16,000,000 bytes — over by 1,234"
                          << "over budget" << qint64(-1'234);
    QTest::newRow("other budget") << qint64(900) << qint64(50) << qint64(1'000)
                                  << "950 of 1,000 bytes — 50 headroom"
                                  << "fits" << qint64(50);
    QTest::newRow("nothing yet") << qint64(0) << qint64(0) << qint64(16'000'000)
                                 << "0 of 16,000,000 bytes — 16,000,000 headroom"
                                 << "fits" << qint64(16'000'000);
    QTest::newRow("negative counts as 0")
        << qint64(-5) << qint64(10) << qint64(100) << "10 of 100 bytes — 90 headroom"
        << "fits" << qint64(90);
    QTest::newRow("no budget") << qint64(100) << qint64(10) << qint64(0)
                               << "110 bytes — no budget set"
                               << "no budget" << qint64(-110);
}

void tst_BudgetBar::summary()
{
    QFETCH(qint64, model);
    QFETCH(qint64, code);
    QFETCH(qint64, budget);
    QFETCH(QString, text);
    QFETCH(QString, verdict);
    QFETCH(qint64, headroom);
    QCOMPARE(budgetSummaryText(model, code, budget), text);
    BudgetBar bar;
    bar.setValues(model, code, budget);
    QCOMPARE(bar.summaryText(), text);
    QCOMPARE(bar.verdictText(), verdict);
    QCOMPARE(bar.headroom(), headroom);
    QCOMPARE(bar.fits(), verdict == QLatin1String("fits"));
    QVERIFY(!text.contains(QLatin1String("MB")) && !text.contains(QLatin1String("MiB")));
}

void tst_BudgetBar::drawing_data()
{
    QTest::addColumn<qint64>("model");
    QTest::addColumn<qint64>("code");
    QTest::addColumn<QString>("screenshot");
    QTest::newRow("under") << qint64(15'815'847) << qint64(47'642) << "budgetbar_under.png";
    QTest::newRow("half") << qint64(7'000'000) << qint64(47'642) << "budgetbar_half.png";
    QTest::newRow("over by 1,234") << qint64(15'953'592) << qint64(47'642) << "budgetbar_over.png";
    QTest::newRow("over by 1") << qint64(15'952'359) << qint64(47'642) << "budgetbar_over_1.png";
    QTest::newRow("far over") << qint64(22'000'000) << qint64(47'642) << "budgetbar_far_over.png";
}

void tst_BudgetBar::drawing()
{
    QFETCH(qint64, model);
    QFETCH(qint64, code);
    QFETCH(QString, screenshot);
    BudgetBar bar;
    bar.resize(720, bar.sizeHint().height());
    bar.setValues(model, code, 16'000'000);
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    const QImage img = bar.grab().toImage();
    const QString dir = QStringLiteral(GOLF_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    QVERIFY(img.save(dir + QLatin1Char('/') + screenshot));

    // The bar's last pixel column says the verdict: green-ish headroom or red overshoot.
    const QRectF r = bar.barRect();
    const QColor end = img.pixelColor(int(r.right()) - 2, int(r.top() + 3));
    const bool over = model + code > 16'000'000;
    if (over)
        QVERIFY2(end.red() > 150 && end.green() < 80, qPrintable(end.name()));
    else
        QVERIFY2(end.green() > end.red() && end.green() > end.blue(), qPrintable(end.name()));
    // The model segment starts the bar.
    const QColor start = img.pixelColor(int(r.left()) + 3, int(r.top() + 3));
    QVERIFY2(start.blue() > start.red(), qPrintable(start.name()));
    // When over, the budget line sits where 16,000,000 falls on the bar.
    if (over && model + code > 16'100'000) {
        const double x = r.left() + r.width() * 16'000'000.0 / double(model + code);
        const QColor line = img.pixelColor(int(x), int(r.top() - 2));
        QCOMPARE(line, QColor(Qt::black));
    }
}

QTEST_MAIN(tst_BudgetBar)
#include "tst_budgetbar.moc"
