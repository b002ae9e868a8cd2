// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportresultdialog.h"

#include "bytetree.h"
#include "verdictbanner.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QUrl>

namespace App {

ExportResultDialog::ExportResultDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export result"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_openFolder = buttons->addButton(tr("Open folder"), QDialogButtonBox::ActionRole);
    const VerdictLabels labels = layoutVerdictDialog(this, buttons, 1.8, 56);
    m_verdict = labels.verdict;
    m_details = labels.details;
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_openFolder, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_folder)); });
    setMinimumWidth(560);
}

void ExportResultDialog::setOutcome(const ExportOutcome &o)
{
    using V = ExportOutcome::Verdict;
    const QString colour =
        o.verdict == V::Passed ? QStringLiteral("#1b7f3b") : QStringLiteral("#c62828");
    setVerdictColour(m_verdict, colour);
    m_folder = QString::fromStdString(o.result.folder);
    m_openFolder->setVisible(o.verdict == V::Passed);

    const auto b = [](qint64 n) { return Widgets::formatByteCount(n); };
    QString html;
    if (o.verdict != V::Failed) {
        const Core::SizeLedger &l = o.ledger;
        html += QStringLiteral("<table cellspacing=4>");
        html +=
            tr("<tr><td>model file</td><td align=right>%1 bytes</td></tr>").arg(b(l.modelBytes));
        html += tr("<tr><td>code%1</td><td align=right>%2 bytes</td></tr>")
                    .arg(l.codeForm.empty()
                             ? QString()
                             : QStringLiteral(" (%1)").arg(QString::fromStdString(l.codeForm)))
                    .arg(b(l.codeBytes));
        html += tr("<tr><td><b>total</b></td><td align=right><b>%1 bytes</b></td></tr>")
                    .arg(b(l.totalBytes()));
        html += tr("<tr><td>budget</td><td align=right>%1 bytes</td></tr>").arg(b(l.budget));
        html +=
            l.fits()
                ? tr("<tr><td>headroom</td><td align=right>%1 bytes</td></tr>").arg(b(l.headroom()))
                : tr("<tr><td><b>over by</b></td><td align=right><b>%1 bytes</b></td></tr>")
                      .arg(b(-l.headroom()));
        html += QStringLiteral("</table>");
    }
    if (o.verdict == V::Passed) {
        const Core::ExportResult &r = o.result;
        if (r.verified) {
            html += tr("<p>val_bpb before quantization: <b>%1</b><br>val_bpb after the round trip: "
                       "<b>%2</b> "
                       "(%3, %4 tokens)</p>")
                        .arg(r.preQuant.valBpb, 0, 'f', 6)
                        .arg(r.roundTrip.valBpb, 0, 'f', 6)
                        .arg(QString::asprintf("%+.6f", r.roundTrip.valBpb - r.preQuant.valBpb))
                        .arg(Widgets::formatByteCount(r.roundTrip.tokens));
            if (!r.scriptBlock.empty())
                html += tr("<p>train_gpt.py writes this file itself (golf rewrote %1) and prints:"
                           "<br><code>%2</code></p>")
                            .arg(QString::fromStdString(r.scriptBlock).toHtmlEscaped(),
                                 QString::fromStdString(r.roundTripLine).toHtmlEscaped());
        } else {
            html += tr("<p>Not verified: no round-trip score was recorded.</p>");
        }
        if (!r.marginWarning.empty())
            html += QStringLiteral("<p style='color:#c62828'>%1</p>")
                        .arg(QString::fromStdString(r.marginWarning).toHtmlEscaped());
        html += (r.zipPath.empty() ? tr("<p>Wrote <code>%1</code> in %2 s.</p>")
                                   : tr("<p>Wrote <code>%1</code> and its .zip in %2 s.</p>"))
                    .arg(m_folder.toHtmlEscaped())
                    .arg(r.seconds, 0, 'f', 1);
    } else if (o.verdict == V::OverBudget) {
        html +=
            tr("<p>Nothing was written. Lower bit-widths or prune tensors until the budget bar is "
               "green.</p>");
    } else {
        html += QStringLiteral("<p>%1</p>").arg(o.error.toHtmlEscaped());
    }
    m_details->setText(html);
    m_verdictText = o.verdict == V::Passed       ? tr("PASS")
                    : o.verdict == V::OverBudget ? tr("OVER BUDGET")
                                                 : tr("FAILED");
    m_verdict->setText(
        o.verdict == V::OverBudget
            ? tr("OVER BUDGET by %1 bytes").arg(Widgets::formatByteCount(-o.ledger.headroom()))
            : m_verdictText);
}

QString ExportResultDialog::verdictText() const
{
    return m_verdictText;
}

QString ExportResultDialog::detailsText() const
{
    return m_details->text();
}

} // namespace App
