// SPDX-License-Identifier: GPL-3.0-or-later
// Token shards (core/data/shard.cpp): the 1,024-byte header, its count against the file size,
// and the token range check. The reader takes a path, so the input goes through a scratch file.

#include "data/shard.h"
#include "common/error.h"
#include "fuzzinput.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string path = Fuzz::writeScratch(data, size, ".bin");
    try {
        Core::readShardTokenCount(path);
    } catch (const Core::Error &) {
    }
    try {
        Core::readShard(path, 1024); // the sp1024 vocabulary: exercises the range check too
    } catch (const Core::Error &) {
    }
    return 0;
}
