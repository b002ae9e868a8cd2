// SPDX-License-Identifier: GPL-3.0-or-later
#include "allocatedialog.h"

#include "bytetree.h"
#include "verdictbanner.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <cmath>

namespace App {

namespace {

QSpinBox *countBox(qint64 value, int min, int max)
{
    auto *box = new QSpinBox;
    box->setRange(min, max);
    box->setGroupSeparatorShown(true);
    box->setValue(int(std::clamp<qint64>(value, min, max)));
    return box;
}

QString bytes(qint64 n)
{
    return Widgets::formatByteCount(n);
}

QString bpb(double v)
{
    return std::isnan(v) ? QStringLiteral("—") : QString::number(v, 'f', 6);
}

QString signedBpb(double v)
{
    return std::isnan(v) ? QStringLiteral("—") : QString::asprintf("%+.6f", v);
}

} // namespace

// --- settings ----------------------------------------------------------------------------------

AllocateDialog::AllocateDialog(const AllocateSettings &d, qint64 budget, qint64 codeBytes,
                               QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Allocate bytes"));
    auto *intro = new QLabel(
        tr("Chooses how each tensor is stored so the model file fits the budget with the "
           "smallest estimated loss increase: every candidate setting of every tensor is priced "
           "exactly and measured alone, a knapsack picks the settings, and the result is "
           "verified by a real round trip (quantize, compress, write, read back, evaluate). "
           "The result becomes the recipe (one undo step)."));
    intro->setWordWrap(true);

    m_budget = countBox(d.modelBudget, 1, INT_MAX);
    //: spin box suffix (leading space is intended)
    m_budget->setSuffix(tr(" bytes"));
    m_budget->setToolTip(tr("What the model file may take: the artifact budget %1 minus the code "
                            "%2")
                             .arg(bytes(budget), bytes(codeBytes)));
    m_estimate = new QComboBox;
    m_estimate->addItem(tr("measured loss increase of each tensor alone"),
                        int(Core::CostEstimate::Measured));
    m_estimate->addItem(tr("Fisher proxy (no evaluation per cell, faster)"),
                        int(Core::CostEstimate::Fisher));
    m_estimate->setCurrentIndex(m_estimate->findData(int(d.estimate)));
    m_evalTokens = countBox(d.evalTokens, 64, INT_MAX);
    m_evalTokens->setSingleStep(8192);
    m_evalTokens->setToolTip(tr("Validation tokens every cell and the result are measured on; "
                                "recipes are comparable only on equal slices"));
    m_minNumel = countBox(d.minNumel, 1, INT_MAX);
    m_minNumel->setToolTip(tr("Candidate tensors: 2-D with at least this many values (the "
                              "others keep the recipe's settings)"));
    m_fisherTokens = d.fisherTokens;

    auto *form = new QFormLayout;
    form->addRow(tr("Model file budget"), m_budget);
    form->addRow(
        QString(),
        new QLabel(
            tr("= artifact budget %1 − code %2 bytes").arg(bytes(budget), bytes(codeBytes))));
    form->addRow(tr("Minimise"), m_estimate);
    form->addRow(tr("Evaluation tokens"), m_evalTokens);
    form->addRow(tr("Candidate tensors with at least"), m_minNumel);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Allocate"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

AllocateSettings AllocateDialog::settings() const
{
    AllocateSettings s;
    s.modelBudget = m_budget->value();
    s.estimate = Core::CostEstimate(m_estimate->currentData().toInt());
    s.evalTokens = m_evalTokens->value();
    s.minNumel = m_minNumel->value();
    s.fisherTokens = m_fisherTokens;
    return s;
}

// --- result ------------------------------------------------------------------------------------

AllocationResultDialog::AllocationResultDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Allocation result"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    const VerdictLabels labels = layoutVerdictDialog(this, buttons, 1.6, 52);
    m_verdict = labels.verdict;
    m_details = labels.details;
    setMinimumWidth(600);
}

QString AllocationResultDialog::verdictText() const
{
    return m_verdict->text();
}

void AllocationResultDialog::setOutcome(const AllocateOutcome &o)
{
    const Core::AllocationSummary &r = o.result;
    QString verdict, colour = QStringLiteral("#c62828");
    QString html;
    m_plain.clear();
    if (!o.ok) {
        verdict = o.cancelled ? tr("CANCELLED") : tr("FAILED");
        colour = o.cancelled ? QStringLiteral("#757575") : colour;
        html = o.cancelled ? tr("<p>Nothing changed. The cells measured so far are cached: the "
                                "next allocation on this checkpoint resumes from them.</p>")
                           : QStringLiteral("<p>%1</p>").arg(o.error.toHtmlEscaped());
        m_plain = o.cancelled ? tr("cancelled") : o.error;
    } else if (!r.feasible) {
        verdict = tr("NO ALLOCATION FITS");
        html = tr("<p>The model file may take %1 bytes (budget %2 − code %3), but even the "
                  "smallest candidate of every tensor needs about %4 bytes. Nothing changed.</p>")
                   .arg(bytes(r.modelBudget()), bytes(r.budget), bytes(r.codeBytes),
                        bytes(r.smallestModelBytes));
        m_plain = tr("no allocation fits: model budget %1, smallest %2")
                      .arg(bytes(r.modelBudget()), bytes(r.smallestModelBytes));
    } else {
        const bool fits = r.verified ? r.measured.totalBytes() <= r.budget : r.fits();
        verdict = fits ? tr("FITS") : tr("OVER BUDGET");
        if (fits)
            colour = QStringLiteral("#1b7f3b");
        const qint64 code = r.codeBytes;
        const double estBpb = r.estimatedBpb;
        const double baseBpb =
            r.estimate == Core::CostEstimate::Measured ? r.baseBpb : std::nan("");
        struct Row
        {
            QString name, estimate, priced, measured;
        };
        const QString none = QStringLiteral("—");
        const QList<Row> rows{
            {tr("model file bytes"), bytes(r.estimatedModelBytes), bytes(r.pricedModelBytes),
             r.verified ? bytes(r.measured.modelBytes) : none},
            {tr("artifact bytes (+ code %1)").arg(bytes(code)),
             bytes(r.estimatedModelBytes + code), bytes(r.pricedModelBytes + code),
             r.verified ? bytes(r.measured.totalBytes()) : none},
            //: row label: validation bits per byte (a metric name, usually kept)
            {tr("val_bpb"), bpb(estBpb), none, r.verified ? bpb(r.measured.valBpb) : none},
            {tr("increase over full precision"), signedBpb(r.estimatedDeltaBpb), none,
             r.verified && !std::isnan(baseBpb) ? signedBpb(r.measured.valBpb - baseBpb) : none},
        };
        html = QStringLiteral("<table cellspacing=5><tr><th></th><th align=right>%1</th>"
                              "<th align=right>%2</th><th align=right>%3</th></tr>")
                   .arg(tr("estimate"), tr("priced exactly"), tr("round trip"));
        for (const Row &row : rows) {
            html += QStringLiteral("<tr><td>%1</td><td align=right>%2</td><td align=right>%3</td>"
                                   "<td align=right>%4</td></tr>")
                        .arg(row.name, row.estimate, row.priced, row.measured);
            m_plain += tr("%1: estimate %2, priced %3, measured %4\n")
                           .arg(row.name, row.estimate, row.priced, row.measured);
        }
        html += QStringLiteral("</table>");
        const qint64 total = r.verified ? r.measured.totalBytes() : r.pricedModelBytes + code;
        const bool over = total > r.budget;
        const QString room = over ? tr("over by %1 bytes").arg(bytes(total - r.budget))
                                  : tr("headroom %1 bytes").arg(bytes(r.budget - total));
        html += tr("<p>Budget %1 bytes: %2.<br>")
                    .arg(bytes(r.budget), over ? QStringLiteral("<b>%1</b>").arg(room) : room);
        m_plain += tr("budget %1: %2\n").arg(bytes(r.budget), room);
        html += tr("Minimised the %1 estimate over %2 candidate tensors on %3; %4 cells measured, "
                   "%5 from the cache.")
                    .arg(QString::fromLatin1(Core::costEstimateName(r.estimate)))
                    .arg(r.candidateTensors)
                    .arg(QString::fromStdString(r.slice).toHtmlEscaped())
                    .arg(r.measuredCells)
                    .arg(r.cachedCells);
        if (!std::isnan(r.spearmanFisher))
            html += tr(" Fisher proxy rank agreement with the measurement: %1.")
                        .arg(r.spearmanFisher, 0, 'f', 3);
        if (r.margin > 0)
            html += tr(" %1 bytes were held back for the header after exact pricing.")
                        .arg(bytes(r.margin));
        html += tr("</p><p>The allocation is now the recipe (Undo restores the previous one) "
                   "and a point in the Pareto view.</p>");
    }
    setVerdictColour(m_verdict, colour);
    m_verdict->setText(verdict);
    m_details->setText(html);
    adjustSize(); // the dialog is reused: a longer result must not be cut off
}

} // namespace App
