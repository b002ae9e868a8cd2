// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The layout the result dialogs share (Export result, Allocation result): a large verdict on a
// coloured banner that answers the question at a glance, the figures under it, the buttons at
// the bottom.

#include <QString>
#include <QtGlobal>

class QDialog;
class QDialogButtonBox;
class QLabel;

namespace App {

/// The two labels a result dialog fills in.
struct VerdictLabels
{
    QLabel *verdict; ///< centred, bold, larger than the dialog's font
    QLabel *details; ///< rich text, selectable, word-wrapped; takes the spare height
};

/// Lays out `dialog` (which has no layout yet) as verdict, details and `buttons`, top to bottom.
/// The verdict's font is `fontScale` times the dialog's, its height at least `minHeight` pixels.
VerdictLabels layoutVerdictDialog(QDialog *dialog, QDialogButtonBox *buttons, qreal fontScale,
                                  int minHeight);

/// Paints the verdict as white text on `colour` (a CSS colour, "#1b7f3b"), rounded corners.
void setVerdictColour(QLabel *verdict, const QString &colour);

} // namespace App
