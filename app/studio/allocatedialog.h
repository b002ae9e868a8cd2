// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Allocate…: the settings dialog (the model file's byte budget, what the allocator minimises,
// the comparison slice, which tensors are candidates) and the result dialog (estimate against
// the exact price and the measured round trip, and whether the artifact fits).

#include "analysisrunner.h"

#include "job/analysisjobs.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QSpinBox;

namespace App {

/// What the Allocate dialog asks for.
struct AllocateSettings
{
    qint64 modelBudget = 16'000'000; ///< bytes the model file may take (budget minus code)
    Core::CostEstimate estimate = Core::CostEstimate::Measured;
    qint64 evalTokens = 65536;   ///< validation tokens the cells and the result are measured on
    qint64 minNumel = 4096;      ///< candidate tensors: 2-D with at least this many values
    qint64 fisherTokens = 16384; ///< training tokens of the Fisher sample (Fisher estimate)
};

class AllocateDialog : public QDialog
{
    Q_OBJECT
public:
    /// `codeBytes` and `budget` explain where the default model budget comes from.
    AllocateDialog(const AllocateSettings &defaults, qint64 budget, qint64 codeBytes,
                   QWidget *parent = nullptr);
    AllocateSettings settings() const;

private:
    QSpinBox *m_budget;
    QComboBox *m_estimate;
    QSpinBox *m_evalTokens;
    QSpinBox *m_minNumel;
    qint64 m_fisherTokens;
};

class AllocationResultDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AllocationResultDialog(QWidget *parent = nullptr);
    void setOutcome(const AllocateOutcome &outcome);
    /// "FITS", "OVER BUDGET", "NO ALLOCATION FITS", "CANCELLED" or "FAILED".
    QString verdictText() const;
    /// The figures as plain text (what the table shows), for logs and tests.
    QString detailsText() const { return m_plain; }

private:
    QLabel *m_verdict;
    QLabel *m_details;
    QString m_plain;
};

} // namespace App
