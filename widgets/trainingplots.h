// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The training dashboard: train loss, val bpb, lr and tokens/s of every watched run in a 2x2
// grid, with one x-axis choice and one smoothing slider for all four (TensorBoard's Time Series
// page works this way: comparing plots needs the same x and the same smoothing). Each plot keeps
// its own metric choice, log-y toggle and export.

#include "metricsplot.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;

namespace Widgets {

class TrainingPlots : public QWidget
{
    Q_OBJECT
public:
    explicit TrainingPlots(QWidget *parent = nullptr);

    /// The data all plots show; owned by the panel.
    SeriesStore *store() const { return m_store; }
    void appendPoints(const QString &run, const QString &metric,
                      const QVector<SeriesPoint> &points);

    /// The plots, in reading order: train loss, val bpb, lr, tokens/s (until the user picks
    /// other metrics in them).
    QList<MetricsPlot *> plots() const { return m_plots; }

    MetricsPlot::XAxis xAxis() const { return m_xAxis; }
    void setXAxis(MetricsPlot::XAxis axis);
    double smoothing() const { return m_smoothing; }
    void setSmoothing(double weight);

private:
    SeriesStore *m_store;
    QList<MetricsPlot *> m_plots;
    QComboBox *m_xAxisBox = nullptr;
    QSlider *m_smoothingSlider = nullptr;
    QLabel *m_smoothingLabel = nullptr;
    MetricsPlot::XAxis m_xAxis = MetricsPlot::XAxis::Step;
    double m_smoothing = 0.6;
};

} // namespace Widgets
