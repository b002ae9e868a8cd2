// SPDX-License-Identifier: GPL-3.0-or-later
// The all-reduce golf's data-parallel training runs on (Core::Collective: c10d's Gloo), timed
// per buffer size. Start it once per rank with torchrun's variables (dataparallel.py does, and
// times torch.distributed's Python front end on the same engine beside it):
//     RANK=r WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=29555 bench_allreduce --sizes-mb 1,8,64
// Rank 0 prints one JSON line: per size the median milliseconds, the algorithm bandwidth
// (bytes / time) and the bus bandwidth (x 2(W-1)/W, what a ring moves per rank).

#include "benchoptions.h"
#include "benchtime.h"
#include "dist/collective.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <sstream>

int main(int argc, char **argv)
{
    Bench::Options o{{"--sizes-mb", "1,8,64"}, {"--repeats", "10"}, {"--threads", "1"}};
    if (!Bench::parseOptions(argc, argv, o, "bench_allreduce.cpp"))
        return 2;
    torch::set_num_threads(std::stoi(o["--threads"]));
    const auto env = Core::WorldEnv::fromEnvironment();
    if (!env.distributed()) {
        std::fprintf(stderr, "bench_allreduce: start one process per rank with RANK, WORLD_SIZE, "
                             "MASTER_ADDR, MASTER_PORT\n");
        return 2;
    }
    const auto world = Core::Collective::join(env, torch::Device(torch::kCPU));
    const int repeats = std::stoi(o["--repeats"]);
    nlohmann::json sizes = nlohmann::json::array();
    std::stringstream list(o["--sizes-mb"]);
    for (std::string mb; std::getline(list, mb, ',');) {
        const int64_t bytes = int64_t(std::stod(mb) * (1 << 20));
        auto t = torch::ones({bytes / 4}, torch::kFloat32);
        for (int i = 0; i < 2; ++i)
            world->allReduceSum(t, "warm-up");
        std::vector<double> ms;
        for (int i = 0; i < repeats; ++i) {
            world->barrier("timing");
            const auto t0 = Bench::Clock::now();
            world->allReduceSum(t, "timing");
            ms.push_back(Bench::msSince(t0));
        }
        const double med = Bench::median(ms), algbw = double(bytes) / (med / 1000.0) / 1e9;
        sizes.push_back({{"mb", std::stod(mb)},
                         {"median_ms", med},
                         {"algbw_gbs", algbw},
                         {"busbw_gbs", algbw * 2.0 * (env.worldSize - 1) / env.worldSize}});
    }
    if (env.leader())
        std::printf("%s\n", nlohmann::json{{"impl", "golf Collective (c10d Gloo)"},
                                           {"world_size", env.worldSize},
                                           {"sizes", sizes}}
                                .dump()
                                .c_str());
    return 0;
}
