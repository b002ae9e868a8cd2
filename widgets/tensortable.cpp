// SPDX-License-Identifier: GPL-3.0-or-later
#include "tensortable.h"

#include "bitpalette.h"
#include "bytetree.h"
#include "tensortabledelegate.h"

#include "common/error.h"
#include "recipe/namepattern.h"
#include "recipe/recipe.h"

#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

namespace Widgets {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Widgets::TensorTable)
};

const QColor kErrorText(0xc6, 0x28, 0x28);

// Numbers as the recipe writes them: shortest form that reads back the same (99.99984, 12.85).
QString number(double v)
{
    return QString::number(v, 'g', 10);
}

// "0.4%" / "50%" / "12.5%" for fractions in [0, 1].
QString percent(double fraction)
{
    return number(std::round(fraction * 100.0 * 1e6) / 1e6) + QLatin1Char('%');
}

// As the treemap's tooltip writes them: "512 × 512", "scalar".
QString shapeText(const QList<qint64> &shape)
{
    if (shape.isEmpty())
        //: the shape of a 0-dimensional tensor (a single number)
        return Tr::tr("scalar");
    QStringList dims;
    for (qint64 d : shape)
        dims << QString::number(d);
    return dims.join(QStringLiteral(" × "));
}

// Sorts "blocks.2" before "blocks.10": every run of digits is left-padded to 10 digits.
QString naturalKey(const QString &name)
{
    QString out;
    out.reserve(name.size() + 16);
    for (qsizetype i = 0; i < name.size();) {
        if (!name[i].isDigit()) {
            out += name[i++];
            continue;
        }
        qsizetype j = i;
        while (j < name.size() && name[j].isDigit())
            ++j;
        out += name.mid(i, j - i).rightJustified(10, QLatin1Char('0'));
        i = j;
    }
    return out;
}

// "1 tensor", "92 tensors". English plurals by hand: with no English translation loaded, tr()'s
// %n would show "tensor(s)".
QString tensorsText(qsizetype n)
{
    return n == 1 ? Tr::tr("1 tensor") : Tr::tr("%1 tensors").arg(formatByteCount(n));
}

// "quant=int5, granularity=group" for hints.
QString keysText(const nlohmann::json &keys)
{
    QStringList parts;
    for (const auto &[key, value] : keys.items())
        parts << QString::fromStdString(
            key + "=" + (value.is_string() ? value.get<std::string>() : value.dump()));
    return parts.join(QStringLiteral(", "));
}

// Asks core what the exporter will ask: Recipe::resolve runs QuantSetting::validate and the
// checks that need the tensor's shape (N:M and rows pruning, gptq's 2-D weight), so an edit the
// exporter would reject is refused here, where the user made it, with core's own words.
void checkWithCore(const TensorRow &row, const Core::QuantSetting &s)
{
    Core::Recipe probe;
    probe.name = "table edit";
    probe.defaults = s.toJson();
    const std::string name = row.name.toStdString();
    // Rows are the model's float tensors (recipes store nothing else); the dtype only has to
    // be one.
    const Core::TensorDesc tensor{name, std::vector<int64_t>(row.shape.begin(), row.shape.end()),
                                  row.numel, "float32"};
    try {
        probe.resolve({tensor});
    } catch (const Core::Error &e) {
        // resolve() names where the setting came from ("x (defaults): ..."): here it came from
        // the user's edit, so the tensor's name alone.
        std::string message = e.what();
        const std::string from = name + " (defaults)";
        if (message.rfind(from, 0) == 0)
            message = name + message.substr(from.size());
        throw Core::Error(message);
    }
}

// What an edit of some rows amounts to: the rows whose setting changes and the keys that
// change on at least one of them, or the first problem.
struct EditPlan
{
    QString problem;
    QStringList names;
    nlohmann::json keys = nlohmann::json::object();
};

