// SPDX-License-Identifier: GPL-3.0-or-later
#include "paretoview.h"

#include "bytetree.h" // formatByteCount
#include "plotstyle.h"

#include "pack/sizereport.h" // kDefaultBudgetBytes

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSaveFile>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Widgets {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QColor kFrontier(0x15, 0x65, 0xc0);
const QColor kDominated(0x90, 0x90, 0x90, 120);
const QColor kCurrent(0xef, 0x6c, 0x00);
const QColor kBudget(0xc6, 0x28, 0x28);

/// Byte counts as the rest of the window writes them (1,234,567), not 1.23457e+06.
class ByteTicker : public QCPAxisTicker
{
protected:
    QString getTickLabel(double tick, const QLocale &, QChar, int) override
    {
        return formatByteCount(qint64(std::llround(tick)));
    }
};

QString esc(const std::string &s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

} // namespace

ParetoView::ParetoView(QWidget *parent)
    : QWidget(parent)
    , m_budget(Core::kDefaultBudgetBytes)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(4, 2, 4, 0);
    //: the evaluation slice: which validation tokens a recipe was scored on
    auto *sliceName = m_sliceName = new QLabel(tr("slice"), this);
    header->addWidget(sliceName);
    m_sliceBox = new QComboBox(this);
    m_sliceBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_sliceBox->setToolTip(tr("Recipes are comparable only when evaluated on the same tokens; "
                              "the newest slice is shown first"));
    sliceName->setBuddy(m_sliceBox);
    connect(m_sliceBox, QOverload<int>::of(&QComboBox::activated), this,
            [this](int i) { setSlice(m_sliceBox->itemText(i)); });
    header->addWidget(m_sliceBox);
    m_status = new QLabel(this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header->addWidget(m_status, 1);

    auto *fit = new QToolButton(this);
    //: button: zoom the plot to fit all data
    fit->setText(tr("fit"));
    fit->setToolTip(tr("Fit the axes to the points (or double-click the plot)"));
    connect(fit, &QToolButton::clicked, this, [this] {
        fitAxes();
        m_plot->replot();
    });
    header->addWidget(fit);

    header->addWidget(makeExportButton(
        this, {tr("CSV (every recipe evaluated)…"), [] { return QStringLiteral("pareto"); },
               [this](const QString &path, QString *error) { return exportCsv(path, error); },
               [this](const QString &path) { return exportPng(path); }}));
    layout->addLayout(header);

    m_plot = new QCustomPlot(this);
    setupQuietPlot(m_plot);
    layout->addWidget(m_plot, 1);
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new ByteTicker));
    m_plot->xAxis->ticker()->setTickCount(4);
    m_plot->xAxis->setLabel(tr("artifact bytes (model file + code)"));
    m_plot->yAxis->setLabel(tr("val_bpb after the round trip"));
    m_plot->yAxis->setNumberFormat(QStringLiteral("f"));
    m_plot->yAxis->setNumberPrecision(3);

    // Dominated points first, so the frontier and the current ring draw over them.
    m_dominatedGraph = m_plot->addGraph();
    m_dominatedGraph->setName(tr("dominated"));
    m_dominatedGraph->setLineStyle(QCPGraph::lsNone);
    m_dominatedGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kDominated, 1.2), Qt::NoBrush, 7));

    // A step line: with B bytes one gets the bpb of the rightmost frontier point left of B.
    m_frontierGraph = m_plot->addGraph();
    m_frontierGraph->setName(tr("Pareto frontier"));
    m_frontierGraph->setLineStyle(QCPGraph::lsStepLeft);
    m_frontierGraph->setPen(QPen(kFrontier, 1.8));
    m_frontierGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, QPen(kFrontier, 1), QBrush(kFrontier), 8));

    m_currentGraph = m_plot->addGraph();
    m_currentGraph->setName(tr("current recipe"));
    m_currentGraph->setLineStyle(QCPGraph::lsNone);
    m_currentGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kCurrent, 2.6), Qt::NoBrush, 17));

    m_plot->legend->setVisible(true);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setBrush(QColor(255, 255, 255, 210));
    m_plot->legend->setTextColor(QColor(0x33, 0x33, 0x33));
    m_plot->legend->setIconSize(20, 18); // room for the current-recipe ring
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    m_budgetLine = new QCPItemStraightLine(m_plot);
    m_budgetLine->setPen(QPen(kBudget, 1.5, Qt::DashLine));
    m_budgetText = new QCPItemText(m_plot);
    m_budgetText->setColor(kBudget);
    m_budgetText->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    m_budgetText->setPadding(QMargins(4, 2, 4, 2));
    m_budgetText->position->setTypeY(QCPItemPosition::ptAxisRectRatio);

    m_emptyText = addCenteredNote(m_plot);

    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &ParetoView::showTooltip);
    connect(m_plot, &QCustomPlot::mousePress, this,
            [this](QMouseEvent *e) { m_pressPos = e->position(); });
    connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent *e) {
        // A click, not the end of a drag.
        if (e->button() != Qt::LeftButton || (e->position() - m_pressPos).manhattanLength() > 4)
            return;
        const int i = pointAt(e->position());
        if (i >= 0)
            Q_EMIT recordClicked(m_records[size_t(i)]);
    });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] {
        fitAxes();
        m_plot->replot();
    });
    rebuild();
}

