// SPDX-License-Identifier: GPL-3.0-or-later
// The per-tensor controls, offscreen: the model's cells, sort keys and edit requests (only the
// keys that change, invalid values refused, rows never mutated), editing a multi-row selection,
// the bulk bar (selection and regex), the filter, quiet selectTensor and setRows that keeps the
// user's place. The fixture is the baseline's 92 tensors resolved through a real recipe
// (resources/recipes/int5-mlp.json plus two rules), priced like the treemap's fixture.

#include "tensortable.h"
#include "tensortabledelegate.h"

#include "bitpalette.h"
#include "bytetree.h"

#include "recipe/recipe.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QtTest>

#include <cmath>
#include <set>

Q_DECLARE_METATYPE(nlohmann::json)

using namespace Widgets;
using Col = TensorTableModel::Column;

namespace {

const QString kCq3 = QStringLiteral("blocks.3.attn.c_q.weight");
const QString kFc0 = QStringLiteral("blocks.0.mlp.fc.weight");   // int5, 2:4 pruned (rule 4)
const QString kCk8 = QStringLiteral("blocks.8.attn.c_k.weight"); // int4 g64 std:3 (rule 5)
const QString kEmb = QStringLiteral("tok_emb.weight");
const QString kGain0 = QStringLiteral("blocks.0.attn.q_gain");

std::vector<Core::TensorDesc> baselineDescs()
{
    std::vector<Core::TensorDesc> out;
    const auto add = [&](const std::string &name, std::vector<int64_t> shape) {
        int64_t numel = 1;
        for (int64_t d : shape)
            numel *= d;
        out.push_back({name, shape, numel, "float32"});
    };
    add("tok_emb.weight", {1024, 512});
    for (int i = 0; i < 9; ++i) {
        const std::string b = "blocks." + std::to_string(i) + ".";
        add(b + "attn_scale", {512});
        add(b + "mlp_scale", {512});
        add(b + "resid_mix", {2, 512});
        add(b + "attn.q_gain", {8});
        add(b + "attn.c_q.weight", {512, 512});
        add(b + "attn.c_k.weight", {256, 512});
        add(b + "attn.c_v.weight", {256, 512});
        add(b + "attn.proj.weight", {512, 512});
        add(b + "mlp.fc.weight", {1024, 512});
        add(b + "mlp.proj.weight", {512, 1024});
    }
    add("skip_weights", {4, 512});
    return out;
}

Core::Recipe fixtureRecipe()
{
    Core::Recipe recipe = Core::Recipe::load(GOLF_SOURCE_DIR "/resources/recipes/int5-mlp.json");
    Core::RecipeRule nm;
    nm.match = "^blocks\\.[0-2]\\.mlp\\.fc\\.";
    nm.settings = {{"prune", "nm"}, {"nm", "2:4"}};
    recipe.rules.push_back(nm); // rule 4
    Core::RecipeRule kv;
    kv.match = "^blocks\\.8\\.attn\\.c_[kv]\\.";
    kv.settings = {{"quant", "int4"},
                   {"granularity", "group"},
                   {"group_size", 64},
                   {"clip", "std"},
                   {"clip_value", 3}};
    recipe.rules.push_back(kv); // rule 5
    return recipe;
}

// Codes at storedBits plus one scale per scale group, or the values as floats.
qint64 payloadOf(const Core::TensorDesc &t, const Core::QuantSetting &s)
{
    if (s.scheme == Core::QuantScheme::Float)
        return t.numel * Core::floatTypeBytes(s.floatType);
    const qint64 rows = t.shape.size() >= 2 ? t.shape[0] : 1;
    const qint64 cols = t.numel / rows;
    const qint64 groups = s.granularity == Core::Granularity::Tensor ? 1
                          : s.granularity == Core::Granularity::Row
                              ? rows
                              : rows * ((cols + s.groupSize - 1) / s.groupSize);
    return (t.numel * s.storedBits() + 7) / 8 + groups * Core::floatTypeBytes(s.scaleType);
}

// "defaults", "rule 1 (tok_emb.weight)", "rules 0,4": what the window shows in Set by.
QString sourceLabel(const Core::Recipe &recipe, const Core::ResolvedTensor &t)
{
    std::set<int> rules;
    for (const auto &[key, source] : t.sources)
        if (source >= 0)
            rules.insert(source);
    if (rules.size() == 1) {
        const int r = *rules.begin();
        return QStringLiteral("rule %1 (%2)")
            .arg(r)
            .arg(QString::fromStdString(Core::ruleLabel(recipe.rules[size_t(r)])));
    }
    return QString::fromStdString(Core::sourceSummary(t));
}

// The 92 tensors priced: file bytes ≈ payload × 0.85 (about what lzma does on such codes).
QVector<TensorRow> baselineRows(double fileRatio = 0.85)
{
    const Core::Recipe recipe = fixtureRecipe();
    const Core::Resolution res = recipe.resolve(baselineDescs());
    QVector<TensorRow> rows;
    for (const Core::ResolvedTensor &t : res.tensors) {
        TensorRow r;
        r.name = QString::fromStdString(t.tensor.name);
        for (int64_t d : t.tensor.shape)
            r.shape << d;
        r.numel = t.tensor.numel;
        r.setting = t.setting;
        r.source = sourceLabel(recipe, t);
        const bool quantized = t.setting.scheme != Core::QuantScheme::Float;
        r.sparsity = t.setting.prune == Core::PruneMode::NM ? 0.502 : quantized ? 0.004 : 0.0;
        r.payloadBytes = payloadOf(t.tensor, t.setting);
        r.fileBytes = qint64(std::llround(double(r.payloadBytes) * fileRatio));
        rows << r;
    }
    return rows;
}

QString settingsDump(const QVector<TensorRow> &rows)
{
    QString out;
    for (const TensorRow &r : rows)
        out += r.name + QLatin1Char('=') + QString::fromStdString(r.setting.toJson().dump()) +
               QLatin1Char('\n');
    return out;
}

nlohmann::json keysOf(const QList<QVariant> &signal, int at)
{
    return signal.at(at).value<nlohmann::json>();
}

} // namespace

