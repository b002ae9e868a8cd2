// SPDX-License-Identifier: GPL-3.0-or-later
// The golf-mixed-v1 container (pack/mixedformat.h, core/pack/MIXED_FORMAT.md): every scheme,
// granularity, scale and value type and shape round-trips with every codec; the per-tensor
// figures add up to the file size; a file built by hand from the spec reads as the spec says and
// equals the writer's output; and every kind of damage is a Core::Error naming the file.

#include "common/error.h"
#include "errortext.h"
#include "pack/codec.h"
#include "pack/mixedformat.h"
#include "quantsettings.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <zlib.h>

#include <functional>
#include <random>

using namespace Core;

Q_DECLARE_METATYPE(Codec)
Q_DECLARE_METATYPE(Core::QuantizedTensor)

namespace {

using TestData::errorOf;
using TestData::intSetting;

// ---- tensors built by hand ------------------------------------------------------------------

std::mt19937 &rng()
{
    static std::mt19937 r(42);
    return r;
}

int uniform(int lo, int hi)
{
    return std::uniform_int_distribution<int>(lo, hi)(rng());
}

/// A finite value of `type` (bounded exponent, so code * scale stays finite), little-endian.
void appendFloat(std::string &out, FloatType type, bool positive)
{
    const uint32_t sign = positive ? 0 : uint32_t(uniform(0, 1));
    uint32_t bits = 0;
    int bytes = 2;
    switch (type) {
    case FloatType::Float16:
        bits = sign << 15 | uint32_t(uniform(8, 20)) << 10 | uint32_t(uniform(0, 1023));
        break;
    case FloatType::BFloat16:
        bits = sign << 15 | uint32_t(uniform(117, 133)) << 7 | uint32_t(uniform(0, 127));
        break;
    case FloatType::Float32:
        bits = sign << 31 | uint32_t(uniform(117, 133)) << 23 | uint32_t(uniform(0, (1 << 23) - 1));
        bytes = 4;
        break;
    }
    for (int i = 0; i < bytes; ++i)
        out.push_back(char(bits >> (8 * i)));
}

QuantSetting schemeSetting(QuantScheme scheme, Granularity g = Granularity::Row)
{
    QuantSetting s = intSetting(scheme == QuantScheme::Binary ? 1 : 2, g);
    s.scheme = scheme;
    return s;
}

enum class Spread { Rows, Columns, Uniform };

/// Random in-range codes; with Spread::Columns the code magnitudes differ per column, the
/// structure column-major order compresses better.
QuantizedTensor quantized(std::vector<int64_t> shape, const QuantSetting &s,
                          Spread spread = Spread::Rows, const std::string &dtype = "float32",
                          const std::string &name = "w")
{
    QuantizedTensor t;
    t.name = name;
    t.shape = std::move(shape);
    t.dtype = dtype;
    t.setting = s;
    const int qmax = s.qmax();
    const int64_t cols = std::max<int64_t>(t.cols(), 1);
    std::vector<int> width(size_t(std::max<int64_t>(t.rows(), cols)));
    for (int &w : width)
        w = uniform(0, qmax);
    for (int64_t i = 0; i < t.numel(); ++i) {
        if (s.scheme == QuantScheme::Binary) {
            t.codes.push_back(int8_t(uniform(0, 1) ? 1 : -1));
            continue;
        }
        const int m = spread == Spread::Uniform
                          ? qmax
                          : width[size_t(spread == Spread::Columns ? i % cols : i / cols)];
        t.codes.push_back(int8_t(uniform(-m, m)));
    }
    for (int64_t i = 0; i < t.scaleCount(); ++i)
        appendFloat(t.scales, s.scaleType, true);
    return t;
}

QuantizedTensor floats(std::vector<int64_t> shape, FloatType type,
                       const std::string &dtype = "float32", const std::string &name = "f")
{
    QuantizedTensor t;
    t.name = name;
    t.shape = std::move(shape);
    t.dtype = dtype;
    t.setting.scheme = QuantScheme::Float;
    t.setting.floatType = type;
    for (int64_t i = 0; i < t.numel(); ++i)
        appendFloat(t.values, type, false);
    return t;
}

void compareTensors(const QuantizedTensor &got, const QuantizedTensor &want)
{
    QCOMPARE(got.name, want.name);
    QCOMPARE(got.shape, want.shape);
    QCOMPARE(got.dtype, want.dtype);
    QVERIFY2(got.setting == want.setting,
             qPrintable(QString::fromStdString(got.setting.toJson().dump() +
                                               " != " + want.setting.toJson().dump())));
    QCOMPARE(got.codes, want.codes);
    QCOMPARE(got.scales, want.scales);
    QCOMPARE(got.values, want.values);
}

std::vector<EncodedTensor> encodeAll(const std::vector<QuantizedTensor> &tensors, Codec codec,
                                     int level)
{
    std::vector<EncodedTensor> out;
    for (const QuantizedTensor &t : tensors)
        out.push_back(encodeTensor(t, codec, level));
    return out;
}

// ---- files built by hand from MIXED_FORMAT.md -----------------------------------------------

struct Bytes
{
    std::string s;
    Bytes &u8(int v)
    {
        s.push_back(char(uint8_t(v)));
        return *this;
    }
    Bytes &v(uint64_t x) // LEB128 varint
    {
        while (x >= 0x80) {
            u8(int(x & 0x7f) | 0x80);
            x >>= 7;
        }
        return u8(int(x));
    }
    Bytes &str(const std::string &b)
    {
        s += b;
        return *this;
    }
    Bytes &name(size_t shared, const std::string &suffix)
    {
        return v(shared).v(suffix.size()).str(suffix);
    }
};

uint32_t crcOf(std::string_view bytes)
{
    return uint32_t(crc32_z(0, reinterpret_cast<const Bytef *>(bytes.data()), bytes.size()));
}

void fixCrc(std::string &file)
{
    const uint32_t crc = crcOf(std::string_view(file).substr(9));
    for (int i = 0; i < 4; ++i)
        file[5 + size_t(i)] = char(crc >> (8 * i));
}

/// Prefix + stored table + streams, with a correct CRC. codecByte 9 = zlib level 9.
std::string handFile(const std::string &table, const std::string &streams, int codecByte = 9)
{
    Bytes b;
    b.str("GMIX")
        .u8(1)
        .str(std::string(4, '\0'))
        .u8(codecByte)
        .v(table.size())
        .v(table.size())
        .str(table)
        .str(streams);
    fixCrc(b.s);
    return b.s;
}

// The spec's worked example (MIXED_FORMAT.md §6): "w" int4 row [3, 3] and "b" fp16 [3].
//   codes [[-7, 0, 7], [1, -1, 2], [3, -3, 5]] -> digits (code + 7) 0 7 14 8 6 9 10 4 12, two per
//   byte in base 15, the first code the low digit, the last byte alone:
//   0+7*15 14+8*15 6+9*15 10+4*15 12 = 105 134 141 70 12. Codes pack in stream order, across rows.
const std::vector<int8_t> kExampleCodes = {-7, 0, 7, 1, -1, 2, 3, -3, 5};
const std::string kExampleCodeStream = std::string("\x69\x86\x8d\x46\x0c", 5);
const std::string kExampleScales = std::string("\x00\x3c\x00\x40\x00\x38", 6); // fp16 1, 2, 0.5
const std::string kExampleScaleStream =
    std::string("\x00\x00\x00\x3c\x40\x38", 6); // low bytes, high bytes
const std::string kExampleValues = std::string("\x01\x02\x03\x04\x05\x06", 6);
const std::string kExampleValueStream = std::string("\x01\x03\x05\x02\x04\x06", 6);

std::string exampleTable()
{
    Bytes t;
    t.v(2);
    // "w": float32, shape [3, 3], quant int4 (4), flags row (1) | fp16 scales (1 << 4), sizes 5, 6
    t.name(0, "w").u8(0).v(2).v(3).v(3).u8(4).u8(1 | 1 << 4).v(5).v(6);
    // "b": bfloat16 original, shape [3], quant fp16 (17), flags 0, size 6
    t.name(0, "b").u8(2).v(1).v(3).u8(17).u8(0).v(6);
    return t.s;
}

std::vector<QuantizedTensor> exampleTensors()
{
    QuantizedTensor w;
    w.name = "w";
    w.shape = {3, 3};
    w.dtype = "float32";
    w.setting = intSetting(4);
    w.codes = kExampleCodes;
    w.scales = kExampleScales;
    QuantizedTensor b;
    b.name = "b";
    b.shape = {3};
    b.dtype = "bfloat16";
    b.setting.scheme = QuantScheme::Float;
    b.setting.floatType = FloatType::Float16;
    b.values = kExampleValues;
    return {w, b};
}

} // namespace

