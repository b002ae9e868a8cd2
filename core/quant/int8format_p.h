// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch) official int8 export, format tag `int8_clean_per_row_v1`
// (PARAMETER_GOLF.md §5.1-5.2): quantize_state_dict_int8 / dequantize_state_dict_int8 of the
// baseline train_gpt.py, reproduced bit for bit so our final_model.int8.ptz is the one Python
// would write, and Python's loads here to the same weights.

#include "pack/sizereport.h"
#include "model/checkpoint_p.h"

#include <ATen/core/Dict.h>

#include <string>

namespace Core {

inline constexpr const char *kInt8FormatTag = "int8_clean_per_row_v1";

/// The quantized object: {"__quant_format__", "quantized", "scales", "dtypes", "passthrough",
/// ["qmeta"], ["passthrough_orig_dtypes"]}, entries in state-dict order, exactly as the
/// official quantize_state_dict_int8 builds it.
c10::impl::GenericDict quantizeInt8Official(const NamedTensors &stateDict);

/// The official dequantizer: quantized tensors first, then passthrough ones, each cast back to
/// its recorded dtype. Throws Core::Error naming `what` for a wrong or missing format tag,
/// missing keys and inconsistent shapes or dtypes.
NamedTensors dequantizeInt8Official(const c10::impl::GenericDict &obj, const std::string &what);

/// quantize -> torch.save format -> zlib level 9: the bytes of final_model.int8.ptz.
std::string encodeInt8Ptz(const NamedTensors &stateDict);
/// torch.save format -> zlib level 9 of an already quantized object.
std::string encodeInt8Object(const c10::impl::GenericDict &obj);
/// Inflate -> our torch.save reader -> dequantize. Errors name `what`.
NamedTensors decodeInt8Ptz(const std::string &bytes, const std::string &what);

/// The per-tensor size table of an int8 .ptz of `fileBytes` bytes holding `obj`
/// (quant/int8sizes.cpp): the attribution documented in pack/sizereport.h. Tensors follow
/// `order` (state-dict names) when given, else the object's own order (quantized, then
/// passthrough).
SizeReport int8SizeReport(const c10::impl::GenericDict &obj, int64_t fileBytes,
                          const std::vector<std::string> &order = {});

/// encodeInt8Ptz, written atomically.
void writeInt8Ptz(const std::string &path, const NamedTensors &stateDict);
/// Inflate -> our torch.save reader -> dequantize. Errors name `path`.
NamedTensors readInt8Ptz(const std::string &path);

} // namespace Core
