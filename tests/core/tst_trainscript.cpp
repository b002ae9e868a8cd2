// SPDX-License-Identifier: GPL-3.0-or-later
// Finding a train_gpt.py's serialization block and patching it (ship/trainscript.h). The
// patched scripts are run for real by tests/interop/test_submission.py; here the text itself:
// which lines are found, what the golf block calls, refusals, and patching a patched script.

#include "common/error.h"
#include "errortext.h"
#include "ship/trainscript.h"

#include <QtTest>

#include <string>

using namespace Core;

namespace {

// The shape of the baseline's end of main() (PARAMETER_GOLF.md §5, record-formats.md §1), with
// the eval call and the final log wrapped over several lines as the baseline writes them.
const std::string kBaseline = R"(import os
import torch


class Hyperparameters:
    iterations = int(os.environ.get("ITERATIONS", 20000))


def main():
    code = "x"
    log0("training")

    # -----------------------------
    # SERIALIZATION + ROUNDTRIP VALIDATION
    # -----------------------------

    if master_process:
        torch.save(base_model.state_dict(), "final_model.pt")
        log0(f"Code size: {len(code)} bytes")

    quant_obj, quant_stats = quantize_state_dict_int8(base_model.state_dict())
    with open("final_model.int8.ptz", "rb") as f:
        quant_blob_disk = f.read()
    q_val_loss, q_val_bpb = eval_val(
        args,
        model,
        val_tokens,
    )
    log0(
        f"final_int8_zlib_roundtrip_exact val_loss:{q_val_loss:.8f} val_bpb:{q_val_bpb:.8f}"
    )

    if distributed:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
)";

const std::string kMarked = R"(import torch


def run(net):
    print("train")
    # golf-studio: serialization begin; model=net; eval=score(net, 'val'); log=print; seq_len=256
    torch.save(net.state_dict(), "mine.pt")
    # golf-studio: serialization end
    print("done")
)";

ScriptPatchInput input()
{
    ScriptPatchInput in;
    in.mixedModule = "def write_mixed(state, table, h=None):\n    return b''\n";
    in.submitModule = "def golf_serialize_and_score(*a, **k):\n    pass\n";
    in.tableJson = R"({"format":"golf-settings-v1","tensors":[]})";
    return in;
}

int count(const std::string &text, const std::string &what)
{
    int n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

} // namespace

