// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A run directory (DESIGN.md §1), the contract between `golf train` and whatever watches it:
//   config.json     every hyperparameter, seed, versions, git revision (written once, atomically)
//   metrics.jsonl   one JSON object per line, appended and flushed
//   train.log       the official train_gpt.py line format
//   checkpoints/    step_NNNNNN.pt (state dict, official names), step_NNNNNN.state.pt
//                   (optimizer + data position), latest.json (points at the newest complete pair)
//   STOP            created by anyone who wants the run to stop with a final checkpoint

#include "config/trainconfig.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace Core {

class RunDir
{
public:
    /// The run a checkpoint belongs to: `<run>` for `<run>/checkpoints/x.pt` when `<run>` holds
    /// a config.json; nullopt for a checkpoint outside a run directory.
    static std::optional<RunDir> ofCheckpoint(const std::string &checkpointPath);

    explicit RunDir(std::string path);

    /// A fresh id: UTC date-time plus a short random suffix, e.g. 20261123-141502-7f3a.
    static std::string newRunId();

    /// Creates the folder (must not hold a run already) and writes config.json.
    void create(const TrainConfig &config, const nlohmann::json &extra);
    /// Reads config.json's training configuration. Error if missing or invalid.
    TrainConfig readConfig() const;
    nlohmann::json readConfigJson() const;

    void appendMetric(const nlohmann::json &record) const;
    void appendLog(const std::string &line) const;

    std::string checkpointPath(int64_t step) const;
    std::string statePath(int64_t step) const;

    struct Latest
    {
        int64_t step = 0;
        std::string model; ///< file name inside checkpoints/
        std::string state;
    };
    /// Written last, after both files of a checkpoint are complete, so it never points at a
    /// half-written one.
    void writeLatest(const Latest &latest) const;
    std::optional<Latest> readLatest() const;
    /// Every step with both step_N.pt and step_N.state.pt in checkpoints/, newest first: what a
    /// resume falls back on when latest.json is missing, unreadable or names a file that does
    /// not load (a copy or a disk problem; a crash alone never leaves it so, see writeLatest).
    std::vector<Latest> checkpointsOnDisk() const;

    /// Tidies what a killed writer leaves behind, before the run is continued (`--resume`):
    /// removes the temporary files of atomic writes (".NAME.tmp.XXXXXX") in the run folder and
    /// checkpoints/, which never become results but would pile up over many crashes, and cuts a
    /// last line without its newline off metrics.jsonl and train.log, so the next appended
    /// record does not run into the torn one. Only the run's one writer may call it.
    void recoverAfterCrash() const;
    /// Empties metrics.jsonl and train.log: a run killed before its first checkpoint starts
    /// over from step 0 (same seed, same steps), and its logs start over with it instead of
    /// logging those steps twice. A watcher sees the files shrink and redraws the run.
    void restartLogs() const;

    bool stopRequested() const;
    void clearStopRequest() const;

    const std::string &path() const { return m_path; }
    std::string file(const std::string &name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

} // namespace Core
