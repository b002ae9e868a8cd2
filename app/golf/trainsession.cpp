// SPDX-License-Identifier: GPL-3.0-or-later
#include "trainsession.h"

#include "cli/args.h"
#include "cli/progress.h"
#include "data/dataset.h"
#include "data/bytelut.h"
#include "interrupt.h"

#include <cstdio>

namespace App {

namespace {
std::string duration(double seconds)
{
    char buf[32];
    const long s = long(seconds + 0.5);
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s / 60) % 60);
    else
        std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
    return buf;
}
} // namespace

int runTrainerWithProgress(Core::Trainer &trainer, bool quiet)
{
    const auto &stop = installInterruptFlag();
    // The other ranks of a data-parallel run are silent: rank 0 speaks for the run.
    quiet = quiet || !trainer.leader();
    ProgressLine progress;
    Core::Trainer::Callbacks cb;
    cb.onLog = [&](const std::string &line) {
        if (quiet)
            return;
        progress.finish();
        std::printf("%s\n", line.c_str());
        std::fflush(stdout);
    };
    const bool speaks = trainer.leader();
    cb.onStep = [&](const Core::TrainProgress &p) {
        if (!speaks)
            return;
        const double perStep = p.trainTimeMs / 1000.0 / double(p.step);
        char text[256];
        std::snprintf(text, sizeof text, "train %lld/%lld  loss %.4f  lr x%.3f  %.0f tok/s  eta %s",
                      (long long)p.step, (long long)p.iterations, p.trainLoss, p.lr, p.tokPerS,
                      duration(perStep * double(p.iterations - p.step)).c_str());
        progress.update(text, p.step == p.iterations);
    };
    cb.onEval = [&](int64_t done, int64_t total) {
        if (!speaks)
            return;
        char text[128];
        std::snprintf(text, sizeof text, "validating %lld/%lld tokens", (long long)done,
                      (long long)total);
        progress.update(text, done == total);
    };
    const auto outcome = trainer.run(stop, cb);
    progress.finish();
    switch (outcome) {
    case Core::Trainer::Outcome::Finished:
        return ExitOk;
    case Core::Trainer::Outcome::Stopped:
        if (speaks)
            std::fprintf(stderr, "golf train: %s; resume with: golf train --resume %s\n",
                     trainer.message().c_str(),
                     trainer.lastCheckpoint().substr(0, trainer.lastCheckpoint().rfind("/checkpoints/")).c_str());
        return ExitOk;
    case Core::Trainer::Outcome::Diverged:
        if (speaks)
            std::fprintf(stderr, "golf train: error: %s\n", trainer.message().c_str());
        return ExitFailure;
    }
    return ExitFailure;
}

void useDataset(Core::TrainConfig &cfg, const std::string &dir)
{
    const auto paths = Core::datasetPaths(dir);
    cfg.train_files = paths.trainGlob;
    cfg.val_files = paths.valGlob;
    cfg.byte_luts = paths.byteLuts;
    cfg.model.vocabSize = int(Core::ByteLut::load(paths.byteLuts).vocabSize());
}

} // namespace App
