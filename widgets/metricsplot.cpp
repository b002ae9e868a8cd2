// SPDX-License-Identifier: GPL-3.0-or-later
#include "metricsplot.h"

#include "plotstyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSaveFile>
#include <QSlider>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace Widgets {

namespace {

// Series this short (validation points, a fresh run) get a marker per point so single values
// are visible; longer ones are lines only (markers on 100k points are noise and cost time).
constexpr int kMarkerMaxPoints = 200;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Shortest text that reads back to the same double ("0.1", "2.0727", "1e-05", "nan"), so a
/// CSV export is exact. to_chars, not QString::number: no locale, no fixed precision.
QString exactNumber(double v)
{
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return QString::fromLatin1(buf, int(r.ptr - buf));
}

/// Steps are integers; print them as such even past 1e6, where shortest form turns to "1e+06".
QString stepNumber(double step)
{
    if (std::floor(step) == step && std::fabs(step) < 9.0e15)
        return QString::number(qint64(step));
    return exactNumber(step);
}

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) &&
        !s.contains(QLatin1Char('\n')) && !s.contains(QLatin1Char('\r')))
        return s;
    QString q = s;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

/// Tick labels with SI suffixes as TensorBoard writes them: 1.5M tokens/s, step 20k, rather
/// than 1.5e+06.
class SiTicker : public QCPAxisTicker
{
protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar,
                         int precision) override
    {
        static const struct
        {
            double scale;
            const char *suffix;
        } units[] = {{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}};
        for (const auto &u : units)
            if (std::fabs(tick) >= u.scale)
                return locale.toString(tick / u.scale, 'g', 4) + QLatin1String(u.suffix);
        return QCPAxisTicker::getTickLabel(tick, locale, formatChar, precision);
    }
};

} // namespace

MetricsPlot::MetricsPlot(QWidget *parent)
    : MetricsPlot(new SeriesStore, parent)
{
    m_store->setParent(this);
}

MetricsPlot::MetricsPlot(SeriesStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
{
    buildUi();
    setupPlot();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &MetricsPlot::flush);
    connect(m_store, &SeriesStore::pointsAppended, this, &MetricsPlot::onPointsAppended);
    connect(m_store, &SeriesStore::runCleared, this, [this] {
        m_rebuild = true;
        scheduleReplot();
    });
    // A long series was merged down (bounded storage): its indices changed, so redraw it whole.
    connect(m_store, &SeriesStore::seriesCompacted, this, [this](const QString &, const QString &metric) {
        if (metric != m_metric)
            return;
        m_rebuild = true;
        scheduleReplot();
    });
    connect(m_store, &SeriesStore::runStyleChanged, this, [this](const QString &run) {
        const auto it = m_runs.find(run);
        if (it != m_runs.end()) {
            styleRun(run, *it);
            scheduleReplot();
        }
    });
    connect(m_store, &SeriesStore::metricAdded, this, &MetricsPlot::refreshMetricChoices);
    refreshMetricChoices();
    rebuildGraphs();
    updateAxisLabels();
    updateEmptyText();
    fitAxes();
}

MetricsPlot::~MetricsPlot() = default;

// --- construction ----------------------------------------------------------------------------

