// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The byte-budget tree the treemap draws: plain values the app fills in from core's size report
// (DESIGN.md §2: widgets never see torch or core types). A group's bytes are the sum of its
// children's, so every level adds up to the artifact: tensors + container header + code.

#include <QList>
#include <QString>

#include <limits>
#include <vector>

namespace Widgets {

enum class ByteNodeKind {
    Group,  ///< model, "blocks.3", "blocks.3.attn", ...
    Tensor, ///< one state-dict tensor
    Code,   ///< the counted code bytes (train_gpt.py)
    Header, ///< the model file's container overhead
};

/// One tensor's figures, as the app reports them. `bytes` is what the tensor costs in the
/// artifact (its compressed bytes); `rawBytes` is its payload before compression.
struct TensorBytes
{
    QString name; ///< official state-dict name, e.g. "blocks.3.attn.c_q.weight"
    QList<qint64> shape;
    qint64 params = 0;         ///< numel
    double bitsPerWeight = 32; ///< drives the bit-width colour (Widgets::colorForBits)
    QString storedAs;          ///< e.g. "int6 row std:12.85", "fp32 passthrough"
    double sparsity = 0;       ///< fraction of exactly-zero stored values, 0..1
    qint64 rawBytes = 0;       ///< payload bytes before compression
    qint64 bytes = 0;          ///< compressed bytes attributed to this tensor
    double error = std::numeric_limits<double>::quiet_NaN(); ///< quantization error; NaN = unknown
};

/// A node of the tree. Tensor nodes carry their TensorBytes; groups sum their children.
struct ByteNode
{
    QString name;     ///< what a tile shows ("c_q.weight", "attn", "blocks.3")
    QString fullName; ///< tensor name, group path ("blocks.3.attn"), kCodeName/kHeaderName; "" at
                      ///< the root
    qint64 bytes = 0;
    ByteNodeKind kind = ByteNodeKind::Group;
    TensorBytes tensor; ///< meaningful for kind == Tensor
    std::vector<ByteNode> children;

    bool isGroup() const { return kind == ByteNodeKind::Group; }
    /// Number of Tensor nodes at or below this node.
    int tensorCount() const;
    /// Sum of the tensors' rawBytes at or below this node.
    qint64 rawBytes() const;
    /// The node with this fullName at or below this one (depth first), or nullptr.
    const ByteNode *find(const QString &fullName) const;
};

/// fullName of the code tile and of the container-header tile (no tensor name starts with '<').
inline const QString kCodeName = QStringLiteral("<code>");
inline const QString kHeaderName = QStringLiteral("<header>");

/// Builds the nested tree from a flat tensor list, grouping by the dotted name: a component
/// followed by a number forms one group ("blocks.3"), the next component a sub-group ("attn",
/// "mlp"), and a group with a single child is folded into it (except a block), so
/// "tok_emb.weight" is one top-level tile and "blocks.3.attn.c_q.weight" is the tile
/// "c_q.weight" in blocks.3 › attn.
/// Order follows the input (the layout sorts by size itself). Negative byte counts count as 0.
/// The code and header tiles are added at the top level (also when they are 0 bytes).
ByteNode buildByteTree(const QList<TensorBytes> &tensors, qint64 codeBytes, qint64 headerBytes,
                       const QString &rootName = QStringLiteral("model"));

/// "15,863,489": byte counts are always printed in full with thousands separators, never MiB.
QString formatByteCount(qint64 bytes);

} // namespace Widgets
