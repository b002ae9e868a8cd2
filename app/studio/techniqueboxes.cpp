// SPDX-License-Identifier: GPL-3.0-or-later
#include "techniqueboxes.h"

#include "bytetree.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace App {

namespace {

QString count(qint64 n)
{
    return Widgets::formatByteCount(n);
}

QLabel *costLabel()
{
    auto *label = new QLabel;
    label->setWordWrap(true);
    return label;
}

} // namespace

QString defaultLogitCachePath(const Core::TrainConfig &c)
{
    const qint64 micro = c.train_batch_tokens / qMax<qint64>(1, c.grad_accum_steps);
    return QStringLiteral("%1.top%2-T%3-seq%4-micro%5.kdcache")
        .arg(QString::fromStdString(c.teacher))
        .arg(c.kd_top_k)
        .arg(c.kd_temperature)
        .arg(c.train_seq_len)
        .arg(micro);
}

QString distillationCostText(const Core::TrainConfig &c, qint64 teacherBytes)
{
    if (c.teacher.empty())
        return {};
    QStringList lines;
    lines << DistillationBox::tr("Teacher: %1 bytes on disk, never part of the artifact.")
                 .arg(count(teacherBytes));
    // A fp32 state dict is about 4 bytes a parameter: enough to say how much bigger the
    // teacher's forward pass is than the student's.
    const double ratio = double(teacherBytes) / 4.0 / double(qMax<qint64>(1, c.model.parameterCount()));
    lines << DistillationBox::tr("Every step also runs the teacher forward (a model ~%1x the "
                                 "student's size) unless the cache holds its logits.")
                 .arg(ratio, 0, 'f', 1);
    if (!c.kd_cache.empty()) {
        const qint64 tokens = c.iterations * c.train_batch_tokens;
        lines << DistillationBox::tr("Logit cache: %1 bytes for this run (top %2 per token), "
                                     "shared by later runs with the same data and batch layout.")
                     .arg(count(tokens * c.kd_top_k * 4))
                     .arg(c.kd_top_k);
    }
    return lines.join(QLatin1Char('\n'));
}

QString sparsityCostText(const Core::TrainConfig &c)
{
    if (!c.model.l0Gates)
        return {};
    const Core::GptConfig &m = c.model;
    qint64 groups = 0, units = 0;
    for (int b = 0; b < m.numLayers; ++b) {
        groups += m.kvHeadsAt(b);
        units += m.mlpHiddenAt(b);
    }
    const qint64 gated = m.gatedParameterCount();
    const qint64 removed = qint64(double(gated) * c.l0_target_sparsity);
    return SparsityBox::tr("%1 gates (%2 head groups, %3 MLP units) on %4 parameters. At %5% "
                           "the exported matrices lose ~%6 parameters (~%6 int8 bytes); the "
                           "gates themselves are not exported.")
        .arg(count(groups + units), count(groups), count(units), count(gated))
        .arg(qRound(100 * c.l0_target_sparsity))
        .arg(count(removed));
}

