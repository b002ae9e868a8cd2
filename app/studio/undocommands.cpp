// SPDX-License-Identifier: GPL-3.0-or-later
#include "undocommands.h"

#include "document.h"

namespace App {

RecipeCommand::RecipeCommand(Document *document, Core::Recipe before, Core::Recipe after,
                             const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{}

void RecipeCommand::undo()
{
    m_document->setRecipe(m_before);
}

void RecipeCommand::redo()
{
    m_document->setRecipe(m_after);
}

} // namespace App
