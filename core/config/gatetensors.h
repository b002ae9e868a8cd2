// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The tensors of learned structured sparsity (GptConfig::l0Gates): each block's
// attn.gate_log_alpha and mlp.gate_log_alpha. One test for the optimizer split (their own
// learning rate), QAT (never quantized: they are never exported) and the gate removal.

#include <string>

namespace Core {

inline bool isGateTensor(const std::string &name)
{
    static const std::string suffix = ".gate_log_alpha";
    return name.size() > suffix.size()
           && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace Core
