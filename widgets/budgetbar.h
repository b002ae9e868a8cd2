// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One horizontal bar for the artifact against the 16,000,000-byte cap (DESIGN.md §4): model
// bytes, code bytes and the headroom left, or the overshoot in red past a budget line, with the
// exact figures and a green/red verdict in words beside it.

#include <QWidget>

namespace Widgets {

/// "15,863,489 of 16,000,000 bytes — 136,511 headroom", or "… — over by 1,234" when
/// model + code exceeds the budget. Fitting means model + code <= budget (the cap is "at most").
/// A budget <= 0 reads "… bytes — no budget set".
QString budgetSummaryText(qint64 modelBytes, qint64 codeBytes, qint64 budget);

class BudgetBar : public QWidget
{
    Q_OBJECT

public:
    explicit BudgetBar(QWidget *parent = nullptr);

    /// Negative values count as 0.
    void setValues(qint64 modelBytes, qint64 codeBytes, qint64 budget = 16'000'000);

    qint64 modelBytes() const { return m_model; }
    qint64 codeBytes() const { return m_code; }
    qint64 budget() const { return m_budget; }
    qint64 totalBytes() const { return m_model + m_code; }
    /// budget - total; negative when over.
    qint64 headroom() const { return m_budget - totalBytes(); }
    bool fits() const { return m_budget > 0 && totalBytes() <= m_budget; }

    /// The figures line the bar shows (budgetSummaryText of the current values).
    QString summaryText() const;
    /// "fits" / "over budget" / "no budget".
    QString verdictText() const;
    /// The bar itself, in widget coordinates.
    QRectF barRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *e) override;

private:
    qint64 m_model = 0;
    qint64 m_code = 0;
    qint64 m_budget = 16'000'000;
};

} // namespace Widgets
