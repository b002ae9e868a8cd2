// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The first-start offer of the bundled demo (teaching mode): what each step of Parameter Golf
// does, in a few sentences, and a button that runs it all (`golf demo`) in the workspace while
// the window watches the run train and then opens its checkpoint.

#include <QDialog>

class QCheckBox;

namespace App {

class DemoOffer : public QDialog
{
    Q_OBJECT
public:
    explicit DemoOffer(const QString &workspace, QWidget *parent = nullptr);
    /// The user does not want to be asked again.
    bool dontAskAgain() const;

    /// The explanation shown (rich text), for tests and the Help menu.
    static QString explanation();

private:
    QCheckBox *m_dontAsk;
};

} // namespace App
