// SPDX-License-Identifier: GPL-3.0-or-later
// Shard export: re-encoding the official validation text reproduces the official shard token
// for token, shards are cut at the requested size with documents straddling them, and the
// validation/training split sends each document to the right shards.

#include "common/atomicfile.h"
#include "common/error.h"
#include "data/shard.h"
#include "text/documentreader.h"
#include "text/shardexport.h"
#include "text/shardwriter.h"
#include "text/tokenizer.h"
#include "textdata.h"

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace Core;

class tst_ShardExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Tokenizer m_tok;

    std::string folder(const char *name) const { return m_dir.filePath(name).toStdString(); }

    // Small documents of different lengths, written one per line.
    std::string writeSmallCorpus(int documents)
    {
        std::string text;
        for (int i = 0; i < documents; ++i) {
            text += "Document " + std::to_string(i) + " says";
            for (int w = 0; w < 5 + (i * 7) % 40; ++w)
                text += " word" + std::to_string((i * 31 + w) % 97);
            text += ".\n";
        }
        const std::string path = m_dir.filePath("small.txt").toStdString();
        writeFileAtomic(path, text);
        return path;
    }

    // [BOS, ids...] for each line of `path`, concatenated, for the documents `pick` selects.
    std::vector<uint16_t> expectedStream(const std::string &path,
                                         const std::function<bool(int)> &pick)
    {
        DocumentReader reader({path}, DocumentFormat::Lines);
        std::vector<uint16_t> out;
        Document doc;
        for (int i = 0; reader.next(doc); ++i) {
            if (!pick(i))
                continue;
            out.push_back(uint16_t(m_tok.bosId()));
            for (int id : m_tok.encode(doc.text))
                out.push_back(uint16_t(id));
        }
        return out;
    }

    static std::vector<uint16_t> readAllShards(const std::vector<std::string> &files)
    {
        std::vector<uint16_t> all;
        for (const auto &f : files) {
            const auto t = readShard(f);
            all.insert(all.end(), t.begin(), t.end());
        }
        return all;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (TextData::exists(TextData::officialModel()))
            m_tok = Tokenizer::load(TextData::officialModel());
    }

    // The acceptance test: the export path turns the 901 decoded validation documents back into
    // exactly the official token stream.
    void reproducesOfficialValidationPrefix()
    {
        REQUIRE_SHARED(TextData::officialModel());
        REQUIRE_SHARED(TextData::valPrefixDocs());
        REQUIRE_SHARED(TextData::officialValPrefix());
        ShardExportOptions options;
        options.folder = folder("official");
        options.split = DatasetSplit::firstDocuments(901);
        options.threads = 2;
        options.inputs = {TextData::valPrefixDocs()};
        DocumentReader reader({TextData::valPrefixDocs()}, DocumentFormat::Lines);
        QElapsedTimer timer;
        timer.start();
        const auto result = exportShards(reader, m_tok, options);
        const double seconds = timer.elapsed() / 1000.0;
        qInfo("encoded %lld tokens from %lld bytes in %.2f s: %.0f tokens/s, %.2f MB/s",
              (long long)result.val.tokens, (long long)result.val.textBytes, seconds,
              result.val.tokens / seconds, result.val.textBytes / seconds / 1e6);

        QCOMPARE(result.val.documents, int64_t(901));
        QCOMPARE(result.train.documents, int64_t(0));
        QCOMPARE(result.val.files.size(), size_t(1));
        QVERIFY(result.train.files.empty());
        QCOMPARE(std::filesystem::path(result.val.files[0]).filename().string(),
                 std::string("fineweb_val_000000.bin"));
        // The LUT byte total is the official count over the 901 documents, and equals the text.
        QCOMPARE(result.val.lutBytes, int64_t(2504310));
        QCOMPARE(result.val.textBytes, int64_t(2504310));

        const auto ours = readShard(result.val.files[0]);
        const auto official = readShard(TextData::officialValPrefix());
        // 901 documents + their BOS = 1,040,060 tokens; the official prefix goes on with the BOS
        // of document 902 at position 1,040,060 and 236 of its tokens, which the text file (whole
        // documents only) does not have. So the official shard's first 1,040,061 tokens are our
        // 901 documents plus one BOS: compare that prefix, and nothing past it.
        QCOMPARE(ours.size(), size_t(1040060));
        QCOMPARE(official.size(), size_t(1040298));
        const auto firstDiff =
            std::mismatch(ours.begin(), ours.end(), official.begin()).first - ours.begin();
        QCOMPARE(int64_t(firstDiff), int64_t(ours.size()));
        QCOMPARE(int(official[1040060]), m_tok.bosId());

        // Sidecars: the LUT, the tokenizer copy and dataset.json.
        const ByteLut lut = ByteLut::load(result.lutsPath);
        QVERIFY(lut.baseBytes == m_tok.byteLut().baseBytes);
        QVERIFY(lut.hasLeadingSpace == m_tok.byteLut().hasLeadingSpace);
        QVERIFY(lut.isBoundary == m_tok.byteLut().isBoundary);
        QCOMPARE(readFile(result.modelPath), readFile(TextData::officialModel()));
        QCOMPARE(readFile(folder("official") + "/fineweb_1024_bpe.vocab"),
                 readFile(TextData::officialVocab()));
        const auto dataset = nlohmann::json::parse(readFile(result.datasetPath));
        QCOMPARE(dataset["format"].get<std::string>(), std::string("golf-dataset-v1"));
        QCOMPARE(dataset["tokenizer"].get<std::string>(), std::string("fineweb_1024_bpe.model"));
        QCOMPARE(dataset["vocab_size"].get<int>(), 1024);
        QCOMPARE(dataset["luts"].get<std::string>(), std::string("tokenizer.luts.json"));
        QCOMPARE(dataset["val"]["documents"].get<int64_t>(), int64_t(901));
        QCOMPARE(dataset["val"]["tokens"].get<int64_t>(), int64_t(1040060));
        QCOMPARE(dataset["val"]["lut_bytes"].get<int64_t>(), int64_t(2504310));
        QCOMPARE(dataset["train"]["documents"].get<int64_t>(), int64_t(0));
        QCOMPARE(dataset["split"]["rule"].get<std::string>(), std::string("first_documents"));
        QCOMPARE(dataset["split"]["value"].get<int64_t>(), int64_t(901));
    }

    void shardsAreCutAtTheRequestedSize()
    {
        REQUIRE_SHARED(TextData::officialModel());
        const std::string corpus = writeSmallCorpus(60);
        ShardExportOptions options;
        options.folder = folder("small");
        options.shardTokens = 500;
        options.split = DatasetSplit::firstDocuments(10);
        DocumentReader reader({corpus}, DocumentFormat::Lines);
        const auto result = exportShards(reader, m_tok, options);

        QCOMPARE(result.val.documents, int64_t(10));
        QCOMPARE(result.train.documents, int64_t(50));
        for (const auto *split : {&result.val, &result.train}) {
            // Full shards of exactly 500 tokens, then the rest.
            QCOMPARE(int64_t(split->files.size()), (split->tokens + 499) / 500);
            for (size_t i = 0; i < split->files.size(); ++i) {
                const int64_t n = readShardTokenCount(split->files[i]);
                QCOMPARE(n, i + 1 < split->files.size() ? int64_t(500)
                                                        : split->tokens - 500 * int64_t(i));
            }
        }
        QVERIFY(result.train.files.size() >= 3);
        QCOMPARE(std::filesystem::path(result.train.files[1]).filename().string(),
                 std::string("fineweb_train_000001.bin"));
        // Concatenated, the shards are exactly the BOS-prefixed documents: they straddle cuts.
        QVERIFY(readAllShards(result.val.files) ==
                expectedStream(corpus, [](int i) { return i < 10; }));
        QVERIFY(readAllShards(result.train.files) ==
                expectedStream(corpus, [](int i) { return i >= 10; }));
        const auto trainTokens = readAllShards(result.train.files);
        QCOMPARE(int64_t(trainTokens.size()), result.train.tokens);
        QCOMPARE(int64_t(std::count(trainTokens.begin(), trainTokens.end(), uint16_t(1))),
                 int64_t(50));
    }

    void fractionSplitSpreadsValidation()
    {
        REQUIRE_SHARED(TextData::officialModel());
        const std::string corpus = writeSmallCorpus(40);
        ShardExportOptions options;
        options.folder = folder("fraction");
        options.prefix = "demo";
        options.split = DatasetSplit::fraction(0.25);
        DocumentReader reader({corpus}, DocumentFormat::Lines);
        const auto result = exportShards(reader, m_tok, options);
        QCOMPARE(result.val.documents, int64_t(10));
        QCOMPARE(result.train.documents, int64_t(30));
        QCOMPARE(std::filesystem::path(result.val.files[0]).filename().string(),
                 std::string("demo_val_000000.bin"));
        QVERIFY(readAllShards(result.val.files) ==
                expectedStream(corpus, [](int i) { return i % 4 == 0; }));
        QVERIFY(readAllShards(result.train.files) ==
                expectedStream(corpus, [](int i) { return i % 4 != 0; }));
        QCOMPARE(result.val.lutBytes + result.train.lutBytes,
                 result.val.textBytes + result.train.textBytes); // plain ASCII text
    }

    // A second export into the same folder leaves no shards of the first behind, and nothing
    // that is not a shard of this prefix is touched.
    void staleShardsAreRemoved()
    {
        REQUIRE_SHARED(TextData::officialModel());
        const std::string dir = folder("stale");
        std::filesystem::create_directories(dir);
        writeShard(dir + "/fineweb_train_000007.bin", {1, 2, 3});
        writeShard(dir + "/other_train_000007.bin", {1, 2, 3});
        writeFileAtomic(dir + "/notes.txt", "keep me");
        ShardExportOptions options;
        options.folder = dir;
        options.split = DatasetSplit::firstDocuments(5);
        DocumentReader reader({writeSmallCorpus(8)}, DocumentFormat::Lines);
        const auto result = exportShards(reader, m_tok, options);
        QCOMPARE(result.removedStale, 1);
        QVERIFY(!std::filesystem::exists(dir + "/fineweb_train_000007.bin"));
        QVERIFY(std::filesystem::exists(dir + "/fineweb_train_000000.bin"));
        QVERIFY(std::filesystem::exists(dir + "/other_train_000007.bin"));
        QVERIFY(std::filesystem::exists(dir + "/notes.txt"));
    }

    void shardWriterNames()
    {
        QCOMPARE(ShardWriter::shardName("fineweb", "val", 0),
                 std::string("fineweb_val_000000.bin"));
        QCOMPARE(ShardWriter::shardName("x", "train", 123), std::string("x_train_000123.bin"));
        QVERIFY_THROWS_EXCEPTION(Error, ShardWriter(folder("w"), "p", "val", 0));
    }
};

GOLF_TEST_GUILESS_MAIN(tst_ShardExport)
#include "tst_shardexport.moc"
