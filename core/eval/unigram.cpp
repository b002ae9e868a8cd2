// SPDX-License-Identifier: GPL-3.0-or-later
#include "eval/unigram.h"

#include "common/error.h"

#include <cmath>

namespace Core {

UnigramBaseline unigramBaseline(const std::vector<uint16_t> &train, const std::vector<uint16_t> &val,
                                const ByteLut &lutIn, int64_t vocabSize)
{
    check(val.size() >= 2, "unigram baseline: the validation stream is too short");
    const ByteLut lut = lutIn.paddedTo(vocabSize);
    std::vector<double> counts(size_t(vocabSize), 1.0); // add-one smoothing
    for (uint16_t t : train) {
        check(t < vocabSize, "unigram baseline: token id out of range");
        counts[t] += 1.0;
    }
    const double total = double(train.size()) + double(vocabSize);
    double nats = 0;
    int64_t bytes = 0;
    for (size_t i = 1; i < val.size(); ++i) {
        check(val[i] < vocabSize, "unigram baseline: token id out of range");
        nats -= std::log(counts[val[i]] / total);
        bytes += lut.tokenBytes(val[i - 1], val[i]);
    }
    check(bytes > 0, "unigram baseline: the validation tokens carry no bytes");
    UnigramBaseline r;
    r.valLoss = nats / double(val.size() - 1);
    r.valBpb = nats / std::log(2.0) / double(bytes);
    return r;
}

} // namespace Core
