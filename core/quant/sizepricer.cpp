// SPDX-License-Identifier: GPL-3.0-or-later
#include "quant/sizepricer.h"
#include "quant/sizepricer_p.h"

#include "common/error.h"
#include "model/model_p.h"
#include "quant/int8format_p.h"
#include "quant/modelfile_p.h"
#include "pack/mixedformat.h"
#include "quant/gptq_p.h"
#include "quant/quantizer_p.h"

#include <torch/torch.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

namespace Core {

// A tensor priced at one setting, as the cache keeps it. Named (not file-local) because
// SizePricer::Impl, a class with linkage, holds it.
struct SizePricerEntry
{
    EncodedTensor encoded;
    int64_t payloadBytes = 0;
    double sparsity = 0;
    double relError = 0;
};

namespace {

// Drop every cached stream past this many bytes: a 17M-parameter model at 8 bits is ~17 MB per
// full set of settings, so this holds dozens of alternatives per tensor.
constexpr int64_t kCacheLimitBytes = int64_t(1) << 30;

double zeroFraction(const QuantizedTensor &q)
{
    const int64_t n = q.numel();
    if (n == 0)
        return 0;
    int64_t zeros = 0;
    if (q.setting.scheme == QuantScheme::Float) {
        const int width = floatTypeBytes(q.setting.floatType);
        for (int64_t i = 0; i < n; ++i) {
            bool zero = true;
            // +0 and -0 both count; the sign bit is the top bit of the last byte (little endian).
            for (int b = 0; b < width && zero; ++b) {
                const auto byte = static_cast<unsigned char>(q.values[size_t(i * width + b)]);
                zero = (b == width - 1 ? (byte & 0x7F) : byte) == 0;
            }
            zeros += zero;
        }
    } else {
        zeros = std::count(q.codes.begin(), q.codes.end(), int8_t(0));
    }
    return double(zeros) / double(n);
}

} // namespace

struct SizePricer::Impl
{
    NamedTensors weights;
    std::vector<TensorDesc> descs;
    Calibration calibration;
    int threads = int(std::max(1u, std::thread::hardware_concurrency()));

    std::mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<const SizePricerEntry>> cache;
    int64_t cacheBytes = 0;
    CacheStats stats;

    static std::string key(size_t index, const QuantSetting &s, const ContainerSpec &c)
    {
        return std::to_string(index) + "|" + s.toJson().dump() + "|" + codecName(c.codec) + "|" +
               std::to_string(c.level);
    }

