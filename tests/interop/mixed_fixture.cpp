// SPDX-License-Identifier: GPL-3.0-or-later
// golf_mixed_fixture OUTDIR: writes golf-mixed-v1 files of one tensor set with each codec, and
// expected.json with what they hold (codes, raw scale and value bytes, canonical settings, the
// per-tensor stream bytes), for test_mixed_reader.py to check packaging/python/golf_mixed.py
// against. Torch-free: only golfpack.

#include "common/atomicfile.h"
#include "common/error.h"
#include "pack/mixedformat.h"
#include "quantsettings.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>
#include <random>

using namespace Core;
using TestData::intSetting;

namespace {

std::mt19937 rng(1234);

int uniform(int lo, int hi)
{
    return std::uniform_int_distribution<int>(lo, hi)(rng);
}

/// Bits of a finite, positive-or-negative float of the given type, exponent kept in a sane range
/// so that products of codes and scales stay finite.
void appendFloat(std::string &out, FloatType type, bool positive)
{
    const uint32_t sign = positive ? 0 : uint32_t(uniform(0, 1));
    switch (type) {
    case FloatType::Float16: {
        const uint16_t bits =
            uint16_t(sign << 15 | uint32_t(uniform(8, 20)) << 10 | uint32_t(uniform(0, 1023)));
        out.push_back(char(bits & 0xff));
        out.push_back(char(bits >> 8));
        break;
    }
    case FloatType::BFloat16: {
        const uint16_t bits =
            uint16_t(sign << 15 | uint32_t(uniform(117, 133)) << 7 | uint32_t(uniform(0, 127)));
        out.push_back(char(bits & 0xff));
        out.push_back(char(bits >> 8));
        break;
    }
    case FloatType::Float32: {
        const uint32_t bits =
            sign << 31 | uint32_t(uniform(117, 133)) << 23 | uint32_t(uniform(0, (1 << 23) - 1));
        for (int i = 0; i < 4; ++i)
            out.push_back(char(bits >> (8 * i)));
        break;
    }
    }
}

/// `columnSpread`: code magnitudes vary by column (column-major compresses better) instead of by
/// row.
QuantizedTensor quantized(const std::string &name, std::vector<int64_t> shape, QuantSetting s,
                          const std::string &dtype, bool columnSpread = false)
{
    QuantizedTensor t;
    t.name = name;
    t.shape = std::move(shape);
    t.dtype = dtype;
    t.setting = s;
    const int qmax = s.qmax();
    const int64_t cols = t.cols();
    std::vector<int> spread(size_t(std::max<int64_t>(t.rows(), cols)));
    for (int &v : spread)
        v = uniform(0, qmax);
    for (int64_t i = 0; i < t.numel(); ++i) {
        if (s.scheme == QuantScheme::Binary) {
            t.codes.push_back(int8_t(uniform(0, 1) ? 1 : -1));
            continue;
        }
        const int m = spread[size_t(columnSpread ? i % cols : i / std::max<int64_t>(cols, 1))];
        t.codes.push_back(int8_t(uniform(-m, m)));
    }
    for (int64_t i = 0; i < t.scaleCount(); ++i)
        appendFloat(t.scales, s.scaleType, true);
    return t;
}

QuantizedTensor floats(const std::string &name, std::vector<int64_t> shape, FloatType type,
                       const std::string &dtype)
{
    QuantizedTensor t;
    t.name = name;
    t.shape = std::move(shape);
    t.dtype = dtype;
    t.setting.scheme = QuantScheme::Float;
    t.setting.floatType = type;
    t.setting.bits = 8 * floatTypeBytes(type);
    for (int64_t i = 0; i < t.numel(); ++i)
        appendFloat(t.values, type, false);
    return t;
}

std::vector<QuantizedTensor> tensorSet()
{
    std::vector<QuantizedTensor> out;
    QuantSetting s8 = intSetting(8, Granularity::Row);
    s8.clip = ClipMode::Percentile;
    s8.clipValue = 99.99984;
    out.push_back(quantized("tok_emb.weight", {96, 64}, s8, "bfloat16"));
    for (int bits = 2; bits <= 8; ++bits) {
        const std::string p = "blocks." + std::to_string(bits) + ".";
        QuantSetting s = intSetting(bits, Granularity::Group, 24); // 64 cols: last group is short
        s.clip = ClipMode::Std;
        s.clipValue = 12.85;
        out.push_back(quantized(p + "attn.c_q.weight", {48, 64}, s, "float32"));
        out.push_back(quantized(p + "mlp.fc.weight", {64, 40}, intSetting(bits, Granularity::Row),
                                "float32", true));
    }
    QuantSetting ternary = intSetting(2, Granularity::Row);
    ternary.scheme = QuantScheme::Ternary;
    ternary.prune = PruneMode::NM;
    ternary.n = 2;
    ternary.m = 4;
    out.push_back(quantized("blocks.9.mlp.proj.weight", {40, 64}, ternary, "float32"));
    QuantSetting binary = intSetting(1, Granularity::Tensor);
    binary.scheme = QuantScheme::Binary;
    binary.scaleType = FloatType::BFloat16;
    out.push_back(quantized("blocks.9.attn.c_k.weight", {3, 5, 7}, binary, "float32"));
    QuantSetting rows6 = intSetting(6, Granularity::Row);
    rows6.scaleType = FloatType::Float32;
    rows6.prune = PruneMode::Rows;
    rows6.sparsity = 0.25;
    rows6.rowBlock = 4;
    out.push_back(quantized("blocks.9.attn.c_v.weight", {16, 33}, rows6, "float32"));
    QuantSetting mag = intSetting(4, Granularity::Tensor);
    mag.prune = PruneMode::Magnitude;
    mag.sparsity = 0.5;
    out.push_back(quantized("blocks.9.attn.proj.weight", {2, 4, 6}, mag, "float16"));
    out.push_back(quantized("blocks.9.vector", {37}, intSetting(5, Granularity::Row), "float32"));
    out.push_back(quantized("blocks.9.scalar", {}, intSetting(7, Granularity::Tensor), "float32"));
    out.push_back(quantized("blocks.9.empty", {0, 8}, intSetting(6, Granularity::Row), "float32"));
    out.push_back(floats("skip_weights", {4, 64}, FloatType::Float32, "float32"));
    out.push_back(floats("blocks.0.attn_scale", {64}, FloatType::Float32, "float32"));
    out.push_back(floats("blocks.0.resid_mix", {2, 64}, FloatType::Float16, "float32"));
    out.push_back(floats("blocks.0.attn.q_gain", {}, FloatType::Float16, "bfloat16"));
    out.push_back(floats("lm_head.weight", {32, 3, 8}, FloatType::BFloat16, "bfloat16"));
    out.push_back(floats("blocks.0.odd_dtype", {3, 3}, FloatType::Float32, "float64"));
    return out;
}

std::string hex(const std::string &bytes)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: golf_mixed_fixture OUTDIR\n");
        return 2;
    }
    try {
        const std::string dir = argv[1];
        makeDirs(dir);
        const std::vector<QuantizedTensor> tensors = tensorSet();
        nlohmann::json expected;
        for (const QuantizedTensor &t : tensors) {
            nlohmann::json j{{"name", t.name},          {"shape", t.shape},
                             {"dtype", t.dtype},        {"setting", t.setting.toJson()},
                             {"scales", hex(t.scales)}, {"values", hex(t.values)}};
            j["codes"] = nlohmann::json::array();
            for (int8_t c : t.codes)
                j["codes"].push_back(int(c));
            expected["tensors"].push_back(j);
        }
        const struct
        {
            const char *name;
            Codec codec;
            int level;
        } files[] = {{"zlib", Codec::Zlib, 9}, {"zlib", Codec::Zlib, 0}, {"zstd", Codec::Zstd, 22},
                     {"zstd", Codec::Zstd, 3}, {"lzma", Codec::Lzma, 9}, {"lzma", Codec::Lzma, 16}};
        for (const auto &f : files) {
            std::vector<EncodedTensor> encoded;
            for (const QuantizedTensor &t : tensors)
                encoded.push_back(encodeTensor(t, f.codec, f.level));
            const std::string bytes = assembleMixed(encoded, f.codec, f.level);
            const std::string file =
                std::string("mixed_") + f.name + std::to_string(f.level) + ".gmix";
            writeFileAtomic(dir + "/" + file, bytes);
            const MixedFileLayout layout = mixedLayout(bytes, file);
            nlohmann::json info{
                {"codec", f.name}, {"level", f.level}, {"header_bytes", layout.headerBytes}};
            for (const auto &[name, n] : layout.streamBytes)
                info["streams"][name] = n;
            for (const MixedTensorStreams &s : layout.tensors)
                info["layouts"][s.name] = s.columnMajor ? "column" : "row";
            expected["files"][file] = info;
        }
        writeFileAtomic(dir + "/expected.json", expected.dump(1));
    } catch (const Error &e) {
        std::fprintf(stderr, "golf_mixed_fixture: %s\n", e.what());
        return 1;
    }
    return 0;
}
