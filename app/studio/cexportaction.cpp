// SPDX-License-Identifier: GPL-3.0-or-later
#include "cexportaction.h"

#include "document.h"
#include "golfserver.h"

#include "common/error.h"
#include "job/serveprotocol.h"
#include "common/numbertext.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>

namespace App {

CExportAction::CExportAction(Document *doc, QWidget *window)
    : QObject(window)
    , m_doc(doc)
    , m_window(window)
    , m_server(new GolfServer(this))
{
    m_server->setKeepAlive(false); // a C export keeps nothing worth a child's memory
}

bool CExportAction::running() const
{
    return m_running;
}

QString CExportAction::defaultFolder() const
{
    // Beside the model when no workspace is open: a run's own folder for <run>/checkpoints/x.pt.
    const QFileInfo model(m_doc->checkpoint());
    QDir base(m_workspace.isEmpty() ? model.absolutePath() : m_workspace);
    if (m_workspace.isEmpty() && base.dirName() == QLatin1String("checkpoints"))
        base.cdUp();
    return base.absoluteFilePath(QStringLiteral("c-export/") + model.completeBaseName());
}

void CExportAction::choose()
{
    if (m_doc->checkpoint().isEmpty())
        return;
    // The dialog opens where the folder will go (it falls back to the working directory when
    // that does not exist yet); the user may name any other folder.
    QDir().mkpath(QFileInfo(defaultFolder()).path());
    const QString folder = QFileDialog::getSaveFileName(
        m_window, tr("Export as C program"), defaultFolder(), QString(), nullptr,
        QFileDialog::ShowDirsOnly);
    if (!folder.isEmpty())
        start(folder);
}

bool CExportAction::start(const QString &folder)
{
    if (running() || m_doc->checkpoint().isEmpty())
        return false;
    Core::CExportOptions o;
    o.modelPath = m_doc->checkpoint().toStdString();
    o.recipe = m_doc->recipe();
    o.outDir = folder.toStdString();
    m_folder = folder;
    Q_EMIT log(tr("Exporting %1 as a C program into %2 ...").arg(QFileInfo(m_doc->checkpoint()).fileName(), folder));
    Q_EMIT statusMessage(tr("Exporting as C..."), 0);
    m_running = true;
    m_server->request(Core::Serve::kExportC, Core::toJson(o),
                      [this](const nlohmann::json &result, const QString &error) {
                          Core::CExportResult r;
                          QString why = error;
                          if (why.isEmpty()) {
                              try {
                                  r = Core::cexportResultFromJson(result);
                              } catch (const std::exception &ex) {
                                  why = QString::fromStdString(ex.what());
                              }
                          }
                          m_running = false;
                          done(r, why);
                      });
    Q_EMIT stateChanged();
    return true;
}

void CExportAction::done(const Core::CExportResult &r, const QString &error)
{
    Q_EMIT stateChanged();
    if (!error.isEmpty()) {
        Q_EMIT log(tr("C export failed: %1").arg(error));
        Q_EMIT statusMessage(tr("C export failed"), 5000);
        Q_EMIT finished(false, error);
        if (m_window->isVisible()) {
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Export as C program"), error, QMessageBox::Ok, m_window);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
        return;
    }
    const auto n = [](int64_t v) { return QString::fromStdString(Core::groupedNumber(v)); };
    const QString summary =
        tr("Wrote golfmodel.c, golfmodel.h, a Makefile and the weights (%1 bytes: codes %2, scales %3, "
           "floats %4) into %5. Stored as: %6. Key/value cache: %7 bytes per token. Build it with "
           "make; ./golfmodel generate and ./golfmodel score run it (README.md).")
            .arg(n(r.weights.fileBytes), n(r.weights.codeBytes), n(r.weights.scaleBytes), n(r.weights.floatBytes),
                 m_folder, QString::fromStdString(r.storage), n(r.weights.kvBytesPerToken));
    Q_EMIT log(summary);
    Q_EMIT statusMessage(tr("Exported as C"), 5000);
    Q_EMIT finished(true, summary);
    if (!m_window->isVisible())
        return;
    // Not modal-blocking: the window (and a test driving it) goes on while the box is open.
    auto *box = new QMessageBox(QMessageBox::Information, tr("Export as C program"), summary, QMessageBox::Ok, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *open = box->addButton(tr("Open folder"), QMessageBox::ActionRole);
    const QString folder = m_folder;
    connect(open, &QPushButton::clicked, box, [folder] { QDesktopServices::openUrl(QUrl::fromLocalFile(folder)); });
    box->open();
}

} // namespace App
