// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/codebytes.h"

#include "common/atomicfile.h"
#include "common/error.h"

#include <lzma.h>

#include <array>

namespace Core {

namespace {

constexpr std::string_view kAlphabet =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
constexpr std::string_view kWrapHead = "import lzma as L,base64 as B\nexec(L.decompress(B.b85decode(\"";
constexpr std::string_view kWrapTail = "\")))\n";

// Python's str.encode("utf-8") fails on invalid sequences, so len(...) of such a file is not
// defined; we refuse it rather than count something Python would not.
bool validUtf8(std::string_view s)
{
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
        if (extra < 0 || i + size_t(extra) >= s.size() + (extra == 0 ? 1 : 0))
            return false; // not a lead byte, or the sequence runs past the end
        for (int k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        i += extra + 1;
    }
    return true;
}

} // namespace

std::string base85Encode(std::string_view bytes)
{
    std::string out;
    out.reserve((bytes.size() + 3) / 4 * 5);
    for (size_t i = 0; i < bytes.size(); i += 4) {
        uint32_t word = 0;
        const size_t n = std::min<size_t>(4, bytes.size() - i);
        for (size_t k = 0; k < 4; ++k)
            word = (word << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
        std::array<char, 5> chunk;
        for (int k = 4; k >= 0; --k) {
            chunk[size_t(k)] = kAlphabet[word % 85];
            word /= 85;
        }
        // A partial group of n bytes keeps n + 1 characters (Python drops the padding's).
        out.append(chunk.data(), n + 1);
    }
    return out;
}

std::string base85Decode(std::string_view text, const std::string &what)
{
    std::array<int, 256> value;
    value.fill(-1);
    for (size_t k = 0; k < kAlphabet.size(); ++k)
        value[static_cast<unsigned char>(kAlphabet[k])] = int(k);
    std::string out;
    for (size_t i = 0; i < text.size(); i += 5) {
        const size_t n = std::min<size_t>(5, text.size() - i);
        check(n > 1, what + ": base85 text has a dangling last character");
        uint64_t word = 0;
        for (size_t k = 0; k < 5; ++k) {
            int v = 84; // Python pads a partial group with the last alphabet character
            if (k < n) {
                v = value[static_cast<unsigned char>(text[i + k])];
                check(v >= 0, what + ": invalid base85 character at offset " + std::to_string(i + k));
            }
            word = word * 85 + uint64_t(v);
        }
        check(word <= 0xFFFFFFFFull, what + ": base85 group at offset " + std::to_string(i) + " overflows");
        for (size_t k = 0; k < n - 1; ++k)
            out.push_back(char((word >> (24 - 8 * k)) & 0xFF));
    }
    return out;
}

std::string wrapCodeLzmaBase85(std::string_view code)
{
    lzma_options_lzma options;
    lzma_lzma_preset(&options, 9 | LZMA_PRESET_EXTREME);
    lzma_filter filters[] = {{LZMA_FILTER_LZMA2, &options}, {LZMA_VLI_UNKNOWN, nullptr}};
    std::string packed(lzma_stream_buffer_bound(code.size()), '\0');
    size_t written = 0;
    const lzma_ret ret = lzma_stream_buffer_encode(
        filters, LZMA_CHECK_NONE, nullptr, reinterpret_cast<const uint8_t *>(code.data()), code.size(),
        reinterpret_cast<uint8_t *>(packed.data()), &written, packed.size());
    check(ret == LZMA_OK, "xz compression of the code failed (liblzma error " + std::to_string(ret) + ")");
    packed.resize(written);
    std::string out(kWrapHead);
    out += base85Encode(packed);
    out += kWrapTail;
    return out;
}

std::string unwrapCodeLzmaBase85(std::string_view wrapper, const std::string &what)
{
    const bool shaped = wrapper.size() >= kWrapHead.size() + kWrapTail.size() &&
                        wrapper.substr(0, kWrapHead.size()) == kWrapHead &&
                        wrapper.substr(wrapper.size() - kWrapTail.size()) == kWrapTail;
    check(shaped, what + ": not an lzma+base85 wrapper script");
    const std::string packed = base85Decode(
        wrapper.substr(kWrapHead.size(), wrapper.size() - kWrapHead.size() - kWrapTail.size()), what);
    uint64_t memlimit = UINT64_MAX;
    size_t inPos = 0, outPos = 0;
    std::string code(std::max<size_t>(packed.size() * 8, 1 << 16), '\0');
    for (;;) {
        inPos = outPos = 0;
        memlimit = UINT64_MAX;
        const lzma_ret ret = lzma_stream_buffer_decode(
            &memlimit, 0, nullptr, reinterpret_cast<const uint8_t *>(packed.data()), &inPos, packed.size(),
            reinterpret_cast<uint8_t *>(code.data()), &outPos, code.size());
        if (ret == LZMA_OK && inPos == packed.size())
            break;
        if (ret == LZMA_BUF_ERROR && outPos == code.size() && code.size() < (size_t(1) << 31)) {
            code.resize(code.size() * 4);
            continue;
        }
        throw Error(what + ": the wrapped code is not a valid xz stream (liblzma error " +
                    std::to_string(ret) + ")");
    }
    code.resize(outPos);
    return code;
}

CodeBytes measureCode(const std::string &path)
{
    const std::string code = readFile(path);
    check(validUtf8(code), path + ": not valid UTF-8, so its code bytes are undefined");
    CodeBytes c;
    c.path = path;
    c.rawBytes = int64_t(code.size());
    c.alreadyWrapped = std::string_view(code).substr(0, kWrapHead.size()) == kWrapHead;
    c.wrappedBytes = c.alreadyWrapped ? c.rawBytes : int64_t(wrapCodeLzmaBase85(code).size());
    return c;
}

} // namespace Core
