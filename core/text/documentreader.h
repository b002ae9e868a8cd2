// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Streams documents out of text files, one at a time, so corpora far larger than memory can be
// tokenized. Which lines make a document depends on the format (documentformat.h).

#include "text/documentformat.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace Core {

struct Document
{
    std::string text;   ///< UTF-8 as read (newlines inside a document are kept as "\n")
    std::string source; ///< file it came from
    int64_t line = 0;   ///< 1-based line where it starts
};

/// Reads documents from a list of files in order. Empty and whitespace-only documents are
/// skipped in every format (they would only add a lone BOS to a shard); "\r\n" line endings are
/// read as "\n". Per format:
///  - Blocks: a document is a run of non-blank lines, joined with "\n"; blank lines separate.
///  - Lines: every line is a document, kept byte for byte apart from the line ending.
///  - Jsonl: every non-blank line must be a JSON object with a string "text" field; anything else
///    throws Error naming file:line.
///  - Fortune: a line holding only "%" ends a document; blank lines around a fortune are dropped
///    and indentation inside it is kept (ASCII art).
class DocumentReader
{
public:
    explicit DocumentReader(std::vector<InputFile> files);
    /// Convenience: listInputFiles(inputs, format) then read them.
    DocumentReader(const std::vector<std::string> &inputs, DocumentFormat format);
    ~DocumentReader();
    DocumentReader(const DocumentReader &) = delete;
    DocumentReader &operator=(const DocumentReader &) = delete;

    /// Fills `doc` with the next document; false when all files are done. Throws Error on
    /// unreadable files and malformed JSONL.
    bool next(Document &doc);

    const std::vector<InputFile> &files() const { return m_files; }
    /// Bytes of input consumed so far, over all files; compare with totalBytes() for progress.
    int64_t bytesRead() const;
    int64_t totalBytes() const { return m_totalBytes; }
    int64_t documentsRead() const { return m_documents; }

private:
    bool nextInFile(Document &doc);

    std::vector<InputFile> m_files;
    size_t m_fileIndex = 0;
    struct Open;
    std::unique_ptr<Open> m_open;
    int64_t m_doneBytes = 0; ///< bytes of files already finished
    int64_t m_totalBytes = 0;
    int64_t m_documents = 0;
};

} // namespace Core
