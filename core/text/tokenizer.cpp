// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenizer.h"

#include "common/atomicfile.h"
#include "common/error.h"

#include <sentencepiece_processor.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace Core {

namespace {

constexpr std::string_view kSpaceMarker = "\xE2\x96\x81"; // U+2581, SentencePiece's space

} // namespace

struct Tokenizer::Private
{
    sentencepiece::SentencePieceProcessor sp;
    std::string name;
    std::string bytes;

    void checkId(int id) const
    {
        check(id >= 0 && id < sp.GetPieceSize(), name + ": token id " + std::to_string(id) +
                                                     " is out of range for vocabulary size " +
                                                     std::to_string(sp.GetPieceSize()));
    }
};

Tokenizer::Tokenizer() = default;
Tokenizer::~Tokenizer() = default;
Tokenizer::Tokenizer(Tokenizer &&) noexcept = default;
Tokenizer &Tokenizer::operator=(Tokenizer &&) noexcept = default;

const Tokenizer::Private &Tokenizer::loaded() const
{
    check(bool(d), "no tokenizer loaded");
    return *d;
}

const Tokenizer::Private &Tokenizer::withId(int id) const
{
    loaded().checkId(id);
    return *d;
}

Tokenizer Tokenizer::load(const std::string &modelPath)
{
    std::ifstream in(modelPath, std::ios::binary);
    check(bool(in), modelPath + ": cannot open tokenizer model: " + std::strerror(errno));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    check(!in.bad(), modelPath + ": cannot read tokenizer model");
    return make(bytes.str(), std::filesystem::path(modelPath).filename().string(), modelPath);
}

Tokenizer Tokenizer::fromModelBytes(const std::string &bytes, const std::string &name)
{
    return make(bytes, name, name);
}

Tokenizer Tokenizer::make(const std::string &bytes, const std::string &name,
                          const std::string &where)
{
    auto p = std::make_unique<Private>();
    const auto status = p->sp.LoadFromSerializedProto(bytes);
    check(status.ok() && p->sp.GetPieceSize() > 0,
          where + ": not a SentencePiece model (" +
              (status.ok() ? std::string("no pieces") : status.ToString()) + ")");
    p->name = name;
    p->bytes = bytes;
    Tokenizer t;
    t.d = std::move(p);
    return t;
}

const std::string &Tokenizer::name() const
{
    return loaded().name;
}
const std::string &Tokenizer::modelBytes() const
{
    return loaded().bytes;
}
int Tokenizer::vocabSize() const
{
    return loaded().sp.GetPieceSize();
}
int Tokenizer::bosId() const
{
    return loaded().sp.bos_id();
}
int Tokenizer::eosId() const
{
    return loaded().sp.eos_id();
}
int Tokenizer::padId() const
{
    return loaded().sp.pad_id();
}
int Tokenizer::unkId() const
{
    return loaded().sp.unk_id();
}

std::string Tokenizer::piece(int id) const
{
    return withId(id).sp.IdToPiece(id);
}

bool Tokenizer::isByte(int id) const
{
    return withId(id).sp.IsByte(id);
}
bool Tokenizer::isControl(int id) const
{
    return withId(id).sp.IsControl(id);
}
bool Tokenizer::isUnknown(int id) const
{
    return withId(id).sp.IsUnknown(id);
}
bool Tokenizer::isUnused(int id) const
{
    return withId(id).sp.IsUnused(id);
}
float Tokenizer::score(int id) const
{
    return withId(id).sp.GetScore(id);
}

std::vector<int> Tokenizer::encode(std::string_view text) const
{
    std::vector<int> ids;
    const auto status = loaded().sp.Encode(text, &ids);
    check(status.ok(), d->name + ": cannot encode text: " + status.ToString());
    return ids;
}

std::vector<std::vector<int>> Tokenizer::encodeBatch(const std::vector<std::string> &texts,
                                                     int threads) const
{
    loaded();
    std::vector<std::vector<int>> out(texts.size());
    const size_t workers = std::clamp<size_t>(size_t(std::max(threads, 1)), 1, texts.size());
    if (workers <= 1) {
        for (size_t i = 0; i < texts.size(); ++i)
            out[i] = encode(texts[i]);
        return out;
    }
    // Interleaved assignment keeps the load even when document lengths vary with position.
    std::vector<std::string> errors(workers);
    std::vector<std::thread> pool;
    for (size_t w = 0; w < workers; ++w) {
        pool.emplace_back([&, w] {
            try {
                for (size_t i = w; i < texts.size(); i += workers)
                    out[i] = encode(texts[i]);
            } catch (const std::exception &e) {
                errors[w] = e.what();
            }
        });
    }
    for (auto &t : pool)
        t.join();
    for (const auto &e : errors)
        check(e.empty(), e);
    return out;
}

std::string Tokenizer::decode(const std::vector<int> &ids) const
{
    for (int id : ids)
        loaded().checkId(id);
    std::string text;
    const auto status = loaded().sp.Decode(ids, &text);
    check(status.ok(), d->name + ": cannot decode tokens: " + status.ToString());
    return text;
}

ByteLut Tokenizer::byteLut() const
{
    const auto &sp = loaded().sp;
    const int n = sp.GetPieceSize();
    ByteLut lut;
    lut.tokenizer = d->name;
    // Same initial values as build_sentencepiece_luts: 0 bytes, no space, boundary.
    lut.baseBytes.assign(size_t(n), 0);
    lut.hasLeadingSpace.assign(size_t(n), 0);
    lut.isBoundary.assign(size_t(n), 1);
    lut.pieces.resize(size_t(n));
    for (int id = 0; id < n; ++id) {
        std::string piece = sp.IdToPiece(id);
        lut.pieces[size_t(id)] = piece;
        if (sp.IsControl(id) || sp.IsUnknown(id) || sp.IsUnused(id))
            continue;
        lut.isBoundary[size_t(id)] = 0;
        if (sp.IsByte(id)) {
            // "<0xNN>" stands for one raw byte, not for its 6 characters.
            lut.baseBytes[size_t(id)] = 1;
            continue;
        }
        if (piece.compare(0, kSpaceMarker.size(), kSpaceMarker) == 0) {
            lut.hasLeadingSpace[size_t(id)] = 1;
            piece.erase(0, kSpaceMarker.size());
        }
        lut.baseBytes[size_t(id)] = int16_t(piece.size());
    }
    return lut;
}

std::string Tokenizer::vocabText() const
{
    const auto &sp = loaded().sp;
    // ostream's default float format is what SentencePiece itself uses ("-0", "-12").
    std::ostringstream out;
    for (int id = 0; id < sp.GetPieceSize(); ++id)
        out << sp.IdToPiece(id) << '\t' << sp.GetScore(id) << '\n';
    return out.str();
}

void Tokenizer::save(const std::string &prefix) const
{
    writeFileAtomic(prefix + ".model", modelBytes());
    writeFileAtomic(prefix + ".vocab", vocabText());
}

} // namespace Core
