// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Run > Train...: the settings of a new training run over Core::TrainConfig, with the model's
// exact parameter count and its fp16 and int8 sizes shown before anything starts (budget
// first: a 16,000,000-byte artifact holds about 16M int8 weights, fewer with scales and code).

#include "config/trainconfig.h"

#include <QDialog>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace App {

class DistillationBox;
class MixerBox;
class SparsityBox;

/// The `golf train` arguments for the settings in `configFile` (TrainConfig JSON) on the
/// dataset in `dataDir`, into `runDir`. A config file rather than one --set per setting:
/// the CLI validates after every --set, so a shape whose intermediate steps are inconsistent
/// (batch tokens set before grad_accum_steps) would be refused although the whole is valid.
/// `processes` > 1: that many data-parallel ranks on this machine (`--nproc`), of which rank 0
/// writes the run directory the window watches.
QStringList trainArguments(const QString &configFile, const QString &dataDir,
                           const QString &runDir, int processes = 1);

/// "4 layers x 256 dims: 2,102,784 parameters; fp16 4,205,568 bytes, int8 ~2,106,880 bytes".
QString modelSizeText(const Core::GptConfig &model);

/// What each embedding-compression technique in `model` adds or saves against the same model
/// without it, in parameters and int8 bytes, one line each ("" when none is on): e.g.
/// "factorized table (r = 64): -131,072 parameters (~-131,072 int8 bytes)".
QString embeddingCostText(const Core::GptConfig &model);

class TrainDialog : public QDialog
{
    Q_OBJECT
public:
    /// Starts from `config` (the dataset folder `dataDir`, if known).
    TrainDialog(const Core::TrainConfig &config, const QString &dataDir, QWidget *parent = nullptr);

    Core::TrainConfig config() const;
    QString dataDir() const;
    /// Local processes (data-parallel ranks) to train with.
    int processes() const;
    /// The parameter count and sizes line shown for the current settings.
    QString estimateText() const;
    /// Why the run cannot start as set ("" when it can).
    QString problemText() const;

private:
    void update();
    void browseData();

    QLineEdit *m_data;
    QSpinBox *m_layers, *m_dim, *m_heads, *m_kvHeads, *m_mlpMult, *m_vocab;
    QSpinBox *m_iterations, *m_seqLen, *m_batchTokens, *m_gradAccum, *m_seed, *m_valEvery,
        *m_wallclock, *m_processes;
    // Embedding compression (GptConfig): 0 = off for each size.
    QSpinBox *m_embedDim, *m_bigram, *m_trigram, *m_ngramDim, *m_valueDim;
    QLineEdit *m_valueLayers; // "2,3": the blocks that get value embeddings
    QLabel *m_embeddingCost;
    MixerBox *m_mixers;
    DistillationBox *m_distillation;
    SparsityBox *m_sparsity;
    QLabel *m_estimate;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    Core::TrainConfig m_base;
};

} // namespace App
