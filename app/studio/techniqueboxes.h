// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Train dialog's groups for the techniques that change how a model trains rather than its
// shape: knowledge distillation from a teacher file, and sparsity learned by L0 gates. Each
// group writes its settings into a TrainConfig and says what it costs before a run starts.

#include "config/trainconfig.h"

#include <QGroupBox>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace App {

/// "Teacher: 8,412,345 bytes on disk, never part of the artifact. ..." for `config` with a
/// teacher of `teacherBytes` bytes; "" without a teacher.
QString distillationCostText(const Core::TrainConfig &config, qint64 teacherBytes);
/// "232 gates on 1,050,624 parameters; at 50% ..." for a model with l0_gates; "" without.
QString sparsityCostText(const Core::TrainConfig &config);
/// Where the dialog keeps a teacher's logit cache: beside the teacher, named after the layout
/// and temperature it is valid for, so that every run with them shares it.
QString defaultLogitCachePath(const Core::TrainConfig &config);

class DistillationBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit DistillationBox(const Core::TrainConfig &config, QWidget *parent = nullptr);
    /// Sets teacher, kd_* in `config` (the cache path depends on its batch layout).
    void apply(Core::TrainConfig &config) const;
    /// Shows the cost line for the whole configuration.
    void showCost(const Core::TrainConfig &config);

Q_SIGNALS:
    void changed();

private:
    QLineEdit *m_teacher;
    QDoubleSpinBox *m_alpha, *m_temperature;
    QSpinBox *m_topK;
    QCheckBox *m_cache;
    QLabel *m_cost;
};

class SparsityBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit SparsityBox(const Core::TrainConfig &config, QWidget *parent = nullptr);
    /// Sets model.l0_gates and l0_target_sparsity in `config`.
    void apply(Core::TrainConfig &config) const;
    void showCost(const Core::TrainConfig &config);

Q_SIGNALS:
    void changed();

private:
    QCheckBox *m_gates;
    QSpinBox *m_target; // percent
    QLabel *m_cost;
};

} // namespace App