    // Quantizes and compresses every tensor whose stream is not cached, the compression spread
    // over `threads` (it dominates: quantizing is vectorised torch code, compressing is not).
    std::vector<std::shared_ptr<const SizePricerEntry>> streams(const std::vector<QuantSetting> &settings,
                                                             const ContainerSpec &container)
    {
        std::vector<std::shared_ptr<const SizePricerEntry>> out(settings.size());
        std::vector<size_t> missing;
        {
            std::lock_guard<std::mutex> lock(mutex);
            for (size_t i = 0; i < settings.size(); ++i) {
                const auto it = cache.find(key(i, settings[i], container));
                if (it != cache.end()) {
                    out[i] = it->second;
                    ++stats.hits;
                } else {
                    missing.push_back(i);
                    ++stats.misses;
                }
            }
        }
        if (missing.empty())
            return out;

        std::vector<QuantizedTensor> quantized(missing.size());
        for (size_t k = 0; k < missing.size(); ++k) {
            const size_t i = missing[k];
            quantized[k] = quantizeOne(i, settings[i]);
        }
        std::vector<std::shared_ptr<SizePricerEntry>> fresh(missing.size());
        std::atomic<size_t> next{0};
        std::exception_ptr failure;
        std::mutex failureMutex;
        auto worker = [&] {
            for (size_t k; (k = next++) < missing.size();) {
                try {
                    auto priced = std::make_shared<SizePricerEntry>();
                    priced->encoded = encodeTensor(quantized[k], container.codec, container.level);
                    priced->payloadBytes = quantized[k].payloadBytes();
                    priced->sparsity = zeroFraction(quantized[k]);
                    fresh[k] = std::move(priced);
                } catch (...) {
                    std::lock_guard<std::mutex> lock(failureMutex);
                    failure = std::current_exception();
                }
            }
        };
        const size_t n = std::min<size_t>(size_t(threads), missing.size());
        std::vector<std::thread> pool;
        for (size_t t = 0; t < n; ++t)
            pool.emplace_back(worker);
        // Meanwhile this thread measures the quantization error the treemap and table colour by,
        // so it adds nothing to the time of a re-price.
        std::vector<double> errors(missing.size(), 0.0);
        for (size_t k = 0; k < missing.size(); ++k) {
            const torch::Tensor w = weights[missing[k]].second.to(torch::kFloat32);
            const double norm = w.norm().item<double>();
            if (norm > 0)
                errors[k] = (w - dequantize(quantized[k]).to(torch::kFloat32)).norm().item<double>() / norm;
        }
        for (auto &t : pool)
            t.join();
        if (failure)
            std::rethrow_exception(failure);
        for (size_t k = 0; k < missing.size(); ++k) {
            fresh[k]->relError = errors[k];
            out[missing[k]] = std::move(fresh[k]);
        }

        std::lock_guard<std::mutex> lock(mutex);
        for (size_t i : missing) {
            const int64_t size = int64_t(out[i]->encoded.stream.size());
            if (cacheBytes + size > kCacheLimitBytes) {
                cache.clear();
                cacheBytes = 0;
            }
            cache.emplace(key(i, settings[i], container), out[i]);
            cacheBytes += size;
        }
        return out;
    }

    QuantizedTensor quantizeOne(size_t i, const QuantSetting &s) const
    {
        const auto &[name, w] = weights[i];
        return quantizeWithMethod(name, w, s, calibration);
    }

    SizeReport mixedReport(const std::vector<QuantSetting> &settings, const ContainerSpec &container)
    {
        const auto priced = streams(settings, container);
        std::vector<EncodedTensor> encoded;
        encoded.reserve(priced.size());
        SizeReport r;
        r.format = container.format;
        r.codec = container.codec;
        r.level = container.level;
        int64_t streamBytes = 0;
        for (size_t i = 0; i < priced.size(); ++i) {
            const TensorDesc &desc = descs[i];
            TensorSize t{desc.name, desc.shape, desc.numel, desc.dtype, settings[i],
                         priced[i]->sparsity, priced[i]->payloadBytes,
                         int64_t(priced[i]->encoded.stream.size())};
            t.relError = priced[i]->relError;
            streamBytes += t.fileBytes;
            r.tensors.push_back(std::move(t));
            encoded.push_back(priced[i]->encoded);
        }
        r.headerBytes = mixedHeaderBytes(encoded, container.codec, container.level);
        r.modelBytes = r.headerBytes + streamBytes;
        return r;
    }

    // The official format fixes every setting; its total is measured on the real bytes.
    std::optional<SizeReport> official;
    SizeReport officialReport()
    {
        if (!official) {
            std::vector<std::string> order;
            for (const auto &desc : descs)
                order.push_back(desc.name);
            const c10::impl::GenericDict obj = quantizeInt8Official(weights);
            official = int8SizeReport(obj, int64_t(encodeInt8Object(obj).size()), order);
        }
        return *official;
    }

