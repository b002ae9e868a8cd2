// SPDX-License-Identifier: GPL-3.0-or-later
// Tokenizer: the official sp1024 model loads with the documented ids and byte LUT facts, and a
// tokenizer trained here has the official trainer settings.

#include "common/atomicfile.h"
#include "common/error.h"
#include "text/documentreader.h"
#include "text/tokenizer.h"
#include "text/tokenizertrainer.h"
#include "textdata.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace Core;

namespace {
const std::string kSpace = "\xE2\x96\x81"; // U+2581
}

class tst_Tokenizer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Tokenizer m_official;
    Tokenizer m_tiny;            // trained on first use by requireTiny()
    int64_t m_tinyDocuments = 0; // documents its training read

    // Loads the official model once; false (the test skipped, or failed under CI) without it.
    bool requireOfficial()
    {
        if (!TextData::have(TextData::officialModel()))
            return false;
        if (!m_official.isLoaded())
            m_official = Tokenizer::load(TextData::officialModel());
        return true;
    }

    // Trains the tiny tokenizer the first time a test needs it, so that every test function
    // also runs on its own (`tst_tokenizer tinySettings`), not only after trainTiny().
    bool requireTiny()
    {
        if (!TextData::have(TextData::tinyShakespeare()))
            return false;
        if (!m_tiny.isLoaded()) {
            DocumentReader reader({TextData::tinyShakespeare()}, DocumentFormat::Blocks);
            TokenizerTrainOptions options;
            options.vocabSize = 320; // 260 reserved ids + ~55 characters + a few merges
            options.maxDocuments = 1500;
            QElapsedTimer timer;
            timer.start();
            auto result = trainTokenizer(reader, "tiny.model", options);
            qInfo("trained vocab %d on %lld documents (%lld bytes) in %lld ms",
                  result.tokenizer.vocabSize(), (long long)result.documents,
                  (long long)result.bytes, (long long)timer.elapsed());
            m_tinyDocuments = result.documents;
            m_tiny = std::move(result.tokenizer);
        }
        return true;
    }

