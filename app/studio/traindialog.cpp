// SPDX-License-Identifier: GPL-3.0-or-later
#include "traindialog.h"

#include "bytetree.h"
#include "mixerbox.h"
#include "techniqueboxes.h"

#include "data/dataset.h"
#include "data/bytelut.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include <exception>

namespace App {

QStringList trainArguments(const QString &configFile, const QString &dataDir, const QString &runDir,
                           int processes)
{
    QStringList args{QStringLiteral("train"), QStringLiteral("--config"), configFile,
                     QStringLiteral("--data"),  dataDir,                  QStringLiteral("--run-dir"),
                     runDir};
    if (processes > 1)
        args << QStringLiteral("--nproc") << QString::number(processes);
    return args;
}

QString modelSizeText(const Core::GptConfig &m)
{
    const qint64 params = m.parameterCount();
    // int8 stores one byte per weight plus an fp16 scale per row of each matrix; a row per
    // model_dim is a close enough estimate before the model exists (the real figure comes from
    // the pricer once a checkpoint is open).
    const qint64 int8 = params +
                        2 * qint64(m.numLayers) * (3 * m.modelDim + 2 * m.kvDim() + m.mlpHidden()) +
                        2 * qint64(m.vocabSize);
    return TrainDialog::
        tr("%1 layers x %2 dims: %3 parameters; fp16 %4 bytes, int8 ~%5 bytes (before compression)")
            .arg(m.numLayers)
            .arg(m.modelDim)
            .arg(Widgets::formatByteCount(params), Widgets::formatByteCount(2 * params),
                 Widgets::formatByteCount(int8));
}

QString embeddingCostText(const Core::GptConfig &m)
{
    // Each technique against the same model without it; int8 counts a byte per parameter.
    struct Technique
    {
        bool on;
        QString name;
        void (*off)(Core::GptConfig &);
    };
    const Technique techniques[] = {
        {m.embedDim > 0, TrainDialog::tr("factorized table (r = %1)").arg(m.embedDim),
         [](Core::GptConfig &c) { c.embedDim = 0; }},
        {m.bigramBuckets > 0, TrainDialog::tr("bigram hash (%1 x %2)").arg(m.bigramBuckets).arg(m.ngramDim),
         [](Core::GptConfig &c) { c.bigramBuckets = 0; }},
        {m.trigramBuckets > 0, TrainDialog::tr("trigram hash (%1 x %2)").arg(m.trigramBuckets).arg(m.ngramDim),
         [](Core::GptConfig &c) { c.trigramBuckets = 0; }},
        {m.valueEmbedDim > 0,
         TrainDialog::tr("value embeddings (%1 wide, %2)")
             .arg(m.valueEmbedDim)
             .arg(m.valueEmbedLayers.size() == 1
                      ? TrainDialog::tr("1 block")
                      : TrainDialog::tr("%1 blocks").arg(m.valueEmbedLayers.size())),
         [](Core::GptConfig &c) {
             c.valueEmbedDim = 0;
             c.valueEmbedLayers.clear();
         }},
    };
    QStringList lines;
    for (const Technique &t : techniques) {
        if (!t.on)
            continue;
        Core::GptConfig without = m;
        t.off(without);
        const qint64 delta = m.parameterCount() - without.parameterCount();
        const QString sign = delta >= 0 ? QStringLiteral("+") : QString();
        lines << TrainDialog::tr("%1: %2 parameters (~%3 int8 bytes)")
                     .arg(t.name, sign + Widgets::formatByteCount(delta),
                          sign + Widgets::formatByteCount(delta));
    }
    return lines.join(QLatin1Char('\n'));
}

namespace {

QSpinBox *spin(int lo, int hi, qint64 value, int step = 1)
{
    auto *s = new QSpinBox;
    s->setRange(lo, hi);
    s->setSingleStep(step);
    s->setValue(int(value));
    s->setGroupSeparatorShown(true);
    return s;
}

} // namespace

TrainDialog::TrainDialog(const Core::TrainConfig &config, const QString &dataDir, QWidget *parent)
    : QDialog(parent)
    , m_base(config)
{
    setWindowTitle(tr("Train a model"));
    setMinimumWidth(900);
    m_data = new QLineEdit(dataDir);
    auto *browse = new QPushButton(tr("Browse..."));
    auto *dataRow = new QHBoxLayout;
    dataRow->addWidget(m_data, 1);
    dataRow->addWidget(browse);

    const Core::GptConfig &m = config.model;
    m_layers = spin(1, 64, m.numLayers);
    m_dim = spin(8, 4096, m.modelDim, 8);
    m_heads = spin(1, 64, m.numHeads);
    m_kvHeads = spin(1, 64, m.numKvHeads);
    m_mlpMult = spin(1, 16, m.mlpMult);
    m_vocab = spin(2, 65536, m.vocabSize);
    m_iterations = spin(1, 10'000'000, config.iterations, 100);
    m_seqLen = spin(2, 65536, config.train_seq_len, 64);
    m_batchTokens = spin(2, 1 << 30, config.train_batch_tokens, 1024);
    m_gradAccum = spin(1, 1024, config.grad_accum_steps);
    m_seed = spin(0, 1 << 30, qint64(config.seed));
    m_valEvery = spin(0, 10'000'000, config.val_loss_every, 100);
    m_wallclock = spin(0, 1 << 30, qint64(config.max_wallclock_seconds), 60);
    m_wallclock->setSpecialValueText(tr("no cap"));
    //: spin box suffix: seconds (leading space is intended)
    m_wallclock->setSuffix(tr(" s"));
    m_processes = spin(1, std::max(1, QThread::idealThreadCount()), 1);
    m_processes->setObjectName(QStringLiteral("processes"));
    m_processes->setToolTip(tr("Data-parallel ranks on this machine, each with its share of the cores. "
                               "Each runs grad accumulation / processes micro-batches, so a step sees "
                               "the same tokens with any number of processes. On a few cores one "
                               "process is usually fastest; more pay off with more cores or GPUs."));

    // Embedding compression: each size 0 = off.
    m_embedDim = spin(0, 4096, m.embedDim, 8);
    m_bigram = spin(0, 1 << 20, m.bigramBuckets, 1024);
    m_trigram = spin(0, 1 << 20, m.trigramBuckets, 1024);
    m_ngramDim = spin(1, 1024, m.ngramDim, 16);
    m_valueDim = spin(0, 4096, m.valueEmbedDim, 16);
    for (QSpinBox *s : {m_embedDim, m_bigram, m_trigram, m_valueDim})
        s->setSpecialValueText(tr("off"));
    m_embedDim->setToolTip(tr("Factorized token table: vocab x r plus r <-> model dim projections "
                              "(ALBERT-style); off = a vocab x model dim table"));
    m_bigram->setToolTip(tr("Hashed bigram table added to the token embedding: rows indexed by a "
                            "hash of (previous, current) token; the context stops at BOS"));
    m_trigram->setToolTip(tr("Hashed trigram table: the same over the two previous tokens"));
    m_valueDim->setToolTip(tr("A shared vocab x width table projected into the attention values "
                              "of the blocks listed beside it"));
    QStringList layers;
    for (int b : m.valueEmbedLayers)
        layers << QString::number(b);
    m_valueLayers = new QLineEdit(layers.join(QLatin1Char(',')));
    //: placeholder: block indices for value embeddings
    m_valueLayers->setPlaceholderText(
        tr("blocks, e.g. %1,%2").arg(qMax(0, m.numLayers - 2)).arg(qMax(0, m.numLayers - 1)));
    auto *valueRow = new QHBoxLayout;
    valueRow->addWidget(m_valueDim);
    valueRow->addWidget(new QLabel(tr("into blocks")));
    valueRow->addWidget(m_valueLayers, 1);
    m_embeddingCost = new QLabel;
    m_embeddingCost->setWordWrap(true);
    auto *embeddingForm = new QFormLayout;
    embeddingForm->addRow(tr("Factorized width"), m_embedDim);
    embeddingForm->addRow(tr("Bigram buckets"), m_bigram);
    embeddingForm->addRow(tr("Trigram buckets"), m_trigram);
    embeddingForm->addRow(tr("N-gram width"), m_ngramDim);
    embeddingForm->addRow(tr("Value embeddings"), valueRow);
    embeddingForm->addRow(m_embeddingCost);
    auto *embeddingBox = new QGroupBox(tr("Embedding compression"));
    embeddingBox->setLayout(embeddingForm);

    m_mixers = new MixerBox(config);
    m_distillation = new DistillationBox(config);
    m_sparsity = new SparsityBox(config);

    auto *dataForm = new QFormLayout;
    dataForm->addRow(tr("Data folder"), dataRow);
    auto *form = new QFormLayout;
    form->addRow(tr("Layers"), m_layers);
    form->addRow(tr("Model dim"), m_dim);
    form->addRow(tr("Heads"), m_heads);
    form->addRow(tr("KV heads"), m_kvHeads);
    form->addRow(tr("MLP multiplier"), m_mlpMult);
    form->addRow(tr("Vocabulary"), m_vocab);
    form->addRow(tr("Iterations"), m_iterations);
    form->addRow(tr("Sequence length"), m_seqLen);
    form->addRow(tr("Batch tokens"), m_batchTokens);
    form->addRow(tr("Grad accumulation"), m_gradAccum);
    form->addRow(tr("Validate every"), m_valEvery);
    form->addRow(tr("Time cap"), m_wallclock);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(tr("Processes"), m_processes);

    m_estimate = new QLabel;
    m_estimate->setWordWrap(true);
    m_problem = new QLabel;
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Start training"));

    // Two columns: the run's shape beside the embedding techniques and the token mixers, then
    // the two techniques that change how it trains, side by side (short enough for a laptop).
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(dataForm);
    auto *shapeRow = new QHBoxLayout;
    shapeRow->addLayout(form, 1);
    auto *shapeTechniques = new QVBoxLayout;
    shapeTechniques->addWidget(embeddingBox);
    shapeTechniques->addWidget(m_mixers);
    shapeRow->addLayout(shapeTechniques, 1);
    layout->addLayout(shapeRow);
    auto *trainingRow = new QHBoxLayout;
    trainingRow->addWidget(m_distillation, 1);
    trainingRow->addWidget(m_sparsity, 1);
    layout->addLayout(trainingRow);
    layout->addWidget(m_estimate);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(browse, &QPushButton::clicked, this, &TrainDialog::browseData);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_data, &QLineEdit::textChanged, this, &TrainDialog::update);
    for (QSpinBox *s : {m_layers, m_dim, m_heads, m_kvHeads, m_mlpMult, m_vocab, m_iterations,
                        m_seqLen, m_batchTokens, m_gradAccum, m_seed, m_valEvery, m_wallclock, m_processes,
                        m_embedDim, m_bigram, m_trigram, m_ngramDim, m_valueDim})
        connect(s, &QSpinBox::valueChanged, this, &TrainDialog::update);
    connect(m_valueLayers, &QLineEdit::textChanged, this, &TrainDialog::update);
    connect(m_mixers, &MixerBox::changed, this, &TrainDialog::update);
    connect(m_distillation, &DistillationBox::changed, this, &TrainDialog::update);
    connect(m_sparsity, &SparsityBox::changed, this, &TrainDialog::update);
    update();
}

