// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Loading a checkpoint and pricing recipes against it, in a `golf serve` child (golfserver.h):
// the window's process never loads libtorch. The child keeps one SizePricer per loaded
// checkpoint, so its stream cache makes the next price of a similar recipe cheap, and when
// exactly one tensor's resolved setting changed since the last price it re-prices that tensor
// alone (SizePricer::reprice). One request is in the child at a time; of the requests made
// meanwhile only the newest load and the newest price are kept, so a burst of edits costs one
// price. Results of work that is no longer the newest are dropped, never shown.

#include "config/gptconfig.h"
#include "job/serveprotocol.h"
#include "pack/sizereport.h"
#include "pack/tensordesc.h"
#include "recipe/recipe.h"

#include <QObject>
#include <QString>

#include <optional>
#include <vector>

namespace App {

/// What a load gives the window: the model's tensors and shape (the weights stay in the child).
using LoadedModel = Core::Serve::LoadedModel;

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
    Core::Serve::CacheStats cache;
};

class GolfServer;

class PricingWorker : public QObject
{
    Q_OBJECT
public:
    explicit PricingWorker(QObject *parent = nullptr);
    /// Ends the child (a price takes well under a second at challenge sizes).
    ~PricingWorker() override;

    /// Loads `checkpoint` (any model file golf reads) and builds its pricer, replacing the
    /// previous one. Pending prices are dropped.
    void load(const QString &checkpoint);
    /// Prices `recipe` against the loaded (or loading) model; only the newest request runs.
    void price(const Core::Recipe &recipe);
    /// Drops pending work and the results of work in progress (a running load or price cannot
    /// be interrupted; its result is discarded).
    void cancel();
    /// Work queued or running.
    bool busy() const { return m_inFlight || m_nextLoad || m_nextPrice; }

Q_SIGNALS:
    void loaded(const App::LoadedModel &model);
    void loadFailed(const QString &path, const QString &error);
    void priced(const App::PricedRecipe &result);
    void priceFailed(const QString &error);
    void busyChanged(bool busy);

private:
    /// Sends the next kept request when the child is idle.
    void sendNext();
    void setBusy(bool wasBusy);

    GolfServer *m_server;
    bool m_inFlight = false;
    quint64 m_generation = 0; ///< bumped by load and cancel: older replies are dropped
    std::optional<QString> m_nextLoad;
    std::optional<Core::Recipe> m_nextPrice;
    /// The accepted load's tensors (prices are resolved against them here too), or none.
    std::optional<std::vector<Core::TensorDesc>> m_tensors;
    QString m_path; ///< the accepted load's file
    bool m_loading = false; ///< a load is queued or in the child
};

} // namespace App
