// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The window's document: the loaded checkpoint, the recipe being edited (with its undo stack),
// the code file that counts toward the budget, and the latest priced state. Every recipe change
// goes through the undo stack and ends in a background re-price; views read the priced state
// when priced() fires, so treemap, table, budget bar and status bar always show one price.

#include "pricingworker.h"

#include "pack/tensordesc.h"
#include "pack/sizereport.h"
#include "recipe/recipe.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

class QUndoStack;

namespace App {

class Document : public QObject
{
    Q_OBJECT
public:
    explicit Document(QObject *parent = nullptr);
    ~Document() override;

    QUndoStack *undoStack() const { return m_undo; }

    // --- checkpoint -----------------------------------------------------------------------
    /// Loads a model file in the background; loaded() or loadFailed() follows.
    void openCheckpoint(const QString &path);
    /// Abandons a load in progress (its result is discarded; the previous model stays).
    void cancelLoad();
    bool loading() const { return m_loading; }
    /// The loaded checkpoint ("" before the first load).
    QString checkpoint() const { return m_model ? QString::fromStdString(m_model->path) : QString(); }
    const std::optional<LoadedModel> &model() const { return m_model; }

    // --- recipe -----------------------------------------------------------------------------
    const Core::Recipe &recipe() const { return m_recipe; }
    /// Replaces the recipe without an undo entry and re-prices (undo commands call this).
    void setRecipe(const Core::Recipe &recipe);
    /// The file the recipe was opened from or saved to ("" = never saved).
    QString recipePath() const { return m_recipePath; }

    /// Undoable edits. Each checks the new recipe against the model first; a recipe that does
    /// not resolve is refused with the reason in `error` (and nothing changes).
    bool editTensors(const QStringList &names, const nlohmann::json &keys,
                     QString *error = nullptr);
    bool addRegexRule(const QString &pattern, const nlohmann::json &keys, QString *error = nullptr);
    bool setCodec(Core::Codec codec, int level, QString *error = nullptr);
    /// Reads a recipe file (or a preset) and makes it the recipe, undoably.
    bool openRecipe(const QString &path, QString *error = nullptr);
    /// Makes `recipe` the recipe as one undo step named `text` (a point picked in the Pareto
    /// view, an allocation's result). Refused like the edits above when it does not resolve;
    /// a recipe equal to the current one is no step at all.
    bool applyRecipe(const Core::Recipe &recipe, const QString &text, QString *error = nullptr);
    /// Writes the recipe (atomically) and remembers the path.
    bool saveRecipe(const QString &path, QString *error = nullptr);

    // --- code and budget -------------------------------------------------------------------
    /// The train_gpt.py whose bytes count ("" = none), raw or as the lzma+base85 wrapper. Counted
    /// as an export ships it: patched to write the priced model file (ship/shippedscript.h).
    bool setCode(const QString &path, bool wrap, QString *error = nullptr);
    QString codePath() const { return m_codePath; }
    bool wrapCode() const { return m_wrapCode; }
    qint64 codeBytes() const { return m_codeBytes; }
    qint64 budget() const { return m_budget; }
    void setBudget(qint64 bytes);
    /// The ledger of the latest price (model bytes 0 before one).
    Core::SizeLedger ledger() const;

    // --- priced state ----------------------------------------------------------------------
    /// The newest price that matches the current recipe and model, if any.
    const std::optional<PricedRecipe> &priced() const { return m_priced; }
    /// A price is queued or running.
    bool pricing() const { return m_pricingPending; }
    /// Why the current recipe could not be priced ("" when it could).
    QString pricingError() const { return m_pricingError; }

Q_SIGNALS:
    void loadStarted(const QString &path);
    void loaded();
    void loadFailed(const QString &path, const QString &error);
    void recipeChanged();
    void pricingStarted();
    /// priced() holds the new state; also emitted when a price failed (pricingError says why).
    void pricedChanged();
    void ledgerChanged();
    void busyChanged(bool busy);
    /// A line for the log panel.
    void message(const QString &text);

private:
    /// m_codeBytes for the current code file and price (see setCode).
    void recountCode();
    bool pushRecipe(const Core::Recipe &next, const QString &text, QString *error);
    void requestPrice();

    QUndoStack *m_undo;
    PricingWorker *m_worker;
    std::optional<LoadedModel> m_model;
    bool m_loading = false;
    Core::Recipe m_recipe = Core::Recipe::defaultRecipe();
    QString m_recipePath;
    QString m_codePath;
    bool m_wrapCode = false;
    qint64 m_codeBytes = 0;
    qint64 m_budget = Core::kDefaultBudgetBytes;
    std::optional<PricedRecipe> m_priced;
    bool m_pricingPending = false;
    QString m_pricingError;
};

} // namespace App