class tst_TensorTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void fixtureIsRealistic();
    void cells_data();
    void cells();
    void headersAndFlags();
    void quantSwatch();
    void numericSorting_data();
    void numericSorting();
    void naturalNameOrder();
    void textForms_data();
    void textForms();
    void edit_data();
    void edit();
    void invalidEdit_data();
    void invalidEdit();
    void gptqNeedsMatrix();
    void nmNeedsRowLength();
    void multiSelectionEdit();
    void doubleClickEditsSelection();
    void clickInsideSelectionCollapses();
    void bulkApplyToSelection();
    void bulkPruneTextChecked();
    void regexBulk_data();
    void regexBulk();
    void regexBulkRefused();
    void filter_data();
    void filter();
    void selectTensorIsQuiet();
    void userSelectionEmits();
    void setRowsKeepsPlace();
    void setRowsOtherTensors();
    void screenshot();

private:
    std::unique_ptr<TensorTable> m_table;
    QModelIndex proxyIndex(const QString &name, int column) const;
    void selectNames(const QStringList &names);
};

void tst_TensorTable::initTestCase()
{
    qRegisterMetaType<nlohmann::json>();
}

void tst_TensorTable::init()
{
    m_table = std::make_unique<TensorTable>();
    m_table->resize(1100, 600);
    m_table->setRows(baselineRows());
    m_table->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_table.get()));
}

void tst_TensorTable::cleanup()
{
    m_table.reset();
}

QModelIndex tst_TensorTable::proxyIndex(const QString &name, int column) const
{
    const int row = m_table->model()->rowOf(name);
    return m_table->proxy()->mapFromSource(m_table->model()->index(row, column));
}

void tst_TensorTable::selectNames(const QStringList &names)
{
    QItemSelection sel;
    for (const QString &n : names) {
        const QModelIndex i = proxyIndex(n, Col::Name);
        sel.select(i, i);
    }
    m_table->view()->selectionModel()->select(sel, QItemSelectionModel::ClearAndSelect |
                                                       QItemSelectionModel::Rows);
}

void tst_TensorTable::fixtureIsRealistic()
{
    const QVector<TensorRow> rows = baselineRows();
    QCOMPARE(rows.size(), 92);
    qint64 params = 0, file = 0;
    for (const TensorRow &r : rows) {
        params += r.numel;
        file += r.fileBytes;
    }
    QCOMPARE(params, qint64(17'059'912)); // the baseline's parameter count
    QVERIFY2(file > 9'000'000 && file < 16'000'000, qPrintable(formatByteCount(file)));
}

void tst_TensorTable::cells_data()
{
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    // c_q: int6 per row (defaults): 262,144 × 6/8 + 512 fp16 scales = 197,632; × 0.85 = 167,987.
    QTest::newRow("name") << kCq3 << int(Col::Name) << kCq3;
    QTest::newRow("shape") << kCq3 << int(Col::Shape) << "512 × 512";
    QTest::newRow("params") << kCq3 << int(Col::Params) << "262,144";
    QTest::newRow("quant") << kCq3 << int(Col::Quant) << "int6";
    QTest::newRow("granularity") << kCq3 << int(Col::Granularity) << "row";
    QTest::newRow("group n/a") << kCq3 << int(Col::GroupSize) << "–";
    QTest::newRow("clip") << kCq3 << int(Col::Clip) << "none";
    QTest::newRow("prune") << kCq3 << int(Col::Prune) << "none";
    QTest::newRow("zeros") << kCq3 << int(Col::Zeros) << "0.4 %";
    QTest::newRow("payload") << kCq3 << int(Col::Payload) << "197,632";
    QTest::newRow("file") << kCq3 << int(Col::FileBytes) << "167,987";
    QTest::newRow("share") << kCq3 << int(Col::Share) << "1.05 %";
    QTest::newRow("source defaults") << kCq3 << int(Col::Source) << "defaults";
    // mlp.fc of block 0: int5 by rule 0, 2:4 by rule 4.
    QTest::newRow("nm prune") << kFc0 << int(Col::Prune) << "2:4";
    QTest::newRow("nm zeros") << kFc0 << int(Col::Zeros) << "50.2 %";
    QTest::newRow("two rules") << kFc0 << int(Col::Source) << "rules 0,4";
    QTest::newRow("int5 payload") << kFc0 << int(Col::Payload) << "329,728";
    // c_k of block 8: int4 g64 std:3 by rule 5: 65,536 codes + 256 × 8 scales × 2 = 69,632.
    QTest::newRow("group") << kCk8 << int(Col::Granularity) << "group";
    QTest::newRow("group size") << kCk8 << int(Col::GroupSize) << "64";
    QTest::newRow("std clip") << kCk8 << int(Col::Clip) << "std:3";
    QTest::newRow("group payload") << kCk8 << int(Col::Payload) << "69,632";
    QTest::newRow("one rule") << kCk8 << int(Col::Source)
                              << "rule 5 (^blocks\\.8\\.attn\\.c_[kv]\\.)";
    // The embedding: fp16 by rule 1; scales and clipping do not apply to floats.
    QTest::newRow("fp16") << kEmb << int(Col::Quant) << "fp16";
    QTest::newRow("fp16 scales") << kEmb << int(Col::Granularity) << "–";
    QTest::newRow("fp16 clip") << kEmb << int(Col::Clip) << "–";
    QTest::newRow("fp16 payload") << kEmb << int(Col::Payload) << "1,048,576";
    QTest::newRow("fp16 share") << kEmb << int(Col::Share) << "5.57 %";
    QTest::newRow("fp16 zeros") << kEmb << int(Col::Zeros) << "0 %";
    QTest::newRow("emb source") << kEmb << int(Col::Source) << "rule 1 (tok_emb.weight)";
    // A control tensor: fp32, 8 values, 32 bytes.
    QTest::newRow("fp32") << kGain0 << int(Col::Quant) << "fp32";
    QTest::newRow("vector shape") << kGain0 << int(Col::Shape) << "8";
    QTest::newRow("tiny share") << kGain0 << int(Col::Share) << "< 0.01 %";
    QTest::newRow("tiny file") << kGain0 << int(Col::FileBytes) << "27";
}

void tst_TensorTable::cells()
{
    QFETCH(QString, tensor);
    QFETCH(int, column);
    QFETCH(QString, text);
    TensorTableModel model;
    model.setRows(baselineRows());
    const int row = model.rowOf(tensor);
    QVERIFY(row >= 0);
    QCOMPARE(model.data(model.index(row, column), Qt::DisplayRole).toString(), text);
}