void MetricsPlot::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(4, 2, 4, 0);
    m_metricBox = new QComboBox(this);
    m_metricBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_metricBox->setToolTip(tr("Metric shown in this plot"));
    connect(m_metricBox, QOverload<int>::of(&QComboBox::activated), this,
            [this](int i) { setMetric(m_metricBox->itemData(i).toString()); });
    header->addWidget(m_metricBox);
    header->addStretch(1);

    m_globalControls = new QWidget(this);
    auto *global = new QHBoxLayout(m_globalControls);
    global->setContentsMargins(0, 0, 0, 0);
    m_xAxisBox = new QComboBox(m_globalControls);
    m_xAxisBox->addItem(tr("by step"), int(XAxis::Step));
    m_xAxisBox->addItem(tr("by training time"), int(XAxis::Time));
    m_xAxisBox->setToolTip(
        tr("X axis: optimizer step, or training time (validation pauses excluded)"));
    connect(m_xAxisBox, QOverload<int>::of(&QComboBox::activated), this,
            [this](int i) { setXAxis(XAxis(m_xAxisBox->itemData(i).toInt())); });
    global->addWidget(m_xAxisBox);
    global->addSpacing(8);
    auto *smoothingName = new QLabel(tr("smoothing"), m_globalControls);
    global->addWidget(smoothingName);
    m_smoothingSlider = new QSlider(Qt::Horizontal, m_globalControls);
    m_smoothingSlider->setRange(0, 999);
    m_smoothingSlider->setFixedWidth(110);
    m_smoothingSlider->setToolTip(
        tr("Exponential moving average weight (0 = raw). The raw series stays faint behind."));
    smoothingName->setBuddy(m_smoothingSlider);
    connect(m_smoothingSlider, &QSlider::valueChanged, this,
            [this](int v) { setSmoothing(v / 1000.0); });
    global->addWidget(m_smoothingSlider);
    m_smoothingLabel = new QLabel(m_globalControls);
    m_smoothingLabel->setMinimumWidth(
        m_smoothingLabel->fontMetrics().horizontalAdvance(QStringLiteral("0.000")));
    global->addWidget(m_smoothingLabel);
    header->addWidget(m_globalControls);

    m_logButton = new QToolButton(this);
    //: check box: logarithmic y axis (short)
    m_logButton->setText(tr("log y"));
    m_logButton->setCheckable(true);
    m_logButton->setToolTip(tr("Logarithmic y axis"));
    connect(m_logButton, &QToolButton::toggled, this, &MetricsPlot::setLogY);
    header->addWidget(m_logButton);

    auto *fit = new QToolButton(this);
    //: button: zoom the plot to fit all data
    fit->setText(tr("fit"));
    fit->setToolTip(
        tr("Fit the axes to the data and follow new points (or double-click the plot)"));
    connect(fit, &QToolButton::clicked, this, [this] {
        m_follow = true;
        fitAxes();
        m_plot->replot();
    });
    header->addWidget(fit);

    header->addWidget(makeExportButton(
        this, {tr("CSV (all runs of this metric)…"), [this] { return m_metric; },
               [this](const QString &path, QString *error) { return exportCsv(path, error); },
               [this](const QString &path) { return exportPng(path); }}));
    layout->addLayout(header);

    m_plot = new QCustomPlot(this);
    layout->addWidget(m_plot, 1);

    m_smoothingSlider->setValue(int(std::lround(m_smoothing * 1000)));
    m_smoothingLabel->setText(QString::number(m_smoothing, 'f', 3));
}

void MetricsPlot::setupPlot()
{
    setupQuietPlot(m_plot);
    // Plain numbers on both axes (SiTicker adds the suffixes).
    m_plot->xAxis->setNumberFormat(QStringLiteral("g"));
    m_plot->yAxis->setNumberFormat(QStringLiteral("g"));
    // Dragging a 100k-point plot stays fluid without antialiasing; it returns on release.
    m_plot->setNoAntialiasingOnDrag(true);
    // Lines as separate segments instead of one polyline: the raster engine strokes a noisy
    // 100k-point polyline (thousands of self-overlapping joins after adaptive sampling) ~25x
    // slower (bench_plots: 100k points x 3 runs, 300 ms -> 13 ms per redraw).
    m_plot->setPlottingHint(QCP::phFastPolylines, true);

    // Raw series on a layer below the smoothed ones, so no run's faint line covers another's
    // bold one.
    m_plot->addLayer(QStringLiteral("raw"), m_plot->layer(QStringLiteral("main")),
                     QCustomPlot::limBelow);

    // The legend sits in its own row above the axes, never over the curves (a loss curve fills
    // the top left, an lr schedule the top right). A stretching empty cell beside it keeps it at
    // the left and keeps an empty legend from capping the width of the axes below.
    QCPLegend *legend = m_plot->legend;
    legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->take(legend);
    m_plot->plotLayout()->insertRow(0);
    auto *legendRow = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(0, 0, legendRow);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    legendRow->addElement(0, 0, legend);
    legendRow->addElement(0, 1, new QCPLayoutElement(m_plot));
    legendRow->setColumnStretchFactor(0, 0.001);
    legendRow->setColumnStretchFactor(1, 1);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(4);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setIconSize(18, 10);
    legend->setMargins(QMargins(8, 2, 8, 0));
    legend->setTextColor(QColor(0x33, 0x33, 0x33));

    m_emptyText = addCenteredNote(m_plot);

    // Autoscale follows the data until the user takes over the view; a double-click hands it
    // back (tensorboard #4500: the view must keep fitting a run in progress).
    connect(m_plot, &QCustomPlot::mousePress, this, [this] { m_follow = false; });
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_follow = false; });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] {
        m_follow = true;
        fitAxes();
        m_plot->replot();
    });
    m_plot->setMouseTracking(true); // hover moves, not only drags, reach the tooltip
    connect(m_plot, &QCustomPlot::mouseMove, this, &MetricsPlot::showTooltip);
}

