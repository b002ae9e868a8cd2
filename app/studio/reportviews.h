// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// From core's priced state to the plain values the widgets draw (DESIGN.md §2: widgets never
// see core's report types; the app is the one place that knows both sides).

#include "pricingworker.h"

#include "bytetree.h"
#include "tensortable.h"

#include <QList>
#include <QVector>

namespace App {

/// One TensorBytes per tensor of the report, in model order.
QList<Widgets::TensorBytes> treemapTensors(const PricedRecipe &priced);

/// The treemap's tree: the tensors, the model file's header and the code bytes.
Widgets::ByteNode treemapTree(const PricedRecipe &priced, qint64 codeBytes);

/// The tensor table's rows, with each tensor's source rule from the resolution.
QVector<Widgets::TensorRow> tableRows(const PricedRecipe &priced);

} // namespace App
