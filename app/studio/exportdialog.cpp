// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportdialog.h"

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
    form->addRow(QString(), m_wrap);
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
    connect(m_verify, &QCheckBox::toggled, m_maxTokens, &QWidget::setEnabled);
    update();
}

void ExportDialog::update()
{
    const bool codeOk = m_code->text().isEmpty() || QFileInfo(m_code->text()).isFile();
    m_wrap->setEnabled(!m_code->text().isEmpty());
    m_ok->setEnabled(!m_name->text().trimmed().isEmpty() && codeOk && !m_outDir->text().isEmpty() &&
                     m_budget->hasAcceptableInput());
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
    o.outDir = m_outDir->text().trimmed().toStdString();
    o.budget = m_budget->text().toLongLong();
    o.verify = m_verify->isChecked();
    o.maxTokens = m_maxTokens->value();
    return o;
}

} // namespace App