void tst_TensorTable::headersAndFlags()
{
    TensorTableModel model;
    model.setRows(baselineRows());
    QCOMPARE(model.columnCount(), int(Col::ColumnCount));
    QCOMPARE(model.rowCount(), 92);
    QCOMPARE(model.rowOf(QStringLiteral("no.such.tensor")), -1);
    QStringList headers;
    for (int c = 0; c < model.columnCount(); ++c) {
        const QString h = model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        QVERIFY2(!h.isEmpty(), qPrintable(QString::number(c)));
        QVERIFY(!headers.contains(h));
        headers << h;
        QVERIFY(!model.headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty() ||
                c == Col::Shape);
    }
    // What can be edited depends on the scheme: floats have no scales, only Int clips.
    const auto editable = [&](const QString &name, int column) {
        return bool(model.flags(model.index(model.rowOf(name), column)) & Qt::ItemIsEditable);
    };
    for (int c : {Col::Quant, Col::Granularity, Col::GroupSize, Col::Clip, Col::Prune})
        QVERIFY(editable(kCq3, c));
    for (int c : {Col::Name, Col::Shape, Col::Params, Col::Zeros, Col::Payload, Col::FileBytes,
                  Col::Share, Col::Source})
        QVERIFY(!editable(kCq3, c));
    QVERIFY(editable(kEmb, Col::Quant));
    QVERIFY(editable(kEmb, Col::Prune));
    QVERIFY(!editable(kEmb, Col::Granularity));
    QVERIFY(!editable(kEmb, Col::GroupSize));
    QVERIFY(!editable(kEmb, Col::Clip));
    // The budget changes the share, and the header says which budget.
    model.setBudget(1'000'000);
    QCOMPARE(model.index(model.rowOf(kCq3), Col::Share).data().toString(),
             QStringLiteral("16.80 %"));
    QVERIFY(model.headerData(Col::Share, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("1,000,000")));
    model.setBudget(0);
    QCOMPARE(model.index(model.rowOf(kCq3), Col::Share).data().toString(), QStringLiteral("–"));
}

void tst_TensorTable::quantSwatch()
{
    TensorTableModel model;
    QVector<TensorRow> rows = baselineRows();
    const int cq = int(
        std::find_if(rows.begin(), rows.end(), [](const TensorRow &r) { return r.name == kCq3; }) -
        rows.begin());
    rows[cq].setting = Core::applySettingKeys(rows[cq].setting, {{"quant", "ternary"}}, "t");
    model.setRows(rows);
    const auto swatch = [&](const QString &name) {
        return model.index(model.rowOf(name), Col::Quant).data(Qt::DecorationRole).value<QColor>();
    };
    QCOMPARE(swatch(QStringLiteral("blocks.4.attn.c_q.weight")), colorForBits(6));
    QCOMPARE(swatch(kFc0), colorForBits(5));
    QCOMPARE(swatch(kCk8), colorForBits(4));
    QCOMPARE(swatch(kEmb), colorForBits(16));
    QCOMPARE(swatch(kGain0), colorForBits(32));
    // Ternary is drawn at its information content, 1.58 bits, not its 2 stored bits.
    QCOMPARE(swatch(kCq3), colorForBits(std::log2(3.0)));
    QVERIFY(swatch(kCq3) != colorForBits(2));
    QCOMPARE(model.index(cq, Col::Quant).data(TensorTableModel::BitsRole).toDouble(),
             std::log2(3.0));
    QVERIFY(!model.index(cq, Col::Name).data(Qt::DecorationRole).isValid());
}

void tst_TensorTable::numericSorting_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("smallest");
    QTest::addColumn<QString>("largest");
    // Ties keep model order (the proxy's sort is stable), so the first of a tie is expected.
    QTest::newRow("params") << int(Col::Params) << kGain0 << kEmb;
    QTest::newRow("quant bits") << int(Col::Quant) << QStringLiteral("blocks.8.attn.c_k.weight")
                                << QStringLiteral("blocks.8.attn.q_gain");
    QTest::newRow("payload") << int(Col::Payload) << kGain0 << kEmb;
    QTest::newRow("file bytes") << int(Col::FileBytes) << kGain0 << kEmb;
    QTest::newRow("share") << int(Col::Share) << kGain0 << kEmb;
    QTest::newRow("zeros") << int(Col::Zeros) << kEmb << QStringLiteral("blocks.2.mlp.fc.weight");
    QTest::newRow("group size") << int(Col::GroupSize) << kEmb
                                << QStringLiteral("blocks.8.attn.c_v.weight");
}

void tst_TensorTable::numericSorting()
{
    QFETCH(int, column);
    QFETCH(QString, smallest);
    QFETCH(QString, largest);
    QSortFilterProxyModel *proxy = m_table->proxy();
    m_table->view()->sortByColumn(column, Qt::AscendingOrder);
    const int n = proxy->rowCount();
    QCOMPARE(n, 92);
    // Numbers, not text: "1,048,576" sorts after "32" although it is smaller as a string.
    for (int i = 1; i < n; ++i) {
        const QVariant a = proxy->index(i - 1, column).data(TensorTableModel::SortRole);
        const QVariant b = proxy->index(i, column).data(TensorTableModel::SortRole);
        QVERIFY(a.canConvert<double>() && a.typeId() != QMetaType::QString);
        QVERIFY2(a.toDouble() <= b.toDouble(),
                 qPrintable(
                     QStringLiteral("row %1: %2 > %3").arg(i).arg(a.toDouble()).arg(b.toDouble())));
    }
    QCOMPARE(proxy->index(0, Col::Name).data().toString(), smallest);
    m_table->view()->sortByColumn(column, Qt::DescendingOrder);
    // Descending: the last of the largest tie comes first.
    const QVariant top = proxy->index(0, column).data(TensorTableModel::SortRole);
    const int lr = m_table->model()->rowOf(largest);
    QCOMPARE(m_table->model()->index(lr, column).data(TensorTableModel::SortRole), top);
}

void tst_TensorTable::naturalNameOrder()
{
    QVector<TensorRow> rows;
    for (const char *n : {"blocks.10.mlp.fc.weight", "blocks.2.mlp.fc.weight",
                          "blocks.1.mlp.fc.weight", "tok_emb.weight"}) {
        TensorRow r;
        r.name = QString::fromLatin1(n);
        rows << r;
    }
    m_table->setRows(rows);
    m_table->view()->sortByColumn(Col::Name, Qt::AscendingOrder);
    QCOMPARE(m_table->visibleTensors(),
             QStringList({"blocks.1.mlp.fc.weight", "blocks.2.mlp.fc.weight",
                          "blocks.10.mlp.fc.weight", "tok_emb.weight"}));
}

