// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportdialog.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "ship/trainscript.h"
#include "pack/codebytes.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

namespace App {

namespace {

QWidget *withBrowse(QLineEdit *edit, QPushButton *button)
{
    auto *w = new QWidget;
    auto *row = new QHBoxLayout(w);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(edit, 1);
    row->addWidget(button);
    return w;
}

} // namespace

ExportDialog::ExportDialog(const Core::ExportOptions &defaults, QWidget *parent)
    : QDialog(parent)
    , m_defaults(defaults)
{
    setWindowTitle(tr("Export a submission"));
    m_name = new QLineEdit(QString::fromStdString(defaults.name));
    m_name->setPlaceholderText(tr("e.g. int6 MLP, lzma"));
    m_author = new QLineEdit(QString::fromStdString(defaults.author));
    m_github = new QLineEdit(QString::fromStdString(defaults.githubId));
    m_blurb = new QPlainTextEdit(QString::fromStdString(defaults.blurb));
    m_blurb->setPlaceholderText(tr("One paragraph: what this submission does differently."));
    m_blurb->setFixedHeight(80);
    m_code = new QLineEdit(QString::fromStdString(defaults.codePath));
    m_code->setPlaceholderText(tr("train_gpt.py (its bytes count toward the budget)"));
    auto *browseCode = new QPushButton(tr("Browse..."));
    m_wrap = new QCheckBox(tr("Ship the code as the lzma+base85 self-extracting wrapper"));
    m_wrap->setChecked(defaults.wrapCode);
    m_scriptStatus = new QLabel;
    m_scriptStatus->setWordWrap(true);
    m_scriptStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_noCode = new QCheckBox(tr("Model-only bundle: no train_gpt.py (not a submission by itself)"));
    m_noCode->setChecked(defaults.noCode);
    m_outDir = new QLineEdit(QString::fromStdString(defaults.outDir));
    auto *browseOut = new QPushButton(tr("Browse..."));
    m_budget = new QLineEdit(QString::number(defaults.budget));
    m_budget->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,12}")), this));
    m_verify =
        new QCheckBox(tr("Verify: re-read the written file and evaluate it (round-trip val_bpb)"));
    m_verify->setChecked(defaults.verify);
    m_maxTokens = new QSpinBox;
    m_maxTokens->setRange(0, 1 << 30);
    m_maxTokens->setGroupSeparatorShown(true);
    m_maxTokens->setSpecialValueText(tr("the whole validation set"));
    //: spin box prefix: "the first <N> tokens" (trailing space is intended)
    m_maxTokens->setPrefix(tr("the first "));
    //: spin box suffix: "the first <N> tokens" (leading space is intended)
    m_maxTokens->setSuffix(tr(" tokens"));
    m_maxTokens->setValue(int(defaults.maxTokens));

    auto *checkpoint = new QLabel(QString::fromStdString(defaults.checkpoint));
    checkpoint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *recipe = new QLabel(defaults.recipe.name.empty()
                                  ? tr("(unnamed recipe)")
                                  : QString::fromStdString(defaults.recipe.name));

    auto *form = new QFormLayout;
    form->addRow(tr("Checkpoint"), checkpoint);
    form->addRow(tr("Recipe"), recipe);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Author"), m_author);
    form->addRow(tr("GitHub id"), m_github);
    form->addRow(tr("Blurb"), m_blurb);
    form->addRow(tr("Code file"), withBrowse(m_code, browseCode));
    form->addRow(QString(), m_scriptStatus);
    form->addRow(QString(), m_wrap);
    form->addRow(QString(), m_noCode);
    form->addRow(tr("Records folder"), withBrowse(m_outDir, browseOut));
    form->addRow(tr("Budget (bytes)"), m_budget);
    form->addRow(QString(), m_verify);
    form->addRow(tr("Verify on"), m_maxTokens);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Export"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browseCode, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Code file"), m_code->text(),
                                                       tr("Python (*.py);;All files (*)"));
        if (!f.isEmpty())
            m_code->setText(f);
    });
    connect(browseOut, &QPushButton::clicked, this, [this] {
        const QString d =
            QFileDialog::getExistingDirectory(this, tr("Records folder"), m_outDir->text());
        if (!d.isEmpty())
            m_outDir->setText(d);
    });
    for (QLineEdit *e : {m_name, m_code, m_outDir, m_budget})
        connect(e, &QLineEdit::textChanged, this, &ExportDialog::update);
    connect(m_noCode, &QCheckBox::toggled, this, &ExportDialog::update);
    connect(m_verify, &QCheckBox::toggled, m_maxTokens, &QWidget::setEnabled);
    update();
}

bool ExportDialog::checkScript()
{
    const QString path = m_code->text().trimmed();
    const auto show = [this](const QString &text, bool ok) {
        m_scriptStatus->setText(text);
        m_scriptStatus->setStyleSheet(ok ? QStringLiteral("color: #1b7f3b")
                                         : QStringLiteral("color: #c62828"));
    };
    if (path.isEmpty()) {
        show(m_noCode->isChecked()
                 ? tr("No code: the folder will hold the model file only.")
                 : tr("A submission's train_gpt.py must write the model file itself: choose the "
                      "script, or tick the model-only bundle."),
             m_noCode->isChecked());
        return m_noCode->isChecked();
    }
    if (!QFileInfo(path).isFile()) {
        show(tr("No such file."), false);
        return false;
    }
    try {
        const std::string file = path.toStdString();
        std::string source = Core::readFile(file);
        if (Core::measureCode(file).alreadyWrapped)
            source = Core::unwrapCodeLzmaBase85(source, file);
        const Core::SerializationBlock b = Core::findSerializationBlock(source, file);
        const QString where = QString::fromStdString(b.describe());
        show(m_defaults.recipe.container.official()
                 ? tr("Found %1: the script writes the official int8+zlib file itself.").arg(where)
                 : tr("Found %1: golf replaces it so that the script writes, re-reads and scores "
                      "this model file itself.")
                       .arg(where),
             true);
        return true;
    } catch (const std::exception &e) {
        show(QString::fromStdString(e.what()), false);
        return false;
    }
}

void ExportDialog::update()
{
    m_noCode->setEnabled(m_code->text().trimmed().isEmpty());
    const bool codeOk = checkScript();
    m_wrap->setEnabled(!m_code->text().isEmpty());
    m_ok->setEnabled(!m_name->text().trimmed().isEmpty() && codeOk && !m_outDir->text().isEmpty() &&
                     m_budget->hasAcceptableInput());
}

QString ExportDialog::scriptStatus() const
{
    return m_scriptStatus->text();
}

bool ExportDialog::canExport() const
{
    return m_ok->isEnabled();
}

Core::ExportOptions ExportDialog::options() const
{
    Core::ExportOptions o = m_defaults;
    o.name = m_name->text().trimmed().toStdString();
    o.author = m_author->text().trimmed().toStdString();
    o.githubId = m_github->text().trimmed().toStdString();
    o.blurb = m_blurb->toPlainText().trimmed().toStdString();
    o.codePath = m_code->text().trimmed().toStdString();
    o.wrapCode = !o.codePath.empty() && m_wrap->isChecked();
    o.noCode = o.codePath.empty() && m_noCode->isChecked();
    o.outDir = m_outDir->text().trimmed().toStdString();
    o.budget = m_budget->text().toLongLong();
    o.verify = m_verify->isChecked();
    o.maxTokens = m_maxTokens->value();
    return o;
}

} // namespace App
