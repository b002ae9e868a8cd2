// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Trains a SentencePiece BPE tokenizer with the challenge's settings (PARAMETER_GOLF.md §2.1,
// build_sentencepiece_tokenizer in data/download_hf_docs_and_tokenize.py).

#include "text/textprogress.h"
#include "text/tokenizer.h"

#include <cstdint>
#include <string>

namespace Core {

class DocumentReader;

struct TokenizerTrainOptions
{
    /// Requested vocabulary. hard_vocab_limit is off, as officially, so the result may be a little
    /// smaller. With byte fallback it must exceed 260 (4 specials + 256 byte pieces) plus one
    /// piece per character the coverage keeps; at most 65536 so ids fit the uint16 shards.
    int vocabSize = 1024;
    /// Fraction of characters covered by pieces; rarer ones fall back to bytes (official 0.999).
    double characterCoverage = 0.999;
    /// SentencePiece trainer threads (its BPE trainer uses them little).
    int threads = 2;
    /// Documents longer than this many bytes are cut to it (at a UTF-8 character boundary)
    /// before SentencePiece sees them. SentencePiece *drops* sentences longer than its
    /// max_sentence_length, whose default of 4,192 bytes (which the official trainer kept) would
    /// silently skip most web documents; we pass this value and cut instead, so no document is
    /// lost. 16 MiB is far above any real document and well inside SentencePiece's int32 field.
    int64_t maxDocumentBytes = int64_t(1) << 24;
    /// Train on the first N documents only (the official --tokenizer-train-docs); 0 = all.
    /// SentencePiece holds all training text in memory, so large corpora want a limit.
    int64_t maxDocuments = 0;
    /// Let SentencePiece log its progress (INFO) on stderr; otherwise only its warnings.
    bool verbose = false;
};

struct TokenizerTrainResult
{
    Tokenizer tokenizer;
    int64_t documents = 0; ///< documents SentencePiece was given
    int64_t bytes = 0;     ///< their UTF-8 bytes, after the official clean-up
    double seconds = 0;
};

/// Reads documents from `reader` and trains a tokenizer named `name` (e.g.
/// "fineweb_1024_bpe.model") with model_type=bpe, byte_fallback, split_digits, nmt_nfkc,
/// add_dummy_prefix=false, pad/bos/eos/unk = 0/1/2/3, hard_vocab_limit=false. Each document is
/// cleaned as officially (NUL -> space, surrounding whitespace stripped, empty ones skipped) and
/// handed to SentencePiece whole, newlines included, through its sentence iterator, so no temporary
/// file is written. The result is in memory; Tokenizer::save() writes it. Throws Error on bad
/// options, unreadable input, or a SentencePiece failure (with its message).
TokenizerTrainResult trainTokenizer(DocumentReader &reader, const std::string &name,
                                    const TokenizerTrainOptions &options = {},
                                    const TextProgressFn &progress = {});

} // namespace Core