class tst_TrainScript : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsTheBaselineBlock()
    {
        const SerializationBlock b = findSerializationBlock(kBaseline, "train_gpt.py");
        QCOMPARE(int(b.anchor), int(ScriptAnchor::Baseline));
        QCOMPARE(b.firstLine, 17); // if master_process:
        QCOMPARE(b.lastLine, 31);  // the ")" closing the final log call
        QCOMPARE(b.indent, std::string("    "));
        QCOMPARE(b.model, std::string("base_model"));
        QCOMPARE(b.evaluate, std::string("eval_val(args, model, val_tokens, )"));
        QCOMPARE(b.log, std::string("log0"));
        QVERIFY(!b.patchedBefore);
    }

    void findsMarkers()
    {
        const SerializationBlock b = findSerializationBlock(kMarked, "train_gpt.py");
        QCOMPARE(int(b.anchor), int(ScriptAnchor::Markers));
        QCOMPARE(b.firstLine, 6);
        QCOMPARE(b.lastLine, 8);
        QCOMPARE(b.model, std::string("net"));
        QCOMPARE(b.evaluate, std::string("score(net, 'val')"));
        QCOMPARE(b.log, std::string("print"));
        QCOMPARE(b.seqLen, std::string("256"));
        QVERIFY(b.trainFiles.empty());
        QVERIFY(b.describe().find("lines 6-8") != std::string::npos);
    }

    void patchesTheBaseline()
    {
        const std::string out = patchTrainScript(kBaseline, "train_gpt.py", input());
        QVERIFY(out.find("quantize_state_dict_int8(") == std::string::npos);
        QVERIFY(out.find("final_int8_zlib_roundtrip_exact") == std::string::npos);
        QVERIFY(out.find("    golf_serialize_and_score(base_model, lambda: eval_val(args, model, "
                         "val_tokens, ), log0, train_files=None, seq_len=None, restore=False)") !=
                std::string::npos);
        // Module-level code goes before `def main():`, the preamble before the first import.
        QVERIFY(out.find("# golf-studio: embedded begin") < out.find("def main():"));
        QVERIFY(out.find("_GOLF_MIXED_SOURCE = r'''def write_mixed") != std::string::npos);
        QVERIFY(out.find("_GOLF_ARTIFACT = \"final_model.golf.ptz\"") != std::string::npos);
        QVERIFY(out.rfind("# golf-studio: preamble begin", 0) == 0);
        // What follows the block is untouched.
        QVERIFY(out.find("    if distributed:\n        dist.destroy_process_group()") !=
                std::string::npos);
    }

    void keepsTheOfficialBlockWhenAsked()
    {
        ScriptPatchInput in = input();
        in.keepOfficial = true;
        const std::string out = patchTrainScript(kBaseline, "train_gpt.py", in);
        QVERIFY(out.find("restore=True") != std::string::npos);
        QVERIFY(out.find("golf_serialize_and_score(") < out.find("quantize_state_dict_int8("));
        QCOMPARE(count(out, "final_int8_zlib_roundtrip_exact"), 1);
    }

    void patchesMarkersAndKeepsTheRest()
    {
        const std::string out = patchTrainScript(kMarked, "train_gpt.py", input());
        QVERIFY(out.find("mine.pt") == std::string::npos);
        QVERIFY(out.find("    golf_serialize_and_score(net, lambda: score(net, 'val'), print, "
                         "train_files=None, seq_len=256, restore=False)") != std::string::npos);
        QVERIFY(out.find("    print(\"done\")") != std::string::npos);
        QVERIFY(out.find("# golf-studio: embedded begin") < out.find("def run(net):"));
        QCOMPARE(count(out, "# golf-studio: preamble begin"), 0); // no ITERATIONS to default
    }

    void patchingTwiceGivesOneGolfBlock_data()
    {
        QTest::addColumn<QString>("which");
        QTest::newRow("baseline") << "baseline";
        QTest::newRow("markers") << "markers";
    }
    void patchingTwiceGivesOneGolfBlock()
    {
        QFETCH(QString, which);
        const std::string source = which == QLatin1String("baseline") ? kBaseline : kMarked;
        const std::string once = patchTrainScript(source, "a.py", input());
        ScriptPatchInput other = input();
        other.tableJson = R"({"format":"golf-settings-v1","tensors":[{"name":"w"}]})";
        const std::string twice = patchTrainScript(once, "a.py", other);
        QVERIFY(findSerializationBlock(once, "a.py").patchedBefore);
        QCOMPARE(count(twice, "# golf-studio: embedded begin"), 1);
        QCOMPARE(count(twice, "# golf-studio: preamble begin"), count(once, "# golf-studio: preamble begin"));
        QCOMPARE(count(twice, "golf_serialize_and_score(base_model") +
                     count(twice, "golf_serialize_and_score(net"),
                 1);
        QVERIFY(twice.find(R"("name":"w")") != std::string::npos);
        // Patching is a function of the original: the same input gives the same text.
        QCOMPARE(patchTrainScript(once, "a.py", input()), once);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        QTest::newRow("neither") << "import torch\nprint(1)\n" << "# golf-studio: serialization begin";
        QTest::newRow("end without begin")
            << "x = 1\n# golf-studio: serialization end\n" << "without a begin line";
        QTest::newRow("begin without end")
            << "# golf-studio: serialization begin; eval=f()\nx = 1\n" << "no \"# golf-studio: serialization end\"";
        QTest::newRow("no eval") << "# golf-studio: serialization begin; model=m\n"
                                    "# golf-studio: serialization end\n"
                                 << "needs eval=EXPRESSION";
        QTest::newRow("unknown option") << "# golf-studio: serialization begin; eval=f(); modle=m\n"
                                           "# golf-studio: serialization end\n"
                                        << "unknown option \"modle\"";
        QTest::newRow("baseline without its final line")
            << "def main():\n    q = quantize_state_dict_int8(base_model.state_dict())\n"
            << "final_int8_zlib_roundtrip_exact";
    }
    void refusals()
    {
        QFETCH(QString, source);
        QFETCH(QString, message);
        const QString error = TestData::errorOf(
            [&] { findSerializationBlock(source.toStdString(), "train_gpt.py"); });
        QVERIFY2(error.startsWith("train_gpt.py: "), qPrintable(error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void refusesWhatCannotBeEmbedded()
    {
        ScriptPatchInput in = input();
        in.mixedModule = "x = '''quoted'''\n";
        QVERIFY_THROWS_EXCEPTION(Error, patchTrainScript(kBaseline, "a.py", in));
        in = input();
        in.artifactName = "bad\"name";
        QVERIFY_THROWS_EXCEPTION(Error, patchTrainScript(kBaseline, "a.py", in));
    }
};

QTEST_GUILESS_MAIN(tst_TrainScript)
#include "tst_trainscript.moc"
