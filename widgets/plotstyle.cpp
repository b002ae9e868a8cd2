// SPDX-License-Identifier: GPL-3.0-or-later
#include "plotstyle.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QMenu>
#include <QToolButton>
#include <QToolTip>

#include <qcustomplot.h>

namespace Widgets {

namespace {

// A named context lupdate can see (a free tr() helper would be filed under "Widgets" while
// translating under another name, so its texts never found their translation).
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Widgets::PlotStyle)
};

} // namespace

void styleQuietAxis(QCPAxis *axis)
{
    const QColor ink(0x44, 0x44, 0x44);
    axis->setBasePen(QPen(ink, 1));
    axis->setTickPen(QPen(ink, 1));
    axis->setSubTickPen(QPen(ink, 1));
    axis->setTickLabelColor(ink);
    axis->setLabelColor(ink);
    axis->grid()->setPen(QPen(QColor(0, 0, 0, 28), 1, Qt::SolidLine));
    axis->grid()->setZeroLinePen(Qt::NoPen);
    axis->grid()->setSubGridVisible(false);
}

void setupQuietPlot(QCustomPlot *plot)
{
    plot->setMinimumSize(240, 160);
    plot->setBackground(Qt::white);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    styleQuietAxis(plot->xAxis);
    styleQuietAxis(plot->yAxis);
    plot->xAxis2->setVisible(false);
    plot->yAxis2->setVisible(false);
}

QCPItemText *addCenteredNote(QCustomPlot *plot)
{
    auto *note = new QCPItemText(plot);
    note->position->setType(QCPItemPosition::ptAxisRectRatio);
    note->position->setCoords(0.5, 0.5);
    note->setColor(QColor(0x88, 0x88, 0x88));
    note->setClipToAxisRect(false);
    return note;
}

QToolButton *makeExportButton(QWidget *owner, PlotExport what)
{
    auto *button = new QToolButton(owner);
    //: small button opening a menu: export the plot as CSV or PNG
    button->setText(Tr::tr("export"));
    button->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(button);
    const auto complain = [owner](const QString &text) {
        QToolTip::showText(owner->mapToGlobal(owner->rect().center()), text, owner);
    };
    menu->addAction(what.csvLabel, owner, [owner, what, complain] {
        const QString path = QFileDialog::getSaveFileName(owner, Tr::tr("Export CSV"),
                                                          what.baseName() + QStringLiteral(".csv"),
                                                          Tr::tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !what.csv(path, &error))
            complain(error);
    });
    menu->addAction(Tr::tr("PNG image…"), owner, [owner, what, complain] {
        const QString path = QFileDialog::getSaveFileName(owner, Tr::tr("Export PNG"),
                                                          what.baseName() + QStringLiteral(".png"),
                                                          Tr::tr("PNG images (*.png)"));
        if (!path.isEmpty() && !what.png(path))
            complain(Tr::tr("Could not write %1").arg(path));
    });
    button->setMenu(menu);
    return button;
}

} // namespace Widgets