void tst_TensorTable::textForms_data()
{
    QTest::addColumn<QString>("keys");  // applied to the default setting (int8 row)
    QTest::addColumn<QString>("clip");  // clipText
    QTest::addColumn<QString>("prune"); // pruneText
    QTest::newRow("plain") << R"({})"
                           << "none"
                           << "none";
    QTest::newRow("percentile") << R"({"clip":"percentile","clip_value":99.99984})"
                                << "p99.99984"
                                << "none";
    QTest::newRow("std") << R"({"clip":"std","clip_value":12.85})"
                         << "std:12.85"
                         << "none";
    QTest::newRow("magnitude") << R"({"prune":"magnitude","sparsity":0.5})"
                               << "none"
                               << "50%";
    QTest::newRow("magnitude odd") << R"({"prune":"magnitude","sparsity":0.125})"
                                   << "none"
                                   << "12.5%";
    QTest::newRow("nm") << R"({"prune":"nm","nm":"2:4"})"
                        << "none"
                        << "2:4";
    QTest::newRow("rows") << R"({"prune":"rows","sparsity":0.25})"
                          << "none"
                          << "rows 25%";
    QTest::newRow("row blocks") << R"({"prune":"rows","sparsity":0.25,"row_block":64})"
                                << "none"
                                << "rows 25% x64";
    QTest::newRow("float") << R"({"quant":"fp16"})"
                           << ""
                           << "none";
}

void tst_TensorTable::textForms()
{
    QFETCH(QString, keys);
    QFETCH(QString, clip);
    QFETCH(QString, prune);
    const Core::QuantSetting s =
        Core::applySettingKeys({}, nlohmann::json::parse(keys.toStdString()), "test");
    QCOMPARE(clipText(s), clip);
    QCOMPARE(pruneText(s), prune);
    // What a cell shows reads back as the same setting.
    nlohmann::json back;
    QString error;
    QVERIFY2(pruneKeysFromText(prune, &back, &error), qPrintable(error));
    Core::QuantSetting again = Core::applySettingKeys(s, back, "prune");
    if (!clip.isEmpty()) {
        QVERIFY2(clipKeysFromText(clip, &back, &error), qPrintable(error));
        again = Core::applySettingKeys(again, back, "clip");
    }
    QCOMPARE(again.toJson().dump(), s.toJson().dump());
    // describe()'s form of pruning is accepted too.
    QVERIFY(pruneKeysFromText(QStringLiteral("prune ") + prune, &back, &error));
}

void tst_TensorTable::edit_data()
{
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<int>("column");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("keys");
    QTest::newRow("quant") << kCq3 << int(Col::Quant) << QVariant("int5") << R"({"quant":"int5"})";
    QTest::newRow("ternary") << kCq3 << int(Col::Quant) << QVariant("ternary")
                             << R"({"quant":"ternary"})";
    QTest::newRow("binary") << kCq3 << int(Col::Quant) << QVariant("binary")
                            << R"({"quant":"binary"})";
    QTest::newRow("float to int") << kEmb << int(Col::Quant) << QVariant("int8")
                                  << R"({"quant":"int8"})";
    QTest::newRow("int to bf16") << kCq3 << int(Col::Quant) << QVariant("bf16")
                                 << R"({"quant":"bf16"})";
    QTest::newRow("granularity") << kCq3 << int(Col::Granularity) << QVariant("tensor")
                                 << R"({"granularity":"tensor"})";
    // A group size asks for group granularity too, unless the tensor already has it.
    QTest::newRow("group size from row") << kCq3 << int(Col::GroupSize) << QVariant(128)
                                         << R"({"granularity":"group","group_size":128})";
    QTest::newRow("group size in group")
        << kCk8 << int(Col::GroupSize) << QVariant(32) << R"({"group_size":32})";
    QTest::newRow("group size as text")
        << kCk8 << int(Col::GroupSize) << QVariant("256") << R"({"group_size":256})";
    QTest::newRow("clip std") << kCq3 << int(Col::Clip) << QVariant("std:12.85")
                              << R"({"clip":"std","clip_value":12.85})";
    QTest::newRow("clip percentile") << kCq3 << int(Col::Clip) << QVariant("p99.9")
                                     << R"({"clip":"percentile","clip_value":99.9})";
    QTest::newRow("clip value only")
        << kCk8 << int(Col::Clip) << QVariant("std:2.5") << R"({"clip_value":2.5})";
    QTest::newRow("clip none") << kCk8 << int(Col::Clip) << QVariant("none")
                               << R"({"clip":"none"})";
    QTest::newRow("magnitude") << kCq3 << int(Col::Prune) << QVariant("50%")
                               << R"({"prune":"magnitude","sparsity":0.5})";
    QTest::newRow("nm") << kCq3 << int(Col::Prune) << QVariant("2:4")
                        << R"({"nm":"2:4","prune":"nm"})";
    QTest::newRow("nm already nm")
        << kFc0 << int(Col::Prune) << QVariant("1:4") << R"({"nm":"1:4"})";
    // "rows 25%" means blocks of one row; the old setting's canonical form had no row_block.
    QTest::newRow("rows") << kCq3 << int(Col::Prune) << QVariant("rows 25%")
                          << R"({"prune":"rows","row_block":1,"sparsity":0.25})";
    QTest::newRow("row blocks") << kCq3 << int(Col::Prune) << QVariant("rows 25% x64")
                                << R"({"prune":"rows","row_block":64,"sparsity":0.25})";
    QTest::newRow("unprune") << kFc0 << int(Col::Prune) << QVariant("none")
                             << R"({"prune":"none"})";
    QTest::newRow("prune a float")
        << kEmb << int(Col::Prune) << QVariant("2:4") << R"({"nm":"2:4","prune":"nm"})";
}

void tst_TensorTable::edit()
{
    QFETCH(QString, tensor);
    QFETCH(int, column);
    QFETCH(QVariant, value);
    QFETCH(QString, keys);
    TensorTableModel model;
    model.setRows(baselineRows());
    const QString before = settingsDump(model.rows());
    QSignalSpy requested(&model, &TensorTableModel::editRequested);
    QSignalSpy refused(&model, &TensorTableModel::editRefused);
    const int row = model.rowOf(tensor);
    QVERIFY2(model.setData(model.index(row, column), value, Qt::EditRole),
             qPrintable(model.lastRefusal()));
    QCOMPARE(refused.count(), 0);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toStringList(), QStringList{tensor});
    QCOMPARE(QString::fromStdString(keysOf(requested.at(0), 1).dump()), keys);
    // The table never changes its rows: the window re-prices and calls setRows.
    QCOMPARE(settingsDump(model.rows()), before);
    // The keys really turn the old setting into one the recipe accepts.
    const Core::QuantSetting next =
        Core::applySettingKeys(model.rows()[row].setting, keysOf(requested.at(0), 1), "t");
    next.validate("t");
    QVERIFY(next != model.rows()[row].setting);
}

