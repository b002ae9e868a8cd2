// SPDX-License-Identifier: GPL-3.0-or-later
// `golf inspect` reads plain state dicts without libtorch (pack/statedictinspect.h): its table
// must be the torch side's (quant/modelfile.h inspectModelFile), figure for figure, and it must
// leave every other content to the torch side.

#include "common/atomicfile.h"
#include "model/checkpoint_p.h"
#include "model/model.h"
#include "model/gpt_p.h"
#include "model/model_p.h"
#include "pack/statedictinspect.h"
#include "quant/modelfile.h"
#include "tinyconfig.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace Core;

class tst_StateDictInspect : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }

    void sameAsTorch(const std::string &file)
    {
        const std::optional<SizeReport> mine = inspectPlainStateDict(readFile(file), file);
        QVERIFY(mine.has_value());
        QCOMPARE(toJson(*mine).dump(), toJson(inspectModelFile(file)).dump());
    }

private Q_SLOTS:
    void aCheckpoint()
    {
        Model model(TestData::tinyGpt(1024), 7);
        NamedTensors tensors = namedTensors(*model.impl().gpt);
        {
            torch::NoGradGuard noGrad;
            tensors[1].second.view({-1}).narrow(0, 0, 5).zero_(); // some exact zeros
        }
        saveStateDict(path("ckpt.pt"), tensors);
        sameAsTorch(path("ckpt.pt"));
    }

    void everyPlainDtype()
    {
        NamedTensors tensors;
        for (auto type : {torch::kFloat32, torch::kFloat16, torch::kBFloat16, torch::kFloat64, torch::kInt64,
                          torch::kInt32, torch::kInt16, torch::kInt8, torch::kUInt8, torch::kBool}) {
            torch::Tensor t = torch::arange(-3, 9).reshape({3, 4}).to(type);
            tensors.emplace_back(std::string("t_") + c10::toString(type), t);
        }
        tensors.emplace_back("negative_zero", torch::tensor({-0.0f, 0.0f, 1.0f}));
        tensors.emplace_back("scalar", torch::tensor(0.0f));
        tensors.emplace_back("empty", torch::zeros({0, 4}));
        saveStateDict(path("dtypes.pt"), tensors);
        sameAsTorch(path("dtypes.pt"));

        // Views of one storage, as torch.save keeps them: a transposed one and an offset one.
        c10::impl::GenericDict views(c10::StringType::get(), c10::AnyType::get());
        const torch::Tensor base = torch::arange(-6, 18).to(torch::kFloat32).reshape({4, 6});
        views.insert("base", base);
        views.insert("transposed", base.t());
        views.insert("rows", base.narrow(0, 1, 2));
        views.insert("columns", base.narrow(1, 3, 2));
        savePickledDict(path("views.pt"), views);
        sameAsTorch(path("views.pt"));
    }

    // Not a plain state dict, or not a state dict at all: the torch side's business.
    void otherContentIsLeftAlone()
    {
        c10::impl::GenericDict nested(c10::StringType::get(), c10::AnyType::get());
        c10::impl::GenericDict inner(c10::StringType::get(), c10::AnyType::get());
        inner.insert("w", torch::ones({2}));
        nested.insert("model", inner);
        savePickledDict(path("nested.pt"), nested);
        QVERIFY(!inspectPlainStateDict(readFile(path("nested.pt")), "nested.pt"));

        c10::impl::GenericDict mixed(c10::StringType::get(), c10::AnyType::get());
        mixed.insert("w", torch::ones({2}));
        mixed.insert("step", int64_t(3));
        savePickledDict(path("mixed.pt"), mixed);
        QVERIFY(!inspectPlainStateDict(readFile(path("mixed.pt")), "mixed.pt"));

        QVERIFY(!inspectPlainStateDict("not a zip", "text"));
        std::string truncated = readFile(path("mixed.pt"));
        truncated.resize(truncated.size() / 2);
        QVERIFY(!inspectPlainStateDict(truncated, "truncated"));
    }
};

QTEST_GUILESS_MAIN(tst_StateDictInspect)
#include "tst_statedictinspect.moc"