class tst_MixedFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QuantizedTensor>("tensor");
        for (int bits = 2; bits <= 8; ++bits) {
            const QByteArray b = QByteArray::number(bits);
            QTest::newRow("int" + b + " row") << quantized({24, 40}, intSetting(bits));
            QTest::newRow("int" + b + " tensor")
                << quantized({24, 40}, intSetting(bits, Granularity::Tensor));
            QTest::newRow("int" + b + " group 16 (short last group)")
                << quantized({24, 40}, intSetting(bits, Granularity::Group, 16), Spread::Columns);
        }
        QTest::newRow("binary row") << quantized({16, 50}, schemeSetting(QuantScheme::Binary));
        QTest::newRow("binary group 7")
            << quantized({16, 50}, schemeSetting(QuantScheme::Binary, Granularity::Group));
        QTest::newRow("ternary row")
            << quantized({16, 50}, schemeSetting(QuantScheme::Ternary), Spread::Columns);
        QTest::newRow("ternary tensor 3-D")
            << quantized({3, 5, 7}, schemeSetting(QuantScheme::Ternary, Granularity::Tensor));
        QuantSetting clipped = intSetting(6);
        clipped.clip = ClipMode::Std;
        clipped.clipValue = 12.85;
        clipped.scaleType = FloatType::BFloat16;
        QTest::newRow("int6 std clip, bf16 scales") << quantized({32, 32}, clipped);
        QuantSetting pct = intSetting(8);
        pct.clip = ClipMode::Percentile;
        pct.clipValue = 99.99984;
        pct.scaleType = FloatType::Float32;
        pct.prune = PruneMode::NM;
        pct.n = 2;
        pct.m = 4;
        QTest::newRow("int8 percentile, fp32 scales, 2:4")
            << quantized({32, 32}, pct, Spread::Columns, "bfloat16");
        QuantSetting mag = intSetting(5, Granularity::Group, 8);
        mag.prune = PruneMode::Magnitude;
        mag.sparsity = 0.3;
        QTest::newRow("int5 g8 magnitude prune")
            << quantized({6, 4, 10}, mag, Spread::Uniform, "float16");
        QuantSetting rows = intSetting(4);
        rows.prune = PruneMode::Rows;
        rows.sparsity = 0.25;
        rows.rowBlock = 8;
        QTest::newRow("int4 rows prune") << quantized({64, 16}, rows);
        QTest::newRow("int7 0-D") << quantized({}, intSetting(7, Granularity::Tensor));
        QTest::newRow("int3 1-D row") << quantized({33}, intSetting(3));
        QTest::newRow("int6 [1, 40]") << quantized({1, 40}, intSetting(6));
        QTest::newRow("int6 [40, 1]") << quantized({40, 1}, intSetting(6));
        QTest::newRow("int6 empty [0, 8]") << quantized({0, 8}, intSetting(6));
        QTest::newRow("int6 empty [5, 0] group")
            << quantized({5, 0}, intSetting(6, Granularity::Group));
        QTest::newRow("fp32 2-D") << floats({16, 24}, FloatType::Float32);
        QTest::newRow("fp16 1-D") << floats({100}, FloatType::Float16, "bfloat16");
        QTest::newRow("bf16 3-D") << floats({4, 3, 5}, FloatType::BFloat16, "bfloat16");
        QTest::newRow("fp16 0-D") << floats({}, FloatType::Float16, "float64");
        QTest::newRow("fp32 empty") << floats({0}, FloatType::Float32);
        QTest::newRow("fp16 odd dtype")
            << floats({2, 2}, FloatType::Float16, "complex_or_future_dtype");
    }

    void roundTrip()
    {
        QFETCH(QuantizedTensor, tensor);
        const QuantizedTensor other = floats({7}, FloatType::Float32, "float32", "other");
        for (const auto &[codec, level] :
             {std::pair{Codec::Zlib, 9}, {Codec::Zstd, 19}, {Codec::Lzma, 9}}) {
            const EncodedTensor enc = encodeTensor(tensor, codec, level);
            QCOMPARE(enc.name, tensor.name);
            const std::vector<EncodedTensor> encoded = {encodeTensor(other, codec, level), enc};
            const std::string file = assembleMixed(encoded, codec, level);
            QVERIFY(isMixedFile(file));

            const std::vector<QuantizedTensor> back = readMixed(file, "t.gmix");
            QCOMPARE(back.size(), size_t(2));
            compareTensors(back[0], other);
            compareTensors(back[1], tensor);

            // Exact attribution: header + per-tensor streams = file, each as encodeTensor said.
            const MixedFileLayout layout = mixedLayout(file, "t.gmix");
            QCOMPARE(layout.codec, codec);
            QCOMPARE(layout.level, level);
            QCOMPARE(layout.headerBytes, mixedHeaderBytes(encoded, codec, level));
            QCOMPARE(layout.streamBytes.size(), size_t(2));
            QCOMPARE(layout.streamBytes[1].first, tensor.name);
            QCOMPARE(layout.streamBytes[1].second, int64_t(enc.stream.size()));
            int64_t sum = layout.headerBytes;
            for (const auto &[name, bytes] : layout.streamBytes)
                sum += bytes;
            QCOMPARE(sum, int64_t(file.size()));
            const MixedTensorStreams &s = layout.tensors[1];
            QCOMPARE(s.mainBytes + s.scaleBytes, int64_t(enc.stream.size()));
            QCOMPARE(s.mainRawBytes + s.scaleRawBytes, enc.rawBytes);
            QCOMPARE(s.scaleRawBytes, int64_t(tensor.scales.size()));
            QVERIFY(s.mainBytes <= s.mainRawBytes && s.scaleBytes <= s.scaleRawBytes);
            QVERIFY(!s.columnMajor || (tensor.rows() >= 2 && tensor.cols() >= 2));
            if (tensor.setting.scheme == QuantScheme::Float)
                QCOMPARE(s.mainRawBytes, int64_t(tensor.values.size()));
            else
                QVERIFY(s.mainRawBytes * 8 >= tensor.numel() * 1 &&
                        s.mainRawBytes <= tensor.numel());

            // Deterministic: the same input gives the same bytes.
            const EncodedTensor again = encodeTensor(tensor, codec, level);
            QCOMPARE(again.stream, enc.stream);
            QCOMPARE(again.meta, enc.meta);
            QCOMPARE(assembleMixed(encoded, codec, level), file);
        }
    }

    void codesArePackedAsDocumented_data()
    {
        QTest::addColumn<QuantSetting>("setting");
        QTest::addColumn<int>("perByte");
        QTest::newRow("binary") << schemeSetting(QuantScheme::Binary) << 8;
        QTest::newRow("ternary") << schemeSetting(QuantScheme::Ternary) << 5;
        QTest::newRow("int2") << intSetting(2) << 5;
        QTest::newRow("int3") << intSetting(3) << 2;
        QTest::newRow("int4") << intSetting(4) << 2;
        QTest::newRow("int5") << intSetting(5) << 1;
        QTest::newRow("int8") << intSetting(8) << 1;
    }

    void codesArePackedAsDocumented()
    {
        QFETCH(QuantSetting, setting);
        QFETCH(int, perByte);
        // Uniform random codes at zlib 0 are stored: the raw size shows the packing.
        const QuantizedTensor t = quantized({10, 101}, setting, Spread::Uniform);
        const MixedFileLayout layout =
            mixedLayout(assembleMixed({encodeTensor(t, Codec::Zlib, 0)}, Codec::Zlib, 0), "t");
        QCOMPARE(layout.tensors[0].mainRawBytes, (1010 + perByte - 1) / perByte);
        QCOMPARE(layout.tensors[0].mainBytes, layout.tensors[0].mainRawBytes);
    }

    void handBuiltFileReadsAsTheSpecSays()
    {
        const std::string file = handFile(exampleTable(), kExampleCodeStream + kExampleScaleStream +
                                                              kExampleValueStream);
        const std::vector<QuantizedTensor> got = readMixed(file, "example.gmix");
        const std::vector<QuantizedTensor> want = exampleTensors();
        QCOMPARE(got.size(), size_t(2));
        compareTensors(got[0], want[0]);
        compareTensors(got[1], want[1]);
        const MixedFileLayout layout = mixedLayout(file, "example.gmix");
        QCOMPARE(layout.headerBytes, int64_t(file.size()) - 17);
        QCOMPARE(layout.streamBytes[0].second, int64_t(11));
        QCOMPARE(layout.streamBytes[1].second, int64_t(6));

        // The writer produces the same bytes: nothing this small compresses, and the tie
        // between row- and column-major goes to row-major.
        QCOMPARE(assembleMixed(encodeAll(want, Codec::Zlib, 9), Codec::Zlib, 9), file);
    }

    void columnMajorIsChosenWhereItIsSmaller()
    {
        for (Codec codec : {Codec::Zlib, Codec::Zstd, Codec::Lzma}) {
            const int level = codec == Codec::Zstd ? 19 : 9;
            // Code widths that change per column: column-major runs are far more regular.
            const QuantizedTensor byColumn = quantized({256, 64}, intSetting(6), Spread::Columns);
            const QuantizedTensor byRow = quantized({256, 64}, intSetting(6), Spread::Rows);
            QuantizedTensor vector = quantized({2048}, intSetting(6), Spread::Columns);
            vector.name = "v";
            QuantizedTensor r = byRow;
            r.name = "r";
            const std::string file =
                assembleMixed(encodeAll({byColumn, r, vector}, codec, level), codec, level);
            const MixedFileLayout layout = mixedLayout(file, "t");
            QVERIFY(layout.tensors[0].columnMajor);
            QVERIFY(!layout.tensors[1].columnMajor);
            QVERIFY(!layout.tensors[2].columnMajor);
            const std::vector<QuantizedTensor> back = readMixed(file, "t");
            QCOMPARE(back[0].codes, byColumn.codes);
        }
    }

    void smallTensorsAreStored()
    {
        const QuantizedTensor scalar = quantized({}, intSetting(8, Granularity::Tensor));
        for (Codec codec : {Codec::Zlib, Codec::Zstd, Codec::Lzma}) {
            const std::string file =
                assembleMixed({encodeTensor(scalar, codec, codec == Codec::Zstd ? 3 : 6)}, codec,
                              codec == Codec::Zstd ? 3 : 6);
            const MixedTensorStreams s = mixedLayout(file, "t").tensors[0];
            QCOMPARE(s.mainBytes, int64_t(1));
            QCOMPARE(s.scaleBytes, int64_t(2));
            QCOMPARE(readMixed(file, "t")[0].codes, scalar.codes);
        }
    }

    void headerIsCompactForAGptSizedModel()
    {
        // The baseline's 92 tensors, with tiny stand-in data: the header (names, shapes,
        // settings, sizes) stays below about 3 bytes per tensor after compression.
        std::vector<QuantizedTensor> tensors;
        tensors.push_back(floats({4, 8}, FloatType::Float32, "float32", "skip_weights"));
        QuantSetting s8 = intSetting(8);
        s8.clip = ClipMode::Percentile;
        s8.clipValue = 99.99984;
        tensors.push_back(quantized({16, 8}, s8, Spread::Rows, "bfloat16", "tok_emb.weight"));
        for (int i = 0; i < 9; ++i) {
            const std::string p = "blocks." + std::to_string(i) + ".";
            for (const char *n : {"attn_scale", "mlp_scale", "resid_mix", "attn.q_gain"})
                tensors.push_back(floats({8}, FloatType::Float32, "float32", p + n));
            for (const char *n : {"attn.c_q.weight", "attn.c_k.weight", "attn.c_v.weight",
                                  "attn.proj.weight", "mlp.fc.weight", "mlp.proj.weight"})
                tensors.push_back(quantized({16, 8}, s8, Spread::Rows, "float32", p + n));
        }
        QCOMPARE(tensors.size(), size_t(92));
        for (Codec codec : {Codec::Zlib, Codec::Zstd, Codec::Lzma}) {
            const int level = codec == Codec::Zstd ? 22 : 9;
            const int64_t header = mixedHeaderBytes(encodeAll(tensors, codec, level), codec, level);
            QVERIFY2(header < 300, qPrintable(QString::number(header))); // measured 191-204
        }
    }

    void encodingRejectsBadTensors_data()
    {
        QTest::addColumn<QuantizedTensor>("tensor");
        QTest::addColumn<QString>("message");
        QuantizedTensor t =
            quantized({4, 4}, intSetting(4), Spread::Rows, "float32", "blocks.0.mlp.fc.weight");
        QuantizedTensor bad = t;
        bad.codes[5] = 8;
        QTest::newRow("code above qmax") << bad << "code 8 at index 5 is out of range for int4 row";
        bad = t;
        bad.codes[0] = -8;
        QTest::newRow("code below -qmax") << bad << "code -8 at index 0 is out of range";
        bad = quantized({4, 4}, schemeSetting(QuantScheme::Binary), Spread::Rows, "float32",
                        "blocks.0.mlp.fc.weight");
        bad.codes[3] = 0;
        QTest::newRow("binary zero") << bad << "code 0 at index 3 is out of range for binary row";
        bad = t;
        bad.codes.pop_back();
        QTest::newRow("too few codes") << bad << "15 codes, the shape needs 16";
        bad = t;
        bad.scales += "xx";
        QTest::newRow("scale bytes") << bad << "10 scale bytes, the setting needs 8";
        bad = t;
        bad.values = "abcd";
        QTest::newRow("values on codes") << bad << "a quantized tensor has float values";
        bad = floats({3}, FloatType::Float16, "float32", "blocks.0.mlp.fc.weight");
        bad.values.pop_back();
        QTest::newRow("value bytes") << bad << "5 value bytes, the shape needs 6";
        bad = floats({3}, FloatType::Float16, "float32", "blocks.0.mlp.fc.weight");
        bad.codes = {1, 2, 3};
        QTest::newRow("codes on floats") << bad << "a float tensor has codes or scales";
        bad = t;
        bad.setting.bits = 9;
        QTest::newRow("int9") << bad << "integer bit-width must be 2..8";
        bad = t;
        bad.shape = {4, -4};
        QTest::newRow("negative dim") << bad << "invalid shape";
        bad = t;
        bad.dtype.clear();
        QTest::newRow("no dtype") << bad << "empty dtype";
    }

    void encodingRejectsBadTensors()
    {
        QFETCH(QuantizedTensor, tensor);
        QFETCH(QString, message);
        const QString e = errorOf([&] { encodeTensor(tensor, Codec::Zstd, 3); });
        QVERIFY2(e.startsWith("encodeTensor: tensor 'blocks.0.mlp.fc.weight': ") &&
                     e.contains(message),
                 qPrintable(e));
    }

    void assemblingRejectsMismatches()
    {
        const QuantizedTensor t = quantized({8, 8}, intSetting(6));
        const EncodedTensor z = encodeTensor(t, Codec::Zlib, 9);
        QString e = errorOf([&] { assembleMixed({z}, Codec::Zstd, 9); });
        QVERIFY2(e.contains("tensor 'w'") && e.contains("another codec or level"), qPrintable(e));
        e = errorOf([&] { assembleMixed({z}, Codec::Zlib, 6); });
        QVERIFY2(e.contains("another codec or level"), qPrintable(e));
        e = errorOf([&] { assembleMixed({z, z}, Codec::Zlib, 9); });
        QVERIFY2(e.contains("tensor 'w' appears twice"), qPrintable(e));
        EncodedTensor cut = z;
        cut.stream.pop_back();
        e = errorOf([&] { mixedHeaderBytes({cut}, Codec::Zlib, 9); });
        QVERIFY2(e.contains("its entry records"), qPrintable(e));
        EncodedTensor noMeta = z;
        noMeta.meta.clear();
        e = errorOf([&] { assembleMixed({noMeta}, Codec::Zlib, 9); });
        QVERIFY2(e.contains("missing header entry"), qPrintable(e));
        e = errorOf([&] { assembleMixed({z}, Codec::Zlib, 10); });
        QVERIFY2(e.contains("zlib level must be 0..9"), qPrintable(e));
        // An empty file is still a valid file.
        const std::string none = assembleMixed({}, Codec::Lzma, 9);
        QVERIFY(readMixed(none, "empty").empty());
        QCOMPARE(mixedLayout(none, "empty").headerBytes, int64_t(none.size()));
    }

    void readingRejectsBadFiles_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("inStreams"); // found only when the streams are decoded
        const auto row = [](const char *name, const std::string &file, const char *message,
                            bool inStreams = false) {
            QTest::newRow(name) << QByteArray(file.data(), int(file.size())) << QString(message)
                                << inStreams;
        };
        const std::string streams = kExampleCodeStream + kExampleScaleStream + kExampleValueStream;
        const std::string good = handFile(exampleTable(), streams);
        // An entry "w" with the given quant/flags/extras and sizes, + the good "b".
        const auto table = [](const std::function<void(Bytes &)> &w) {
            Bytes t;
            t.v(2);
            w(t);
            t.name(0, "b").u8(2).v(1).v(3).u8(17).u8(0).v(6);
            return t.s;
        };
        const auto w = [](Bytes &t) -> Bytes & { return t.name(0, "w").u8(0).v(2).v(3).v(3); };

        row("empty file", "", "truncated (0 bytes");
        row("wrong magic", "PK\x03\x04" + good.substr(4), "not a golf-mixed-v1 file (wrong magic");
        std::string v2 = good;
        v2[4] = 2;
        row("version 2", v2, "unsupported golf-mixed version 2 (this build reads version 1)");
        row("trailing bytes", good + "x", "1 trailing bytes after the last stream");
        row("missing stream bytes", good.substr(0, good.size() - 1),
            "truncated (the header records 17 stream bytes, 16 follow");
        std::string crc = good;
        crc[6] ^= 1;
        row("bad checksum", crc, "checksum mismatch");
        std::string flip = good;
        flip[good.size() - 3] ^= 0x10;
        row("flipped stream byte", flip, "checksum mismatch");
        row("unknown codec", handFile(exampleTable(), streams, 5 << 5 | 1), "unknown codec code 5");
        row("zstd level 0", handFile(exampleTable(), streams, 1 << 5),
            "zstd level must be 1..22, got 0");
        row("code byte out of range",
            handFile(exampleTable(), std::string("\xe1\x86\x8d\x46\x0c", 5) + kExampleScaleStream +
                                         kExampleValueStream),
            "tensor 'w' codes: code byte 0 (225) is outside the range of 15-level codes packed 2 "
            "per byte",
            true);
        row("padding digit not zero",
            handFile(exampleTable(), std::string("\x69\x86\x8d\x46\x1e", 5) + kExampleScaleStream +
                                         kExampleValueStream),
            "code byte 4 (30) is outside the range of 15-level codes packed 1 per byte", true);
        row("stream larger than raw",
            handFile(table([&](Bytes &t) { w(t).u8(4).u8(17).v(6).v(6); }), streams),
            "tensor 'w': stream of 6 bytes is larger than its raw size 5");
        row("compressed stream is garbage",
            handFile(table([&](Bytes &t) { w(t).u8(4).u8(17).v(4).v(6); }), streams.substr(1)),
            "tensor 'w' codes: corrupt zlib stream", true);
        const std::string packedScales =
            compress(std::string(20, '\x3c'), Codec::Zlib, 9); // 5 bytes
        row("compressed stream of the wrong size",
            handFile(table([&](Bytes &t) { w(t).u8(4).u8(17).v(5).v(packedScales.size()); }),
                     kExampleCodeStream + packedScales + kExampleValueStream),
            "tensor 'w' scales: zlib stream holds more than the recorded 6 bytes", true);
        row("unknown quant code",
            handFile(table([&](Bytes &t) { w(t).u8(10).u8(17).v(5).v(6); }), streams),
            "tensor 'w': unknown quantization code 10");
        row("float with scale flags",
            handFile(table([&](Bytes &t) { w(t).u8(16).u8(1).v(24); }), streams),
            "tensor 'w': a float tensor has scale flags set");
        row("clip on ternary",
            handFile(table([&](Bytes &t) { w(t).u8(9).u8(1 | 1 << 2).v(2).v(4); }), streams),
            "clipping is set for a non-integer scheme");
        row("unknown granularity",
            handFile(table([&](Bytes &t) { w(t).u8(4).u8(3).v(4).v(4); }), streams),
            "unknown granularity code 3");
        row("group size 0",
            handFile(table([&](Bytes &t) { w(t).u8(4).u8(2 | 1 << 4).v(0).v(4).v(4); }), streams),
            "group size out of range");
        row("percentile 120",
            handFile(table([&](Bytes &t) {
                         w(t).u8(4)
                             .u8(1 | 1 << 2 | 1 << 4)
                             .str(std::string("\0\0\0\0\0\0\x5e\x40", 8))
                             .v(4)
                             .v(4);
                     }),
                     streams),
            "clip percentile must be in (0, 100], got 120");
        row("nm 4:2",
            handFile(
                table([&](Bytes &t) { w(t).u8(4).u8(1 | 1 << 4 | 2 << 6).u8(4).u8(2).v(4).v(4); }),
                streams),
            "N:M pruning needs 1 <= N < M <= 64, got 4:2");
        row("column-major 1-D",
            handFile(
                [] {
                    Bytes t;
                    t.v(1).name(0, "b").u8(2).v(1).v(3).u8(17 | 0x80).u8(0).v(6);
                    return t.s;
                }(),
                kExampleValueStream),
            "tensor 'b': column-major order recorded for a tensor without two dimensions of size "
            ">= 2");
        row("duplicate name",
            handFile(
                [] {
                    Bytes t;
                    t.v(2)
                        .name(0, "b")
                        .u8(2)
                        .v(1)
                        .v(3)
                        .u8(17)
                        .u8(0)
                        .v(6)
                        .name(1, "")
                        .u8(2)
                        .v(1)
                        .v(3)
                        .u8(17)
                        .u8(0)
                        .v(6);
                    return t.s;
                }(),
                kExampleValueStream + kExampleValueStream),
            "tensor 'b' appears twice");
        row("name prefix too long",
            handFile(
                [] {
                    Bytes t;
                    t.v(1).name(2, "b").u8(2).v(1).v(3).u8(17).u8(0).v(6);
                    return t.s;
                }(),
                kExampleValueStream),
            "shares more of its name than the previous name has");
        row("unknown dtype code",
            handFile(
                [] {
                    Bytes t;
                    t.v(1).name(0, "b").u8(7).v(1).v(3).u8(17).u8(0).v(6);
                    return t.s;
                }(),
                kExampleValueStream),
            "tensor 'b': unknown dtype code 7");
        row("huge shape",
            handFile(
                [] {
                    Bytes t;
                    t.v(1)
                        .name(0, "b")
                        .u8(2)
                        .v(3)
                        .v(uint64_t(1) << 20)
                        .v(uint64_t(1) << 20)
                        .v(uint64_t(1) << 20)
                        .u8(17)
                        .u8(0)
                        .v(6);
                    return t.s;
                }(),
                kExampleValueStream),
            "shape has more than 2^48 elements");
        row("too many dims",
            handFile(
                [] {
                    Bytes t;
                    t.v(1).name(0, "b").u8(2).v(17);
                    return t.s + std::string(20, '\1');
                }(),
                ""),
            "17 dimensions (at most 16)");
        row("overlong varint", handFile(std::string(12, '\xff'), ""),
            "tensor count is not a valid varint");
        row("too many tensors", handFile(Bytes().v(1000).u8(0).s, ""),
            "header claims 1000 tensors");
        row("bytes after the last entry", handFile(exampleTable() + "zz", streams),
            "2 unexpected bytes at the end of the header");
        row("entry cut short", handFile(exampleTable().substr(0, 12), ""),
            "truncated (the data ends inside");
        std::string badHeader = good;
        badHeader[10] = char(100); // table raw size 100 > stored 20: read as compressed
        fixCrc(badHeader);
        row("header sizes disagree", badHeader, "header: corrupt zlib stream");
    }

    void readingRejectsBadFiles()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, message);
        QFETCH(bool, inStreams);
        const std::string_view bytes(file.constData(), size_t(file.size()));
        QString e = errorOf([&] { readMixed(bytes, "model.gmix"); });
        QVERIFY2(e.startsWith("model.gmix: ") && e.contains(message), qPrintable(e));
        // mixedLayout checks everything but the stream contents.
        e = errorOf([&] { mixedLayout(bytes, "model.gmix"); });
        if (inStreams)
            QCOMPARE(e, QString("(no Core::Error thrown)"));
        else
            QVERIFY2(e.startsWith("model.gmix: ") && e.contains(message), qPrintable(e));
    }

    void everyTruncationAndBitFlipIsAnError()
    {
        std::vector<QuantizedTensor> tensors = {
            quantized({12, 20}, intSetting(5), Spread::Rows, "float32", "a"),
            quantized({12, 20}, schemeSetting(QuantScheme::Ternary), Spread::Columns, "float32",
                      "b"),
            floats({5, 6}, FloatType::BFloat16, "bfloat16", "c")};
        for (Codec codec : {Codec::Zlib, Codec::Zstd, Codec::Lzma}) {
            const std::string file = assembleMixed(encodeAll(tensors, codec, 9), codec, 9);
            for (size_t n = 0; n < file.size(); ++n) {
                const QString e =
                    errorOf([&] { readMixed(std::string_view(file).substr(0, n), "cut.gmix"); });
                QVERIFY2(e.startsWith("cut.gmix: "), qPrintable(QString::number(n) + ": " + e));
            }
            for (size_t pos = 0; pos < file.size(); ++pos) {
                std::string bad = file;
                bad[pos] ^= char(1 << (pos % 8));
                const QString e = errorOf([&] { readMixed(bad, "flip.gmix"); });
                QVERIFY2(e.startsWith("flip.gmix: "), qPrintable(QString::number(pos) + ": " + e));
            }
            // Past the checksum: damaged compressed streams fail in the decoder or the code range
            // check, or decode to other data of the right size; never a crash.
            const MixedFileLayout layout = mixedLayout(file, "t");
            for (size_t pos = size_t(layout.headerBytes); pos < file.size(); ++pos) {
                std::string bad = file;
                bad[pos] ^= 0x55;
                fixCrc(bad);
                try {
                    const std::vector<QuantizedTensor> back = readMixed(bad, "t");
                    QCOMPARE(back.size(), tensors.size());
                } catch (const Error &) {
                }
            }
        }
    }

    void isMixedFileChecksTheMagic()
    {
        QVERIFY(isMixedFile("GMIX\x01"));
        QVERIFY(!isMixedFile("GMI"));
        QVERIFY(!isMixedFile("PK\x03\x04"));
        QVERIFY(!isMixedFile(""));
    }
};

QTEST_GUILESS_MAIN(tst_MixedFormat)
#include "tst_mixedformat.moc"