void tst_TensorTable::invalidEdit_data()
{
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<int>("column");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("reason"); // part of the refusal; "" = refused without a reason
    QTest::newRow("group size 0") << kCq3 << int(Col::GroupSize) << QVariant(0)
                                  << "blocks.3.attn.c_q.weight: group_size: must be at least 1";
    QTest::newRow("group size negative")
        << kCq3 << int(Col::GroupSize) << QVariant(-3) << "must be at least 1";
    QTest::newRow("group size text")
        << kCq3 << int(Col::GroupSize) << QVariant("lots") << "whole number";
    QTest::newRow("int9") << kCq3 << int(Col::Quant) << QVariant("int9") << "unknown value";
    QTest::newRow("quant empty") << kCq3 << int(Col::Quant) << QVariant("") << "unknown value";
    QTest::newRow("granularity bogus")
        << kCq3 << int(Col::Granularity) << QVariant("column") << "unknown value";
    QTest::newRow("binary pruned") << kFc0 << int(Col::Quant) << QVariant("binary")
                                   << "binary codes can't represent pruned zeros";
    QTest::newRow("percentile > 100")
        << kCq3 << int(Col::Clip) << QVariant("p150") << "percentile must be in (0, 100]";
    QTest::newRow("std 0") << kCq3 << int(Col::Clip) << QVariant("std:0") << "must be a number > 0";
    QTest::newRow("clip text") << kCq3 << int(Col::Clip) << QVariant("tight") << "clip: expected";
    QTest::newRow("5:2") << kCq3 << int(Col::Prune) << QVariant("5:2")
                         << "N:M pruning needs 1 <= N < M <= 64";
    QTest::newRow("2:2") << kCq3 << int(Col::Prune) << QVariant("2:2") << "1 <= N < M";
    QTest::newRow("0:4") << kCq3 << int(Col::Prune) << QVariant("0:4") << "1 <= N < M";
    QTest::newRow("2:5 on 512") << kCq3 << int(Col::Prune) << QVariant("2:5")
                                << "row length (512) to be a multiple of 5";
    QTest::newRow("100%") << kCq3 << int(Col::Prune) << QVariant("100%") << "fraction in [0, 1)";
    QTest::newRow("row blocks of 7") << kCq3 << int(Col::Prune) << QVariant("rows 25% x7")
                                     << "row count (512) to be a multiple of 7";
    QTest::newRow("prune text") << kCq3 << int(Col::Prune) << QVariant("half") << "prune: expected";
    QTest::newRow("no change") << kCq3 << int(Col::Quant) << QVariant("int6") << "already";
    QTest::newRow("no change group") << kCk8 << int(Col::GroupSize) << QVariant(64) << "already";
    QTest::newRow("not editable") << kCq3 << int(Col::Payload) << QVariant("1") << "";
    QTest::newRow("float has no scales") << kEmb << int(Col::Granularity) << QVariant("row") << "";
}

void tst_TensorTable::gptqNeedsMatrix()
{
    // The table asks core (Recipe::resolve), so it refuses what the exporter refuses, including
    // the check it once lacked: gptq rounds a 2-D linear weight, never a 1-D gain.
    TensorTableModel model;
    model.setRows(baselineRows());
    const int gain = model.rowOf(QStringLiteral("blocks.0.attn_scale"));
    QVERIFY(gain >= 0);
    const nlohmann::json keys = {{"quant", "int8"}, {"method", "gptq"}};
    const QString problem = model.checkKeys({gain}, keys);
    QVERIFY2(problem.contains(QStringLiteral("gptq needs a 2-D weight")), qPrintable(problem));
    QVERIFY2(problem.startsWith(QStringLiteral("blocks.0.attn_scale: ")), qPrintable(problem));
    QVERIFY(model.checkKeys({model.rowOf(kCq3)}, keys).isEmpty());
}

void tst_TensorTable::invalidEdit()
{
    QFETCH(QString, tensor);
    QFETCH(int, column);
    QFETCH(QVariant, value);
    QFETCH(QString, reason);
    TensorTableModel model;
    model.setRows(baselineRows());
    const QString before = settingsDump(model.rows());
    QSignalSpy requested(&model, &TensorTableModel::editRequested);
    QSignalSpy refused(&model, &TensorTableModel::editRefused);
    QVERIFY(!model.setData(model.index(model.rowOf(tensor), column), value, Qt::EditRole));
    QCOMPARE(requested.count(), 0);
    QCOMPARE(settingsDump(model.rows()), before);
    if (reason.isEmpty()) {
        QCOMPARE(refused.count(), 0);
        return;
    }
    QCOMPARE(refused.count(), 1);
    const QString got = refused.at(0).at(0).toString();
    QVERIFY2(got.contains(reason), qPrintable(got));
    QCOMPARE(model.lastRefusal(), got);
    // Core's checks name the tensor; unreadable text is about the text ("clip: expected ...").
    const bool aboutText = got.startsWith(QStringLiteral("group size:")) ||
                           got.startsWith(QStringLiteral("clip:")) ||
                           got.startsWith(QStringLiteral("prune:"));
    QVERIFY2(aboutText || got.contains(tensor), qPrintable(got));
}

void tst_TensorTable::nmNeedsRowLength()
{
    // "2:5" is a valid N:M; it needs rows whose length is a multiple of 5.
    TensorRow probe;
    probe.name = QStringLiteral("probe.weight");
    probe.shape = {4, 10};
    probe.numel = 40;
    QVector<TensorRow> rows = baselineRows();
    rows << probe;
    TensorTableModel model;
    model.setRows(rows);
    QSignalSpy requested(&model, &TensorTableModel::editRequested);
    QVERIFY(model.setData(model.index(92, Col::Prune), QStringLiteral("2:5"), Qt::EditRole));
    QCOMPARE(requested.count(), 1);
    QCOMPARE(QString::fromStdString(keysOf(requested.at(0), 1).dump()),
             QStringLiteral(R"({"nm":"2:5","prune":"nm"})"));
    // Both together: one tensor refuses, so nothing is asked for.
    QVERIFY(!model.requestEdit({model.rowOf(kCq3), 92}, Col::Prune, QStringLiteral("2:5")));
    QCOMPARE(requested.count(), 1);
}

