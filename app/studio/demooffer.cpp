// SPDX-License-Identifier: GPL-3.0-or-later
#include "demooffer.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace App {

QString DemoOffer::explanation()
{
    return tr(
        "<p><b>Parameter Golf</b>: train the best small language model whose artifact &mdash; "
        "the code plus the compressed model &mdash; fits in <b>16,000,000 bytes</b>, scored in "
        "bits per byte (val_bpb) on held-out text. The demo walks the whole way on real English "
        "text in a few CPU minutes:</p>"
        "<ol>"
        "<li><b>Tokenize</b> &mdash; learn a 1,024-piece vocabulary from the text and write it as "
        "token shards in the challenge's own format.</li>"
        "<li><b>Train</b> &mdash; a ~2M-parameter GPT with the official recipe (Muon + Adam), "
        "validating in bits per byte as it goes.</li>"
        "<li><b>Watch</b> &mdash; the loss and val_bpb curves draw live in the Training panel "
        "while the run writes its run directory.</li>"
        "<li><b>Compress</b> &mdash; the checkpoint opens in the treemap: every tile is a tensor's "
        "exact compressed bytes. Change bit-widths in the table and watch the budget move.</li>"
        "<li><b>Export</b> &mdash; File &gt; Export writes a records folder, re-reads the file and "
        "re-scores it, so the round-trip val_bpb is the one that counts.</li>"
        "</ol>");
}

DemoOffer::DemoOffer(const QString &workspace, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Welcome to Golf Studio"));
    auto *text =
        new QLabel(explanation() +
                   tr("<p>The demo works in <code>%1</code>.</p>").arg(workspace.toHtmlEscaped()));
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    m_dontAsk = new QCheckBox(tr("Don't offer the demo again"));
    m_dontAsk->setChecked(true);
    auto *buttons = new QDialogButtonBox;
    buttons->addButton(tr("Run the demo"), QDialogButtonBox::AcceptRole);
    buttons->addButton(tr("Not now"), QDialogButtonBox::RejectRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(m_dontAsk);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(560);
}

bool DemoOffer::dontAskAgain() const
{
    return m_dontAsk->isChecked();
}

} // namespace App
