// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/model_p.h"

#include "common/error.h"
#include "model/checkpoint_p.h"
#include "run/rundir.h"



namespace Core {

Model::Model(const GptConfig &config, uint64_t seed)
{
    config.validate();
    torch::manual_seed(seed);
    d = std::make_unique<Impl>(config);
}

Model::~Model() = default;
Model::Model(Model &&) noexcept = default;
Model &Model::operator=(Model &&) noexcept = default;

bool findRunConfig(const std::string &checkpointPath, GptConfig &out)
{
    const auto run = RunDir::ofCheckpoint(checkpointPath);
    if (!run)
        return false;
    out = run->readConfig().model;
    return true;
}

Model Model::forLoading(const GptConfig &config)
{
    config.validate();
    Model model;
    model.d = std::make_unique<Impl>(config);
    return model;
}

void Model::save(const std::string &path) const
{
    saveStateDict(path, namedTensors(*d->gpt));
}

const GptConfig &Model::config() const { return d->config; }

int64_t Model::parameterCount() const
{
    int64_t n = 0;
    for (const auto &p : d->gpt->parameters())
        n += p.numel();
    return n;
}

std::vector<TensorDesc> tensorDescs(GptImpl &gpt)
{
    return describeTensors(namedTensors(gpt));
}

std::vector<TensorDesc> Model::tensors() const
{
    std::vector<TensorDesc> out = tensorDescs(*d->gpt);
    for (TensorDesc &t : out)
        if (const auto it = d->fileDtypes.find(t.name); it != d->fileDtypes.end())
            t.dtype = dtypeName(it->second);
    return out;
}

} // namespace Core
