// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The measured sensitivity cells of one checkpoint, kept on disk so a re-run is instant and an
// interrupted run resumes: one JSON line per cell, appended as soon as it is measured (a torn
// last line after a crash is skipped). One file per slice and Fisher sample size, because the
// loss increase depends on the slice; bytes additionally depend on the container, which each
// line records.

#include "analysis/sensitivity.h"
#include "analysis/sensitivityslice.h"
#include "eval/evaluator.h"

#include <map>
#include <optional>
#include <string>

namespace Core {

class SensitivityCache
{
public:
    /// `dir` "" = no cache (every lookup misses, stores are dropped). `calibration` names the
    /// gptq calibration sample when gptq cells are measured (Calibration::label), else "".
    SensitivityCache(const std::string &dir, const EvalSlice &slice, int64_t fisherTokens,
                     const std::string &calibration = {});

    const std::string &path() const { return m_path; }

    std::optional<EvalResult> baseline() const { return m_baseline; }
    void storeBaseline(const EvalResult &r);

    std::optional<SensitivityCell> find(const std::string &tensor, const QuantSetting &setting,
                                        const ContainerSpec &container) const;
    void store(const std::string &tensor, const ContainerSpec &container, const SensitivityCell &cell);

private:
    static std::string key(const std::string &tensor, const QuantSetting &setting, const ContainerSpec &container);
    std::string m_path;
    std::optional<EvalResult> m_baseline;
    std::map<std::string, SensitivityCell> m_cells;
};

} // namespace Core