    std::vector<QuantSetting> settingsOf(const Resolution &resolution) const
    {
        check(resolution.tensors.size() == descs.size(),
              "recipe resolution has " + std::to_string(resolution.tensors.size()) +
                  " tensors but the model has " + std::to_string(descs.size()));
        std::vector<QuantSetting> settings;
        for (size_t i = 0; i < descs.size(); ++i) {
            check(resolution.tensors[i].tensor.name == descs[i].name,
                  "recipe resolution is for another model (tensor " + std::to_string(i) + " is '" +
                      resolution.tensors[i].tensor.name + "', the model's is '" + descs[i].name + "')");
            settings.push_back(resolution.tensors[i].setting);
        }
        return settings;
    }
};

SizePricer::SizePricer(const Model &model)
    : d(std::make_unique<Impl>())
{
    Gpt gpt = model.impl().gpt; // a second handle on the module: namedTensors wants non-const
    // In the dtype of the file the model came from (exact: float32 holds those values), so an
    // export records it as the official quantizer does (dtypes["tok_emb.weight"] = "bfloat16").
    const auto &fileDtypes = model.impl().fileDtypes;
    for (auto &[name, t] : namedTensors(*gpt)) {
        const auto it = fileDtypes.find(name);
        d->weights.emplace_back(name, it == fileDtypes.end() ? t.detach().clone()
                                                              : t.detach().to(it->second));
    }
    d->descs = model.tensors();
}

SizePricer::SizePricer(std::unique_ptr<Impl> impl)
    : d(std::move(impl))
{}

SizePricer pricerOf(const NamedTensors &weights)
{
    auto impl = std::make_unique<SizePricer::Impl>();
    for (const auto &[name, t] : weights)
        impl->weights.emplace_back(name, t.detach().clone());
    impl->descs = describeTensors(weights);
    return SizePricer(std::move(impl));
}

SizePricer SizePricer::ofFile(const std::string &path)
{
    return pricerOf(readModelTensors(path));
}

SizePricer::~SizePricer() = default;
SizePricer::SizePricer(SizePricer &&) noexcept = default;
SizePricer &SizePricer::operator=(SizePricer &&) noexcept = default;

const std::vector<TensorDesc> &SizePricer::tensors() const { return d->descs; }

SizeReport SizePricer::price(const Recipe &recipe)
{
    return price(recipe.resolve(d->descs), recipe.container);
}

SizeReport SizePricer::price(const Resolution &resolution, const ContainerSpec &container)
{
    const auto settings = d->settingsOf(resolution);
    if (container.official())
        return d->officialReport();
    return d->mixedReport(settings, container);
}

SizeReport SizePricer::reprice(const SizeReport &report, size_t index, const QuantSetting &setting)
{
    check(report.format == kMixedFormatTag,
          "per-tensor settings need the golf-mixed-v1 container; the official format fixes them");
    check(index < report.tensors.size() && report.tensors.size() == d->descs.size(),
          "reprice: tensor index " + std::to_string(index) + " out of range");
    std::vector<QuantSetting> settings;
    for (const auto &t : report.tensors)
        settings.push_back(t.setting);
    settings[index] = setting;
    ContainerSpec container;
    container.format = report.format;
    container.codec = report.codec;
    container.level = report.level;
    return d->mixedReport(settings, container);
}

std::string SizePricer::encode(const Resolution &resolution, const ContainerSpec &container)
{
    const auto settings = d->settingsOf(resolution);
    if (container.official())
        return encodeInt8Ptz(d->weights);
    std::vector<EncodedTensor> encoded;
    for (const auto &p : d->streams(settings, container))
        encoded.push_back(p->encoded);
    return assembleMixed(encoded, container.codec, container.level);
}

SizePricer::CacheStats SizePricer::cacheStats() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    CacheStats s = d->stats;
    s.bytes = d->cacheBytes;
    return s;
}

void SizePricer::setThreads(int threads)
{
    d->threads = std::max(1, threads);
}

void SizePricer::setCalibration(const Calibration &calibration)
{
    std::lock_guard<std::mutex> lock(d->mutex);
    d->calibration = calibration;
    d->cache.clear();
    d->cacheBytes = 0;
}

const Calibration &SizePricer::calibration() const
{
    return d->calibration;
}

} // namespace Core