// --- settings ------------------------------------------------------------------------------

void MetricsPlot::appendPoints(const QString &run, const QString &metric,
                               const QVector<SeriesPoint> &points)
{
    m_store->append(run, metric, points);
}

void MetricsPlot::setMetric(const QString &metric)
{
    if (metric == m_metric)
        return;
    m_metric = metric;
    refreshMetricChoices();
    m_rebuild = true;
    m_follow = true;
    updateAxisLabels();
    scheduleReplot();
    Q_EMIT metricChanged(metric);
}

void MetricsPlot::setXAxis(XAxis axis)
{
    if (axis == m_xAxis)
        return;
    m_xAxis = axis;
    m_xAxisBox->setCurrentIndex(m_xAxisBox->findData(int(axis)));
    m_rebuild = true;
    m_follow = true; // the old x range means nothing on the new axis
    updateAxisLabels();
    scheduleReplot();
    Q_EMIT xAxisChanged(axis);
}

void MetricsPlot::setSmoothing(double weight)
{
    weight = EmaSmoother(weight).weight(); // the same clamping as the smoother
    if (weight == m_smoothing)
        return;
    m_smoothing = weight;
    {
        const QSignalBlocker block(m_smoothingSlider);
        m_smoothingSlider->setValue(int(std::lround(weight * 1000)));
    }
    m_smoothingLabel->setText(QString::number(weight, 'f', 3));
    // The axes keep their range: the raw data, which sets it, did not change.
    m_resmooth = true;
    scheduleReplot();
    Q_EMIT smoothingChanged(weight);
}

void MetricsPlot::setLogY(bool on)
{
    if (on == m_logY)
        return;
    m_logY = on;
    {
        const QSignalBlocker block(m_logButton);
        m_logButton->setChecked(on);
    }
    m_rebuild = true;
    m_follow = true;
    updateAxisLabels();
    scheduleReplot();
    Q_EMIT logYChanged(on);
}

void MetricsPlot::setGlobalControlsVisible(bool visible)
{
    m_globalControls->setVisible(visible);
}

void MetricsPlot::refreshMetricChoices()
{
    QStringList keys = standardMetrics();
    for (const QString &m : m_store->metrics())
        if (!keys.contains(m))
            keys.append(m);
    if (!keys.contains(m_metric))
        keys.append(m_metric);
    const QSignalBlocker block(m_metricBox);
    m_metricBox->clear();
    for (const QString &k : keys)
        m_metricBox->addItem(metricLabel(k), k);
    m_metricBox->setCurrentIndex(m_metricBox->findData(m_metric));
}

// --- data to graphs --------------------------------------------------------------------------

void MetricsPlot::onPointsAppended(const QString &run, const QString &metric, int /*from*/)
{
    if (metric != m_metric)
        return;
    if (!m_dirty.contains(run))
        m_dirty.append(run);
    scheduleReplot();
}

void MetricsPlot::scheduleReplot()
{
    if (m_timer.isActive())
        return;
    // Right away if the last redraw is long enough ago (a single batch shows without delay),
    // else when the interval is up; every batch until then rides along.
    const qint64 since = m_sinceReplot.isValid() ? m_sinceReplot.elapsed() : kMinReplotIntervalMs;
    m_timer.start(int(std::max<qint64>(0, kMinReplotIntervalMs - since)));
}

void MetricsPlot::replotNow()
{
    flush();
}

