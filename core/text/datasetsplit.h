// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Which documents go to validation and which to training when text is exported to shards.

#include <cstdint>
#include <string>

namespace Core {

class DatasetSplit
{
public:
    enum class Kind { FirstDocuments, Fraction };

    /// The official rule: the first `count` documents are validation, the rest training
    /// (NUM_VAL_DOCS = 50,000 over the shuffled FineWeb export). Throws Error if count < 0.
    static DatasetSplit firstDocuments(int64_t count);

    /// A fraction `f` in [0, 1] of the documents, spread evenly: document i (0-based) is
    /// validation when ceil((i+1)·f) > ceil(i·f), so documents 0, 1/f, 2/f, ... are chosen and
    /// any prefix of n documents holds exactly ceil(n·f) validation ones. Unlike a first-N cut,
    /// this draws validation from every input file (each fortune collection, each source) without
    /// knowing the document count in advance, so the export still streams. f is rounded to
    /// millionths and the test runs in integers, so the choice is the same on every machine.
    /// Throws Error if f is outside [0, 1].
    static DatasetSplit fraction(double f);

    bool isValidation(int64_t documentIndex) const;

    Kind kind() const { return m_kind; }
    /// The count for FirstDocuments, or the fraction for Fraction.
    double value() const;
    /// "first 901 documents" or "fraction 0.1 (1 in every 10 documents)", for logs and
    /// dataset.json.
    std::string describe() const;

private:
    Kind m_kind = Kind::FirstDocuments;
    int64_t m_count = 0;
    int64_t m_millionths = 0;
};

} // namespace Core
