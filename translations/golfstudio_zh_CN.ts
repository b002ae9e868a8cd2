<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App::AllocateDialog</name>
    <message>
        <source>Allocate bytes</source>
        <translation>分配字节</translation>
    </message>
    <message>
        <source>Chooses how each tensor is stored so the model file fits the budget with the smallest estimated loss increase: every candidate setting of every tensor is priced exactly and measured alone, a knapsack picks the settings, and the result is verified by a real round trip (quantize, compress, write, read back, evaluate). The result becomes the recipe (one undo step).</source>
        <translation>为每个张量选择存储方式，使模型文件符合预算，且估计的损失增幅最小：每个张量的每个候选设置都会精确核算字节数并单独测量，由背包算法选出各项设置，最后通过一次真实的往返（量化、压缩、写入、读回、评估）验证结果。结果将成为当前配方（一个撤销步骤）。</translation>
    </message>
    <message>
        <source> bytes</source>
        <extracomment>spin box suffix (leading space is intended)</extracomment>
        <translation> 字节</translation>
    </message>
    <message>
        <source>What the model file may take: the artifact budget %1 minus the code %2</source>
        <translation>模型文件可占用的字节数：产物预算 %1 减去代码 %2</translation>
    </message>
    <message>
        <source>measured loss increase of each tensor alone</source>
        <translation>单独测量每个张量的损失增幅</translation>
    </message>
    <message>
        <source>Fisher proxy (no evaluation per cell, faster)</source>
        <translation>Fisher 代理估计（无需逐单元评估，更快）</translation>
    </message>
    <message>
        <source>Validation tokens every cell and the result are measured on; recipes are comparable only on equal slices</source>
        <translation>测量每个单元及结果所用的验证 token；只有在相同切片上评估的配方才可比较</translation>
    </message>
    <message>
        <source>Candidate tensors: 2-D with at least this many values (the others keep the recipe&apos;s settings)</source>
        <translation>候选张量：至少含这么多个值的二维张量（其余张量保持配方中的设置）</translation>
    </message>
    <message>
        <source>Model file budget</source>
        <translation>模型文件预算</translation>
    </message>
    <message>
        <source>= artifact budget %1 − code %2 bytes</source>
        <translation>= 产物预算 %1 − 代码 %2 字节</translation>
    </message>
    <message>
        <source>Minimise</source>
        <translation>最小化目标</translation>
    </message>
    <message>
        <source>Evaluation tokens</source>
        <translation>评估 token 数</translation>
    </message>
    <message>
        <source>Candidate tensors with at least</source>
        <translation>候选张量的最少值数</translation>
    </message>
    <message>
        <source>Allocate</source>
        <translation>分配</translation>
    </message>
</context>
<context>
    <name>App::AllocationResultDialog</name>
    <message>
        <source>Allocation result</source>
        <translation>分配结果</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>&lt;p&gt;Nothing changed. The cells measured so far are cached: the next allocation on this checkpoint resumes from them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;未做任何更改。目前已测量的单元已缓存：下次在此检查点上分配时会从这些结果继续。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>NO ALLOCATION FITS</source>
        <translation>没有可行的分配</translation>
    </message>
    <message>
        <source>&lt;p&gt;The model file may take %1 bytes (budget %2 − code %3), but even the smallest candidate of every tensor needs about %4 bytes. Nothing changed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;模型文件最多可占 %1 字节（预算 %2 − 代码 %3），但即使每个张量都取最小的候选设置，也需要约 %4 字节。未做任何更改。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>no allocation fits: model budget %1, smallest %2</source>
        <translation>没有可行的分配：模型预算 %1，最小需求 %2</translation>
    </message>
    <message>
        <source>FITS</source>
        <translation>在预算内</translation>
    </message>
    <message>
        <source>OVER BUDGET</source>
        <translation>超出预算</translation>
    </message>
    <message>
        <source>model file bytes</source>
        <translation>模型文件字节数</translation>
    </message>
    <message>
        <source>artifact bytes (+ code %1)</source>
        <translation>产物字节数（+ 代码 %1）</translation>
    </message>
    <message>
        <source>val_bpb</source>
        <extracomment>row label: validation bits per byte (a metric name, usually kept)</extracomment>
        <translation>val_bpb</translation>
    </message>
    <message>
        <source>increase over full precision</source>
        <translation>相对全精度的增幅</translation>
    </message>
    <message>
        <source>estimate</source>
        <translation>估计</translation>
    </message>
    <message>
        <source>priced exactly</source>
        <translation>精确核算</translation>
    </message>
    <message>
        <source>round trip</source>
        <translation>往返</translation>
    </message>
    <message>
        <source>headroom %1 bytes</source>
        <translation>余量 %1 字节</translation>
    </message>
    <message>
        <source>&lt;p&gt;Budget %1 bytes: %2.&lt;br&gt;</source>
        <translation>&lt;p&gt;预算 %1 字节：%2。&lt;br&gt;</translation>
    </message>
    <message>
        <source>budget %1: %2
</source>
        <translation>预算 %1：%2
</translation>
    </message>
    <message>
        <source>Minimised the %1 estimate over %2 candidate tensors on %3; %4 cells measured, %5 from the cache.</source>
        <translation>在 %3 上对 %2 个候选张量最小化了 %1 估计；本次测量 %4 个单元，%5 个取自缓存。</translation>
    </message>
    <message>
        <source> Fisher proxy rank agreement with the measurement: %1.</source>
        <translation> Fisher 代理估计与实测结果的排序一致性：%1。</translation>
    </message>
    <message>
        <source> %1 bytes were held back for the header after exact pricing.</source>
        <translation> 精确核算后，为文件头预留了 %1 字节。</translation>
    </message>
    <message>
        <source>&lt;/p&gt;&lt;p&gt;The allocation is now the recipe (Undo restores the previous one) and a point in the Pareto view.&lt;/p&gt;</source>
        <translation>&lt;/p&gt;&lt;p&gt;该分配现已成为当前配方（撤销可恢复之前的配方），并作为一个点加入帕累托视图。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1: estimate %2, priced %3, measured %4
</source>
        <translation>%1：估计 %2，核算 %3，实测 %4
</translation>
    </message>
    <message>
        <source>over by %1 bytes</source>
        <translation>超出 %1 字节</translation>
    </message>
</context>
<context>
    <name>App::AnalysisController</name>
    <message>
        <source>E&amp;valuate recipe</source>
        <translation>评估配方(&amp;V)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Quantize, compress, write, read back and evaluate the current recipe on the validation slice; the point joins the Pareto view</source>
        <translation>在验证切片上对当前配方进行量化、压缩、写入、读回和评估；结果点将加入帕累托视图</translation>
    </message>
    <message>
        <source>&amp;Allocate...</source>
        <translation>分配(&amp;A)...</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>Choose each tensor&apos;s setting so the model file fits the budget with the smallest estimated loss increase</source>
        <translation>为每个张量选择设置，使模型文件符合预算，且估计的损失增幅最小</translation>
    </message>
    <message>
        <source>no validation data is known for this checkpoint: it is not in a run folder and no dataset folder was used for training yet</source>
        <translation>此检查点没有已知的验证数据：它不在运行文件夹中，且尚未使用任何数据集文件夹进行训练</translation>
    </message>
    <message>
        <source>No evaluation history for %1: %2</source>
        <translation>%1 没有评估历史：%2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>1 damaged line of %1 skipped</source>
        <translation>已跳过 %1 中 1 行损坏的记录</translation>
    </message>
    <message numerus="yes">
        <source>%n damaged lines of %1 skipped</source>
        <translation>
            <numerusform>已跳过 %1 中 %n 行损坏的记录</numerusform>
        </translation>
    </message>
    <message>
        <source>recipe from the Pareto view: %1</source>
        <translation>来自帕累托视图的配方：%1</translation>
    </message>
    <message>
        <source>Loaded the recipe of &quot;%1&quot; (%2 bytes, val_bpb %3)</source>
        <translation>已加载“%1”的配方（%2 字节，val_bpb %3）</translation>
    </message>
    <message>
        <source>Cannot use that recipe: %1</source>
        <translation>无法使用该配方：%1</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>正在加载模型</translation>
    </message>
    <message>
        <source>Pricing every candidate setting</source>
        <translation>正在核算每个候选设置</translation>
    </message>
    <message>
        <source>Fisher sample</source>
        <translation>Fisher 采样</translation>
    </message>
    <message>
        <source>Measuring each tensor&apos;s loss increase</source>
        <translation>正在测量每个张量的损失增幅</translation>
    </message>
    <message>
        <source>Planning and exact pricing</source>
        <translation>正在规划并精确核算</translation>
    </message>
    <message>
        <source>Verifying by a round trip</source>
        <translation>正在通过往返进行验证</translation>
    </message>
    <message>
        <source>Evaluating the round trip</source>
        <translation>正在评估往返结果</translation>
    </message>
    <message>
        <source>this model is not golf&apos;s GPT: choose its train_gpt.py (File &gt; Code file) to score it with</source>
        <translation>此模型不是 golf 的 GPT：请选择它的 train_gpt.py（文件 &gt; 代码文件）用于打分</translation>
    </message>
    <message>
        <source>Cannot evaluate: %1</source>
        <translation>无法评估：%1</translation>
    </message>
    <message>
        <source>recipe</source>
        <translation>配方</translation>
    </message>
    <message>
        <source> (edited)</source>
        <extracomment>appended to a recipe&apos;s name when it has unsaved edits</extracomment>
        <translation> (已编辑)</translation>
    </message>
    <message>
        <source>Evaluating...</source>
        <translation>正在评估...</translation>
    </message>
    <message>
        <source>Evaluating &quot;%1&quot; on %2 ...</source>
        <translation>正在 %2 上评估“%1”...</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>评估失败：%1</translation>
    </message>
    <message>
        <source>Evaluated &quot;%1&quot;: %2 bytes, val_bpb %3 on %4</source>
        <translation>已评估“%1”：%2 字节，在 %4 上 val_bpb 为 %3</translation>
    </message>
    <message>
        <source>Open a checkpoint first.</source>
        <translation>请先打开一个检查点。</translation>
    </message>
    <message>
        <source>Cannot allocate: %1</source>
        <translation>无法分配：%1</translation>
    </message>
    <message>
        <source>Cannot allocate in the official int8 format: choose a codec of the golf-mixed-v1 container first</source>
        <translation>无法在官方 int8 格式下分配：请先选择 golf-mixed-v1 容器的编解码器</translation>
    </message>
    <message>
        <source>Allocating...</source>
        <translation>正在分配...</translation>
    </message>
    <message>
        <source>Allocating %1 model bytes (%2 estimate) on %3 ...</source>
        <translation>正在 %3 上分配 %1 模型字节（%2 估计）...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Allocate</source>
        <translation>分配</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>正在取消...</translation>
    </message>
    <message>
        <source>Allocation %1</source>
        <translation>分配%1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>No allocation fits %1 model bytes: the smallest candidates need about %2</source>
        <translation>没有能放入 %1 模型字节的分配：最小的候选设置也需要约 %2</translation>
    </message>
    <message>
        <source>allocate %1 bytes (%2)</source>
        <translation>分配 %1 字节（%2）</translation>
    </message>
    <message>
        <source>Allocation: model file %1 bytes (estimate %2), val_bpb %3 measured</source>
        <translation>分配结果：模型文件 %1 字节（估计 %2），实测 val_bpb %3</translation>
    </message>
    <message>
        <source>Allocation: model file %1 bytes (estimate %2), val_bpb not measured</source>
        <translation>分配结果：模型文件 %1 字节（估计 %2），未实测 val_bpb</translation>
    </message>
    <message>
        <source>The allocation&apos;s recipe was refused: %1</source>
        <translation>分配得到的配方被拒绝：%1</translation>
    </message>
