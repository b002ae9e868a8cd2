// SPDX-License-Identifier: GPL-3.0-or-later
#include "trainingplots.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace Widgets {

TrainingPlots::TrainingPlots(QWidget *parent)
    : QWidget(parent)
    , m_store(new SeriesStore(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *controls = new QHBoxLayout;
    m_xAxisBox = new QComboBox(this);
    m_xAxisBox->addItem(tr("by step"), int(MetricsPlot::XAxis::Step));
    m_xAxisBox->addItem(tr("by training time"), int(MetricsPlot::XAxis::Time));
    m_xAxisBox->setToolTip(
        tr("X axis of all plots: optimizer step, or training time (validation pauses excluded)"));
    connect(m_xAxisBox, QOverload<int>::of(&QComboBox::activated), this,
            [this](int i) { setXAxis(MetricsPlot::XAxis(m_xAxisBox->itemData(i).toInt())); });
    controls->addWidget(m_xAxisBox);
    controls->addSpacing(12);
    auto *smoothingName = new QLabel(tr("smoothing"), this);
    controls->addWidget(smoothingName);
    m_smoothingSlider = new QSlider(Qt::Horizontal, this);
    m_smoothingSlider->setRange(0, 999);
    m_smoothingSlider->setFixedWidth(160);
    m_smoothingSlider->setToolTip(tr("Exponential moving average weight for all plots (0 = raw). "
                                     "The raw series stays faint behind."));
    smoothingName->setBuddy(m_smoothingSlider);
    connect(m_smoothingSlider, &QSlider::valueChanged, this,
            [this](int v) { setSmoothing(v / 1000.0); });
    controls->addWidget(m_smoothingSlider);
    m_smoothingLabel = new QLabel(this);
    controls->addWidget(m_smoothingLabel);
    controls->addStretch(1);
    layout->addLayout(controls);

    auto *grid = new QGridLayout;
    grid->setSpacing(6);
    const QStringList metrics{QStringLiteral("train_loss"), QStringLiteral("val_bpb"),
                              QStringLiteral("lr"), QStringLiteral("tok_per_s")};
    for (int i = 0; i < metrics.size(); ++i) {
        auto *plot = new MetricsPlot(m_store, this);
        plot->setMetric(metrics[i]);
        plot->setGlobalControlsVisible(false);
        plot->setSmoothing(m_smoothing);
        grid->addWidget(plot, i / 2, i % 2);
        m_plots.append(plot);
    }
    layout->addLayout(grid, 1);

    m_smoothingSlider->setValue(int(std::lround(m_smoothing * 1000)));
    m_smoothingLabel->setText(QString::number(m_smoothing, 'f', 3));
}

void TrainingPlots::appendPoints(const QString &run, const QString &metric,
                                 const QVector<SeriesPoint> &points)
{
    m_store->append(run, metric, points);
}

void TrainingPlots::setXAxis(MetricsPlot::XAxis axis)
{
    m_xAxis = axis;
    m_xAxisBox->setCurrentIndex(m_xAxisBox->findData(int(axis)));
    for (MetricsPlot *plot : std::as_const(m_plots))
        plot->setXAxis(axis);
}

void TrainingPlots::setSmoothing(double weight)
{
    for (MetricsPlot *plot : std::as_const(m_plots))
        plot->setSmoothing(weight);
    m_smoothing = m_plots.isEmpty() ? weight : m_plots.front()->smoothing();
    const QSignalBlocker block(m_smoothingSlider);
    m_smoothingSlider->setValue(int(std::lround(m_smoothing * 1000)));
    m_smoothingLabel->setText(QString::number(m_smoothing, 'f', 3));
}

} // namespace Widgets
