// SPDX-License-Identifier: GPL-3.0-or-later
// `golf unpack`: extracts a submission bundle (a records-folder zip) safely and checks what its
// submission.json claims against the files: the model file is identified by content and loaded
// by our readers (which never execute code from a file), and bytes_code / bytes_total are
// compared with the real sizes of train_gpt.py and the model file. Part of the torch-free front:
// extraction, submission.json and a golf-mixed-v1 model file or a plain state dict need no
// libtorch (pack/mixedinspect.h, pack/statedictinspect.h); a model file of another kind is read
// by golf-torch.so (torchcommands.h).

#include "cli/args.h"
#include "cli/command.h"
#include "commands.h"
#include "inspectreport.h"
#include "common/error.h"
#include "ship/bundle.h"
#include "ship/submissioninfo.h"
#include "pack/sizereport.h"
#include "torchcommands.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

namespace App {

namespace {

/// The folder holding submission.json: the destination itself or its one top folder (golf
/// export zips "<folder>/..." entries).
fs::path submissionFolder(const Core::ExtractedBundle &bundle)
{
    std::vector<fs::path> found;
    for (const Core::BundleFile &f : bundle.files) {
        const fs::path rel(f.path);
        if (rel.filename() == "submission.json" && std::distance(rel.begin(), rel.end()) <= 2)
            found.push_back(rel.parent_path());
    }
    if (found.empty())
        throw Core::Error(bundle.destination + ": the bundle has no submission.json at its top or "
                                               "in its top folder");
    if (found.size() > 1)
        throw Core::Error(bundle.destination + ": the bundle has " + std::to_string(found.size())
                          + " submission.json files; unpack checks one records folder at a time");
    return fs::path(bundle.destination) / found.front();
}

/// What the model file at `path` is, read fully: without libtorch when golf can. Throws
/// Core::Error for a file that is no model file, or a corrupt one.
IdentifiedModel identifyModelFile(const fs::path &path)
{
    if (const auto inspected = inspectWithoutTorch(path.string()))
        return {inspected->kind, inspected->report.tensors.size()};
    return identifyWithTorch(path.string());
}

/// The model file of a records folder: the files next to submission.json that are model files
/// by content; a unique final_model* wins when there are several.
std::pair<fs::path, IdentifiedModel> modelFile(const fs::path &folder)
{
    std::vector<std::pair<fs::path, IdentifiedModel>> models;
    for (const auto &entry : fs::directory_iterator(folder)) {
        if (!entry.is_regular_file())
            continue;
        const std::string ext = entry.path().extension().string();
        if (ext == ".py" || ext == ".json" || ext == ".md" || ext == ".log" || ext == ".txt")
            continue;
        try {
            models.emplace_back(entry.path(), identifyModelFile(entry.path()));
        } catch (const ModuleError &) {
            throw; // not knowing is no answer
        } catch (const Core::Error &) {
            // not a model file (a tokenizer, data); skipped
        }
    }
    std::sort(models.begin(), models.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    if (models.size() > 1) {
        std::vector<std::pair<fs::path, IdentifiedModel>> finals;
        for (const auto &m : models)
            if (m.first.filename().string().rfind("final_model", 0) == 0)
                finals.push_back(m);
        if (finals.size() == 1)
            return finals.front();
        std::string names;
        for (const auto &m : models)
            names += " " + m.first.filename().string();
        throw Core::Error(folder.string() + ": more than one model file:" + names);
    }
    if (models.empty())
        throw Core::Error(folder.string() + ": no model file (torch.save, int8_clean_per_row_v1 "
                                            ".ptz or golf-mixed-v1) next to submission.json");
    return models.front();
}

} // namespace

int runUnpack(int argc, char **argv)
{
    ArgParser args("golf unpack",
                   "Extracts a submission bundle (zip) into a new folder, refusing entries that would "
                   "escape it (absolute paths, '..', symlinks, hard links, devices), duplicate names and "
                   "zip bombs; nothing is written unless the whole bundle is accepted. Then reads "
                   "submission.json, identifies and loads the model file, and compares bytes_code and "
                   "bytes_total with the real sizes of train_gpt.py and the model file.");
    args.addPositional("BUNDLE", "the .zip to unpack");
    args.addOption("into", "DIR", "the folder to create (default: the zip's name without .zip, "
                                  "in the current folder)");
    args.addOption("max-bytes", "BYTES", "refuse bundles that decompress to more than this",
                   std::to_string(Core::BundleLimits{}.maxTotalBytes));
    args.addOption("max-entries", "N", "refuse bundles with more entries than this",
                   std::to_string(Core::BundleLimits{}.maxEntries));
    args.addOption("budget", "BYTES", "the artifact budget", "16000000");
    args.setEpilog("Exit codes: 0 the sizes match and fit the budget, 1 refused, unreadable or sizes "
                   "that do not match submission.json, 3 over the budget.");
    return runCommand("golf unpack", args, argc, argv, [&]() -> int {
        const std::string zip = args.positional("BUNDLE").front();
        const std::string into =
            args.has("into") ? args.value("into") : fs::path(zip).stem().string();
        Core::BundleLimits limits;
        limits.maxTotalBytes = args.intValue("max-bytes");
        limits.maxEntries = args.intValue("max-entries");
        if (limits.maxTotalBytes <= 0 || limits.maxEntries <= 0)
            throw UsageError("--max-bytes and --max-entries must be positive");
        const Core::ExtractedBundle bundle = Core::extractBundle(zip, into, limits);
        int64_t unpacked = 0;
        for (const Core::BundleFile &f : bundle.files)
            unpacked += f.bytes;
        std::printf("unpacked %zu files (%lld bytes) into %s\n", bundle.files.size(),
                    static_cast<long long>(unpacked), bundle.destination.c_str());

        const fs::path folder = submissionFolder(bundle);
        const Core::SubmissionInfo info = Core::readSubmissionInfo((folder / "submission.json").string());
        std::printf("submission: \"%s\"", info.name.c_str());
        if (!info.author.empty())
            std::printf(" by %s", info.author.c_str());
        if (!info.githubId.empty())
            std::printf(" (%s)", info.githubId.c_str());
        if (info.valBpb)
            std::printf(", val_bpb %.8g", *info.valBpb);
        else
            std::printf(", val_bpb not measured");
        std::printf("\n");

        const auto [model, identified] = modelFile(folder);
        std::printf("model file: %s (%s, %zu tensors)\n", model.filename().c_str(),
                    identified.kind.c_str(), identified.tensors);

        const fs::path code = folder / "train_gpt.py";
        const int64_t codeBytes = fs::is_regular_file(code) ? int64_t(fs::file_size(code)) : 0;
        const int64_t modelBytes = int64_t(fs::file_size(model));
        bool match = true;
        auto row = [&](const char *what, int64_t claimed, int64_t actual) {
            const bool ok = claimed == actual;
            match = match && ok;
            std::printf("  %-12s %12lld %12lld  %s\n", what, static_cast<long long>(claimed),
                        static_cast<long long>(actual), ok ? "ok" : "MISMATCH");
        };
        std::printf("\n  %-12s %12s %12s\n", "", "claimed", "actual");
        row("code bytes", info.bytesCode, codeBytes);
        row("model bytes", info.bytesModel.value_or(info.bytesTotal - info.bytesCode), modelBytes);
        row("total bytes", info.bytesTotal, codeBytes + modelBytes);
        if (!fs::is_regular_file(code))
            std::printf("  (no train_gpt.py next to submission.json: code bytes counted as 0)\n");

        const int64_t budget = args.intValue("budget");
        const int64_t total = codeBytes + modelBytes;
        std::printf("  %-12s %12lld %12s  %s (%lld bytes %s)\n", "budget",
                    static_cast<long long>(budget), "", total <= budget ? "fits" : "OVER BUDGET",
                    static_cast<long long>(total <= budget ? budget - total : total - budget),
                    total <= budget ? "to spare" : "over");
        if (!match) {
            std::fprintf(stderr, "golf unpack: %s: the sizes do not match what submission.json claims\n",
                         zip.c_str());
            return ExitFailure;
        }
        return total <= budget ? ExitOk : ExitOverBudget;
    });
}

} // namespace App
