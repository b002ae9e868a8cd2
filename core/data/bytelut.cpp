// SPDX-License-Identifier: GPL-3.0-or-later
#include "bytelut.h"

#include "common/atomicfile.h"
#include "common/error.h"

#include <nlohmann/json.hpp>

namespace Core {

namespace {
constexpr const char *kFormat = "golf-byte-luts-v1";
}

int64_t ByteLut::streamBytes(const uint16_t *tokens, int64_t count) const
{
    int64_t total = 0;
    for (int64_t i = 1; i < count; ++i)
        total += tokenBytes(tokens[i - 1], tokens[i]);
    return total;
}

ByteLut ByteLut::paddedTo(int64_t size) const
{
    check(size >= vocabSize(), "byte LUT has " + std::to_string(vocabSize())
                                   + " entries, more than the model's vocabulary of "
                                   + std::to_string(size));
    ByteLut out = *this;
    out.baseBytes.resize(size_t(size), 0);
    out.hasLeadingSpace.resize(size_t(size), 0);
    out.isBoundary.resize(size_t(size), 1);
    if (!out.pieces.empty())
        out.pieces.resize(size_t(size)); // ids past the tokenizer have no piece
    return out;
}

ByteLut ByteLut::load(const std::string &path)
{
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(readFile(path));
    } catch (const nlohmann::json::exception &e) {
        throw Error(path + ": not valid JSON: " + e.what());
    }
    check(j.is_object() && j.value("format", "") == kFormat,
          path + ": not a byte LUT file (expected \"format\": \"" + kFormat + "\")");
    ByteLut lut;
    try {
        lut.baseBytes = j.at("base_bytes").get<std::vector<int16_t>>();
        lut.hasLeadingSpace = j.at("has_leading_space").get<std::vector<uint8_t>>();
        lut.isBoundary = j.at("is_boundary").get<std::vector<uint8_t>>();
        if (j.contains("pieces"))
            lut.pieces = j.at("pieces").get<std::vector<std::string>>();
        lut.tokenizer = j.value("tokenizer", "");
    } catch (const nlohmann::json::exception &e) {
        throw Error(path + ": malformed byte LUT: " + e.what());
    }
    const size_t n = lut.baseBytes.size();
    check(n > 0 && n <= 65536, path + ": vocabulary size " + std::to_string(n) + " is out of range");
    check(lut.hasLeadingSpace.size() == n && lut.isBoundary.size() == n
              && (lut.pieces.empty() || lut.pieces.size() == n),
          path + ": byte LUT tables have different lengths");
    check(j.value("vocab_size", int64_t(n)) == int64_t(n),
          path + ": vocab_size does not match the table lengths");
    for (size_t i = 0; i < n; ++i)
        check(lut.baseBytes[i] >= 0 && lut.hasLeadingSpace[i] <= 1 && lut.isBoundary[i] <= 1,
              path + ": invalid entry for token " + std::to_string(i));
    return lut;
}

void ByteLut::save(const std::string &path) const
{
    nlohmann::json j;
    j["format"] = kFormat;
    j["tokenizer"] = tokenizer;
    j["vocab_size"] = vocabSize();
    j["base_bytes"] = baseBytes;
    j["has_leading_space"] = hasLeadingSpace;
    j["is_boundary"] = isBoundary;
    if (!pieces.empty())
        j["pieces"] = pieces;
    writeFileAtomic(path, j.dump() + "\n");
}

} // namespace Core