Core::TrainConfig TrainDialog::config() const
{
    Core::TrainConfig c = m_base;
    c.model.numLayers = m_layers->value();
    c.model.modelDim = m_dim->value();
    c.model.numHeads = m_heads->value();
    c.model.numKvHeads = m_kvHeads->value();
    c.model.mlpMult = m_mlpMult->value();
    c.model.vocabSize = m_vocab->value();
    c.model.embedDim = m_embedDim->value();
    c.model.bigramBuckets = m_bigram->value();
    c.model.trigramBuckets = m_trigram->value();
    c.model.ngramDim = m_ngramDim->value();
    c.model.valueEmbedDim = m_valueDim->value();
    c.model.valueEmbedLayers.clear();
    for (const QString &part : m_valueLayers->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int block = part.trimmed().toInt(&ok);
        // Not a number: -1, which validate() refuses with the range it wants.
        c.model.valueEmbedLayers.push_back(ok ? block : -1);
    }
    if (c.model.valueEmbedDim == 0)
        c.model.valueEmbedLayers.clear(); // blocks listed for a technique that is off
    c.iterations = m_iterations->value();
    c.train_seq_len = m_seqLen->value();
    c.train_batch_tokens = m_batchTokens->value();
    c.grad_accum_steps = m_gradAccum->value();
    c.seed = uint64_t(m_seed->value());
    c.val_loss_every = m_valEvery->value();
    c.max_wallclock_seconds = m_wallclock->value();
    m_mixers->apply(c);
    m_distillation->apply(c); // after the batch layout: the logit cache is named after it
    m_sparsity->apply(c);
    return c;
}