void MetricsPlot::flush()
{
    m_timer.stop();
    if (m_rebuild) {
        rebuildGraphs();
    } else {
        if (m_resmooth)
            resmooth();
        for (const QString &run : std::as_const(m_dirty))
            appendNew(run);
    }
    m_resmooth = false;
    m_dirty.clear();
    if (m_follow)
        fitAxes();
    updateEmptyText();
    if (!isVisible()) {
        // Nobody looks (another tab): draw once when shown.
        m_replotPending = true;
        return;
    }
    m_replotPending = false;
    m_plot->replot(QCustomPlot::rpQueuedRefresh);
    ++m_replotCount;
    m_sinceReplot.restart();
    Q_EMIT replotted();
}

void MetricsPlot::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_replotPending || m_rebuild || m_resmooth || !m_dirty.isEmpty())
        scheduleReplot();
}

void MetricsPlot::rebuildGraphs()
{
    m_rebuild = false;
    m_dirty.clear();
    m_plot->clearGraphs();
    m_runs.clear();
    for (const QString &run : m_store->runs())
        if (!m_store->series(run, m_metric).isEmpty())
            appendNew(run);
}

MetricsPlot::RunGraphs &MetricsPlot::graphsFor(const QString &run)
{
    auto it = m_runs.find(run);
    if (it != m_runs.end())
        return *it;
    RunGraphs g;
    g.ema = EmaSmoother(effectiveSmoothing());
    g.raw = m_plot->addGraph();
    g.raw->setLayer(QStringLiteral("raw"));
    g.raw->removeFromLegend();
    g.smooth = m_plot->addGraph();
    styleRun(run, g);
    return *m_runs.insert(run, g);
}

void MetricsPlot::styleRun(const QString &run, RunGraphs &g)
{
    const QColor color = m_store->runColor(run);
    QColor faint = color;
    faint.setAlpha(64);
    g.raw->setPen(QPen(faint, 1));
    const bool smoothed = effectiveSmoothing() > 0;
    g.raw->setVisible(smoothed);
    g.smooth->setPen(QPen(color, smoothed ? 2.0 : 1.5));
    g.smooth->setName(m_store->runLabel(run));
}

void MetricsPlot::appendNew(const QString &run)
{
    const QVector<SeriesPoint> &series = m_store->series(run, m_metric);
    if (series.isEmpty())
        return;
    RunGraphs &g = graphsFor(run);
    if (g.consumed >= series.size())
        return;
    QVector<QCPGraphData> raw, smooth;
    const bool sorted = toGraphData(series, g.consumed, int(series.size()), g, &raw, &smooth);
    g.consumed = int(series.size());
    // Keys in order (the usual case) append in O(batch); a resumed run that logs a step twice
    // makes QCustomPlot merge the batch in.
    g.raw->data()->add(raw, sorted);
    g.smooth->data()->add(smooth, sorted);
    const bool markers = g.smooth->dataCount() <= kMarkerMaxPoints;
    g.smooth->setScatterStyle(markers ? QCPScatterStyle(QCPScatterStyle::ssDisc, 5)
                                      : QCPScatterStyle());
}

void MetricsPlot::resmooth()
{
    // Only the smoothed graphs change; the raw ones and the axes' extents stay.
    for (auto it = m_runs.begin(); it != m_runs.end(); ++it) {
        RunGraphs &g = *it;
        g.ema = EmaSmoother(effectiveSmoothing());
        QVector<QCPGraphData> smooth;
        const bool sorted =
            toGraphData(m_store->series(it.key(), m_metric), 0, g.consumed, g, nullptr, &smooth);
        g.smooth->data()->set(smooth, sorted);
        styleRun(it.key(), g);
    }
}

