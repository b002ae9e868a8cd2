// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The tensor table's cell editors: a combo box of storage formats (with the bit-width colour
// swatch), a combo box of granularities, a spin box for the group size that steps in powers of
// two, a line for clipping ("none", "p99.9", "std:12.85") and an editable combo box for pruning
// ("none", "50%", "2:4", "rows 25%"). The delegate only moves text between editor and model;
// TensorTableModel::setData checks it and refuses what is invalid.

#include <QIcon>
#include <QStringList>
#include <QStyledItemDelegate>

namespace Widgets {

/// The `quant` values the Quant editor offers, fewest bits first.
QStringList quantChoices();
/// A 12-pixel outlined swatch of colorForBits for a `quant` value ("int5", "ternary", ...).
QIcon quantSwatch(const QString &quant);
/// The granularity values ("tensor", "row", "group").
QStringList granularityChoices();
/// The pruning presets the Prune editor offers (any other text can be typed).
QStringList prunePresets();

class TensorTableDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit TensorTableDelegate(QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;

protected:
    /// A colour decoration (the Quant swatch) is drawn with a thin outline, so it stays
    /// visible on the selection highlight and on a light row.
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Widgets
