// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What an export came to, in one look: a green PASS with the headroom, or a red OVER BUDGET
// with the overshoot in bytes (nothing is written then), the size ledger, pre-quantization vs
// round-trip val_bpb, and a button that opens the records folder.

#include "exportrunner.h"

#include <QDialog>
#include <QString>

class QLabel;
class QPushButton;

namespace App {

class ExportResultDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ExportResultDialog(QWidget *parent = nullptr);
    void setOutcome(const ExportOutcome &outcome);

    /// "PASS" / "OVER BUDGET" / "FAILED".
    QString verdictText() const;
    /// The ledger and scores shown under the verdict.
    QString detailsText() const;

private:
    QLabel *m_verdict;
    QLabel *m_details;
    QPushButton *m_openFolder;
    QString m_folder;
    QString m_verdictText;
};

} // namespace App
