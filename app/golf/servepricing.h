// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `golf serve`'s pricing ops (job/serveprotocol.h): "load" reads a model file and builds its
// pricer, "price" prices a recipe against it. The pricer is kept between requests, so its
// stream cache makes the next price of a similar recipe cheap, and when exactly one tensor's
// resolved setting changed since the last price it is re-priced alone (SizePricer::reprice).

#include "serveloop.h"

#include <map>
#include <memory>
#include <string>

namespace App {

class PricingService
{
public:
    PricingService();
    ~PricingService();
    /// The ops, bound to this service.
    void addHandlers(std::map<std::string, ServeHandler> &handlers);

private:
    struct Loaded;
    nlohmann::json load(const nlohmann::json &args);
    nlohmann::json price(const nlohmann::json &args);
    std::unique_ptr<Loaded> m_loaded;
};

} // namespace App