EditPlan planEdit(const QVector<TensorRow> &all, QList<int> rows, const nlohmann::json &keys)
{
    EditPlan plan;
    if (!keys.is_object() || keys.empty()) {
        plan.problem = Tr::tr("nothing to change");
        return plan;
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::set<std::string> changed;
    for (int r : rows) {
        if (r < 0 || r >= all.size())
            continue;
        const TensorRow &row = all[r];
        const std::string what = row.name.toStdString();
        Core::QuantSetting next;
        try {
            try {
                // An empty path makes the key's own errors read ".nm: ..."; they are given the
                // tensor's name below ("blocks.2.mlp.fc.weight: nm: ..."), not a dotted path
                // that reads like part of the name.
                next = Core::applySettingKeys(row.setting, keys, std::string());
            } catch (const Core::Error &e) {
                const std::string message = e.what();
                throw Core::Error(what + ": " +
                                  (message.rfind('.', 0) == 0 ? message.substr(1) : message));
            }
            checkWithCore(row, next);
        } catch (const Core::Error &e) {
            plan.problem = QString::fromStdString(e.what());
            return plan;
        }
        if (next == row.setting)
            continue;
        plan.names << row.name;
        const nlohmann::json before = row.setting.toJson();
        for (const auto &[key, value] : keys.items())
            if (!before.contains(key) || before[key] != value)
                changed.insert(key);
    }
    if (plan.names.isEmpty()) {
        plan.problem = rows.size() == 1 && rows[0] >= 0 && rows[0] < all.size()
                           ? Tr::tr("%1 is already %2").arg(all[rows[0]].name, keysText(keys))
                           : Tr::tr("no tensor would change (%1)").arg(keysText(keys));
        return plan;
    }
    for (const std::string &key : changed)
        plan.keys[key] = keys[key];
    return plan;
}

// A plain click inside a multi-row selection keeps it for a moment, so that a double-click
// there edits every selected row (TensorTableModel::setEditScope); if no double-click follows,
// the click selects its row alone, as a table normally does.
class TableView : public QTableView
{
public:
    explicit TableView(QWidget *parent)
        : QTableView(parent)
    {
        m_collapse.setSingleShot(true);
        QObject::connect(&m_collapse, &QTimer::timeout, this, [this] {
            if (m_collapseTo.isValid())
                selectionModel()->select(m_collapseTo, QItemSelectionModel::ClearAndSelect |
                                                           QItemSelectionModel::Rows);
        });
    }

protected:
    QItemSelectionModel::SelectionFlags selectionCommand(const QModelIndex &index,
                                                         const QEvent *event) const override
    {
        if (keepsSelection(index, event))
            return QItemSelectionModel::NoUpdate;
        return QTableView::selectionCommand(index, event);
    }

    void mousePressEvent(QMouseEvent *event) override
    {
        m_collapse.stop();
        const QModelIndex index = indexAt(event->position().toPoint());
        m_pending =
            keepsSelection(index, event) ? QPersistentModelIndex(index) : QPersistentModelIndex();
        QTableView::mousePressEvent(event);
    }

    void mouseReleaseEvent(QMouseEvent *event) override
    {
        QTableView::mouseReleaseEvent(event);
        if (m_pending.isValid() && indexAt(event->position().toPoint()) == m_pending) {
            m_collapseTo = m_pending;
            m_collapse.start(QApplication::doubleClickInterval());
        }
        m_pending = QPersistentModelIndex();
    }

    void mouseDoubleClickEvent(QMouseEvent *event) override
    {
        m_collapse.stop();
        m_pending = QPersistentModelIndex();
        QTableView::mouseDoubleClickEvent(event);
    }

private:
    bool keepsSelection(const QModelIndex &index, const QEvent *event) const
    {
        if (!index.isValid() || !event || !selectionModel())
            return false;
        const QEvent::Type t = event->type();
        if (t != QEvent::MouseButtonPress && t != QEvent::MouseButtonRelease &&
            t != QEvent::MouseButtonDblClick)
            return false;
        const auto *me = static_cast<const QMouseEvent *>(event);
        if (me->button() != Qt::LeftButton || me->modifiers() != Qt::NoModifier)
            return false;
        return selectionModel()->isRowSelected(index.row(), index.parent()) &&
               selectionModel()->selectedRows().size() > 1;
    }

    QTimer m_collapse;
    QPersistentModelIndex m_pending, m_collapseTo;
};

} // namespace

// ---- text forms of a setting ----------------------------------------------------------------

double displayBits(const Core::QuantSetting &setting)
{
    return Core::quantSchemeOf(setting).bitsPerWeight;
}

QString quantText(const Core::QuantSetting &setting)
{
    // The recipe's own name for it, so what the cell shows can be typed into a recipe.
    return QString::fromStdString(setting.toJson().at("quant").get<std::string>());
}

QString clipText(const Core::QuantSetting &setting)
{
    if (setting.scheme != Core::QuantScheme::Int)
        return {};
    switch (setting.clip) {
    case Core::ClipMode::None:
        return QStringLiteral("none");
    case Core::ClipMode::Percentile:
        return QLatin1Char('p') + number(setting.clipValue);
    case Core::ClipMode::Std:
        return QStringLiteral("std:") + number(setting.clipValue);
    }
    return {};
}

QString pruneText(const Core::QuantSetting &setting)
{
    switch (setting.prune) {
    case Core::PruneMode::None:
        return QStringLiteral("none");
    case Core::PruneMode::Magnitude:
        return percent(setting.sparsity);
    case Core::PruneMode::NM:
        return QStringLiteral("%1:%2").arg(setting.n).arg(setting.m);
    case Core::PruneMode::Rows: {
        QString out = QStringLiteral("rows ") + percent(setting.sparsity);
        if (setting.rowBlock > 1)
            out += QStringLiteral(" x%1").arg(setting.rowBlock);
        return out;
    }
    }
    return {};
}

