// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Size reports, ledgers and tensor lists read back from the JSON pack/sizereport.h writes: what
// the window gets from a golf child (job/serveprotocol.h). Every figure survives the trip
// exactly (integers as integers, doubles in shortest round-trip form, NaN as null), so a
// report priced in the child is bit-identical to one priced in the window's own process.

#include "pack/sizereport.h"
#include "pack/tensordesc.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace Core {

/// Reads what toJson(SizeReport) writes. Throws Core::Error naming `what` for a missing or
/// mistyped key.
SizeReport sizeReportFromJson(const nlohmann::json &json, const std::string &what);
/// Reads what toJson(SizeLedger) writes.
SizeLedger sizeLedgerFromJson(const nlohmann::json &json, const std::string &what);

nlohmann::json toJson(const std::vector<TensorDesc> &tensors);
std::vector<TensorDesc> tensorDescsFromJson(const nlohmann::json &json, const std::string &what);

} // namespace Core
