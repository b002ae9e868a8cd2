// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Byte trees for the treemap tests and benchmark. The baseline fixture is the official 9-layer
// 512-wide model's 92 tensors (PARAMETER_GOLF.md §4.2) with realistic costs: matrices at int6
// (int8 for the embedding) with per-row fp16 scales, control tensors kept in fp32, and each
// tensor's compressed bytes ≈ payload × 0.85, about what zlib/lzma achieve on such codes.

#include "bytetree.h"

#include <QList>
#include <QString>

#include <cmath>
#include <limits>

namespace GolfTest {

inline Widgets::TensorBytes fixtureTensor(const QString &name, QList<qint64> shape, double bits,
                                          double error)
{
    Widgets::TensorBytes t;
    t.name = name;
    t.shape = shape;
    t.params = 1;
    for (qint64 d : shape)
        t.params *= d;
    t.bitsPerWeight = bits;
    const bool quantized = bits < 16;
    const qint64 scaleBytes = quantized && shape.size() == 2 ? shape[0] * 2 : 0; // fp16 per row
    t.rawBytes = qint64(std::ceil(double(t.params) * bits / 8)) + scaleBytes;
    t.bytes = qint64(std::llround(double(t.rawBytes) * 0.85));
    t.storedAs = bits == 6   ? QStringLiteral("int6 row std:12.85")
                 : bits == 8 ? QStringLiteral("int8 row pct:99.99984")
                             : QStringLiteral("fp32 passthrough");
    t.sparsity = quantized ? 0.004 : 0.0;
    t.error = error;
    return t;
}

/// The 92 tensors in state-dict order.
inline QList<Widgets::TensorBytes> baselineTensors()
{
    const double unknown = std::numeric_limits<double>::quiet_NaN();
    QList<Widgets::TensorBytes> out;
    out << fixtureTensor(QStringLiteral("skip_weights"), {4, 512}, 32, unknown);
    out << fixtureTensor(QStringLiteral("tok_emb.weight"), {1024, 512}, 8, 0.0021);
    for (int i = 0; i < 9; ++i) {
        const QString b = QStringLiteral("blocks.%1.").arg(i);
        // Error grows a little with depth and is larger for the MLP, as measured runs show.
        const double e = 0.011 * (1 + 0.06 * i);
        out << fixtureTensor(b + QStringLiteral("attn_scale"), {512}, 32, 0);
        out << fixtureTensor(b + QStringLiteral("mlp_scale"), {512}, 32, 0);
        out << fixtureTensor(b + QStringLiteral("resid_mix"), {2, 512}, 32, 0);
        out << fixtureTensor(b + QStringLiteral("attn.q_gain"), {8}, 32, 0);
        out << fixtureTensor(b + QStringLiteral("attn.c_q.weight"), {512, 512}, 6, e);
        out << fixtureTensor(b + QStringLiteral("attn.c_k.weight"), {256, 512}, 6, e * 0.9);
        out << fixtureTensor(b + QStringLiteral("attn.c_v.weight"), {256, 512}, 6, e * 1.1);
        out << fixtureTensor(b + QStringLiteral("attn.proj.weight"), {512, 512}, 6, e * 1.2);
        out << fixtureTensor(b + QStringLiteral("mlp.fc.weight"), {1024, 512}, 6, e * 1.5);
        out << fixtureTensor(b + QStringLiteral("mlp.proj.weight"), {512, 1024}, 6, e * 1.8);
    }
    return out;
}

constexpr qint64 kFixtureCodeBytes = 47'642;  // the baseline train_gpt.py
constexpr qint64 kFixtureHeaderBytes = 3'311; // names, shapes and framing

inline Widgets::ByteNode baselineTree()
{
    return Widgets::buildByteTree(baselineTensors(), kFixtureCodeBytes, kFixtureHeaderBytes);
}

/// A model of about `tensors` tensors: blocks of 10 shaped like the baseline's, with bit-widths
/// and errors varied by block, for the benchmark's 100 and 1,000.
inline Widgets::ByteNode syntheticTree(int tensors)
{
    static const double kBits[] = {2, 3, 4, 5, 6, 8};
    QList<Widgets::TensorBytes> out;
    out << fixtureTensor(QStringLiteral("tok_emb.weight"), {1024, 512}, 8, 0.003);
    for (int i = 0; out.size() < tensors; ++i) {
        const QString b = QStringLiteral("blocks.%1.").arg(i);
        const double bits = kBits[i % 6];
        const double e = 0.2 / (1 << int(bits));
        out << fixtureTensor(b + QStringLiteral("attn_scale"), {512}, 32, 0);
        out << fixtureTensor(b + QStringLiteral("mlp_scale"), {512}, 32, 0);
        out << fixtureTensor(b + QStringLiteral("resid_mix"), {2, 512}, 32, 0);
        out << fixtureTensor(b + QStringLiteral("attn.q_gain"), {8}, 32, 0);
        out << fixtureTensor(b + QStringLiteral("attn.c_q.weight"), {512, 512}, bits, e);
        out << fixtureTensor(b + QStringLiteral("attn.c_k.weight"), {256, 512}, bits, e);
        out << fixtureTensor(b + QStringLiteral("attn.c_v.weight"), {256, 512}, bits, e);
        out << fixtureTensor(b + QStringLiteral("attn.proj.weight"), {512, 512}, bits, e);
        out << fixtureTensor(b + QStringLiteral("mlp.fc.weight"), {1024, 512}, bits, e);
        out << fixtureTensor(b + QStringLiteral("mlp.proj.weight"), {512, 1024}, bits, e);
    }
    out.resize(tensors);
    return Widgets::buildByteTree(out, kFixtureCodeBytes, kFixtureHeaderBytes);
}

} // namespace GolfTest