bool clipKeysFromText(const QString &text, nlohmann::json *keys, QString *error)
{
    const QString t = text.trimmed().toLower();
    static const QRegularExpression pct(
        QStringLiteral("^(?:p|percentile)\\s*:?\\s*([0-9.eE+-]+)\\s*%?$"));
    static const QRegularExpression bare(QStringLiteral("^([0-9.eE+-]+)\\s*%$"));
    static const QRegularExpression std_(QStringLiteral("^std\\s*[:=]?\\s*([0-9.eE+-]+)$"));
    nlohmann::json out;
    bool ok = false;
    if (t.isEmpty() || t == QLatin1String("none")) {
        out = {{"clip", "none"}};
        ok = true;
    } else if (auto m = pct.match(t); m.hasMatch()) {
        out = {{"clip", "percentile"}, {"clip_value", m.captured(1).toDouble(&ok)}};
    } else if (auto m = bare.match(t); m.hasMatch()) {
        out = {{"clip", "percentile"}, {"clip_value", m.captured(1).toDouble(&ok)}};
    } else if (auto m = std_.match(t); m.hasMatch()) {
        out = {{"clip", "std"}, {"clip_value", m.captured(1).toDouble(&ok)}};
    }
    if (!ok) {
        if (error)
            *error = Tr::tr("clip: expected none, a percentile like p99.99 or a multiple of the "
                            "standard deviation like std:12.85, got \"%1\"")
                         .arg(text.trimmed());
        return false;
    }
    *keys = out;
    return true;
}

bool pruneKeysFromText(const QString &text, nlohmann::json *keys, QString *error)
{
    QString t = text.trimmed().toLower();
    if (t.startsWith(QLatin1String("prune ")))
        t = t.mid(6).trimmed();
    static const QRegularExpression nm(QStringLiteral("^(\\d{1,3})\\s*:\\s*(\\d{1,3})$"));
    static const QRegularExpression magnitude(QStringLiteral("^(?:magnitude\\s+)?([0-9.]+)\\s*%$"));
    static const QRegularExpression rows(
        QStringLiteral("^rows\\s+([0-9.]+)\\s*%(?:\\s*(?:x|\\x{00d7}|block)\\s*(\\d+))?$"));
    nlohmann::json out;
    bool ok = false;
    if (t.isEmpty() || t == QLatin1String("none") || t == QLatin1String("0%")) {
        out = {{"prune", "none"}};
        ok = true;
    } else if (auto m = nm.match(t); m.hasMatch()) {
        // The range (1 <= N < M <= 64) is applySettingKeys' to check, with its own message.
        out = {{"prune", "nm"},
               {"nm", QStringLiteral("%1:%2")
                          .arg(m.captured(1).toInt())
                          .arg(m.captured(2).toInt())
                          .toStdString()}};
        ok = true;
    } else if (auto m = magnitude.match(t); m.hasMatch()) {
        out = {{"prune", "magnitude"}, {"sparsity", m.captured(1).toDouble(&ok) / 100.0}};
    } else if (auto m = rows.match(t); m.hasMatch()) {
        // "rows 25%" means blocks of one row: what the cell shows is what is asked for.
        const int block = m.captured(2).isEmpty() ? 1 : m.captured(2).toInt();
        out = {{"prune", "rows"},
               {"sparsity", m.captured(1).toDouble(&ok) / 100.0},
               {"row_block", block}};
    }
    if (!ok) {
        if (error)
            *error = Tr::tr("prune: expected none, a percentage like 50%, N:M like 2:4, or rows "
                            "like \"rows 25%\" or \"rows 25% x64\", got \"%1\"")
                         .arg(text.trimmed());
        return false;
    }
    *keys = out;
    return true;
}

// ---- the model ------------------------------------------------------------------------------

