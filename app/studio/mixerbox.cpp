// SPDX-License-Identifier: GPL-3.0-or-later
#include "mixerbox.h"

#include "bytetree.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace App {

namespace {

QStringList tokens(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

QString joined(const std::vector<std::string> &words)
{
    QStringList out;
    for (const auto &w : words)
        out << QString::fromStdString(w);
    return out.join(QLatin1Char(' '));
}

// Keys read by queries 0..T-1 with a window of w (0 = all earlier keys), against full causal.
double windowShare(int64_t T, int64_t w)
{
    const double full = double(T) * double(T + 1) / 2.0;
    if (w <= 0 || w >= T)
        return 1.0;
    return (double(w) * double(w + 1) / 2.0 + double(T - w) * double(w)) / full;
}

} // namespace

std::vector<std::string> parseLayerMix(const QString &text)
{
    std::vector<std::string> out;
    for (const QString &t : tokens(text)) {
        const QString w = t.toLower();
        if (w == QLatin1String("a") || w == QLatin1String("attention"))
            out.emplace_back("attention");
        else if (w == QLatin1String("s") || w == QLatin1String("ssm"))
            out.emplace_back("ssm");
        else if (w == QLatin1String("d") || w == QLatin1String("deltanet"))
            out.emplace_back("deltanet");
        else
            out.push_back(t.toStdString());
    }
    return out;
}

std::vector<int> parseWindows(const QString &text)
{
    std::vector<int> out;
    for (const QString &t : tokens(text)) {
        bool ok = false;
        const int w = t.toInt(&ok);
        out.push_back(ok ? w : -1);
    }
    return out;
}

QString mixerCostText(const Core::GptConfig &m, int64_t seqLen)
{
    QStringList lines;
    const struct
    {
        const char *type;
        QString singular, plural;
    } kinds[] = {{"ssm", MixerBox::tr("state-space block"), MixerBox::tr("state-space blocks")},
                 {"deltanet", MixerBox::tr("DeltaNet block"), MixerBox::tr("DeltaNet blocks")}};
    for (const auto &k : kinds) {
        const auto n = std::count(m.layerTypes.begin(), m.layerTypes.end(), k.type);
        if (n == 0)
            continue;
        Core::GptConfig attention = m;
        std::replace(attention.layerTypes.begin(), attention.layerTypes.end(), std::string(k.type),
                     std::string("attention"));
        const qint64 delta = m.parameterCount() - attention.parameterCount();
        const QString sign = delta >= 0 ? QStringLiteral("+") : QString();
        lines << MixerBox::tr("%1 %2: %3 parameters (~%4 int8 bytes) against attention there")
                     .arg(n)
                     .arg(n == 1 ? k.singular : k.plural, sign + Widgets::formatByteCount(delta),
                          sign + Widgets::formatByteCount(delta));
    }
    double work = 0.0;
    int attentionBlocks = 0;
    for (int b = 0; b < m.numLayers; ++b)
        if (m.isAttentionBlock(b)) {
            work += windowShare(seqLen, m.windowAt(b));
            ++attentionBlocks;
        }
    if (attentionBlocks > 0 && work < attentionBlocks - 1e-9)
        lines << MixerBox::tr("Attention windows: ~%1% of full causal attention's work at sequence length %2")
                     .arg(100.0 * work / attentionBlocks, 0, 'f', 0)
                     .arg(Widgets::formatByteCount(seqLen));
    return lines.join(QLatin1Char('\n'));
}

MixerBox::MixerBox(const Core::TrainConfig &config, QWidget *parent)
    : QGroupBox(tr("Token mixers"), parent)
{
    const Core::GptConfig &m = config.model;
    m_mix = new QLineEdit(joined(m.layerTypes));
    m_mix->setPlaceholderText(tr("attention in every block"));
    m_mix->setToolTip(tr("One mixer per block: attention (a), ssm (s, a selective state-space "
                         "layer as in Mamba) or deltanet (d, Gated DeltaNet), e.g. \"s s a s\". "
                         "The MLP, scales and residual mix of a block stay as they are."));
    QStringList windows;
    for (int w : m.layerWindows)
        windows << QString::number(w);
    m_windows = new QLineEdit(windows.join(QLatin1Char(' ')));
    m_windows->setPlaceholderText(tr("full causal attention"));
    m_windows->setToolTip(tr("Sliding-window attention, one window per block (0 = every earlier "
                             "token; a state-space or DeltaNet block takes 0), e.g. \"256 256 0 0\"."));
    m_state = new QSpinBox;
    m_state->setRange(1, 256);
    m_state->setValue(m.ssmState);
    m_state->setToolTip(tr("State channels per inner channel of a state-space block (Mamba's N)."));
    m_expand = new QSpinBox;
    m_expand->setRange(1, 8);
    m_expand->setValue(m.ssmExpand);
    m_expand->setToolTip(tr("Inner width of a state-space block, in model widths. 1 keeps a block "
                            "close to an attention block's parameters."));
    m_cost = new QLabel;
    m_cost->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Layer mix"), m_mix);
    form->addRow(tr("Attention windows"), m_windows);
    form->addRow(tr("SSM state"), m_state);
    form->addRow(tr("SSM expansion"), m_expand);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_cost);
    for (QLineEdit *e : {m_mix, m_windows})
        connect(e, &QLineEdit::textChanged, this, &MixerBox::changed);
    for (QSpinBox *s : {m_state, m_expand})
        connect(s, &QSpinBox::valueChanged, this, &MixerBox::changed);
}

void MixerBox::apply(Core::TrainConfig &c) const
{
    c.model.layerTypes = parseLayerMix(m_mix->text());
    c.model.layerWindows = parseWindows(m_windows->text());
    c.model.ssmState = m_state->value();
    c.model.ssmExpand = m_expand->value();
}

void MixerBox::showCost(const Core::TrainConfig &c)
{
    m_cost->setText(c.model.numLayers > 0 ? mixerCostText(c.model, c.train_seq_len) : QString());
}

} // namespace App
