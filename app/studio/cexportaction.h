// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// File > Export as C: the open model under the window's recipe as a dependency-free C program
// (export/cexport.h), written by a `golf serve` child (golfserver.h) into a folder the user
// picks. The window holds only the action; the log and a message box say what was written.

#include "job/exportjobs.h"

#include <QObject>
#include <QString>

class QWidget;

namespace App {

class Document;
class GolfServer;

class CExportAction : public QObject
{
    Q_OBJECT
public:
    CExportAction(Document *doc, QWidget *window);

    bool running() const;
    /// C exports go to <workspace>/c-export/<checkpoint name>/ (without a workspace, beside the
    /// model: <run>/c-export/ for a run's checkpoint) unless the user picks another folder.
    void setWorkspace(const QString &workspace) { m_workspace = workspace; }
    /// The folder the dialog proposes for the open model.
    QString defaultFolder() const;

public Q_SLOTS:
    /// Asks for the folder, then exports.
    void choose();
    /// Exports the open model with the window's recipe into `folder`; false when an export is
    /// running already or no model is open.
    bool start(const QString &folder);

Q_SIGNALS:
    void log(const QString &line);
    void statusMessage(const QString &text, int timeoutMs);
    void stateChanged();
    /// After each export: the result, or core's error message.
    void finished(bool ok, const QString &summary);

private:
    void done(const Core::CExportResult &result, const QString &error);

    Document *m_doc;
    QWidget *m_window;
    QString m_workspace, m_folder;
    GolfServer *m_server;
    bool m_running = false;
};

} // namespace App
