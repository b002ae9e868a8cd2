// SPDX-License-Identifier: GPL-3.0-or-later
#include "verdictbanner.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace App {

VerdictLabels layoutVerdictDialog(QDialog *dialog, QDialogButtonBox *buttons, qreal fontScale,
                                  int minHeight)
{
    VerdictLabels labels;
    labels.verdict = new QLabel;
    labels.verdict->setAlignment(Qt::AlignCenter);
    labels.verdict->setMinimumHeight(minHeight);
    QFont big = labels.verdict->font();
    big.setPointSizeF(big.pointSizeF() * fontScale);
    big.setBold(true);
    labels.verdict->setFont(big);
    labels.details = new QLabel;
    labels.details->setTextFormat(Qt::RichText);
    labels.details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    labels.details->setWordWrap(true);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(labels.verdict);
    layout->addWidget(labels.details, 1);
    layout->addWidget(buttons);
    return labels;
}

void setVerdictColour(QLabel *verdict, const QString &colour)
{
    verdict->setStyleSheet(
        QStringLiteral("QLabel { color: white; background: %1; border-radius: 6px; }").arg(colour));
}

} // namespace App
