// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The code term of the artifact size (PARAMETER_GOLF.md §1.1): the UTF-8 bytes of the submitted
// train_gpt.py. Participants shrink it by shipping a self-extracting wrapper,
//   import lzma as L,base64 as B
//   exec(L.decompress(B.b85decode("...")))
// so the ledger can price both forms, and export can write the wrapped one.

#include <cstdint>
#include <string>
#include <string_view>

namespace Core {

/// Python's base64.b85encode(bytes) (no padding): the RFC 1924 alphabet, 4 bytes -> 5 chars,
/// the last partial group shortened.
std::string base85Encode(std::string_view bytes);
/// base64.b85decode. Throws Core::Error naming `what` for characters outside the alphabet.
std::string base85Decode(std::string_view text, const std::string &what);

/// The wrapper script for `code`: xz (preset 9 extreme, no integrity check: the b85 text is the
/// artifact, and the interpreter re-checks nothing) + base85 in two lines of Python.
std::string wrapCodeLzmaBase85(std::string_view code);
/// The code a wrapper written by wrapCodeLzmaBase85 holds. Throws Core::Error naming `what`
/// when `wrapper` is not such a script.
std::string unwrapCodeLzmaBase85(std::string_view wrapper, const std::string &what);

struct CodeBytes
{
    std::string path;
    int64_t rawBytes = 0;     ///< len(code.encode("utf-8")) of the file as is
    int64_t wrappedBytes = 0; ///< the lzma+base85 wrapper's size
    bool alreadyWrapped = false; ///< the file is itself such a wrapper (then raw == wrapped)
};

/// Measures a train_gpt.py. Throws Core::Error for a missing file or invalid UTF-8.
CodeBytes measureCode(const std::string &path);

} // namespace Core
