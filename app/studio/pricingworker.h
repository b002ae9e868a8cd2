// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Loading a checkpoint and pricing recipes against it, off the UI thread. One SizePricer lives
// per loaded checkpoint, so its stream cache makes the next price of a similar recipe cheap, and
// when exactly one tensor's resolved setting changed since the last price it is re-priced alone
// (SizePricer::reprice). Work runs on one dedicated thread, in order; every request carries a
// generation, and a request that is no longer the newest when its turn comes is skipped, so a
// burst of edits costs one price. Results of stale work are dropped, never shown.

#include "config/gptconfig.h"
#include "pack/tensordesc.h"
#include "quant/sizepricer.h"
#include "pack/sizereport.h"
#include "recipe/recipe.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <vector>

namespace App {

/// What a load gives the window: the model's tensors and shape (the weights stay in the pricer).
struct LoadedModel
{
    QString path;
    std::vector<Core::TensorDesc> tensors;
    Core::GptConfig config; ///< golf's GPT's shape (when baseline)
    /// False: another architecture (a record's), priced from its tensors; evaluating it needs
    /// its train_gpt.py (golf --script).
    bool baseline = true;
    qint64 parameters = 0;
    double milliseconds = 0;
};

/// One priced recipe.
struct PricedRecipe
{
    Core::Recipe recipe;
    Core::Resolution resolution;
    Core::SizeReport report;
    /// Tensors whose resolved setting differs from the previous price, or -1 when the whole
    /// model was priced (first price, other container or codec, more than one change).
    int changedTensors = -1;
    double milliseconds = 0;
    Core::SizePricer::CacheStats cache;
};

class PricingWorker : public QObject
{
    Q_OBJECT
public:
    explicit PricingWorker(QObject *parent = nullptr);
    /// Waits for the task in progress (a price takes well under a second at challenge sizes).
    ~PricingWorker() override;

    /// Loads `checkpoint` (any model file Core::Model::load reads) and builds its pricer,
    /// replacing the previous one. Pending prices are dropped.
    void load(const QString &checkpoint);
    /// Prices `recipe` against the loaded (or loading) model; only the newest request runs.
    void price(const Core::Recipe &recipe);
    /// Drops pending work and the results of work in progress (a running load or price cannot
    /// be interrupted; its result is discarded).
    void cancel();
    /// Work queued or running.
    bool busy() const { return m_inFlight > 0; }

Q_SIGNALS:
    void loaded(const App::LoadedModel &model);
    void loadFailed(const QString &path, const QString &error);
    void priced(const App::PricedRecipe &result);
    void priceFailed(const QString &error);
    void busyChanged(bool busy);

private:
    struct Generations;
    struct Model;
    void submit(std::function<void()> task);
    void finished();

    std::shared_ptr<Generations> m_gen;
    std::shared_ptr<Model> m_model; ///< the accepted load; its pricer is used on the pool only
    QThreadPool m_pool;
    int m_inFlight = 0;
};

} // namespace App
