// SPDX-License-Identifier: GPL-3.0-or-later
// The job/ layer's JSON (what golf-studio and its golf serve child exchange): every value type
// survives the trip exactly, NaN included, and a malformed message is an error that names the
// key. Torch-free, like the window that reads these.

#include "common/error.h"
#include "job/analysisjobs.h"
#include "job/exportjobs.h"
#include "job/reportjson.h"
#include "job/serveprotocol.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>

using nlohmann::json;

namespace {

const double kNan = std::numeric_limits<double>::quiet_NaN();

bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b));
}

Core::SizeReport sampleReport()
{
    Core::SizeReport r;
    r.format = "golf-mixed-v1";
    r.codec = Core::Codec::Zstd;
    r.level = 19;
    r.headerBytes = 311;
    r.modelBytes = 311 + 1234 + 77;
    Core::TensorSize a;
    a.name = "blocks.0.attn.c_q.weight";
    a.shape = {64, 64};
    a.numel = 4096;
    a.dtype = "float32";
    a.setting.bits = 5;
    a.setting.clip = Core::ClipMode::Std;
    a.setting.clipValue = 12.85;
    a.sparsity = 0.1 + 0.2; // not a short decimal: only a round-trip form keeps it
    a.payloadBytes = 2560;
    a.fileBytes = 1234;
    a.relError = 1.0 / 3.0;
    Core::TensorSize b;
    b.name = "tok_emb.weight";
    b.shape = {8};
    b.numel = 8;
    b.dtype = "bfloat16";
    b.setting.scheme = Core::QuantScheme::Float;
    b.setting.floatType = Core::FloatType::Float16;
    b.payloadBytes = 16;
    b.fileBytes = 77;
    b.relError = kNan; // not at hand
    r.tensors = {a, b};
    return r;
}

} // namespace

