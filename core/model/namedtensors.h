// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Named tensors in file order, without torch's headers: a torch-free header can name them in
// declarations (the analysis targets), and only code that handles them includes torch.

#include <string>
#include <utility>
#include <vector>

namespace at {
class Tensor;
}

namespace Core {

using NamedTensors = std::vector<std::pair<std::string, at::Tensor>>;

} // namespace Core
