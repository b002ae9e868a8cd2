// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/sensitivityslice.h"

#include "common/error.h"
#include "data/tokenstream.h"

namespace Core {

SliceData loadSlice(const EvalSlice &slice, int64_t vocabSize)
{
    check(slice.source == "val" || slice.source == "train",
          "slice source must be \"val\" or \"train\", not \"" + slice.source + "\"");
    check(!slice.glob.empty(), "no " + slice.source + " shards given for the evaluation slice");
    check(!slice.luts.empty(), "no byte LUT given for the evaluation slice");
    check(slice.offset >= 0 && slice.tokens >= 0, "slice offset and length must not be negative");
    std::vector<uint16_t> all = loadTokens(slice.glob, vocabSize);
    const int64_t n = int64_t(all.size());
    // One token more than the scored ones: the first token of the slice only serves as input.
    check(slice.offset + 1 < n, slice.glob + ": the slice starts at token " + std::to_string(slice.offset) +
                                    " but the shards hold only " + std::to_string(n));
    const int64_t end = slice.tokens > 0 ? std::min(n, slice.offset + slice.tokens + 1) : n;
    SliceData d;
    d.tokens.assign(all.begin() + slice.offset, all.begin() + end);
    d.lut = ByteLut::load(slice.luts).paddedTo(vocabSize);
    d.options.seqLen = slice.seqLen;
    d.options.batchTokens = slice.batchTokens;
    d.options.maxTokens = 0;
    d.label = slice.label();
    check(int64_t(d.tokens.size()) > slice.seqLen,
          "the evaluation slice " + d.label + " is shorter than one window of " + std::to_string(slice.seqLen) +
              " tokens");
    return d;
}

} // namespace Core