DistillationBox::DistillationBox(const Core::TrainConfig &c, QWidget *parent)
    : QGroupBox(tr("Distillation"), parent)
{
    m_teacher = new QLineEdit(QString::fromStdString(c.teacher));
    m_teacher->setPlaceholderText(tr("off: choose a teacher model on the same tokenizer"));
    m_teacher->setClearButtonEnabled(true);
    auto *browse = new QPushButton(tr("Browse..."));
    auto *teacherRow = new QHBoxLayout;
    teacherRow->addWidget(m_teacher, 1);
    teacherRow->addWidget(browse);
    m_alpha = new QDoubleSpinBox;
    m_alpha->setRange(0, 1);
    m_alpha->setSingleStep(0.1);
    m_alpha->setValue(c.kd_alpha);
    m_alpha->setToolTip(tr("Weight of the cross-entropy on the true next token; the rest goes "
                           "to the KL divergence from the teacher (x T squared)"));
    m_temperature = new QDoubleSpinBox;
    m_temperature->setRange(0.1, 100);
    m_temperature->setSingleStep(0.5);
    m_temperature->setValue(c.kd_temperature);
    m_temperature->setToolTip(tr("Softens both distributions before they are compared"));
    m_topK = new QSpinBox;
    m_topK->setRange(0, 65536);
    m_topK->setValue(int(c.kd_top_k));
    m_topK->setSpecialValueText(tr("all"));
    m_topK->setToolTip(tr("The teacher's k most likely tokens per position, renormalised"));
    m_cache = new QCheckBox(tr("Cache the teacher's logits beside it (needs top k)"));
    m_cache->setToolTip(tr("The first run writes the teacher's top-k logits; later runs with the "
                           "same data and batch layout read them and never run the teacher"));
    m_cache->setChecked(!c.kd_cache.empty());
    m_cost = costLabel();
    auto *form = new QFormLayout;
    form->addRow(tr("Teacher"), teacherRow);
    form->addRow(tr("CE weight (alpha)"), m_alpha);
    form->addRow(tr("Temperature"), m_temperature);
    form->addRow(tr("Top k"), m_topK);
    form->addRow(m_cache);
    auto *outer = new QVBoxLayout(this);
    outer->addLayout(form);
    outer->addWidget(m_cost);
    outer->addStretch();

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Teacher model"), m_teacher->text(),
            tr("Model files (*.pt *.ptz *.gmix *.bin);;All files (*)"));
        if (!file.isEmpty())
            m_teacher->setText(file);
    });
    connect(m_teacher, &QLineEdit::textChanged, this, &DistillationBox::changed);
    connect(m_alpha, &QDoubleSpinBox::valueChanged, this, &DistillationBox::changed);
    connect(m_temperature, &QDoubleSpinBox::valueChanged, this, &DistillationBox::changed);
    connect(m_topK, &QSpinBox::valueChanged, this, &DistillationBox::changed);
    connect(m_cache, &QCheckBox::toggled, this, &DistillationBox::changed);
}

void DistillationBox::apply(Core::TrainConfig &c) const
{
    c.teacher = m_teacher->text().trimmed().toStdString();
    c.kd_alpha = m_alpha->value();
    c.kd_temperature = m_temperature->value();
    c.kd_top_k = m_topK->value();
    c.kd_cache.clear();
    if (!c.teacher.empty() && m_cache->isChecked())
        c.kd_cache = defaultLogitCachePath(c).toStdString();
}

void DistillationBox::showCost(const Core::TrainConfig &c)
{
    m_cost->setText(distillationCostText(c, QFileInfo(QString::fromStdString(c.teacher)).size()));
}

SparsityBox::SparsityBox(const Core::TrainConfig &c, QWidget *parent)
    : QGroupBox(tr("Learned sparsity (L0)"), parent)
{
    m_gates = new QCheckBox(tr("Learn which head groups and MLP units to remove"));
    m_gates->setMinimumWidth(m_gates->sizeHint().width()); // never clipped
    m_gates->setChecked(c.model.l0Gates);
    m_gates->setToolTip(tr("Hard-concrete gates on every head group and MLP unit; an expected-L0 "
                           "penalty closes them, and export removes what they closed"));
    m_target = new QSpinBox;
    m_target->setRange(0, 95);
    m_target->setSuffix(QStringLiteral("%"));
    m_target->setValue(qRound(100 * c.l0_target_sparsity));
    m_target->setToolTip(tr("Share of the gated parameters to remove by the end of training"));
    m_cost = costLabel();
    auto *form = new QFormLayout;
    form->addRow(m_gates);
    form->addRow(tr("Target sparsity"), m_target);
    auto *outer = new QVBoxLayout(this);
    outer->addLayout(form);
    outer->addWidget(m_cost);
    outer->addStretch();
    connect(m_gates, &QCheckBox::toggled, this, &SparsityBox::changed);
    connect(m_gates, &QCheckBox::toggled, m_target, &QWidget::setEnabled);
    connect(m_target, &QSpinBox::valueChanged, this, &SparsityBox::changed);
    m_target->setEnabled(c.model.l0Gates);
}

void SparsityBox::apply(Core::TrainConfig &c) const
{
    c.model.l0Gates = m_gates->isChecked();
    c.l0_target_sparsity = m_target->value() / 100.0;
}

void SparsityBox::showCost(const Core::TrainConfig &c)
{
    m_cost->setText(sparsityCostText(c));
}

} // namespace App
