// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The per-tensor controls (issue 4, item 3): a table of every tensor with its resolved setting,
// the rule it came from and its bytes, editable in place (bits/format, granularity, group size,
// pruning), with bulk edits on the selection or on a regex group. The table never changes a
// recipe itself: it asks for edits through editRequested(), and the window turns each request
// into an undoable recipe change, re-prices in the background and calls setRows() again.
// Uses core's torch-free QuantSetting (pack/quantsetting.h); never torch.
//
// Edits are checked before they are asked for: the would-be setting of every tensor concerned
// must pass QuantSetting::validate and fit the tensor (N:M needs the row length to be a
// multiple of M, row pruning the row count a multiple of the row block), else the edit is
// refused with a reason (editRefused) and nothing is emitted. A request names only the tensors
// whose setting would change and only the keys that change, so the window never writes a rule
// that does nothing.

#include "pack/quantsetting.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <nlohmann/json.hpp>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
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

/// The bits per weight a setting is drawn with (Widgets::colorForBits): storedBits(), except
/// ternary, which carries log2(3) ≈ 1.58 bits of information in its 2 stored bits.
double displayBits(const Core::QuantSetting &setting);

/// The Quant cell: "int6", "binary", "ternary", "fp16", ... (recipe.h's `quant` values).
QString quantText(const Core::QuantSetting &setting);
/// The Clip cell: "none", "p99.99984", "std:12.85"; "" where clipping does not apply (not Int).
QString clipText(const Core::QuantSetting &setting);
/// The Prune cell: "none", "50%" (magnitude), "2:4" (N:M), "rows 25%", "rows 25% x64".
QString pruneText(const Core::QuantSetting &setting);

/// Reads what the Clip cell shows ("none", "p99.9", "std:12.85", also "std 3") into setting
/// keys. Returns false and says why in *error for text it cannot read; ranges are checked later
/// (applySettingKeys, QuantSetting::validate).
bool clipKeysFromText(const QString &text, nlohmann::json *keys, QString *error);
/// Reads what the Prune cell shows ("none", "50%", "2:4", "rows 25%", "rows 25% x64"; a leading
/// "prune " as in describe() is accepted) into setting keys, like clipKeysFromText.
bool pruneKeysFromText(const QString &text, nlohmann::json *keys, QString *error);

class TensorTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Shape, Params, Quant, Granularity, GroupSize, Clip, Prune, Zeros, Payload, FileBytes, Share, Source, ColumnCount };
    /// SortRole: what the proxy sorts by: numbers for numeric columns (Quant by bits), a
    /// natural-order key for Name ("blocks.2" before "blocks.10"), text otherwise.
    /// BitsRole (Quant column): displayBits() as a double.
    enum Role { SortRole = Qt::UserRole, BitsRole };

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

    qint64 budget() const { return m_budget; }

    /// Which rows an edit of `row` applies to (the table: all selected rows when `row` is one
    /// of them). Without a scope an edit applies to its own row only.
    void setEditScope(std::function<QList<int>(int row)> scope);
    /// The edit of `column` to `value` (what the cell's editor gives: "int5", "group", 64,
    /// "std:3", "2:4", ...) on `rows`: builds the setting keys and calls requestKeys.
    bool requestEdit(const QList<int> &rows, int column, const QVariant &value);
    /// Checks `keys` on every row (see the top of this file), then emits ONE editRequested
    /// with the rows whose setting would change and the keys that change on at least one of
    /// them. Returns false (emitting editRefused) when a row refuses or nothing would change.
    bool requestKeys(const QList<int> &rows, const nlohmann::json &keys);
    /// The problem `keys` would cause on `rows` ("" when none): what requestKeys refuses for,
    /// without emitting anything. Also says when nothing would change.
    QString checkKeys(const QList<int> &rows, const nlohmann::json &keys) const;
    /// The reason of the latest refusal ("" after an accepted edit).
    QString lastRefusal() const { return m_lastRefusal; }

Q_SIGNALS:
    void editRequested(const QStringList &tensorNames, const nlohmann::json &settingKeys);
    /// An edit was refused; `reason` names the tensor and what is wrong.
    void editRefused(const QString &reason);

