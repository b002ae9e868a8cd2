// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Plain data behind the training plots: the points of each (run, metric) series as they arrive,
// and the smoothing that TensorBoard users expect. No QCustomPlot here, so the maths is tested
// on its own and several plots can view one store without copying it.

#include <QColor>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <cstdint>
#include <limits>

namespace Widgets {

/// One logged value. A point carries both x coordinates, so a plot can switch between step and
/// time without asking for the data again.
struct SeriesPoint
{
    double step = 0;
    /// Training time in seconds; NaN when the log line had none (such points are left out of a
    /// time-axis plot).
    double timeS = std::numeric_limits<double>::quiet_NaN();
    /// May be NaN or inf (a diverged step); plots show a gap.
    double value = 0;
    /// Logged points this one stands for: 1 as logged; more once SeriesStore has merged older
    /// points into buckets (then `value` is the bucket's minimum or maximum, so spikes stay).
    int64_t count = 1;
    /// Mean of the finite values merged into this point (what smoothing averages); NaN for a
    /// point as logged, whose mean is its value.
    double mean = std::numeric_limits<double>::quiet_NaN();

    double meanValue() const { return mean == mean ? mean : value; }
};

/// TensorBoard's de-biased exponential moving average (tensorboard #610/#639): without the
/// de-biasing the first points are pulled towards zero. weight 0 returns the input exactly;
/// weights are clamped to [0, 0.999] (TensorBoard's slider maximum; 1 would freeze the curve).
/// Non-finite values pass through without touching the average. Each result is clamped to the
/// range of the values seen so far: mathematically a no-op, it keeps a constant series exactly
/// constant instead of wobbling in the last digits (tensorboard #786).
class EmaSmoother
{
public:
    explicit EmaSmoother(double weight = 0);
    double push(double value);
    /// Pushes a stored point: one logged value as push(value); a merged bucket as `count`
    /// values equal to its mean (exact for the de-biasing, close for the average, which varies
    /// little within a bucket next to its time constant). Weight 0 returns `value` unchanged
    /// (the bucket's extreme), so unsmoothed plots keep their spikes.
    double push(const SeriesPoint &point);
    void reset();
    double weight() const { return m_weight; }

    /// The smoothed series of `values`, point by point.
    static QVector<double> smooth(const QVector<double> &values, double weight);

private:
    /// `count` finite pushes of `value`.
    double pushRun(double value, int64_t count);

    double m_weight;
    double m_last = 0;
    int64_t m_count = 0;
    bool m_debiased = false; ///< w^n has vanished; the divisor is 1
    double m_lo = std::numeric_limits<double>::infinity();
    double m_hi = -std::numeric_limits<double>::infinity();
};

/// Human name of a metric key as the logs spell it ("train_loss" -> "train loss"); unknown keys
/// come back unchanged.
QString metricLabel(const QString &metric);

/// Whether the smoothing slider applies to `metric`. Batch-to-batch noise (train loss, tokens/s,
/// step time) is smoothed; evaluations on the fixed validation tokens and the lr schedule are
/// exact values, where an EMA over points 500 steps apart would only make the curve trail them.
bool metricIsSmoothed(const QString &metric);

/// The metrics the training panel offers first, in order.
QStringList standardMetrics();

/// Colour for the run in colour slot `slot`: the Okabe-Ito palette (colour-blind safe) without
/// its yellow, which is unreadable on white; slots past the palette repeat it.
QColor runPaletteColor(int slot);

/// Every series of every run, appended in batches. Runs keep the colour slot of their first
/// appearance for the store's lifetime, so a run's colour never changes while watching.
///
/// Storage per series is bounded (a GUI watching a 200k-step run must not grow without end,
/// tests/app/tst_longrun.cpp): the newest recentPoints() points stay as logged; when a series
/// passes maxPoints(), everything older is merged into buckets of equal logged count, each kept
/// as its minimum and maximum point in logged order (plus its first non-finite point, so a gap
/// stays a gap; the series' first point always stays). Spikes and the envelope survive at every
/// zoom level; the bucket size doubles as the run grows, so older history keeps an even density
/// rather than thinning out. After a merge the series' indices change and seriesCompacted() is emitted instead of pointsAppended().
class SeriesStore : public QObject
{
    Q_OBJECT
public:
    explicit SeriesStore(QObject *parent = nullptr);

    /// Appends `points` (in logged order) to run's series of `metric`. Creates the run and the
    /// metric on first use.
    void append(const QString &run, const QString &metric, const QVector<SeriesPoint> &points);

    static constexpr int kDefaultRecentPoints = 2048;
    static constexpr int kDefaultMaxPoints = 6144;
    /// The storage bound: `recent` newest points as logged, at most `maxPoints` per series
    /// (maxPoints >= 2 * recent + 16; clamped so). Applies from the next append on.
    void setLimits(int recent, int maxPoints);
    int recentPoints() const { return m_recent; }
    int maxPoints() const { return m_max; }
    /// Logged points of a series (the sum of the stored points' counts).
    int64_t loggedCount(const QString &run, const QString &metric) const;
    /// Drops every point of `run` (its log restarted) but keeps its colour and label.
    void clearRun(const QString &run);

    /// Runs in order of first appearance.
    QStringList runs() const { return m_runs; }
    /// Metrics in order of first appearance.
    QStringList metrics() const { return m_metrics; }
    /// The points of one series; empty if there are none.
    const QVector<SeriesPoint> &series(const QString &run, const QString &metric) const;

    /// Name shown in legends; the run id until set.
    QString runLabel(const QString &run) const;
    void setRunLabel(const QString &run, const QString &label);
    QColor runColor(const QString &run) const;
    /// Overrides the palette colour of `run` (an invalid colour restores it).
    void setRunColor(const QString &run, const QColor &color);

Q_SIGNALS:
    /// series(run, metric) grew; the new points start at index `from`.
    void pointsAppended(const QString &run, const QString &metric, int from);
    void runCleared(const QString &run);
    /// A run's label or colour changed.
    void runStyleChanged(const QString &run);
    void metricAdded(const QString &metric);
    /// series(run, metric) was merged down (see the class comment): its points were replaced,
    /// the new ones included; a view redraws it from the start.
    void seriesCompacted(const QString &run, const QString &metric);

private:
    void ensureRun(const QString &run);
    void compact(QVector<SeriesPoint> &points, int64_t &bucket) const;

    QStringList m_runs;
    QStringList m_metrics;
    QHash<QString, QHash<QString, QVector<SeriesPoint>>> m_series; // run -> metric -> points
    QHash<QString, QHash<QString, int64_t>> m_buckets; // run -> metric -> logged points per bucket
    int m_recent = kDefaultRecentPoints;
    int m_max = kDefaultMaxPoints;
    QHash<QString, QString> m_labels;
    QHash<QString, QColor> m_colors;
    QHash<QString, int> m_slots;
};

} // namespace Widgets
