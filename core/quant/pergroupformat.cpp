// SPDX-License-Identifier: GPL-3.0-or-later
#include "quant/pergroupformat_p.h"

#include "common/error.h"
#include "model/torchfile_p.h"
#include "pack/brotlidecode.h"
#include "pack/lrzipdecode.h"
#include "pack/recordstream.h"

#include <torch/torch.h>

#include <algorithm>
#include <regex>

namespace Core {

namespace {

using Dict = c10::impl::GenericDict;

constexpr const char *kGroups[] = {"_tok_emb.weight.q", "attn.c_k.weight.q", "attn.c_q.weight.q",
                                   "attn.c_v.weight.q", "attn.proj.weight.q", "mlp.fc.weight.q",
                                   "mlp.proj.weight.q"};
constexpr size_t kGroupCount = 7;
constexpr size_t kStreamCount = 9;

bool permuted(const std::string &group)
{
    return group == "_tok_emb.weight.q" || group == "attn.c_q.weight.q" || group == "mlp.fc.weight.q";
}

uint32_t u32At(const std::string &b, size_t at)
{
    uint32_t v = 0;
    for (int k = 3; k >= 0; --k)
        v = (v << 8) | static_cast<unsigned char>(b[at + size_t(k)]);
    return v;
}

std::vector<int64_t> sizesOf(const c10::IValue &v, const std::string &what)
{
    std::vector<c10::IValue> items;
    if (v.isTuple())
        items = v.toTupleRef().elements().vec();
    else if (v.isList())
        for (const c10::IValue &e : v.toListRef())
            items.push_back(e);
    else
        throw Error(what + ": a group shape is not a tuple of sizes");
    std::vector<int64_t> out;
    for (const c10::IValue &e : items) {
        check(e.isInt() && e.toInt() >= 0 && e.toInt() < (int64_t(1) << 32), what + ": impossible group shape");
        out.push_back(e.toInt());
    }
    check(!out.empty() && out.size() <= 2, what + ": group shapes must be 1-D or 2-D");
    return out;
}

Dict dictAt(const Dict &d, const char *key, const std::string &what)
{
    const auto it = d.find(c10::IValue(std::string(key)));
    check(it != d.end() && it->value().isGenericDict(),
          what + ": the remainder stream's object has no \"" + key + "\" dict");
    return it->value().toGenericDict();
}

/// The `w` keys of a group's layers in layer order: the labels name every model tensor, so the
/// quantized ones of this group that the remainder does not hold are the group's layers.
std::vector<std::string> layerKeys(const std::string &group, const Dict &meta, const Dict &rest)
{
    std::vector<std::string> keys;
    if (group == "_tok_emb.weight.q") {
        keys.push_back("tok_emb.weight.q");
        return keys;
    }
    const std::string base = group.substr(0, group.size() - 2); // without ".q"
    const std::regex layer(R"(blocks\.(\d+)\.)" + std::regex_replace(base, std::regex(R"(\.)"), R"(\.)"));
    std::vector<std::pair<long, std::string>> found;
    for (const auto &item : meta) {
        if (!item.key().isString())
            continue;
        const std::string name = item.key().toStringRef();
        std::smatch m;
        if (!std::regex_match(name, m, layer))
            continue;
        const std::string key = name + ".q";
        if (rest.find(c10::IValue(key)) != rest.end())
            continue;
        if (item.value().isString() && item.value().toStringRef().find("passthrough") != std::string::npos)
            continue;
        found.emplace_back(std::stol(m[1].str().substr(0, 9)), key);
    }
    std::sort(found.begin(), found.end());
    for (auto &f : found)
        keys.push_back(f.second);
    return keys;
}

} // namespace

bool isPerGroupFile(std::string_view head)
{
    return head.substr(0, 4) == kPerGroupMagic;
}

PerGroupFile readPerGroup(const std::string &bytes, const std::string &what)
{
    check(bytes.size() >= 8 && isPerGroupFile(bytes), what + ": not a PGRP per-group container");
    const uint32_t n = u32At(bytes, 4);
    check(n == kStreamCount, what + ": PGRP container with " + std::to_string(n) + " streams, expected 9");
    PerGroupFile f;
    f.headerBytes = int64_t(8 + 4 * n);
    check(bytes.size() >= size_t(f.headerBytes), what + ": the PGRP container's stream table is truncated");
    std::vector<std::string_view> streams;
    size_t at = size_t(f.headerBytes);
    for (uint32_t i = 0; i < n; ++i) {
        const uint32_t len = u32At(bytes, 8 + 4 * i);
        check(len <= bytes.size() - at, what + ": PGRP stream " + std::to_string(i) + " (" + std::to_string(len)
                                            + " bytes) runs past the end of the file");
        streams.emplace_back(bytes.data() + at, len);
        f.streamBytes.push_back(len);
        at += len;
    }
    check(at == bytes.size(), what + ": " + std::to_string(bytes.size() - at)
                                  + " bytes follow the last PGRP stream");
    check(!streams[7].empty(), what + ": the PGRP remainder stream (7) is empty");

    const std::string restWhat = what + " (PGRP stream 7)";
    f.remainderObject = loadTorchBytes(brotliDecompress(streams[7], restWhat, kMaxRecordInflatedBytes), restWhat);
    check(f.remainderObject.isGenericDict(), restWhat + ": expected a {\"r\", \"m\", \"s\"} dict");
    const Dict top = f.remainderObject.toGenericDict();
    const Dict rest = dictAt(top, "r", restWhat);
    const Dict meta = dictAt(top, "m", restWhat);
    const Dict shapes = dictAt(top, "s", restWhat);

    std::string perms;
    if (!streams[8].empty())
        perms = brotliDecompress(streams[8], what + " (PGRP stream 8)", kMaxRecordInflatedBytes);
    size_t permAt = 0;

    Dict w(c10::StringType::get(), c10::AnyType::get());
    for (const auto &item : rest) {
        check(item.key().isString() && item.value().isTensor(), restWhat + ": \"r\" must map names to tensors");
        w.insert(item.key(), item.value());
        f.remainderKeys.push_back(item.key().toStringRef());
    }
    f.groupKeys.resize(kGroupCount);
    for (size_t g = 0; g < kGroupCount; ++g) {
        const std::string group = kGroups[g];
        const std::string gWhat = what + " (PGRP group " + group + ")";
        const auto shapeList = shapes.find(c10::IValue(group));
        if (streams[g].empty()) {
            check(shapeList == shapes.end()
                      || (shapeList->value().isList() && shapeList->value().toListRef().empty()),
                  gWhat + ": shapes are listed but the stream is empty");
            continue;
        }
        check(shapeList != shapes.end() && shapeList->value().isList(), gWhat + ": no shapes for a non-empty stream");
        std::vector<std::vector<int64_t>> layerShapes;
        uint64_t total = 0;
        for (const c10::IValue &s : shapeList->value().toListRef()) {
            layerShapes.push_back(sizesOf(s, gWhat));
            uint64_t numel = 1;
            for (int64_t d : layerShapes.back())
                numel *= uint64_t(d);
            total += numel;
            check(total <= kMaxRecordInflatedBytes, gWhat + ": its shapes hold more than 1 GiB");
        }
        const std::vector<std::string> keys = layerKeys(group, meta, rest);
        check(keys.size() == layerShapes.size(),
              gWhat + ": " + std::to_string(layerShapes.size()) + " layer shapes, but the labels name "
                  + std::to_string(keys.size()) + " quantized tensors of the group");
        const std::string codes = lrzipDecompress(streams[g], gWhat, size_t(total));
        check(codes.size() == total, gWhat + ": " + std::to_string(codes.size()) + " code bytes for shapes of "
                                         + std::to_string(total));
        size_t off = 0;
        for (size_t l = 0; l < keys.size(); ++l) {
            const std::vector<int64_t> &shape = layerShapes[l];
            int64_t numel = 1;
            for (int64_t d : shape)
                numel *= d;
            torch::Tensor chunk = torch::empty({numel}, torch::kInt8);
            std::memcpy(chunk.data_ptr(), codes.data() + off, size_t(numel));
            off += size_t(numel);
            torch::Tensor t;
            if (shape.size() == 2) {
                const int64_t rows = shape[0], cols = shape[1];
                t = chunk.reshape({cols, rows}).t().contiguous(); // stored transposed
                if (permuted(group)) {
                    check(perms.size() - permAt >= size_t(2 * rows),
                          gWhat + ": the permutation stream ends before layer " + std::to_string(l));
                    std::vector<int64_t> order(static_cast<size_t>(rows));
                    std::vector<bool> seen(size_t(rows), false);
                    for (int64_t r = 0; r < rows; ++r) {
                        const int64_t v = static_cast<unsigned char>(perms[permAt + 2 * size_t(r)])
                                          | (int64_t(static_cast<unsigned char>(perms[permAt + 2 * size_t(r) + 1])) << 8);
                        check(v < rows && !seen[size_t(v)], gWhat + ": the row permutation of "
                                                                + keys[l] + " is not a permutation");
                        seen[size_t(v)] = true;
                        order[size_t(r)] = v;
                    }
                    permAt += size_t(2 * rows);
                    f.permKeys.emplace_back(keys[l], 2 * rows);
                    // Row i of the stored codes is row order[i] of the original.
                    torch::Tensor original = torch::empty_like(t);
                    original.index_copy_(0, torch::tensor(order, torch::kLong), t);
                    t = original;
                }
            } else {
                t = chunk;
            }
            w.insert(keys[l], t);
            f.groupKeys[g].emplace_back(keys[l], numel);
        }
    }
    check(permAt == perms.size(), what + ": " + std::to_string(perms.size() - permAt)
                                      + " bytes of row permutations are left over");
    Dict obj(c10::StringType::get(), c10::AnyType::get());
    obj.insert(std::string("w"), w);
    obj.insert(std::string("m"), meta);
    f.object = obj;
    return f;
}

} // namespace Core
