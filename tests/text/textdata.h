// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Paths into ../shared/data (the official tokenizer, the validation prefix and its text) for the
// golftext tests. A user's fresh clone has no such folder: tests that need it skip, and fail under
// CI (tests/common/testenv.h).

#include "testenv.h"

#include <QFileInfo>
#include <QString>

#include <string>

namespace TextData {

inline std::string shared(const char *name)
{
    return TestEnv::sharedData().toStdString() + "/" + name;
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

inline QString absentMessage(const std::string &path)
{
    return QStringLiteral("shared test data is absent (%1); it lives beside the checkout in "
                          "../shared/data")
        .arg(QString::fromStdString(path));
}

/// For helpers: whether `path` exists; if not, the current test is marked skipped (failed under
/// CI) and the calling test function must return: `if (!requireOfficial()) return;`.
inline bool have(const std::string &path)
{
    if (exists(path))
        return true;
    TestEnv::missing(absentMessage(path), __FILE__, __LINE__);
    return false;
}

} // namespace TextData

/// Skips the current test function when a shared data file is missing, saying which and why
/// (a failure under CI).
#define REQUIRE_SHARED(path)                                                                       \
    do {                                                                                           \
        if (!TextData::exists(path))                                                               \
            GOLF_SKIP_ENV(TextData::absentMessage(path));                                          \
    } while (false)
