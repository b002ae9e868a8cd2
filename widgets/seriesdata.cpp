// SPDX-License-Identifier: GPL-3.0-or-later
#include "seriesdata.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <cmath>

namespace Widgets {

EmaSmoother::EmaSmoother(double weight)
    : m_weight(std::clamp(std::isfinite(weight) ? weight : 0.0, 0.0, 0.999))
{}

double EmaSmoother::push(double value)
{
    return std::isfinite(value) ? pushRun(value, 1) : value;
}

double EmaSmoother::push(const SeriesPoint &point)
{
    // Weight 0 returns the input itself (the bucket's extreme); otherwise a bucket counts as
    // `count` pushes of its mean.
    if (m_weight == 0)
        return push(point.value);
    const double value = point.meanValue();
    return std::isfinite(value) ? pushRun(value, std::max<int64_t>(point.count, 1)) : value;
}

double EmaSmoother::pushRun(double value, int64_t count)
{
    // `count` equal values at once: w^count of the old average stays.
    const double keep = count == 1 ? m_weight : std::pow(m_weight, double(count));
    m_last = m_last * keep + (1 - keep) * value;
    m_count += count;
    m_lo = std::min(m_lo, value);
    m_hi = std::max(m_hi, value);
    // The average starts at 0, so after n points it carries a weight of only 1 - w^n on the
    // data; dividing that out gives an unbiased start (w = 0: divisor 1, the value itself).
    // Once w^n is below half an ulp of 1 the divisor is exactly 1: skip the pow from then on.
    double debias = 1;
    if (!m_debiased) {
        const double wn = std::pow(m_weight, double(m_count));
        m_debiased = wn < 1e-17;
        debias = 1 - wn;
    }
    return std::clamp(m_last / debias, m_lo, m_hi);
}

void EmaSmoother::reset()
{
    *this = EmaSmoother(m_weight);
}

QVector<double> EmaSmoother::smooth(const QVector<double> &values, double weight)
{
    EmaSmoother ema(weight);
    QVector<double> out;
    out.reserve(values.size());
    for (double v : values)
        out.append(ema.push(v));
    return out;
}

QString metricLabel(const QString &metric)
{
    struct Label
    {
        const char *key;
        const char *text;
    };
    static const Label labels[] = {
        {"train_loss", QT_TRANSLATE_NOOP("Widgets::Metric", "train loss")},
        {"val_loss", QT_TRANSLATE_NOOP("Widgets::Metric", "val loss")},
        {"val_bpb", QT_TRANSLATE_NOOP("Widgets::Metric", "val bpb")},
        {"roundtrip_val_bpb",
         QT_TRANSLATE_NOOP("Widgets::Metric", "val bpb after export round trip")},
        {"roundtrip_val_loss",
         QT_TRANSLATE_NOOP("Widgets::Metric", "val loss after export round trip")},
        // Post-export evaluations of the later eras (core/run/scorelines.h) and the one the run
        // is scored by: TTT over sliding window over plain round trip.
        {"sliding_val_bpb", QT_TRANSLATE_NOOP("Widgets::Metric", "val bpb, sliding window")},
        {"sliding_val_loss", QT_TRANSLATE_NOOP("Widgets::Metric", "val loss, sliding window")},
        {"ttt_val_bpb", QT_TRANSLATE_NOOP("Widgets::Metric", "val bpb, test-time training")},
        {"ttt_val_loss", QT_TRANSLATE_NOOP("Widgets::Metric", "val loss, test-time training")},
        {"final_val_bpb", QT_TRANSLATE_NOOP("Widgets::Metric", "final score (val bpb)")},
        {"final_val_loss", QT_TRANSLATE_NOOP("Widgets::Metric", "final score (val loss)")},
        // Our trainer logs the schedule's multiplier of the configured rates.
        {"lr", QT_TRANSLATE_NOOP("Widgets::Metric", "learning rate (× base)")},
        {"tok_per_s", QT_TRANSLATE_NOOP("Widgets::Metric", "tokens / s")},
        {"step_avg", QT_TRANSLATE_NOOP("Widgets::Metric", "step time, running mean (ms)")},
        {"eval_ms", QT_TRANSLATE_NOOP("Widgets::Metric", "validation time (ms)")},
    };
    for (const Label &l : labels)
        if (metric == QLatin1String(l.key))
            return QCoreApplication::translate("Widgets::Metric", l.text);
    return metric;
}

bool metricIsSmoothed(const QString &metric)
{
    // Post-export scores are single evaluations too.
    for (const char *prefix : {"val_", "roundtrip_", "sliding_", "ttt_", "final_"})
        if (metric.startsWith(QLatin1String(prefix)))
            return false;
    return !(metric == QLatin1String("lr") || metric == QLatin1String("eval_ms"));
}

QStringList standardMetrics()
{
    return {QStringLiteral("train_loss"), QStringLiteral("val_loss"), QStringLiteral("val_bpb"),
            QStringLiteral("lr"), QStringLiteral("tok_per_s")};
}

QColor runPaletteColor(int slot)
{
    // Okabe & Ito, "Color Universal Design": blue, orange, bluish green, vermillion, reddish
    // purple, sky blue, black.
    static const std::array<QColor, 7> palette{{QColor(0x00, 0x72, 0xB2), QColor(0xE6, 0x9F, 0x00),
                                                QColor(0x00, 0x9E, 0x73), QColor(0xD5, 0x5E, 0x00),
                                                QColor(0xCC, 0x79, 0xA7), QColor(0x56, 0xB4, 0xE9),
                                                QColor(0x00, 0x00, 0x00)}};
    return palette[size_t(std::max(slot, 0)) % palette.size()];
}

SeriesStore::SeriesStore(QObject *parent)
    : QObject(parent)
{}

void SeriesStore::ensureRun(const QString &run)
{
    if (m_slots.contains(run))
        return;
    m_slots.insert(run, m_slots.size());
    m_runs.append(run);
}

void SeriesStore::append(const QString &run, const QString &metric,
                         const QVector<SeriesPoint> &points)
{
    ensureRun(run);
    if (!m_metrics.contains(metric)) {
        m_metrics.append(metric);
        Q_EMIT metricAdded(metric);
    }
    if (points.isEmpty())
        return;
    QVector<SeriesPoint> &s = m_series[run][metric];
    const int from = int(s.size());
    s += points;
    if (s.size() > m_max) {
        compact(s, m_buckets[run][metric]);
        Q_EMIT seriesCompacted(run, metric);
        return;
    }
    Q_EMIT pointsAppended(run, metric, from);
}

void SeriesStore::setLimits(int recent, int maxPoints)
{
    m_recent = std::max(recent, 1);
    m_max = std::max(maxPoints, 2 * m_recent + 16);
}

int64_t SeriesStore::loggedCount(const QString &run, const QString &metric) const
{
    int64_t n = 0;
    for (const SeriesPoint &p : series(run, metric))
        n += p.count;
    return n;
}

void SeriesStore::compact(QVector<SeriesPoint> &points, int64_t &bucket) const
{
    const int n = int(points.size());
    const int historyEnd = std::max(0, n - m_recent);
    int64_t covered = 0;
    for (int i = 0; i < historyEnd; ++i)
        covered += points[i].count;
    // History gets half of what is left beside the recent window, so the next merge is
    // (maxPoints - recent) / 2 appends away: merging costs O(1) per appended point.
    const int64_t historyBudget = std::max<int64_t>(8, (m_max - m_recent) / 2);
    if (bucket < 1)
        bucket = 1;
    // Two points per bucket; a power of two so that buckets merge whole as they double.
    while (2 * ((covered + bucket - 1) / bucket) > historyBudget)
        bucket *= 2;

    QVector<SeriesPoint> out;
    out.reserve(int(historyBudget) + 16 + (n - historyEnd));
    int i = 0;
    while (i < historyEnd) {
        int64_t logged = 0, finite = 0;
        double sum = 0;
        int lo = -1, hi = -1, bad = -1;
        int64_t badCount = 0;
        int j = i;
        for (; j < historyEnd && logged < bucket; ++j) {
            const SeriesPoint &p = points[j];
            logged += p.count;
            if (std::isfinite(p.value)) {
                finite += p.count;
                sum += p.meanValue() * double(p.count);
                if (lo < 0 || p.value < points[lo].value)
                    lo = j;
                if (hi < 0 || p.value > points[hi].value)
                    hi = j;
            } else {
                if (bad < 0)
                    bad = j;
                badCount += p.count;
            }
        }
        // The kept points in logged order, each with its share of the bucket's count. The
        // series' very first point stays too: a plot starts where the run started.
        std::array<int, 4> keep{{lo, hi, bad, i == 0 ? 0 : -1}};
        std::sort(keep.begin(), keep.end());
        const auto last = std::unique(keep.begin(), keep.end());
        const int finiteKept = int(std::count_if(keep.begin(), last, [&](int k) { return k >= 0 && k != bad; }));
        int64_t finiteLeft = finite;
        int finiteSeen = 0;
        for (auto it = keep.begin(); it != last; ++it) {
            const int k = *it;
            if (k < 0)
                continue;
            SeriesPoint p = points[k];
            if (k == bad) {
                p.count = badCount;
                p.mean = std::numeric_limits<double>::quiet_NaN();
            } else {
                ++finiteSeen;
                p.count = finiteSeen == finiteKept ? finiteLeft : finite / finiteKept;
                finiteLeft -= p.count;
                p.mean = sum / double(finite);
            }
            out.append(p);
        }
        i = j;
    }
    for (int k = historyEnd; k < n; ++k)
        out.append(points[k]);
    points = std::move(out);
}

void SeriesStore::clearRun(const QString &run)
{
    if (!m_series.contains(run))
        return;
    m_series.remove(run);
    m_buckets.remove(run);
    Q_EMIT runCleared(run);
}

const QVector<SeriesPoint> &SeriesStore::series(const QString &run, const QString &metric) const
{
    static const QVector<SeriesPoint> none;
    const auto r = m_series.constFind(run);
    if (r == m_series.constEnd())
        return none;
    const auto m = r->constFind(metric);
    return m == r->constEnd() ? none : *m;
}

QString SeriesStore::runLabel(const QString &run) const
{
    return m_labels.value(run, run);
}

void SeriesStore::setRunLabel(const QString &run, const QString &label)
{
    ensureRun(run);
    m_labels.insert(run, label);
    Q_EMIT runStyleChanged(run);
}

QColor SeriesStore::runColor(const QString &run) const
{
    const QColor c = m_colors.value(run);
    return c.isValid() ? c : runPaletteColor(m_slots.value(run, 0));
}

void SeriesStore::setRunColor(const QString &run, const QColor &color)
{
    ensureRun(run);
    if (color.isValid())
        m_colors.insert(run, color);
    else
        m_colors.remove(run);
    Q_EMIT runStyleChanged(run);
}

} // namespace Widgets
