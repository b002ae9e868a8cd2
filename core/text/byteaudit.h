// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The byte-exactness audit: do the byte LUTs credit each document with exactly the UTF-8 bytes
// of its text? bpb divides by the LUT's byte count, so a LUT bug shifts every score. Known bugs
// it catches: byte-fallback pieces counted by their "<0xNN>" spelling or as 3 bytes instead of 1,
// and the "▁" space counted twice (kept in base_bytes and added again as the leading space).

#include "text/textprogress.h"

#include "data/bytelut.h"

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

class Tokenizer;

struct AuditMismatch
{
    int64_t document = 0;     ///< 0-based index in the stream
    int64_t firstToken = 0;   ///< stream position of its first token (after the BOS)
    int64_t tokens = 0;       ///< its tokens, BOS excluded
    int64_t lutBytes = 0;     ///< bytes the LUT credits to it
    int64_t decodedBytes = 0; ///< UTF-8 bytes of its decoded text
    std::string snippet;      ///< start of the decoded text
};

struct AuditReport
{
    int64_t tokens = 0;       ///< all tokens read
    int64_t documents = 0;    ///< documents checked, the last (maybe partial) one included
    int64_t lutBytes = 0;     ///< LUT bytes of all documents
    int64_t decodedBytes = 0; ///< decoded UTF-8 bytes of all documents
    /// Bytes the LUT credits to BOS tokens themselves; must be 0 (the official LUT makes BOS a
    /// boundary with no bytes).
    int64_t bosBytes = 0;
    /// The last document has no BOS after it: it may be cut off by the end of the data (the
    /// shared validation prefix ends 237 tokens into document 902). It is audited all the same;
    /// its totals are also given here so a caller can leave it out.
    int64_t lastDocumentLutBytes = 0;
    int64_t lastDocumentDecodedBytes = 0;
    /// Tokens before the first BOS (a stream that starts mid-document); audited as a document
    /// that follows a boundary.
    int64_t tokensBeforeFirstBos = 0;
    int64_t mismatchCount = 0;
    std::vector<AuditMismatch> mismatches; ///< the first ones, up to the limit given

    bool clean() const { return mismatchCount == 0 && bosBytes == 0 && lutBytes == decodedBytes; }
};

/// Checks a token stream document by document. Feed it the shards' tokens in order with add()
/// (documents may straddle calls), then call finish(). A document is the tokens after a BOS up to
/// the next BOS; its LUT bytes are ByteLut::streamBytes over [BOS, tokens...] (the first token
/// follows a boundary, so its leading "▁" is not counted), and its decoded bytes are the UTF-8
/// length of SentencePiece's decode of the tokens.
class ByteAudit
{
public:
    /// `lut` must cover the tokenizer's vocabulary (a padded one is fine). Keeps references:
    /// both must outlive the audit. Throws Error if the LUT is too small.
    ByteAudit(const Tokenizer &tokenizer, const ByteLut &lut, int maxMismatches = 10);

    /// Appends tokens to the stream. Throws Error on an id outside the LUT.
    void add(const uint16_t *tokens, int64_t count);
    /// Audits the last document and returns the report.
    AuditReport finish();

    const AuditReport &report() const { return m_report; }

private:
    void closeDocument(bool last);

    const Tokenizer &m_tokenizer;
    const ByteLut &m_lut;
    int m_maxMismatches;
    int m_bos;
    bool m_seenBos = false;
    int m_prev = -1; ///< last token added, -1 before the first
    std::vector<int> m_doc;
    int64_t m_docStart = 0;
    AuditReport m_report;
};

/// Audits the shards at `paths` as one stream, in order. `progress` gets shard bytes read.
AuditReport auditShards(const Tokenizer &tokenizer, const ByteLut &lut,
                        const std::vector<std::string> &paths, int maxMismatches = 10,
                        const TextProgressFn &progress = {});

} // namespace Core