QString TrainDialog::dataDir() const
{
    return m_data->text().trimmed();
}

int TrainDialog::processes() const
{
    return m_processes->value();
}

QString TrainDialog::estimateText() const
{
    return m_estimate->text();
}

QString TrainDialog::problemText() const
{
    return m_problem->text();
}

void TrainDialog::browseData()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Dataset folder"), dataDir());
    if (!dir.isEmpty())
        m_data->setText(dir);
}

void TrainDialog::update()
{
    QString problem;
    // The tokenizer decides the vocabulary: read it from the dataset's byte LUTs.
    if (dataDir().isEmpty()) {
        problem = tr(
            "Choose a dataset folder (shards and tokenizer.luts.json, as golf tokenize writes).");
    } else {
        try {
            const auto paths = Core::datasetPaths(dataDir().toStdString());
            const int vocab = int(Core::ByteLut::load(paths.byteLuts).vocabSize());
            if (m_vocab->value() != vocab) {
                const QSignalBlocker block(m_vocab);
                m_vocab->setValue(vocab);
            }
        } catch (const std::exception &e) {
            problem = QString::fromStdString(e.what());
        }
    }
    const Core::TrainConfig c = config();
    try {
        c.validate();
        m_estimate->setText(modelSizeText(c.model));
        m_embeddingCost->setText(embeddingCostText(c.model));
        m_mixers->showCost(c);
        m_distillation->showCost(c);
        m_sparsity->showCost(c);
    } catch (const std::exception &e) {
        m_estimate->clear();
        m_embeddingCost->clear();
        m_mixers->showCost({});
        m_distillation->showCost({});
        m_sparsity->showCost({});
        if (problem.isEmpty())
            problem = QString::fromStdString(e.what());
    }
    if (problem.isEmpty() && c.grad_accum_steps % processes() != 0)
        problem = tr("Grad accumulation (%1) must be a multiple of the processes (%2): each process "
                     "runs grad accumulation / processes micro-batches.")
                      .arg(c.grad_accum_steps)
                      .arg(processes());
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace App
