// SPDX-License-Identifier: GPL-3.0-or-later
#include "quant/modelfile_p.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "quant/int8format_p.h"
#include "pack/mixedformat.h"
#include "pack/mixedinspect.h"
#include "pack/statedictinspect.h"
#include "pack/zlibcodec.h"
#include "quant/quantcommon_p.h"
#include "quant/quantizer_p.h"
#include "model/torchfile_p.h"
#include "quant/recordfile_p.h"

#include <filesystem>
#include <map>

namespace Core {

namespace {

ModelFileKind sniff(std::string_view bytes, const std::string &path)
{
    const std::string_view head = bytes.substr(0, 16);
    check(!head.empty(), path + ": empty file, not a model");
    if (head.substr(0, 4) == std::string_view("PK\x03\x04", 4))
        return ModelFileKind::TorchSave;
    if (isMixedFile(head))
        return ModelFileKind::GolfMixed;
    // Everything else is compressed (zlib, zstd, xz, brotli) or a PGRP container: the object
    // inside tells the official int8 export from the records' formats.
    return recordFileKind(std::string(bytes), path);
}

/// The official int8 export as the baseline writes it (one zlib stream, no shuffle) keeps its
/// own reader; the same object in another codec goes through the records' reader.
bool plainInt8Ptz(std::string_view bytes)
{
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x78;
}

std::string readWhole(const std::string &path)
{
    check(std::filesystem::is_regular_file(path), path + ": no such file");
    return readFile(path);
}

} // namespace

const char *modelFileKindName(ModelFileKind kind)
{
    switch (kind) {
    case ModelFileKind::TorchSave: return kStateDictKind;
    case ModelFileKind::Int8Ptz: return "int8_clean_per_row_v1 + zlib";
    case ModelFileKind::GolfMixed: return kMixedFormatTag;
    case ModelFileKind::RecordQuant: return "records {\"w\", \"m\"} quantized state dict";
    case ModelFileKind::TernaryRecord: return "records ternary entries";
    case ModelFileKind::PerGroup: return "records PGRP per-group container";
    }
    return "?";
}

ModelFileKind modelFileKind(const std::string &path)
{
    check(std::filesystem::is_regular_file(path), path + ": no such file");
    return sniff(readWhole(path), path);
}

NamedTensors readModelTensors(const std::string &path)
{
    const std::string bytes = readWhole(path);
    switch (sniff(bytes, path)) {
    case ModelFileKind::TorchSave: return loadStateDict(path);
    case ModelFileKind::Int8Ptz:
        return plainInt8Ptz(bytes) ? decodeInt8Ptz(bytes, path) : readRecordFile(bytes, path);
    case ModelFileKind::RecordQuant:
    case ModelFileKind::TernaryRecord:
    case ModelFileKind::PerGroup: return readRecordFile(bytes, path);
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
    switch (sniff(bytes, path)) {
    case ModelFileKind::RecordQuant:
    case ModelFileKind::TernaryRecord:
    case ModelFileKind::PerGroup: return recordSizeReport(bytes, path);
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
            s.setting.floatType = Internal::floatTypeOf(t.scalar_type());
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
        if (!plainInt8Ptz(bytes))
            return recordSizeReport(bytes, path);
        const c10::IValue value = loadTorchBytes(zlibDecompress(bytes, path), path);
        check(value.isGenericDict(), path + ": expected the int8 export dict, found " + value.tagKind());
        dequantizeInt8Official(value.toGenericDict(), path); // validates the whole object
        return int8SizeReport(value.toGenericDict(), fileBytes);
    }
    case ModelFileKind::GolfMixed:
        return inspectMixedFile(bytes, path);
    }
    return {};
}

int64_t writeTensorsAsStateDict(const std::string &path, const std::string &out)
{
    const NamedTensors tensors = readModelTensors(path);
    int64_t values = 0;
    for (const auto &[name, t] : tensors)
        values += t.numel();
    saveStateDict(out, tensors);
    return values;
}

} // namespace Core