void tst_TensorTable::multiSelectionEdit()
{
    QStringList fc;
    for (int i = 0; i < 9; ++i)
        fc << QStringLiteral("blocks.%1.mlp.fc.weight").arg(i);
    selectNames(fc);
    QCOMPARE(m_table->selectedTensors(), fc);
    QSignalSpy requested(m_table.get(), &TensorTable::editRequested);
    const QString before = settingsDump(m_table->model()->rows());

    // Through the view's model, as the delegate commits: one request for all nine.
    QVERIFY(m_table->proxy()->setData(proxyIndex(fc[4], Col::Quant), QStringLiteral("int4")));
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toStringList(), fc);
    QCOMPARE(QString::fromStdString(keysOf(requested.at(0), 1).dump()),
             QStringLiteral(R"({"quant":"int4"})"));

    // Three of them are already 2:4: the other six change, and only they are named.
    QVERIFY(m_table->proxy()->setData(proxyIndex(fc[0], Col::Prune), QStringLiteral("2:4")));
    QCOMPARE(requested.count(), 2);
    QCOMPARE(requested.at(1).at(0).toStringList(), fc.mid(3));

    // A row outside the selection is edited alone.
    QVERIFY(m_table->proxy()->setData(proxyIndex(kCq3, Col::Quant), QStringLiteral("int4")));
    QCOMPARE(requested.count(), 3);
    QCOMPARE(requested.at(2).at(0).toStringList(), QStringList{kCq3});

    // One invalid row refuses the whole edit: binary can't hold the 2:4 zeros.
    QVERIFY(!m_table->proxy()->setData(proxyIndex(fc[5], Col::Quant), QStringLiteral("binary")));
    QCOMPARE(requested.count(), 3);
    QVERIFY(m_table->hintLabel()->text().contains(QStringLiteral("blocks.0.mlp.fc.weight")));
    QCOMPARE(m_table->hintLabel()->palette().color(QPalette::WindowText), QColor(0xc6, 0x28, 0x28));
    QCOMPARE(settingsDump(m_table->model()->rows()), before);
    QCOMPARE(m_table->selectedTensors(), fc);
}

void tst_TensorTable::doubleClickEditsSelection()
{
    const QStringList names{QStringLiteral("blocks.1.mlp.fc.weight"),
                            QStringLiteral("blocks.4.mlp.fc.weight"),
                            QStringLiteral("blocks.7.mlp.fc.weight")};
    selectNames(names);
    QSignalSpy requested(m_table.get(), &TensorTable::editRequested);
    QTableView *view = m_table->view();
    const QModelIndex cell = proxyIndex(names[1], Col::Quant);
    view->scrollTo(cell);
    const QPoint at = view->visualRect(cell).center();
    // What a window system delivers for a double-click (QTest::mouseDClick sends only the
    // last event): press, release, press, double-click, release.
    QWidget *vp = view->viewport();
    QTest::mousePress(vp, Qt::LeftButton, Qt::NoModifier, at);
    QTest::mouseRelease(vp, Qt::LeftButton, Qt::NoModifier, at);
    QTest::mousePress(vp, Qt::LeftButton, Qt::NoModifier, at);
    QTest::mouseDClick(vp, Qt::LeftButton, Qt::NoModifier, at);
    QTest::mouseRelease(vp, Qt::LeftButton, Qt::NoModifier, at);
    // The double-click opened the quant editor and kept the selection.
    QCOMPARE(m_table->selectedTensors(), names);
    auto *editor = view->viewport()->findChild<QComboBox *>();
    QVERIFY(editor);
    QCOMPARE(editor->currentText(), QStringLiteral("int5"));
    QCOMPARE(editor->count(), quantChoices().size());
    QVERIFY(!editor->itemIcon(0).isNull()); // the swatches
    // Down picks the next format (int6), which commits at once.
    QTest::keyClick(editor, Qt::Key_Down);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toStringList(), names);
    QCOMPARE(QString::fromStdString(keysOf(requested.at(0), 1).dump()),
             QStringLiteral(R"({"quant":"int6"})"));
    // Nothing collapses the selection afterwards.
    QTest::qWait(QApplication::doubleClickInterval() + 100);
    QCOMPARE(m_table->selectedTensors(), names);
}

void tst_TensorTable::clickInsideSelectionCollapses()
{
    const QStringList names{QStringLiteral("blocks.1.mlp.fc.weight"),
                            QStringLiteral("blocks.2.mlp.fc.weight")};
    selectNames(names);
    QTableView *view = m_table->view();
    const QModelIndex cell = proxyIndex(names[1], Col::Name);
    view->scrollTo(cell);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier,
                      view->visualRect(cell).center());
    QCOMPARE(m_table->selectedTensors(), names); // kept for a possible double-click
    QTRY_COMPARE(m_table->selectedTensors(), QStringList{names[1]});
    // A click outside a selection selects at once.
    const QModelIndex other = proxyIndex(kCq3, Col::Name);
    view->scrollTo(other);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier,
                      view->visualRect(other).center());
    QCOMPARE(m_table->selectedTensors(), QStringList{kCq3});
}

