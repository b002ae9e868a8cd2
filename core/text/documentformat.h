// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Text input formats golf-tokenize reads, and how command-line inputs (files and folders) turn
// into a list of files to read.

#include <string>
#include <vector>

namespace Core {

enum class DocumentFormat {
    Auto,    ///< decided per input: .jsonl -> Jsonl, a folder -> Fortune files in it, else Blocks
    Blocks,  ///< plain text, one document per block of lines; blocks are split by blank lines
    Lines,   ///< one document per line (fineweb_val_prefix_docs.txt is in this format)
    Jsonl,   ///< one JSON object per line with a string "text" field (docs_selected.jsonl)
    Fortune, ///< fortune-mod files: documents separated by lines holding only "%"
};

/// Parses "auto", "blocks", "lines", "jsonl" or "fortune". Throws Error listing the valid names.
DocumentFormat parseDocumentFormat(const std::string &name);

/// The name parseDocumentFormat() accepts for `format`.
std::string documentFormatName(DocumentFormat format);

/// One file to read and the (resolved, never Auto) format to read it in.
struct InputFile
{
    std::string path;
    DocumentFormat format = DocumentFormat::Blocks;
    long long bytes = 0; ///< file size when listed, for byte progress
};

/// Expands command-line inputs into files, in the order given. A folder contributes its regular,
/// non-hidden files in name order (not recursively); for the Fortune format it also skips the
/// `*.dat` index files and symbolic links (Debian's `*.u8` links point at files already listed),
/// so /usr/share/games/fortunes reads each collection once. A file named explicitly is always
/// read. Throws Error naming an input that does not exist or a folder with no files.
std::vector<InputFile> listInputFiles(const std::vector<std::string> &inputs,
                                      DocumentFormat format);

} // namespace Core
