// SPDX-License-Identifier: GPL-3.0-or-later
#include "eval/scriptevaluator.h"

#include "common/atomicfile.h"
#include "common/childprocess.h"
#include "common/error.h"
#include "common/resourcedir.h"
#include "model/checkpoint_p.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include <unistd.h>

namespace Core {

namespace fs = std::filesystem;

ScriptEvaluator::ScriptEvaluator(const ScriptEvaluatorOptions &options)
    : o(options)
{
    check(fs::is_regular_file(o.script), o.script + ": no such script");
    const std::string bridge = o.bridge.empty() ? pythonModulePath("golf_bridge.py") : o.bridge;
    check(!bridge.empty() && fs::is_regular_file(bridge),
          "golf_bridge.py was not found (it ships in share/golf-studio/python; set GOLF_RESOURCE_DIR)");
    if (o.python.empty())
        o.python = defaultPython();
    if (o.scratchDir.empty()) {
        std::string pattern = (fs::temp_directory_path() / "golf-bridge-XXXXXX").string();
        check(::mkdtemp(pattern.data()) != nullptr, "cannot create a scratch folder for the evaluator bridge");
        scratch = pattern;
        ownScratch = true;
    } else {
        fs::create_directories(o.scratchDir);
        scratch = o.scratchDir;
    }

    ChildSpec spec;
    spec.program = o.python;
    spec.args = {"-u", bridge};
    spec.what = "the evaluator bridge (" + o.python + " " + fs::path(o.script).filename().string() + ")";
    spec.env = {{"PYTHONUNBUFFERED", "1"}};
    child = std::make_unique<ChildProcess>(spec);

    const nlohmann::json hello = request({{"op", "hello"}}, o.loadTimeout);
    check(hello.value("protocol", 0) == 1, "the evaluator bridge speaks another protocol version");
    nlohmann::json env = nlohmann::json::object();
    for (const auto &[k, v] : o.env)
        env[k] = v;
    const nlohmann::json loaded =
        request({{"op", "load"}, {"script", fs::absolute(o.script).string()}, {"env", env},
                 {"eval", o.evalFunction}, {"luts", o.luts.empty() ? "" : fs::absolute(o.luts).string()},
                 {"device", o.device}},
                o.loadTimeout);
    for (const auto &t : loaded.at("state")) {
        TensorDesc d;
        d.name = t.at("name").get<std::string>();
        d.shape = t.at("shape").get<std::vector<int64_t>>();
        d.numel = 1;
        for (int64_t s : d.shape)
            d.numel *= s;
        d.dtype = t.at("dtype").get<std::string>();
        state.push_back(std::move(d));
    }
    valTokens = loaded.value("val_tokens", int64_t(0));
    modelName = loaded.value("model", std::string("model"));
    deviceName = loaded.value("device", std::string("cpu"));
}

ScriptEvaluator::~ScriptEvaluator()
{
    if (child && child->running()) {
        try {
            child->write("{\"op\":\"quit\"}\n");
            std::string line;
            child->readLine(line, 5.0);
        } catch (const Error &) {
        }
    }
    child.reset();
    if (ownScratch) {
        std::error_code ec;
        fs::remove_all(scratch, ec);
    }
}

std::string ScriptEvaluator::describe() const
{
    return fs::path(o.script).filename().string() + " (" + modelName + " on " + deviceName + ", " +
           o.evalFunction + ")";
}

nlohmann::json ScriptEvaluator::request(const nlohmann::json &req, double timeout)
{
    const std::string op = req.at("op").get<std::string>();
    const std::string script = fs::path(o.script).filename().string();
    child->write(req.dump() + "\n");
    std::string line;
    switch (child->readLine(line, timeout)) {
    case ChildProcess::ReadResult::Line:
        break;
    case ChildProcess::ReadResult::Timeout: {
        child->kill();
        char text[64];
        std::snprintf(text, sizeof text, "%.0f", timeout);
        throw Error("the evaluator bridge for " + script + " did not answer '" + op + "' within " + text +
                    " s; it was stopped" +
                    (child->stderrTail().empty() ? std::string() : ". Its last output:\n" + child->stderrTail()));
    }
    case ChildProcess::ReadResult::Eof:
        child->wait();
        throw Error("the evaluator bridge for " + script + " " + child->describeExit() + " during '" + op + "'" +
                    (child->stderrTail().empty() ? std::string() : ":\n" + child->stderrTail()));
    }
    nlohmann::json answer;
    try {
        answer = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception &) {
        throw Error("the evaluator bridge for " + script + " answered something that is not JSON: " +
                    line.substr(0, 200));
    }
    if (!answer.value("ok", false)) {
        std::string message = script + ": " + answer.value("error", std::string("failed"));
        if (answer.contains("traceback"))
            message += "\n" + answer["traceback"].get<std::string>();
        throw Error(message);
    }
    return answer;
}

void ScriptEvaluator::sendTensors(const char *op, const NamedTensors &tensors)
{
    // A torch.save file the child reads with torch.load; ours alone (pid) and removed after.
    const fs::path file = fs::path(scratch) / (std::string(op) + "-" + std::to_string(::getpid()) + ".pt");
    NamedTensors contiguous;
    contiguous.reserve(tensors.size());
    for (const auto &[name, t] : tensors)
        contiguous.emplace_back(name, t.detach().contiguous());
    const RemoveOnExit remove(file.string());
    saveStateDict(file.string(), contiguous);
    request({{"op", op}, {"file", file.string()}}, o.evalTimeout);
}

void ScriptEvaluator::loadState(const NamedTensors &tensors)
{
    sendTensors("state", tensors);
}

void ScriptEvaluator::patch(const NamedTensors &tensors)
{
    if (!tensors.empty())
        sendTensors("patch", tensors);
}

EvalResult ScriptEvaluator::evaluate(int64_t offset, int64_t tokens)
{
    const nlohmann::json a = request({{"op", "eval"}, {"offset", offset}, {"tokens", tokens}}, o.evalTimeout);
    EvalResult r;
    r.valLoss = a.at("val_loss").get<double>();
    r.valBpb = a.at("val_bpb").get<double>();
    r.tokens = a.value("tokens", int64_t(0));
    r.seconds = a.value("seconds", 0.0);
    // bpb = loss / ln 2 * tokens / bytes, so the byte count follows from the script's figures.
    r.bytes = r.valBpb > 0 ? int64_t(std::llround(r.valLoss / std::log(2.0) * double(r.tokens) / r.valBpb)) : 0;
    return r;
}

} // namespace Core
