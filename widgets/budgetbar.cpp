// SPDX-License-Identifier: GPL-3.0-or-later
#include "budgetbar.h"

#include "bitpalette.h"
#include "bytetree.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>

namespace Widgets {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Widgets::BudgetBar)
};

const QColor kModel(0x3b, 0x6e, 0xa5);
const QColor kHeadroom(0xdc, 0xf1, 0xd6);
const QColor kGood(0x2e, 0x7d, 0x32);
const QColor kBad(0xc6, 0x28, 0x28);
constexpr int kMargin = 6;

} // namespace

QString budgetSummaryText(qint64 modelBytes, qint64 codeBytes, qint64 budget)
{
    const qint64 total = std::max<qint64>(0, modelBytes) + std::max<qint64>(0, codeBytes);
    if (budget <= 0)
        return Tr::tr("%1 bytes — no budget set").arg(formatByteCount(total));
    const QString head =
        Tr::tr("%1 of %2 bytes").arg(formatByteCount(total), formatByteCount(budget));
    if (total <= budget)
        return Tr::tr("%1 — %2 headroom").arg(head, formatByteCount(budget - total));
    return Tr::tr("%1 — over by %2").arg(head, formatByteCount(total - budget));
}

BudgetBar::BudgetBar(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void BudgetBar::setValues(qint64 modelBytes, qint64 codeBytes, qint64 budget)
{
    m_model = std::max<qint64>(0, modelBytes);
    m_code = std::max<qint64>(0, codeBytes);
    m_budget = budget;
    setToolTip(Tr::tr("model %1 bytes + code %2 bytes")
                   .arg(formatByteCount(m_model), formatByteCount(m_code)));
    update();
}

QString BudgetBar::summaryText() const
{
    return budgetSummaryText(m_model, m_code, m_budget);
}

QString BudgetBar::verdictText() const
{
    if (m_budget <= 0)
        return Tr::tr("no budget");
    return fits() ? Tr::tr("fits") : Tr::tr("over budget");
}

QRectF BudgetBar::barRect() const
{
    const int h = fontMetrics().height() + 8;
    return QRectF(kMargin, kMargin, std::max(0, width() - 2 * kMargin), h);
}

QSize BudgetBar::sizeHint() const
{
    const int line = fontMetrics().height();
    return QSize(640, kMargin + line + 8 + 6 + line + 4 + kMargin);
}

QSize BudgetBar::minimumSizeHint() const
{
    return QSize(240, sizeHint().height());
}

void BudgetBar::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QFontMetrics fm = fontMetrics();
    const QRectF bar = barRect();
    const qint64 total = totalBytes();
    // The bar spans the budget, or the total when that is larger, so an overshoot stays visible.
    const double scale = double(std::max<qint64>({m_budget, total, 1}));
    const auto xAt = [&](qint64 bytes) { return bar.left() + bar.width() * double(bytes) / scale; };

    p.fillRect(bar, m_budget > 0 ? kHeadroom : palette().color(QPalette::Base));
    struct Segment
    {
        qreal x0, x1;
        QColor color;
        QString label;
    };
    QList<Segment> segs{
        {bar.left(), xAt(m_model), kModel, Tr::tr("model %1").arg(formatByteCount(m_model))},
        {xAt(m_model), xAt(total), overheadColor(),
         Tr::tr("code %1").arg(formatByteCount(m_code))}};
    if (m_budget > 0 && total <= m_budget) {
        segs.append({xAt(total), bar.right(), kHeadroom,
                     Tr::tr("headroom %1").arg(formatByteCount(m_budget - total))});
    }
    for (const Segment &s : segs) {
        const QRectF r(s.x0, bar.top(), std::max<qreal>(0, s.x1 - s.x0), bar.height());
        if (s.color != kHeadroom)
            p.fillRect(r, s.color);
        if (fm.horizontalAdvance(s.label) + 8 <= r.width()) {
            p.setPen(s.color == kHeadroom ? kGood : textColorOn(s.color));
            p.drawText(r, Qt::AlignCenter, s.label);
        }
    }
    if (m_budget > 0 && total > m_budget) {
        // At least a few pixels of red, so overshooting by 1 byte still shows.
        const qreal x0 = std::min(xAt(m_budget), bar.right() - 4);
        const QRectF over(x0, bar.top(), bar.right() - x0, bar.height());
        p.fillRect(over, kBad);
        const QString label = Tr::tr("over %1").arg(formatByteCount(total - m_budget));
        if (fm.horizontalAdvance(label) + 8 <= over.width()) {
            p.setPen(Qt::white);
            p.drawText(over, Qt::AlignCenter, label);
        }
        p.setPen(QPen(Qt::black, 2));
        p.drawLine(QPointF(x0, bar.top() - 3), QPointF(x0, bar.bottom() + 3));
    }
    p.setPen(QColor(0x60, 0x60, 0x60));
    p.setBrush(Qt::NoBrush);
    p.drawRect(bar.adjusted(0, 0, -1, -1));

    // Second line: the verdict as a coloured pill, then the exact figures.
    const qreal top = bar.bottom() + 6;
    const QString verdict = verdictText();
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    const QRectF pill(kMargin, top, bfm.horizontalAdvance(verdict) + 14, fm.height() + 4);
    const QColor pillColor =
        m_budget <= 0 ? palette().color(QPalette::Mid) : (fits() ? kGood : kBad);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(pillColor);
    p.drawRoundedRect(pill, 4, 4);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setFont(bold);
    p.setPen(Qt::white);
    p.drawText(pill, Qt::AlignCenter, verdict);
    p.setFont(font());
    p.setPen(palette().color(QPalette::WindowText));
    const QRectF text(pill.right() + 8, top, width() - pill.right() - 8 - kMargin, pill.height());
    p.drawText(text, Qt::AlignVCenter | Qt::AlignLeft,
               fm.elidedText(summaryText(), Qt::ElideRight, int(text.width())));
}

} // namespace Widgets
