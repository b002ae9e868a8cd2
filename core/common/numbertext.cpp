// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/numbertext.h"

namespace Core {

std::string groupedNumber(int64_t n)
{
    const bool negative = n < 0;
    const std::string digits = std::to_string(negative ? -n : n);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return negative ? "-" + out : out;
}

} // namespace Core
