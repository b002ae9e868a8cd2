// SPDX-License-Identifier: GPL-3.0-or-later
#include "shardexport.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "documentreader.h"
#include "shardwriter.h"
#include "tokenizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

namespace Core {

namespace fs = std::filesystem;

namespace {

// Documents are encoded in batches so the encoder threads have work to share; a batch is
// bounded in bytes too, so a corpus of huge documents does not pile up in memory.
constexpr size_t kBatchDocuments = 1024;
constexpr size_t kBatchBytes = size_t(16) << 20;

nlohmann::json splitJson(const SplitStats &s)
{
    nlohmann::json files = nlohmann::json::array();
    for (const auto &f : s.files)
        files.push_back(fs::path(f).filename().string());
    return {{"documents", s.documents},
            {"tokens", s.tokens},
            {"lut_bytes", s.lutBytes},
            {"text_bytes", s.textBytes},
            {"files", files}};
}

std::string modelStem(const std::string &name)
{
    const std::string ext = ".model";
    if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0)
        return name.substr(0, name.size() - ext.size());
    return name;
}

// True for "<prefix>_val_NNNNNN.bin" and "<prefix>_train_NNNNNN.bin" (six digits).
bool isShardName(const std::string &name, const std::string &prefix)
{
    for (const std::string split : {"_val_", "_train_"}) {
        const std::string head = prefix + split;
        if (name.size() != head.size() + 6 + 4 || name.compare(0, head.size(), head) != 0 ||
            name.compare(name.size() - 4, 4, ".bin") != 0)
            continue;
        const auto digits = name.substr(head.size(), 6);
        if (std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return true;
    }
    return false;
}

// Deletes <prefix>_{val,train}_NNNNNN.bin files in `folder` that are not in `keep`.
int removeStaleShards(const std::string &folder, const std::string &prefix,
                      const std::set<std::string> &keep)
{
    int removed = 0;
    for (const auto &entry : fs::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (!isShardName(name, prefix) || keep.count(name))
            continue;
        std::error_code ec;
        fs::remove(entry.path(), ec);
        check(!ec, entry.path().string() + ": cannot remove old shard: " + ec.message());
        ++removed;
    }
    return removed;
}

} // namespace

ShardExportResult exportShards(DocumentReader &reader, const Tokenizer &tokenizer,
                               const ShardExportOptions &options, const TextProgressFn &progress)
{
    const auto start = std::chrono::steady_clock::now();
    const int vocab = tokenizer.vocabSize();
    check(vocab <= 65536, tokenizer.name() + ": vocabulary of " + std::to_string(vocab) +
                              " ids does not fit the uint16 token shards (at most 65536)");
    const int bos = tokenizer.bosId();
    check(bos >= 0 && bos < vocab, tokenizer.name() + ": the tokenizer has no BOS token");
    check(!options.prefix.empty() && options.prefix.find('/') == std::string::npos,
          "shard prefix must be a plain name, got '" + options.prefix + "'");
    makeDirs(options.folder);

    const ByteLut lut = tokenizer.byteLut();
    ShardWriter valWriter(options.folder, options.prefix, "val", options.shardTokens);
    ShardWriter trainWriter(options.folder, options.prefix, "train", options.shardTokens);
    ShardExportResult result;
    int64_t documentIndex = 0;

    std::vector<std::string> batch;
    std::vector<uint16_t> tokens;
    auto encodeBatch = [&](bool finished) {
        const auto encoded = tokenizer.encodeBatch(batch, options.threads);
        for (size_t i = 0; i < batch.size(); ++i) {
            const bool val = options.split.isValidation(documentIndex++);
            SplitStats &stats = val ? result.val : result.train;
            tokens.assign(1, uint16_t(bos));
            tokens.insert(tokens.end(), encoded[i].begin(), encoded[i].end());
            ++stats.documents;
            stats.tokens += int64_t(tokens.size());
            stats.lutBytes += lut.streamBytes(tokens.data(), int64_t(tokens.size()));
            stats.textBytes += int64_t(batch[i].size());
            (val ? valWriter : trainWriter).append(tokens);
        }
        batch.clear();
        if (progress)
            progress({reader.bytesRead(), reader.totalBytes(), documentIndex,
                      result.val.tokens + result.train.tokens, finished});
    };

    Document doc;
    size_t batchBytes = 0;
    while (reader.next(doc)) {
        batchBytes += doc.text.size();
        batch.push_back(std::move(doc.text));
        if (batch.size() >= kBatchDocuments || batchBytes >= kBatchBytes) {
            encodeBatch(false);
            batchBytes = 0;
        }
    }
    encodeBatch(true);
    valWriter.finish();
    trainWriter.finish();
    result.val.files = valWriter.files();
    result.train.files = trainWriter.files();

    std::set<std::string> written;
    for (const auto *files : {&result.val.files, &result.train.files}) {
        for (const auto &f : *files)
            written.insert(fs::path(f).filename().string());
    }
    result.removedStale = removeStaleShards(options.folder, options.prefix, written);

    const fs::path folder(options.folder);
    result.lutsPath = (folder / kLutsFileName).string();
    lut.save(result.lutsPath);
    result.modelPath = (folder / tokenizer.name()).string();
    writeFileAtomic(result.modelPath, tokenizer.modelBytes());
    const std::string vocabName = modelStem(tokenizer.name()) + ".vocab";
    writeFileAtomic((folder / vocabName).string(), tokenizer.vocabText());

    nlohmann::json split = {{"description", options.split.describe()}};
    if (options.split.kind() == DatasetSplit::Kind::FirstDocuments) {
        split["rule"] = "first_documents";
        split["value"] = int64_t(options.split.value());
    } else {
        split["rule"] = "fraction";
        split["value"] = options.split.value();
    }
    nlohmann::json dataset = {
        {"format", "golf-dataset-v1"},
        {"tokenizer", tokenizer.name()},
        {"tokenizer_vocab", vocabName},
        {"luts", kLutsFileName},
        {"vocab_size", vocab},
        {"bos_id", bos},
        {"append_eos", false},
        {"prefix", options.prefix},
        {"shard_tokens", options.shardTokens},
        {"val_glob", options.prefix + "_val_*.bin"},
        {"train_glob", options.prefix + "_train_*.bin"},
        {"split", split},
        {"inputs", options.inputs},
        {"val", splitJson(result.val)},
        {"train", splitJson(result.train)},
    };
    result.datasetPath = (folder / kDatasetFileName).string();
    writeFileAtomic(result.datasetPath, dataset.dump(2) + "\n");
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace Core
