// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/modelfile_p.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "pack/int8format_p.h"
#include "pack/mixedformat.h"
#include "pack/zlibcodec.h"
#include "quant/quantizer_p.h"
#include "run/torchfile_p.h"

#include <filesystem>
#include <map>

namespace Core {

namespace {

ModelFileKind sniff(std::string_view head, const std::string &path)
{
    check(!head.empty(), path + ": empty file, not a model");
    if (head.substr(0, 4) == std::string_view("PK\x03\x04", 4))
        return ModelFileKind::TorchSave;
    if (isMixedFile(head))
        return ModelFileKind::GolfMixed;
    // A zlib stream: CMF 0x78 (deflate, 32 KiB window) and a header checksum that divides 31.
    if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x78 &&
        ((static_cast<unsigned char>(head[0]) << 8) | static_cast<unsigned char>(head[1])) % 31 == 0)
        return ModelFileKind::Int8Ptz;
    if (head.substr(0, 4) == std::string_view("\x28\xB5\x2F\xFD", 4))
        throw Error(path + ": a zstd-compressed torch.save (the records' int6 format) is not supported; "
                           "golf reads torch.save state dicts, int8_clean_per_row_v1 .ptz and golf-mixed-v1");
    throw Error(path + ": not a model file golf knows (expected a torch.save state dict, an "
                       "int8_clean_per_row_v1 .ptz or a golf-mixed-v1 file)");
}

std::string readWhole(const std::string &path)
{
    check(std::filesystem::is_regular_file(path), path + ": no such file");
    return readFile(path);
}

FloatType floatTypeOf(torch::ScalarType type)
{
    return type == torch::kFloat16 ? FloatType::Float16 : type == torch::kBFloat16 ? FloatType::BFloat16
                                                                                    : FloatType::Float32;
}

} // namespace

const char *modelFileKindName(ModelFileKind kind)
{
    switch (kind) {
    case ModelFileKind::TorchSave: return "torch.save state dict";
    case ModelFileKind::Int8Ptz: return "int8_clean_per_row_v1 + zlib";
    case ModelFileKind::GolfMixed: return kMixedFormatTag;
    }
    return "?";
}

ModelFileKind modelFileKind(const std::string &path)
{
    check(std::filesystem::is_regular_file(path), path + ": no such file");
    return sniff(readWhole(path).substr(0, 16), path);
}

NamedTensors readModelTensors(const std::string &path)
{
    const std::string bytes = readWhole(path);
    switch (sniff(std::string_view(bytes).substr(0, 16), path)) {
    case ModelFileKind::TorchSave: return loadStateDict(path);
    case ModelFileKind::Int8Ptz: return decodeInt8Ptz(bytes, path);
    case ModelFileKind::GolfMixed: {
        NamedTensors out;
        for (const QuantizedTensor &q : readMixed(bytes, path))
            out.emplace_back(q.name, dequantize(q));
        return out;
    }
    }
    return {};
}

SizeReport inspectModelFile(const std::string &path)
{
    const std::string bytes = readWhole(path);
    const int64_t fileBytes = int64_t(bytes.size());
    switch (sniff(std::string_view(bytes).substr(0, 16), path)) {
    case ModelFileKind::TorchSave: {
        // Stored (uncompressed) zip entries: each tensor owns its storage's bytes exactly; the
        // pickle and zip records are the header.
        SizeReport r;
        r.format = "torch.save";
        r.compressed = false;
        int64_t storages = 0;
        for (const auto &[name, t] : loadStateDict(path)) {
            TensorSize s;
            s.name = name;
            s.shape = t.sizes().vec();
            s.numel = t.numel();
            s.dtype = dtypeName(t.scalar_type());
            s.setting.scheme = QuantScheme::Float;
            s.setting.floatType = floatTypeOf(t.scalar_type());
            s.sparsity = t.numel() ? t.eq(0).sum().item<double>() / double(t.numel()) : 0.0;
            s.payloadBytes = s.fileBytes = t.numel() * int64_t(t.element_size());
            storages += s.fileBytes;
            r.tensors.push_back(std::move(s));
        }
        r.headerBytes = fileBytes - storages;
        r.modelBytes = fileBytes;
        return r;
    }
    case ModelFileKind::Int8Ptz: {
        const c10::IValue value = loadTorchBytes(zlibDecompress(bytes, path), path);
        check(value.isGenericDict(), path + ": expected the int8 export dict, found " + value.tagKind());
        dequantizeInt8Official(value.toGenericDict(), path); // validates the whole object
        return int8SizeReport(value.toGenericDict(), fileBytes);
    }
    case ModelFileKind::GolfMixed: {
        const std::vector<QuantizedTensor> tensors = readMixed(bytes, path);
        const MixedFileLayout layout = mixedLayout(bytes, path);
        std::map<std::string, int64_t> streamBytes;
        for (const auto &[name, n] : layout.streamBytes)
            streamBytes[name] += n;
        SizeReport r;
        r.format = kMixedFormatTag;
        r.codec = layout.codec;
        r.level = layout.level;
        for (const QuantizedTensor &q : tensors) {
            TensorSize s{q.name, q.shape, q.numel(), q.dtype, q.setting, 0, q.payloadBytes(), streamBytes[q.name]};
            const torch::Tensor deq = dequantize(q);
            s.sparsity = deq.numel() ? deq.eq(0).sum().item<double>() / double(deq.numel()) : 0.0;
            r.tensors.push_back(std::move(s));
        }
        r.headerBytes = layout.headerBytes;
        r.modelBytes = fileBytes;
        return r;
    }
    }
    return {};
}

} // namespace Core
