// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/mixedstreams_p.h"

#include "common/error.h"

#include <algorithm>
#include <cstring>

namespace Core::Internal {

int codeLevels(const QuantSetting &setting)
{
    return setting.scheme == QuantScheme::Binary ? 2 : 2 * setting.qmax() + 1;
}

int codesPerByte(int levels)
{
    int k = 1;
    int64_t power = levels;
    while (power * levels <= 256) {
        power *= levels;
        ++k;
    }
    return k;
}

int64_t packedCodeBytes(int64_t n, const QuantSetting &setting)
{
    const int k = codesPerByte(codeLevels(setting));
    return (n + k - 1) / k;
}

std::string packCodes(const int8_t *codes, int64_t n, const QuantSetting &setting)
{
    const int levels = codeLevels(setting);
    const int k = codesPerByte(levels);
    // Binary codes are -1/+1: (code + 1) / 2 maps them to 0/1; otherwise code + qmax.
    const bool binary = setting.scheme == QuantScheme::Binary;
    const int offset = setting.qmax();
    std::string out(size_t((n + k - 1) / k), '\0');
    if (k == 1) {
        for (int64_t i = 0; i < n; ++i)
            out[size_t(i)] = char(uint8_t(codes[i] + offset));
        return out;
    }
    for (size_t j = 0; j < out.size(); ++j) {
        const int64_t first = int64_t(j) * k;
        const int count = int(std::min<int64_t>(k, n - first));
        unsigned value = 0;
        // Horner from the last digit: d_0 + L*(d_1 + L*(d_2 + ...)).
        for (int i = count - 1; i >= 0; --i) {
            const int c = codes[first + i];
            value = value * unsigned(levels) + unsigned(binary ? (c + 1) / 2 : c + offset);
        }
        out[j] = char(uint8_t(value));
    }
    return out;
}

std::vector<int8_t> unpackCodes(std::string_view bytes, int64_t n, const QuantSetting &setting,
                                const std::string &what)
{
    const int levels = codeLevels(setting);
    const int k = codesPerByte(levels);
    const bool binary = setting.scheme == QuantScheme::Binary;
    const int offset = setting.qmax();
    std::vector<int8_t> codes(static_cast<size_t>(n));
    // The largest valid byte is L^k - 1; for the last, partial byte L^count - 1 (zero padding).
    const auto limit = [levels](int count) {
        unsigned p = 1;
        for (int i = 0; i < count; ++i)
            p *= unsigned(levels);
        return p;
    };
    const unsigned fullLimit = limit(k);
    for (size_t j = 0; j < bytes.size(); ++j) {
        const int64_t first = int64_t(j) * k;
        const int count = int(std::min<int64_t>(k, n - first));
        unsigned value = uint8_t(bytes[j]);
        const unsigned max = count == k ? fullLimit : limit(count);
        if (value >= max)
            throw Error(what + ": code byte " + std::to_string(j) + " (" + std::to_string(value) +
                        ") is outside the range of " + std::to_string(levels) +
                        "-level codes packed " + std::to_string(count) + " per byte");
        for (int i = 0; i < count; ++i) {
            const int digit = int(value % unsigned(levels));
            value /= unsigned(levels);
            codes[size_t(first + i)] = int8_t(binary ? 2 * digit - 1 : digit - offset);
        }
    }
    return codes;
}

std::string toColumnMajor(std::string_view data, int64_t rows, int64_t cols, int elemBytes)
{
    std::string out(data.size(), '\0');
    if (elemBytes == 1) { // codes: the common case, kept free of per-element memcpy calls
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t c = 0; c < cols; ++c)
                out[size_t(c * rows + r)] = data[size_t(r * cols + c)];
        return out;
    }
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c)
            std::memcpy(out.data() + (c * rows + r) * elemBytes,
                        data.data() + (r * cols + c) * elemBytes, size_t(elemBytes));
    return out;
}

std::string fromColumnMajor(std::string_view data, int64_t rows, int64_t cols, int elemBytes)
{
    // Column-major [rows, cols] is row-major [cols, rows].
    return toColumnMajor(data, cols, rows, elemBytes);
}

std::string shuffleBytes(std::string_view data, int stride)
{
    const size_t n = data.size() / size_t(stride);
    std::string out(data.size(), '\0');
    for (size_t i = 0; i < n; ++i)
        for (int b = 0; b < stride; ++b)
            out[size_t(b) * n + i] = data[i * size_t(stride) + size_t(b)];
    return out;
}

std::string unshuffleBytes(std::string_view data, int stride)
{
    const size_t n = data.size() / size_t(stride);
    std::string out(data.size(), '\0');
    for (size_t i = 0; i < n; ++i)
        for (int b = 0; b < stride; ++b)
            out[i * size_t(stride) + size_t(b)] = data[size_t(b) * n + i];
    return out;
}

} // namespace Core::Internal
