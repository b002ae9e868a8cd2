// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysisrunner.h"

#include "analysis/evaltarget.h"
#include "analysis/roundtrip.h"
#include "common/error.h"
#include "model/model.h"
#include "quant/sizepricer.h"
#include "quant/modelload.h"

#include <QFileInfo>
#include <QMetaObject>

#include <exception>

namespace App {

/// The checkpoint the last job used, kept for the next one (loading and snapshotting a
/// challenge-size model takes longer than evaluating it on a slice).
struct AnalysisRunner::Loaded
{
    QString path;
    qint64 size = -1;
    qint64 mtime = 0;
    QString script; ///< "" = golf's GPT
    std::unique_ptr<Core::Model> model;
    std::unique_ptr<Core::EvalTarget> target;
    std::unique_ptr<Core::SizePricer> pricer;
};

AnalysisRunner::AnalysisRunner(QObject *parent)
    : QObject(parent)
    , m_cancel(std::make_shared<std::atomic_bool>(false))
{
    // One thread, kept alive: jobs run in order, and torch keeps its thread state.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
}

AnalysisRunner::~AnalysisRunner()
{
    cancel();
    m_pool.waitForDone();
}

bool AnalysisRunner::submit(std::function<void()> task)
{
    if (m_running)
        return false;
    m_running = true;
    m_cancel->store(false);
    Q_EMIT runningChanged(true);
    m_pool.start(std::move(task));
    return true;
}

void AnalysisRunner::finish()
{
    m_running = false;
    Q_EMIT runningChanged(false);
}

void AnalysisRunner::cancel()
{
    m_cancel->store(true);
}

void AnalysisRunner::setScript(const std::optional<Core::ScriptEvaluatorOptions> &script)
{
    m_script = script;
}

AnalysisRunner::Loaded &AnalysisRunner::modelOf(const QString &checkpoint,
                                                const std::optional<Core::ScriptEvaluatorOptions> &script)
{
    const QFileInfo info(checkpoint);
    const qint64 mtime = info.lastModified().toMSecsSinceEpoch();
    const QString scriptPath = script ? QString::fromStdString(script->script) : QString();
    if (!m_loaded || m_loaded->path != checkpoint || m_loaded->size != info.size() ||
        m_loaded->mtime != mtime || m_loaded->script != scriptPath) {
        m_loaded.reset(); // a bridge child of the previous file ends before the next starts
        auto next = std::make_unique<Loaded>();
        if (script) {
            next->target = Core::scriptTarget(checkpoint.toStdString(), *script);
        } else {
            next->model = std::make_unique<Core::Model>(Core::loadModel(checkpoint.toStdString()));
            next->target = Core::builtinTarget(*next->model);
        }
        next->pricer = next->target->makePricer();
        next->script = scriptPath;
        next->path = checkpoint;
        next->size = info.size();
        next->mtime = mtime;
        m_loaded = std::move(next);
    }
    return *m_loaded;
}

std::function<bool(const std::string &, int64_t, int64_t)> AnalysisRunner::reporter()
{
    std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    return [this, cancel](const std::string &stage, int64_t done, int64_t total) {
        const QString s = QString::fromStdString(stage);
        QMetaObject::invokeMethod(
            this, [this, s, done, total] { Q_EMIT progress(s, done, total); },
            Qt::QueuedConnection);
        return !cancel->load();
    };
}

bool AnalysisRunner::evaluate(const QString &checkpoint, const Core::Recipe &recipe,
                              const Core::EvalSlice &slice, qint64 codeBytes, const QString &label)
{
    auto report = reporter();
    const auto script = m_script;
    return submit([this, report, checkpoint, recipe, slice = Core::EvalSlice(slice), codeBytes, label, script]() mutable {
        EvaluateOutcome out;
        try {
            report("loading", 0, 0);
            Loaded &m = modelOf(checkpoint, script);
            m.target->label(slice);
            report("evaluating", 0, 1);
            const std::string ckpt = checkpoint.toStdString();
            Core::RoundTripOptions rt;
            rt.scratchDir = Core::checkpointCacheDir(ckpt);
            rt.label = label.toStdString();
            rt.source = "studio";
            rt.codeBytes = codeBytes;
            out.record = Core::evaluateRecipe(*m.target, *m.pricer, recipe, slice, rt);
            Core::EvalHistory::append(Core::EvalHistory::pathFor(ckpt), out.record);
            report("evaluating", 1, 1);
            out.ok = true;
        } catch (const std::exception &e) {
            out.error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            this,
            [this, out] {
                finish();
                Q_EMIT evaluated(out);
            },
            Qt::QueuedConnection);
    });
}

bool AnalysisRunner::allocate(const QString &checkpoint, const Core::AllocationRunOptions &options)
{
    auto report = reporter();
    std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    const auto script = m_script;
    return submit([this, report, cancel, checkpoint, options = Core::AllocationRunOptions(options), script]() mutable {
        AllocateOutcome out;
        try {
            report("loading", 0, 0);
            Loaded &m = modelOf(checkpoint, script);
            m.target->label(options.sensitivity.slice);
            out.result = Core::runAllocation(*m.target, options, report, m.pricer.get());
            out.ok = true;
        } catch (const std::exception &e) {
            out.cancelled = cancel->load();
            out.error = out.cancelled ? tr("cancelled") : QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            this,
            [this, out] {
                finish();
                Q_EMIT allocated(out);
            },
            Qt::QueuedConnection);
    });
}

} // namespace App
