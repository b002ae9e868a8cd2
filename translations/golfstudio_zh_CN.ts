<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App::AllocateDialog</name>
    <message>
        <source>Allocate bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chooses how each tensor is stored so the model file fits the budget with the smallest estimated loss increase: every candidate setting of every tensor is priced exactly and measured alone, a knapsack picks the settings, and the result is verified by a real round trip (quantize, compress, write, read back, evaluate). The result becomes the recipe (one undo step).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> bytes</source>
        <extracomment>spin box suffix (leading space is intended)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the model file may take: the artifact budget %1 minus the code %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measured loss increase of each tensor alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fisher proxy (no evaluation per cell, faster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation tokens every cell and the result are measured on; recipes are comparable only on equal slices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate tensors: 2-D with at least this many values (the others keep the recipe&apos;s settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model file budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>= artifact budget %1 − code %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate tensors with at least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App::AllocationResultDialog</name>
    <message>
        <source>Allocation result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Nothing changed. The cells measured so far are cached: the next allocation on this checkpoint resumes from them.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NO ALLOCATION FITS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The model file may take %1 bytes (budget %2 − code %3), but even the smallest candidate of every tensor needs about %4 bytes. Nothing changed.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no allocation fits: model budget %1, smallest %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FITS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OVER BUDGET</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model file bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>artifact bytes (+ code %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val_bpb</source>
        <extracomment>row label: validation bits per byte (a metric name, usually kept)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>increase over full precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>priced exactly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>headroom %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;over by %1 bytes&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Budget %1 bytes: %2.&lt;br&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>budget %1: %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimised the %1 estimate over %2 candidate tensors on %3; %4 cells measured, %5 from the cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Fisher proxy rank agreement with the measurement: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %1 bytes were held back for the header after exact pricing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;/p&gt;&lt;p&gt;The allocation is now the recipe (Undo restores the previous one) and a point in the Pareto view.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: estimate %2, priced %3, measured %4
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App::AnalysisRunner</name>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App::DemoOffer</name>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Parameter Golf&lt;/b&gt;: train the best small language model whose artifact &amp;mdash; the code plus the compressed model &amp;mdash; fits in &lt;b&gt;16,000,000 bytes&lt;/b&gt;, scored in bits per byte (val_bpb) on held-out text. The demo walks the whole way on real English text in a few CPU minutes:&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Tokenize&lt;/b&gt; &amp;mdash; learn a 1,024-piece vocabulary from the text and write it as token shards in the challenge&apos;s own format.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Train&lt;/b&gt; &amp;mdash; a ~2M-parameter GPT with the official recipe (Muon + Adam), validating in bits per byte as it goes.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Watch&lt;/b&gt; &amp;mdash; the loss and val_bpb curves draw live in the Training panel while the run writes its run directory.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Compress&lt;/b&gt; &amp;mdash; the checkpoint opens in the treemap: every tile is a tensor&apos;s exact compressed bytes. Change bit-widths in the table and watch the budget move.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Export&lt;/b&gt; &amp;mdash; File &amp;gt; Export writes a records folder, re-reads the file and re-scores it, so the round-trip val_bpb is the one that counts.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Golf Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The demo works in &lt;code&gt;%1&lt;/code&gt;.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Don&apos;t offer the demo again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App::Document</name>
    <message>
        <source>Loaded %1: %2 tensors, %3 parameters (%4 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all %1 tensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the changed tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed tensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priced %1 in %2 ms: %3 model bytes (cache %4 hits, %5 misses)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot price the recipe: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no tensor to edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused edit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n tensors</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused rule: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule /%1/: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>codec %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open recipe: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open recipe %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened recipe %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save recipe: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved recipe %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot count code bytes: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App::ExportDialog</name>
    <message>
        <source>Export a submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. int6 MLP, lzma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One paragraph: what this submission does differently.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train_gpt.py (its bytes count toward the budget)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ship the code as the lzma+base85 self-extracting wrapper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify: re-read the written file and evaluate it (round-trip val_bpb)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the whole validation set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the first </source>
        <extracomment>spin box prefix: &quot;the first &lt;N&gt; tokens&quot; (trailing space is intended)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> tokens</source>
        <extracomment>spin box suffix: &quot;the first &lt;N&gt; tokens&quot; (leading space is intended)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GitHub id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blurb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget (bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Python (*.py);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unnamed recipe)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App::ExportResultDialog</name>
    <message>
        <source>Export result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;model file&lt;/td&gt;&lt;td align=right&gt;%1 bytes&lt;/td&gt;&lt;/tr&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;code%1&lt;/td&gt;&lt;td align=right&gt;%2 bytes&lt;/td&gt;&lt;/tr&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;&lt;b&gt;total&lt;/b&gt;&lt;/td&gt;&lt;td align=right&gt;&lt;b&gt;%1 bytes&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;budget&lt;/td&gt;&lt;td align=right&gt;%1 bytes&lt;/td&gt;&lt;/tr&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;headroom&lt;/td&gt;&lt;td align=right&gt;%1 bytes&lt;/td&gt;&lt;/tr&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;&lt;b&gt;over by&lt;/b&gt;&lt;/td&gt;&lt;td align=right&gt;&lt;b&gt;%1 bytes&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;val_bpb before quantization: &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;val_bpb after the round trip: &lt;b&gt;%2&lt;/b&gt; (%3, %4 tokens)&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Not verified: no round-trip score was recorded.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Nothing was written. Lower bit-widths or prune tensors until the budget bar is green.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PASS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OVER BUDGET</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OVER BUDGET by %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Wrote &lt;code&gt;%1&lt;/code&gt; in %2 s.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Wrote &lt;code&gt;%1&lt;/code&gt; and its .zip in %2 s.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App::ExportRunner</name>
    <message>
        <source>Exporting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App::MainWindow</name>
    <message>
        <source>Watching run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training ended with exit code %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;workspace...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open checkpoint...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a model file and price it under the current recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recipe...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save recipe &amp;as...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The train_gpt.py whose bytes count toward the budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Train...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Watch run directory...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch &amp;log file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the &amp;demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Golf Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Golf Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Golf Studio&lt;/b&gt; %1 &amp;mdash; a workbench for OpenAI&apos;s Parameter Golf.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;GPL-3.0-or-later.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log and explain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipe presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour treemap by quantization error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Analyse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User &amp;Guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the user guide: the demo step by step, bits per byte, the byte budget, quantization, pruning and the Pareto trade-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User Guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The user guide (guide.md) was not found. Searched:&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Codec </source>
        <extracomment>toolbar label before the compression codec combo (spaces are padding)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The compressor of the golf-mixed-v1 model file (re-prices the model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>official int8 + zlib 9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The official format: int8 per row, fixed choices; no rules apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting for the checkpoint (the previous one stays open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot price the recipe: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recipe cannot be resolved against this model:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no checkpoint open — budget %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the recipe does not apply to this model (see Log) — budget %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pricing... — budget %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>official int8 format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codec refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading checkpoint...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pricing...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsaved recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Golf Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2[*] — Golf Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the workspace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the recipe: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the recipe: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot use the code file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model files (*.pt *.ptz *.pth);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipes (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipes (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code file (train_gpt.py)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Python (*.py);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count the code as the lzma+base85 self-extracting wrapper (usually much smaller)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a checkpoint first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting &quot;%1&quot; to %2 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PASSED: %1 bytes of %2, wrote %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded in the Pareto history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OVER BUDGET</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch run directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watching %1 as &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch log file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training logs (*.log *.txt *.jsonl);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the training settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start training: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the demo: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started the demo: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no checkpoint yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the run&apos;s checkpoint %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A training run is in progress. Stop it (it saves a checkpoint and can be resumed with golf train --resume) and quit?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;valuate recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantize, compress, write, read back and evaluate the current recipe on the validation slice; the point joins the Pareto view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Allocate...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose each tensor&apos;s setting so the model file fits the budget with the smallest estimated loss increase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pareto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no validation data is known for this checkpoint: it is not in a run folder and no dataset folder was used for training yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No evaluation history for %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n damaged line(s) of %1 skipped</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>recipe from the Pareto view: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded the recipe of &quot;%1&quot; (%2 bytes, val_bpb %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot use that recipe: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pricing every candidate setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fisher sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measuring each tensor&apos;s loss increase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planning and exact pricing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying by a round trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating the round trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot evaluate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (edited)</source>
        <extracomment>appended to a recipe&apos;s name when it has unsaved edits</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating &quot;%1&quot; on %2 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluated &quot;%1&quot;: %2 bytes, val_bpb %3 on %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot allocate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot allocate in the official int8 format: choose a codec of the golf-mixed-v1 container first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocating...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocating %1 model bytes (%2 estimate) on %3 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocation %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No allocation fits %1 model bytes: the smallest candidates need about %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allocate %1 bytes (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocation: model file %1 bytes (estimate %2), val_bpb %3 measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The allocation&apos;s recipe was refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code %1: %2 bytes (lzma+base85 wrapper)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code %1: %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocation: model file %1 bytes (estimate %2), val_bpb not measured</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes the next time Golf Studio starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GOLF_LANGUAGE is set in the environment and overrides this choice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App::RunWatcher</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App::TrainDialog</name>
    <message>
        <source>Train a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <extracomment>spin box suffix: seconds (leading space is intended)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model dim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KV heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLP multiplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad accumulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a dataset folder (shards and tokenizer.luts.json, as golf tokenize writes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 layers x %2 dims: %3 parameters; fp16 %4 bytes, int8 ~%5 bytes (before compression)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App::TrainProcess</name>
    <message>
        <source>Could not start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a training run is in progress already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot find the golf executable (set GOLF_BINARY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked the run to stop (STOP file); it finishes the step and saves a checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run did not stop in time; terminating it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PanelHelp</name>
    <message>
        <source>&lt;h3&gt;Budget bar&lt;/h3&gt;&lt;p&gt;The whole submission against the Parameter Golf cap of 16,000,000 &lt;b&gt;decimal&lt;/b&gt; bytes: the &lt;b&gt;model file&lt;/b&gt; (blue) plus the &lt;b&gt;code&lt;/b&gt; (grey: the &lt;code&gt;train_gpt.py&lt;/code&gt; chosen with File &amp;gt; Code file, raw or wrapped). The pale green rest is headroom; past the black budget line an overshoot is drawn red.&lt;/p&gt;&lt;p&gt;Under the bar a pill says &lt;i&gt;fits&lt;/i&gt; (green) or &lt;i&gt;over budget&lt;/i&gt; (red), then the exact figures, e.g. “15,863,489 of 16,000,000 bytes — 136,511 headroom”. The model bytes are real: every tensor is compressed with the current recipe and codec.&lt;/p&gt;&lt;p&gt;Lower bit-widths or prune in the Tensors table, or use Analyse &amp;gt; Allocate, until it is green; then spend the headroom where val_bpb gains most.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Byte-budget treemap&lt;/h3&gt;&lt;p&gt;Every byte of the artifact as a tile: the area of a tile is the exact number of compressed bytes that tensor takes in the model file. Tiles nest as model › block › attention/MLP › tensor; the code and the file&apos;s header are grey tiles of their own.&lt;/p&gt;&lt;p&gt;Colour shows bits per weight (legend at the bottom: dark purple = binary or ternary, teal = int6–int8, yellow = fp32). View &amp;gt; Colour treemap by quantization error switches to pale-to-dark-red for the relative error ‖w − ŵ‖ / ‖w‖.&lt;/p&gt;&lt;p&gt;Hover a tile for its shape, storage, raw and compressed bytes and share of the budget. Click selects the tensor in the table; double-click zooms into a group, and the breadcrumb, Backspace or Escape zooms out. Big tiles are where bytes can be saved.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Tensors&lt;/h3&gt;&lt;p&gt;One row per tensor of the open checkpoint: shape, number of values, how it is stored (&lt;b&gt;Quant&lt;/b&gt;: int2–int8, binary, ternary, fp16, …), its &lt;b&gt;Scales&lt;/b&gt; (per tensor, row or group), &lt;b&gt;Clip&lt;/b&gt;, &lt;b&gt;Prune&lt;/b&gt;, the fraction of zeros, bytes before and after compression, share of the budget, and &lt;b&gt;Set by&lt;/b&gt;: which part of the recipe decided the setting.&lt;/p&gt;&lt;p&gt;Double-click a Quant, Scales, Group, Clip or Prune cell to change it; with several rows selected the edit applies to all of them. The bar below sets the selection at once, or adds one recipe rule for every name a regular expression matches (e.g. &lt;code&gt;\.mlp\.&lt;/code&gt;). A refused edit says why in red.&lt;/p&gt;&lt;p&gt;Each edit is one undo step (Ctrl+Z) and is re-priced in the background; treemap and budget bar follow.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Training&lt;/h3&gt;&lt;p&gt;Live plots of every watched run: training loss, validation bits per byte (val_bpb), learning rate and tokens per second. Runs appear when you start Run &amp;gt; Train or the demo, or use Run &amp;gt; Watch run directory / Watch log file (an official &lt;code&gt;train_gpt.py&lt;/code&gt; log works too); several runs overlay, one colour each.&lt;/p&gt;&lt;p&gt;The x axis is the optimizer step or training time. The smoothing slider is an exponential moving average for noisy metrics (train loss, tokens/s); the raw series stays faint behind. Each plot can show another metric, use a log y axis, fit its axes (or double-click) and export CSV or PNG.&lt;/p&gt;&lt;p&gt;Watch val_bpb fall; when it flattens, more steps buy little.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Pareto view&lt;/h3&gt;&lt;p&gt;Every recipe evaluated on this checkpoint as a point: artifact bytes (model file + code) across, val_bpb after a real round trip (quantize, compress, write, read back, evaluate) up. Lower left is better.&lt;/p&gt;&lt;p&gt;The step line joins the &lt;b&gt;frontier&lt;/b&gt;: recipes no other recipe beats on both bytes and bpb. Faint points are dominated. The ring marks the current recipe; the vertical line is the byte budget, and only points left of it can be submitted.&lt;/p&gt;&lt;p&gt;Points come from Analyse &amp;gt; Evaluate recipe, Analyse &amp;gt; Allocate, verified exports and &lt;code&gt;golf pareto&lt;/code&gt;. Only points measured on the same validation tokens are comparable: the slice box picks them. Click a point to load its recipe (undoable).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Log&lt;/h3&gt;&lt;p&gt;What the window and its helper processes say, one time-stamped line each: checkpoints loaded and priced, the output of a &lt;code&gt;golf train&lt;/code&gt; or &lt;code&gt;golf demo&lt;/code&gt; child process, runs being watched, evaluations, allocations and exports with their verdicts and byte counts.&lt;/p&gt;&lt;p&gt;When something does not happen as expected (a checkpoint does not open, a recipe does not apply, training stops early), read the last lines here first: errors are reported with the reason. The panel keeps the newest 5,000 lines and follows new ones while it is scrolled to the bottom; text can be selected and copied.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Explain&lt;/h3&gt;&lt;p&gt;How the current recipe was applied to this model, the same text as &lt;code&gt;golf quantize --explain&lt;/code&gt;. For every tensor it lists the resolved setting (bits, scales, clipping, pruning) and which rule set each key, and it reports rules that match nothing or have no effect. Below it follows the size table: per-tensor file bytes, which add up exactly to the file size, and the total against the budget.&lt;/p&gt;&lt;p&gt;Use it to check that a regex rule hits the tensors you meant: a rule that silently applies to nothing is the most common recipe mistake.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Codec&lt;/h3&gt;&lt;p&gt;The compressor of the model file. lzma 9, zstd 22 and zlib 9 write Golf Studio&apos;s golf-mixed-v1 container, one compressed stream per tensor; choosing one re-prices the model, so the treemap and budget bar show what the choice is worth in bytes. Low-bit codes and pruned zeros compress much better than random-looking floats, and the codecs differ in how much they squeeze out.&lt;/p&gt;&lt;p&gt;&lt;i&gt;official int8 + zlib 9&lt;/i&gt; is the challenge&apos;s own format: int8 per row, fixed choices, no rules. It is an undo step, so Ctrl+Z brings the edited recipe back.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Budget figure&lt;/h3&gt;&lt;p&gt;The same figures as the budget bar, as text you can select and copy: total artifact bytes (model file + code) of 16,000,000, and the headroom left or, in bold red, how far over the budget it is. Before a checkpoint is open, or while a recipe is being priced, it says so instead.&lt;/p&gt;&lt;p&gt;All byte counts in Golf Studio are exact decimal bytes with thousands separators, never MiB: the challenge&apos;s cap is 16,000,000 bytes, not 16 MiB (16,777,216 bytes), and entries have been ruled out for a few thousand bytes.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Export result&lt;/h3&gt;&lt;p&gt;The verdict of File &amp;gt; Export on a coloured banner. Green &lt;b&gt;PASS&lt;/b&gt;: the records folder was written, read back, loaded strictly and evaluated; the table shows model file, code, total, budget and headroom in bytes, and val_bpb before quantization beside val_bpb after the round trip (their difference is what the compression cost).&lt;/p&gt;&lt;p&gt;Red &lt;b&gt;OVER BUDGET&lt;/b&gt;: the artifact would exceed the budget by the bytes shown and nothing was written; lower bit-widths or prune, then export again. &lt;b&gt;FAILED&lt;/b&gt; gives the reason.&lt;/p&gt;&lt;p&gt;Open folder shows the submission: model file, submission.json, README.md, train.log, train_gpt.py and recipe.json.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Allocation result&lt;/h3&gt;&lt;p&gt;What Analyse &amp;gt; Allocate came to. Allocate measures how much each tensor hurts the loss at each candidate setting, then picks one setting per tensor with the smallest summed estimate whose exact bytes fit the model-file budget (the artifact budget minus the code).&lt;/p&gt;&lt;p&gt;The banner says &lt;b&gt;FITS&lt;/b&gt;, &lt;b&gt;OVER BUDGET&lt;/b&gt;, &lt;b&gt;NO ALLOCATION FITS&lt;/b&gt;, &lt;b&gt;CANCELLED&lt;/b&gt; or &lt;b&gt;FAILED&lt;/b&gt;. The table puts the estimate, the exactly priced bytes and the round-trip val_bpb side by side, so you see how good the estimate was.&lt;/p&gt;&lt;p&gt;The result is now the recipe (one undo step) and a new point in the Pareto view.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Widgets::BudgetBar</name>
    <message>
        <source>%1 bytes — no budget set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 headroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — over by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model %1 bytes + code %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>over budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>headroom %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>over %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Widgets::ByteTree</name>
    <message>
        <source>header</source>
        <extracomment>bytes of the model file that are not tensor data (container header)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code</source>
        <extracomment>bytes of the counted source code (train_gpt.py)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Widgets::Metric</name>
    <message>
        <source>train loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val bpb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val bpb after export round trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val loss after export round trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate (× base)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens / s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step time, running mean (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation time (ms)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Widgets::MetricsPlot</name>
    <message>
        <source>Metric shown in this plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by training time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X axis: optimizer step, or training time (validation pauses excluded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>smoothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exponential moving average weight (0 = raw). The raw series stays faint behind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log y</source>
        <extracomment>check box: logarithmic y axis (short)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logarithmic y axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fit</source>
        <extracomment>button: zoom the plot to fit all data</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the axes to the data and follow new points (or double-click the plot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (all runs of this metric)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training time (h:min:s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training time (min:s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <extracomment>x-axis label: the optimizer step number of training</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no %1 logged yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1</source>
        <extracomment>optimizer step number in a tooltip</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <extracomment>seconds of training time</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;td&gt;&amp;nbsp;(raw %1)&lt;/td&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Widgets::ParetoView</name>
    <message>
        <source>slice</source>
        <extracomment>the evaluation slice: which validation tokens a recipe was scored on</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipes are comparable only when evaluated on the same tokens; the newest slice is shown first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fit</source>
        <extracomment>button: zoom the plot to fit all data</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the axes to the points (or double-click the plot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (every recipe evaluated)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>artifact bytes (model file + code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val_bpb after the round trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dominated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pareto frontier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recipes evaluated on this checkpoint yet.
Evaluate recipe or Allocate… adds points, as does golf pareto.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>budget %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>budget %1 →</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no recipes evaluated yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (current recipe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>source: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes (model %2 + code %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>headroom %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c62828&apos;&gt;over the budget by %1 bytes&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val_bpb %1 on %2</source>
        <extracomment>val_bpb = validation bits per byte (a metric name, usually kept); %2 the slice</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the Pareto frontier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 recipe on %1, %2 on the frontier (%3 on other slices, not comparable)</source>
        <extracomment>%1 slice name, %2 points on the Pareto frontier, %3 points evaluated on other slices</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 recipe on %1, %2 on the frontier</source>
        <extracomment>%1 slice name, %2 points on the Pareto frontier</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recipes on %2, %3 on the frontier (%4 on other slices, not comparable)</source>
        <extracomment>%1 recipes, %2 slice name, %3 points on the Pareto frontier, %4 points on other slices</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recipes on %2, %3 on the frontier</source>
        <extracomment>%1 recipes, %2 slice name, %3 points on the Pareto frontier</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Widgets::PlotStyle</name>
    <message>
        <source>export</source>
        <extracomment>small button opening a menu: export the plot as CSV or PNG</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Widgets::TensorTable</name>
    <message>
        <source>1 tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no tensor would change (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clip: expected none, a percentile like p99.99 or a multiple of the standard deviation like std:12.85, got &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prune: expected none, a percentage like 50%, N:M like 2:4, or rows like &quot;rows 25%&quot; or &quot;rows 25% x64&quot;, got &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2, %3 values
stored as %4
set by %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes before compression, %2 bytes in the file (%3 of the %4-byte budget)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Params</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quant</source>
        <extracomment>column header: the quantization format (int8, int4, ...)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scales</source>
        <extracomment>column header: granularity of quantization scales (per tensor, row or group)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip</source>
        <extracomment>column header: clipping of outliers before quantization</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prune</source>
        <extracomment>column header: pruning (setting weights to zero)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State-dict name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the values are stored (double-click to change)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One scale per tensor, per row, or per group of values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values per scale group (group granularity)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where values are clipped before the scale is derived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights zeroed before quantization: 50% smallest, N:M, or row blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fraction of stored values that are exactly zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes of codes, scales and passthrough before compression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes of the compressed file attributed to the tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File bytes as a share of the %1-byte budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which part of the recipe decided the setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group size: expected a whole number, got &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 column can&apos;t be edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter tensors by name (text or regular expression)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quant: keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scales: keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prune: keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none, 50%, 2:4, rows 25%, rows 25% x64; empty keeps it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply to selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>regex, e.g. \.mlp\.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recipe rule&apos;s &quot;match&quot;: an ECMAScript regular expression searched anywhere in the name, case-sensitive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply to matching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds one recipe rule for every tensor the regex matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or as a rule for names matching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked for %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply to %1 selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid regex: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The regex matches no tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked for a rule: %1 → %2 (%3 now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: N:M pruning %2:%3 needs the row length (%4) to be a multiple of %3</source>
        <extracomment>%1 tensor name, %2:%3 the N:M pattern (e.g. 2:4), %4 row length</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: rows pruning in blocks of %2 rows needs the row count (%3) to be a multiple of %2</source>
        <extracomment>%1 tensor name, %2 rows per block, %3 the tensor&apos;s row count</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scalar</source>
        <extracomment>the shape of a 0-dimensional tensor (a single number)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Widgets::TensorTableDelegate</name>
    <message>
        <source>How the tensor is stored: integer codes of 2..8 bits, binary, ternary, or a float type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One scale per tensor, per row, or per group of values in a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values per scale group (sets the granularity to &quot;group&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none, a percentile of |w| (p99.99) or a multiple of the standard deviation (std:12.85)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none, a fraction of the smallest weights (50%), N:M (2:4 keeps 2 of every 4), or row blocks (rows 25%, rows 25% x64)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Widgets::TrainingPlots</name>
    <message>
        <source>by step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by training time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X axis of all plots: optimizer step, or training time (validation pauses excluded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>smoothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exponential moving average weight for all plots (0 = raw). The raw series stays faint behind.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Widgets::TreemapWidget</name>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share of budget: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shape: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>params: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored as: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sparsity: %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>raw bytes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compressed bytes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quantization error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group of 1 tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group of %1 tensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code (counted source)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>container header (names, shapes, framing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 of the budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bits:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quantization error:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code / header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”: %2 of %3 tiles, %4 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scalar</source>
        <extracomment>the shape of a 0-dimensional tensor (a single number)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
