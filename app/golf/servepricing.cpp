// SPDX-License-Identifier: GPL-3.0-or-later
#include "servepricing.h"

#include "common/error.h"
#include "common/jsonfields.h"
#include "job/serveprotocol.h"
#include "model/model.h"
#include "quant/modelload.h"
#include "quant/sizepricer.h"
#include "recipe/recipe.h"

#include <chrono>
#include <optional>

namespace App {

namespace {

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

/// Index of the one tensor whose setting differs from `last`, -1 when none differs, -2 when
/// more than one does or `last` cannot be re-priced incrementally (official container, other
/// codec or level). `changed` gets the number of differing tensors (-1 for -2 by container).
int singleChange(const Core::SizeReport &last, const Core::Resolution &next,
                 const Core::ContainerSpec &container, int &changed)
{
    changed = -1;
    if (container.official() || last.format != "golf-mixed-v1" || last.codec != container.codec ||
        last.level != container.level || last.tensors.size() != next.tensors.size())
        return -2;
    int index = -1;
    changed = 0;
    for (size_t i = 0; i < next.tensors.size(); ++i) {
        if (next.tensors[i].setting != last.tensors[i].setting) {
            ++changed;
            index = int(i);
        }
    }
    return changed <= 1 ? index : -2;
}

} // namespace

struct PricingService::Loaded
{
    std::string path;
    std::unique_ptr<Core::SizePricer> pricer;
    std::optional<Core::SizeReport> last; ///< the previous price, the base of reprice()
};

PricingService::PricingService() = default;
PricingService::~PricingService() = default;

void PricingService::addHandlers(std::map<std::string, ServeHandler> &handlers)
{
    handlers[Core::Serve::kLoad] = [this](const nlohmann::json &args, ServeRequest &) {
        return load(args);
    };
    handlers[Core::Serve::kPrice] = [this](const nlohmann::json &args, ServeRequest &) {
        return price(args);
    };
}

nlohmann::json PricingService::load(const nlohmann::json &args)
{
    const auto start = std::chrono::steady_clock::now();
    const std::string path = Core::Json::text(args, "path", "golf serve: load");
    m_loaded.reset(); // a failed load leaves nothing loaded, never the previous file
    Core::PricedFile file = Core::loadForPricing(path);
    auto loaded = std::make_unique<Loaded>();
    loaded->path = path;
    loaded->pricer = std::move(file.pricer);
    Core::Serve::LoadedModel info;
    info.path = path;
    info.tensors = loaded->pricer->tensors();
    info.baseline = file.model != nullptr;
    if (file.model)
        info.config = file.model->config();
    for (const Core::TensorDesc &t : info.tensors)
        info.parameters += t.numel;
    info.milliseconds = msSince(start);
    m_loaded = std::move(loaded);
    return Core::Serve::toJson(info);
}

nlohmann::json PricingService::price(const nlohmann::json &args)
{
    const auto start = std::chrono::steady_clock::now();
    // A price names its model file: a fresh child (the window's last one died) loads it first.
    const std::string path = Core::Json::text(args, "path", "golf serve: price");
    if (!m_loaded || m_loaded->path != path)
        load({{"path", path}});
    const Core::Recipe recipe =
        Core::Recipe::fromJson(Core::Json::object(args, "recipe", "golf serve: price"), "recipe");
    Core::SizePricer &pricer = *m_loaded->pricer;
    const Core::Resolution resolution = recipe.resolve(pricer.tensors());
    Core::Serve::PricedReport p;
    int changed = -1;
    const int index = m_loaded->last
                          ? singleChange(*m_loaded->last, resolution, recipe.container, changed)
                          : -2;
    if (index == -1) {
        p.report = *m_loaded->last; // nothing that is priced changed (e.g. a comment)
    } else if (index >= 0) {
        p.report = pricer.reprice(*m_loaded->last, size_t(index),
                                  resolution.tensors[size_t(index)].setting);
    } else {
        p.report = pricer.price(resolution, recipe.container);
        changed = -1;
    }
    p.changedTensors = changed;
    p.milliseconds = msSince(start);
    const Core::SizePricer::CacheStats cache = pricer.cacheStats();
    p.cache = {cache.hits, cache.misses, cache.bytes};
    m_loaded->last = p.report;
    return Core::Serve::toJson(p);
}

} // namespace App