</context>
<context>
    <name>App::AnalysisRunner</name>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>App::CExportAction</name>
    <message>
        <source>Export as C program</source>
        <translation>导出为 C 程序</translation>
    </message>
    <message>
        <source>Exporting %1 as a C program into %2 ...</source>
        <translation>正在将 %1 导出为 C 程序到 %2 ...</translation>
    </message>
    <message>
        <source>Exporting as C...</source>
        <translation>正在导出为 C...</translation>
    </message>
    <message>
        <source>C export failed: %1</source>
        <translation>C 导出失败：%1</translation>
    </message>
    <message>
        <source>C export failed</source>
        <translation>C 导出失败</translation>
    </message>
    <message>
        <source>Wrote golfmodel.c, golfmodel.h, a Makefile and the weights (%1 bytes: codes %2, scales %3, floats %4) into %5. Stored as: %6. Key/value cache: %7 bytes per token. Build it with make; ./golfmodel generate and ./golfmodel score run it (README.md).</source>
        <translation>已将 golfmodel.c、golfmodel.h、Makefile 和权重（%1 字节：编码 %2，缩放 %3，浮点 %4）写入 %5。存储方式：%6。键/值缓存：每个词元 %7 字节。用 make 构建；./golfmodel generate 和 ./golfmodel score 运行它（README.md）。</translation>
    </message>
    <message>
        <source>Exported as C</source>
        <translation>已导出为 C</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
</context>
<context>
    <name>App::DemoOffer</name>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Parameter Golf&lt;/b&gt;: train the best small language model whose artifact &amp;mdash; the code plus the compressed model &amp;mdash; fits in &lt;b&gt;16,000,000 bytes&lt;/b&gt;, scored in bits per byte (val_bpb) on held-out text. The demo walks the whole way on real English text in a few CPU minutes:&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Tokenize&lt;/b&gt; &amp;mdash; learn a 1,024-piece vocabulary from the text and write it as token shards in the challenge&apos;s own format.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Train&lt;/b&gt; &amp;mdash; a ~2M-parameter GPT with the official recipe (Muon + Adam), validating in bits per byte as it goes.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Watch&lt;/b&gt; &amp;mdash; the loss and val_bpb curves draw live in the Training panel while the run writes its run directory.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Compress&lt;/b&gt; &amp;mdash; the checkpoint opens in the treemap: every tile is a tensor&apos;s exact compressed bytes. Change bit-widths in the table and watch the budget move.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Export&lt;/b&gt; &amp;mdash; File &amp;gt; Export writes a records folder, re-reads the file and re-scores it, so the round-trip val_bpb is the one that counts.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Parameter Golf&lt;/b&gt;：训练一个尽可能好的小型语言模型，其产物 &amp;mdash; 代码加上压缩后的模型 &amp;mdash; 不得超过 &lt;b&gt;16,000,000 字节&lt;/b&gt;，并以在留出文本上的每字节比特数（val_bpb）计分。演示只需几分钟 CPU 时间，就能在真实的英文文本上走完全部流程：&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;分词&lt;/b&gt; &amp;mdash; 从文本中学习一个含 1,024 个词片的词表，并按挑战赛自己的格式写成 token 分片。&lt;/li&gt;&lt;li&gt;&lt;b&gt;训练&lt;/b&gt; &amp;mdash; 用官方训练方案（Muon + Adam）训练一个约 2M 参数的 GPT，边训练边以每字节比特数进行验证。&lt;/li&gt;&lt;li&gt;&lt;b&gt;观察&lt;/b&gt; &amp;mdash; 在运行写入其运行目录的同时，损失和 val_bpb 曲线会在“训练”面板中实时绘制。&lt;/li&gt;&lt;li&gt;&lt;b&gt;压缩&lt;/b&gt; &amp;mdash; 检查点会在矩形树图中打开：每个图块就是一个张量压缩后的精确字节数。在表格中更改位宽，观察预算如何变化。&lt;/li&gt;&lt;li&gt;&lt;b&gt;导出&lt;/b&gt; &amp;mdash; 文件 &amp;gt; 导出 会写出 records 文件夹，重新读取文件并再次评分，因此以往返后的 val_bpb 为准。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>Welcome to Golf Studio</source>
        <translation>欢迎使用 Golf Studio</translation>
    </message>
    <message>
        <source>&lt;p&gt;The demo works in &lt;code&gt;%1&lt;/code&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;演示将在 &lt;code&gt;%1&lt;/code&gt; 中进行。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Don&apos;t offer the demo again</source>
        <translation>不再提示运行演示</translation>
    </message>
    <message>
        <source>Run the demo</source>
        <translation>运行演示</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>以后再说</translation>
    </message>
</context>
<context>
    <name>App::DistillationBox</name>
    <message>
        <source>Teacher: %1 bytes on disk, never part of the artifact.</source>
        <translation>教师模型：磁盘上 %1 字节，从不计入产物。</translation>
    </message>
    <message>
        <source>Every step also runs the teacher forward (a model ~%1x the student&apos;s size) unless the cache holds its logits.</source>
        <translation>除非缓存中已有其 logits，否则每一步还要运行教师模型的前向计算（其规模约为学生模型的 %1 倍）。</translation>
    </message>
    <message>
        <source>Logit cache: %1 bytes for this run (top %2 per token), shared by later runs with the same data and batch layout.</source>
        <translation>Logit 缓存：本次运行 %1 字节（每个 token 前 %2 个），供之后使用相同数据和批次布局的运行共享。</translation>
    </message>
    <message>
        <source>Distillation</source>
        <translation>蒸馏</translation>
    </message>
    <message>
        <source>off: choose a teacher model on the same tokenizer</source>
        <translation>关闭：选择使用相同分词器的教师模型</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>Weight of the cross-entropy on the true next token; the rest goes to the KL divergence from the teacher (x T squared)</source>
        <translation>对真实下一个 token 的交叉熵权重；其余权重给与教师模型的 KL 散度（乘以 T 的平方）</translation>
    </message>
    <message>
        <source>Softens both distributions before they are compared</source>
        <translation>在比较之前平滑两个分布</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>The teacher&apos;s k most likely tokens per position, renormalised</source>
        <translation>教师模型在每个位置上最可能的 k 个 token，重新归一化</translation>
    </message>
    <message>
        <source>Cache the teacher&apos;s logits beside it (needs top k)</source>
        <translation>在教师模型旁缓存其 logits（需要 top k）</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>教师模型</translation>
    </message>
    <message>
        <source>CE weight (alpha)</source>
        <translation>CE 权重 (alpha)</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Top k</source>
        <translation>Top k</translation>
    </message>
    <message>
        <source>Teacher model</source>
        <translation>教师模型</translation>
    </message>
    <message>
        <source>Model files (*.pt *.ptz *.gmix *.bin);;All files (*)</source>
        <translation>模型文件 (*.pt *.ptz *.gmix *.bin);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The first run writes the teacher&apos;s top-k logits; later runs with the same data and batch layout read them and never run the teacher</source>
        <translation>第一次运行写入教师模型的 top-k logits；之后使用相同数据和批次布局的运行会读取它们，而不再运行教师模型</translation>
    </message>
</context>
<context>
    <name>App::Document</name>
    <message>
        <source>Loaded %1: %2 tensors, %3 parameters (%4 ms)</source>
        <translation>已加载 %1：%2 个张量，%3 个参数（%4 ms）</translation>
    </message>
    <message>
        <source>Could not load %1: %2</source>
        <translation>无法加载 %1：%2</translation>
    </message>
    <message>
        <source>all %1 tensors</source>
        <translation>全部 %1 个张量</translation>
    </message>
    <message>
        <source>the changed tensor</source>
        <translation>已更改的张量</translation>
    </message>
    <message>
        <source>%1 changed tensors</source>
        <translation>已更改的 %1 个张量</translation>
    </message>
    <message>
        <source>Priced %1 in %2 ms: %3 model bytes (cache %4 hits, %5 misses)</source>
        <translation>已核算%1，用时 %2 ms：模型 %3 字节（缓存命中 %4 次，未命中 %5 次）</translation>
    </message>
    <message>
        <source>Cannot price the recipe: %1</source>
        <translation>无法核算配方：%1</translation>
    </message>
    <message>
        <source>Loading %1 ...</source>
        <translation>正在加载 %1...</translation>
    </message>
    <message>
        <source>Loading cancelled</source>
        <translation>已取消加载</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Refused %1: %2</source>
        <translation>已拒绝“%1”：%2</translation>
    </message>
    <message>
        <source>no tensor to edit</source>
        <translation>没有可编辑的张量</translation>
    </message>
    <message>
        <source>Refused edit: %1</source>
        <translation>已拒绝编辑：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n tensors</source>
        <translation>
            <numerusform>%n 个张量</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Refused rule: %1</source>
        <translation>已拒绝规则：%1</translation>
    </message>
    <message>
        <source>rule /%1/: %2</source>
        <translation>规则 /%1/：%2</translation>
    </message>
    <message>
        <source>codec %1 %2</source>
        <translation>编解码器 %1 %2</translation>
    </message>
    <message>
        <source>Cannot open recipe: %1</source>
        <translation>无法打开配方：%1</translation>
    </message>
    <message>
        <source>open recipe %1</source>
        <translation>打开配方 %1</translation>
    </message>
    <message>
        <source>Opened recipe %1</source>
        <translation>已打开配方 %1</translation>
    </message>
    <message>
        <source>Cannot save recipe: %1</source>
        <translation>无法保存配方：%1</translation>
    </message>
    <message>
        <source>Saved recipe %1</source>
        <translation>已保存配方 %1</translation>
    </message>
    <message>
        <source>Cannot count code bytes: %1</source>
        <translation>无法统计代码字节数：%1</translation>
    </message>
    <message>
        <source>This model is not golf&apos;s GPT: Evaluate and Allocate score it with its own train_gpt.py (File &gt; Code file).</source>
        <translation>此模型不是 golf 的 GPT：评估和分配将使用它自己的 train_gpt.py（文件 &gt; 代码文件）为其打分。</translation>
    </message>
    <message>
        <source>Learned sparsity: %1</source>
        <translation>学习到的稀疏性：%1</translation>
    </message>
    <message>
        <source>Architecture: %1</source>
        <translation>架构：%1</translation>
    </message>
