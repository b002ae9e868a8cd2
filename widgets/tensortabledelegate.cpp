// SPDX-License-Identifier: GPL-3.0-or-later
#include "tensortabledelegate.h"

#include "bitpalette.h"
#include "tensortable.h"

#include "recipe/recipe.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QSpinBox>

#include <algorithm>

namespace Widgets {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Widgets::TensorTableDelegate)
};

// Group sizes are powers of two in practice (32, 64, 128): the arrows double and halve, while
// any other size can still be typed.
class GroupSizeSpinBox : public QSpinBox
{
public:
    using QSpinBox::QSpinBox;

    void stepBy(int steps) override
    {
        qint64 v = value();
        for (; steps > 0; --steps)
            v = std::min<qint64>(maximum(), v * 2);
        for (; steps < 0; ++steps)
            v = std::max<qint64>(minimum(), v / 2);
        setValue(int(v));
    }

protected:
    StepEnabled stepEnabled() const override
    {
        StepEnabled e = StepNone;
        if (value() < maximum())
            e |= StepUpEnabled;
        if (value() > minimum())
            e |= StepDownEnabled;
        return e;
    }
};

// The swatch of a `quant` value, from the same setting the Quant cell is drawn with.
double bitsOfQuant(const QString &quant)
{
    const nlohmann::json keys = {{"quant", quant.toStdString()}};
    return displayBits(Core::applySettingKeys(Core::QuantSetting{}, keys, "quant"));
}

QIcon swatch(const QColor &color)
{
    QPixmap pm(12, 12);
    pm.fill(color);
    QPainter p(&pm);
    p.setPen(QColor(0, 0, 0, 90));
    p.drawRect(pm.rect().adjusted(0, 0, -1, -1));
    p.end();
    // The same pixmap when selected: the style would otherwise tint it with the highlight,
    // and the colour is the information.
    QIcon icon;
    icon.addPixmap(pm, QIcon::Normal);
    icon.addPixmap(pm, QIcon::Selected);
    return icon;
}

} // namespace

QStringList quantChoices()
{
    // Core's scheme table (pack/quantsetting.h), so a new scheme appears here by itself.
    QStringList out;
    for (const Core::QuantSchemeInfo &row : Core::quantSchemes())
        out << QString::fromLatin1(row.name);
    return out;
}

QIcon quantSwatch(const QString &quant)
{
    return swatch(colorForBits(bitsOfQuant(quant)));
}

QStringList granularityChoices()
{
    return {QStringLiteral("tensor"), QStringLiteral("row"), QStringLiteral("group")};
}

QStringList prunePresets()
{
    return {QStringLiteral("none"), QStringLiteral("25%"),      QStringLiteral("50%"),
            QStringLiteral("75%"),  QStringLiteral("2:4"),      QStringLiteral("1:4"),
            QStringLiteral("4:8"),  QStringLiteral("rows 25%"), QStringLiteral("rows 50%")};
}

TensorTableDelegate::TensorTableDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QWidget *TensorTableDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                           const QModelIndex &index) const
{
    // A combo box of fixed choices commits as soon as one is picked: one click less per edit.
    const auto commitOnPick = [this](QComboBox *box) {
        connect(box, &QComboBox::activated, this, [this, box] {
            auto *self = const_cast<TensorTableDelegate *>(this);
            Q_EMIT self->commitData(box);
            Q_EMIT self->closeEditor(box);
        });
    };
    switch (index.column()) {
    case TensorTableModel::Quant: {
        auto *box = new QComboBox(parent);
        for (const QString &q : quantChoices())
            box->addItem(quantSwatch(q), q, q);
        box->setToolTip(Tr::tr("How the tensor is stored: integer codes of 2..8 bits, binary, "
                               "ternary, or a float type"));
        commitOnPick(box);
        return box;
    }
    case TensorTableModel::Granularity: {
        auto *box = new QComboBox(parent);
        for (const QString &g : granularityChoices())
            box->addItem(g, g);
        box->setToolTip(Tr::tr("One scale per tensor, per row, or per group of values in a row"));
        commitOnPick(box);
        return box;
    }
    case TensorTableModel::GroupSize: {
        auto *spin = new GroupSizeSpinBox(parent);
        spin->setRange(1, 1 << 20);
        spin->setToolTip(Tr::tr("Values per scale group (sets the granularity to \"group\")"));
        return spin;
    }
    case TensorTableModel::Clip: {
        auto *line = new QLineEdit(parent);
        line->setPlaceholderText(QStringLiteral("none | p99.99 | std:12.85"));
        line->setToolTip(Tr::tr("none, a percentile of |w| (p99.99) or a multiple of the "
                                "standard deviation (std:12.85)"));
        return line;
    }
    case TensorTableModel::Prune: {
        auto *box = new QComboBox(parent);
        box->setEditable(true);
        box->setInsertPolicy(QComboBox::NoInsert);
        box->addItems(prunePresets());
        box->setToolTip(Tr::tr("none, a fraction of the smallest weights (50%), N:M (2:4 keeps "
                               "2 of every 4), or row blocks (rows 25%, rows 25% x64)"));
        return box;
    }
    default:
        return QStyledItemDelegate::createEditor(parent, option, index);
    }
}

void TensorTableDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const QVariant value = index.data(Qt::EditRole);
    if (auto *box = qobject_cast<QComboBox *>(editor)) {
        const int i = box->findText(value.toString());
        if (i >= 0)
            box->setCurrentIndex(i);
        else if (box->isEditable())
            box->setEditText(value.toString());
        if (box->isEditable())
            box->lineEdit()->selectAll();
    } else if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        spin->setValue(value.toInt());
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setText(value.toString());
        line->selectAll();
    } else {
        QStyledItemDelegate::setEditorData(editor, index);
    }
}

void TensorTableDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                       const QModelIndex &index) const
{
    // setData refuses what it can't use; the table shows why (TensorTableModel::editRefused).
    if (auto *box = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, box->currentText().trimmed(), Qt::EditRole);
    } else if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        spin->interpretText();
        model->setData(index, spin->value(), Qt::EditRole);
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        model->setData(index, line->text().trimmed(), Qt::EditRole);
    } else {
        QStyledItemDelegate::setModelData(editor, model, index);
    }
}

void TensorTableDelegate::initStyleOption(QStyleOptionViewItem *option,
                                          const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant decoration = index.data(Qt::DecorationRole);
    if (decoration.typeId() == QMetaType::QColor) {
        option->icon = swatch(decoration.value<QColor>());
        option->decorationSize = QSize(12, 12);
    }
}

void TensorTableDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                                               const QModelIndex &index) const
{
    // Combo boxes need more width than narrow cells (Granularity, Prune) give them.
    QRect r = option.rect;
    r.setWidth(std::max(r.width(), editor->sizeHint().width()));
    editor->setGeometry(r);
    Q_UNUSED(index);
}

} // namespace Widgets
