// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Edit > Preferences…: settings that outlive a workspace. For now the GUI language, which
// takes effect at the next start (the widgets build their texts once; retranslating every
// panel live would mean a changeEvent in each of them for a rarely used switch).

#include <QDialog>

class QComboBox;

namespace App {

class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    /// The language code picked in the combo ("" = system default).
    QString language() const;

    /// Stores the choices in QSettings (called on OK).
    void save() const;

private:
    QComboBox *m_language;
};

} // namespace App
