// SPDX-License-Identifier: GPL-3.0-or-later
#include "quant/modelload.h"

#include "model/checkpoint_p.h"
#include "model/l0gates_p.h"
#include "common/error.h"
#include "model/model_p.h"
#include "quant/modelfile_p.h"

namespace Core {

Model loadModel(const std::string &path, const GptConfig *config)
{
    NamedTensors source = readModelTensors(path);
    try {
        GptConfig c;
        if (config)
            c = *config;
        else if (!findRunConfig(path, c))
            c = inferConfig(source, path);
        if (c.l0Gates) // what the gates closed is gone; what they scale is folded in
            std::tie(c, source) = removeClosedGates(c, source);
        Model model = Model::forLoading(c);
        assignStrict(namedTensors(*model.impl().gpt), source, path);
        for (const auto &[name, t] : source)
            if (t.is_floating_point() && t.scalar_type() != torch::kFloat32)
                model.impl().fileDtypes[name] = t.scalar_type();
        return model;
    } catch (const Error &e) {
        // The file itself was read: what failed is fitting its tensors to our GPT, as for the
        // records' own architectures (MLP 3x, BigramHash, SmearGate, ...).
        std::string detail = e.what();
        if (detail.rfind(path + ": ", 0) == 0)
            detail = detail.substr(path.size() + 2);
        throw Error(path + ": " + kNotBaselineArchitecture + " (" + detail
                    + "); golf inspect and golf convert still read its tensors");
    }
}

PricedFile loadForPricing(const std::string &path)
{
    PricedFile f;
    try {
        f.model = std::make_unique<Model>(loadModel(path));
        f.pricer = std::make_unique<SizePricer>(*f.model);
    } catch (const Error &e) {
        if (std::string(e.what()).find(kNotBaselineArchitecture) == std::string::npos)
            throw;
        f.pricer = std::make_unique<SizePricer>(SizePricer::ofFile(path));
    }
    return f;
}

} // namespace Core
