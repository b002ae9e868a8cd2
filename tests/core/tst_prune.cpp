// SPDX-License-Identifier: GPL-3.0-or-later
// Pruning (quant/quantizer_p.h prune, pruneReference) against pack/quantsetting.h: the fast
// path equals the scalar reference bit for bit; magnitude pruning zeroes exactly
// floor(sparsity * numel) of the smallest weights, N:M keeps the n largest of every run, row
// pruning zeroes whole blocks with the smallest norms; ties go to the lower index; and pruned
// zeros stay exactly zero through every quantize/dequantize scheme that can represent them.

#include "tensorbits.h"
#include "errortext.h"
#include "common/error.h"
#include "quant/quantizer_p.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace Core;

Q_DECLARE_METATYPE(Core::QuantSetting)

using TestData::sameBits;

namespace {

QuantSetting magnitude(double sparsity)
{
    QuantSetting s;
    s.prune = PruneMode::Magnitude;
    s.sparsity = sparsity;
    return s;
}

QuantSetting nm(int n, int m)
{
    QuantSetting s;
    s.prune = PruneMode::NM;
    s.n = n;
    s.m = m;
    return s;
}

QuantSetting rowsPrune(double sparsity, int rowBlock)
{
    QuantSetting s;
    s.prune = PruneMode::Rows;
    s.sparsity = sparsity;
    s.rowBlock = rowBlock;
    return s;
}

QString shapeText(const QList<qint64> &l)
{
    QStringList parts;
    for (qint64 d : l)
        parts << QString::number(d);
    return "[" + parts.join(",") + "]";
}

// Gaussian weights with no zeros; `ties` rounds them to a few levels (and gives rows of equal
// norm) so tie-breaking decides which positions go.
torch::Tensor testWeights(const QList<qint64> &shape, torch::ScalarType dtype, bool ties,
                          uint64_t seed)
{
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    torch::Tensor w = torch::randn(std::vector<int64_t>(shape.begin(), shape.end()), gen);
    if (ties) {
        w = torch::round(w * 2) / 2;
        w.masked_fill_(w == 0, 0.5);
        if (w.dim() >= 2 && w.size(0) >= 4)
            w[3].copy_(w[2].flip({-1})); // rows 2 and 3: same norm
    } else {
        w.masked_fill_(w == 0, 1e-3);
    }
    return w.to(dtype);
}

std::vector<float> floats(const torch::Tensor &t)
{
    const torch::Tensor c = t.to(torch::kFloat32).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

int64_t rowsOf(const torch::Tensor &t)
{
    return t.dim() >= 2 ? t.size(0) : 1;
}

using TestData::errorOf;

// The pruning rows shared by the tests: every mode (or only `mode`) with parameters that
// divide the shape and ones that don't, over 2-D, 1-D, 0-D, 3-D and empty shapes, float32 and
// bf16, with and without ties.
void addPruneRows(PruneMode mode = PruneMode::None)
{
    QTest::addColumn<QuantSetting>("setting");
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<bool>("bf16");
    QTest::addColumn<bool>("ties");
    const QuantSetting settings[] = {magnitude(0.0),     magnitude(0.3),    magnitude(0.5),
                                     magnitude(0.999),   nm(2, 4),          nm(1, 4),
                                     nm(3, 8),           nm(5, 7),          nm(1, 64),
                                     rowsPrune(0.25, 1), rowsPrune(0.5, 4), rowsPrune(0.5, 7),
                                     rowsPrune(0.9, 1)};
    const QList<QList<qint64>> shapes = {{96, 200}, {200}, {}, {6, 10, 20}, {0, 5}};
    for (const QuantSetting &s : settings) {
        if (mode != PruneMode::None && s.prune != mode)
            continue;
        for (const QList<qint64> &shape : shapes)
            for (bool bf16 : {false, true})
                for (bool ties : {false, true})
                    QTest::newRow(qPrintable(QString::fromStdString(s.describe()) + " " +
                                             shapeText(shape) + (bf16 ? " bf16" : " fp32") +
                                             (ties ? " ties" : "")))
                        << s << shape << bf16 << ties;
    }
}

} // namespace

class tst_Prune : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fastMatchesReference_data() { addPruneRows(); }
    void fastMatchesReference()
    {
        QFETCH(QuantSetting, setting);
        QFETCH(QList<qint64>, shape);
        QFETCH(bool, bf16);
        QFETCH(bool, ties);
        const torch::Tensor w =
            testWeights(shape, bf16 ? torch::kBFloat16 : torch::kFloat32, ties, 1);
        const torch::Tensor fast = prune(w, setting), ref = pruneReference(w, setting);
        QCOMPARE(fast.scalar_type(), torch::kFloat32);
        QVERIFY(fast.sizes().equals(w.sizes()));
        QVERIFY(sameBits(fast, ref));
        // Pruning only zeroes: every other value is the input's.
        const std::vector<float> in = floats(w), out = floats(fast);
        for (size_t i = 0; i < in.size(); ++i)
            QVERIFY(out[i] == 0.0f || out[i] == in[i]);
    }

