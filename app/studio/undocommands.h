// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Undo for recipe edits. Every edit replaces the whole recipe (a few hundred bytes of rules),
// so one snapshot command serves all of them: a tensor edit, a regex rule, a codec change, an
// opened recipe file. Undo and redo hand the snapshot to the document, which re-prices it.

#include "recipe/recipe.h"

#include <QUndoCommand>

namespace App {

class Document;

class RecipeCommand : public QUndoCommand
{
public:
    RecipeCommand(Document *document, Core::Recipe before, Core::Recipe after, const QString &text);
    void undo() override;
    void redo() override;

private:
    Document *m_document;
    Core::Recipe m_before;
    Core::Recipe m_after;
};

} // namespace App
