// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What scoring a model on validation tokens gives (eval/evaluator.h computes it).

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace Core {

struct EvalResult
{
    double valLoss = 0; ///< nats per token
    double valBpb = 0;  ///< bits per byte
    int64_t tokens = 0; ///< scored targets
    int64_t bytes = 0;  ///< LUT bytes of the scored targets
    double lossNats = 0; ///< sum of the scored targets' cross-entropy (float64, as officially)
    double seconds = 0;

    /// The result of totals summed over shares (or one whole evaluation).
    static EvalResult fromTotals(double lossNats, int64_t tokens, int64_t bytes, double seconds);
};

nlohmann::json toJson(const EvalResult &result);
EvalResult evalResultFromJson(const nlohmann::json &json, const std::string &what);

} // namespace Core