TensorTableModel::TensorTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TensorTableModel::setRows(QVector<TensorRow> rows)
{
    const bool sameNames =
        rows.size() == m_rows.size() &&
        std::equal(rows.begin(), rows.end(), m_rows.begin(),
                   [](const TensorRow &a, const TensorRow &b) { return a.name == b.name; });
    if (sameNames) {
        // Re-pricing: new figures for the same tensors. dataChanged keeps the views' selection,
        // current cell and scroll position; a sorted proxy re-sorts by the new figures.
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
    if (bytes == m_budget)
        return;
    m_budget = bytes;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, Share), index(int(m_rows.size()) - 1, Share));
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
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const TensorRow &r = m_rows[index.row()];
    const Core::QuantSetting &s = r.setting;
    const bool isFloat = s.scheme == Core::QuantScheme::Float;
    const bool isGroup = !isFloat && s.granularity == Core::Granularity::Group;
    static const QString notApplicable = QStringLiteral("–");
    const auto granularityName = [&] {
        switch (s.granularity) {
        case Core::Granularity::Tensor:
            return QStringLiteral("tensor");
        case Core::Granularity::Row:
            return QStringLiteral("row");
        case Core::Granularity::Group:
            return QStringLiteral("group");
        }
        return QString();
    };
    const double share = m_budget > 0 ? double(r.fileBytes) / double(m_budget) : 0.0;

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return r.name;
        case Shape:
            return shapeText(r.shape);
        case Params:
            return formatByteCount(r.numel);
        case Quant:
            return quantText(s);
        case Granularity:
            return isFloat ? notApplicable : granularityName();
        case GroupSize:
            return isGroup ? QString::number(s.groupSize) : notApplicable;
        case Clip:
            return s.scheme == Core::QuantScheme::Int ? clipText(s) : notApplicable;
        case Prune:
            return pruneText(s);
        case Zeros:
            return QString::number(r.sparsity * 100.0, 'f', r.sparsity == 0 || r.sparsity == 1 ? 0 : 1) + QStringLiteral(" %");
        case Payload:
            return formatByteCount(r.payloadBytes);
        case FileBytes:
            return formatByteCount(r.fileBytes);
        case Share:
            if (m_budget <= 0)
                return notApplicable;
            // Two decimals and a space before %, as the treemap's tooltip.
            if (r.fileBytes > 0 && share < 0.00005)
                return QStringLiteral("< 0.01 %");
            return QString::number(100.0 * share, 'f', 2) + QStringLiteral(" %");
        case Source:
            return r.source;
        }
        break;
    case Qt::EditRole:
        switch (index.column()) {
        case Quant:
            return quantText(s);
        case Granularity:
            return granularityName();
        case GroupSize:
            return s.groupSize;
        case Clip:
            return clipText(s);
        case Prune:
            return pruneText(s);
        default:
            return data(index, Qt::DisplayRole);
        }
    case SortRole:
        switch (index.column()) {
        case Name:
            return naturalKey(r.name);
        case Shape:
        case Params:
            return r.numel;
        case Quant:
            return displayBits(s);
        case Granularity:
            return isFloat ? -1 : int(s.granularity);
        case GroupSize:
            return isGroup ? s.groupSize : 0;
        case Clip:
            return clipText(s);
        case Prune:
            // The fraction of weights pruned, so "2:4" sorts with "50%".
            switch (s.prune) {
            case Core::PruneMode::None:
                return 0.0;
            case Core::PruneMode::NM:
                return 1.0 - double(s.n) / double(s.m);
            default:
                return s.sparsity;
            }
        case Zeros:
            return r.sparsity;
        case Payload:
            return r.payloadBytes;
        case FileBytes:
        case Share:
            return r.fileBytes;
        case Source:
            return r.source;
        }
        break;
    case BitsRole:
        return displayBits(s);
    case Qt::DecorationRole:
        if (index.column() == Quant)
            return colorForBits(displayBits(s));
        break;
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case Params:
        case GroupSize:
        case Zeros:
        case Payload:
        case FileBytes:
        case Share:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case Qt::ForegroundRole:
        // Settings left at the defaults are grey; the ones a rule decided stand out.
        if (index.column() == Source && r.source == QLatin1String("defaults"))
            return QColor(0x75, 0x75, 0x75);
        break;
    case Qt::ToolTipRole: {
        const QString setting = QString::fromStdString(s.describe());
        switch (index.column()) {
        case Name:
        case Quant:
            return Tr::tr("%1\n%2, %3 values\nstored as %4\nset by %5")
                .arg(r.name, shapeText(r.shape), formatByteCount(r.numel), setting, r.source);
        case Payload:
        case FileBytes:
        case Share:
            return Tr::tr("%1 bytes before compression, %2 bytes in the file (%3 of the %4-byte "
                          "budget)")
                .arg(formatByteCount(r.payloadBytes), formatByteCount(r.fileBytes),
                     data(index.siblingAtColumn(Share), Qt::DisplayRole).toString(),
                     formatByteCount(m_budget));
        case Source:
            return Tr::tr("%1: %2").arg(r.source, setting);
        default:
            break;
        }
        break;
    }
    default:
        break;
    }
    return {};
}

