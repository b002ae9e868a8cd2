// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One named tensor of a model, described with plain values (no torch), for recipes, size
// tables and the GUI.

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

struct TensorDesc
{
    std::string name;
    std::vector<int64_t> shape;
    int64_t numel = 0;
    std::string dtype; ///< "float32", "bfloat16", ...
};

/// "1024x512", "256", "scalar": how tables print a shape.
inline std::string shapeText(const std::vector<int64_t> &shape)
{
    if (shape.empty())
        return "scalar";
    std::string out;
    for (size_t i = 0; i < shape.size(); ++i)
        out += (i ? "x" : "") + std::to_string(shape[i]);
    return out;
}

} // namespace Core
