// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The teacher's top-k logits per training position, on disk, so that a teacher runs once for
// every run that trains on the same data in the same batch layout (a sweep over students,
// alphas or temperatures). File layout (little-endian), "golf-kd-cache-v1":
//
//   "GOLFKDC1"  u32 header length  JSON header (teacher fingerprint, vocab, seq len, tokens per
//               micro-batch, k, temperature)    zero padding to 4096
//   record i at 4096 + i * recordBytes, for micro-batch i of the run (step x grad_accum + j):
//     u32 "KDR1"  u32 FNV-1a of the micro-batch's tokens  u32 CRC-32 of the payload  u32 0
//     u16 token ids [tokens x k]   fp16 logits [tokens x k]   fp32 log-normaliser [tokens]
//
// The log-normaliser, logsumexp(logits / T) over the whole vocabulary, is what gives the k
// tokens their exact probabilities and the rest of the vocabulary its mass
// (train/distillation_p.h); it depends on T, so a cache serves one temperature (a sweep over
// alpha, or over students, shares it).
//
// Records are written in place as the teacher produces them. A missing, torn or damaged record,
// or one made from other tokens, is a miss (the teacher recomputes and rewrites it), never an
// error; a header for another teacher or layout is an Error naming what differs, and the file is
// left as it is.

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

class KdCache
{
public:
    struct Layout
    {
        std::string teacher;  ///< "<bytes>-<crc32>" of the teacher file
        int64_t vocab = 0;
        int64_t seqLen = 0;
        int64_t microTokens = 0; ///< positions per record
        int64_t topK = 0;
        double temperature = 1.0;
    };

    /// Opens `path`, creating it with `layout` when it does not exist.
    KdCache(const std::string &path, const Layout &layout);
    ~KdCache();
    KdCache(const KdCache &) = delete;
    KdCache &operator=(const KdCache &) = delete;

    /// Record `index` if it is there, whole and made from `span`: fills `indices` (int64) and
    /// `logits` (fp32), both [microTokens, k], and `logNormalizer` (fp32 [microTokens]), on the
    /// CPU.
    bool read(int64_t index, const std::vector<uint16_t> &span, torch::Tensor &indices,
              torch::Tensor &logits, torch::Tensor &logNormalizer);
    /// Writes record `index` from the top-k [microTokens, k] tensors and the log-normaliser
    /// [microTokens] (any device and dtype).
    void write(int64_t index, const std::vector<uint16_t> &span, const torch::Tensor &indices,
               const torch::Tensor &logits, const torch::Tensor &logNormalizer);

    const std::string &path() const { return m_path; }
    /// Records skipped as damaged since the cache was opened.
    int64_t damaged() const { return m_damaged; }

    /// "<bytes>-<crc32 hex>" of a file's contents, the teacher's identity in the header.
    static std::string fingerprint(const std::string &path);

private:
    int64_t recordBytes() const;
    std::string m_path;
    Layout m_layout;
    int m_fd = -1;
    int64_t m_damaged = 0;
};

} // namespace Core