class tst_JobJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sizeReportRoundTrips()
    {
        const Core::SizeReport r = sampleReport();
        const Core::SizeReport back = Core::sizeReportFromJson(json::parse(Core::toJson(r).dump()), "r");
        QCOMPARE(QString::fromStdString(Core::toJson(back).dump()), QString::fromStdString(Core::toJson(r).dump()));
        QCOMPARE(back.tensors.size(), size_t(2));
        QVERIFY(back.tensors[0].setting == r.tensors[0].setting);
        QVERIFY(sameBits(back.tensors[0].sparsity, r.tensors[0].sparsity));
        QVERIFY(sameBits(back.tensors[0].relError, 1.0 / 3.0));
        QVERIFY(std::isnan(back.tensors[1].relError));
        QCOMPARE(back.codec, Core::Codec::Zstd);
        QCOMPARE(back.modelBytes, r.modelBytes);

        Core::SizeReport plain = r;
        plain.format = "torch.save";
        plain.compressed = false;
        QVERIFY(!Core::sizeReportFromJson(Core::toJson(plain), "p").compressed);
    }

    void loadedModelAndPriceRoundTrip()
    {
        Core::Serve::LoadedModel m;
        m.path = "/tmp/ckpt ü.pt";
        m.tensors = {{"a", {2, 3}, 6, "float32"}, {"b", {}, 1, "bfloat16"}};
        m.config.modelDim = 96;
        m.config.numLayers = 3;
        m.baseline = false;
        m.parameters = 7;
        m.milliseconds = 12.5;
        const auto back = Core::Serve::loadedModelFromJson(json::parse(Core::Serve::toJson(m).dump()));
        QCOMPARE(back.path, m.path);
        QCOMPARE(back.tensors.size(), size_t(2));
        QCOMPARE(back.tensors[0].shape, (std::vector<int64_t>{2, 3}));
        QVERIFY(back.tensors[1].shape.empty());
        QCOMPARE(back.config.modelDim, 96);
        QCOMPARE(back.baseline, false);

        Core::Serve::PricedReport p;
        p.report = sampleReport();
        p.changedTensors = 1;
        p.milliseconds = 0.25;
        p.cache = {3, 4, 5};
        const auto pb = Core::Serve::pricedReportFromJson(json::parse(Core::Serve::toJson(p).dump()));
        QCOMPARE(pb.changedTensors, 1);
        QCOMPARE(pb.cache.misses, int64_t(4));
        QCOMPARE(pb.report.headerBytes, int64_t(311));
    }

    void jobsRoundTrip()
    {
        Core::ScriptEvaluatorOptions script;
        script.script = "/w/train_gpt.py";
        script.env = {{"DATA_PATH", "/d"}, {"VOCAB_SIZE", "1024"}};
        script.evalTimeout = 99.5;

        Core::EvaluateJob e;
        e.checkpoint = "/c.pt";
        e.slice.source = "train";
        e.slice.tokens = 4096;
        e.slice.evaluator = "train_gpt.py";
        e.codeBytes = 47000;
        e.label = "mine";
        e.script = script;
        const auto eb = Core::evaluateJobFromJson(json::parse(Core::toJson(e).dump()));
        QCOMPARE(eb.slice.label(), e.slice.label());
        QCOMPARE(eb.codeBytes, e.codeBytes);
        QVERIFY(eb.script && eb.script->env == script.env && eb.script->evalTimeout == 99.5);
        QCOMPARE(Core::toJson(eb).dump(), Core::toJson(e).dump());

        Core::AllocateJob a;
        a.checkpoint = "/c.pt";
        a.estimate = Core::CostEstimate::Fisher;
        a.fisherGlob = "/d/train_*.bin";
        a.budget = 1'500'000;
        a.verify = false;
        const auto ab = Core::allocateJobFromJson(json::parse(Core::toJson(a).dump()));
        QCOMPARE(ab.estimate, Core::CostEstimate::Fisher);
        QVERIFY(!ab.script);
        QCOMPARE(Core::toJson(ab).dump(), Core::toJson(a).dump());

        Core::AllocationSummary s;
        s.feasible = true;
        s.estimate = Core::CostEstimate::Weight;
        s.estimatedDeltaBpb = kNan;
        s.verified = true;
        s.measured.label = "allocate";
        s.measured.modelBytes = 10;
        s.measured.valBpb = 1.25;
        s.spearmanFisher = 0.5;
        const auto sb = Core::allocationSummaryFromJson(json::parse(Core::toJson(s).dump()));
        QVERIFY(std::isnan(sb.estimatedDeltaBpb) && std::isnan(sb.estimatedBpb));
        QCOMPARE(sb.measured.valBpb, 1.25);
        QCOMPARE(sb.spearmanFisher, 0.5);
        QCOMPARE(Core::toJson(sb).dump(), Core::toJson(s).dump());
    }

    void exportsRoundTrip()
    {
        Core::ExportOptions o;
        o.checkpoint = "/c.pt";
        o.codePath = "/w/train_gpt.py";
        o.name = "int6 mlp";
        o.marginBytes = 1234;
        o.calibration.trainGlob = "/d/t_*.bin";
        o.script = Core::ScriptEvaluatorOptions{};
        const auto ob = Core::exportOptionsFromJson(json::parse(Core::toJson(o).dump()));
        QCOMPARE(Core::toJson(ob).dump(), Core::toJson(o).dump());
        QCOMPARE(ob.calibration.trainGlob, o.calibration.trainGlob);

        Core::ExportResult r;
        r.folder = "/r/2026-12-07_int6-mlp";
        r.report = sampleReport();
        r.ledger.modelBytes = 1622;
        r.ledger.codeBytes = 48000;
        r.verified = true;
        r.roundTrip.valBpb = 1.2345678901234567;
        r.preQuant.valLoss = kNan;
        r.marginWarning = "tight";
        const auto rb = Core::exportResultFromJson(json::parse(Core::toJson(r).dump()));
        QVERIFY(sameBits(rb.roundTrip.valBpb, r.roundTrip.valBpb));
        QVERIFY(std::isnan(rb.preQuant.valLoss));
        QCOMPARE(rb.ledger.totalBytes(), r.ledger.totalBytes());
        QCOMPARE(Core::toJson(rb).dump(), Core::toJson(r).dump());

        Core::CExportOptions c;
        c.modelPath = "/m.ptz";
        c.outDir = "/out";
        QVERIFY(!Core::cexportOptionsFromJson(Core::toJson(c)).recipe);
        c.recipe = Core::Recipe::defaultRecipe();
        QVERIFY(Core::cexportOptionsFromJson(json::parse(Core::toJson(c).dump())).recipe);
        Core::CExportResult cr;
        cr.weights.kvBytesPerToken = 4096;
        cr.files = {"golfmodel.c", "Makefile"};
        const auto crb = Core::cexportResultFromJson(json::parse(Core::toJson(cr).dump()));
        QCOMPARE(crb.files, cr.files);
        QCOMPARE(crb.weights.kvBytesPerToken, int64_t(4096));
    }

    void malformedMessagesNameTheKey_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << "{\"id\": 1," << "not a JSON object";
        QTest::newRow("array") << "[1, 2]" << "not a JSON object";
        QTest::newRow("no id") << "{\"result\": {}}" << "key \"id\" is missing";
        QTest::newRow("id text") << "{\"id\": \"7\", \"result\": {}}" << "key \"id\" must be an integer";
        QTest::newRow("no result") << "{\"id\": 7}" << "key \"result\" is missing";
        QTest::newRow("progress") << "{\"id\": 7, \"progress\": {\"stage\": \"x\"}}" << "key \"done\" is missing";
    }

    void malformedMessagesNameTheKey()
    {
        QFETCH(QString, line);
        QFETCH(QString, expected);
        try {
            Core::Serve::parseReply(line.toStdString());
            QFAIL("parsed");
        } catch (const Core::Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        }
    }

    void malformedJobsNameTheKey()
    {
        json report = Core::toJson(sampleReport());
        report["tensors"][1].erase("file_bytes");
        QVERIFY_THROWS_EXCEPTION(Core::Error, Core::sizeReportFromJson(report, "r"));
        try {
            Core::sizeReportFromJson(report, "r");
        } catch (const Core::Error &e) {
            QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("r.tensors[1]: key \"file_bytes\" is missing"));
        }
        json job = Core::toJson(Core::AllocateJob{});
        job["estimate"] = "guess";
        QVERIFY_THROWS_EXCEPTION(Core::Error, Core::allocateJobFromJson(job));
        const Core::Serve::Request r = Core::Serve::parseRequest("{\"id\": 3, \"op\": \"load\", \"args\": {\"path\": \"x\"}}");
        QCOMPARE(r.id, int64_t(3));
        QCOMPARE(r.op, std::string("load"));
        QVERIFY_THROWS_EXCEPTION(Core::Error, Core::Serve::parseRequest("{\"id\": 3, \"args\": {}}"));
        QVERIFY_THROWS_EXCEPTION(Core::Error, Core::Serve::parseRequest("{\"op\": \"x\", \"args\": 5}"));
    }

    void framing()
    {
        const std::string line = Core::Serve::progressLine(9, "measuring", 3, 40);
        QVERIFY(line.back() == '\n');
        QCOMPARE(std::count(line.begin(), line.end(), '\n'), 1);
        const Core::Serve::Reply p = Core::Serve::parseReply(line);
        QCOMPARE(p.kind, Core::Serve::Reply::Kind::Progress);
        QCOMPARE(p.total, int64_t(40));
        // An error message with a newline and invalid UTF-8 still makes one line.
        const std::string err = Core::Serve::errorLine(4, "bad\nthing \xff");
        QCOMPARE(std::count(err.begin(), err.end(), '\n'), 1);
        QCOMPARE(Core::Serve::parseReply(err).kind, Core::Serve::Reply::Kind::Error);
    }
};

QTEST_GUILESS_MAIN(tst_JobJson)
#include "tst_jobjson.moc"