QVariant TensorTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name:
            return Tr::tr("Tensor");
        case Shape:
            return Tr::tr("Shape");
        case Params:
            return Tr::tr("Params");
        case Quant:
            //: column header: the quantization format (int8, int4, ...)
            return Tr::tr("Quant");
        case Granularity:
            //: column header: granularity of quantization scales (per tensor, row or group)
            return Tr::tr("Scales");
        case GroupSize:
            return Tr::tr("Group");
        case Clip:
            //: column header: clipping of outliers before quantization
            return Tr::tr("Clip");
        case Prune:
            //: column header: pruning (setting weights to zero)
            return Tr::tr("Prune");
        case Zeros:
            return Tr::tr("Zeros");
        case Payload:
            return Tr::tr("Payload bytes");
        case FileBytes:
            return Tr::tr("File bytes");
        case Share:
            return Tr::tr("Share");
        case Source:
            return Tr::tr("Set by");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case Name:
            return Tr::tr("State-dict name");
        case Params:
            return Tr::tr("Number of values");
        case Quant:
            return Tr::tr("How the values are stored (double-click to change)");
        case Granularity:
            return Tr::tr("One scale per tensor, per row, or per group of values");
        case GroupSize:
            return Tr::tr("Values per scale group (group granularity)");
        case Clip:
            return Tr::tr("Where values are clipped before the scale is derived");
        case Prune:
            return Tr::tr("Weights zeroed before quantization: 50% smallest, N:M, or "
                          "row blocks");
        case Zeros:
            return Tr::tr("Fraction of stored values that are exactly zero");
        case Payload:
            return Tr::tr("Bytes of codes, scales and passthrough before compression");
        case FileBytes:
            return Tr::tr("Bytes of the compressed file attributed to the tensor");
        case Share:
            return Tr::tr("File bytes as a share of the %1-byte budget")
                .arg(formatByteCount(m_budget));
        case Source:
            return Tr::tr("Which part of the recipe decided the setting");
        }
    } else if (role == Qt::TextAlignmentRole) {
        const QVariant a = data(index(0, section), Qt::TextAlignmentRole);
        return a.isValid() ? a : QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

Qt::ItemFlags TensorTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    const Core::QuantScheme scheme = m_rows[index.row()].setting.scheme;
    bool editable = false;
    switch (index.column()) {
    case Quant:
    case Prune:
        editable = true;
        break;
    // Scales and clipping don't exist for floats; clipping only for integer codes.
    case Granularity:
    case GroupSize:
        editable = scheme != Core::QuantScheme::Float;
        break;
    case Clip:
        editable = scheme == Core::QuantScheme::Int;
        break;
    default:
        break;
    }
    return editable ? f | Qt::ItemIsEditable : f;
}

bool TensorTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || index.row() >= m_rows.size() ||
        !(flags(index) & Qt::ItemIsEditable))
        return false;
    QList<int> rows = m_editScope ? m_editScope(index.row()) : QList<int>{};
    if (!rows.contains(index.row()))
        rows = {index.row()};
    return requestEdit(rows, index.column(), value);
}

void TensorTableModel::setEditScope(std::function<QList<int>(int)> scope)
{
    m_editScope = std::move(scope);
}

bool TensorTableModel::requestEdit(const QList<int> &rows, int column, const QVariant &value)
{
    const QString text = value.toString().trimmed();
    nlohmann::json keys;
    QString error;
    switch (column) {
    case Quant:
        keys = {{"quant", text.toLower().toStdString()}};
        break;
    case Granularity:
        keys = {{"granularity", text.toLower().toStdString()}};
        break;
    case GroupSize: {
        bool ok = false;
        const qlonglong size = value.toLongLong(&ok);
        if (!ok)
            return refuse(Tr::tr("group size: expected a whole number, got \"%1\"").arg(text));
        // A group size only means something with group granularity: asking for one asks for it.
        keys = {{"granularity", "group"}, {"group_size", size}};
        break;
    }
    case Clip:
        if (!clipKeysFromText(text, &keys, &error))
            return refuse(error);
        break;
    case Prune:
        if (!pruneKeysFromText(text, &keys, &error))
            return refuse(error);
        break;
    default:
        return refuse(Tr::tr("the %1 column can't be edited")
                          .arg(headerData(column, Qt::Horizontal, Qt::DisplayRole).toString()));
    }
    return requestKeys(rows, keys);
}

bool TensorTableModel::requestKeys(const QList<int> &rows, const nlohmann::json &keys)
{
    const EditPlan plan = planEdit(m_rows, rows, keys);
    if (!plan.problem.isEmpty())
        return refuse(plan.problem);
    m_lastRefusal.clear();
    Q_EMIT editRequested(plan.names, plan.keys);
    return true;
}

QString TensorTableModel::checkKeys(const QList<int> &rows, const nlohmann::json &keys) const
{
    return planEdit(m_rows, rows, keys).problem;
}

