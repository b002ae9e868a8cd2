// SPDX-License-Identifier: GPL-3.0-or-later
// The bare compressors of pack/codec.h: round trips at several levels (empty, tiny, compressible,
// incompressible input), identical bytes on every run, level range errors, and corrupt,
// truncated, padded or mis-sized input rejected with Core::Error naming the stream.

#include "errortext.h"
#include "common/error.h"
#include "pack/codec.h"

#include <QtTest>

#include <random>
#include <set>

using namespace Core;

Q_DECLARE_METATYPE(Codec)

namespace {

using TestData::errorOf;

std::string randomBytes(size_t n, unsigned seed, int maxValue = 255)
{
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> d(0, maxValue);
    std::string s(n, '\0');
    for (char &c : s)
        c = char(d(rng));
    return s;
}

/// What the container stores: bytes of small codes, roughly Gaussian (int6-like).
std::string codeLikeBytes(size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> d(31.0, 7.0);
    std::string s(n, '\0');
    for (char &c : s)
        c = char(std::clamp(int(std::lround(d(rng))), 0, 62));
    return s;
}

std::vector<std::string> inputs()
{
    return {std::string(),         std::string("g"),
            std::string("golf"),   std::string(300000, 'x'),
            randomBytes(70000, 1), codeLikeBytes(200000, 2)};
}

} // namespace