    // Exactly floor(sparsity * numel) zeros, and no kept weight is smaller than a pruned one.
    void magnitudeCount_data() { addPruneRows(PruneMode::Magnitude); }
    void magnitudeCount()
    {
        QFETCH(QuantSetting, setting);
        QFETCH(QList<qint64>, shape);
        QFETCH(bool, bf16);
        QFETCH(bool, ties);
        const torch::Tensor w =
            testWeights(shape, bf16 ? torch::kBFloat16 : torch::kFloat32, ties, 2);
        const std::vector<float> in = floats(w), out = floats(prune(w, setting));
        int64_t zeros = 0;
        float maxPruned = 0, minKept = INFINITY;
        for (size_t i = 0; i < in.size(); ++i) {
            QVERIFY(in[i] != 0);
            if (out[i] == 0) {
                ++zeros;
                maxPruned = std::max(maxPruned, std::fabs(in[i]));
            } else {
                minKept = std::min(minKept, std::fabs(in[i]));
            }
        }
        QCOMPARE(zeros, int64_t(std::floor(setting.sparsity * double(in.size()))));
        QVERIFY(maxPruned <= minKept);
    }

    // In every run of m values of a row, min(n, run length) survive, the largest ones.
    void nmStructure_data() { addPruneRows(PruneMode::NM); }
    void nmStructure()
    {
        QFETCH(QuantSetting, setting);
        QFETCH(QList<qint64>, shape);
        QFETCH(bool, bf16);
        QFETCH(bool, ties);
        const torch::Tensor w =
            testWeights(shape, bf16 ? torch::kBFloat16 : torch::kFloat32, ties, 3);
        const std::vector<float> in = floats(w), out = floats(prune(w, setting));
        const int64_t rows = rowsOf(w), cols = rows ? w.numel() / rows : 0;
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t start = 0; start < cols; start += setting.m) {
                const int64_t len = std::min<int64_t>(setting.m, cols - start);
                int64_t kept = 0;
                float maxPruned = 0, minKept = INFINITY;
                for (int64_t i = r * cols + start; i < r * cols + start + len; ++i) {
                    if (out[i] != 0) {
                        ++kept;
                        minKept = std::min(minKept, std::fabs(in[i]));
                    } else {
                        maxPruned = std::max(maxPruned, std::fabs(in[i]));
                    }
                }
                QCOMPARE(kept, std::min<int64_t>(setting.n, len));
                QVERIFY(maxPruned <= minKept);
            }
    }

    // floor(sparsity * blocks) blocks of rowBlock rows are all zero, the others untouched, and
    // no kept block has a smaller norm than a pruned one.
    void rowsPruned_data() { addPruneRows(PruneMode::Rows); }
    void rowsPruned()
    {
        QFETCH(QuantSetting, setting);
        QFETCH(QList<qint64>, shape);
        QFETCH(bool, bf16);
        QFETCH(bool, ties);
        const torch::Tensor w =
            testWeights(shape, bf16 ? torch::kBFloat16 : torch::kFloat32, ties, 4);
        const std::vector<float> in = floats(w), out = floats(prune(w, setting));
        const int64_t rows = rowsOf(w), cols = rows ? w.numel() / rows : 0;
        const int64_t blocks = (rows + setting.rowBlock - 1) / setting.rowBlock;
        int64_t pruned = 0;
        double maxPruned = 0, minKept = INFINITY;
        for (int64_t b = 0; b < blocks; ++b) {
            const int64_t begin = b * setting.rowBlock * cols;
            const int64_t end =
                std::min<int64_t>(int64_t(in.size()), (b + 1) * setting.rowBlock * cols);
            int64_t zeros = 0;
            double norm2 = 0;
            for (int64_t i = begin; i < end; ++i) {
                zeros += out[i] == 0;
                norm2 += double(in[i]) * in[i];
            }
            QVERIFY2(zeros == 0 || zeros == end - begin,
                     qPrintable(QString("block %1 partly zero").arg(b)));
            if (zeros && end > begin) {
                ++pruned;
                maxPruned = std::max(maxPruned, norm2);
            } else {
                minKept = std::min(minKept, norm2);
            }
        }
        if (cols > 0)
            QCOMPARE(pruned, int64_t(std::floor(setting.sparsity * double(blocks))));
        QVERIFY(maxPruned <= minKept);
    }

    // Equal magnitudes: the lower flat index is pruned first (and kept last).
    void tiesGoToLowerIndex_data()
    {
        QTest::addColumn<QuantSetting>("setting");
        QTest::addColumn<QList<qint64>>("shape");
        QTest::addColumn<QList<float>>("weights");
        QTest::addColumn<QList<float>>("expected");
        QTest::newRow("magnitude")
            << magnitude(0.5) << QList<qint64>{6} << QList<float>{1, -1, 2, 1, -1, 3}
            << QList<float>{0, 0, 2, 0, -1, 3};
        QTest::newRow("2:4") << nm(2, 4) << QList<qint64>{2, 4}
                             << QList<float>{1, -1, 1, 1, 2, -1, 1, 1}
                             << QList<float>{1, -1, 0, 0, 2, -1, 0, 0};
        // Last run of each row is 2 long: both are kept by 2:4.
        QTest::newRow("2:4 short run")
            << nm(2, 4) << QList<qint64>{1, 6} << QList<float>{1, 2, 3, 4, 5, 6}
            << QList<float>{0, 0, 3, 4, 5, 6};
        QTest::newRow("rows") << rowsPrune(0.5, 1) << QList<qint64>{4, 2}
                              << QList<float>{3, 4, 4, 3, 9, 9, -5, 0}
                              << QList<float>{0, 0, 0, 0, 9, 9, -5, 0};
        QTest::newRow("row blocks") << rowsPrune(0.5, 2) << QList<qint64>{5, 1}
                                    << QList<float>{1, 1, 5, 5, 1} << QList<float>{1, 1, 5, 5, 0};
    }
    void tiesGoToLowerIndex()
    {
        QFETCH(QuantSetting, setting);
        QFETCH(QList<qint64>, shape);
        QFETCH(QList<float>, weights);
        QFETCH(QList<float>, expected);
        const torch::Tensor w = torch::tensor(std::vector<float>(weights.begin(), weights.end()))
                                    .view(std::vector<int64_t>(shape.begin(), shape.end()));
        for (const torch::Tensor &p : {prune(w, setting), pruneReference(w, setting)}) {
            const std::vector<float> out = floats(p);
            QCOMPARE(QList<float>(out.begin(), out.end()), expected);
        }
    }

    // Pruned zeros come back as exact +0 from every scheme with a zero code.
    void zerosSurviveQuantization_data()
    {
        QTest::addColumn<QuantSetting>("setting");
        for (const QuantSetting &p : {magnitude(0.6), nm(2, 4), rowsPrune(0.3, 2)}) {
            std::vector<QuantSetting> schemes;
            for (int bits = 2; bits <= 8; ++bits) {
                QuantSetting s = p;
                s.bits = bits;
                s.granularity = bits % 2 ? Granularity::Group : Granularity::Row;
                s.groupSize = 48;
                s.clip = bits % 3 == 0   ? ClipMode::Percentile
                         : bits % 3 == 1 ? ClipMode::Std
                                         : ClipMode::None;
                s.clipValue = s.clip == ClipMode::Percentile ? 99.5 : 3.0;
                schemes.push_back(s);
            }
            QuantSetting t = p;
            t.scheme = QuantScheme::Ternary;
            schemes.push_back(t);
            for (FloatType ft : {FloatType::Float32, FloatType::Float16, FloatType::BFloat16}) {
                QuantSetting f = p;
                f.scheme = QuantScheme::Float;
                f.floatType = ft;
                schemes.push_back(f);
            }
            for (const QuantSetting &s : schemes)
                QTest::newRow(s.describe().c_str()) << s;
        }
    }
    void zerosSurviveQuantization()
    {
        QFETCH(QuantSetting, setting);
        const torch::Tensor w = testWeights({64, 100}, torch::kBFloat16, false, 5);
        const torch::Tensor pruned = prune(w, setting);
        const QuantizedTensor q = quantize("w", w, setting);
        const QuantizedTensor r = quantizeReference("w", w, setting);
        QVERIFY(q.codes == r.codes && q.scales == r.scales && q.values == r.values);
        const torch::Tensor d = dequantize(q);
        QVERIFY(sameBits(d, dequantizeReference(q)));
        const torch::Tensor zeros = pruned == 0;
        QVERIFY(zeros.sum().item<int64_t>() > 0);
        // +0 exactly: the bits of every pruned position are 0.
        QVERIFY((d.view(torch::kInt16).masked_select(zeros) == 0).all().item<bool>());
        if (setting.scheme != QuantScheme::Float) {
            const torch::Tensor codes =
                torch::tensor(std::vector<int64_t>(q.codes.begin(), q.codes.end()));
            QVERIFY((codes.masked_select(zeros.view({-1})) == 0).all().item<bool>());
        }
    }

    void binaryCannotPrune()
    {
        QuantSetting s = magnitude(0.5);
        s.scheme = QuantScheme::Binary;
        const QString e = errorOf([&] {
            quantize("blocks.1.attn.c_q.weight", torch::randn({4, 4}), s);
        });
        QVERIFY2(e.contains("blocks.1.attn.c_q.weight") && e.contains("use ternary"),
                 qPrintable(e));
    }

    void noneReturnsInput()
    {
        const torch::Tensor w = torch::randn({3, 5}, torch::kBFloat16);
        QVERIFY(prune(w, QuantSetting{}).is_same(w));
        QVERIFY(pruneReference(w, QuantSetting{}).is_same(w));
    }

    void badSettings()
    {
        const torch::Tensor w = torch::randn({8, 8});
        for (auto p : {&prune, &pruneReference}) {
            QVERIFY(errorOf([&] { p(w, magnitude(1.0)); }).contains("sparsity must be in [0, 1)"));
            QVERIFY(
                errorOf([&] { p(w, nm(4, 4)); }).contains("N:M pruning needs 1 <= N < M <= 64"));
            QVERIFY(
                errorOf([&] { p(w, rowsPrune(0.5, 0)); }).contains("row_block must be at least 1"));
            QVERIFY(
                errorOf([&] { p(torch::ones({4}, torch::kInt64), nm(2, 4)); }).contains("float"));
            torch::Tensor nan = w.clone();
            nan[1][1] = NAN;
            QVERIFY(errorOf([&] { p(nan, nm(2, 4)); }).contains("non-finite"));
        }
    }
};

QTEST_GUILESS_MAIN(tst_Prune)
#include "tst_prune.moc"
