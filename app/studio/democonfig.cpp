// SPDX-License-Identifier: GPL-3.0-or-later
#include "democonfig.h"

#include "common/resourcedir.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace App {

Core::TrainConfig demoTrainConfig(QString *error)
{
    const std::string path = Core::demoDescriptionPath();
    try {
        if (path.empty())
            throw std::runtime_error("demo/demo.json was not found beside the executable");
        std::ifstream in(path);
        const nlohmann::json desc = nlohmann::json::parse(in);
        return Core::TrainConfig::fromJson(desc.at("train"));
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromStdString(path + ": " + e.what());
        return Core::TrainConfig{};
    }
}

} // namespace App