ParetoView::~ParetoView() = default;

// --- data ------------------------------------------------------------------------------------

void ParetoView::setRecords(std::vector<Core::RecipeEval> records)
{
    m_records = std::move(records);
    const QStringList all = slices();
    if (!all.contains(m_slice))
        m_slice = all.value(0);
    rebuild();
}

QStringList ParetoView::slices() const
{
    QStringList out;
    for (auto it = m_records.rbegin(); it != m_records.rend(); ++it) {
        const QString s = QString::fromStdString(it->slice);
        if (!out.contains(s))
            out << s;
    }
    return out;
}

void ParetoView::setSlice(const QString &slice)
{
    if (slice == m_slice || !slices().contains(slice))
        return;
    m_slice = slice;
    rebuild();
    Q_EMIT sliceChanged(slice);
}

bool ParetoView::onFrontier(int index) const
{
    return std::find(m_frontier.begin(), m_frontier.end(), index) != m_frontier.end();
}

void ParetoView::setCurrentRecipe(const nlohmann::json &recipe)
{
    m_currentRecipe = recipe;
    updateCurrent();
    m_plot->replot();
}

void ParetoView::setBudget(qint64 bytes)
{
    if (bytes == m_budget)
        return;
    m_budget = bytes;
    rebuild();
}

void ParetoView::rebuild()
{
    m_shown.clear();
    std::vector<int64_t> bytes;
    std::vector<double> bpb;
    for (size_t i = 0; i < m_records.size(); ++i) {
        if (QString::fromStdString(m_records[i].slice) != m_slice)
            continue;
        m_shown.push_back(int(i));
        bytes.push_back(m_records[i].totalBytes());
        bpb.push_back(m_records[i].valBpb);
    }
    m_frontier.clear();
    for (size_t k : Core::paretoFrontier(bytes, bpb))
        m_frontier.push_back(m_shown[k]);

    QVector<double> fx, fy, dx, dy;
    for (int i : m_frontier) {
        fx << double(m_records[size_t(i)].totalBytes());
        fy << m_records[size_t(i)].valBpb;
    }
    for (int i : m_shown) {
        if (onFrontier(i))
            continue;
        dx << double(m_records[size_t(i)].totalBytes());
        dy << m_records[size_t(i)].valBpb;
    }
    m_frontierGraph->setData(fx, fy, /*alreadySorted=*/true);
    m_dominatedGraph->setData(dx, dy);

    {
        const QSignalBlocker block(m_sliceBox);
        m_sliceBox->clear();
        m_sliceBox->addItems(slices());
        m_sliceBox->setCurrentIndex(m_sliceBox->findText(m_slice));
        m_sliceBox->setEnabled(m_sliceBox->count() > 1);
        m_sliceBox->setVisible(m_sliceBox->count() > 0);
        m_sliceName->setVisible(m_sliceBox->count() > 0);
    }
    m_status->setText(statusText());
    m_emptyText->setText(m_records.empty()
                             ? tr("No recipes evaluated on this checkpoint yet.\n"
                                  "Evaluate recipe or Allocate… adds points, as does golf pareto.")
                             : QString());
    m_plot->legend->setVisible(!m_shown.empty());
    updateCurrent();
    fitAxes();
    m_plot->replot();
}

