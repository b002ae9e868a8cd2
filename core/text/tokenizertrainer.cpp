// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenizertrainer.h"

#include "common/error.h"
#include "documentreader.h"

#include <sentencepiece_trainer.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>

namespace Core {

namespace {

// Byte fallback reserves 256 byte pieces after the 4 special ids.
constexpr int kReservedPieces = 4 + 256;

// The official clean-up in _iter_sentencepiece_text: NULs become spaces, then str.strip().
std::string cleanForTraining(std::string text, int64_t maxBytes)
{
    for (char &c : text) {
        if (c == '\0')
            c = ' ';
    }
    const char *ws = " \t\n\r\f\v";
    const size_t first = text.find_first_not_of(ws);
    if (first == std::string::npos)
        return {};
    text = text.substr(first, text.find_last_not_of(ws) - first + 1);
    if (int64_t(text.size()) > maxBytes) {
        size_t cut = size_t(maxBytes);
        // Back up over UTF-8 continuation bytes (10xxxxxx) so no character is split.
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;
        text.resize(cut);
    }
    return text;
}

// Feeds documents to SentencePiece one by one. Exceptions must not cross SentencePiece's code,
// so a read error ends the iteration and is rethrown after Train() returns.
class ReaderIterator : public sentencepiece::SentenceIterator
{
public:
    ReaderIterator(DocumentReader &reader, const TokenizerTrainOptions &options,
                   const TextProgressFn &progress)
        : m_reader(reader)
        , m_options(options)
        , m_progress(progress)
    {
        Next();
    }

    bool done() const override { return m_done; }
    const std::string &value() const override { return m_text; }
    sentencepiece::util::Status status() const override
    {
        if (m_error.empty())
            return {};
        return sentencepiece::util::Status(sentencepiece::util::StatusCode::kInternal, m_error);
    }

    void Next() override
    {
        if (m_done)
            return;
        try {
            Document doc;
            while (!(m_options.maxDocuments > 0 && m_documents >= m_options.maxDocuments) &&
                   m_reader.next(doc)) {
                m_text = cleanForTraining(std::move(doc.text), m_options.maxDocumentBytes);
                if (m_text.empty())
                    continue;
                ++m_documents;
                m_bytes += int64_t(m_text.size());
                if (m_progress && m_documents % 1000 == 0)
                    report(false);
                return;
            }
        } catch (const std::exception &e) {
            m_error = e.what();
        }
        m_done = true;
        m_text.clear();
        if (m_progress)
            report(true);
    }

    const std::string &error() const { return m_error; }
    int64_t documents() const { return m_documents; }
    int64_t bytes() const { return m_bytes; }

private:
    void report(bool finished) const
    {
        m_progress({m_reader.bytesRead(), m_reader.totalBytes(), m_documents, 0, finished});
    }

    DocumentReader &m_reader;
    const TokenizerTrainOptions &m_options;
    const TextProgressFn &m_progress;
    std::string m_text, m_error;
    bool m_done = false;
    int64_t m_documents = 0, m_bytes = 0;
};

} // namespace

TokenizerTrainResult trainTokenizer(DocumentReader &reader, const std::string &name,
                                    const TokenizerTrainOptions &options,
                                    const TextProgressFn &progress)
{
    check(options.vocabSize > kReservedPieces && options.vocabSize <= 65536,
          "vocabulary size " + std::to_string(options.vocabSize) +
              " is out of range: with byte fallback it needs more than 260 ids (4 special + 256"
              " byte pieces) and at most 65536 to fit the uint16 token shards");
    check(options.characterCoverage > 0 && options.characterCoverage <= 1,
          "character coverage must be in (0, 1]");
    check(options.maxDocumentBytes > 0 && options.maxDocumentBytes < (int64_t(1) << 31),
          "maximum document length must be between 1 byte and 2 GiB");

    const auto start = std::chrono::steady_clock::now();
    // The official trainer arguments (build_sentencepiece_tokenizer), plus threads, the
    // document length limit and log level.
    const std::unordered_map<std::string, std::string> args = {
        {"model_type", "bpe"},
        {"vocab_size", std::to_string(options.vocabSize)},
        {"character_coverage", std::to_string(options.characterCoverage)},
        {"byte_fallback", "true"},
        {"split_digits", "true"},
        {"normalization_rule_name", "nmt_nfkc"},
        {"add_dummy_prefix", "false"},
        {"pad_id", "0"},
        {"bos_id", "1"},
        {"eos_id", "2"},
        {"unk_id", "3"},
        {"hard_vocab_limit", "false"},
        {"num_threads", std::to_string(std::max(1, options.threads))},
        {"max_sentence_length", std::to_string(options.maxDocumentBytes)},
        {"minloglevel", options.verbose ? "0" : "1"},
    };

    ReaderIterator it(reader, options, progress);
    std::string model;
    const auto status = sentencepiece::SentencePieceTrainer::Train(args, &it, &model);
    check(it.error().empty(), it.error());
    check(it.documents() > 0, "no documents to train the tokenizer on (all inputs are empty)");
    if (!status.ok()) {
        std::string message = "SentencePiece training failed: " + status.ToString();
        if (status.ToString().find("required_chars") != std::string::npos)
            message += " (every character kept by the coverage needs its own piece on top of the"
                       " 260 reserved ids: raise the vocabulary size)";
        throw Error(message);
    }

    TokenizerTrainResult result;
    result.tokenizer = Tokenizer::fromModelBytes(model, name);
    result.documents = it.documents();
    result.bytes = it.bytes();
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace Core
