// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The tests' tiny GPT (and the demo's) in one place: 4 query heads over 2 key/value heads (the baseline's grouped
// attention at its smallest), with the vocabulary, depth and width a test needs. One factory, so
// a new GptConfig field or check changes one place instead of one copy per test.

#include "model/model.h" // GptConfig (model.h stays put while the config header moves)

namespace TestData {

inline Core::GptConfig tinyGpt(int vocabSize = 64, int numLayers = 2, int modelDim = 32)
{
    Core::GptConfig c;
    c.vocabSize = vocabSize;
    c.numLayers = numLayers;
    c.modelDim = modelDim;
    c.numHeads = 4;
    c.numKvHeads = 2;
    return c;
}

/// The `golf demo` model's shape (resources/demo/demo.json "train.model"): 4 blocks of width
/// 256, 4 query heads over 2 KV heads, MLP 2x, vocabulary 1024.
inline Core::GptConfig demoGpt()
{
    Core::GptConfig c;
    c.numLayers = 4;
    c.modelDim = 256;
    c.numHeads = 4;
    c.numKvHeads = 2;
    c.mlpMult = 2;
    return c;
}

} // namespace TestData