bool MetricsPlot::toGraphData(const QVector<SeriesPoint> &series, int from, int to, RunGraphs &g,
                              QVector<QCPGraphData> *raw, QVector<QCPGraphData> *smooth)
{
    if (raw)
        raw->reserve(to - from);
    smooth->reserve(to - from);
    bool sorted = true;
    double prev = raw ? g.lastKey : -std::numeric_limits<double>::infinity();
    for (int i = from; i < to; ++i) {
        const SeriesPoint &p = series[i];
        // The average runs over every logged point in order, whatever the x axis, so step and
        // time views show the same smoothed values.
        double s = g.ema.push(p);
        const double x = m_xAxis == XAxis::Step ? p.step : p.timeS;
        if (!std::isfinite(x))
            continue;
        double v = p.value;
        if (m_logY) {
            v = v > 0 ? v : kNaN;
            s = s > 0 ? s : kNaN;
        }
        sorted = sorted && x >= prev;
        prev = x;
        smooth->append(QCPGraphData(x, s));
        if (!raw)
            continue;
        raw->append(QCPGraphData(x, v));
        g.keyLo = std::min(g.keyLo, x);
        g.keyHi = std::max(g.keyHi, x);
        if (std::isfinite(v)) {
            g.valLo = std::min(g.valLo, v);
            g.valHi = std::max(g.valHi, v);
        }
    }
    if (raw)
        g.lastKey = std::max(g.lastKey, g.keyHi);
    return sorted;
}

// --- axes ------------------------------------------------------------------------------------

void MetricsPlot::fitAxes()
{
    double kLo = std::numeric_limits<double>::infinity(), kHi = -kLo;
    double vLo = kLo, vHi = -kLo;
    for (const RunGraphs &g : std::as_const(m_runs)) {
        kLo = std::min(kLo, g.keyLo);
        kHi = std::max(kHi, g.keyHi);
        vLo = std::min(vLo, g.valLo);
        vHi = std::max(vHi, g.valHi);
    }
    if (!std::isfinite(kLo)) {
        kLo = 0;
        kHi = m_xAxis == XAxis::Step ? 100 : 60;
    } else if (kLo == kHi) {
        kLo -= 1;
        kHi += 1;
    }
    if (!std::isfinite(vLo)) {
        vLo = m_logY ? 0.1 : 0;
        vHi = m_logY ? 10 : 1;
    } else if (m_logY) {
        if (vLo == vHi) {
            vLo /= 1.25;
            vHi *= 1.25;
        }
        const double pad = std::pow(vHi / vLo, 0.04); // 4% of the decades
        vLo /= pad;
        vHi *= pad;
    } else {
        double span = vHi - vLo;
        if (span == 0)
            span = vHi != 0 ? std::fabs(vHi) * 0.1 : 1;
        vLo -= span * 0.04;
        vHi += span * 0.04;
    }
    m_plot->xAxis->setRange(kLo, kHi);
    m_plot->yAxis->setRange(vLo, vHi);
    if (m_xAxis == XAxis::Time) {
        auto ticker = qSharedPointerDynamicCast<QCPAxisTickerTime>(m_plot->xAxis->ticker());
        const bool hours = kHi >= 3600;
        if (ticker &&
            ticker->timeFormat() != (hours ? QLatin1String("%h:%m:%s") : QLatin1String("%m:%s"))) {
            ticker->setTimeFormat(hours ? QStringLiteral("%h:%m:%s") : QStringLiteral("%m:%s"));
            m_plot->xAxis->setLabel(hours ? tr("training time (h:min:s)")
                                          : tr("training time (min:s)"));
        }
    }
}

void MetricsPlot::updateAxisLabels()
{
    if (m_xAxis == XAxis::Step) {
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new SiTicker));
        //: x-axis label: the optimizer step number of training
        m_plot->xAxis->setLabel(tr("step"));
    } else {
        auto ticker = QSharedPointer<QCPAxisTickerTime>(new QCPAxisTickerTime);
        ticker->setTimeFormat(QStringLiteral("%m:%s"));
        m_plot->xAxis->setTicker(ticker);
        m_plot->xAxis->setLabel(tr("training time (min:s)"));
    }
    if (m_logY) {
        m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    } else {
        m_plot->yAxis->setScaleType(QCPAxis::stLinear);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new SiTicker));
    }
    m_plot->yAxis->setLabel(metricLabel(m_metric));
}

void MetricsPlot::updateEmptyText()
{
    bool empty = true;
    for (const RunGraphs &g : std::as_const(m_runs))
        empty = empty && g.smooth->dataCount() == 0;
    m_emptyText->setVisible(empty);
    m_emptyText->setText(tr("no %1 logged yet").arg(metricLabel(m_metric)));
}