private Q_SLOTS:
    void loadOfficial()
    {
        if (!requireOfficial())
            return;
        QCOMPARE(m_official.vocabSize(), 1024);
        QCOMPARE(m_official.name(), std::string("fineweb_1024_bpe.model"));
        QCOMPARE(m_official.padId(), 0);
        QCOMPARE(m_official.bosId(), 1);
        QCOMPARE(m_official.eosId(), 2);
        QCOMPARE(m_official.unkId(), 3);
        QCOMPARE(m_official.modelBytes(), readFile(TextData::officialModel()));
    }

    void officialLut()
    {
        if (!requireOfficial())
            return;
        const ByteLut lut = m_official.byteLut();
        QCOMPARE(lut.vocabSize(), int64_t(1024));
        QCOMPARE(lut.tokenizer, std::string("fineweb_1024_bpe.model"));
        QCOMPARE(lut.pieces.size(), size_t(1024));
        // <pad> <s> </s> <unk>: boundaries with no bytes.
        for (int id = 0; id < 4; ++id) {
            QVERIFY(lut.isBoundary[id]);
            QCOMPARE(int(lut.baseBytes[id]), 0);
            QVERIFY(!lut.hasLeadingSpace[id]);
        }
        QCOMPARE(lut.pieces[1], std::string("<s>"));
        // Byte fallback <0x00>..<0xFF> = ids 4..259: one byte each, whatever their spelling.
        for (int id = 4; id < 260; ++id) {
            QVERIFY(m_official.isByte(id));
            QVERIFY(!lut.isBoundary[id]);
            QCOMPARE(int(lut.baseBytes[id]), 1);
            QVERIFY(!lut.hasLeadingSpace[id]);
        }
        QCOMPARE(lut.pieces[4], std::string("<0x00>"));
        QCOMPARE(lut.pieces[259], std::string("<0xFF>"));
        // The bare space piece (issue #897): no bytes of its own, one leading space.
        QCOMPARE(lut.pieces[939], kSpace);
        QCOMPARE(int(lut.baseBytes[939]), 0);
        QVERIFY(lut.hasLeadingSpace[939]);
        QVERIFY(!lut.isBoundary[939]);
        // Every normal piece: UTF-8 length without its one leading U+2581.
        for (int id = 260; id < 1024; ++id) {
            std::string piece = lut.pieces[size_t(id)];
            const bool space = piece.rfind(kSpace, 0) == 0;
            QCOMPARE(bool(lut.hasLeadingSpace[size_t(id)]), space);
            QCOMPARE(int(lut.baseBytes[size_t(id)]), int(piece.size() - (space ? 3 : 0)));
        }
    }

    void vocabListingMatchesTheOfficialFile()
    {
        if (!requireOfficial())
            return;
        REQUIRE_SHARED(TextData::officialVocab());
        QCOMPARE(m_official.vocabText(), readFile(TextData::officialVocab()));
    }

    void encodeDecode_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("ascii") << "Insurance Company Declares Living Man Dead";
        QTest::newRow("digits split") << "in 2024, 12345 people";
        QTest::newRow("byte fallback") << "漢字 and emoji 🙂";
        QTest::newRow("empty") << "";
    }

    void encodeDecode()
    {
        if (!requireOfficial())
            return;
        QFETCH(QString, text);
        const std::string s = text.toStdString();
        const auto ids = m_official.encode(s);
        QCOMPARE(m_official.decode(ids), s);
        QCOMPARE(m_official.encodeBatch({s, s, s}, 2), (std::vector<std::vector<int>>(3, ids)));
    }

    void officialFirstDocument()
    {
        if (!requireOfficial())
            return;
        REQUIRE_SHARED(TextData::valPrefixDocs());
        std::ifstream in(TextData::valPrefixDocs());
        std::string first;
        std::getline(in, first);
        const auto ids = m_official.encode(first);
        QCOMPARE(int(ids.size()), 522); // the shard's second BOS is at position 523
        QCOMPARE(m_official.piece(ids[0]), std::string("I"));
    }

    void loadErrors()
    {
        const std::string missing = m_dir.filePath("missing.model").toStdString();
        try {
            Tokenizer::load(missing);
            QFAIL("loaded a missing file");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(missing)), e.what());
        }
        const std::string junk = m_dir.filePath("junk.model").toStdString();
        writeFileAtomic(junk, "this is not a protobuf");
        try {
            Tokenizer::load(junk);
            QFAIL("loaded a text file as a model");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains("not a SentencePiece model"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, Tokenizer().vocabSize());
        if (!requireOfficial())
            return;
        QVERIFY_THROWS_EXCEPTION(Error, m_official.decode({1024}));
        QVERIFY_THROWS_EXCEPTION(Error, m_official.piece(-1));
    }

    void trainTiny()
    {
        if (!requireTiny())
            return;
        QCOMPARE(m_tinyDocuments, int64_t(1500));
        QVERIFY(m_tiny.vocabSize() > 260 && m_tiny.vocabSize() <= 320);
        QCOMPARE(m_tiny.name(), std::string("tiny.model"));
    }

    void tinySettings()
    {
        if (!requireTiny())
            return;
        // pad/bos/eos/unk = 0/1/2/3.
        QCOMPARE(m_tiny.padId(), 0);
        QCOMPARE(m_tiny.bosId(), 1);
        QCOMPARE(m_tiny.eosId(), 2);
        QCOMPARE(m_tiny.unkId(), 3);
        QCOMPARE(m_tiny.piece(1), std::string("<s>"));
        QVERIFY(m_tiny.isControl(0) && m_tiny.isControl(1) && m_tiny.isUnknown(3));
        // byte_fallback: the 256 byte pieces follow, and unseen characters become bytes.
        for (int id = 4; id < 260; ++id)
            QVERIFY(m_tiny.isByte(id));
        const auto han = m_tiny.encode("漢");
        QCOMPARE(han.size(), size_t(3));
        for (int id : han)
            QVERIFY(m_tiny.isByte(id));
        QCOMPARE(m_tiny.decode(han), std::string("漢"));
        // split_digits: every digit its own piece.
        const auto digits = m_tiny.encode("12345");
        QCOMPARE(digits.size(), size_t(5));
        // add_dummy_prefix=false: no space marker is invented at the start.
        QVERIFY(m_tiny.piece(m_tiny.encode("the king")[0]).rfind(kSpace, 0) != 0);
        // nmt_nfkc: full-width letters fold to ASCII.
        QCOMPARE(m_tiny.decode(m_tiny.encode("ＫＩＮＧ")), std::string("KING"));
        // The LUT of a trained model follows the same rule.
        const ByteLut lut = m_tiny.byteLut();
        QCOMPARE(int(lut.baseBytes[4]), 1);
        QVERIFY(lut.isBoundary[1]);
    }

    void tinySaveAndLoad()
    {
        if (!requireTiny())
            return;
        const std::string prefix = m_dir.filePath("sub/tiny").toStdString();
        QDir(m_dir.path()).mkdir("sub");
        m_tiny.save(prefix);
        const Tokenizer again = Tokenizer::load(prefix + ".model");
        QCOMPARE(again.vocabSize(), m_tiny.vocabSize());
        QCOMPARE(again.encode("To be, or not to be"), m_tiny.encode("To be, or not to be"));
        QCOMPARE(readFile(prefix + ".vocab"), m_tiny.vocabText());
    }

    void trainErrors()
    {
        const std::string text = m_dir.filePath("few.txt").toStdString();
        writeFileAtomic(text, "abc def\n\nghi\n");
        {
            DocumentReader reader({text}, DocumentFormat::Blocks);
            TokenizerTrainOptions options;
            options.vocabSize = 100;
            try {
                trainTokenizer(reader, "x.model", options);
                QFAIL("trained with a vocabulary smaller than the byte pieces");
            } catch (const Error &e) {
                QVERIFY2(QString(e.what()).contains("260"), e.what());
            }
        }
        {
            const std::string empty = m_dir.filePath("empty.txt").toStdString();
            writeFileAtomic(empty, "\n\n");
            DocumentReader reader({empty}, DocumentFormat::Blocks);
            QVERIFY_THROWS_EXCEPTION(Error, trainTokenizer(reader, "x.model"));
        }
    }
};

GOLF_TEST_GUILESS_MAIN(tst_Tokenizer)
#include "tst_tokenizer.moc"
