// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch) official int8 export, format tag `int8_clean_per_row_v1`
// (PARAMETER_GOLF.md §5.1-5.2): quantize_state_dict_int8 / dequantize_state_dict_int8 of the
// baseline train_gpt.py, reproduced bit for bit so our final_model.int8.ptz is the one Python
// would write, and Python's loads here to the same weights.

#include "run/checkpoint_p.h"

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

/// quantize -> torch.save format -> zlib level 9 -> atomic write.
void writeInt8Ptz(const std::string &path, const NamedTensors &stateDict);
/// Inflate -> our torch.save reader -> dequantize. Errors name `path`.
NamedTensors readInt8Ptz(const std::string &path);

} // namespace Core
