// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The per-tensor controls (issue 4, item 3): a table of every tensor with its resolved setting,
// the rule it came from and its bytes, editable in place (bits/format, granularity, group size,
// pruning), with bulk edits on the selection or on a regex group. The table never changes a
// recipe itself: it asks for edits through editRequested(), and the window turns each request
// into an undoable recipe change, re-prices in the background and calls setRows() again.
// Uses core's torch-free QuantSetting (quant/quantsetting.h); never torch.

#include "quant/quantsetting.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <nlohmann/json.hpp>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace Widgets {

struct TensorRow
{
    QString name;           ///< state-dict name
    QList<qint64> shape;
    qint64 numel = 0;
    Core::QuantSetting setting; ///< resolved
    QString source;         ///< which rule set it ("defaults", "rule 2 (\.mlp\.)", ...)
    double sparsity = 0;    ///< fraction of exact zeros stored
    qint64 payloadBytes = 0; ///< before compression
    qint64 fileBytes = 0;    ///< in the file (exact or attributed)
};

class TensorTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Shape, Params, Quant, Granularity, GroupSize, Clip, Prune, Zeros, Payload, FileBytes, Share, Source, ColumnCount };

    explicit TensorTableModel(QObject *parent = nullptr);
    void setRows(QVector<TensorRow> rows); ///< keeps selection-independent state (sorting) intact
    const QVector<TensorRow> &rows() const { return m_rows; }
    void setBudget(qint64 bytes);
    int rowOf(const QString &name) const; ///< -1 if absent

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /// Editing a cell does not change the row: it emits editRequested({name}, keys) with the
    /// recipe setting keys of the new value (e.g. {"quant": "int5"}); invalid input is refused.
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

Q_SIGNALS:
    void editRequested(const QStringList &tensorNames, const nlohmann::json &settingKeys);

private:
    QVector<TensorRow> m_rows;
    qint64 m_budget = 16'000'000;
};

/// The table with a filter box and a bulk-edit bar: "apply <quant> [granularity] [prune] to the
/// selected tensors | to tensors matching <regex>". A regex bulk edit emits
/// regexEditRequested(pattern, keys) so the window can add ONE rule {"match": pattern, ...}
/// instead of one rule per tensor.
class TensorTable : public QWidget
{
    Q_OBJECT
public:
    explicit TensorTable(QWidget *parent = nullptr);
    TensorTableModel *model() const { return m_model; }
    void setRows(QVector<TensorRow> rows);
    /// Selects and scrolls to a tensor (e.g. clicked in the treemap); emits nothing.
    void selectTensor(const QString &name);
    QStringList selectedTensors() const;

Q_SIGNALS:
    void editRequested(const QStringList &tensorNames, const nlohmann::json &settingKeys);
    void regexEditRequested(const QString &pattern, const nlohmann::json &settingKeys);
    void tensorSelected(const QString &name); ///< the current row changed by the user

private:
    TensorTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
};

} // namespace Widgets
