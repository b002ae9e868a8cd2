// SPDX-License-Identifier: GPL-3.0-or-later
#include "pricingworker.h"

#include "model/model.h"
#include "quant/modelload.h"

#include <QMetaObject>

#include <atomic>
#include <chrono>
#include <exception>
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

/// Written by the UI thread, read by tasks to skip work nobody waits for any more.
struct PricingWorker::Generations
{
    std::atomic<quint64> load{0};
    std::atomic<quint64> price{0};
};

/// One loaded checkpoint. Only tasks touch it, and the one-thread pool runs them in order.
struct PricingWorker::Model
{
    std::unique_ptr<Core::SizePricer> pricer;
    std::optional<Core::SizeReport> last; ///< the previous price, the base of reprice()
};

PricingWorker::PricingWorker(QObject *parent)
    : QObject(parent)
    , m_gen(std::make_shared<Generations>())
{
    // One thread, kept alive: tasks run in submission order, and torch keeps its thread state.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
}

PricingWorker::~PricingWorker()
{
    cancel();
    m_pool.waitForDone();
}

void PricingWorker::submit(std::function<void()> task)
{
    if (m_inFlight++ == 0)
        Q_EMIT busyChanged(true);
    m_pool.start(std::move(task));
}

void PricingWorker::finished()
{
    if (--m_inFlight == 0)
        Q_EMIT busyChanged(false);
}

void PricingWorker::load(const QString &checkpoint)
{
    const quint64 gen = ++m_gen->load;
    ++m_gen->price;
    std::shared_ptr<Generations> g = m_gen;
    submit([this, g, gen, checkpoint] {
        std::shared_ptr<Model> model;
        LoadedModel info;
        QString error;
        if (gen == g->load) {
            const auto start = std::chrono::steady_clock::now();
            try {
                Core::PricedFile file = Core::loadForPricing(checkpoint.toStdString());
                model = std::make_shared<Model>();
                model->pricer = std::move(file.pricer);
                info.path = checkpoint;
                info.tensors = model->pricer->tensors();
                info.baseline = file.model != nullptr;
                if (file.model)
                    info.config = file.model->config();
                for (const Core::TensorDesc &t : info.tensors)
                    info.parameters += t.numel;
                info.milliseconds = msSince(start);
            } catch (const std::exception &ex) {
                error = QString::fromStdString(ex.what());
            }
        }
        QMetaObject::invokeMethod(
            this,
            [this, g, gen, checkpoint, model, info, error] {
                finished();
                if (gen != g->load)
                    return; // a newer load, or a cancel, wins
                if (model) {
                    m_model = model;
                    Q_EMIT loaded(info);
                } else if (!error.isEmpty()) {
                    Q_EMIT loadFailed(checkpoint, error);
                }
            },
            Qt::QueuedConnection);
    });
}

void PricingWorker::price(const Core::Recipe &recipe)
{
    const quint64 gen = ++m_gen->price;
    std::shared_ptr<Generations> g = m_gen;
    std::shared_ptr<Model> model = m_model;
    if (!model)
        return;
    submit([this, g, gen, model, recipe] {
        std::optional<PricedRecipe> result;
        QString error;
        if (gen == g->price) { // else a newer request is queued behind this one
            const auto start = std::chrono::steady_clock::now();
            try {
                PricedRecipe p;
                p.recipe = recipe;
                p.resolution = recipe.resolve(model->pricer->tensors());
                int changed = -1;
                const int index = model->last ? singleChange(*model->last, p.resolution,
                                                             recipe.container, changed)
                                              : -2;
                if (index == -1) {
                    p.report = *model->last; // nothing that is priced changed (e.g. a comment)
                } else if (index >= 0) {
                    p.report = model->pricer->reprice(*model->last, size_t(index),
                                                      p.resolution.tensors[size_t(index)].setting);
                } else {
                    p.report = model->pricer->price(p.resolution, recipe.container);
                    changed = -1;
                }
                p.changedTensors = changed;
                p.milliseconds = msSince(start);
                p.cache = model->pricer->cacheStats();
                model->last = p.report;
                result = std::move(p);
            } catch (const std::exception &ex) {
                error = QString::fromStdString(ex.what());
            }
        }
        QMetaObject::invokeMethod(
            this,
            [this, g, gen, result = std::move(result), error] {
                finished();
                if (gen != g->price)
                    return;
                if (result)
                    Q_EMIT priced(*result);
                else if (!error.isEmpty())
                    Q_EMIT priceFailed(error);
            },
            Qt::QueuedConnection);
    });
}

void PricingWorker::cancel()
{
    ++m_gen->load;
    ++m_gen->price;
}

} // namespace App
