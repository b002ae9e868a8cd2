// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One live training metric (train loss, val_bpb, lr, tokens/s, ...) for several runs overlaid,
// the way TensorBoard and W&B users expect it (DESIGN.md §5, product-anchors §2.6): a de-biased
// EMA smoothing slider with the raw series drawn faint behind the smoothed one, log y, step or
// training-time x axis, a legend entry and a stable colour per run, autoscale that follows new
// data until the user zooms or drags (double-click fits again), a hover tooltip, and CSV / PNG
// export. Points arrive in batches from a watcher; redraws are coalesced to at most
// 1000 / kMinReplotIntervalMs per second however often points arrive.

#include "seriesdata.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCPGraph;
class QCPGraphData;
class QCPItemText;
class QCustomPlot;
class QComboBox;
class QLabel;
class QSlider;
class QToolButton;
class QMouseEvent;

namespace Widgets {

class MetricsPlot : public QWidget
{
    Q_OBJECT
public:
    enum class XAxis { Step, Time };
    /// Redraws happen at most this often (5 per second): a 100k-point plot costs a few ms per
    /// redraw, and a watcher may deliver a batch every few milliseconds.
    static constexpr int kMinReplotIntervalMs = 200;

    /// A plot with its own store.
    explicit MetricsPlot(QWidget *parent = nullptr);
    /// A plot viewing `store` (not owned; it must outlive the plot), e.g. one of several plots in
    /// a panel that share the runs' data.
    explicit MetricsPlot(SeriesStore *store, QWidget *parent = nullptr);
    ~MetricsPlot() override;

    SeriesStore *store() const { return m_store; }
    /// Same as store()->append(): the plot redraws on its next tick if `metric` is shown.
    void appendPoints(const QString &run, const QString &metric,
                      const QVector<SeriesPoint> &points);

    QString metric() const { return m_metric; }
    void setMetric(const QString &metric);
    XAxis xAxis() const { return m_xAxis; }
    void setXAxis(XAxis axis);
    /// EMA weight in [0, 0.999]; 0 shows the raw series only. Applies to noisy metrics only
    /// (see metricIsSmoothed()); effectiveSmoothing() is the weight in use for the shown one.
    double smoothing() const { return m_smoothing; }
    void setSmoothing(double weight);
    double effectiveSmoothing() const;
    /// Log y: values <= 0 cannot be drawn and become gaps (a schedule's final lr of 0).
    bool logY() const { return m_logY; }
    void setLogY(bool on);
    /// Whether the x-axis and smoothing controls show in this plot's header. A panel that sets
    /// them for all its plots hides them.
    void setGlobalControlsVisible(bool visible);

    /// Every series of the current metric as CSV: run,metric,step,time_s,value,smoothed (with
    /// effectiveSmoothing()), one row
    /// per logged point in logged order, numbers in their shortest exact form (they read back
    /// to the same doubles), an empty time_s where the log had none.
    QString csv() const;
    /// Writes csv() atomically. On failure returns false and sets `error`.
    bool exportCsv(const QString &path, QString *error = nullptr) const;
    /// Saves the plot as PNG (pending points included); width/height 0 = the widget's size.
    bool exportPng(const QString &path, int width = 0, int height = 0);

    /// Applies pending points and redraws now, instead of on the next tick.
    void replotNow();
    /// Redraws done so far (the coalescing is measured by tests and the benchmark).
    int replotCount() const { return m_replotCount; }
    /// The smoothed series as drawn for `run` (in x order), for tests.
    QVector<double> smoothedValues(const QString &run) const;
    QVector<double> rawKeys(const QString &run) const;
    /// The hover tooltip for x coordinate `x`: each run's point nearest to it, highest value
    /// first (HTML; empty without data).
    QString hoverText(double x) const;
    QCustomPlot *customPlot() const { return m_plot; }

Q_SIGNALS:
    void metricChanged(const QString &metric);
    void xAxisChanged(Widgets::MetricsPlot::XAxis axis);
    void smoothingChanged(double weight);
    void logYChanged(bool on);
    /// Emitted after each redraw.
    void replotted();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct RunGraphs
    {
        QCPGraph *raw = nullptr;    ///< faint, behind; hidden when smoothing is 0
        QCPGraph *smooth = nullptr; ///< bold, in the legend
        int consumed = 0;           ///< points of the store's series already in the graphs
        EmaSmoother ema;
        double lastKey = -std::numeric_limits<double>::infinity();
        // Extent of the drawn raw data, kept as points arrive so autoscale is O(runs).
        double keyLo = std::numeric_limits<double>::infinity();
        double keyHi = -std::numeric_limits<double>::infinity();
        double valLo = std::numeric_limits<double>::infinity();
        double valHi = -std::numeric_limits<double>::infinity();
    };

    void buildUi();
    void setupPlot();
    void scheduleReplot();
    void flush();
    void rebuildGraphs();
    void appendNew(const QString &run);
    void resmooth();
    /// Turns series[from, to) into graph points, advancing g.ema; with `raw`, also the raw
    /// points and g's extents. Returns whether the keys come in order (after g.lastKey).
    bool toGraphData(const QVector<SeriesPoint> &series, int from, int to, RunGraphs &g,
                     QVector<QCPGraphData> *raw, QVector<QCPGraphData> *smooth);
    RunGraphs &graphsFor(const QString &run);
    void styleRun(const QString &run, RunGraphs &g);
    void fitAxes();
    void updateAxisLabels();
    void updateEmptyText();
    void refreshMetricChoices();
    void showTooltip(QMouseEvent *event);
    void onPointsAppended(const QString &run, const QString &metric, int from);

    SeriesStore *m_store;
    QCustomPlot *m_plot = nullptr;
    QCPItemText *m_emptyText = nullptr;
    QComboBox *m_metricBox = nullptr;
    QWidget *m_globalControls = nullptr;
    QComboBox *m_xAxisBox = nullptr;
    QSlider *m_smoothingSlider = nullptr;
    QLabel *m_smoothingLabel = nullptr;
    QToolButton *m_logButton = nullptr;

    QString m_metric = QStringLiteral("train_loss");
    XAxis m_xAxis = XAxis::Step;
    double m_smoothing = 0.6; // TensorBoard's default
    bool m_logY = false;
    bool m_follow = true; ///< autoscale to the data until the user zooms or drags

    QHash<QString, RunGraphs> m_runs; // for the current metric
    QStringList m_dirty;              // runs with points not yet in their graphs
    bool m_rebuild = true;            // graphs must be rebuilt from the store
    bool m_resmooth = false;          // only the smoothed graphs must be recomputed
    bool m_replotPending = false;     // drawn data changed while hidden
    QTimer m_timer;
    QElapsedTimer m_sinceReplot;
    int m_replotCount = 0;
};

} // namespace Widgets
