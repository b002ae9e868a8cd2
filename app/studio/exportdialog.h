// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// File > Export...: the submission's name and metadata, the code file (optionally shipped as
// the lzma+base85 wrapper), the records folder and the budget. The checkpoint and the recipe
// are the window's; the dialog only fills in the rest of Core::ExportOptions. Under the code
// file it says where golf will make the script write the model file (the baseline's block or
// golf-studio markers), or why it can't; without code only a model-only bundle can be exported.

#include "job/exportjobs.h"

#include <QDialog>

class QCheckBox;
class QLabel;
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
    /// What the dialog says about the code file (where golf patches it, or why it can't).
    QString scriptStatus() const;
    /// True when the Export button is enabled.
    bool canExport() const;

private:
    void update();
    /// Reads the code file and shows where its serialization block is; false when golf cannot
    /// patch it (the reason is shown).
    bool checkScript();

    Core::ExportOptions m_defaults;
    QLineEdit *m_name, *m_author, *m_github, *m_code, *m_outDir;
    QPlainTextEdit *m_blurb;
    QCheckBox *m_wrap, *m_verify, *m_noCode;
    QLabel *m_scriptStatus;
    QLineEdit *m_budget;
    QSpinBox *m_maxTokens;
    QPushButton *m_ok = nullptr;
};

} // namespace App