</context>
<context>
    <name>App::ExportController</name>
    <message>
        <source>Open a checkpoint first.</source>
        <translation>请先打开一个检查点。</translation>
    </message>
    <message>
        <source>Exporting &quot;%1&quot; to %2 ...</source>
        <translation>正在将“%1”导出到 %2...</translation>
    </message>
    <message>
        <source>Export PASSED: %1 bytes of %2, wrote %3</source>
        <translation>导出通过：%1 / %2 字节，已写入 %3</translation>
    </message>
    <message>
        <source>Not recorded in the Pareto history: %1</source>
        <translation>未记录到帕累托历史中：%1</translation>
    </message>
    <message>
        <source>Export %1: %2</source>
        <translation>导出%1：%2</translation>
    </message>
    <message>
        <source>OVER BUDGET</source>
        <translation>超出预算</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>App::ExportDialog</name>
    <message>
        <source>Export a submission</source>
        <translation>导出提交</translation>
    </message>
    <message>
        <source>e.g. int6 MLP, lzma</source>
        <translation>例如 int6 MLP, lzma</translation>
    </message>
    <message>
        <source>One paragraph: what this submission does differently.</source>
        <translation>一段话：这份提交有何不同之处。</translation>
    </message>
    <message>
        <source>train_gpt.py (its bytes count toward the budget)</source>
        <translation>train_gpt.py（其字节数计入预算）</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>Ship the code as the lzma+base85 self-extracting wrapper</source>
        <translation>以 lzma+base85 自解压包装形式提交代码</translation>
    </message>
    <message>
        <source>Verify: re-read the written file and evaluate it (round-trip val_bpb)</source>
        <translation>验证：重新读取写入的文件并进行评估（往返 val_bpb）</translation>
    </message>
    <message>
        <source>the whole validation set</source>
        <translation>整个验证集</translation>
    </message>
    <message>
        <source>the first </source>
        <extracomment>spin box prefix: &quot;the first &lt;N&gt; tokens&quot; (trailing space is intended)</extracomment>
        <translation>前 </translation>
    </message>
    <message>
        <source> tokens</source>
        <extracomment>spin box suffix: &quot;the first &lt;N&gt; tokens&quot; (leading space is intended)</extracomment>
        <translation> 个 token</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>配方</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>GitHub id</source>
        <translation>GitHub ID</translation>
    </message>
    <message>
        <source>Blurb</source>
        <translation>简介</translation>
    </message>
    <message>
        <source>Code file</source>
        <translation>代码文件</translation>
    </message>
    <message>
        <source>Records folder</source>
        <translation>records 文件夹</translation>
    </message>
    <message>
        <source>Budget (bytes)</source>
        <translation>预算（字节）</translation>
    </message>
    <message>
        <source>Verify on</source>
        <translation>验证范围</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Python (*.py);;All files (*)</source>
        <translation>Python (*.py);;所有文件 (*)</translation>
    </message>
    <message>
        <source>(unnamed recipe)</source>
        <translation>（未命名配方）</translation>
    </message>
    <message>
        <source>Model-only bundle: no train_gpt.py (not a submission by itself)</source>
        <translation>仅模型包：没有 train_gpt.py（本身不算一次提交）</translation>
    </message>
    <message>
        <source>No code: the folder will hold the model file only.</source>
        <translation>无代码：文件夹中只有模型文件。</translation>
    </message>
    <message>
        <source>A submission&apos;s train_gpt.py must write the model file itself: choose the script, or tick the model-only bundle.</source>
        <translation>提交的 train_gpt.py 必须自己写出模型文件：请选择脚本，或勾选仅模型包。</translation>
    </message>
    <message>
        <source>No such file.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <source>Found %1: the script writes the official int8+zlib file itself.</source>
        <translation>已找到 %1：脚本自己写出官方的 int8+zlib 文件。</translation>
    </message>
    <message>
        <source>Found %1: golf replaces it so that the script writes, re-reads and scores this model file itself.</source>
        <translation>已找到 %1：golf 会替换它，使脚本自己写出、重新读取并评估这个模型文件。</translation>
    </message>
</context>
<context>
    <name>App::ExportResultDialog</name>
    <message>
        <source>Export result</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;model file&lt;/td&gt;&lt;td align=right&gt;%1 bytes&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;模型文件&lt;/td&gt;&lt;td align=right&gt;%1 字节&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;code%1&lt;/td&gt;&lt;td align=right&gt;%2 bytes&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;代码%1&lt;/td&gt;&lt;td align=right&gt;%2 字节&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;&lt;b&gt;total&lt;/b&gt;&lt;/td&gt;&lt;td align=right&gt;&lt;b&gt;%1 bytes&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;&lt;b&gt;合计&lt;/b&gt;&lt;/td&gt;&lt;td align=right&gt;&lt;b&gt;%1 字节&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;budget&lt;/td&gt;&lt;td align=right&gt;%1 bytes&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;预算&lt;/td&gt;&lt;td align=right&gt;%1 字节&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;headroom&lt;/td&gt;&lt;td align=right&gt;%1 bytes&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;余量&lt;/td&gt;&lt;td align=right&gt;%1 字节&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;&lt;b&gt;over by&lt;/b&gt;&lt;/td&gt;&lt;td align=right&gt;&lt;b&gt;%1 bytes&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;&lt;b&gt;超出&lt;/b&gt;&lt;/td&gt;&lt;td align=right&gt;&lt;b&gt;%1 字节&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;val_bpb before quantization: &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;val_bpb after the round trip: &lt;b&gt;%2&lt;/b&gt; (%3, %4 tokens)&lt;/p&gt;</source>
        <translation>&lt;p&gt;量化前 val_bpb：&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;往返后 val_bpb：&lt;b&gt;%2&lt;/b&gt;（%3，%4 个 token）&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Not verified: no round-trip score was recorded.&lt;/p&gt;</source>
        <translation>&lt;p&gt;未验证：没有记录往返得分。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Nothing was written. Lower bit-widths or prune tensors until the budget bar is green.&lt;/p&gt;</source>
        <translation>&lt;p&gt;未写入任何内容。请降低位宽或对张量剪枝，直到预算条变为绿色。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>OVER BUDGET</source>
        <translation>超出预算</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>OVER BUDGET by %1 bytes</source>
        <translation>超出预算 %1 字节</translation>
    </message>
    <message>
        <source>&lt;p&gt;Wrote &lt;code&gt;%1&lt;/code&gt; in %2 s.&lt;/p&gt;</source>
        <translation>&lt;p&gt;已写入 &lt;code&gt;%1&lt;/code&gt;，用时 %2 秒。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Wrote &lt;code&gt;%1&lt;/code&gt; and its .zip in %2 s.&lt;/p&gt;</source>
        <translation>&lt;p&gt;已写入 &lt;code&gt;%1&lt;/code&gt; 及其 .zip，用时 %2 秒。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;train_gpt.py writes this file itself (golf rewrote %1) and prints:&lt;br&gt;&lt;code&gt;%2&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;train_gpt.py 自己写出这个文件（golf 改写了 %1），并输出：&lt;br&gt;&lt;code&gt;%2&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>App::ExportRunner</name>
    <message>
        <source>Exporting...</source>
        <translation>正在导出...</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>App::GolfBinary</name>
    <message>
        <source>cannot find the golf executable (set GOLF_BINARY)</source>
        <translation>找不到 golf 可执行文件（请设置 GOLF_BINARY）</translation>
    </message>
</context>
<context>
    <name>App::GolfServer</name>
    <message>
        <source>golf serve crashed</source>
        <translation>golf serve 崩溃了</translation>
    </message>
    <message>
        <source>golf serve exited with status %1</source>
        <translation>golf serve 已退出，状态 %1</translation>
    </message>
    <message>
        <source>could not start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
