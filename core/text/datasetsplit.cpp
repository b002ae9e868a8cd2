// SPDX-License-Identifier: GPL-3.0-or-later
#include "datasetsplit.h"

#include "common/error.h"

#include <cmath>
#include <sstream>

namespace Core {

namespace {

constexpr int64_t kScale = 1000000;

// ceil(i * m / kScale) in integers; i * m stays below 2^63 for any realistic document count
// (i < 9.2e12 documents).
int64_t ceilScaled(int64_t i, int64_t m)
{
    return (i * m + kScale - 1) / kScale;
}

} // namespace

DatasetSplit DatasetSplit::firstDocuments(int64_t count)
{
    check(count >= 0, "the number of validation documents must not be negative");
    DatasetSplit s;
    s.m_kind = Kind::FirstDocuments;
    s.m_count = count;
    return s;
}

DatasetSplit DatasetSplit::fraction(double f)
{
    check(std::isfinite(f) && f >= 0 && f <= 1,
          "the validation fraction must be between 0 and 1, got " + std::to_string(f));
    DatasetSplit s;
    s.m_kind = Kind::Fraction;
    s.m_millionths = std::llround(f * double(kScale));
    return s;
}

bool DatasetSplit::isValidation(int64_t i) const
{
    if (m_kind == Kind::FirstDocuments)
        return i < m_count;
    return ceilScaled(i + 1, m_millionths) > ceilScaled(i, m_millionths);
}

double DatasetSplit::value() const
{
    return m_kind == Kind::FirstDocuments ? double(m_count) : double(m_millionths) / kScale;
}

std::string DatasetSplit::describe() const
{
    std::ostringstream out;
    if (m_kind == Kind::FirstDocuments) {
        out << "first " << m_count << " documents";
        return out.str();
    }
    out << "fraction " << value();
    if (m_millionths > 0 && kScale % m_millionths == 0)
        out << " (1 in every " << kScale / m_millionths << " documents)";
    else if (m_millionths > 0)
        out << " (spread evenly, starting with the first document)";
    return out.str();
}

} // namespace Core
