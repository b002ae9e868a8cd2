// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Train dialog's group for the token mixers: which blocks use attention, a selective
// state-space layer (Mamba) or Gated DeltaNet, the attention windows per block, and the
// state-space layers' shape, with what the mix changes against an all-attention model.

#include "config/trainconfig.h"

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QSpinBox;

namespace App {

/// "ssm attention ssm", "S A S" or "s,a,d": one mixer per block (attention, ssm, deltanet or
/// their first letters, any case); empty text = attention everywhere. A word it does not know
/// is passed on as it is, for GptConfig::validate() to name.
std::vector<std::string> parseLayerMix(const QString &text);
/// "256 256 0 0": one window per block (0 = full causal); a token that is not a number becomes
/// -1, which validate() refuses.
std::vector<int> parseWindows(const QString &text);
/// One line per kind of non-attention block against the same model with attention there
/// ("2 state-space blocks: -12,345 parameters (~-12,345 int8 bytes) against attention"), and
/// what the windows save ("attention windows: ~41% of full causal attention's work at
/// sequence length 1,024"). "" for an all-attention model without windows.
QString mixerCostText(const Core::GptConfig &model, int64_t seqLen);

class MixerBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit MixerBox(const Core::TrainConfig &config, QWidget *parent = nullptr);
    /// Sets model.layer_types, layer_windows, ssm_state and ssm_expand in `config`.
    void apply(Core::TrainConfig &config) const;
    void showCost(const Core::TrainConfig &config);

Q_SIGNALS:
    void changed();

private:
    QLineEdit *m_mix, *m_windows;
    QSpinBox *m_state, *m_expand;
    QLabel *m_cost;
};

} // namespace App