</context>
<context>
    <name>App::MainWindow</name>
    <message>
        <source>Open &amp;workspace...</source>
        <translation>打开工作区(&amp;W)...</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>&amp;Open checkpoint...</source>
        <translation>打开检查点(&amp;O)...</translation>
    </message>
    <message>
        <source>Load a model file and price it under the current recipe</source>
        <translation>加载模型文件，并按当前配方核算其字节数</translation>
    </message>
    <message>
        <source>Open &amp;recipe...</source>
        <translation>打开配方(&amp;R)...</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>&amp;Save recipe</source>
        <translation>保存配方(&amp;S)</translation>
    </message>
    <message>
        <source>Save recipe &amp;as...</source>
        <translation>配方另存为(&amp;A)...</translation>
    </message>
    <message>
        <source>&amp;Code file...</source>
        <translation>代码文件(&amp;C)...</translation>
    </message>
    <message>
        <source>The train_gpt.py whose bytes count toward the budget</source>
        <translation>其字节数计入预算的 train_gpt.py</translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation>导出(&amp;E)...</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>&amp;Train...</source>
        <translation>训练(&amp;T)...</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>&amp;Stop training</source>
        <translation>停止训练(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Watch run directory...</source>
        <translation>监视运行目录(&amp;W)...</translation>
    </message>
    <message>
        <source>Ctrl+Shift+W</source>
        <translation>Ctrl+Shift+W</translation>
    </message>
    <message>
        <source>Watch &amp;log file...</source>
        <translation>监视日志文件(&amp;L)...</translation>
    </message>
    <message>
        <source>Run the &amp;demo</source>
        <translation>运行演示(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;About Golf Studio</source>
        <translation>关于 Golf Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About Golf Studio</source>
        <translation>关于 Golf Studio</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Golf Studio&lt;/b&gt; %1 &amp;mdash; a workbench for OpenAI&apos;s Parameter Golf.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Golf Studio&lt;/b&gt; %1 &amp;mdash; 面向 OpenAI Parameter Golf 的工作台。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;GPL-3.0-or-later.&lt;/p&gt;</source>
        <translation>&lt;p&gt;许可证：GPL-3.0-or-later。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Log and explain</source>
        <translation>日志与解释</translation>
    </message>
    <message>
        <source>Edit refused: %1</source>
        <translation>编辑被拒绝：%1</translation>
    </message>
    <message>
        <source>Rule refused: %1</source>
        <translation>规则被拒绝：%1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>最近的工作区</translation>
    </message>
    <message>
        <source>Recipe presets</source>
        <translation>配方预设</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Colour treemap by quantization error</source>
        <translation>按量化误差为矩形树图着色</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Analyse</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>User &amp;Guide</source>
        <translation>用户指南(&amp;G)</translation>
    </message>
    <message>
        <source>Open the user guide: the demo step by step, bits per byte, the byte budget, quantization, pruning and the Pareto trade-off</source>
        <translation>打开用户指南：逐步讲解演示、每字节比特数、字节预算、量化、剪枝以及帕累托权衡</translation>
    </message>
    <message>
        <source>User Guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <source>&lt;p&gt;The user guide (guide.md) was not found. Searched:&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;</source>
        <translation>&lt;p&gt;未找到用户指南（guide.md）。已搜索：&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source> Codec </source>
        <extracomment>toolbar label before the compression codec combo (spaces are padding)</extracomment>
        <translation> 编解码器 </translation>
    </message>
    <message>
        <source>The compressor of the golf-mixed-v1 model file (re-prices the model)</source>
        <translation>golf-mixed-v1 模型文件的压缩器（会重新核算模型字节数）</translation>
    </message>
    <message>
        <source>official int8 + zlib 9</source>
        <translation>官方 int8 + zlib 9</translation>
    </message>
    <message>
        <source>The official format: int8 per row, fixed choices; no rules apply</source>
        <translation>官方格式：逐行 int8，设置固定；规则不生效</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop waiting for the checkpoint (the previous one stays open)</source>
        <translation>停止等待该检查点（之前的检查点保持打开）</translation>
    </message>
    <message>
        <source>Could not load %1: %2</source>
        <translation>无法加载 %1：%2</translation>
    </message>
    <message>
        <source>Cannot price the recipe: %1</source>
        <translation>无法核算配方：%1</translation>
    </message>
    <message>
        <source>The recipe cannot be resolved against this model:
%1</source>
        <translation>无法针对此模型解析该配方：
%1</translation>
    </message>
    <message>
        <source>no checkpoint open — budget %1 bytes</source>
        <translation>未打开检查点 — 预算 %1 字节</translation>
    </message>
    <message>
        <source>the recipe does not apply to this model (see Log) — budget %1 bytes</source>
        <translation>配方不适用于此模型（见日志）— 预算 %1 字节</translation>
    </message>
    <message>
        <source>pricing... — budget %1 bytes</source>
        <translation>正在核算... — 预算 %1 字节</translation>
    </message>
    <message>
        <source>official int8 format</source>
        <translation>官方 int8 格式</translation>
    </message>
    <message>
        <source>Codec refused: %1</source>
        <translation>编解码器被拒绝：%1</translation>
    </message>
    <message>
        <source>Loading checkpoint...</source>
        <translation>正在加载检查点...</translation>
    </message>
    <message>
        <source>Pricing...</source>
        <translation>正在核算...</translation>
    </message>
    <message>
        <source>Exporting...</source>
        <translation>正在导出...</translation>
    </message>
    <message>
        <source>Training...</source>
        <translation>正在训练...</translation>
    </message>
    <message>
        <source>unsaved recipe</source>
        <translation>未保存的配方</translation>
    </message>
    <message>
        <source>Golf Studio</source>
        <translation>Golf Studio</translation>
    </message>
    <message>
        <source>%1 — %2[*] — Golf Studio</source>
        <translation>%1 — %2[*] — Golf Studio</translation>
    </message>
    <message>
        <source>Cannot create the workspace %1</source>
        <translation>无法创建工作区 %1</translation>
    </message>
    <message>
        <source>Workspace %1</source>
        <translation>工作区 %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Cannot open the recipe: %1</source>
        <translation>无法打开配方：%1</translation>
    </message>
    <message>
        <source>Cannot save the recipe: %1</source>
        <translation>无法保存配方：%1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Cannot use the code file: %1</source>
        <translation>无法使用该代码文件：%1</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>Model files (*.pt *.ptz *.pth);;All files (*)</source>
        <translation>模型文件 (*.pt *.ptz *.pth);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open recipe</source>
        <translation>打开配方</translation>
    </message>
    <message>
        <source>Recipes (*.json);;All files (*)</source>
        <translation>配方 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save recipe</source>
        <translation>保存配方</translation>
    </message>
    <message>
        <source>Recipes (*.json)</source>
        <translation>配方 (*.json)</translation>
    </message>
    <message>
        <source>Code file (train_gpt.py)</source>
        <translation>代码文件（train_gpt.py）</translation>
    </message>
    <message>
        <source>Python (*.py);;All files (*)</source>
        <translation>Python (*.py);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Code file</source>
        <translation>代码文件</translation>
    </message>
    <message>
        <source>Count the code as the lzma+base85 self-extracting wrapper (usually much smaller)?</source>
        <translation>按 lzma+base85 自解压包装形式统计代码字节数（通常小得多）？</translation>
    </message>
    <message>
        <source>Training in progress</source>
        <translation>训练进行中</translation>
    </message>
    <message>
        <source>A training run is in progress. Stop it (it saves a checkpoint and can be resumed with golf train --resume) and quit?</source>
        <translation>有一个训练运行正在进行。要停止它（它会保存检查点，之后可用 golf train --resume 继续）并退出吗？</translation>
    </message>
    <message>
        <source>Pareto</source>
        <translation>帕累托</translation>
    </message>
    <message>
        <source>Code %1: %2 bytes (lzma+base85 wrapper)</source>
        <translation>代码 %1：%2 字节（lzma+base85 包装）</translation>
    </message>
    <message>
        <source>Code %1: %2 bytes</source>
        <translation>代码 %1：%2 字节</translation>
    </message>
    <message>
        <source>Export as &amp;C program...</source>
        <translation>导出为 &amp;C 程序...</translation>
    </message>
    <message>
        <source>Write the open model under this recipe as a C program that runs it from its quantized codes, with no libraries</source>
        <translation>按此配方将打开的模型写为 C 程序，直接从量化编码运行，无需任何库</translation>
    </message>
</context>
<context>
    <name>App::MixerBox</name>
    <message>
        <source>state-space block</source>
        <translation>状态空间块</translation>
    </message>
    <message>
        <source>state-space blocks</source>
        <translation>状态空间块</translation>
    </message>
    <message>
        <source>DeltaNet block</source>
        <translation>DeltaNet 块</translation>
    </message>
    <message>
        <source>DeltaNet blocks</source>
        <translation>DeltaNet 块</translation>
    </message>
    <message>
        <source>%1 %2: %3 parameters (~%4 int8 bytes) against attention there</source>
        <translation>%1 个%2：相对该处的注意力 %3 个参数（约 %4 int8 字节）</translation>
    </message>
    <message>
        <source>Attention windows: ~%1% of full causal attention&apos;s work at sequence length %2</source>
        <translation>注意力窗口：在序列长度 %2 下约为完整因果注意力计算量的 %1%</translation>
    </message>
    <message>
        <source>Token mixers</source>
        <translation>词元混合器</translation>
    </message>
    <message>
        <source>attention in every block</source>
        <translation>每个块都用注意力</translation>
    </message>
    <message>
        <source>One mixer per block: attention (a), ssm (s, a selective state-space layer as in Mamba) or deltanet (d, Gated DeltaNet), e.g. &quot;s s a s&quot;. The MLP, scales and residual mix of a block stay as they are.</source>
        <translation>每个块一个混合器：attention（a）、ssm（s，类似 Mamba 的选择性状态空间层）或 deltanet（d，Gated DeltaNet），例如 &quot;s s a s&quot;。块的 MLP、缩放和残差混合保持不变。</translation>
    </message>
    <message>
        <source>full causal attention</source>
        <translation>完整因果注意力</translation>
    </message>
    <message>
        <source>Sliding-window attention, one window per block (0 = every earlier token; a state-space or DeltaNet block takes 0), e.g. &quot;256 256 0 0&quot;.</source>
        <translation>滑动窗口注意力，每个块一个窗口（0 = 之前的所有词元；状态空间块或 DeltaNet 块取 0），例如 &quot;256 256 0 0&quot;。</translation>
    </message>
    <message>
        <source>State channels per inner channel of a state-space block (Mamba&apos;s N).</source>
        <translation>状态空间块每个内部通道的状态通道数（Mamba 的 N）。</translation>
    </message>
    <message>
        <source>Inner width of a state-space block, in model widths. 1 keeps a block close to an attention block&apos;s parameters.</source>
        <translation>状态空间块的内部宽度（以模型宽度计）。取 1 时块的参数量接近注意力块。</translation>
    </message>
    <message>
        <source>Layer mix</source>
        <translation>层组合</translation>
    </message>
    <message>
        <source>Attention windows</source>
        <translation>注意力窗口</translation>
    </message>
    <message>
        <source>SSM state</source>
        <translation>SSM 状态</translation>
    </message>
    <message>
        <source>SSM expansion</source>
        <translation>SSM 扩展倍数</translation>
    </message>
</context>
<context>
    <name>App::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>The language changes the next time Golf Studio starts.</source>
        <translation>语言将在下次启动 Golf Studio 时更改。</translation>
    </message>
    <message>
        <source>GOLF_LANGUAGE is set in the environment and overrides this choice.</source>
        <translation>环境变量中设置了 GOLF_LANGUAGE，它会覆盖此选择。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>App::RunWatcher</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>App::SparsityBox</name>
    <message>
        <source>%1 gates (%2 head groups, %3 MLP units) on %4 parameters. At %5% the exported matrices lose ~%6 parameters (~%6 int8 bytes); the gates themselves are not exported.</source>
        <translation>%1 个门（%2 个注意力头组，%3 个 MLP 单元），作用于 %4 个参数。在 %5% 时，导出的矩阵减少约 %6 个参数（约 %6 个 int8 字节）；门本身不会导出。</translation>
    </message>
    <message>
        <source>Learned sparsity (L0)</source>
        <translation>学习到的稀疏性 (L0)</translation>
    </message>
    <message>
        <source>Learn which head groups and MLP units to remove</source>
        <translation>学习要移除哪些注意力头组和 MLP 单元</translation>
    </message>
    <message>
        <source>Hard-concrete gates on every head group and MLP unit; an expected-L0 penalty closes them, and export removes what they closed</source>
        <translation>每个注意力头组和 MLP 单元上都有 hard-concrete 门；期望 L0 惩罚使其关闭，导出时移除已关闭的部分</translation>
    </message>
    <message>
        <source>Share of the gated parameters to remove by the end of training</source>
        <translation>训练结束时要移除的受门控参数比例</translation>
    </message>
    <message>
        <source>Target sparsity</source>
        <translation>目标稀疏度</translation>
    </message>
</context>
<context>
    <name>App::TrainDialog</name>
    <message>
        <source>Train a model</source>
        <translation>训练模型</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> s</source>
        <extracomment>spin box suffix: seconds (leading space is intended)</extracomment>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Model dim</source>
        <translation>模型维度</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>注意力头数</translation>
    </message>
    <message>
        <source>KV heads</source>
        <translation>KV 头数</translation>
    </message>
    <message>
        <source>MLP multiplier</source>
        <translation>MLP 倍数</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>词表大小</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>Sequence length</source>
        <translation>序列长度</translation>
    </message>
    <message>
        <source>Batch tokens</source>
        <translation>每批 token 数</translation>
    </message>
    <message>
        <source>Grad accumulation</source>
        <translation>梯度累积</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>验证间隔（步）</translation>
    </message>
    <message>
        <source>Time cap</source>
        <translation>时间上限</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>数据集文件夹</translation>
    </message>
    <message>
        <source>Choose a dataset folder (shards and tokenizer.luts.json, as golf tokenize writes).</source>
        <translation>请选择一个数据集文件夹（包含分片和 tokenizer.luts.json，即 golf tokenize 写出的内容）。</translation>
    </message>
    <message>
        <source>%1 layers x %2 dims: %3 parameters; fp16 %4 bytes, int8 ~%5 bytes (before compression)</source>
        <translation>%1 层 × %2 维：%3 个参数；fp16 %4 字节，int8 约 %5 字节（压缩前）</translation>
    </message>
    <message>
        <source>factorized table (r = %1)</source>
        <translation>分解嵌入表（r = %1）</translation>
    </message>
    <message>
        <source>bigram hash (%1 x %2)</source>
        <translation>二元组哈希（%1 x %2）</translation>
    </message>
    <message>
        <source>trigram hash (%1 x %2)</source>
        <translation>三元组哈希（%1 x %2）</translation>
    </message>
    <message>
        <source>value embeddings (%1 wide, %2)</source>
        <translation>值嵌入（宽 %1，%2）</translation>
    </message>
    <message>
        <source>1 block</source>
        <translation>1 个块</translation>
    </message>
    <message>
        <source>%1 blocks</source>
        <translation>%1 个块</translation>
    </message>
    <message>
        <source>%1: %2 parameters (~%3 int8 bytes)</source>
        <translation>%1：%2 个参数（约 %3 int8 字节）</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Factorized token table: vocab x r plus r &lt;-&gt; model dim projections (ALBERT-style); off = a vocab x model dim table</source>
        <translation>分解的词元表：词表 x r，加上 r &lt;-&gt; 模型维度的投影（ALBERT 式）；关 = 词表 x 模型维度的表</translation>
    </message>
    <message>
        <source>Hashed bigram table added to the token embedding: rows indexed by a hash of (previous, current) token; the context stops at BOS</source>
        <translation>加到词元嵌入上的哈希二元组表：行由（前一个，当前）词元的哈希索引；上下文在 BOS 处截止</translation>
    </message>
    <message>
        <source>Hashed trigram table: the same over the two previous tokens</source>
        <translation>哈希三元组表：同上，基于前两个词元</translation>
    </message>
    <message>
        <source>A shared vocab x width table projected into the attention values of the blocks listed beside it</source>
        <translation>一个共享的 词表 x 宽度 表，投影到右侧所列块的注意力值（value）中</translation>
    </message>
    <message>
        <source>blocks, e.g. %1,%2</source>
        <extracomment>placeholder: block indices for value embeddings</extracomment>
        <translation>块，例如 %1,%2</translation>
    </message>
    <message>
        <source>into blocks</source>
        <translation>加入块</translation>
    </message>
    <message>
        <source>Factorized width</source>
        <translation>分解宽度</translation>
    </message>
    <message>
        <source>Bigram buckets</source>
        <translation>二元组桶数</translation>
    </message>
    <message>
        <source>Trigram buckets</source>
        <translation>三元组桶数</translation>
    </message>
    <message>
        <source>N-gram width</source>
        <translation>N 元组宽度</translation>
    </message>
    <message>
        <source>Value embeddings</source>
        <translation>值嵌入</translation>
    </message>
    <message>
        <source>Embedding compression</source>
        <translation>嵌入压缩</translation>
    </message>
    <message>
        <source>Data-parallel ranks on this machine, each with its share of the cores. Each runs grad accumulation / processes micro-batches, so a step sees the same tokens with any number of processes. On a few cores one process is usually fastest; more pay off with more cores or GPUs.</source>
        <translation>本机上的数据并行进程，每个分得一部分核心。每个进程运行 梯度累积 / 进程数 个微批次，因此无论进程数多少，每一步看到的词元都相同。核心较少时通常单进程最快；核心或 GPU 更多时多进程才划算。</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程数</translation>
    </message>
    <message>
        <source>Grad accumulation (%1) must be a multiple of the processes (%2): each process runs grad accumulation / processes micro-batches.</source>
        <translation>梯度累积（%1）必须是进程数（%2）的倍数：每个进程运行 梯度累积 / 进程数 个微批次。</translation>
    </message>
</context>
<context>
    <name>App::TrainProcess</name>
    <message>
        <source>Could not start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>a training run is in progress already</source>
        <translation>已有训练运行正在进行</translation>
    </message>
    <message>
        <source>could not start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>Asked the run to stop (STOP file); it finishes the step and saves a checkpoint.</source>
        <translation>已请求运行停止（STOP 文件）；它会完成当前步并保存检查点。</translation>
    </message>
    <message>
        <source>The run did not stop in time; terminating it.</source>
        <translation>运行未能及时停止；正在终止它。</translation>
    </message>
</context>
<context>
    <name>App::TrainingController</name>
    <message>
        <source>Watching run %1</source>
        <translation>正在监视运行 %1</translation>
    </message>
    <message>
        <source>Training finished.</source>
        <translation>训练已完成。</translation>
    </message>
    <message>
        <source>Training ended with exit code %1.</source>
        <translation>训练已结束，退出代码为 %1。</translation>
    </message>
    <message>
        <source>Watch run directory</source>
        <translation>监视运行目录</translation>
    </message>
    <message>
        <source>Watching %1 as &quot;%2&quot;</source>
        <translation>正在以“%2”为名监视 %1</translation>
    </message>
    <message>
        <source>Watch log file</source>
        <translation>监视日志文件</translation>
    </message>
    <message>
        <source>Training logs (*.log *.txt *.jsonl);;All files (*)</source>
        <translation>训练日志 (*.log *.txt *.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot write the training settings: %1</source>
        <translation>无法写入训练设置：%1</translation>
    </message>
    <message>
        <source>Cannot start training: %1</source>
        <translation>无法开始训练：%1</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>已启动：%1</translation>
    </message>
    <message>
        <source>Cannot start the demo: %1</source>
        <translation>无法启动演示：%1</translation>
    </message>
    <message>
        <source>Started the demo: %1</source>
        <translation>已启动演示：%1</translation>
    </message>
    <message>
        <source>%1 has no checkpoint yet.</source>
        <translation>%1 还没有检查点。</translation>
    </message>
    <message>
        <source>Opening the run&apos;s checkpoint %1</source>
        <translation>正在打开该运行的检查点 %1</translation>
    </message>
</context>
<context>
    <name>PanelHelp</name>
    <message>
        <source>&lt;h3&gt;Budget bar&lt;/h3&gt;&lt;p&gt;The whole submission against the Parameter Golf cap of 16,000,000 &lt;b&gt;decimal&lt;/b&gt; bytes: the &lt;b&gt;model file&lt;/b&gt; (blue) plus the &lt;b&gt;code&lt;/b&gt; (grey: the &lt;code&gt;train_gpt.py&lt;/code&gt; chosen with File &amp;gt; Code file, raw or wrapped). The pale green rest is headroom; past the black budget line an overshoot is drawn red.&lt;/p&gt;&lt;p&gt;Under the bar a pill says &lt;i&gt;fits&lt;/i&gt; (green) or &lt;i&gt;over budget&lt;/i&gt; (red), then the exact figures, e.g. “15,863,489 of 16,000,000 bytes — 136,511 headroom”. The model bytes are real: every tensor is compressed with the current recipe and codec.&lt;/p&gt;&lt;p&gt;Lower bit-widths or prune in the Tensors table, or use Analyse &amp;gt; Allocate, until it is green; then spend the headroom where val_bpb gains most.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;预算条&lt;/h3&gt;&lt;p&gt;整个提交相对于 Parameter Golf 上限 16,000,000 &lt;b&gt;十进制&lt;/b&gt;字节的情况：&lt;b&gt;模型文件&lt;/b&gt;（蓝色）加上&lt;b&gt;代码&lt;/b&gt;（灰色：通过 文件 &amp;gt; 代码文件 选择的 &lt;code&gt;train_gpt.py&lt;/code&gt;，原始形式或包装形式）。浅绿色的剩余部分是余量；越过黑色预算线的超出部分以红色绘制。&lt;/p&gt;&lt;p&gt;预算条下方的标签显示&lt;i&gt;在预算内&lt;/i&gt;（绿色）或&lt;i&gt;超出预算&lt;/i&gt;（红色），随后是精确数字，例如“15,863,489 / 16,000,000 字节 — 余量 136,511”。模型字节数是真实值：每个张量都按当前配方和编解码器实际压缩过。&lt;/p&gt;&lt;p&gt;在“张量”表中降低位宽或进行剪枝，或者使用 分析 &amp;gt; 分配，直到预算条变绿；然后把余量用在对 val_bpb 提升最大的地方。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Byte-budget treemap&lt;/h3&gt;&lt;p&gt;Every byte of the artifact as a tile: the area of a tile is the exact number of compressed bytes that tensor takes in the model file. Tiles nest as model › block › attention/MLP › tensor; the code and the file&apos;s header are grey tiles of their own.&lt;/p&gt;&lt;p&gt;Colour shows bits per weight (legend at the bottom: dark purple = binary or ternary, teal = int6–int8, yellow = fp32). View &amp;gt; Colour treemap by quantization error switches to pale-to-dark-red for the relative error ‖w − ŵ‖ / ‖w‖.&lt;/p&gt;&lt;p&gt;Hover a tile for its shape, storage, raw and compressed bytes and share of the budget. Click selects the tensor in the table; double-click zooms into a group, and the breadcrumb, Backspace or Escape zooms out. Big tiles are where bytes can be saved.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;字节预算矩形树图&lt;/h3&gt;&lt;p&gt;产物的每个字节都以图块表示：图块的面积就是该张量在模型文件中所占的精确压缩字节数。图块按 模型 › 块 › 注意力/MLP › 张量 逐层嵌套；代码和文件头各自是单独的灰色图块。&lt;/p&gt;&lt;p&gt;颜色表示每个权重的位数（图例在底部：深紫色 = 二值或三值，青色 = int6–int8，黄色 = fp32）。视图 &amp;gt; 按量化误差为矩形树图着色 会改为用从浅到深红的颜色表示相对误差 ‖w − ŵ‖ / ‖w‖。&lt;/p&gt;&lt;p&gt;将鼠标悬停在图块上，可查看其形状、存储方式、原始与压缩字节数以及预算占比。单击会在表格中选中该张量；双击可放大进入一个分组，通过路径导航栏、Backspace 或 Escape 可缩小返回。大图块就是可以节省字节的地方。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Tensors&lt;/h3&gt;&lt;p&gt;One row per tensor of the open checkpoint: shape, number of values, how it is stored (&lt;b&gt;Quant&lt;/b&gt;: int2–int8, binary, ternary, fp16, …), its &lt;b&gt;Scales&lt;/b&gt; (per tensor, row or group), &lt;b&gt;Clip&lt;/b&gt;, &lt;b&gt;Prune&lt;/b&gt;, the fraction of zeros, bytes before and after compression, share of the budget, and &lt;b&gt;Set by&lt;/b&gt;: which part of the recipe decided the setting.&lt;/p&gt;&lt;p&gt;Double-click a Quant, Scales, Group, Clip or Prune cell to change it; with several rows selected the edit applies to all of them. The bar below sets the selection at once, or adds one recipe rule for every name a regular expression matches (e.g. &lt;code&gt;\.mlp\.&lt;/code&gt;). A refused edit says why in red.&lt;/p&gt;&lt;p&gt;Each edit is one undo step (Ctrl+Z) and is re-priced in the background; treemap and budget bar follow.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;张量&lt;/h3&gt;&lt;p&gt;已打开检查点的每个张量占一行：形状、值的数量、存储方式（&lt;b&gt;量化&lt;/b&gt;：int2–int8、二值、三值、fp16……）、&lt;b&gt;缩放因子&lt;/b&gt;（按张量、行或分组）、&lt;b&gt;截断&lt;/b&gt;、&lt;b&gt;剪枝&lt;/b&gt;、零值比例、压缩前后的字节数、预算占比，以及&lt;b&gt;设定来源&lt;/b&gt;：配方中决定该设置的部分。&lt;/p&gt;&lt;p&gt;双击“量化”“缩放因子”“分组”“截断”或“剪枝”单元格即可更改；选中多行时，编辑会应用到所有选中的行。下方的工具栏可一次性设置所选张量，或为正则表达式匹配到的所有名称添加一条配方规则（例如 &lt;code&gt;\.mlp\.&lt;/code&gt;）。被拒绝的编辑会以红色说明原因。&lt;/p&gt;&lt;p&gt;每次编辑都是一个撤销步骤（Ctrl+Z），并在后台重新核算；矩形树图和预算条随之更新。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Training&lt;/h3&gt;&lt;p&gt;Live plots of every watched run: training loss, validation bits per byte (val_bpb), learning rate and tokens per second. Runs appear when you start Run &amp;gt; Train or the demo, or use Run &amp;gt; Watch run directory / Watch log file (an official &lt;code&gt;train_gpt.py&lt;/code&gt; log works too); several runs overlay, one colour each.&lt;/p&gt;&lt;p&gt;The x axis is the optimizer step or training time. The smoothing slider is an exponential moving average for noisy metrics (train loss, tokens/s); the raw series stays faint behind. Each plot can show another metric, use a log y axis, fit its axes (or double-click) and export CSV or PNG.&lt;/p&gt;&lt;p&gt;Watch val_bpb fall; when it flattens, more steps buy little.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;训练&lt;/h3&gt;&lt;p&gt;所有被监视运行的实时曲线：训练损失、验证每字节比特数（val_bpb）、学习率和每秒 token 数。通过 运行 &amp;gt; 训练 或演示启动训练，或者使用 运行 &amp;gt; 监视运行目录 / 监视日志文件（官方 &lt;code&gt;train_gpt.py&lt;/code&gt; 的日志也可以）时，相应的运行就会出现；多个运行叠加显示，每个运行一种颜色。&lt;/p&gt;&lt;p&gt;x 轴为优化器步数或训练时间。平滑滑块对噪声较大的指标（训练损失、token/s）做指数移动平均；原始序列以淡色显示在后面。每个图表都可以显示其他指标、使用对数 y 轴、使坐标轴适应数据（或双击图表），并导出 CSV 或 PNG。&lt;/p&gt;&lt;p&gt;观察 val_bpb 的下降；当曲线趋于平缓时，再增加步数收益甚微。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Pareto view&lt;/h3&gt;&lt;p&gt;Every recipe evaluated on this checkpoint as a point: artifact bytes (model file + code) across, val_bpb after a real round trip (quantize, compress, write, read back, evaluate) up. Lower left is better.&lt;/p&gt;&lt;p&gt;The step line joins the &lt;b&gt;frontier&lt;/b&gt;: recipes no other recipe beats on both bytes and bpb. Faint points are dominated. The ring marks the current recipe; the vertical line is the byte budget, and only points left of it can be submitted.&lt;/p&gt;&lt;p&gt;Points come from Analyse &amp;gt; Evaluate recipe, Analyse &amp;gt; Allocate, verified exports and &lt;code&gt;golf pareto&lt;/code&gt;. Only points measured on the same validation tokens are comparable: the slice box picks them. Click a point to load its recipe (undoable).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;帕累托视图&lt;/h3&gt;&lt;p&gt;在此检查点上评估过的每个配方都是一个点：横轴为产物字节数（模型文件 + 代码），纵轴为经过真实往返（量化、压缩、写入、读回、评估）后的 val_bpb。越靠左下越好。&lt;/p&gt;&lt;p&gt;阶梯线连接&lt;b&gt;前沿&lt;/b&gt;上的点：即在字节数和 bpb 两方面都未被其他任何配方同时胜过的配方。淡色的点是被支配的。圆环标记当前配方；竖线是字节预算，只有位于其左侧的点才能提交。&lt;/p&gt;&lt;p&gt;数据点来自 分析 &amp;gt; 评估配方、分析 &amp;gt; 分配、经过验证的导出以及 &lt;code&gt;golf pareto&lt;/code&gt;。只有在相同验证 token 上测得的点才可比较：由切片框选择。单击某个点可加载其配方（可撤销）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Log&lt;/h3&gt;&lt;p&gt;What the window and its helper processes say, one time-stamped line each: checkpoints loaded and priced, the output of a &lt;code&gt;golf train&lt;/code&gt; or &lt;code&gt;golf demo&lt;/code&gt; child process, runs being watched, evaluations, allocations and exports with their verdicts and byte counts.&lt;/p&gt;&lt;p&gt;When something does not happen as expected (a checkpoint does not open, a recipe does not apply, training stops early), read the last lines here first: errors are reported with the reason. The panel keeps the newest 5,000 lines and follows new ones while it is scrolled to the bottom; text can be selected and copied.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;日志&lt;/h3&gt;&lt;p&gt;窗口及其辅助进程的输出，每条一行并带有时间戳：已加载和核算的检查点、&lt;code&gt;golf train&lt;/code&gt; 或 &lt;code&gt;golf demo&lt;/code&gt; 子进程的输出、正在监视的运行，以及评估、分配和导出的结论与字节数。&lt;/p&gt;&lt;p&gt;当某件事没有按预期发生时（检查点打不开、配方不生效、训练提前停止），请先阅读这里的最后几行：错误都会附带原因。该面板保留最新的 5,000 行，滚动到底部时会自动跟随新行；文本可以选中和复制。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Explain&lt;/h3&gt;&lt;p&gt;How the current recipe was applied to this model, the same text as &lt;code&gt;golf quantize --explain&lt;/code&gt;. For every tensor it lists the resolved setting (bits, scales, clipping, pruning) and which rule set each key, and it reports rules that match nothing or have no effect. Below it follows the size table: per-tensor file bytes, which add up exactly to the file size, and the total against the budget.&lt;/p&gt;&lt;p&gt;Use it to check that a regex rule hits the tensors you meant: a rule that silently applies to nothing is the most common recipe mistake.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;解释&lt;/h3&gt;&lt;p&gt;当前配方如何应用到此模型，与 &lt;code&gt;golf quantize --explain&lt;/code&gt; 输出的文本相同。对每个张量，它列出解析后的设置（位数、缩放因子、截断、剪枝）以及设定每个键的规则，并报告没有匹配任何张量或没有效果的规则。下面是大小表：每个张量的文件字节数（总和恰好等于文件大小），以及与预算对比的总计。&lt;/p&gt;&lt;p&gt;用它来检查正则规则是否命中了你想要的张量：规则悄无声息地没有作用于任何张量，是最常见的配方错误。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Codec&lt;/h3&gt;&lt;p&gt;The compressor of the model file. lzma 9, zstd 22 and zlib 9 write Golf Studio&apos;s golf-mixed-v1 container, one compressed stream per tensor; choosing one re-prices the model, so the treemap and budget bar show what the choice is worth in bytes. Low-bit codes and pruned zeros compress much better than random-looking floats, and the codecs differ in how much they squeeze out.&lt;/p&gt;&lt;p&gt;&lt;i&gt;official int8 + zlib 9&lt;/i&gt; is the challenge&apos;s own format: int8 per row, fixed choices, no rules. It is an undo step, so Ctrl+Z brings the edited recipe back.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;编解码器&lt;/h3&gt;&lt;p&gt;模型文件的压缩器。lzma 9、zstd 22 和 zlib 9 会写出 Golf Studio 的 golf-mixed-v1 容器，每个张量一个压缩流；选择其中之一会重新核算模型，矩形树图和预算条随即显示这一选择值多少字节。低位编码和剪枝产生的零比看似随机的浮点数更容易压缩，而各编解码器能压缩掉的程度也各不相同。&lt;/p&gt;&lt;p&gt;&lt;i&gt;官方 int8 + zlib 9&lt;/i&gt; 是挑战赛自己的格式：逐行 int8，设置固定，不使用规则。切换它是一个撤销步骤，因此按 Ctrl+Z 可以恢复编辑过的配方。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Budget figure&lt;/h3&gt;&lt;p&gt;The same figures as the budget bar, as text you can select and copy: total artifact bytes (model file + code) of 16,000,000, and the headroom left or, in bold red, how far over the budget it is. Before a checkpoint is open, or while a recipe is being priced, it says so instead.&lt;/p&gt;&lt;p&gt;All byte counts in Golf Studio are exact decimal bytes with thousands separators, never MiB: the challenge&apos;s cap is 16,000,000 bytes, not 16 MiB (16,777,216 bytes), and entries have been ruled out for a few thousand bytes.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;预算数字&lt;/h3&gt;&lt;p&gt;与预算条相同的数字，以可选中和复制的文本显示：产物总字节数（模型文件 + 代码）与 16,000,000 的对比，以及剩余的余量，或以红色粗体显示超出预算多少。在打开检查点之前，或正在核算配方时，这里会显示相应的状态。&lt;/p&gt;&lt;p&gt;Golf Studio 中的所有字节数都是带千位分隔符的精确十进制字节数，从不使用 MiB：挑战赛的上限是 16,000,000 字节，而不是 16 MiB（16,777,216 字节），已有参赛提交因超出几千字节而被判无效。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Export result&lt;/h3&gt;&lt;p&gt;The verdict of File &amp;gt; Export on a coloured banner. Green &lt;b&gt;PASS&lt;/b&gt;: the records folder was written, read back, loaded strictly and evaluated; the table shows model file, code, total, budget and headroom in bytes, and val_bpb before quantization beside val_bpb after the round trip (their difference is what the compression cost).&lt;/p&gt;&lt;p&gt;Red &lt;b&gt;OVER BUDGET&lt;/b&gt;: the artifact would exceed the budget by the bytes shown and nothing was written; lower bit-widths or prune, then export again. &lt;b&gt;FAILED&lt;/b&gt; gives the reason.&lt;/p&gt;&lt;p&gt;Open folder shows the submission: model file, submission.json, README.md, train.log, train_gpt.py and recipe.json.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;导出结果&lt;/h3&gt;&lt;p&gt;文件 &amp;gt; 导出 的结论，显示在彩色横幅上。绿色&lt;b&gt;通过&lt;/b&gt;：records 文件夹已写入、读回、严格加载并完成评估；表格以字节为单位列出模型文件、代码、合计、预算和余量，并将量化前的 val_bpb 与往返后的 val_bpb 并列（两者之差就是压缩的代价）。&lt;/p&gt;&lt;p&gt;红色&lt;b&gt;超出预算&lt;/b&gt;：产物将超出预算所示的字节数，因此未写入任何内容；请降低位宽或进行剪枝，然后重新导出。&lt;b&gt;失败&lt;/b&gt;会给出原因。&lt;/p&gt;&lt;p&gt;“打开文件夹”会显示该提交：模型文件、submission.json、README.md、train.log、train_gpt.py 和 recipe.json。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Allocation result&lt;/h3&gt;&lt;p&gt;What Analyse &amp;gt; Allocate came to. Allocate measures how much each tensor hurts the loss at each candidate setting, then picks one setting per tensor with the smallest summed estimate whose exact bytes fit the model-file budget (the artifact budget minus the code).&lt;/p&gt;&lt;p&gt;The banner says &lt;b&gt;FITS&lt;/b&gt;, &lt;b&gt;OVER BUDGET&lt;/b&gt;, &lt;b&gt;NO ALLOCATION FITS&lt;/b&gt;, &lt;b&gt;CANCELLED&lt;/b&gt; or &lt;b&gt;FAILED&lt;/b&gt;. The table puts the estimate, the exactly priced bytes and the round-trip val_bpb side by side, so you see how good the estimate was.&lt;/p&gt;&lt;p&gt;The result is now the recipe (one undo step) and a new point in the Pareto view.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;分配结果&lt;/h3&gt;&lt;p&gt;分析 &amp;gt; 分配 得出的结果。分配会测量每个张量在每个候选设置下对损失的影响，然后为每个张量选出一个设置，使估计值之和最小，同时精确字节数符合模型文件预算（产物预算减去代码）。&lt;/p&gt;&lt;p&gt;横幅显示&lt;b&gt;在预算内&lt;/b&gt;、&lt;b&gt;超出预算&lt;/b&gt;、&lt;b&gt;没有可行的分配&lt;/b&gt;、&lt;b&gt;已取消&lt;/b&gt;或&lt;b&gt;失败&lt;/b&gt;。表格将估计值、精确核算的字节数和往返 val_bpb 并列显示，便于你看出估计有多准确。&lt;/p&gt;&lt;p&gt;结果现已成为当前配方（一个撤销步骤），并作为一个新点加入帕累托视图。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Widgets::BudgetBar</name>
    <message>
        <source>%1 bytes — no budget set</source>
        <translation>%1 字节 — 未设置预算</translation>
    </message>
    <message>
        <source>%1 of %2 bytes</source>
        <translation>%1 / %2 字节</translation>
    </message>
    <message>
        <source>%1 — %2 headroom</source>
        <translation>%1 — 余量 %2</translation>
    </message>
    <message>
        <source>%1 — over by %2</source>
        <translation>%1 — 超出 %2</translation>
    </message>
    <message>
        <source>model %1 bytes + code %2 bytes</source>
        <translation>模型 %1 字节 + 代码 %2 字节</translation>
    </message>
    <message>
        <source>no budget</source>
        <translation>无预算</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>在预算内</translation>
    </message>
    <message>
        <source>over budget</source>
        <translation>超出预算</translation>
    </message>
    <message>
        <source>model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message>
        <source>code %1</source>
        <translation>代码 %1</translation>
    </message>
    <message>
        <source>headroom %1</source>
        <translation>余量 %1</translation>
    </message>
    <message>
        <source>over %1</source>
        <translation>超出 %1</translation>
    </message>
</context>
<context>
    <name>Widgets::ByteTree</name>
    <message>
        <source>header</source>
        <extracomment>bytes of the model file that are not tensor data (container header)</extracomment>
        <translation>文件头</translation>
    </message>
    <message>
        <source>code</source>
        <extracomment>bytes of the counted source code (train_gpt.py)</extracomment>
        <translation>代码</translation>
    </message>
</context>
<context>
    <name>Widgets::Metric</name>
    <message>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>val loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>val bpb</source>
        <translation>验证 bpb</translation>
    </message>
    <message>
        <source>val bpb after export round trip</source>
        <translation>导出往返后的验证 bpb</translation>
    </message>
    <message>
        <source>val loss after export round trip</source>
        <translation>导出往返后的验证损失</translation>
    </message>
    <message>
        <source>learning rate (× base)</source>
        <translation>学习率（× 基础值）</translation>
    </message>
    <message>
        <source>tokens / s</source>
        <translation>token/s</translation>
    </message>
    <message>
        <source>step time, running mean (ms)</source>
        <translation>每步用时，滑动平均（ms）</translation>
    </message>
    <message>
        <source>validation time (ms)</source>
        <translation>验证用时（ms）</translation>
    </message>
    <message>
        <source>val bpb, sliding window</source>
        <translation>val bpb，滑动窗口</translation>
    </message>
    <message>
        <source>val loss, sliding window</source>
        <translation>val loss，滑动窗口</translation>
    </message>
    <message>
        <source>val bpb, test-time training</source>
        <translation>val bpb，测试时训练</translation>
    </message>
    <message>
        <source>val loss, test-time training</source>
        <translation>val loss，测试时训练</translation>
    </message>
    <message>
        <source>final score (val bpb)</source>
        <translation>最终成绩（val bpb）</translation>
    </message>
    <message>
        <source>final score (val loss)</source>
        <translation>最终成绩（val loss）</translation>
    </message>
</context>
<context>
    <name>Widgets::MetricsPlot</name>
    <message>
        <source>Metric shown in this plot</source>
        <translation>此图中显示的指标</translation>
    </message>
    <message>
        <source>by step</source>
        <translation>按步数</translation>
    </message>
    <message>
        <source>by training time</source>
        <translation>按训练时间</translation>
    </message>
    <message>
        <source>X axis: optimizer step, or training time (validation pauses excluded)</source>
        <translation>X 轴：优化器步数或训练时间（不含验证暂停）</translation>
    </message>
    <message>
        <source>smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Exponential moving average weight (0 = raw). The raw series stays faint behind.</source>
        <translation>指数移动平均权重（0 = 原始值）。原始序列以淡色显示在后面。</translation>
    </message>
    <message>
        <source>log y</source>
        <extracomment>check box: logarithmic y axis (short)</extracomment>
        <translation>对数 y</translation>
    </message>
    <message>
        <source>Logarithmic y axis</source>
        <translation>对数 y 轴</translation>
    </message>
    <message>
        <source>fit</source>
        <extracomment>button: zoom the plot to fit all data</extracomment>
        <translation>自适应</translation>
    </message>
    <message>
        <source>Fit the axes to the data and follow new points (or double-click the plot)</source>
        <translation>使坐标轴适应数据并跟随新数据点（或双击图表）</translation>
    </message>
    <message>
        <source>CSV (all runs of this metric)…</source>
        <translation>CSV（该指标的所有运行）…</translation>
    </message>
    <message>
        <source>training time (h:min:s)</source>
        <translation>训练时间（时:分:秒）</translation>
    </message>
    <message>
        <source>training time (min:s)</source>
        <translation>训练时间（分:秒）</translation>
    </message>
    <message>
        <source>step</source>
        <extracomment>x-axis label: the optimizer step number of training</extracomment>
        <translation>步</translation>
    </message>
    <message>
        <source>no %1 logged yet</source>
        <translation>尚未记录 %1</translation>
    </message>
    <message>
        <source>step %1</source>
        <extracomment>optimizer step number in a tooltip</extracomment>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>%1 s</source>
        <extracomment>seconds of training time</extracomment>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>&lt;td&gt;&amp;nbsp;(raw %1)&lt;/td&gt;</source>
        <translation>&lt;td&gt;&amp;nbsp;（原始值 %1）&lt;/td&gt;</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>Widgets::ParetoView</name>
    <message>
        <source>slice</source>
        <extracomment>the evaluation slice: which validation tokens a recipe was scored on</extracomment>
        <translation>切片</translation>
    </message>
    <message>
        <source>Recipes are comparable only when evaluated on the same tokens; the newest slice is shown first</source>
        <translation>只有在相同 token 上评估的配方才可比较；最新的切片排在最前</translation>
    </message>
    <message>
        <source>fit</source>
        <extracomment>button: zoom the plot to fit all data</extracomment>
        <translation>自适应</translation>
    </message>
    <message>
        <source>Fit the axes to the points (or double-click the plot)</source>
        <translation>使坐标轴适应所有数据点（或双击图表）</translation>
    </message>
    <message>
        <source>CSV (every recipe evaluated)…</source>
        <translation>CSV（所有已评估的配方）…</translation>
    </message>
    <message>
        <source>artifact bytes (model file + code)</source>
        <translation>产物字节数（模型文件 + 代码）</translation>
    </message>
    <message>
        <source>val_bpb after the round trip</source>
        <translation>往返后的 val_bpb</translation>
    </message>
    <message>
        <source>dominated</source>
        <translation>被支配</translation>
    </message>
    <message>
        <source>Pareto frontier</source>
        <translation>帕累托前沿</translation>
    </message>
    <message>
        <source>current recipe</source>
        <translation>当前配方</translation>
    </message>
    <message>
        <source>No recipes evaluated on this checkpoint yet.
Evaluate recipe or Allocate… adds points, as does golf pareto.</source>
        <translation>此检查点上尚未评估任何配方。
“评估配方”或“分配…”会添加数据点，golf pareto 也会。</translation>
    </message>
    <message>
        <source>budget %1</source>
        <translation>预算 %1</translation>
    </message>
    <message>
        <source>budget %1 →</source>
        <translation>预算 %1 →</translation>
    </message>
    <message>
        <source>no recipes evaluated yet</source>
        <translation>尚未评估任何配方</translation>
    </message>
    <message>
        <source> (current recipe)</source>
        <translation> (当前配方)</translation>
    </message>
    <message>
        <source>source: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>%1 bytes (model %2 + code %3)</source>
        <translation>%1 字节（模型 %2 + 代码 %3）</translation>
    </message>
    <message>
        <source>headroom %1 bytes</source>
        <translation>余量 %1 字节</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c62828&apos;&gt;over the budget by %1 bytes&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c62828&apos;&gt;超出预算 %1 字节&lt;/span&gt;</translation>
    </message>
    <message>
        <source>val_bpb %1 on %2</source>
        <extracomment>val_bpb = validation bits per byte (a metric name, usually kept); %2 the slice</extracomment>
        <translation>在 %2 上 val_bpb 为 %1</translation>
    </message>
    <message>
        <source>on the Pareto frontier</source>
        <translation>位于帕累托前沿</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>1 recipe on %1, %2 on the frontier (%3 on other slices, not comparable)</source>
        <extracomment>%1 slice name, %2 points on the Pareto frontier, %3 points evaluated on other slices</extracomment>
        <translation>%1 上有 1 个配方，其中 %2 个位于前沿（另有 %3 个在其他切片上，不可比较）</translation>
    </message>
    <message>
        <source>1 recipe on %1, %2 on the frontier</source>
        <extracomment>%1 slice name, %2 points on the Pareto frontier</extracomment>
        <translation>%1 上有 1 个配方，其中 %2 个位于前沿</translation>
    </message>
    <message>
        <source>%1 recipes on %2, %3 on the frontier (%4 on other slices, not comparable)</source>
        <extracomment>%1 recipes, %2 slice name, %3 points on the Pareto frontier, %4 points on other slices</extracomment>
        <translation>%2 上有 %1 个配方，其中 %3 个位于前沿（另有 %4 个在其他切片上，不可比较）</translation>
    </message>
    <message>
        <source>%1 recipes on %2, %3 on the frontier</source>
        <extracomment>%1 recipes, %2 slice name, %3 points on the Pareto frontier</extracomment>
        <translation>%2 上有 %1 个配方，其中 %3 个位于前沿</translation>
    </message>
</context>
<context>
    <name>Widgets::PlotStyle</name>
    <message>
        <source>export</source>
        <extracomment>small button opening a menu: export the plot as CSV or PNG</extracomment>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG 图像…</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>Widgets::TensorTable</name>
    <message>
        <source>1 tensor</source>
        <translation>1 个张量</translation>
    </message>
    <message>
        <source>%1 tensors</source>
        <translation>%1 个张量</translation>
    </message>
    <message>
        <source>nothing to change</source>
        <translation>没有需要更改的内容</translation>
    </message>
    <message>
        <source>%1 is already %2</source>
        <translation>%1 已经是 %2</translation>
    </message>
    <message>
        <source>no tensor would change (%1)</source>
        <translation>没有张量会改变（%1）</translation>
    </message>
    <message>
        <source>clip: expected none, a percentile like p99.99 or a multiple of the standard deviation like std:12.85, got &quot;%1&quot;</source>
        <translation>截断：应为 none、百分位数（如 p99.99）或标准差的倍数（如 std:12.85），实际为“%1”</translation>
    </message>
    <message>
        <source>prune: expected none, a percentage like 50%, N:M like 2:4, or rows like &quot;rows 25%&quot; or &quot;rows 25% x64&quot;, got &quot;%1&quot;</source>
        <translation>剪枝：应为 none、百分比（如 50%）、N:M（如 2:4）或行块（如“rows 25%”或“rows 25% x64”），实际为“%1”</translation>
    </message>
    <message>
        <source>%1
%2, %3 values
stored as %4
set by %5</source>
        <translation>%1
%2，%3 个值
存储为 %4
设定来源：%5</translation>
    </message>
    <message>
        <source>%1 bytes before compression, %2 bytes in the file (%3 of the %4-byte budget)</source>
        <translation>压缩前 %1 字节，文件中 %2 字节（占 %4 字节预算的 %3）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Quant</source>
        <extracomment>column header: the quantization format (int8, int4, ...)</extracomment>
        <translation>量化</translation>
    </message>
    <message>
        <source>Scales</source>
        <extracomment>column header: granularity of quantization scales (per tensor, row or group)</extracomment>
        <translation>缩放因子</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Clip</source>
        <extracomment>column header: clipping of outliers before quantization</extracomment>
        <translation>截断</translation>
    </message>
    <message>
        <source>Prune</source>
        <extracomment>column header: pruning (setting weights to zero)</extracomment>
        <translation>剪枝</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>零值</translation>
    </message>
    <message>
        <source>Payload bytes</source>
        <translation>载荷字节</translation>
    </message>
    <message>
        <source>File bytes</source>
        <translation>文件字节</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>设定来源</translation>
    </message>
    <message>
        <source>State-dict name</source>
        <translation>state-dict 名称</translation>
    </message>
    <message>
        <source>Number of values</source>
        <translation>值的数量</translation>
    </message>
    <message>
        <source>How the values are stored (double-click to change)</source>
        <translation>值的存储方式（双击可更改）</translation>
    </message>
    <message>
        <source>One scale per tensor, per row, or per group of values</source>
        <translation>每个张量、每行或每组值使用一个缩放因子</translation>
    </message>
    <message>
        <source>Values per scale group (group granularity)</source>
        <translation>每个缩放分组中的值数（分组粒度）</translation>
    </message>
    <message>
        <source>Where values are clipped before the scale is derived</source>
        <translation>推导缩放因子之前，在何处截断数值</translation>
    </message>
    <message>
        <source>Weights zeroed before quantization: 50% smallest, N:M, or row blocks</source>
        <translation>量化前置零的权重：最小的 50%、N:M 或行块</translation>
    </message>
    <message>
        <source>Fraction of stored values that are exactly zero</source>
        <translation>存储的值中恰好为零的比例</translation>
    </message>
    <message>
        <source>Bytes of codes, scales and passthrough before compression</source>
        <translation>压缩前编码、缩放因子和直通数据的字节数</translation>
    </message>
    <message>
        <source>Bytes of the compressed file attributed to the tensor</source>
        <translation>压缩文件中归属于该张量的字节数</translation>
    </message>
    <message>
        <source>File bytes as a share of the %1-byte budget</source>
        <translation>文件字节数占 %1 字节预算的比例</translation>
    </message>
    <message>
        <source>Which part of the recipe decided the setting</source>
        <translation>由配方的哪一部分决定了该设置</translation>
    </message>
    <message>
        <source>group size: expected a whole number, got &quot;%1&quot;</source>
        <translation>分组大小：应为整数，实际为“%1”</translation>
    </message>
    <message>
        <source>the %1 column can&apos;t be edited</source>
        <translation>“%1”列不可编辑</translation>
    </message>
    <message>
        <source>Filter tensors by name (text or regular expression)</source>
        <translation>按名称筛选张量（文本或正则表达式）</translation>
    </message>
    <message>
        <source>quant: keep</source>
        <translation>量化：保持不变</translation>
    </message>
    <message>
        <source>scales: keep</source>
        <translation>缩放因子：保持不变</translation>
    </message>
    <message>
        <source>prune: keep</source>
        <translation>剪枝：保持不变</translation>
    </message>
    <message>
        <source>none, 50%, 2:4, rows 25%, rows 25% x64; empty keeps it</source>
        <translation>none、50%、2:4、rows 25%、rows 25% x64；留空则保持不变</translation>
    </message>
    <message>
        <source>Apply to selection</source>
        <translation>应用到所选</translation>
    </message>
    <message>
        <source>regex, e.g. \.mlp\.</source>
        <translation>正则表达式，例如 \.mlp\.</translation>
    </message>
    <message>
        <source>A recipe rule&apos;s &quot;match&quot;: an RE2 regular expression searched anywhere in the name, case-sensitive</source>
        <translation>配方规则的 &quot;match&quot;：一个 RE2 正则表达式，在名称中任意位置搜索，区分大小写</translation>
    </message>
    <message>
        <source>Apply to matching</source>
        <translation>应用到匹配项</translation>
    </message>
    <message>
        <source>Adds one recipe rule for every tensor the regex matches</source>
        <translation>添加一条配方规则，作用于正则表达式匹配到的所有张量</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>or as a rule for names matching</source>
        <translation>或作为规则，应用于名称匹配</translation>
    </message>
    <message>
        <source>Asked for %1 on %2</source>
        <translation>已请求对 %2 设置 %1</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message>
        <source>Apply to %1 selected</source>
        <translation>应用到所选的 %1 个</translation>
    </message>
    <message>
        <source>invalid regex: %1</source>
        <translation>无效的正则表达式：%1</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 个匹配</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 个匹配</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>, %1 selected</source>
        <translation>，已选 %1 个</translation>
    </message>
    <message>
        <source>The regex matches no tensor</source>
        <translation>该正则表达式未匹配任何张量</translation>
    </message>
    <message>
        <source>Asked for a rule: %1 → %2 (%3 now)</source>
        <translation>已请求规则：%1 → %2（当前 %3）</translation>
    </message>
    <message>
        <source>scalar</source>
        <extracomment>the shape of a 0-dimensional tensor (a single number)</extracomment>
        <translation>标量</translation>
    </message>
</context>
<context>
    <name>Widgets::TensorTableDelegate</name>
    <message>
        <source>How the tensor is stored: integer codes of 2..8 bits, binary, ternary, or a float type</source>
        <translation>张量的存储方式：2..8 位整数编码、二值、三值或浮点类型</translation>
    </message>
    <message>
        <source>One scale per tensor, per row, or per group of values in a row</source>
        <translation>每个张量、每行或行内每组值使用一个缩放因子</translation>
    </message>
    <message>
        <source>Values per scale group (sets the granularity to &quot;group&quot;)</source>
        <translation>每个缩放分组中的值数（会将粒度设为“group”）</translation>
    </message>
    <message>
        <source>none, a percentile of |w| (p99.99) or a multiple of the standard deviation (std:12.85)</source>
        <translation>none、|w| 的百分位数（p99.99）或标准差的倍数（std:12.85）</translation>
    </message>
    <message>
        <source>none, a fraction of the smallest weights (50%), N:M (2:4 keeps 2 of every 4), or row blocks (rows 25%, rows 25% x64)</source>
        <translation>none、最小权重所占的比例（50%）、N:M（2:4 表示每 4 个保留 2 个）或行块（rows 25%、rows 25% x64）</translation>
    </message>
</context>
<context>
    <name>Widgets::TrainingPlots</name>
    <message>
        <source>by step</source>
        <translation>按步数</translation>
    </message>
    <message>
        <source>by training time</source>
        <translation>按训练时间</translation>
    </message>
    <message>
        <source>X axis of all plots: optimizer step, or training time (validation pauses excluded)</source>
        <translation>所有图表的 X 轴：优化器步数或训练时间（不含验证暂停）</translation>
    </message>
    <message>
        <source>smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Exponential moving average weight for all plots (0 = raw). The raw series stays faint behind.</source>
        <translation>所有图表的指数移动平均权重（0 = 原始值）。原始序列以淡色显示在后面。</translation>
    </message>
</context>
<context>
    <name>Widgets::TreemapWidget</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>share of budget: %1 of %2</source>
        <translation>预算占比：%1（预算 %2）</translation>
    </message>
    <message>
        <source>shape: %1</source>
        <translation>形状：%1</translation>
    </message>
    <message>
        <source>params: %1</source>
        <translation>参数：%1</translation>
    </message>
    <message>
        <source>stored as: %1</source>
        <translation>存储为：%1</translation>
    </message>
    <message>
        <source>sparsity: %1 %</source>
        <translation>稀疏度：%1 %</translation>
    </message>
    <message>
        <source>raw bytes: %1</source>
        <translation>原始字节：%1</translation>
    </message>
    <message>
        <source>compressed bytes: %1</source>
        <translation>压缩后字节：%1</translation>
    </message>
    <message>
        <source>quantization error: %1</source>
        <translation>量化误差：%1</translation>
    </message>
    <message>
        <source>group of 1 tensor</source>
        <translation>含 1 个张量的分组</translation>
    </message>
    <message>
        <source>group of %1 tensors</source>
        <translation>含 %1 个张量的分组</translation>
    </message>
    <message>
        <source>code (counted source)</source>
        <translation>代码（计入的源代码）</translation>
    </message>
    <message>
        <source>bytes: %1</source>
        <translation>字节：%1</translation>
    </message>
    <message>
        <source>container header (names, shapes, framing)</source>
        <translation>容器头部（名称、形状、分帧）</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source> · %1 of the budget</source>
        <translation> · 占预算的 %1</translation>
    </message>
    <message>
        <source>bits:</source>
        <translation>位数：</translation>
    </message>
    <message>
        <source>quantization error:</source>
        <translation>量化误差：</translation>
    </message>
    <message>
        <source> (log scale)</source>
        <translation> (对数刻度)</translation>
    </message>
    <message>
        <source>code / header</source>
        <translation>代码 / 文件头</translation>
    </message>
    <message>
        <source>“%1”: %2 of %3 tiles, %4 bytes</source>
        <translation>“%1”：%3 个图块中的 %2 个，%4 字节</translation>
    </message>
    <message>
        <source>scalar</source>
        <extracomment>the shape of a 0-dimensional tensor (a single number)</extracomment>
        <translation>标量</translation>
    </message>
    <message>
        <source>No checkpoint is open.

Open a model file with File › Open checkpoint... (Ctrl+O) to see where every byte of it goes, or run the demo (Run › Run the demo): it trains a small model in a few minutes and opens it here.</source>
        <translation>尚未打开检查点。

用 文件 › 打开检查点...（Ctrl+O）打开一个模型文件，查看它的每个字节用在哪里；或者运行演示（运行 › 运行演示）：它会在几分钟内训练一个小模型并在这里打开。</translation>
    </message>
</context>
</TS>