private:
    bool refuse(const QString &reason);

    QVector<TensorRow> m_rows;
    qint64 m_budget = 16'000'000;
    std::function<QList<int>(int row)> m_editScope;
    QString m_lastRefusal;
};

/// The table with a filter box and a bulk-edit bar: "apply <quant> [granularity] [prune] to the
/// selected tensors | to tensors matching <regex>". A regex bulk edit emits
/// regexEditRequested(pattern, keys) so the window can add ONE rule {"match": pattern, ...}
/// instead of one rule per tensor.
///
/// Editing a cell of a selected row edits every selected row (one editRequested naming them
/// all); a plain click inside a multi-row selection keeps it for the double-click interval, so
/// a double-click there opens the editor without losing the selection. The table's
/// editRequested carries the model's (cell edits and "Apply to selection"): connect to the
/// table's. A regex edit sends the bar's chosen keys as they are (the rule says what the user
/// picked), once they are valid on every matching tensor and change at least one.
class TensorTable : public QWidget
{
    Q_OBJECT
public:
    explicit TensorTable(QWidget *parent = nullptr);
    TensorTableModel *model() const { return m_model; }
    /// Re-pricing (the same names in the same order) updates the figures in place: selection,
    /// current cell, sorting and scroll position stay. Other tensors reset the model; the
    /// selection and current cell come back by name where they still exist, and the scroll
    /// position is restored. Emits no tensorSelected.
    void setRows(QVector<TensorRow> rows);
    /// Selects and scrolls to a tensor (e.g. clicked in the treemap); emits nothing.
    void selectTensor(const QString &name);
    QStringList selectedTensors() const;

    /// The filter box: rows whose name matches `pattern` (case-insensitive regular expression,
    /// or a plain substring when it is not a valid one) stay visible; "" shows all.
    void setFilter(const QString &pattern);
    /// Names of the visible rows, in display order.
    QStringList visibleTensors() const;
    /// Tensors the bulk bar's regex matches (recipe semantics: RE2, case-sensitive,
    /// searched anywhere in the name); empty for an empty or invalid pattern.
    QStringList regexMatches() const;

    // The parts, for the window's shortcuts and for tests.
    QTableView *view() const { return m_view; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *bulkQuantCombo() const { return m_bulkQuant; }
    QComboBox *bulkGranularityCombo() const { return m_bulkGranularity; }
    QComboBox *bulkPruneCombo() const { return m_bulkPrune; }
    QPushButton *applySelectionButton() const { return m_applySelection; }
    QLineEdit *regexEdit() const { return m_regex; }
    QPushButton *applyMatchingButton() const { return m_applyMatching; }
    /// Next to the regex: how many tensors it matches, or why it is invalid (red).
    QLabel *regexInfoLabel() const { return m_regexInfo; }
    /// The line under the bar: what was asked for, or why an edit was refused (red).
    QLabel *hintLabel() const { return m_hint; }
    /// The setting keys the bulk bar's choices make ({} when all are "keep"); false with
    /// *error when the prune text cannot be read.
    bool bulkKeys(nlohmann::json *keys, QString *error) const;

Q_SIGNALS:
    void editRequested(const QStringList &tensorNames, const nlohmann::json &settingKeys);
    void regexEditRequested(const QString &pattern, const nlohmann::json &settingKeys);
    void tensorSelected(const QString &name); ///< the current row changed by the user

private:
    QList<int> selectedSourceRows() const;
    void applyToSelection();
    void applyToMatching();
    void updateBulkBar();
    void updateCount();
    void showHint(const QString &text, bool error);

    TensorTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QLabel *m_count = nullptr;
    QComboBox *m_bulkQuant = nullptr;
    QComboBox *m_bulkGranularity = nullptr;
    QComboBox *m_bulkPrune = nullptr;
    QPushButton *m_applySelection = nullptr;
    QLineEdit *m_regex = nullptr;
    QLabel *m_regexInfo = nullptr;
    QPushButton *m_applyMatching = nullptr;
    QLabel *m_hint = nullptr;
    bool m_bulkError = false; ///< the hint shows the bulk bar's unreadable prune text
    bool m_quiet = false;     ///< selection changes made by code, not the user: no tensorSelected
};

} // namespace Widgets
