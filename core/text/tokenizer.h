// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A SentencePiece model behind a small torch-free, SentencePiece-free header. golftext is the
// only place that links SentencePiece (DESIGN.md §3: it cannot share a process with libtorch).

#include "data/bytelut.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace Core {

class Tokenizer
{
public:
    /// An empty tokenizer; isLoaded() is false and every other call throws Error.
    Tokenizer();
    ~Tokenizer();
    Tokenizer(Tokenizer &&) noexcept;
    Tokenizer &operator=(Tokenizer &&) noexcept;

    /// Loads a SentencePiece `.model` file. Throws Error naming the file when it is missing,
    /// unreadable, or not a SentencePiece model.
    static Tokenizer load(const std::string &modelPath);
    /// Loads a serialized model (the bytes of a `.model` file); `name` is used in messages and
    /// as ByteLut::tokenizer. Throws Error if the bytes are not a model.
    static Tokenizer fromModelBytes(const std::string &bytes, const std::string &name);

    bool isLoaded() const { return bool(d); }
    /// File name of the model (no folder), e.g. "fineweb_1024_bpe.model".
    const std::string &name() const;
    /// The serialized model, byte for byte what a `.model` file holds.
    const std::string &modelBytes() const;

    int vocabSize() const;
    int bosId() const;
    int eosId() const;
    int padId() const;
    int unkId() const;

    /// Piece string of `id` ("▁the", "<0x0A>", "<s>"); throws Error for an id out of range.
    std::string piece(int id) const;
    bool isByte(int id) const;    ///< a byte-fallback piece <0xNN>
    bool isControl(int id) const; ///< <pad>, <s>, </s> and other control symbols
    bool isUnknown(int id) const;
    bool isUnused(int id) const;
    float score(int id) const;

    /// Token ids of `text`, without BOS/EOS. Throws Error if SentencePiece fails.
    std::vector<int> encode(std::string_view text) const;
    /// encode() of each text, spread over `threads` threads (SentencePiece's encoder is const and
    /// thread-safe); the result is in input order and identical to encoding one by one.
    std::vector<std::vector<int>> encodeBatch(const std::vector<std::string> &texts,
                                              int threads) const;
    /// Text of `ids`. Control tokens decode to nothing; a leading "▁" after the start is dropped,
    /// as SentencePiece does. Throws Error for ids out of range.
    std::string decode(const std::vector<int> &ids) const;

    /// The byte LUTs of PARAMETER_GOLF.md §2.2 (build_sentencepiece_luts), one entry per piece,
    /// with pieces filled and tokenizer = name(). Control/unknown/unused: boundary, 0 bytes;
    /// byte pieces: 1 byte; others: UTF-8 length after stripping one leading "▁", which sets
    /// hasLeadingSpace.
    ByteLut byteLut() const;

    /// The `.vocab` listing ("piece\tscore" per line), as spm_train and spm_export_vocab write it.
    std::string vocabText() const;
    /// Writes `prefix.model` and `prefix.vocab`, each atomically. Throws Error on I/O failure.
    void save(const std::string &prefix) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
    static Tokenizer make(const std::string &bytes, const std::string &name,
                          const std::string &where);
    const Private &loaded() const;
    const Private &withId(int id) const; ///< loaded(), after checking that `id` is in range
};

} // namespace Core
