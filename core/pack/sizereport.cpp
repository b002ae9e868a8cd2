// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/sizereport.h"

#include "common/jsonfields.h"
#include "common/numbertext.h"

#include "pack/tensordesc.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace Core {

int64_t SizeReport::payloadBytes() const
{
    int64_t n = 0;
    for (const auto &t : tensors)
        n += t.payloadBytes;
    return n;
}

std::string formatBytes(int64_t bytes)
{
    return groupedNumber(bytes);
}

namespace {


std::string percent(double fraction, int decimals = 2)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f%%", decimals, 100.0 * fraction);
    return buf;
}

} // namespace

std::string formatSizeTable(const SizeReport &report, int64_t budget)
{
    size_t nameWidth = 6;
    for (const auto &t : report.tensors)
        nameWidth = std::max(nameWidth, t.name.size());
    std::string out;
    char line[512];
    std::snprintf(line, sizeof line, "%-*s  %-11s  %-8s  %-26s  %7s  %12s  %12s  %7s\n", int(nameWidth),
                  "tensor", "shape", "dtype", "stored as", "zeros", "payload B", "file B", "budget");
    out += line;
    for (const auto &t : report.tensors) {
        std::snprintf(line, sizeof line, "%-*s  %-11s  %-8s  %-26s  %7s  %12s  %12s  %7s\n", int(nameWidth),
                      t.name.c_str(), shapeText(t.shape).c_str(), t.dtype.c_str(), t.setting.describe().c_str(),
                      percent(t.sparsity, 1).c_str(), formatBytes(t.payloadBytes).c_str(),
                      formatBytes(t.fileBytes).c_str(), percent(double(t.fileBytes) / double(budget)).c_str());
        out += line;
    }
    std::snprintf(line, sizeof line, "%-*s  %-11s  %-8s  %-26s  %7s  %12s  %12s  %7s\n", int(nameWidth),
                  "(header)", "", "", "container", "", "", formatBytes(report.headerBytes).c_str(),
                  percent(double(report.headerBytes) / double(budget)).c_str());
    out += line;
    std::string container = report.format;
    if (report.compressed)
        container += std::string(" + ") + codecName(report.codec) + " " + std::to_string(report.level);
    std::snprintf(line, sizeof line, "%-*s  %-11s  %-8s  %-26s  %7s  %12s  %12s  %7s\n", int(nameWidth), "total",
                  "", "", container.c_str(), "", formatBytes(report.payloadBytes()).c_str(),
                  formatBytes(report.modelBytes).c_str(),
                  percent(double(report.modelBytes) / double(budget)).c_str());
    out += line;
    if (!report.exactPerTensor)
        out += "(one compressed stream: per-tensor bytes are an attribution that sums to the file size)\n";
    return out;
}

std::string formatLedger(const SizeLedger &l)
{
    std::string out;
    out += "model bytes   " + formatBytes(l.modelBytes) + "\n";
    out += "code bytes    " + formatBytes(l.codeBytes);
    if (l.codeForm.empty())
        out += "  (no train_gpt.py given: pass --code to count it)";
    else
        out += "  (" + l.codePath + ", " + l.codeForm + ")";
    out += "\n";
    out += "total         " + formatBytes(l.totalBytes()) + " of " + formatBytes(l.budget) + "\n";
    if (l.fits())
        out += "headroom      " + formatBytes(l.headroom()) + " bytes: fits\n";
    else
        out += "over budget   by " + formatBytes(-l.headroom()) + " bytes\n";
    return out;
}

nlohmann::json toJson(const SizeReport &r)
{
    nlohmann::json tensors = nlohmann::json::array();
    for (const auto &t : r.tensors)
        tensors.push_back({{"name", t.name},
                           {"shape", t.shape},
                           {"numel", t.numel},
                           {"dtype", t.dtype},
                           {"stored_as", t.setting.describe()},
                           {"setting", t.setting.toJson()},
                           {"sparsity", t.sparsity},
                           {"payload_bytes", t.payloadBytes},
                           {"rel_error", Json::finiteOrNull(t.relError)},
                           {"file_bytes", t.fileBytes}});
    return {{"format", r.format},
            {"codec", r.compressed ? codecName(r.codec) : "none"},
            {"level", r.level},
            {"tensors", tensors},
            {"header_bytes", r.headerBytes},
            {"payload_bytes", r.payloadBytes()},
            {"model_bytes", r.modelBytes},
            {"exact_per_tensor", r.exactPerTensor}};
}

nlohmann::json toJson(const SizeLedger &l)
{
    return {{"model_bytes", l.modelBytes}, {"code_bytes", l.codeBytes},
            {"code_form", l.codeForm},     {"code_path", l.codePath},
            {"total_bytes", l.totalBytes()}, {"budget", l.budget},
            {"headroom", l.headroom()},    {"fits", l.fits()}};
}

} // namespace Core
