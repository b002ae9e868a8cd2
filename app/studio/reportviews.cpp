// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportviews.h"

#include "recipeedits.h"

#include <cmath>

namespace App {

namespace {

QList<qint64> shapeOf(const std::vector<int64_t> &shape)
{
    QList<qint64> out;
    for (int64_t d : shape)
        out << qint64(d);
    return out;
}

} // namespace

QList<Widgets::TensorBytes> treemapTensors(const PricedRecipe &priced)
{
    QList<Widgets::TensorBytes> out;
    out.reserve(qsizetype(priced.report.tensors.size()));
    for (const Core::TensorSize &t : priced.report.tensors) {
        Widgets::TensorBytes b;
        b.name = QString::fromStdString(t.name);
        b.shape = shapeOf(t.shape);
        b.params = t.numel;
        b.bitsPerWeight = Core::quantSchemeOf(t.setting).bitsPerWeight;
        b.storedAs = QString::fromStdString(t.setting.describe());
        b.sparsity = t.sparsity;
        b.rawBytes = t.payloadBytes;
        b.bytes = t.fileBytes;
        b.error = t.relError;
        out << b;
    }
    return out;
}

Widgets::ByteNode treemapTree(const PricedRecipe &priced, qint64 codeBytes)
{
    return Widgets::buildByteTree(treemapTensors(priced), codeBytes, priced.report.headerBytes);
}

QVector<Widgets::TensorRow> tableRows(const PricedRecipe &priced)
{
    QVector<Widgets::TensorRow> rows;
    rows.reserve(qsizetype(priced.report.tensors.size()));
    for (size_t i = 0; i < priced.report.tensors.size(); ++i) {
        const Core::TensorSize &t = priced.report.tensors[i];
        Widgets::TensorRow r;
        r.name = QString::fromStdString(t.name);
        r.shape = shapeOf(t.shape);
        r.numel = t.numel;
        r.setting = t.setting;
        // The report and the resolution list the model's tensors in the same order.
        if (i < priced.resolution.tensors.size() &&
            priced.resolution.tensors[i].tensor.name == t.name)
            r.source = sourceText(priced.recipe, priced.resolution.tensors[i]);
        r.sparsity = t.sparsity;
        r.payloadBytes = t.payloadBytes;
        r.fileBytes = t.fileBytes;
        rows << r;
    }
    return rows;
}

} // namespace App