// --- reading back ----------------------------------------------------------------------------

void MetricsPlot::showTooltip(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    const QString text = event->buttons() || !m_plot->axisRect()->rect().contains(pos)
                             ? QString()
                             : hoverText(m_plot->xAxis->pixelToCoord(pos.x()));
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

QString MetricsPlot::hoverText(double x) const
{
    struct Row
    {
        QString run;
        double smooth, raw, key;
    };
    QVector<Row> rows;
    for (const QString &run : m_store->runs()) {
        const auto it = m_runs.constFind(run);
        if (it == m_runs.constEnd() || it->smooth->dataCount() == 0)
            continue;
        const QSharedPointer<QCPGraphDataContainer> data = it->smooth->data();
        int i = int(data->findBegin(x) - data->constBegin());
        if (i + 1 < data->size() &&
            std::fabs(data->at(i + 1)->key - x) < std::fabs(data->at(i)->key - x))
            ++i;
        rows.append({run, data->at(i)->value, it->raw->data()->at(i)->value, data->at(i)->key});
    }
    if (rows.isEmpty())
        return {};
    // Highest first, as the curves stack on screen (W&B sorts its tooltip by value).
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row &a, const Row &b) { return a.smooth > b.smooth; });
    QString html = QStringLiteral("<table>");
    for (const Row &r : std::as_const(rows)) {
        //: optimizer step number in a tooltip
        const QString where = m_xAxis == XAxis::Step ? tr("step %1").arg(stepNumber(r.key))
                                                     //: seconds of training time
                                                     : tr("%1 s").arg(r.key, 0, 'f', 1);
        html += QStringLiteral("<tr><td><span style='color:%1'>&#9632;</span> %2</td><td "
                               "align=right>&nbsp;<b>%3</b></td>")
                    .arg(m_store->runColor(r.run).name(), m_store->runLabel(r.run).toHtmlEscaped(),
                         QString::number(r.smooth, 'g', 5));
        if (effectiveSmoothing() > 0)
            html += tr("<td>&nbsp;(raw %1)</td>").arg(QString::number(r.raw, 'g', 5));
        html += QStringLiteral("<td>&nbsp;%1</td></tr>").arg(where);
    }
    html += QStringLiteral("</table>");
    return html;
}

QVector<double> MetricsPlot::smoothedValues(const QString &run) const
{
    QVector<double> out;
    const auto it = m_runs.constFind(run);
    if (it != m_runs.constEnd())
        for (const QCPGraphData &d : *it->smooth->data())
            out.append(d.value);
    return out;
}

QVector<double> MetricsPlot::rawKeys(const QString &run) const
{
    QVector<double> out;
    const auto it = m_runs.constFind(run);
    if (it != m_runs.constEnd())
        for (const QCPGraphData &d : *it->raw->data())
            out.append(d.key);
    return out;
}

QString MetricsPlot::csv() const
{
    QString out = QStringLiteral("run,metric,step,time_s,value,smoothed\n");
    for (const QString &run : m_store->runs()) {
        EmaSmoother ema(effectiveSmoothing());
        for (const SeriesPoint &p : m_store->series(run, m_metric)) {
            const double smooth = ema.push(p);
            out += csvField(run) + QLatin1Char(',') + csvField(m_metric) + QLatin1Char(',') +
                   stepNumber(p.step) + QLatin1Char(',') +
                   (std::isfinite(p.timeS) ? exactNumber(p.timeS) : QString()) + QLatin1Char(',') +
                   exactNumber(p.value) + QLatin1Char(',') + exactNumber(smooth) +
                   QLatin1Char('\n');
        }
    }
    return out;
}

bool MetricsPlot::exportCsv(const QString &path, QString *error) const
{
    // QSaveFile writes a temporary file and renames it: a reader never sees half a CSV.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv().toUtf8()) < 0 || !file.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

double MetricsPlot::effectiveSmoothing() const
{
    return metricIsSmoothed(m_metric) ? m_smoothing : 0.0;
}

bool MetricsPlot::exportPng(const QString &path, int width, int height)
{
    flush();
    return m_plot->savePng(path, width, height);
}

} // namespace Widgets
