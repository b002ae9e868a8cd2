// SPDX-License-Identifier: GPL-3.0-or-later
#include "documentreader.h"

#include "common/error.h"
#include "linesource.h"

#include <nlohmann/json.hpp>

namespace Core {

namespace {

bool isBlank(const std::string &line)
{
    return line.find_first_not_of(" \t\r\f\v") == std::string::npos;
}

void appendLine(std::string &text, const std::string &line)
{
    if (!text.empty())
        text.push_back('\n');
    text += line;
}

// Lines: every non-blank line is a document.
bool nextLine(Internal::LineSource &src, Document &doc)
{
    while (src.next(doc.text)) {
        if (!isBlank(doc.text)) {
            doc.line = src.lineNumber();
            return true;
        }
    }
    return false;
}

// Blocks: runs of non-blank lines.
bool nextBlock(Internal::LineSource &src, Document &doc)
{
    doc.text.clear();
    std::string line;
    while (src.next(line)) {
        if (isBlank(line)) {
            if (!doc.text.empty())
                return true;
            continue;
        }
        if (doc.text.empty())
            doc.line = src.lineNumber();
        appendLine(doc.text, line);
    }
    return !doc.text.empty();
}

// Fortune: "%" lines separate; blank lines at either end of a fortune are not part of it, but
// blank lines and indentation inside it are.
bool nextFortune(Internal::LineSource &src, Document &doc)
{
    doc.text.clear();
    std::string line;
    size_t heldBlanks = 0; // blank lines inside a fortune, written once a non-blank line follows
    while (src.next(line)) {
        if (line == "%") {
            if (!doc.text.empty())
                return true;
            heldBlanks = 0;
            continue;
        }
        if (isBlank(line)) {
            if (!doc.text.empty())
                ++heldBlanks;
            continue;
        }
        if (doc.text.empty())
            doc.line = src.lineNumber();
        doc.text.append(heldBlanks, '\n');
        heldBlanks = 0;
        appendLine(doc.text, line);
    }
    return !doc.text.empty();
}

// Jsonl: {"text": "..."} per line, as the official docs_selected.jsonl.
bool nextJson(Internal::LineSource &src, Document &doc)
{
    std::string line;
    while (src.next(line)) {
        if (isBlank(line))
            continue;
        const std::string where = src.path() + ":" + std::to_string(src.lineNumber());
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception &e) {
            throw Error(where + ": not valid JSON: " + e.what());
        }
        const auto it = j.is_object() ? j.find("text") : j.end();
        check(j.is_object() && it != j.end() && it->is_string(),
              where + ": expected a JSON object with a string \"text\" field");
        doc.text = it->get<std::string>();
        if (isBlank(doc.text))
            continue;
        doc.line = src.lineNumber();
        return true;
    }
    return false;
}

} // namespace

struct DocumentReader::Open
{
    Internal::LineSource source;
    DocumentFormat format;
};

DocumentReader::DocumentReader(std::vector<InputFile> files)
    : m_files(std::move(files))
{
    for (const auto &f : m_files)
        m_totalBytes += f.bytes;
}

DocumentReader::DocumentReader(const std::vector<std::string> &inputs, DocumentFormat format)
    : DocumentReader(listInputFiles(inputs, format))
{}

DocumentReader::~DocumentReader() = default;

int64_t DocumentReader::bytesRead() const
{
    return m_doneBytes + (m_open ? m_open->source.bytesRead() : 0);
}

bool DocumentReader::nextInFile(Document &doc)
{
    auto &src = m_open->source;
    switch (m_open->format) {
    case DocumentFormat::Lines:
        return nextLine(src, doc);
    case DocumentFormat::Jsonl:
        return nextJson(src, doc);
    case DocumentFormat::Fortune:
        return nextFortune(src, doc);
    case DocumentFormat::Auto: // listInputFiles resolves Auto; treat a stray one as Blocks
    case DocumentFormat::Blocks:
        break;
    }
    return nextBlock(src, doc);
}

bool DocumentReader::next(Document &doc)
{
    while (m_fileIndex < m_files.size()) {
        const InputFile &file = m_files[m_fileIndex];
        if (!m_open)
            m_open.reset(new Open{Internal::LineSource(file.path), file.format});
        if (nextInFile(doc)) {
            doc.source = file.path;
            ++m_documents;
            return true;
        }
        m_doneBytes += m_open->source.bytesRead();
        m_open.reset();
        ++m_fileIndex;
    }
    return false;
}

} // namespace Core
