// SPDX-License-Identifier: GPL-3.0-or-later
// The quantizers (quant/quantizer_p.h) against pack/quantsetting.h: the fast path equals the
// scalar reference byte for byte over every scheme, granularity, clip mode, scale type, shape
// and input dtype; round trips stay inside the error each scheme promises, with scales checked
// against clips computed here by torch (quantile, std, amax, mean); error falls with bits;
// hand-worked examples pin rounding and saturation; a whole model's dequantized weights load
// back; corrupt quantized tensors fail with errors that name them.

#include "common/error.h"
#include "errortext.h"
#include "model/checkpoint_p.h"
#include "model/model_p.h"
#include "pack/mixedinspect.h"
#include "quant/quantizer_p.h"
#include "quantsettings.h"
#include "tensorbits.h"
#include "tinyconfig.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <functional>

using namespace Core;

Q_DECLARE_METATYPE(Core::QuantSetting)

using TestData::sameBits;

namespace {

using TestData::intSetting;

std::vector<int64_t> toShape(const QList<qint64> &l)
{
    return std::vector<int64_t>(l.begin(), l.end());
}

QString shapeText(const QList<qint64> &l)
{
    QStringList parts;
    for (qint64 d : l)
        parts << QString::number(d);
    return "[" + parts.join(",") + "]";
}

torch::ScalarType dtypeOf(const QString &name)
{
    return name == "bf16" ? torch::kBFloat16 : name == "fp16" ? torch::kFloat16 : torch::kFloat32;
}

// Gaussian weights with what trips quantizers up: outliers, exact zeros, repeated values, and
// (2-D and up) one all-zero row, so some scale group has clip 0.
torch::Tensor testWeights(const std::vector<int64_t> &shape, torch::ScalarType dtype, uint64_t seed)
{
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    torch::Tensor w = torch::randn(shape, gen) * 0.05;
    torch::Tensor flat = w.view({-1});
    const int64_t n = flat.numel();
    for (int64_t i = 0; i + 37 < n; i += 97) {
        flat[i] = flat[i] * 20.0; // outlier
        flat[i + 5] = 0.0;
        flat[i + 11] = flat[i + 37]; // a tie
    }
    if (w.dim() >= 2 && w.size(0) > 2)
        w[1].zero_();
    return w.to(dtype);
}

float scaleAt(const QuantizedTensor &q, int64_t i)
{
    const torch::ScalarType type = q.setting.scaleType == FloatType::Float32   ? torch::kFloat32
                                   : q.setting.scaleType == FloatType::Float16 ? torch::kFloat16
                                                                               : torch::kBFloat16;
    torch::Tensor t = torch::empty({1}, type);
    std::memcpy(t.data_ptr(), q.scales.data() + i * t.element_size(), t.element_size());
    return t.to(torch::kFloat32).item<float>();
}

// Relative precision (half an ulp, as a fraction of the value) of a dtype's normal numbers.
double halfUlp(torch::ScalarType type)
{
    return type == torch::kBFloat16  ? std::ldexp(1.0, -8)
           : type == torch::kFloat16 ? std::ldexp(1.0, -11)
                                     : std::ldexp(1.0, -24);
}

using TestData::errorOf;

// One data row per setting x shape x dtype, named "int4 g48 p99.9 scale:bf16 [96,200] bf16".
void addRows(const std::vector<QuantSetting> &settings)
{
    QTest::addColumn<QuantSetting>("setting");
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QString>("dtype");
    const QList<QList<qint64>> shapes = {{96, 200}, {200}, {}, {6, 10, 20}};
    for (const QuantSetting &s : settings)
        for (const QList<qint64> &shape : shapes)
            for (const QString dtype : {"fp32", "bf16"}) {
                const QString name =
                    QString::fromStdString(s.describe()) + " " + shapeText(shape) + " " + dtype;
                QTest::newRow(qPrintable(name)) << s << shape << dtype;
            }
}

// Every scheme, granularity, clip mode and scale type the tests sweep.
std::vector<QuantSetting> allSettings()
{
    struct Gran
    {
        Granularity g;
        int size;
    };
    const Gran grans[] = {{Granularity::Tensor, 64},
                          {Granularity::Row, 64},
                          {Granularity::Group, 64},
                          {Granularity::Group, 48},
                          {Granularity::Group, 256}};
    const FloatType scaleTypes[] = {FloatType::Float16, FloatType::BFloat16, FloatType::Float32};
    std::vector<QuantSetting> out;
    for (int bits = 2; bits <= 8; ++bits)
        for (const Gran &g : grans)
            for (auto [clip, value] :
                 {std::pair{ClipMode::None, 0.0}, std::pair{ClipMode::Percentile, 99.9},
                  std::pair{ClipMode::Std, 3.0}})
                for (FloatType st : scaleTypes)
                    out.push_back(intSetting(bits, g.g, g.size, clip, value, st));
    // Low percentiles take the fast path's full-sort branch (high ones a top-k).
    for (const Gran &g : grans)
        for (double p : {50.0, 0.5})
            out.push_back(intSetting(4, g.g, g.size, ClipMode::Percentile, p));
    for (QuantScheme scheme : {QuantScheme::Binary, QuantScheme::Ternary})
        for (const Gran &g : grans)
            for (FloatType st : scaleTypes) {
                QuantSetting s = intSetting(2, g.g, g.size, ClipMode::None, 0.0, st);
                s.scheme = scheme;
                out.push_back(s);
            }
    for (FloatType ft : scaleTypes) {
        QuantSetting s;
        s.scheme = QuantScheme::Float;
        s.floatType = ft;
        out.push_back(s);
    }
    return out;
}

// The scale groups as quantsetting.h defines them: [rows, cols] (one row for Tensor), runs of
// groupSize values inside a row. Calls f(groupIndex, firstFlatIndex, length).
void forEachGroup(const QuantizedTensor &q, const std::function<void(int64_t, int64_t, int64_t)> &f)
{
    const bool whole = q.setting.granularity == Granularity::Tensor;
    const int64_t rows = whole ? 1 : q.rows();
    const int64_t cols = whole ? q.numel() : q.cols();
    const int64_t g = q.setting.granularity == Granularity::Group ? q.setting.groupSize
                                                                  : std::max<int64_t>(cols, 1);
    int64_t index = 0;
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols || (c == 0 && q.setting.granularity != Granularity::Group);
             c += g)
            f(index++, r * cols + c, std::min(g, cols - c));
}