void tst_TensorTable::bulkApplyToSelection()
{
    QPushButton *apply = m_table->applySelectionButton();
    QVERIFY(!apply->isEnabled()); // nothing chosen, nothing selected
    const QStringList names{kCq3, QStringLiteral("blocks.3.attn.proj.weight"),
                            QStringLiteral("blocks.3.mlp.proj.weight")};
    selectNames(names);
    QVERIFY(!apply->isEnabled()); // still nothing chosen
    m_table->bulkQuantCombo()->setCurrentText(QStringLiteral("int4"));
    m_table->bulkPruneCombo()->setCurrentText(QStringLiteral("2:4"));
    QVERIFY(apply->isEnabled());
    QVERIFY(apply->text().contains(QLatin1Char('3')));
    QSignalSpy requested(m_table.get(), &TensorTable::editRequested);
    QSignalSpy byRegex(m_table.get(), &TensorTable::regexEditRequested);
    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(byRegex.count(), 0);
    QCOMPARE(requested.at(0).at(0).toStringList(), names);
    QCOMPARE(QString::fromStdString(keysOf(requested.at(0), 1).dump()),
             QStringLiteral(R"({"nm":"2:4","prune":"nm","quant":"int4"})"));
    QVERIFY(m_table->hintLabel()->text().contains(QStringLiteral("3 tensors")));
    // Granularity only, on a group-quantized tensor among them: the keys say what changes.
    m_table->bulkQuantCombo()->setCurrentIndex(0);
    m_table->bulkPruneCombo()->setCurrentText(QString());
    m_table->bulkGranularityCombo()->setCurrentText(QStringLiteral("group"));
    selectNames({kCq3, kCk8});
    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(requested.count(), 2);
    QCOMPARE(requested.at(1).at(0).toStringList(), QStringList{kCq3});
    QCOMPARE(QString::fromStdString(keysOf(requested.at(1), 1).dump()),
             QStringLiteral(R"({"granularity":"group"})"));
}

void tst_TensorTable::bulkPruneTextChecked()
{
    selectNames({kCq3});
    m_table->bulkPruneCombo()->setCurrentText(QStringLiteral("most of it"));
    QVERIFY(!m_table->applySelectionButton()->isEnabled());
    QVERIFY(m_table->hintLabel()->text().contains(QStringLiteral("prune: expected")));
    m_table->bulkPruneCombo()->setCurrentText(QStringLiteral("rows 50%"));
    QVERIFY(m_table->applySelectionButton()->isEnabled());
    QVERIFY(m_table->hintLabel()->text().isEmpty());
    nlohmann::json keys;
    QString error;
    QVERIFY(m_table->bulkKeys(&keys, &error));
    QCOMPARE(QString::fromStdString(keys.dump()),
             QStringLiteral(R"({"prune":"rows","row_block":1,"sparsity":0.5})"));
}

void tst_TensorTable::regexBulk_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("matches"); // -1: invalid
    QTest::newRow("mlp") << "\\.mlp\\." << 18;
    QTest::newRow("fc") << "\\.mlp\\.fc\\." << 9;
    QTest::newRow("first blocks") << "^blocks\\.[0-2]\\." << 30;
    QTest::newRow("qkv") << "c_[qkv]" << 27;
    QTest::newRow("case-sensitive like the recipe") << "MLP" << 0;
    QTest::newRow("unbalanced (") << "(mlp" << -1;
    QTest::newRow("unbalanced [") << "c_[qk" << -1;
    QTest::newRow("dangling repeat") << "*mlp" << -1;
}

void tst_TensorTable::regexBulk()
{
    QFETCH(QString, pattern);
    QFETCH(int, matches);
    m_table->bulkQuantCombo()->setCurrentText(QStringLiteral("int4"));
    QSignalSpy byRegex(m_table.get(), &TensorTable::regexEditRequested);
    QTest::keyClicks(m_table->regexEdit(), pattern);
    QPushButton *apply = m_table->applyMatchingButton();
    const QLabel *info = m_table->regexInfoLabel();
    const QColor red(0xc6, 0x28, 0x28);
    if (matches < 0) {
        QVERIFY(!apply->isEnabled());
        QVERIFY2(info->text().startsWith(QStringLiteral("invalid regex")),
                 qPrintable(info->text()));
        QCOMPARE(info->palette().color(QPalette::WindowText), red);
        QVERIFY(m_table->regexMatches().isEmpty());
        QTest::mouseClick(apply, Qt::LeftButton);
        QCOMPARE(byRegex.count(), 0);
        return;
    }
    QCOMPARE(m_table->regexMatches().size(), matches);
    QVERIFY2(info->text().startsWith(QString::number(matches) + QLatin1Char(' ')),
             qPrintable(info->text()));
    QCOMPARE(apply->isEnabled(), matches > 0);
    if (matches == 0) {
        QCOMPARE(info->palette().color(QPalette::WindowText), red);
        return;
    }
    QVERIFY(info->palette().color(QPalette::WindowText) != red);
    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(byRegex.count(), 1);
    QCOMPARE(byRegex.at(0).at(0).toString(), pattern);
    QCOMPARE(QString::fromStdString(keysOf(byRegex.at(0), 1).dump()),
             QStringLiteral(R"({"quant":"int4"})"));
    // No keys chosen: nothing to apply.
    m_table->bulkQuantCombo()->setCurrentIndex(0);
    QVERIFY(!apply->isEnabled());
}

void tst_TensorTable::regexBulkRefused()
{
    QSignalSpy byRegex(m_table.get(), &TensorTable::regexEditRequested);
    m_table->regexEdit()->setText(QStringLiteral("\\.mlp\\.fc\\."));
    // Binary can't store the 2:4 zeros of blocks 0-2: the rule would break the recipe.
    m_table->bulkQuantCombo()->setCurrentText(QStringLiteral("binary"));
    QTest::mouseClick(m_table->applyMatchingButton(), Qt::LeftButton);
    QCOMPARE(byRegex.count(), 0);
    QVERIFY(m_table->hintLabel()->text().contains(QStringLiteral("pruned zeros")));
    // A rule that changes nothing is refused too (the recipe would warn "no effect").
    m_table->bulkQuantCombo()->setCurrentText(QStringLiteral("int5"));
    QTest::mouseClick(m_table->applyMatchingButton(), Qt::LeftButton);
    QCOMPARE(byRegex.count(), 0);
    QVERIFY(m_table->hintLabel()->text().contains(QStringLiteral("no tensor would change")));
}

void tst_TensorTable::filter_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("visible");
    QTest::newRow("none") << "" << 92;
    QTest::newRow("substring") << "mlp.fc" << 9;
    QTest::newRow("case-insensitive") << "C_Q" << 9;
    QTest::newRow("regex") << "blocks\\.1\\." << 10;
    QTest::newRow("alternation") << "tok_emb|skip" << 2;
    QTest::newRow("scales") << "_scale" << 18;
    QTest::newRow("invalid regex as text") << "c_q(" << 0;
    QTest::newRow("nothing") << "lm_head" << 0;
}

void tst_TensorTable::filter()
{
    QFETCH(QString, pattern);
    QFETCH(int, visible);
    QTest::keyClicks(m_table->filterEdit(), pattern);
    QCOMPARE(m_table->visibleTensors().size(), visible);
    QCOMPARE(m_table->proxy()->rowCount(), visible);
    for (const QString &name : m_table->visibleTensors())
        QVERIFY(
            name.contains(QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption)));
    m_table->setFilter(QString());
    QCOMPARE(m_table->visibleTensors().size(), 92);
    QVERIFY(m_table->filterEdit()->text().isEmpty());
}