void ParetoView::updateCurrent()
{
    m_current = -1;
    if (!m_currentRecipe.is_null())
        for (auto it = m_shown.rbegin(); it != m_shown.rend(); ++it)
            if (m_records[size_t(*it)].recipe == m_currentRecipe) {
                m_current = *it;
                break;
            }
    QVector<double> x, y;
    if (m_current >= 0) {
        x << double(m_records[size_t(m_current)].totalBytes());
        y << m_records[size_t(m_current)].valBpb;
    }
    m_currentGraph->setData(x, y);
    m_currentGraph->removeFromLegend();
    if (m_current >= 0)
        m_currentGraph->addToLegend();
}

void ParetoView::fitAxes()
{
    double xlo = std::numeric_limits<double>::infinity(), xhi = -xlo, ylo = xlo, yhi = -xlo;
    for (int i : m_shown) {
        const Core::RecipeEval &e = m_records[size_t(i)];
        xlo = std::min(xlo, double(e.totalBytes()));
        xhi = std::max(xhi, double(e.totalBytes()));
        ylo = std::min(ylo, e.valBpb);
        yhi = std::max(yhi, e.valBpb);
    }
    if (m_shown.empty()) {
        xlo = 0;
        xhi = double(m_budget) * 1.1;
        ylo = 1;
        yhi = 2;
    }
    // The budget line joins the view when it is near the points; a budget far beyond them
    // would squeeze every point into the left edge, so then only its label says where it is.
    const double b = double(m_budget);
    const bool budgetNear = m_budget > 0 && b <= xhi + 2 * std::max(xhi - xlo, 0.25 * xhi);
    if (budgetNear) {
        xlo = std::min(xlo, b);
        xhi = std::max(xhi, b);
    }
    const double xpad = std::max((xhi - xlo) * 0.08, std::max(1.0, xhi * 0.02));
    const double ypad = std::max((yhi - ylo) * 0.12, std::max(1e-4, std::fabs(yhi) * 0.002));
    m_plot->xAxis->setRange(std::max(0.0, xlo - xpad), xhi + xpad);
    m_plot->yAxis->setRange(ylo - ypad, yhi + ypad);

    m_budgetLine->setVisible(budgetNear && !m_shown.empty());
    m_budgetLine->point1->setCoords(b, 0);
    m_budgetLine->point2->setCoords(b, 1);
    m_budgetText->setVisible(!m_shown.empty());
    if (budgetNear) {
        // Left of the line at the top: the legend sits at the top right.
        m_budgetText->setText(tr("budget %1").arg(formatByteCount(m_budget)));
        m_budgetText->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
        m_budgetText->position->setTypeX(QCPItemPosition::ptPlotCoords);
        m_budgetText->position->setCoords(b, 0.01);
    } else {
        // Bottom right, clear of the legend at the top right.
        m_budgetText->setText(tr("budget %1 →").arg(formatByteCount(m_budget)));
        m_budgetText->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        m_budgetText->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        m_budgetText->position->setCoords(0.99, 0.99);
    }
}

// --- text ------------------------------------------------------------------------------------

