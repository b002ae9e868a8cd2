// SPDX-License-Identifier: GPL-3.0-or-later
// Byte LUTs: the official per-token byte rule on hand-computed cases, and the sidecar file.

#include "common/atomicfile.h"
#include "common/error.h"
#include "data/bytelut.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Core;

namespace {
// Token ids: 0 pad, 1 BOS (boundary), 2 "▁the" (3 bytes + space), 3 "cat" (3), 4 <0x41> (byte),
// 5 "▁" (bare space marker: 0 bytes + space).
ByteLut smallLut()
{
    ByteLut lut;
    lut.baseBytes = {0, 0, 3, 3, 1, 0};
    lut.hasLeadingSpace = {0, 0, 1, 0, 0, 1};
    lut.isBoundary = {1, 1, 0, 0, 0, 0};
    lut.pieces = {"<pad>", "<s>", "\u2581the", "cat", "<0x41>", "\u2581"};
    return lut;
}
} // namespace

class tst_ByteLut : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokenBytes_data()
    {
        QTest::addColumn<int>("prev");
        QTest::addColumn<int>("target");
        QTest::addColumn<int>("bytes");
        QTest::newRow("space word after BOS: no space byte") << 1 << 2 << 3;
        QTest::newRow("space word after a word: +1") << 3 << 2 << 4;
        QTest::newRow("plain piece") << 2 << 3 << 3;
        QTest::newRow("byte fallback is one byte") << 2 << 4 << 1;
        QTest::newRow("bare space after word") << 3 << 5 << 1;
        QTest::newRow("bare space after BOS") << 1 << 5 << 0;
        QTest::newRow("BOS as a target: zero bytes") << 3 << 1 << 0;
    }
    void tokenBytes()
    {
        QFETCH(int, prev);
        QFETCH(int, target);
        QFETCH(int, bytes);
        QCOMPARE(smallLut().tokenBytes(uint16_t(prev), uint16_t(target)), bytes);
    }

    void streamBytes()
    {
        // "<s>the cat the" ... as BOS ▁the cat ▁the <0x41> BOS ▁the: 3 + 3 + 4 + 1 + 0 + 3 = 14
        const std::vector<uint16_t> s = {1, 2, 3, 2, 4, 1, 2};
        QCOMPARE(smallLut().streamBytes(s.data(), int64_t(s.size())), int64_t(14));
    }

    void paddingMakesBoundaries()
    {
        const auto p = smallLut().paddedTo(8);
        QCOMPARE(p.vocabSize(), int64_t(8));
        QCOMPARE(int(p.isBoundary[7]), 1);
        QCOMPARE(int(p.baseBytes[7]), 0);
        QVERIFY_THROWS_EXCEPTION(Error, smallLut().paddedTo(4));
    }

    void saveLoad()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("tokenizer.luts.json").toStdString();
        auto lut = smallLut();
        lut.tokenizer = "x.model";
        lut.save(path);
        const auto back = ByteLut::load(path);
        QVERIFY(back.baseBytes == lut.baseBytes);
        QVERIFY(back.hasLeadingSpace == lut.hasLeadingSpace);
        QVERIFY(back.isBoundary == lut.isBoundary);
        QVERIFY(back.pieces == lut.pieces);
        QCOMPARE(back.tokenizer, std::string("x.model"));
    }

    void badFiles_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << "{nope" << "not valid JSON";
        QTest::newRow("wrong format") << R"({"format":"other"})" << "not a byte LUT file";
        QTest::newRow("lengths differ")
            << R"({"format":"golf-byte-luts-v1","base_bytes":[1,2],"has_leading_space":[0],"is_boundary":[0,0]})"
            << "different lengths";
        QTest::newRow("negative bytes")
            << R"({"format":"golf-byte-luts-v1","base_bytes":[-1],"has_leading_space":[0],"is_boundary":[0]})"
            << "invalid entry";
        QTest::newRow("missing table") << R"({"format":"golf-byte-luts-v1","base_bytes":[1]})"
                                       << "malformed";
    }
    void badFiles()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.json").toStdString();
        writeFileAtomic(path, text.toStdString());
        try {
            ByteLut::load(path);
            QFAIL("a bad LUT file was accepted");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains(expected), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(tst_ByteLut)
#include "tst_bytelut.moc"
