// SPDX-License-Identifier: GPL-3.0-or-later
#include "document.h"

#include "recipeedits.h"
#include "undocommands.h"

#include "golfbinary.h"

#include "common/error.h"
#include "ship/shippedscript.h"
#include "pack/codebytes.h"

#include <QFileInfo>
#include <QLocale>
#include <QUndoStack>

#include <exception>

namespace App {

namespace {

void setError(QString *out, const QString &text)
{
    if (out)
        *out = text;
}

} // namespace

Document::Document(QObject *parent)
    : QObject(parent)
    , m_undo(new QUndoStack(this))
    , m_worker(new PricingWorker(this))
{
    connect(m_worker, &PricingWorker::busyChanged, this, &Document::busyChanged);
    connect(m_worker, &PricingWorker::loaded, this, [this](const LoadedModel &model) {
        m_loading = false;
        m_model = model;
        m_priced.reset();
        Q_EMIT message(tr("Loaded %1: %2 tensors, %3 parameters (%4 ms)")
                           .arg(QString::fromStdString(model.path))
                           .arg(model.tensors.size())
                           .arg(QLocale::system().toString(model.parameters))
                           .arg(model.milliseconds, 0, 'f', 0));
        if (model.baseline && model.config.isStructurallyPruned())
            //: %1: core's English summary of the head groups and MLP units L0 gates removed
            Q_EMIT message(tr("Learned sparsity: %1")
                               .arg(QString::fromStdString(Core::structuredPruningSummary(model.config))));
        if (model.baseline && !Core::tokenMixerSummary(model.config).empty())
            //: %1: core's English list of each block's token mixer and attention window
            Q_EMIT message(tr("Architecture: %1")
                               .arg(QString::fromStdString(Core::tokenMixerSummary(model.config))));
        if (!model.baseline)
            Q_EMIT message(tr("This model is not golf's GPT: Evaluate and Allocate score it with its own "
                              "train_gpt.py (File > Code file)."));
        Q_EMIT loaded();
        requestPrice();
    });
    connect(
        m_worker, &PricingWorker::loadFailed, this,
        [this](const QString &path, const QString &error) {
            m_loading = false;
            Q_EMIT message(tr("Could not load %1: %2").arg(path, error));
            Q_EMIT loadFailed(path, error);
            if (m_model)
                requestPrice(); // starting the load dropped a price queued for the previous model
        });
    connect(m_worker, &PricingWorker::priced, this, [this](const PricedRecipe &result) {
        m_pricingPending = false;
        m_pricingError.clear();
        m_priced = result;
        recountCode();
        const QString how =
            result.changedTensors < 0    ? tr("all %1 tensors").arg(result.report.tensors.size())
            : result.changedTensors == 1 ? tr("the changed tensor")
                                         : tr("%1 changed tensors").arg(result.changedTensors);
        Q_EMIT message(tr("Priced %1 in %2 ms: %3 model bytes (cache %4 hits, %5 misses)")
                           .arg(how)
                           .arg(result.milliseconds, 0, 'f', 1)
                           .arg(QString::fromStdString(Core::formatBytes(result.report.modelBytes)))
                           .arg(result.cache.hits)
                           .arg(result.cache.misses));
        Q_EMIT pricedChanged();
        Q_EMIT ledgerChanged();
    });
    connect(m_worker, &PricingWorker::priceFailed, this, [this](const QString &error) {
        m_pricingPending = false;
        m_pricingError = error;
        Q_EMIT message(tr("Cannot price the recipe: %1").arg(error));
        Q_EMIT pricedChanged();
    });
}

Document::~Document() = default;

void Document::openCheckpoint(const QString &path)
{
    m_loading = true;
    m_pricingPending = false;
    Q_EMIT loadStarted(path);
    Q_EMIT message(tr("Loading %1 ...").arg(path));
    m_worker->load(path);
}

void Document::cancelLoad()
{
    if (!m_loading)
        return;
    m_worker->cancel();
    m_loading = false;
    Q_EMIT message(tr("Loading cancelled"));
    Q_EMIT loadFailed(QString(), tr("cancelled"));
    if (m_model)
        requestPrice(); // the cancel dropped any price queued for the previous model too
}

void Document::setRecipe(const Core::Recipe &recipe)
{
    m_recipe = recipe;
    Q_EMIT recipeChanged();
    requestPrice();
}

void Document::requestPrice()
{
    // While a checkpoint loads, the price waits for it (loaded() prices the current recipe).
    if (!m_model || m_loading)
        return;
    m_pricingPending = true;
    Q_EMIT pricingStarted();
    m_worker->price(m_recipe);
}

bool Document::pushRecipe(const Core::Recipe &next, const QString &text, QString *error)
{
    if (m_model) {
        // Refuse what cannot be priced before it becomes an undo step. Resolving is cheap
        // (names and regexes); the pricing itself runs on the worker.
        try {
            next.resolve(m_model->tensors);
        } catch (const std::exception &e) {
            const QString why = QString::fromStdString(e.what());
            setError(error, why);
            Q_EMIT message(tr("Refused %1: %2").arg(text, why));
            return false;
        }
    }
    m_undo->push(new RecipeCommand(this, m_recipe, next, text));
    return true;
}

bool Document::editTensors(const QStringList &names, const nlohmann::json &keys, QString *error)
{
    if (!m_model || names.isEmpty()) {
        setError(error, tr("no tensor to edit"));
        return false;
    }
    Core::Recipe next;
    try {
        next = withTensorEdit(m_recipe, names, keys, m_model->tensors);
    } catch (const std::exception &e) {
        setError(error, QString::fromStdString(e.what()));
        Q_EMIT message(tr("Refused edit: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    const QString what =
        names.size() == 1 ? names.front() : tr("%n tensors", nullptr, int(names.size()));
    return pushRecipe(next, tr("%1: %2").arg(what, describeKeys(keys)), error);
}

bool Document::addRegexRule(const QString &pattern, const nlohmann::json &keys, QString *error)
{
    Core::Recipe next;
    try {
        next = withRegexRule(m_recipe, pattern, keys);
    } catch (const std::exception &e) {
        setError(error, QString::fromStdString(e.what()));
        Q_EMIT message(tr("Refused rule: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    return pushRecipe(next, tr("rule /%1/: %2").arg(pattern, describeKeys(keys)), error);
}

bool Document::setCodec(Core::Codec codec, int level, QString *error)
{
    if (m_recipe.container == Core::ContainerSpec{"golf-mixed-v1", codec, level})
        return true;
    return pushRecipe(withCodec(m_recipe, codec, level),
                      tr("codec %1 %2").arg(QString::fromLatin1(Core::codecName(codec))).arg(level),
                      error);
}

bool Document::openRecipe(const QString &path, QString *error)
{
    Core::Recipe next;
    try {
        next = Core::Recipe::load(path.toStdString());
    } catch (const std::exception &e) {
        setError(error, QString::fromStdString(e.what()));
        Q_EMIT message(tr("Cannot open recipe: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    if (!pushRecipe(next, tr("open recipe %1").arg(QFileInfo(path).fileName()), error))
        return false;
    m_recipePath = path;
    Q_EMIT message(tr("Opened recipe %1").arg(path));
    return true;
}

bool Document::applyRecipe(const Core::Recipe &recipe, const QString &text, QString *error)
{
    if (recipe.toJson() == m_recipe.toJson())
        return true;
    return pushRecipe(recipe, text, error);
}

bool Document::saveRecipe(const QString &path, QString *error)
{
    try {
        m_recipe.save(path.toStdString());
    } catch (const std::exception &e) {
        setError(error, QString::fromStdString(e.what()));
        Q_EMIT message(tr("Cannot save recipe: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    m_recipePath = path;
    m_undo->setClean();
    Q_EMIT message(tr("Saved recipe %1").arg(path));
    return true;
}

bool Document::setCode(const QString &path, bool wrap, QString *error)
{
    if (!path.isEmpty()) {
        try {
            Core::measureCode(path.toStdString());
        } catch (const std::exception &e) {
            setError(error, QString::fromStdString(e.what()));
            Q_EMIT message(tr("Cannot count code bytes: %1").arg(QString::fromStdString(e.what())));
            return false;
        }
    }
    m_codePath = path;
    m_wrapCode = wrap;
    recountCode();
    Q_EMIT ledgerChanged();
    return true;
}

void Document::recountCode()
{
    m_codeBytes = 0;
    if (m_codePath.isEmpty())
        return;
    const std::string path = m_codePath.toStdString();
    // What an export ships: the script patched to write the priced model file (its settings
    // table is part of it), maybe wrapped. Before a price, or for a script golf cannot patch
    // (the export will refuse and say why), the file as it is.
    if (m_priced) {
        try {
            m_codeBytes = qint64(Core::shipScript(path, m_wrapCode, m_priced->resolution,
                                                  m_priced->recipe.container, nullptr,
                                                  mixedReaderPath().toStdString())
                                     .code.size());
            return;
        } catch (const std::exception &) {
        }
    }
    try {
        const Core::CodeBytes code = Core::measureCode(path);
        m_codeBytes = m_wrapCode || code.alreadyWrapped ? code.wrappedBytes : code.rawBytes;
    } catch (const std::exception &) {
    }
}

void Document::setBudget(qint64 bytes)
{
    m_budget = bytes;
    Q_EMIT ledgerChanged();
}

Core::SizeLedger Document::ledger() const
{
    Core::SizeLedger l;
    l.modelBytes = m_priced ? m_priced->report.modelBytes : 0;
    l.codeBytes = m_codeBytes;
    l.codeForm = m_codePath.isEmpty() ? "" : (m_wrapCode ? "lzma+base85" : "raw");
    l.codePath = m_codePath.toStdString();
    l.budget = m_budget;
    return l;
}

} // namespace App