void tst_TensorTable::selectTensorIsQuiet()
{
    QSignalSpy selected(m_table.get(), &TensorTable::tensorSelected);
    const QString name = QStringLiteral("blocks.8.mlp.proj.weight"); // near the bottom
    m_table->selectTensor(name);
    QCOMPARE(selected.count(), 0);
    QCOMPARE(m_table->selectedTensors(), QStringList{name});
    QTableView *view = m_table->view();
    QCOMPARE(view->currentIndex().row(), proxyIndex(name, 0).row());
    QVERIFY(view->viewport()->rect().intersects(view->visualRect(proxyIndex(name, 0))));
    QVERIFY(view->verticalScrollBar()->value() > 0);
    // Hidden by the filter: the filter gives way.
    m_table->setFilter(QStringLiteral("attn"));
    m_table->selectTensor(kEmb);
    QCOMPARE(m_table->selectedTensors(), QStringList{kEmb});
    QVERIFY(m_table->filterEdit()->text().isEmpty());
    QCOMPARE(selected.count(), 0);
    m_table->selectTensor(QStringLiteral("no.such.tensor"));
    QCOMPARE(m_table->selectedTensors(), QStringList{kEmb});
}

void tst_TensorTable::userSelectionEmits()
{
    QSignalSpy selected(m_table.get(), &TensorTable::tensorSelected);
    QTableView *view = m_table->view();
    const QModelIndex cell = proxyIndex(kCq3, Col::Params);
    view->scrollTo(cell);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier,
                      view->visualRect(cell).center());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).toString(), kCq3);
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(selected.count(), 2);
    QCOMPARE(selected.at(1).at(0).toString(), QStringLiteral("blocks.3.attn.c_k.weight"));
}

void tst_TensorTable::setRowsKeepsPlace()
{
    QTableView *view = m_table->view();
    view->sortByColumn(Col::FileBytes, Qt::DescendingOrder);
    const QStringList names{QStringLiteral("blocks.5.attn.c_v.weight"),
                            QStringLiteral("blocks.6.attn.c_v.weight")};
    selectNames(names);
    view->selectionModel()->setCurrentIndex(proxyIndex(names[0], Col::Quant),
                                            QItemSelectionModel::NoUpdate);
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum() / 2);
    const int scroll = view->verticalScrollBar()->value();
    QVERIFY(scroll > 0);
    QSignalSpy selected(m_table.get(), &TensorTable::tensorSelected);

    // Re-priced: same tensors, new bytes.
    m_table->setRows(baselineRows(0.80));
    QCOMPARE(m_table->selectedTensors(), names);
    QCOMPARE(view->currentIndex(), proxyIndex(names[0], Col::Quant));
    QCOMPARE(view->verticalScrollBar()->value(), scroll);
    QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), int(Col::FileBytes));
    QCOMPARE(selected.count(), 0);
    QCOMPARE(proxyIndex(kCq3, Col::FileBytes).data().toString(),
             formatByteCount(std::llround(197632 * 0.80)));
}

void tst_TensorTable::setRowsOtherTensors()
{
    QTableView *view = m_table->view();
    const QStringList names{QStringLiteral("blocks.6.attn.c_q.weight"),
                            QStringLiteral("blocks.7.attn.c_q.weight")};
    selectNames(names + QStringList{QStringLiteral("skip_weights")});
    view->selectionModel()->setCurrentIndex(proxyIndex(names[1], Col::Name),
                                            QItemSelectionModel::NoUpdate);
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum() / 2);
    const int scroll = view->verticalScrollBar()->value();
    QSignalSpy selected(m_table.get(), &TensorTable::tensorSelected);
    // Another model: skip_weights is gone; the rest of the selection and the place stay.
    QVector<TensorRow> rows = baselineRows();
    rows.removeLast();
    QCOMPARE(rows.last().name, QStringLiteral("blocks.8.mlp.proj.weight"));
    m_table->setRows(rows);
    QCOMPARE(m_table->model()->rowCount(), 91);
    QCOMPARE(m_table->selectedTensors(), names.mid(0, 2));
    QCOMPARE(
        m_table->model()->rows()[m_table->proxy()->mapToSource(view->currentIndex()).row()].name,
        names[1]);
    QCOMPARE(view->verticalScrollBar()->value(), scroll);
    QCOMPARE(selected.count(), 0);
}

void tst_TensorTable::screenshot()
{
    m_table->resize(1100, 600);
    m_table->bulkQuantCombo()->setCurrentText(QStringLiteral("int5"));
    m_table->regexEdit()->setText(QStringLiteral("\\.mlp\\.proj\\."));
    m_table->view()->scrollTo(proxyIndex(QStringLiteral("blocks.1.attn.c_q.weight"), 0),
                              QAbstractItemView::PositionAtTop);
    selectNames({QStringLiteral("blocks.2.attn.c_q.weight"),
                 QStringLiteral("blocks.2.attn.c_k.weight"),
                 QStringLiteral("blocks.2.attn.c_v.weight")});
    QTest::qWait(50);
    const QString dir = QStringLiteral(GOLF_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    const QString path = dir + QStringLiteral("/tensortable.png");
    const QPixmap shot = m_table->grab();
    QCOMPARE(shot.size(), QSize(1100, 600));
    QVERIFY2(shot.save(path), qPrintable(path));

    // Editing the selection: a refused edit's reason in red, then the quant editor open.
    QVERIFY(!m_table->proxy()->setData(
        proxyIndex(QStringLiteral("blocks.2.attn.c_k.weight"), Col::Prune), QStringLiteral("5:2")));
    QTableView *view = m_table->view();
    const QModelIndex cell = proxyIndex(QStringLiteral("blocks.2.attn.c_k.weight"), Col::Quant);
    view->edit(cell);
    QVERIFY(view->viewport()->findChild<QComboBox *>());
    QCOMPARE(m_table->selectedTensors().size(), 3);
    QTest::qWait(50);
    const QString editPath = dir + QStringLiteral("/tensortable-edit.png");
    QVERIFY2(m_table->grab().save(editPath), qPrintable(editPath));
}

QTEST_MAIN(tst_TensorTable)
#include "tst_tensortable.moc"
