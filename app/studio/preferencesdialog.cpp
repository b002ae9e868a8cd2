// SPDX-License-Identifier: GPL-3.0-or-later
#include "preferencesdialog.h"

#include "translations.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace App {

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));
    m_language = new QComboBox;
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System default"), QString());
    // Each language under its own name, so it can be found whatever the current language is.
    for (const QString &code : availableLanguages())
        m_language->addItem(nativeLanguageName(code), code);
    const QString saved = QSettings().value(QLatin1String(kLanguageKey)).toString();
    m_language->setCurrentIndex(qMax(0, m_language->findData(saved)));

    auto *note = new QLabel(tr("The language changes the next time Golf Studio starts."));
    note->setWordWrap(true);
    if (!qEnvironmentVariableIsEmpty("GOLF_LANGUAGE"))
        note->setText(note->text() + QLatin1Char('\n') +
                      tr("GOLF_LANGUAGE is set in the environment and overrides this choice."));

    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addStretch();
    layout->addWidget(buttons);
}

QString PreferencesDialog::language() const
{
    return m_language->currentData().toString();
}

void PreferencesDialog::save() const
{
    QSettings settings;
    if (language().isEmpty())
        settings.remove(QLatin1String(kLanguageKey));
    else
        settings.setValue(QLatin1String(kLanguageKey), language());
}

} // namespace App
