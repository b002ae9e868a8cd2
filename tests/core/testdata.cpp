// SPDX-License-Identifier: GPL-3.0-or-later
#include "testdata.h"

#include "data/bytelut.h"
#include "data/shard.h"
#include "testenv.h"
#include "tinyconfig.h"

#include <atomic>
#include <filesystem>
#include <fstream>

namespace TestData {

Core::TrainConfig writeTinyDataset(const std::string &dir)
{
    const std::string official =
        TestEnv::sharedData().toStdString() + "/fineweb10B_sp1024_valprefix/fineweb_val_000000.bin";
    std::vector<uint16_t> all;
    if (std::filesystem::exists(official)) {
        all = Core::readShard(official, 1024);
        all.resize(40000);
    } else {
        all.resize(40000);
        uint64_t x = 1;
        for (size_t i = 0; i < all.size(); ++i) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            all[i] = (i % 200 == 0) ? 1 : uint16_t(4 + (x >> 33) % 1020);
        }
    }
    Core::writeShard(dir + "/t_val_000000.bin", {all.begin(), all.begin() + 4000});
    Core::writeShard(dir + "/t_train_000000.bin", {all.begin() + 4000, all.begin() + 20000});
    Core::writeShard(dir + "/t_train_000001.bin", {all.begin() + 20000, all.end()});
    Core::ByteLut lut;
    lut.baseBytes.assign(1024, 2);
    lut.hasLeadingSpace.assign(1024, 0);
    lut.isBoundary.assign(1024, 0);
    for (int i = 0; i < 4; ++i)
        lut.baseBytes[size_t(i)] = 0, lut.isBoundary[size_t(i)] = 1;
    lut.save(dir + "/tokenizer.luts.json");

    Core::TrainConfig c;
    c.train_files = dir + "/t_train_*.bin";
    c.val_files = dir + "/t_val_*.bin";
    c.byte_luts = dir + "/tokenizer.luts.json";
    c.model = tinyGpt(1024);
    c.train_seq_len = 32;
    c.train_batch_tokens = 128;
    c.grad_accum_steps = 2;
    c.val_batch_size = 512;
    c.val_tokens = 1025;
    c.iterations = 6;
    c.val_loss_every = 2;
    c.train_log_every = 1;
    c.warmdown_iters = 3;
    c.max_wallclock_seconds = 0;
    c.threads = 2;
    c.seed = 7;
    return c;
}

Core::Trainer::Outcome train(Core::Trainer &trainer, int stopAtStep)
{
    std::atomic_bool stop{false};
    Core::Trainer::Callbacks cb;
    cb.onStep = [&](const Core::TrainProgress &p) {
        if (p.step == stopAtStep)
            stop = true;
    };
    return trainer.run(stop, cb);
}

std::vector<nlohmann::json> metrics(const std::string &runDir)
{
    std::vector<nlohmann::json> out;
    std::ifstream in(runDir + "/metrics.jsonl");
    for (std::string line; std::getline(in, line);)
        out.push_back(nlohmann::json::parse(line));
    return out;
}

std::vector<double> trainLosses(const std::string &runDir)
{
    std::vector<double> out;
    for (const auto &m : metrics(runDir))
        if (m.contains("train_loss"))
            out.push_back(m["train_loss"].get<double>());
    return out;
}

} // namespace TestData
