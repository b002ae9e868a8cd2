// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// File > Export...: the submission's name and metadata, the code file (optionally shipped as
// the lzma+base85 wrapper), the records folder and the budget. The checkpoint and the recipe
// are the window's; the dialog only fills in the rest of Core::ExportOptions.

#include "export/exporter.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace App {

class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    /// `defaults` carries the checkpoint, recipe, code file, out dir and budget to start from.
    explicit ExportDialog(const Core::ExportOptions &defaults, QWidget *parent = nullptr);
    Core::ExportOptions options() const;

private:
    void update();

    Core::ExportOptions m_defaults;
    QLineEdit *m_name, *m_author, *m_github, *m_code, *m_outDir;
    QPlainTextEdit *m_blurb;
    QCheckBox *m_wrap, *m_verify;
    QLineEdit *m_budget;
    QSpinBox *m_maxTokens;
    QPushButton *m_ok = nullptr;
};

} // namespace App