QString ParetoView::statusText() const
{
    if (m_records.empty())
        return tr("no recipes evaluated yet");
    const int others = int(m_records.size() - m_shown.size());
    // Whole sentences per case, so a translation can reorder them; %1 of the slice is its name.
    const int shown = int(m_shown.size());
    const int frontier = int(m_frontier.size());
    QString text;
    if (shown == 1 && others > 0)
        //: %1 slice name, %2 points on the Pareto frontier, %3 points evaluated on other slices
        text = tr("1 recipe on %1, %2 on the frontier (%3 on other slices, not comparable)")
                   .arg(m_slice)
                   .arg(frontier)
                   .arg(others);
    else if (shown == 1)
        //: %1 slice name, %2 points on the Pareto frontier
        text = tr("1 recipe on %1, %2 on the frontier").arg(m_slice).arg(frontier);
    else if (others > 0)
        //: %1 recipes, %2 slice name, %3 points on the Pareto frontier, %4 points on other slices
        text = tr("%1 recipes on %2, %3 on the frontier (%4 on other slices, not comparable)")
                   .arg(shown)
                   .arg(m_slice)
                   .arg(frontier)
                   .arg(others);
    else
        //: %1 recipes, %2 slice name, %3 points on the Pareto frontier
        text = tr("%1 recipes on %2, %3 on the frontier").arg(shown).arg(m_slice).arg(frontier);
    return text;
}

QString ParetoView::emptyText() const
{
    return m_emptyText->text();
}

QString ParetoView::hoverText(int index) const
{
    if (index < 0 || index >= int(m_records.size()))
        return {};
    const Core::RecipeEval &e = m_records[size_t(index)];
    const qint64 headroom = m_budget - e.totalBytes();
    QString html = QStringLiteral("<b>%1</b>").arg(esc(e.label));
    if (index == m_current)
        html += tr(" (current recipe)");
    html += QStringLiteral("<br>") + tr("source: %1").arg(esc(e.source));
    html += QStringLiteral("<br>") + tr("%1 bytes (model %2 + code %3)")
                                         .arg(formatByteCount(e.totalBytes()),
                                              formatByteCount(e.modelBytes),
                                              formatByteCount(e.codeBytes));
    html += QStringLiteral("<br>") +
            (headroom >= 0 ? tr("headroom %1 bytes").arg(formatByteCount(headroom))
                           : tr("<span style='color:#c62828'>over the budget by %1 bytes</span>")
                                 .arg(formatByteCount(-headroom)));
    html +=
        //: val_bpb = validation bits per byte (a metric name, usually kept); %2 the slice
        QStringLiteral("<br>") + tr("val_bpb %1 on %2").arg(e.valBpb, 0, 'f', 6).arg(esc(e.slice));
    html += QStringLiteral("<br>") +
            (onFrontier(index) ? tr("on the Pareto frontier") : tr("dominated"));
    return html;
}

// --- geometry, mouse ---------------------------------------------------------------------------

QPointF ParetoView::pointPosition(int index) const
{
    if (std::find(m_shown.begin(), m_shown.end(), index) == m_shown.end())
        return {kNaN, kNaN};
    const Core::RecipeEval &e = m_records[size_t(index)];
    return {m_plot->xAxis->coordToPixel(double(e.totalBytes())),
            m_plot->yAxis->coordToPixel(e.valBpb)};
}

int ParetoView::pointAt(const QPointF &pixel) const
{
    int best = -1;
    double bestDist = kPickRadius;
    // Newest last in file order: on a tie the newer point wins (it is drawn on top).
    for (int i : m_shown) {
        const QPointF p = pointPosition(i);
        const double d = std::hypot(p.x() - pixel.x(), p.y() - pixel.y());
        if (d <= bestDist) {
            bestDist = d;
            best = i;
        }
    }
    return best;
}

void ParetoView::showTooltip(QMouseEvent *event)
{
    const int i = event->buttons() ? -1 : pointAt(event->position());
    if (i < 0)
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), hoverText(i), m_plot);
}

// --- export ------------------------------------------------------------------------------------

QString ParetoView::csv() const
{
    return QString::fromStdString(Core::evalHistoryCsv(m_records));
}

bool ParetoView::exportCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv().toUtf8()) < 0 || !file.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool ParetoView::exportPng(const QString &path, int width, int height)
{
    return m_plot->savePng(path, width, height);
}

} // namespace Widgets
