// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/exporter.h"

#include "analysis/evaltarget.h"

#include "common/atomicfile.h"
#include "common/buildinfo.h"
#include "recipe/evalhistory.h"
#include "analysis/sensitivityslice.h"
#include "common/error.h"
#include "common/utctime.h"
#include "data/tokenstream.h"
#include "data/bytelut.h"
#include "ship/shippedscript.h"
#include "ship/ziparchive.h"
#include "model/model.h"
#include "pack/tensordesc.h"
#include "pack/codebytes.h"
#include "pack/mixedformat.h"
#include "quant/sizepricer.h"
#include "run/checkpointdata.h"
#include "run/rundir.h"
#include "quant/modelload.h"
#include "analysis/calibrationrun.h"
#include "train/torchruntime.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cerrno>
#include <csignal>
#include <filesystem>

#include <fcntl.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace Core {

namespace {

std::string fixed(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// Removes a partially written folder on every path out of exportSubmission that does not
// complete it.
struct PartialFolder
{
    fs::path path;
    bool keep = false;
    ~PartialFolder()
    {
        if (!keep && !path.empty()) {
            std::error_code ec;
            fs::remove_all(path, ec);
        }
    }
};

// Makes the renames inside `dir` durable (the files themselves are fsynced by writeFileAtomic).
void syncFolder(const fs::path &dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

// Staging folders of this export's name (".NAME.partial-PID", ".NAME.old-PID") whose process is
// gone: a killed export leaves them; they are never results, so they are removed rather than
// left to pile up. A live process's (another export running now) stays.
void removeStaleStaging(const fs::path &outDir, const std::string &name)
{
    std::error_code ec;
    for (fs::directory_iterator it(outDir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string entry = it->path().filename().string();
        for (const std::string &prefix : {"." + name + ".partial-", "." + name + ".old-"}) {
            if (entry.rfind(prefix, 0) != 0)
                continue;
            const std::string digits = entry.substr(prefix.size());
            if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
                continue;
            const pid_t pid = pid_t(std::stol(digits));
            if (pid == ::getpid() || (::kill(pid, 0) != 0 && errno == ESRCH)) {
                std::error_code rm;
                fs::remove_all(it->path(), rm);
            }
        }
    }
}

struct ValidationData
{
    std::string valGlob, luts;
    int64_t seqLen = 1024;
};

ValidationData validationData(const ExportOptions &o)
{
    const CheckpointData data = checkpointData(o.checkpoint);
    ValidationData v;
    v.valGlob = data.valGlob;
    v.luts = data.luts;
    if (data.seqLen > 0)
        v.seqLen = data.seqLen;
    if (!o.valGlob.empty())
        v.valGlob = o.valGlob;
    if (!o.lutsPath.empty())
        v.luts = o.lutsPath;
    if (o.seqLen > 0)
        v.seqLen = o.seqLen;
    check(!v.valGlob.empty() && !v.luts.empty(),
          "round-trip verification needs validation data: the checkpoint is not in a run directory, so "
          "give the validation shards and byte LUTs (golf export --data DIR), or skip it (--no-verify)");
    return v;
}

std::string readmeText(const ExportOptions &o, const ExportResult &r, const std::string &modelName,
                       const std::string &codeName)
{
    std::string s = "# " + o.name + "\n\n";
    if (!o.blurb.empty())
        s += o.blurb + "\n\n";
    s += "## Score\n\n";
    if (r.verified) {
        s += "| | val_loss | val_bpb |\n|---|---|---|\n";
        s += "| checkpoint (before quantization) | " + fixed(r.preQuant.valLoss, 8) + " | " +
             fixed(r.preQuant.valBpb, 8) + " |\n";
        s += "| `" + modelName + "` read back from disk (round trip) | " + fixed(r.roundTrip.valLoss, 8) + " | " +
             fixed(r.roundTrip.valBpb, 8) + " |\n\n";
        s += "Quantization cost: " + fixed(r.roundTrip.valBpb - r.preQuant.valBpb, 6) + " bpb on " +
             std::to_string(r.roundTrip.tokens) + " validation tokens (" + std::to_string(r.roundTrip.bytes) +
             " bytes).\n\n";
    } else {
        s += "Not verified: exported with `--no-verify`, so no score is recorded.\n\n";
    }
    s += "## Size\n\n| | bytes |\n|---|---:|\n";
    s += "| model (`" + modelName + "`) | " + formatBytes(r.ledger.modelBytes) + " |\n";
    s += "| code (" + (codeName.empty() ? std::string("none counted") : "`" + codeName + "`, " + r.ledger.codeForm) +
         ") | " + formatBytes(r.ledger.codeBytes) + " |\n";
    s += "| **total** | **" + formatBytes(r.ledger.totalBytes()) + "** |\n";
    s += "| budget | " + formatBytes(r.ledger.budget) + " |\n";
    s += "| headroom | " + formatBytes(r.ledger.headroom()) + " |\n\n";
    if (!r.structure.empty()) {
        // The removed rows and columns are in no tensor below: say where the saving came from.
        std::string line = r.structure;
        line[0] = char(std::toupper(static_cast<unsigned char>(line[0])));
        s += "## Structure\n\n" + line + ". The gates a training run learned (L0, hard concrete) "
             "closed these head groups and MLP units; their rows and columns are not in the file.\n\n";
    }
    if (!r.mixers.empty()) {
        std::string line = r.mixers;
        line[0] = char(std::toupper(static_cast<unsigned char>(line[0])));
        s += "## Token mixers\n\n" + line + " (`layer_types`, `layer_windows` in golf's model "
             "configuration).\n\n";
    }
    s += "## How each tensor is stored\n\n";
    s += std::string("Container: ") + r.report.format + " + " + codecName(r.report.codec) + " level " +
         std::to_string(r.report.level) + (r.report.exactPerTensor ? "" : " (per-tensor bytes are an attribution)") +
         ".\n\n";
    s += "| tensor | shape | stored as | zeros | bytes in file |\n|---|---|---|---:|---:|\n";
    for (const auto &t : r.report.tensors) {
        s += "| `" + t.name + "` | " + shapeText(t.shape) + " | " + t.setting.describe() + " | " +
             fixed(100.0 * t.sparsity, 1) + "% | " + formatBytes(t.fileBytes) + " |\n";
    }
    s += "| (header) | | container | | " + formatBytes(r.report.headerBytes) + " |\n\n";
    if (codeName.empty()) {
        s += "## Model-only bundle\n\nExported with `--no-code`: no `train_gpt.py` is counted or "
             "shipped, so this folder is not a submission by itself (the challenge counts the code "
             "that produces the artifact).";
        if (r.report.format == kMixedFormatTag)
            s += " `golf_mixed.py` reads `" + modelName +
                 "` (`golf_mixed.load_state_dict(open(path, 'rb').read())`).";
        s += "\n\n";
    } else {
        s += "## Reproducing\n\n`train_gpt.py` writes `" + modelName +
             "` itself at the end of training";
        if (!r.scriptBlock.empty())
            s += " (golf export rewrote " + r.scriptBlock + ")";
        s += ", reads it back, evaluates it and prints the score (`" +
             std::string(o.recipe.container.official() ? "final_int8_zlib_roundtrip_exact"
                                                       : "final_golf_roundtrip_exact") +
             "`). Reruns train other weights, so the artifact's size moves a little from seed to "
             "seed: headroom " + formatBytes(r.ledger.headroom()) + " bytes against a margin of " +
             formatBytes(r.marginBytes) + ".";
        if (!o.recipe.container.official())
            s += " `GOLF_EVAL_ONLY=" + modelName +
                 " torchrun ... train_gpt.py` skips training and re-scores an existing artifact.";
        if (!r.structure.empty())
            s += " **Note:** this model's blocks have the widths its L0 gates left (see Structure); "
                 "`train_gpt.py` builds its own architecture, so a rerun trains and writes a model of "
                 "that shape, not this one.";
        if (!r.mixers.empty())
            s += " **Note:** this model's blocks mix tokens as Token mixers says; `train_gpt.py` builds "
                 "its own architecture, so a rerun trains and writes a model of that architecture, not "
                 "this one.";
        s += "\n\n";
    }
    const BuildInfo info = runtimeBuildInfo();
    s += "Exported by Golf Studio " + info.golfVersion + " (git " + info.gitRevision + ") on " + o.date + ".\n";
    return s;
}


/// The script the folder ships (none for a model-only bundle). Sets r.scriptBlock.
ShippedScript shippedCode(const ExportOptions &o, const Resolution &resolution,
                          const CalibrationOptions *calibration, ExportResult &r)
{
    if (o.codePath.empty()) {
        check(o.noCode, "a submission's artifact must be produced by its train_gpt.py, so the export "
                        "needs the script (--code train_gpt.py); for a model-only bundle that is "
                        "not a submission by itself, say --no-code");
        return {};
    }
    check(!o.noCode, "--no-code and --code " + o.codePath + " contradict each other");
    ShippedScript s = shipScript(o.codePath, o.wrapCode, resolution, o.recipe.container,
                                 calibration, o.mixedReaderPath, o.keepOfficialBlock);
    r.scriptBlock = s.block;
    return s;
}

} // namespace

int64_t defaultSizeMargin(int64_t modelBytes)
{
    // Measured: `golf demo --iterations 120 --set seed=S` for S = 21..24 exported model files of
    // 1,569,273, 1,568,241, 1,570,397 and 1,561,161 bytes: a range of 9,236 bytes, 0.59% of
    // the mean. 1% covers that with room for more seeds; 4 KiB for tiny models.
    return std::max<int64_t>(4096, modelBytes / 100);
}

std::string recordsFolderName(const std::string &date, const std::string &name)
{
    std::string slug;
    for (char c : name) {
        const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
        if (keep)
            slug += c;
        else if (!slug.empty() && slug.back() != '-')
            slug += '-';
    }
    while (!slug.empty() && (slug.back() == '-' || slug.back() == '.'))
        slug.pop_back();
    check(!slug.empty(), "the submission needs a name with letters or digits (--name)");
    return date.substr(0, 10) + "_" + slug;
}

ExportResult exportSubmission(const ExportOptions &options, const ExportProgress &progress)
{
    const auto started = std::chrono::steady_clock::now();
    auto stage = [&](const std::string &text) {
        if (progress)
            progress(text);
    };
    ExportOptions o = options;
    if (o.date.empty())
        o.date = utcTimestamp();
    check(o.budget > 0, "the budget must be positive");

    ExportResult r;
    const fs::path folder = fs::path(o.outDir) / recordsFolderName(o.date, o.name);
    r.folder = folder.string();
    r.zipPath = r.folder + ".zip";
    check(o.overwrite || !fs::exists(folder),
          r.folder + " already exists (choose another --name, or --overwrite)");

    stage("loading " + o.checkpoint);
    // golf's GPT, or the file's tensors scored by the user's script (another architecture).
    std::unique_ptr<Model> model;
    std::unique_ptr<EvalTarget> target;
    if (o.script) {
        target = scriptTarget(o.checkpoint, *o.script);
    } else {
        model = std::make_unique<Model>(loadModel(o.checkpoint));
        target = builtinTarget(*model);
        r.structure = structuredPruningSummary(model->config());
        r.mixers = tokenMixerSummary(model->config());
    }

    stage("quantizing and compressing");
    const std::unique_ptr<SizePricer> ownPricer = target->makePricer();
    SizePricer &pricer = *ownPricer;
    const Resolution resolution = o.recipe.resolve(pricer.tensors());
    CalibrationOptions c = o.calibration;
    const bool gptq = usesGptq(resolution);
    if (gptq) {
        check(model != nullptr, "the recipe uses gptq, which calibrates with golf's GPT; a model scored by " +
                                    target->describe() + " takes rtn settings");
        checkGptqTensors(resolution, calibratableTensors(*model));
        const CheckpointData data = checkpointData(o.checkpoint);
        if (c.trainGlob.empty())
            c.trainGlob = data.trainGlob;
        if (c.seqLen <= 0)
            c.seqLen = data.seqLen > 0 ? data.seqLen : 1024;
        check(!c.trainGlob.empty(), "the recipe uses gptq, which calibrates on training tokens, "
                                    "and the checkpoint is not in a run folder: give the "
                                    "training shards (golf export --calib-files GLOB)");
        stage("calibrating gptq on " + std::to_string(c.tokens) + " training tokens");
        pricer.setCalibration(collectCalibration(*model, c));
        stage("quantizing and compressing");
    }
    const std::string modelBytes = pricer.encode(resolution, o.recipe.container);
    r.report = pricer.price(resolution, o.recipe.container);
    check(r.report.modelBytes == int64_t(modelBytes.size()),
          "internal error: priced " + std::to_string(r.report.modelBytes) + " bytes but encoded " +
              std::to_string(modelBytes.size()));

    // The ledger decides before anything is written. It counts the script as shipped: patched
    // to write this very model file (ship/trainscript.h), and wrapped when asked.
    const std::string modelName = modelFileName(o.recipe.container);
    const ShippedScript shipped = shippedCode(o, resolution, gptq ? &c : nullptr, r);
    r.ledger.modelBytes = r.report.modelBytes;
    r.ledger.budget = o.budget;
    r.ledger.codeBytes = int64_t(shipped.code.size());
    r.ledger.codeForm = shipped.code.empty() ? "raw" : shipped.form;
    r.ledger.codePath = o.codePath;
    if (!r.ledger.fits())
        throw OverBudgetError("over budget by " + formatBytes(-r.ledger.headroom()) + " bytes: model " +
                                  formatBytes(r.ledger.modelBytes) + " + code " + formatBytes(r.ledger.codeBytes) +
                                  " = " + formatBytes(r.ledger.totalBytes()) + " > " + formatBytes(r.ledger.budget) +
                                  "; nothing was written",
                              r.ledger);
    r.marginBytes = o.marginBytes >= 0 ? o.marginBytes : defaultSizeMargin(r.ledger.modelBytes);
    if (r.ledger.headroom() < r.marginBytes)
        r.marginWarning = "only " + formatBytes(r.ledger.headroom()) +
                          " bytes of headroom, below the margin of " + formatBytes(r.marginBytes) +
                          ": a rerun of train_gpt.py with another seed trains other weights, whose "
                          "artifact may not fit (--margin sets the margin)";

    makeDirs(o.outDir);
    removeStaleStaging(o.outDir, folder.filename().string());
    PartialFolder partial{fs::path(o.outDir) / ("." + folder.filename().string() + ".partial-" +
                                                std::to_string(::getpid()))};
    fs::remove_all(partial.path);
    makeDirs(partial.path.string());
    const fs::path staged = partial.path / modelName;
    writeFileAtomic(staged.string(), modelBytes);

    if (o.verify && o.script) {
        // The script's own validation tokens and evaluation, the checkpoint's and the file's.
        EvalSlice slice;
        slice.tokens = o.maxTokens;
        target->label(slice);
        stage("evaluating the checkpoint with " + target->describe());
        r.preQuant = target->score(slice);
        stage("evaluating the round trip with " + target->describe());
        r.roundTrip = target->scoreFile(staged.string(), slice);
        r.verified = true;
    } else if (o.verify) {
        const ValidationData v = validationData(o);
        const auto tokens = loadTokens(v.valGlob, model->config().vocabSize);
        const ByteLut lut = ByteLut::load(v.luts);
        EvalOptions eo;
        eo.seqLen = v.seqLen;
        eo.maxTokens = o.maxTokens;
        eo.batchTokens = o.batchTokens;
        auto evalProgress = [&](const char *what) {
            return [&, what](int64_t done, int64_t total) {
                stage(std::string(what) + " " + std::to_string(int(100.0 * double(done) / double(total))) + "%");
                return true;
            };
        };
        r.preQuant = evaluate(*model, tokens, lut, eo, evalProgress("evaluating the checkpoint"));
        // The round trip reads the written file back from disk, as the official script does.
        Model reread = loadModel(staged.string(), &model->config());
        r.roundTrip = evaluate(reread, tokens, lut, eo, evalProgress("evaluating the round trip"));
        r.verified = true;
    }
    if (r.verified) {
        const std::string label = o.recipe.container.official() ? "final_int8_zlib_roundtrip"
                                                                : "final_golf_roundtrip";
        r.roundTripLine = label + "_exact val_loss:" + fixed(r.roundTrip.valLoss, 8) +
                          " val_bpb:" + fixed(r.roundTrip.valBpb, 8);
    }

    stage("writing " + r.folder);
    nlohmann::ordered_json submission;
    submission["author"] = o.author;
    submission["github_id"] = o.githubId;
    submission["name"] = o.name;
    submission["blurb"] = o.blurb;
    submission["date"] = o.date;
    submission["val_loss"] = r.verified ? nlohmann::ordered_json(r.roundTrip.valLoss) : nullptr;
    submission["val_bpb"] = r.verified ? nlohmann::ordered_json(r.roundTrip.valBpb) : nullptr;
    submission["bytes_total"] = r.ledger.totalBytes();
    submission["bytes_code"] = r.ledger.codeBytes;
    submission["golf_bytes_model"] = r.ledger.modelBytes;
    submission["golf_format"] = r.report.format;
    if (r.verified)
        submission["golf_pre_quant_val_bpb"] = r.preQuant.valBpb;
    submission["golf_version"] = buildInfo().golfVersion;
    writeFileAtomic((partial.path / "submission.json").string(), submission.dump(2) + "\n");
    writeFileAtomic((partial.path / "README.md").string(),
                    readmeText(o, r, modelName, shipped.code.empty() ? "" : "train_gpt.py"));
    o.recipe.save((partial.path / "recipe.json").string());
    if (!shipped.code.empty()) {
        writeFileAtomic((partial.path / "train_gpt.py").string(), shipped.code);
        if (shipped.code != shipped.readable)
            writeFileAtomic((partial.path / "train_gpt_human.py").string(), shipped.readable);
    }
    if (const auto run = RunDir::ofCheckpoint(o.checkpoint); run && fs::exists(run->file("train.log")))
        writeFileAtomic((partial.path / "train.log").string(), readFile(run->file("train.log")));
    if (r.report.format == kMixedFormatTag && shipped.code.empty() && !o.mixedReaderPath.empty())
        writeFileAtomic((partial.path / "golf_mixed.py").string(), readFile(o.mixedReaderPath));

    // The zip of the old folder goes first (one atomic unlink): a kill from here on leaves no
    // zip rather than one that does not match the folder beside it.
    {
        std::error_code ec;
        fs::remove(r.zipPath, ec);
    }
    // --overwrite: the new folder replaces the old one whole, never deleted in place. Where the
    // file system can (Linux renameat2), the two folders swap names in one atomic step, so the
    // folder is always the old one complete or the new one complete; the old one, now at the
    // staging name, is removed after. Elsewhere the old one is renamed aside first, so a kill
    // between the two renames leaves no folder and the old one intact in ".NAME.old-PID".
    fs::path previous;
    if (fs::exists(folder)) {
        if (::renameat2(AT_FDCWD, partial.path.c_str(), AT_FDCWD, folder.c_str(), RENAME_EXCHANGE) == 0) {
            previous = partial.path;
        } else {
            previous = fs::path(o.outDir) / ("." + folder.filename().string() + ".old-" + std::to_string(::getpid()));
            fs::remove_all(previous);
            fs::rename(folder, previous);
        }
    }
    if (previous != partial.path) {
        try {
            fs::rename(partial.path, folder);
        } catch (...) {
            if (!previous.empty()) {
                std::error_code ec;
                fs::rename(previous, folder, ec); // put the old one back
            }
            throw;
        }
    }
    partial.keep = true;
    syncFolder(o.outDir);
    if (!previous.empty()) {
        std::error_code ec;
        fs::remove_all(previous, ec);
    }
    r.modelFile = (folder / modelName).string();
    if (o.zip) {
        stage("zipping");
        zipFolder(r.folder, r.zipPath);
    } else {
        r.zipPath.clear();
    }
    if (r.verified && !o.historyPath.empty()) {
        // The submission is complete on disk whatever happens here: a history that cannot be
        // written is reported, not fatal.
        RecipeEval e;
        e.label = o.name;
        e.recipe = o.recipe.toJson();
        e.format = r.report.format;
        e.modelBytes = r.ledger.modelBytes;
        e.codeBytes = r.ledger.codeBytes;
        e.valLoss = r.roundTrip.valLoss;
        e.valBpb = r.roundTrip.valBpb;
        e.evalTokens = r.roundTrip.tokens;
        EvalSlice slice;
        slice.tokens = o.maxTokens;
        target->label(slice);
        e.slice = slice.label();
        e.source = "export";
        e.time = utcTimestamp();
        try {
            EvalHistory::append(o.historyPath, e);
        } catch (const std::exception &error) {
            r.historyError = error.what();
        }
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return r;
}

} // namespace Core
