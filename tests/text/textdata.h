// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Paths into ../shared/data (the official tokenizer, the validation prefix and its text) for the
// golftext tests. A user's fresh clone has no such folder: tests that need it QSKIP.

#include <QFileInfo>
#include <QString>

#include <string>

namespace TextData {

inline std::string shared(const char *name)
{
    return std::string(GOLF_SHARED_DATA) + "/" + name;
}

inline std::string officialModel()
{
    return shared("fineweb_1024_bpe.model");
}
inline std::string officialVocab()
{
    return shared("fineweb_1024_bpe.vocab");
}
/// The first 1,040,298 tokens of the official fineweb_val_000000.bin: 901 whole documents and
/// the first 237 tokens (BOS included) of document 902.
inline std::string officialValPrefix()
{
    return shared("fineweb10B_sp1024_valprefix/fineweb_val_000000.bin");
}
/// The 901 whole documents of that prefix, decoded, one per line.
inline std::string valPrefixDocs()
{
    return shared("fineweb_val_prefix_docs.txt");
}
inline std::string tinyShakespeare()
{
    return shared("tinyshakespeare.txt");
}

inline bool exists(const std::string &path)
{
    return QFileInfo::exists(QString::fromStdString(path));
}

} // namespace TextData

/// Skips the current test when a shared data file is missing, saying which and why.
#define REQUIRE_SHARED(path)                                                                       \
    do {                                                                                           \
        if (!TextData::exists(path))                                                               \
            QSKIP(                                                                                 \
                qPrintable(QStringLiteral("shared test data is absent (%1); it lives beside the "  \
                                          "checkout in ../shared/data")                            \
                               .arg(QString::fromStdString(path))));                               \
    } while (false)