bool TensorTableModel::refuse(const QString &reason)
{
    m_lastRefusal = reason;
    Q_EMIT editRefused(reason);
    return false;
}

// ---- the widget -----------------------------------------------------------------------------

TensorTable::TensorTable(QWidget *parent)
    : QWidget(parent)
    , m_model(new TensorTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new TableView(this))
    , m_filter(new QLineEdit(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(TensorTableModel::SortRole);
    m_proxy->setFilterKeyColumn(TensorTableModel::Name);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setDynamicSortFilter(true);

    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new TensorTableDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setCornerButtonEnabled(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    // Model order (the state dict's) until the user clicks a header.
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);

    m_model->setEditScope([this](int row) {
        const QList<int> selected = selectedSourceRows();
        return selected.contains(row) ? selected : QList<int>{row};
    });

    m_filter->setPlaceholderText(Tr::tr("Filter tensors by name (text or regular expression)"));
    m_filter->setClearButtonEnabled(true);
    m_count = new QLabel(this);

    m_bulkQuant = new QComboBox(this);
    m_bulkQuant->addItem(Tr::tr("quant: keep"), QString());
    for (const QString &q : quantChoices())
        m_bulkQuant->addItem(quantSwatch(q), q, q);
    m_bulkGranularity = new QComboBox(this);
    m_bulkGranularity->addItem(Tr::tr("scales: keep"), QString());
    for (const QString &g : granularityChoices())
        m_bulkGranularity->addItem(g, g);
    m_bulkPrune = new QComboBox(this);
    m_bulkPrune->setEditable(true);
    m_bulkPrune->setInsertPolicy(QComboBox::NoInsert);
    m_bulkPrune->addItem(QString());
    m_bulkPrune->addItems(prunePresets());
    m_bulkPrune->lineEdit()->setPlaceholderText(Tr::tr("prune: keep"));
    m_bulkPrune->setMinimumContentsLength(9);
    m_bulkPrune->setToolTip(Tr::tr("none, 50%, 2:4, rows 25%, rows 25% x64; empty keeps it"));
    m_applySelection = new QPushButton(Tr::tr("Apply to selection"), this);
    m_regex = new QLineEdit(this);
    m_regex->setPlaceholderText(Tr::tr("regex, e.g. \\.mlp\\."));
    m_regex->setClearButtonEnabled(true);
    m_regex->setToolTip(Tr::tr("A recipe rule's \"match\": an RE2 regular expression "
                               "searched anywhere in the name, case-sensitive"));
    m_regexInfo = new QLabel(this);
    m_applyMatching = new QPushButton(Tr::tr("Apply to matching"), this);
    m_applyMatching->setToolTip(Tr::tr("Adds one recipe rule for every tensor the regex matches"));
    m_hint = new QLabel(this);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_count);
    auto *bulk = new QHBoxLayout;
    bulk->addWidget(new QLabel(Tr::tr("Set"), this));
    bulk->addWidget(m_bulkQuant);
    bulk->addWidget(m_bulkGranularity);
    bulk->addWidget(m_bulkPrune);
    bulk->addWidget(m_applySelection);
    bulk->addSpacing(16);
    bulk->addWidget(new QLabel(Tr::tr("or as a rule for names matching"), this));
    bulk->addWidget(m_regex, 1);
    bulk->addWidget(m_regexInfo);
    bulk->addWidget(m_applyMatching);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addLayout(bulk);
    layout->addWidget(m_hint);

    connect(m_model, &TensorTableModel::editRequested, this, &TensorTable::editRequested);
    connect(m_model, &TensorTableModel::editRequested, this,
            [this](const QStringList &names, const nlohmann::json &keys) {
                showHint(
                    Tr::tr("Asked for %1 on %2").arg(keysText(keys), tensorsText(names.size())),
                    false);
            });
    connect(m_model, &TensorTableModel::editRefused, this,
            [this](const QString &reason) { showHint(Tr::tr("Refused: %1").arg(reason), true); });
    connect(m_filter, &QLineEdit::textChanged, this, &TensorTable::setFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (m_quiet || !current.isValid())
                    return;
                const int row = m_proxy->mapToSource(current).row();
                if (row >= 0 && row < m_model->rows().size())
                    Q_EMIT tensorSelected(m_model->rows()[row].name);
            });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateCount();
        updateBulkBar();
    });
    for (QComboBox *box : {m_bulkQuant, m_bulkGranularity, m_bulkPrune})
        connect(box, &QComboBox::currentTextChanged, this, &TensorTable::updateBulkBar);
    connect(m_regex, &QLineEdit::textChanged, this, &TensorTable::updateBulkBar);
    connect(m_applySelection, &QPushButton::clicked, this, &TensorTable::applyToSelection);
    connect(m_applyMatching, &QPushButton::clicked, this, &TensorTable::applyToMatching);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &TensorTable::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &TensorTable::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &TensorTable::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &TensorTable::updateCount);

    updateCount();
    updateBulkBar();
}

