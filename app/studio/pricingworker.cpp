// SPDX-License-Identifier: GPL-3.0-or-later
#include "pricingworker.h"

#include "golfserver.h"

namespace App {

PricingWorker::PricingWorker(QObject *parent)
    : QObject(parent)
    , m_server(new GolfServer(this))
{
}

PricingWorker::~PricingWorker() = default;

void PricingWorker::setBusy(bool wasBusy)
{
    if (busy() != wasBusy)
        Q_EMIT busyChanged(busy());
}

void PricingWorker::load(const QString &checkpoint)
{
    const bool wasBusy = busy();
    ++m_generation;
    m_nextLoad = checkpoint;
    m_nextPrice.reset();
    m_loading = true;
    sendNext();
    setBusy(wasBusy);
}

void PricingWorker::price(const Core::Recipe &recipe)
{
    if (!m_tensors && !m_loading)
        return;
    const bool wasBusy = busy();
    m_nextPrice = recipe;
    sendNext();
    setBusy(wasBusy);
}

void PricingWorker::cancel()
{
    const bool wasBusy = busy();
    ++m_generation;
    m_nextLoad.reset();
    m_nextPrice.reset();
    m_loading = false;
    setBusy(wasBusy);
}

void PricingWorker::sendNext()
{
    if (m_inFlight)
        return;
    const quint64 generation = m_generation;
    if (m_nextLoad) {
        const QString path = *std::exchange(m_nextLoad, std::nullopt);
        m_inFlight = true;
        m_server->request(Core::Serve::kLoad, {{"path", path.toStdString()}},
                          [this, generation, path](const nlohmann::json &result, const QString &error) {
                              const bool wasBusy = busy();
                              m_inFlight = false;
                              if (generation == m_generation) { // else a newer load or a cancel wins
                                  m_loading = false;
                                  QString why = error;
                                  if (why.isEmpty()) {
                                      try {
                                          const LoadedModel model = Core::Serve::loadedModelFromJson(result);
                                          m_tensors = model.tensors;
                                          m_path = path;
                                          Q_EMIT loaded(model);
                                      } catch (const std::exception &ex) {
                                          why = QString::fromStdString(ex.what());
                                      }
                                  }
                                  if (!why.isEmpty()) {
                                      // The previous model stays the accepted one: a price names
                                      // its file, so the child loads it again. A price queued for
                                      // the file that failed is dropped.
                                      m_nextPrice.reset();
                                      Q_EMIT loadFailed(path, why);
                                  }
                              }
                              sendNext();
                              setBusy(wasBusy);
                          });
        return;
    }
    if (m_nextPrice && m_tensors) {
        const Core::Recipe recipe = *std::exchange(m_nextPrice, std::nullopt);
        m_inFlight = true;
        // The path lets a fresh child (the last one died) load the model again first.
        m_server->request(Core::Serve::kPrice, {{"recipe", recipe.toJson()}, {"path", m_path.toStdString()}},
                          [this, generation, recipe](const nlohmann::json &result, const QString &error) {
                              const bool wasBusy = busy();
                              m_inFlight = false;
                              // A newer price queued meanwhile supersedes this one.
                              if (generation == m_generation && !m_nextPrice) {
                                  QString why = error;
                                  if (why.isEmpty()) {
                                      try {
                                          const Core::Serve::PricedReport p = Core::Serve::pricedReportFromJson(result);
                                          PricedRecipe out;
                                          out.recipe = recipe;
                                          out.resolution = recipe.resolve(*m_tensors);
                                          out.report = p.report;
                                          out.changedTensors = p.changedTensors;
                                          out.milliseconds = p.milliseconds;
                                          out.cache = p.cache;
                                          Q_EMIT priced(out);
                                      } catch (const std::exception &ex) {
                                          why = QString::fromStdString(ex.what());
                                      }
                                  }
                                  if (!why.isEmpty())
                                      Q_EMIT priceFailed(why);
                              }
                              sendNext();
                              setBusy(wasBusy);
                          });
    }
}

} // namespace App