// The clip (or mean |w|) of one group as quantsetting.h defines it, computed by torch in double.
double expectedBasis(const torch::Tensor &group, const QuantSetting &s)
{
    if (group.numel() == 0)
        return 0.0;
    const torch::Tensor d = group.to(torch::kFloat64);
    if (s.scheme != QuantScheme::Int)
        return d.abs().mean().item<double>();
    switch (s.clip) {
    case ClipMode::None:
        return d.abs().max().item<double>();
    case ClipMode::Percentile:
        return torch::quantile(d.abs(), s.clipValue / 100.0).item<double>();
    case ClipMode::Std:
        return s.clipValue * d.std(/*unbiased=*/false).item<double>();
    }
    return 0.0;
}

} // namespace

// QVERIFY2 for the per-value loop of roundTripBounds: the message is built only on failure, as
// formatting one for every value would dominate the run time.
#define CHECK_AT(cond)                                                                             \
    do {                                                                                           \
        if (!(cond))                                                                               \
            QFAIL(                                                                                 \
                qPrintable(QString("%1 failed at group %2 index %3: w %4 code %5 deq %6 scale %7") \
                               .arg(#cond)                                                         \
                               .arg(gi)                                                            \
                               .arg(i)                                                             \
                               .arg(x)                                                             \
                               .arg(code)                                                          \
                               .arg(d)                                                             \
                               .arg(s)));                                                          \
    } while (false)

class tst_Quantizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fastMatchesReference_data() { addRows(allSettings()); }
    void fastMatchesReference()
    {
        QFETCH(QuantSetting, setting);
        QFETCH(QList<qint64>, shape);
        QFETCH(QString, dtype);
        const torch::Tensor w = testWeights(toShape(shape), dtypeOf(dtype), 7);
        const QuantizedTensor fast = quantize("w", w, setting);
        const QuantizedTensor ref = quantizeReference("w", w, setting);
        QCOMPARE(fast.shape, ref.shape);
        QCOMPARE(fast.dtype, ref.dtype);
        QCOMPARE(int64_t(fast.codes.size()), setting.scheme == QuantScheme::Float ? 0 : w.numel());
        QCOMPARE(int64_t(fast.scales.size()),
                 fast.scaleCount() * floatTypeBytes(setting.scaleType));
        QVERIFY(fast.codes == ref.codes);
        QVERIFY(fast.scales == ref.scales);
        QVERIFY(fast.values == ref.values);
        const torch::Tensor a = dequantize(fast), b = dequantizeReference(fast);
        QCOMPARE(a.scalar_type(), w.scalar_type());
        QVERIFY(a.sizes().equals(w.sizes()));
        QVERIFY(sameBits(a, b));
    }

    // golf inspect counts zeros without libtorch (pack/mixedinspect.h): from the stored codes
    // and scales, exactly as dequantization rounds them.
    void storedZerosMatchDequantization_data() { addRows(allSettings()); }
    void storedZerosMatchDequantization()
    {
        QFETCH(QuantSetting, setting);
        QFETCH(QList<qint64>, shape);
        QFETCH(QString, dtype);
        const QuantizedTensor q = quantize("w", testWeights(toShape(shape), dtypeOf(dtype), 13), setting);
        const torch::Tensor deq = dequantize(q);
        const double expected = deq.numel() ? deq.eq(0).sum().item<double>() / double(deq.numel()) : 0.0;
        QCOMPARE(storedZeroFraction(q), expected);
    }

    // Codes x scale below the smallest fp16 or bf16 step round to zero (a file another tool
    // wrote may hold such scales): half a step and less vanish, more stays.
    void storedZerosRoundAsDequantization_data()
    {
        QTest::addColumn<QString>("dtype");
        QTest::newRow("float16") << "float16";
        QTest::newRow("bfloat16") << "bfloat16";
    }
    void storedZerosRoundAsDequantization()
    {
        QFETCH(QString, dtype);
        const float unit = dtype == "float16" ? std::ldexp(1.0f, -24) : std::ldexp(1.0f, -133);
        QuantizedTensor q;
        q.name = "w";
        q.shape = {6, 64};
        q.dtype = dtype.toStdString();
        q.setting = intSetting(8, Granularity::Row, 64, ClipMode::None, 0.0, FloatType::Float32);
        for (int64_t i = 0; i < 6 * 64; ++i)
            q.codes.push_back(int8_t((i % 64) - 32));
        for (float scale : {0.1f, 0.25f, 0.3f, 0.5f, 0.51f, 1.0f}) {
            const float v = scale * unit;
            q.scales.append(reinterpret_cast<const char *>(&v), sizeof v);
        }
        const torch::Tensor deq = dequantize(q);
        const double expected = deq.eq(0).sum().item<double>() / double(deq.numel());
        QVERIFY(expected > 1.0 / 64); // more than code 0 alone vanishes
        QCOMPARE(storedZeroFraction(q), expected);
    }

    void roundTripBounds_data() { addRows(allSettings()); }
    void roundTripBounds()
    {
        QFETCH(QuantSetting, setting);
        QFETCH(QList<qint64>, shape);
        QFETCH(QString, dtype);
        const torch::Tensor w = testWeights(toShape(shape), dtypeOf(dtype), 11);
        const QuantizedTensor q = quantize("w", w, setting);
        const torch::Tensor deqT = dequantize(q);
        const torch::ScalarType out = deqT.scalar_type();
        const torch::Tensor wf = w.to(torch::kFloat32).contiguous().view({-1});
        const torch::Tensor df = deqT.to(torch::kFloat32).contiguous().view({-1});
        const float *wp = wf.data_ptr<float>(), *dp = df.data_ptr<float>();

        if (setting.scheme == QuantScheme::Float) {
            if (setting.floatType == FloatType::Float32 || w.scalar_type() != torch::kFloat32) {
                // Float32 storage, or a bf16 input every float type holds exactly at these sizes.
                const double tol =
                    setting.floatType == FloatType::Float16 ? std::ldexp(1.0, -24) : 0.0;
                for (int64_t i = 0; i < wf.numel(); ++i)
                    QVERIFY2(std::fabs(wp[i] - dp[i]) <= tol,
                             qPrintable(QString("index %1").arg(i)));
                return;
            }
            const double rel = halfUlp(setting.floatType == FloatType::Float16 ? torch::kFloat16
                                                                               : torch::kBFloat16);
            for (int64_t i = 0; i < wf.numel(); ++i) {
                // fp16 subnormals below 2^-14 have an absolute half-ulp of 2^-25.
                const double tol = std::max(std::fabs(wp[i]) * rel, std::ldexp(1.0, -25));
                QVERIFY2(std::fabs(wp[i] - dp[i]) <= tol,
                         qPrintable(QString("index %1: %2 -> %3").arg(i).arg(wp[i]).arg(dp[i])));
            }
            return;
        }

        const int qmax = setting.qmax();
        const double outRel = halfUlp(out) + std::ldexp(1.0, -23);
        int checkedGroups = 0;
        forEachGroup(q, [&](int64_t gi, int64_t begin, int64_t n) {
            if (QTest::currentTestFailed())
                return;
            const float s = scaleAt(q, gi);
            const double basis = expectedBasis(wf.slice(0, begin, begin + n), setting);
            // The stored scale is basis / qmax rounded to the scale type (1 for a zero clip, 0
            // for an all-zero binary group); fp16 subnormals below 2^-14 round to 2^-24 steps.
            const double want =
                basis == 0 ? (setting.scheme == QuantScheme::Binary ? 0.0 : 1.0) : basis / qmax;
            QVERIFY2(
                std::fabs(s - want) <= want * 1e-2 + std::ldexp(1.0, -25),
                qPrintable(
                    QString("group %1: scale %2, expected about %3").arg(gi).arg(s).arg(want)));
            int maxCode = 0;
            for (int64_t i = begin; i < begin + n; ++i) {
                const int code = q.codes[i];
                const double x = wp[i], d = dp[i];
                maxCode = std::max(maxCode, std::abs(code));
                // deq is code * scale, up to the rounding of the product and the output dtype.
                CHECK_AT(std::fabs(d - code * double(s)) <= std::fabs(d) * outRel);
                if (setting.scheme == QuantScheme::Binary) {
                    CHECK_AT(code == (x >= 0 ? 1 : -1));
                } else if (setting.scheme == QuantScheme::Ternary) {
                    CHECK_AT(code >= -1 && code <= 1);
                    if (std::fabs(x) < 0.5 * s * (1 - 1e-6))
                        CHECK_AT(code == 0);
                    else if (std::fabs(x) > 0.5 * s * (1 + 1e-6))
                        CHECK_AT(code == (x > 0 ? 1 : -1));
                } else if (std::fabs(x) <= (qmax + 0.5) * s * (1 - 1e-6)) {
                    CHECK_AT(std::fabs(x - d) <= 0.5 * s * (1 + 1e-6) + std::fabs(d) * outRel);
                } else {
                    CHECK_AT(code == (x > 0 ? qmax : -qmax)); // clipped
                }
            }
            // With no clipping the largest weight of a group takes the largest code.
            if (setting.scheme == QuantScheme::Int && setting.clip == ClipMode::None && basis > 0)
                QVERIFY2(maxCode == qmax,
                         qPrintable(QString("group %1: max code %2").arg(gi).arg(maxCode)));
            ++checkedGroups;
        });
        QCOMPARE(checkedGroups, int(q.scaleCount()));
    }

    void errorFallsWithBits_data()
    {
        QTest::addColumn<QuantSetting>("setting");
        QTest::newRow("row") << intSetting(2);
        QTest::newRow("tensor") << intSetting(2, Granularity::Tensor);
        QTest::newRow("g64") << intSetting(2, Granularity::Group, 64);
        QTest::newRow("row p99.9")
            << intSetting(2, Granularity::Row, 64, ClipMode::Percentile, 99.9);
        QTest::newRow("row std:4") << intSetting(2, Granularity::Row, 64, ClipMode::Std, 4.0);
    }
    void errorFallsWithBits()
    {
        QFETCH(QuantSetting, setting);
        auto gen = at::make_generator<at::CPUGeneratorImpl>(3);
        const torch::Tensor w = torch::randn({256, 512}, gen) * 0.02;
        double previous = INFINITY;
        for (int bits = 2; bits <= 8; ++bits) {
            setting.bits = bits;
            const double mse =
                (dequantize(quantize("w", w, setting)) - w).square().mean().item<double>();
            QVERIFY2(mse < previous, qPrintable(QString("int%1: mse %2, int%3: %4")
                                                    .arg(bits)
                                                    .arg(mse)
                                                    .arg(bits - 1)
                                                    .arg(previous)));
            // Each bit roughly quarters the error (a factor 2 of margin for clipping and scales).
            if (bits > 2 && setting.clip == ClipMode::None)
                QVERIFY2(
                    mse < previous / 2,
                    qPrintable(QString("int%1: mse %2 vs %3").arg(bits).arg(mse).arg(previous)));
            previous = mse;
        }
    }

    // Worked by hand from quantsetting.h.
    void handExamples_data()
    {
        QTest::addColumn<QuantSetting>("setting");
        QTest::addColumn<QList<float>>("weights");
        QTest::addColumn<QList<int>>("codes");
        QTest::addColumn<float>("scale");

        // clip 3, qmax 3, scale 1: -1.5 and 2.5 round half to even.
        QTest::newRow("int3 ties to even")
            << intSetting(3, Granularity::Tensor, 64, ClipMode::None, 0, FloatType::Float32)
            << QList<float>{3.0f, -1.5f, 0.5f, 1.0f, 2.5f, -3.0f} << QList<int>{3, -2, 0, 1, 2, -3}
            << 1.0f;
        // |w| sorted 1..5, p90: pos 3.6 -> 4 + 0.6 = 4.6; qmax 1.
        QTest::newRow("int2 p90") << intSetting(2, Granularity::Tensor, 64, ClipMode::Percentile,
                                                90, FloatType::Float32)
                                  << QList<float>{1, -2, 3, 4, -5} << QList<int>{0, 0, 1, 1, -1}
                                  << float(4.6);
        // Mean 0.1, population variance 4.2 / 5, clip 2 std, qmax 3: scale 0.611.
        QTest::newRow("int3 std:2")
            << intSetting(3, Granularity::Tensor, 64, ClipMode::Std, 2, FloatType::Float32)
            << QList<float>{1, -1, 1, -1, 0.5f} << QList<int>{2, -2, 2, -2, 1}
            << float(2.0 * std::sqrt(0.84) / 3.0);
        // mean |w| = 1.45 / 5 = 0.29.
        QuantSetting ternary =
            intSetting(2, Granularity::Tensor, 64, ClipMode::None, 0, FloatType::Float32);
        ternary.scheme = QuantScheme::Ternary;
        QTest::newRow("ternary") << ternary << QList<float>{0.1f, -0.4f, 0.05f, 0.9f, 0.0f}
                                 << QList<int>{0, -1, 0, 1, 0} << float(1.45 / 5);
        QuantSetting binary = ternary;
        binary.scheme = QuantScheme::Binary;
        QTest::newRow("binary: zero is +1") << binary << QList<float>{0.1f, -0.4f, 0.0f, -0.0f}
                                            << QList<int>{1, -1, 1, 1} << 0.125f;
        QTest::newRow("binary: all zero")
            << binary << QList<float>{0, 0} << QList<int>{1, 1} << 0.0f;
        // 1e7 / 127 saturates at fp16's largest value instead of becoming inf.
        QTest::newRow("fp16 scale saturates")
            << intSetting(8, Granularity::Tensor) << QList<float>{1e7f, -1e5f}
            << QList<int>{127, -2} << 65504.0f;
        // 1e-9 / 127 underflows fp16 to 0; the scale becomes 1 and the codes 0.
        QTest::newRow("fp16 scale underflows")
            << intSetting(8, Granularity::Tensor) << QList<float>{1e-9f, 0} << QList<int>{0, 0}
            << 1.0f;
        QTest::newRow("all zero") << intSetting(4, Granularity::Tensor) << QList<float>{0, 0, 0}
                                  << QList<int>{0, 0, 0} << 1.0f;
        // bf16 scale: 1/3 rounds to 0x3EAB = 0.333984375; codes use the rounded scale.
        QTest::newRow("bf16 scale")
            << intSetting(2, Granularity::Tensor, 64, ClipMode::None, 0, FloatType::BFloat16)
            << QList<float>{1.0f / 3.0f, -0.17f} << QList<int>{1, -1} << 0.333984375f;
    }
    void handExamples()
    {
        QFETCH(QuantSetting, setting);
        QFETCH(QList<float>, weights);
        QFETCH(QList<int>, codes);
        QFETCH(float, scale);
        const torch::Tensor w = torch::tensor(std::vector<float>(weights.begin(), weights.end()));
        for (const QuantizedTensor &q :
             {quantize("w", w, setting), quantizeReference("w", w, setting)}) {
            QCOMPARE(QList<int>(q.codes.begin(), q.codes.end()), codes);
            QCOMPARE(q.scaleCount(), int64_t(1));
            QCOMPARE(scaleAt(q, 0), scale);
        }
    }

    // Tensors with no values and 0-D ones still quantize and come back with their shape.
    void emptyTensors_data()
    {
        QTest::addColumn<QuantSetting>("setting");
        QTest::addColumn<QList<qint64>>("shape");
        for (const QList<qint64> &shape : QList<QList<qint64>>{{0, 7}, {3, 0}, {0}, {2, 0, 4}}) {
            QuantSetting binary = intSetting(2);
            binary.scheme = QuantScheme::Binary;
            QuantSetting fp16;
            fp16.scheme = QuantScheme::Float;
            for (const QuantSetting &s :
                 {intSetting(4, Granularity::Row, 64, ClipMode::Percentile, 99),
                  intSetting(4, Granularity::Group, 3, ClipMode::Std, 3),
                  intSetting(4, Granularity::Tensor), binary, fp16})
                QTest::newRow(
                    qPrintable(QString::fromStdString(s.describe()) + " " + shapeText(shape)))
                    << s << shape;
        }
    }
    void emptyTensors()
    {
        QFETCH(QuantSetting, setting);
        QFETCH(QList<qint64>, shape);
        const torch::Tensor w = torch::zeros(toShape(shape));
        const QuantizedTensor fast = quantize("w", w, setting),
                              ref = quantizeReference("w", w, setting);
        QVERIFY(fast.codes.empty());
        QVERIFY(fast.scales == ref.scales);
        QCOMPARE(int64_t(fast.scales.size()),
                 fast.scaleCount() * floatTypeBytes(setting.scaleType));
        QVERIFY(sameBits(dequantize(fast), w));
        QVERIFY(sameBits(dequantizeReference(fast), w));
    }

    // Percentile 100 is the max, so it quantizes exactly as no clipping.
    void percentile100IsMax()
    {
        const torch::Tensor w = testWeights({64, 100}, torch::kFloat32, 5);
        const QuantizedTensor p =
            quantize("w", w, intSetting(6, Granularity::Group, 32, ClipMode::Percentile, 100));
        const QuantizedTensor m = quantize("w", w, intSetting(6, Granularity::Group, 32));
        QVERIFY(p.codes == m.codes);
        QVERIFY(p.scales == m.scales);
    }

    // A float64 input is quantized from its float32 rounding and comes back as float64.
    void float64Input()
    {
        const torch::Tensor w = testWeights({16, 40}, torch::kFloat32, 9).to(torch::kFloat64);
        const QuantSetting s = intSetting(5, Granularity::Group, 16, ClipMode::Percentile, 99);
        const QuantizedTensor q = quantize("w", w, s);
        QCOMPARE(q.dtype, std::string("float64"));
        QVERIFY(q.codes == quantizeReference("w", w, s).codes);
        const torch::Tensor d = dequantize(q);
        QCOMPARE(d.scalar_type(), torch::kFloat64);
        QVERIFY(sameBits(d, dequantizeReference(q)));
    }

    // Every tensor of a model, quantized int6 per row and dequantized, loads back into it.
    void modelWeightsLoadBack()
    {
        Model model(TestData::tinyGpt(128, 2, 64), 42);
        const NamedTensors target = namedTensors(*model.impl().gpt);
        const QuantSetting s = intSetting(6);
        NamedTensors source;
        for (const auto &[name, t] : target) {
            const torch::Tensor d = dequantize(quantize(name, t, s));
            QCOMPARE(d.scalar_type(), t.scalar_type());
            QVERIFY(d.sizes().equals(t.sizes()));
            // int6 per row: at most half a step, a step being max|row| / 31.
            const torch::Tensor t32 = t.detach().to(torch::kFloat32);
            const torch::Tensor rowMax = t.dim() >= 2 ? t32.abs().amax(1, true) : t32.abs().max();
            // (bf16 tensors add the output rounding, 2^-8 of the value.)
            QVERIFY2(((d.to(torch::kFloat32) - t32).abs() <= rowMax * (0.51 / 31 + 0.004) + 1e-6)
                         .all()
                         .item<bool>(),
                     name.c_str());
            source.emplace_back(name, d);
        }
        assignStrict(target, source, "dequantized model");
        for (size_t i = 0; i < target.size(); ++i)
            QVERIFY2(sameBits(target[i].second.detach(), source[i].second),
                     target[i].first.c_str());
    }

    void badQuantizedTensors_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("message");
        QTest::newRow("codes short") << 0 << "999 codes, the shape has 1000";
        QTest::newRow("codes long") << 1 << "1001 codes";
        QTest::newRow("scale bytes") << 2 << "38 scale bytes";
        QTest::newRow("code above qmax") << 3 << "code out of range [-7, 7]: 8";
        QTest::newRow("code below -qmax") << 4 << "code out of range [-7, 7]: -8";
        QTest::newRow("ternary code 2") << 5 << "code out of range [-1, 1]: 2";
        QTest::newRow("binary code 0") << 6 << "binary code 0 at index 3";
        QTest::newRow("nan scale") << 7 << "scale 2 is nan";
        QTest::newRow("negative scale") << 8 << "scale 2 is -";
        QTest::newRow("float values short") << 9 << "1998 value bytes, the shape needs 2000";
        QTest::newRow("float with codes") << 10 << "a float tensor has no codes";
        QTest::newRow("unknown dtype") << 11 << "dtype 'int8' is not a float type";
        QTest::newRow("negative dimension") << 12 << "negative dimension -10";
        QTest::newRow("bad setting") << 13 << "bit-width must be 2..8";
    }
    void badQuantizedTensors()
    {
        QFETCH(int, which);
        QFETCH(QString, message);
        const torch::Tensor w = testWeights({20, 50}, torch::kFloat32, 1);
        QuantSetting s = intSetting(4, Granularity::Row);
        if (which == 5 || which == 6)
            s.scheme = which == 5 ? QuantScheme::Ternary : QuantScheme::Binary;
        if (which == 9 || which == 10)
            s.scheme = QuantScheme::Float;
        QuantizedTensor q = quantize("blocks.0.mlp.fc.weight", w, s);
        switch (which) {
        case 0:
            q.codes.pop_back();
            break;
        case 1:
            q.codes.push_back(0);
            break;
        case 2:
            q.scales.resize(38);
            break;
        case 3:
            q.codes[17] = 8;
            break;
        case 4:
            q.codes[17] = -8;
            break;
        case 5:
            q.codes[17] = 2;
            break;
        case 6:
            q.codes[3] = 0;
            break;
        case 7:
            q.scales[4] = char(0xFF), q.scales[5] = char(0x7F);
            break; // fp16 NaN
        case 8:
            q.scales[5] = char(q.scales[5] | 0x80);
            break; // sign bit
        case 9:
            q.values.resize(1998);
            break;
        case 10:
            q.codes.assign(1000, 0);
            break;
        case 11:
            q.dtype = "int8";
            break;
        case 12:
            q.shape = {-10, -100};
            break;
        case 13:
            q.setting.bits = 9;
            break;
        }
        for (auto deq : {&dequantize, &dequantizeReference}) {
            const QString e = errorOf([&] { deq(q); });
            QVERIFY2(e.contains("blocks.0.mlp.fc.weight") && e.contains(message), qPrintable(e));
        }
    }

    void badWeights_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("message");
        QTest::newRow("integer tensor")
            << 0 << "can only quantize float tensors, this one is int32";
        QTest::newRow("nan") << 1 << "not finite";
        QTest::newRow("inf") << 2 << "not finite";
        QTest::newRow("float64 beyond float32") << 3 << "not finite";
        QTest::newRow("binary with pruning")
            << 4 << "binary codes can't represent pruned zeros; use ternary";
        QTest::newRow("fp16 overflow") << 5 << "values overflow float16";
        QTest::newRow("invalid setting") << 6 << "clip percentile must be in (0, 100]";
    }
    void badWeights()
    {
        QFETCH(int, which);
        QFETCH(QString, message);
        torch::Tensor w = torch::randn({4, 8});
        QuantSetting s = intSetting(4);
        switch (which) {
        case 0:
            w = torch::ones({4, 8}, torch::kInt32);
            break;
        case 1:
            w[2][3] = NAN;
            break;
        case 2:
            w[0][0] = -INFINITY;
            break;
        case 3:
            w = w.to(torch::kFloat64), w[1][1] = 1e300;
            break;
        case 4:
            s.scheme = QuantScheme::Binary;
            s.prune = PruneMode::NM;
            break;
        case 5:
            s.scheme = QuantScheme::Float;
            w[3][7] = 1e5;
            break;
        case 6:
            s.clip = ClipMode::Percentile;
            s.clipValue = 101;
            break;
        }
        for (auto quant : {&quantize, &quantizeReference}) {
            const QString e = errorOf([&] { quant("tok_emb.weight", w, s); });
            QVERIFY2(e.contains("tok_emb.weight") && e.contains(message), qPrintable(e));
        }
    }
};

QTEST_GUILESS_MAIN(tst_Quantizer)
#include "tst_quantizer.moc"