void TensorTable::setRows(QVector<TensorRow> rows)
{
    const bool wasEmpty = m_model->rows().isEmpty();
    const QStringList selected = selectedTensors();
    const QModelIndex current = m_view->currentIndex();
    const QString currentName =
        current.isValid() ? m_model->rows().value(m_proxy->mapToSource(current).row()).name
                          : QString();
    const int currentColumn = current.isValid() ? current.column() : 0;
    const int hScroll = m_view->horizontalScrollBar()->value();
    const int vScroll = m_view->verticalScrollBar()->value();

    m_quiet = true;
    const bool reset =
        rows.size() != m_model->rows().size() ||
        !std::equal(rows.begin(), rows.end(), m_model->rows().begin(),
                    [](const TensorRow &a, const TensorRow &b) { return a.name == b.name; });
    m_model->setRows(std::move(rows));
    if (wasEmpty && !m_model->rows().isEmpty()) {
        m_view->resizeColumnsToContents();
        // The Name column can be long; the rest must stay in view.
        m_view->setColumnWidth(TensorTableModel::Name,
                               std::min(m_view->columnWidth(TensorTableModel::Name), 320));
    }
    if (reset) {
        // Other tensors (another model): bring back whatever of the selection still exists.
        QItemSelection sel;
        for (const QString &name : selected) {
            const int row = m_model->rowOf(name);
            if (row < 0)
                continue;
            const QModelIndex i = m_proxy->mapFromSource(m_model->index(row, 0));
            if (i.isValid())
                sel.select(i, i);
        }
        QItemSelectionModel *sm = m_view->selectionModel();
        const int currentRow = m_model->rowOf(currentName);
        if (currentRow >= 0) {
            const QModelIndex c = m_proxy->mapFromSource(m_model->index(currentRow, currentColumn));
            sm->setCurrentIndex(c, QItemSelectionModel::NoUpdate);
        }
        sm->select(sel, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->doItemsLayout(); // scroll bar ranges for the new rows, before restoring them
        m_view->horizontalScrollBar()->setValue(hScroll);
        m_view->verticalScrollBar()->setValue(vScroll);
    }
    m_quiet = false;
    updateCount();
    updateBulkBar();
}

void TensorTable::selectTensor(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return;
    QModelIndex i = m_proxy->mapFromSource(m_model->index(row, TensorTableModel::Name));
    if (!i.isValid()) {
        // Hidden by the filter: the user asked to see this tensor, so the filter gives way.
        setFilter(QString());
        i = m_proxy->mapFromSource(m_model->index(row, TensorTableModel::Name));
    }
    m_quiet = true;
    m_view->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect |
                                                     QItemSelectionModel::Rows);
    m_view->scrollTo(i, QAbstractItemView::EnsureVisible);
    m_quiet = false;
}

QStringList TensorTable::selectedTensors() const
{
    QStringList out;
    for (int row : selectedSourceRows())
        out << m_model->rows()[row].name;
    return out;
}

QList<int> TensorTable::selectedSourceRows() const
{
    QList<int> rows;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows()) {
        const int row = m_proxy->mapToSource(i).row();
        if (row >= 0 && row < m_model->rows().size())
            rows << row;
    }
    std::sort(rows.begin(), rows.end()); // model order, whatever the sorting
    return rows;
}

void TensorTable::setFilter(const QString &pattern)
{
    if (m_filter->text() != pattern) {
        const QSignalBlocker block(m_filter);
        m_filter->setText(pattern);
    }
    QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption);
    if (!re.isValid())
        re = QRegularExpression(QRegularExpression::escape(pattern),
                                QRegularExpression::CaseInsensitiveOption);
    // Rows hidden or shown by the filter move the current index: that is not the user picking
    // a tensor.
    const bool wasQuiet = std::exchange(m_quiet, true);
    m_proxy->setFilterRegularExpression(re);
    m_quiet = wasQuiet;
    updateCount();
}

QStringList TensorTable::visibleTensors() const
{
    QStringList out;
    for (int i = 0; i < m_proxy->rowCount(); ++i)
        out << m_proxy->index(i, TensorTableModel::Name).data().toString();
    return out;
}

QStringList TensorTable::regexMatches() const
{
    const std::string pattern = m_regex->text().toStdString();
    if (pattern.empty())
        return {};
    QStringList out;
    try {
        // The engine recipe resolution uses, so the count is what the rule will match.
        const Core::NamePattern re(pattern, "match");
        for (const TensorRow &r : m_model->rows())
            if (re.search(r.name.toStdString()))
                out << r.name;
    } catch (const Core::Error &) {
        return {};
    }
    return out;
}

