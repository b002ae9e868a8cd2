// SPDX-License-Identifier: GPL-3.0-or-later
// TEMPORARY stand-in for widgets/tensortable.cpp, which another branch implements against the
// same header. Only what the window needs: rows, the Quant column editable (emitting
// editRequested), a name filter, selection both ways. Built only while widgets/tensortable.cpp
// does not exist (app/studio/CMakeLists.txt); delete this file when it lands.

#include "tensortable.h"

#include "bytetree.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Widgets {

TensorTableModel::TensorTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TensorTableModel::setRows(QVector<TensorRow> rows)
{
    if (rows.size() == m_rows.size()) {
        m_rows = std::move(rows);
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void TensorTableModel::setBudget(qint64 bytes)
{
    m_budget = bytes;
}

int TensorTableModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].name == name)
            return i;
    return -1;
}

int TensorTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TensorTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TensorTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() ||
        (role != Qt::DisplayRole && role != Qt::EditRole))
        return {};
    const TensorRow &r = m_rows[index.row()];
    QStringList dims;
    for (qint64 d : r.shape)
        dims << QString::number(d);
    switch (index.column()) {
    case Name:
        return r.name;
    case Shape:
        return dims.join(QLatin1Char('x'));
    case Params:
        return formatByteCount(r.numel);
    case Quant:
        return QString::fromStdString(r.setting.describe()).section(QLatin1Char(' '), 0, 0);
    case Granularity:
        return QString::fromStdString(r.setting.describe()).section(QLatin1Char(' '), 1, 1);
    case Zeros:
        return QString::number(100 * r.sparsity, 'f', 1) + QLatin1Char('%');
    case Payload:
        return formatByteCount(r.payloadBytes);
    case FileBytes:
        return formatByteCount(r.fileBytes);
    case Share:
        return m_budget > 0
                   ? QString::number(100.0 * double(r.fileBytes) / double(m_budget), 'f', 2) +
                         QLatin1Char('%')
                   : QString();
    case Source:
        return r.source;
    default:
        return {};
    }
}

QVariant TensorTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {"Name",       "Shape", "Params", "Quant", "Granularity",
                                  "Group",      "Clip",  "Prune",  "Zeros", "Payload",
                                  "File bytes", "Share", "Source"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

Qt::ItemFlags TensorTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == Quant)
        f |= Qt::ItemIsEditable;
    return f;
}

bool TensorTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != Quant || index.row() >= m_rows.size())
        return false;
    const QString quant = value.toString().trimmed();
    static const QStringList valid{"int2", "int3",   "int4",    "int5", "int6", "int7",
                                   "int8", "binary", "ternary", "fp32", "fp16", "bf16"};
    if (!valid.contains(quant))
        return false;
    Q_EMIT editRequested({m_rows[index.row()].name},
                         nlohmann::json{{"quant", quant.toStdString()}});
    return true;
}

TensorTable::TensorTable(QWidget *parent)
    : QWidget(parent)
    , m_model(new TensorTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView)
    , m_filter(new QLineEdit)
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(TensorTableModel::Name);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_filter->setPlaceholderText(QStringLiteral("Filter tensors"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_model, &TensorTableModel::editRequested, this, &TensorTable::editRequested);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const QModelIndex source = m_proxy->mapToSource(current);
                if (source.isValid())
                    Q_EMIT tensorSelected(m_model->rows()[source.row()].name);
            });
}

void TensorTable::setRows(QVector<TensorRow> rows)
{
    m_model->setRows(std::move(rows));
    m_view->resizeColumnsToContents();
}

void TensorTable::selectTensor(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    const QSignalBlocker block(m_view->selectionModel());
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

QStringList TensorTable::selectedTensors() const
{
    QStringList out;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        out << m_model->rows()[m_proxy->mapToSource(i).row()].name;
    return out;
}

} // namespace Widgets
