// SPDX-License-Identifier: GPL-3.0-or-later
#include "byteaudit.h"

#include "common/error.h"
#include "data/shard.h"
#include "tokenizer.h"

namespace Core {

namespace {

constexpr size_t kSnippetBytes = 80;

// The first ~80 bytes of `text`, cut at a UTF-8 character boundary.
std::string snippetOf(const std::string &text)
{
    if (text.size() <= kSnippetBytes)
        return text;
    size_t cut = kSnippetBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return text.substr(0, cut) + "...";
}

} // namespace

ByteAudit::ByteAudit(const Tokenizer &tokenizer, const ByteLut &lut, int maxMismatches)
    : m_tokenizer(tokenizer)
    , m_lut(lut)
    , m_maxMismatches(maxMismatches)
    , m_bos(tokenizer.bosId())
{
    check(lut.vocabSize() >= tokenizer.vocabSize(),
          "byte LUT has " + std::to_string(lut.vocabSize()) + " entries, fewer than the " +
              std::to_string(tokenizer.vocabSize()) + " ids of " + tokenizer.name());
    check(m_bos >= 0, tokenizer.name() + ": the tokenizer has no BOS token");
}

void ByteAudit::add(const uint16_t *tokens, int64_t count)
{
    for (int64_t i = 0; i < count; ++i) {
        const uint16_t t = tokens[i];
        check(t < m_lut.vocabSize() && t < m_tokenizer.vocabSize(),
              "token id " + std::to_string(t) + " at stream position " +
                  std::to_string(m_report.tokens) + " is outside the vocabulary of " +
                  std::to_string(m_tokenizer.vocabSize()));
        if (t == m_bos) {
            if (m_seenBos || !m_doc.empty())
                closeDocument(false);
            // The BOS is scored as a target too, after the previous document's last token.
            if (m_prev >= 0)
                m_report.bosBytes += m_lut.tokenBytes(uint16_t(m_prev), t);
            m_seenBos = true;
            m_docStart = m_report.tokens + 1;
        } else {
            if (!m_seenBos)
                ++m_report.tokensBeforeFirstBos;
            m_doc.push_back(t);
        }
        m_prev = t;
        ++m_report.tokens;
    }
}

void ByteAudit::closeDocument(bool last)
{
    // LUT bytes over [BOS, doc...]: the first token follows a boundary.
    std::vector<uint16_t> stream;
    stream.reserve(m_doc.size() + 1);
    stream.push_back(uint16_t(m_bos));
    stream.insert(stream.end(), m_doc.begin(), m_doc.end());
    const int64_t lutBytes = m_lut.streamBytes(stream.data(), int64_t(stream.size()));
    const std::string text = m_tokenizer.decode(m_doc);
    const int64_t decodedBytes = int64_t(text.size());

    const int64_t index = m_report.documents++;
    m_report.lutBytes += lutBytes;
    m_report.decodedBytes += decodedBytes;
    if (last) {
        m_report.lastDocumentLutBytes = lutBytes;
        m_report.lastDocumentDecodedBytes = decodedBytes;
    }
    if (lutBytes != decodedBytes) {
        ++m_report.mismatchCount;
        if (int(m_report.mismatches.size()) < m_maxMismatches)
            m_report.mismatches.push_back({index, m_docStart, int64_t(m_doc.size()), lutBytes,
                                           decodedBytes, snippetOf(text)});
    }
    m_doc.clear();
}

AuditReport ByteAudit::finish()
{
    if (m_seenBos || !m_doc.empty())
        closeDocument(true);
    return m_report;
}

AuditReport auditShards(const Tokenizer &tokenizer, const ByteLut &lut,
                        const std::vector<std::string> &paths, int maxMismatches,
                        const TextProgressFn &progress)
{
    int64_t totalBytes = 0;
    for (const auto &p : paths)
        totalBytes += kShardHeaderBytes + 2 * readShardTokenCount(p);
    ByteAudit audit(tokenizer, lut, maxMismatches);
    int64_t doneBytes = 0;
    for (const auto &p : paths) {
        const auto tokens = readShard(p, tokenizer.vocabSize());
        audit.add(tokens.data(), int64_t(tokens.size()));
        doneBytes += kShardHeaderBytes + 2 * int64_t(tokens.size());
        if (progress)
            progress({doneBytes, totalBytes, audit.report().documents, audit.report().tokens,
                      doneBytes == totalBytes});
    }
    return audit.finish();
}

} // namespace Core