class tst_Codec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<Codec>("codec");
        QTest::addColumn<int>("level");
        QTest::newRow("zlib 0") << Codec::Zlib << 0;
        QTest::newRow("zlib 1") << Codec::Zlib << 1;
        QTest::newRow("zlib 9") << Codec::Zlib << 9;
        QTest::newRow("zstd 1") << Codec::Zstd << 1;
        QTest::newRow("zstd 3") << Codec::Zstd << 3;
        QTest::newRow("zstd 22") << Codec::Zstd << 22;
        QTest::newRow("lzma 0") << Codec::Lzma << 0;
        QTest::newRow("lzma 6") << Codec::Lzma << 6;
        QTest::newRow("lzma 9") << Codec::Lzma << 9;
        QTest::newRow("lzma 9 extreme") << Codec::Lzma << 19;
        QTest::newRow("brotli 0") << Codec::Brotli << 0;
        QTest::newRow("brotli 5") << Codec::Brotli << 5;
        QTest::newRow("brotli 11") << Codec::Brotli << 11;
    }

    void roundTrip()
    {
        QFETCH(Codec, codec);
        QFETCH(int, level);
        for (const std::string &in : inputs()) {
            const std::string packed = compress(in, codec, level);
            QCOMPARE(decompress(packed, codec, level, int64_t(in.size()), "t"), in);
            // Same input, same settings: same bytes.
            QCOMPARE(compress(in, codec, level), packed);
        }
        // Compressible input gets smaller (level 0 of zlib stores, so only above it). The codes'
        // entropy is log2(7 * sqrt(2 pi e)) = 4.85 bits, 61% of a byte.
        if (!(codec == Codec::Zlib && level == 0)) {
            const std::string codes = codeLikeBytes(200000, 2);
            QVERIFY(compress(codes, codec, level).size() < codes.size() * 7 / 10);
            QVERIFY(compress(std::string(300000, 'x'), codec, level).size() < 2000);
        }
    }

    void levelsOutsideTheRangeAreErrors_data()
    {
        QTest::addColumn<Codec>("codec");
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("range");
        QTest::newRow("zlib -1") << Codec::Zlib << -1 << "zlib level must be 0..9, got -1";
        QTest::newRow("zlib 10") << Codec::Zlib << 10 << "zlib level must be 0..9, got 10";
        QTest::newRow("zstd 0") << Codec::Zstd << 0 << "zstd level must be 1..22, got 0";
        QTest::newRow("zstd 23") << Codec::Zstd << 23 << "zstd level must be 1..22, got 23";
        QTest::newRow("lzma -1") << Codec::Lzma << -1 << "lzma level must be 0..19 (10..19: the extreme presets 0..9), got -1";
        QTest::newRow("lzma 20") << Codec::Lzma << 20 << "lzma level must be 0..19 (10..19: the extreme presets 0..9), got 20";
        QTest::newRow("brotli -1") << Codec::Brotli << -1 << "brotli level must be 0..11, got -1";
        QTest::newRow("brotli 12") << Codec::Brotli << 12 << "brotli level must be 0..11, got 12";
    }

    void levelsOutsideTheRangeAreErrors()
    {
        QFETCH(Codec, codec);
        QFETCH(int, level);
        QFETCH(QString, range);
        QString e = errorOf([&] { checkCodecLevel(codec, level, "recipe.json: container"); });
        QVERIFY2(e == "recipe.json: container: " + range, qPrintable(e));
        e = errorOf([&] { compress("abc", codec, level); });
        QVERIFY2(e.contains(range), qPrintable(e));
        e = errorOf([&] { decompress("abc", codec, level, 3, "model.gmix"); });
        QVERIFY2(e.startsWith("model.gmix: ") && e.contains(range), qPrintable(e));
        QVERIFY(errorOf([&] { checkCodecLevel(Codec(7), 1, "x"); }).contains("unknown codec"));
    }

    void badInputIsAnError_data()
    {
        QTest::addColumn<Codec>("codec");
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("name");
        QTest::newRow("zlib") << Codec::Zlib << 9 << "zlib";
        QTest::newRow("zstd") << Codec::Zstd << 19 << "zstd";
        QTest::newRow("lzma") << Codec::Lzma << 9 << "lzma";
        QTest::newRow("brotli") << Codec::Brotli << 11 << "brotli";
    }

    void badInputIsAnError()
    {
        QFETCH(Codec, codec);
        QFETCH(int, level);
        QFETCH(QString, name);
        const std::string in = codeLikeBytes(5000, 3);
        const std::string packed = compress(in, codec, level);
        const int64_t n = int64_t(in.size());
        const auto err = [&](std::string_view bytes, int64_t rawSize) {
            return errorOf(
                [&] { decompress(bytes, codec, level, rawSize, "blocks.0.mlp.fc.weight codes"); });
        };

        // Every truncation: an error naming the stream, never a crash or a short result.
        for (size_t len = 0; len < packed.size(); ++len) {
            const QString e = err(std::string_view(packed).substr(0, len), n);
            QVERIFY2(e.startsWith("blocks.0.mlp.fc.weight codes: "),
                     qPrintable(QString::number(len) + ": " + e));
        }
        QString e = err(std::string_view(packed).substr(0, packed.size() / 2), n);
        QVERIFY2(e.contains("truncated " + name + " stream"), qPrintable(e));

        // Bytes after the end of the compressed data, inside the recorded stream.
        e = err(packed + "junk", n);
        QVERIFY2(e.contains("ends 4 bytes before the recorded stream size"), qPrintable(e));

        // The recorded raw size disagrees with the data.
        e = err(packed, n + 1);
        QVERIFY2(e.contains("decompresses to 5000 bytes, the header records 5001"), qPrintable(e));
        e = err(packed, n - 1);
        QVERIFY2(e.contains("holds more than the recorded 4999 bytes"), qPrintable(e));
        e = err(packed, 0);
        QVERIFY2(e.contains("holds more than the recorded 0 bytes"), qPrintable(e));
        // A header claiming a huge size does not make us allocate it.
        e = err(packed, int64_t(1) << 50);
        QVERIFY2(e.contains("decompresses to 5000 bytes"), qPrintable(e));

        // Not compressed data at all.
        e = err(randomBytes(3000, 4), n);
        QVERIFY2(e.startsWith("blocks.0.mlp.fc.weight codes: ") &&
                     (e.contains("corrupt " + name) || e.contains("truncated " + name) ||
                      e.contains("holds more")),
                 qPrintable(e));

        // Flipped bits: an error, or (where the codec has no checksum to notice) data of the
        // recorded size; never a crash.
        std::mt19937 rng(5);
        int errors = 0;
        for (int i = 0; i < 300; ++i) {
            std::string bad = packed;
            bad[rng() % bad.size()] ^= char(1 << (rng() % 8));
            try {
                QCOMPARE(int64_t(decompress(bad, codec, level, n, "t").size()), n);
            } catch (const Error &) {
                ++errors;
            }
        }
        QVERIFY2(errors > 0, "no bit flip was noticed");
    }

    void formatsAreTheDocumentedBareStreams()
    {
        // Raw deflate: no zlib header (0x78 ..) before the first block.
        const std::string z = compress(std::string(1000, 'a'), Codec::Zlib, 9);
        QVERIFY(uint8_t(z[0]) != 0x78);
        // zstd without the magic number 28 b5 2f fd.
        const std::string s = compress(std::string(1000, 'a'), Codec::Zstd, 3);
        QVERIFY(s.substr(0, 4) != std::string("\x28\xb5\x2f\xfd", 4));
        // Raw LZMA2 ends with its end-of-stream control byte 0x00.
        const std::string l = compress(std::string(1000, 'a'), Codec::Lzma, 9);
        QCOMPARE(int(uint8_t(l.back())), 0);
        QCOMPARE(compress("", Codec::Lzma, 9), std::string(1, '\0'));
    }

    void tableIsConsistent()
    {
        // One row per codec, wire codes distinct and in 3 bits, names round-trip, the strongest
        // level inside the range and within the container's 5-bit level field.
        std::set<unsigned> wires;
        for (const CodecInfo &c : codecs()) {
            QVERIFY(wires.insert(c.wireCode).second);
            QVERIFY(c.wireCode < 8);
            QCOMPARE(codecByWireCode(c.wireCode), &c);
            QCOMPARE(codecFromName(c.name, "x"), c.codec);
            QCOMPARE(&codecInfo(c.codec), &c);
            QVERIFY(c.minLevel <= c.strongestLevel && c.strongestLevel <= c.maxLevel);
            QVERIFY(c.maxLevel < 32);
        }
        QCOMPARE(codecByWireCode(7), nullptr);
        QCOMPARE(QString::fromStdString(codecNameList()), QString("zlib, zstd, lzma, brotli"));
        QVERIFY(errorOf([&] { codecFromName("lz4", "recipe.json"); })
                    .contains("expected zlib, zstd, lzma, brotli"));
    }
};

QTEST_GUILESS_MAIN(tst_Codec)
#include "tst_codec.moc"