bool TensorTable::bulkKeys(nlohmann::json *keys, QString *error) const
{
    nlohmann::json out = nlohmann::json::object();
    const QString quant = m_bulkQuant->currentData().toString();
    if (!quant.isEmpty())
        out["quant"] = quant.toStdString();
    const QString granularity = m_bulkGranularity->currentData().toString();
    if (!granularity.isEmpty())
        out["granularity"] = granularity.toStdString();
    if (!m_bulkPrune->currentText().trimmed().isEmpty()) {
        nlohmann::json prune;
        if (!pruneKeysFromText(m_bulkPrune->currentText(), &prune, error))
            return false;
        out.update(prune);
    }
    *keys = out;
    return true;
}

void TensorTable::updateBulkBar()
{
    nlohmann::json keys;
    QString error;
    const bool keysOk = bulkKeys(&keys, &error);
    const bool haveKeys = keysOk && !keys.empty();
    if (!keysOk)
        showHint(error, true);
    else if (m_bulkError)
        showHint(QString(), false);
    m_bulkError = !keysOk;

    const qsizetype selected = m_view->selectionModel()->selectedRows().size();
    m_applySelection->setEnabled(haveKeys && selected > 0);
    m_applySelection->setText(selected > 0 ? Tr::tr("Apply to %1 selected").arg(selected)
                                           : Tr::tr("Apply to selection"));

    const QString pattern = m_regex->text();
    bool regexOk = false;
    if (pattern.isEmpty()) {
        m_regexInfo->clear();
    } else {
        const std::string why = Core::NamePattern::problem(pattern.toStdString());
        regexOk = why.empty();
        if (!regexOk)
            m_regexInfo->setText(Tr::tr("invalid regex: %1").arg(QString::fromStdString(why)));
    }
    qsizetype matches = 0;
    if (regexOk) {
        matches = regexMatches().size();
        m_regexInfo->setText(matches == 1 ? Tr::tr("1 match") : Tr::tr("%1 matches").arg(matches));
    }
    QPalette pal = m_regexInfo->palette();
    pal.setColor(QPalette::WindowText, pattern.isEmpty() || (regexOk && matches > 0)
                                           ? palette().color(QPalette::WindowText)
                                           : kErrorText);
    m_regexInfo->setPalette(pal);
    m_regex->setStyleSheet(regexOk || pattern.isEmpty()
                               ? QString()
                               : QStringLiteral("QLineEdit { border: 1px solid #c62828; }"));
    m_applyMatching->setEnabled(haveKeys && regexOk && matches > 0);
}

void TensorTable::updateCount()
{
    const int total = int(m_model->rows().size());
    const int shown = m_proxy->rowCount();
    QString text =
        shown == total ? tensorsText(total) : Tr::tr("%1 of %2").arg(shown).arg(tensorsText(total));
    const qsizetype selected = m_view->selectionModel()->selectedRows().size();
    if (selected > 0)
        text += Tr::tr(", %1 selected").arg(selected);
    m_count->setText(text);
}

void TensorTable::showHint(const QString &text, bool error)
{
    QPalette pal = m_hint->palette();
    pal.setColor(QPalette::WindowText, error ? kErrorText : palette().color(QPalette::WindowText));
    m_hint->setPalette(pal);
    m_hint->setText(text);
}

void TensorTable::applyToSelection()
{
    nlohmann::json keys;
    QString error;
    if (!bulkKeys(&keys, &error))
        return showHint(error, true);
    m_model->requestKeys(selectedSourceRows(), keys); // the model reports either way
}

void TensorTable::applyToMatching()
{
    nlohmann::json keys;
    QString error;
    if (!bulkKeys(&keys, &error))
        return showHint(error, true);
    const QStringList names = regexMatches();
    if (names.isEmpty())
        return showHint(Tr::tr("The regex matches no tensor"), true);
    QList<int> rows;
    for (const QString &name : names)
        rows << m_model->rowOf(name);
    // A rule that fails on one tensor, or changes none, would only come back as an error or a
    // "no effect" warning from the recipe: refuse it here, saying why.
    const QString problem = m_model->checkKeys(rows, keys);
    if (!problem.isEmpty())
        return showHint(Tr::tr("Refused: %1").arg(problem), true);
    showHint(Tr::tr("Asked for a rule: %1 → %2 (%3 now)")
                 .arg(m_regex->text(), keysText(keys), tensorsText(names.size())),
             false);
    Q_EMIT regexEditRequested(m_regex->text(), keys);
}

} // namespace Widgets
