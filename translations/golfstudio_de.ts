<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>App::AllocateDialog</name>
    <message>
        <source>Allocate bytes</source>
        <translation>Bytes zuteilen</translation>
    </message>
    <message>
        <source>Chooses how each tensor is stored so the model file fits the budget with the smallest estimated loss increase: every candidate setting of every tensor is priced exactly and measured alone, a knapsack picks the settings, and the result is verified by a real round trip (quantize, compress, write, read back, evaluate). The result becomes the recipe (one undo step).</source>
        <translation>Legt fest, wie jeder Tensor gespeichert wird, damit die Modelldatei mit dem kleinsten geschätzten Loss-Anstieg ins Budget passt: Jede Kandidateneinstellung jedes Tensors wird exakt berechnet und einzeln gemessen, ein Knapsack-Verfahren wählt die Einstellungen aus, und das Ergebnis wird durch einen echten Round-Trip geprüft (quantisieren, komprimieren, schreiben, zurücklesen, evaluieren). Das Ergebnis wird zum Rezept (ein Rückgängig-Schritt).</translation>
    </message>
    <message>
        <source> bytes</source>
        <extracomment>spin box suffix (leading space is intended)</extracomment>
        <translation> Bytes</translation>
    </message>
    <message>
        <source>What the model file may take: the artifact budget %1 minus the code %2</source>
        <translation>Was die Modelldatei belegen darf: das Artefakt-Budget %1 abzüglich des Codes %2</translation>
    </message>
    <message>
        <source>measured loss increase of each tensor alone</source>
        <translation>gemessener Loss-Anstieg jedes einzelnen Tensors</translation>
    </message>
    <message>
        <source>Fisher proxy (no evaluation per cell, faster)</source>
        <translation>Fisher-Proxy (keine Evaluierung pro Zelle, schneller)</translation>
    </message>
    <message>
        <source>Validation tokens every cell and the result are measured on; recipes are comparable only on equal slices</source>
        <translation>Validierungs-Tokens, auf denen jede Zelle und das Ergebnis gemessen werden; Rezepte sind nur auf gleichen Ausschnitten vergleichbar</translation>
    </message>
    <message>
        <source>Candidate tensors: 2-D with at least this many values (the others keep the recipe&apos;s settings)</source>
        <translation>Kandidaten-Tensoren: 2-D mit mindestens so vielen Werten (die übrigen behalten die Einstellungen des Rezepts)</translation>
    </message>
    <message>
        <source>Model file budget</source>
        <translation>Budget der Modelldatei</translation>
    </message>
    <message>
        <source>= artifact budget %1 − code %2 bytes</source>
        <translation>= Artefakt-Budget %1 − Code %2 Bytes</translation>
    </message>
    <message>
        <source>Minimise</source>
        <translation>Minimieren</translation>
    </message>
    <message>
        <source>Evaluation tokens</source>
        <translation>Evaluierungs-Tokens</translation>
    </message>
    <message>
        <source>Candidate tensors with at least</source>
        <translation>Kandidaten-Tensoren mit mindestens</translation>
    </message>
    <message>
        <source>Allocate</source>
        <translation>Zuteilen</translation>
    </message>
</context>
<context>
    <name>App::AllocationResultDialog</name>
    <message>
        <source>Allocation result</source>
        <translation>Ergebnis der Zuteilung</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>ABGEBROCHEN</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>&lt;p&gt;Nothing changed. The cells measured so far are cached: the next allocation on this checkpoint resumes from them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Nichts wurde geändert. Die bisher gemessenen Zellen sind zwischengespeichert: Die nächste Zuteilung auf diesem Checkpoint setzt dort wieder an.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>NO ALLOCATION FITS</source>
        <translation>KEINE ZUTEILUNG PASST</translation>
    </message>
    <message>
        <source>&lt;p&gt;The model file may take %1 bytes (budget %2 − code %3), but even the smallest candidate of every tensor needs about %4 bytes. Nothing changed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Die Modelldatei darf %1 Bytes belegen (Budget %2 − Code %3), aber selbst der kleinste Kandidat jedes Tensors braucht zusammen etwa %4 Bytes. Nichts wurde geändert.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>no allocation fits: model budget %1, smallest %2</source>
        <translation>keine Zuteilung passt: Modellbudget %1, kleinste %2</translation>
    </message>
    <message>
        <source>FITS</source>
        <translation>PASST</translation>
    </message>
    <message>
        <source>OVER BUDGET</source>
        <translation>BUDGET ÜBERSCHRITTEN</translation>
    </message>
    <message>
        <source>model file bytes</source>
        <translation>Bytes der Modelldatei</translation>
    </message>
    <message>
        <source>artifact bytes (+ code %1)</source>
        <translation>Artefakt-Bytes (+ Code %1)</translation>
    </message>
    <message>
        <source>val_bpb</source>
        <extracomment>row label: validation bits per byte (a metric name, usually kept)</extracomment>
        <translation>val_bpb</translation>
    </message>
    <message>
        <source>increase over full precision</source>
        <translation>Anstieg gegenüber voller Genauigkeit</translation>
    </message>
    <message>
        <source>estimate</source>
        <translation>Schätzung</translation>
    </message>
    <message>
        <source>priced exactly</source>
        <translation>exakt berechnet</translation>
    </message>
    <message>
        <source>round trip</source>
        <translation>Round-Trip</translation>
    </message>
    <message>
        <source>headroom %1 bytes</source>
        <translation>%1 Bytes Spielraum</translation>
    </message>
    <message>
        <source>&lt;p&gt;Budget %1 bytes: %2.&lt;br&gt;</source>
        <translation>&lt;p&gt;Budget %1 Bytes: %2.&lt;br&gt;</translation>
    </message>
    <message>
        <source>budget %1: %2
</source>
        <translation>Budget %1: %2
</translation>
    </message>
    <message>
        <source>Minimised the %1 estimate over %2 candidate tensors on %3; %4 cells measured, %5 from the cache.</source>
        <translation>Die Schätzung „%1“ wurde über %2 Kandidaten-Tensoren auf %3 minimiert; %4 Zellen gemessen, %5 aus dem Cache.</translation>
    </message>
    <message>
        <source> Fisher proxy rank agreement with the measurement: %1.</source>
        <translation> Rangübereinstimmung des Fisher-Proxys mit der Messung: %1.</translation>
    </message>
    <message>
        <source> %1 bytes were held back for the header after exact pricing.</source>
        <translation> Nach der exakten Berechnung wurden %1 Bytes für den Header zurückgehalten.</translation>
    </message>
    <message>
        <source>&lt;/p&gt;&lt;p&gt;The allocation is now the recipe (Undo restores the previous one) and a point in the Pareto view.&lt;/p&gt;</source>
        <translation>&lt;/p&gt;&lt;p&gt;Die Zuteilung ist jetzt das Rezept (Rückgängig stellt das vorherige wieder her) und ein Punkt in der Pareto-Ansicht.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1: estimate %2, priced %3, measured %4
</source>
        <translation>%1: Schätzung %2, berechnet %3, gemessen %4
</translation>
    </message>
    <message>
        <source>over by %1 bytes</source>
        <translation>um %1 Bytes überschritten</translation>
    </message>
</context>
<context>
    <name>App::AnalysisController</name>
    <message>
        <source>E&amp;valuate recipe</source>
        <translation>Rezept &amp;evaluieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Quantize, compress, write, read back and evaluate the current recipe on the validation slice; the point joins the Pareto view</source>
        <translation>Das aktuelle Rezept quantisieren, komprimieren, schreiben, zurücklesen und auf dem Validierungsausschnitt evaluieren; der Punkt kommt in die Pareto-Ansicht</translation>
    </message>
    <message>
        <source>&amp;Allocate...</source>
        <translation>&amp;Zuteilen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>Choose each tensor&apos;s setting so the model file fits the budget with the smallest estimated loss increase</source>
        <translation>Die Einstellung jedes Tensors so wählen, dass die Modelldatei mit dem kleinsten geschätzten Loss-Anstieg ins Budget passt</translation>
    </message>
    <message>
        <source>no validation data is known for this checkpoint: it is not in a run folder and no dataset folder was used for training yet</source>
        <translation>für diesen Checkpoint sind keine Validierungsdaten bekannt: Er liegt in keinem Laufordner, und für das Training wurde noch kein Datensatzordner verwendet</translation>
    </message>
    <message>
        <source>No evaluation history for %1: %2</source>
        <translation>Keine Evaluierungshistorie für %1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>1 damaged line of %1 skipped</source>
        <translation>1 beschädigte Zeile in %1 übersprungen</translation>
    </message>
    <message numerus="yes">
        <source>%n damaged lines of %1 skipped</source>
        <translation>
            <numerusform>%n beschädigte Zeile in %1 übersprungen</numerusform>
            <numerusform>%n beschädigte Zeilen in %1 übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>recipe from the Pareto view: %1</source>
        <translation>Rezept aus der Pareto-Ansicht: %1</translation>
    </message>
    <message>
        <source>Loaded the recipe of &quot;%1&quot; (%2 bytes, val_bpb %3)</source>
        <translation>Rezept von „%1“ geladen (%2 Bytes, val_bpb %3)</translation>
    </message>
    <message>
        <source>Cannot use that recipe: %1</source>
        <translation>Dieses Rezept kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>Modell wird geladen</translation>
    </message>
    <message>
        <source>Pricing every candidate setting</source>
        <translation>Jede Kandidateneinstellung wird berechnet</translation>
    </message>
    <message>
        <source>Fisher sample</source>
        <translation>Fisher-Stichprobe</translation>
    </message>
    <message>
        <source>Measuring each tensor&apos;s loss increase</source>
        <translation>Loss-Anstieg jedes Tensors wird gemessen</translation>
    </message>
    <message>
        <source>Planning and exact pricing</source>
        <translation>Planung und exakte Berechnung</translation>
    </message>
    <message>
        <source>Verifying by a round trip</source>
        <translation>Prüfung durch einen Round-Trip</translation>
    </message>
    <message>
        <source>Evaluating the round trip</source>
        <translation>Round-Trip wird evaluiert</translation>
    </message>
    <message>
        <source>this model is not golf&apos;s GPT: choose its train_gpt.py (File &gt; Code file) to score it with</source>
        <translation>dieses Modell ist nicht golfs GPT: wählen Sie sein train_gpt.py (Datei &gt; Code-Datei), um es damit zu bewerten</translation>
    </message>
    <message>
        <source>Cannot evaluate: %1</source>
        <translation>Evaluierung nicht möglich: %1</translation>
    </message>
    <message>
        <source>recipe</source>
        <translation>Rezept</translation>
    </message>
    <message>
        <source> (edited)</source>
        <extracomment>appended to a recipe&apos;s name when it has unsaved edits</extracomment>
        <translation> (bearbeitet)</translation>
    </message>
    <message>
        <source>Evaluating...</source>
        <translation>Wird evaluiert …</translation>
    </message>
    <message>
        <source>Evaluating &quot;%1&quot; on %2 ...</source>
        <translation>„%1“ wird auf %2 evaluiert …</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>Evaluierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Evaluated &quot;%1&quot;: %2 bytes, val_bpb %3 on %4</source>
        <translation>„%1“ evaluiert: %2 Bytes, val_bpb %3 auf %4</translation>
    </message>
    <message>
        <source>Open a checkpoint first.</source>
        <translation>Öffnen Sie zuerst einen Checkpoint.</translation>
    </message>
    <message>
        <source>Cannot allocate: %1</source>
        <translation>Zuteilung nicht möglich: %1</translation>
    </message>
    <message>
        <source>Cannot allocate in the official int8 format: choose a codec of the golf-mixed-v1 container first</source>
        <translation>Im offiziellen int8-Format ist keine Zuteilung möglich: Wählen Sie zuerst einen Codec des golf-mixed-v1-Containers</translation>
    </message>
    <message>
        <source>Allocating...</source>
        <translation>Wird zugeteilt …</translation>
    </message>
    <message>
        <source>Allocating %1 model bytes (%2 estimate) on %3 ...</source>
        <translation>%1 Modell-Bytes werden auf %3 zugeteilt (Schätzung: %2) …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Allocate</source>
        <translation>Zuteilen</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>Allocation %1</source>
        <translation>Zuteilung %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>No allocation fits %1 model bytes: the smallest candidates need about %2</source>
        <translation>Keine Zuteilung passt in %1 Modell-Bytes: Die kleinsten Kandidaten brauchen etwa %2</translation>
    </message>
    <message>
        <source>allocate %1 bytes (%2)</source>
        <translation>%1 Bytes zuteilen (%2)</translation>
    </message>
    <message>
        <source>Allocation: model file %1 bytes (estimate %2), val_bpb %3 measured</source>
        <translation>Zuteilung: Modelldatei %1 Bytes (Schätzung %2), val_bpb %3 gemessen</translation>
    </message>
    <message>
        <source>Allocation: model file %1 bytes (estimate %2), val_bpb not measured</source>
        <translation>Zuteilung: Modelldatei %1 Bytes (Schätzung %2), val_bpb nicht gemessen</translation>
    </message>
    <message>
        <source>The allocation&apos;s recipe was refused: %1</source>
        <translation>Das Rezept der Zuteilung wurde abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>App::AnalysisRunner</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>App::CExportAction</name>
    <message>
        <source>Export as C program</source>
        <translation>Als C-Programm exportieren</translation>
    </message>
    <message>
        <source>Exporting %1 as a C program into %2 ...</source>
        <translation>Exportiere %1 als C-Programm nach %2 ...</translation>
    </message>
    <message>
        <source>Exporting as C...</source>
        <translation>Exportiere als C...</translation>
    </message>
    <message>
        <source>C export failed: %1</source>
        <translation>C-Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>C export failed</source>
        <translation>C-Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Wrote golfmodel.c, golfmodel.h, a Makefile and the weights (%1 bytes: codes %2, scales %3, floats %4) into %5. Stored as: %6. Key/value cache: %7 bytes per token. Build it with make; ./golfmodel generate and ./golfmodel score run it (README.md).</source>
        <translation>golfmodel.c, golfmodel.h, ein Makefile und die Gewichte (%1 Bytes: Codes %2, Skalen %3, Gleitkomma %4) nach %5 geschrieben. Gespeichert als: %6. Key/Value-Cache: %7 Bytes pro Token. Mit make bauen; ./golfmodel generate und ./golfmodel score führen es aus (README.md).</translation>
    </message>
    <message>
        <source>Exported as C</source>
        <translation>Als C exportiert</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
</context>
<context>
    <name>App::DemoOffer</name>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Parameter Golf&lt;/b&gt;: train the best small language model whose artifact &amp;mdash; the code plus the compressed model &amp;mdash; fits in &lt;b&gt;16,000,000 bytes&lt;/b&gt;, scored in bits per byte (val_bpb) on held-out text. The demo walks the whole way on real English text in a few CPU minutes:&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Tokenize&lt;/b&gt; &amp;mdash; learn a 1,024-piece vocabulary from the text and write it as token shards in the challenge&apos;s own format.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Train&lt;/b&gt; &amp;mdash; a ~2M-parameter GPT with the official recipe (Muon + Adam), validating in bits per byte as it goes.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Watch&lt;/b&gt; &amp;mdash; the loss and val_bpb curves draw live in the Training panel while the run writes its run directory.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Compress&lt;/b&gt; &amp;mdash; the checkpoint opens in the treemap: every tile is a tensor&apos;s exact compressed bytes. Change bit-widths in the table and watch the budget move.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Export&lt;/b&gt; &amp;mdash; File &amp;gt; Export writes a records folder, re-reads the file and re-scores it, so the round-trip val_bpb is the one that counts.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Parameter Golf&lt;/b&gt;: das beste kleine Sprachmodell trainieren, dessen Artefakt &amp;mdash; der Code plus das komprimierte Modell &amp;mdash; in &lt;b&gt;16,000,000 Bytes&lt;/b&gt; passt, bewertet in Bits pro Byte (val_bpb) auf zurückgehaltenem Text. Die Demo geht den ganzen Weg an echtem englischem Text in wenigen CPU-Minuten:&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Tokenisieren&lt;/b&gt; &amp;mdash; aus dem Text ein Vokabular mit 1024 Einträgen lernen und es als Token-Shards im Format der Challenge schreiben.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Trainieren&lt;/b&gt; &amp;mdash; ein GPT mit ~2 Mio. Parametern nach dem offiziellen Rezept (Muon + Adam), das laufend in Bits pro Byte validiert.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Beobachten&lt;/b&gt; &amp;mdash; die Loss- und val_bpb-Kurven entstehen live im Bereich Training, während der Lauf sein Laufverzeichnis schreibt.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Komprimieren&lt;/b&gt; &amp;mdash; der Checkpoint öffnet sich in der Treemap: Jede Kachel zeigt die exakten komprimierten Bytes eines Tensors. Ändern Sie Bitbreiten in der Tabelle und sehen Sie zu, wie sich das Budget bewegt.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Exportieren&lt;/b&gt; &amp;mdash; Datei &amp;gt; Exportieren schreibt einen Records-Ordner, liest die Datei erneut ein und bewertet sie neu, denn der val_bpb nach dem Round-Trip ist der, der zählt.&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>Welcome to Golf Studio</source>
        <translation>Willkommen bei Golf Studio</translation>
    </message>
    <message>
        <source>&lt;p&gt;The demo works in &lt;code&gt;%1&lt;/code&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Die Demo arbeitet in &lt;code&gt;%1&lt;/code&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Don&apos;t offer the demo again</source>
        <translation>Die Demo nicht mehr anbieten</translation>
    </message>
    <message>
        <source>Run the demo</source>
        <translation>Demo ausführen</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Jetzt nicht</translation>
    </message>
</context>
<context>
    <name>App::DistillationBox</name>
    <message>
        <source>Teacher: %1 bytes on disk, never part of the artifact.</source>
        <translation>Lehrer: %1 Bytes auf der Platte, nie Teil des Artefakts.</translation>
    </message>
    <message>
        <source>Every step also runs the teacher forward (a model ~%1x the student&apos;s size) unless the cache holds its logits.</source>
        <translation>Jeder Schritt rechnet zusätzlich den Vorwärtslauf des Lehrers (ein Modell von ~%1x der Größe des Schülers), außer der Cache hält seine Logits.</translation>
    </message>
    <message>
        <source>Logit cache: %1 bytes for this run (top %2 per token), shared by later runs with the same data and batch layout.</source>
        <translation>Logit-Cache: %1 Bytes für diesen Lauf (Top %2 je Token), geteilt mit späteren Läufen mit denselben Daten und derselben Batch-Aufteilung.</translation>
    </message>
    <message>
        <source>Distillation</source>
        <translation>Destillation</translation>
    </message>
    <message>
        <source>off: choose a teacher model on the same tokenizer</source>
        <translation>aus: ein Lehrermodell mit demselben Tokenizer wählen</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Weight of the cross-entropy on the true next token; the rest goes to the KL divergence from the teacher (x T squared)</source>
        <translation>Gewicht der Kreuzentropie zum wahren nächsten Token; der Rest geht an die KL-Divergenz zum Lehrer (x T zum Quadrat)</translation>
    </message>
    <message>
        <source>Softens both distributions before they are compared</source>
        <translation>Glättet beide Verteilungen, bevor sie verglichen werden</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>The teacher&apos;s k most likely tokens per position, renormalised</source>
        <translation>Die k wahrscheinlichsten Token des Lehrers je Position, renormiert</translation>
    </message>
    <message>
        <source>Cache the teacher&apos;s logits beside it (needs top k)</source>
        <translation>Logits des Lehrers daneben zwischenspeichern (braucht Top k)</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Lehrer</translation>
    </message>
    <message>
        <source>CE weight (alpha)</source>
        <translation>CE-Gewicht (alpha)</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Top k</source>
        <translation>Top k</translation>
    </message>
    <message>
        <source>Teacher model</source>
        <translation>Lehrermodell</translation>
    </message>
    <message>
        <source>Model files (*.pt *.ptz *.gmix *.bin);;All files (*)</source>
        <translation>Modelldateien (*.pt *.ptz *.gmix *.bin);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The first run writes the teacher&apos;s top-k logits; later runs with the same data and batch layout read them and never run the teacher</source>
        <translation>Der erste Lauf schreibt die Top-k-Logits des Lehrers; spätere Läufe mit denselben Daten und derselben Batch-Aufteilung lesen sie und rechnen den Lehrer nie</translation>
    </message>
</context>
<context>
    <name>App::Document</name>
    <message>
        <source>Loaded %1: %2 tensors, %3 parameters (%4 ms)</source>
        <translation>%1 geladen: %2 Tensoren, %3 Parameter (%4 ms)</translation>
    </message>
    <message>
        <source>Could not load %1: %2</source>
        <translation>%1 konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>all %1 tensors</source>
        <translation>alle %1 Tensoren</translation>
    </message>
    <message>
        <source>the changed tensor</source>
        <translation>den geänderten Tensor</translation>
    </message>
    <message>
        <source>%1 changed tensors</source>
        <translation>%1 geänderte Tensoren</translation>
    </message>
    <message>
        <source>Priced %1 in %2 ms: %3 model bytes (cache %4 hits, %5 misses)</source>
        <translation>%1 in %2 ms berechnet: %3 Modell-Bytes (Cache: %4 Treffer, %5 Fehltreffer)</translation>
    </message>
    <message>
        <source>Cannot price the recipe: %1</source>
        <translation>Die Bytes des Rezepts können nicht berechnet werden: %1</translation>
    </message>
    <message>
        <source>Loading %1 ...</source>
        <translation>%1 wird geladen …</translation>
    </message>
    <message>
        <source>Loading cancelled</source>
        <translation>Laden abgebrochen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Refused %1: %2</source>
        <translation>%1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>no tensor to edit</source>
        <translation>kein Tensor zum Bearbeiten</translation>
    </message>
    <message>
        <source>Refused edit: %1</source>
        <translation>Bearbeitung abgelehnt: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n tensors</source>
        <translation>
            <numerusform>%n Tensor</numerusform>
            <numerusform>%n Tensoren</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Refused rule: %1</source>
        <translation>Regel abgelehnt: %1</translation>
    </message>
    <message>
        <source>rule /%1/: %2</source>
        <translation>Regel /%1/: %2</translation>
    </message>
    <message>
        <source>codec %1 %2</source>
        <translation>Codec %1 %2</translation>
    </message>
    <message>
        <source>Cannot open recipe: %1</source>
        <translation>Rezept kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>open recipe %1</source>
        <translation>Rezept %1 öffnen</translation>
    </message>
    <message>
        <source>Opened recipe %1</source>
        <translation>Rezept %1 geöffnet</translation>
    </message>
    <message>
        <source>Cannot save recipe: %1</source>
        <translation>Rezept kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Saved recipe %1</source>
        <translation>Rezept %1 gespeichert</translation>
    </message>
    <message>
        <source>Cannot count code bytes: %1</source>
        <translation>Die Code-Bytes können nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>This model is not golf&apos;s GPT: Evaluate and Allocate score it with its own train_gpt.py (File &gt; Code file).</source>
        <translation>Dieses Modell ist nicht golfs GPT: Evaluieren und Zuteilen bewerten es mit seinem eigenen train_gpt.py (Datei &gt; Code-Datei).</translation>
    </message>
    <message>
        <source>Learned sparsity: %1</source>
        <translation>Gelernte Sparsität: %1</translation>
    </message>
    <message>
        <source>Architecture: %1</source>
        <translation>Architektur: %1</translation>
    </message>
</context>
<context>
    <name>App::ExportController</name>
    <message>
        <source>Open a checkpoint first.</source>
        <translation>Öffnen Sie zuerst einen Checkpoint.</translation>
    </message>
    <message>
        <source>Exporting &quot;%1&quot; to %2 ...</source>
        <translation>„%1“ wird nach %2 exportiert …</translation>
    </message>
    <message>
        <source>Export PASSED: %1 bytes of %2, wrote %3</source>
        <translation>Export BESTANDEN: %1 von %2 Bytes, %3 geschrieben</translation>
    </message>
    <message>
        <source>Not recorded in the Pareto history: %1</source>
        <translation>Nicht in die Pareto-Historie aufgenommen: %1</translation>
    </message>
    <message>
        <source>Export %1: %2</source>
        <translation>Export %1: %2</translation>
    </message>
    <message>
        <source>OVER BUDGET</source>
        <translation>BUDGET ÜBERSCHRITTEN</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>App::ExportDialog</name>
    <message>
        <source>Export a submission</source>
        <translation>Einreichung exportieren</translation>
    </message>
    <message>
        <source>e.g. int6 MLP, lzma</source>
        <translation>z. B. int6 MLP, lzma</translation>
    </message>
    <message>
        <source>One paragraph: what this submission does differently.</source>
        <translation>Ein Absatz: Was macht diese Einreichung anders?</translation>
    </message>
    <message>
        <source>train_gpt.py (its bytes count toward the budget)</source>
        <translation>train_gpt.py (ihre Bytes zählen zum Budget)</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Ship the code as the lzma+base85 self-extracting wrapper</source>
        <translation>Code als selbstentpackenden lzma+base85-Wrapper ausliefern</translation>
    </message>
    <message>
        <source>Verify: re-read the written file and evaluate it (round-trip val_bpb)</source>
        <translation>Prüfen: geschriebene Datei erneut einlesen und evaluieren (val_bpb nach dem Round-Trip)</translation>
    </message>
    <message>
        <source>the whole validation set</source>
        <translation>die gesamte Validierungsmenge</translation>
    </message>
    <message>
        <source>the first </source>
        <extracomment>spin box prefix: &quot;the first &lt;N&gt; tokens&quot; (trailing space is intended)</extracomment>
        <translation>die ersten </translation>
    </message>
    <message>
        <source> tokens</source>
        <extracomment>spin box suffix: &quot;the first &lt;N&gt; tokens&quot; (leading space is intended)</extracomment>
        <translation> Tokens</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>Rezept</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>GitHub id</source>
        <translation>GitHub-ID</translation>
    </message>
    <message>
        <source>Blurb</source>
        <translation>Kurzbeschreibung</translation>
    </message>
    <message>
        <source>Code file</source>
        <translation>Code-Datei</translation>
    </message>
    <message>
        <source>Records folder</source>
        <translation>Records-Ordner</translation>
    </message>
    <message>
        <source>Budget (bytes)</source>
        <translation>Budget (Bytes)</translation>
    </message>
    <message>
        <source>Verify on</source>
        <translation>Prüfen auf</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Python (*.py);;All files (*)</source>
        <translation>Python (*.py);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>(unnamed recipe)</source>
        <translation>(unbenanntes Rezept)</translation>
    </message>
    <message>
        <source>Model-only bundle: no train_gpt.py (not a submission by itself)</source>
        <translation>Nur-Modell-Paket: kein train_gpt.py (für sich allein keine Einreichung)</translation>
    </message>
    <message>
        <source>No code: the folder will hold the model file only.</source>
        <translation>Kein Code: Der Ordner enthält nur die Modelldatei.</translation>
    </message>
    <message>
        <source>A submission&apos;s train_gpt.py must write the model file itself: choose the script, or tick the model-only bundle.</source>
        <translation>Das train_gpt.py einer Einreichung muss die Modelldatei selbst schreiben: Wählen Sie das Skript, oder kreuzen Sie das Nur-Modell-Paket an.</translation>
    </message>
    <message>
        <source>No such file.</source>
        <translation>Datei nicht gefunden.</translation>
    </message>
    <message>
        <source>Found %1: the script writes the official int8+zlib file itself.</source>
        <translation>Gefunden: %1. Das Skript schreibt die offizielle int8+zlib-Datei selbst.</translation>
    </message>
    <message>
        <source>Found %1: golf replaces it so that the script writes, re-reads and scores this model file itself.</source>
        <translation>Gefunden: %1. golf ersetzt es, sodass das Skript genau diese Modelldatei selbst schreibt, wieder einliest und bewertet.</translation>
    </message>
</context>
<context>
    <name>App::ExportResultDialog</name>
    <message>
        <source>Export result</source>
        <translation>Exportergebnis</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;model file&lt;/td&gt;&lt;td align=right&gt;%1 bytes&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;Modelldatei&lt;/td&gt;&lt;td align=right&gt;%1 Bytes&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;code%1&lt;/td&gt;&lt;td align=right&gt;%2 bytes&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;Code%1&lt;/td&gt;&lt;td align=right&gt;%2 Bytes&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;&lt;b&gt;total&lt;/b&gt;&lt;/td&gt;&lt;td align=right&gt;&lt;b&gt;%1 bytes&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;&lt;b&gt;Summe&lt;/b&gt;&lt;/td&gt;&lt;td align=right&gt;&lt;b&gt;%1 Bytes&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;budget&lt;/td&gt;&lt;td align=right&gt;%1 bytes&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;Budget&lt;/td&gt;&lt;td align=right&gt;%1 Bytes&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;headroom&lt;/td&gt;&lt;td align=right&gt;%1 bytes&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;Spielraum&lt;/td&gt;&lt;td align=right&gt;%1 Bytes&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;&lt;b&gt;over by&lt;/b&gt;&lt;/td&gt;&lt;td align=right&gt;&lt;b&gt;%1 bytes&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;&lt;b&gt;überschritten um&lt;/b&gt;&lt;/td&gt;&lt;td align=right&gt;&lt;b&gt;%1 Bytes&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;val_bpb before quantization: &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;val_bpb after the round trip: &lt;b&gt;%2&lt;/b&gt; (%3, %4 tokens)&lt;/p&gt;</source>
        <translation>&lt;p&gt;val_bpb vor der Quantisierung: &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;val_bpb nach dem Round-Trip: &lt;b&gt;%2&lt;/b&gt; (%3, %4 Tokens)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Not verified: no round-trip score was recorded.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Nicht geprüft: Es wurde kein Round-Trip-Ergebnis aufgezeichnet.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Nothing was written. Lower bit-widths or prune tensors until the budget bar is green.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Nichts wurde geschrieben. Senken Sie Bitbreiten oder prunen Sie Tensoren, bis der Budgetbalken grün ist.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>BESTANDEN</translation>
    </message>
    <message>
        <source>OVER BUDGET</source>
        <translation>BUDGET ÜBERSCHRITTEN</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>OVER BUDGET by %1 bytes</source>
        <translation>BUDGET UM %1 BYTES ÜBERSCHRITTEN</translation>
    </message>
    <message>
        <source>&lt;p&gt;Wrote &lt;code&gt;%1&lt;/code&gt; in %2 s.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;code&gt;%1&lt;/code&gt; in %2 s geschrieben.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Wrote &lt;code&gt;%1&lt;/code&gt; and its .zip in %2 s.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;code&gt;%1&lt;/code&gt; samt .zip in %2 s geschrieben.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;train_gpt.py writes this file itself (golf rewrote %1) and prints:&lt;br&gt;&lt;code&gt;%2&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;train_gpt.py schreibt diese Datei selbst (golf hat %1 umgeschrieben) und gibt aus:&lt;br&gt;&lt;code&gt;%2&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>App::ExportRunner</name>
    <message>
        <source>Exporting...</source>
        <translation>Wird exportiert …</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
</context>
<context>
    <name>App::GolfBinary</name>
    <message>
        <source>cannot find the golf executable (set GOLF_BINARY)</source>
        <translation>die ausführbare Datei golf wurde nicht gefunden (GOLF_BINARY setzen)</translation>
    </message>
</context>
<context>
    <name>App::GolfServer</name>
    <message>
        <source>golf serve crashed</source>
        <translation>golf serve ist abgestürzt</translation>
    </message>
    <message>
        <source>golf serve exited with status %1</source>
        <translation>golf serve wurde mit Status %1 beendet</translation>
    </message>
    <message>
        <source>could not start %1: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
</context>
<context>
    <name>App::MainWindow</name>
    <message>
        <source>Open &amp;workspace...</source>
        <translation>&amp;Arbeitsbereich öffnen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>&amp;Open checkpoint...</source>
        <translation>&amp;Checkpoint öffnen…</translation>
    </message>
    <message>
        <source>Load a model file and price it under the current recipe</source>
        <translation>Eine Modelldatei laden und ihre Bytes mit dem aktuellen Rezept berechnen</translation>
    </message>
    <message>
        <source>Open &amp;recipe...</source>
        <translation>&amp;Rezept öffnen…</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>&amp;Save recipe</source>
        <translation>Rezept &amp;speichern</translation>
    </message>
    <message>
        <source>Save recipe &amp;as...</source>
        <translation>Rezept speichern &amp;unter…</translation>
    </message>
    <message>
        <source>&amp;Code file...</source>
        <translation>C&amp;ode-Datei…</translation>
    </message>
    <message>
        <source>The train_gpt.py whose bytes count toward the budget</source>
        <translation>Die train_gpt.py, deren Bytes zum Budget zählen</translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>&amp;Train...</source>
        <translation>&amp;Trainieren…</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>&amp;Stop training</source>
        <translation>Training &amp;stoppen</translation>
    </message>
    <message>
        <source>&amp;Watch run directory...</source>
        <translation>Lauf&amp;verzeichnis beobachten…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+W</source>
        <translation>Ctrl+Shift+W</translation>
    </message>
    <message>
        <source>Watch &amp;log file...</source>
        <translation>&amp;Logdatei beobachten…</translation>
    </message>
    <message>
        <source>Run the &amp;demo</source>
        <translation>&amp;Demo ausführen</translation>
    </message>
    <message>
        <source>&amp;About Golf Studio</source>
        <translation>Ü&amp;ber Golf Studio</translation>
    </message>
    <message>
        <source>About Golf Studio</source>
        <translation>Über Golf Studio</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Golf Studio&lt;/b&gt; %1 &amp;mdash; a workbench for OpenAI&apos;s Parameter Golf.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Golf Studio&lt;/b&gt; %1 &amp;mdash; eine Werkbank für OpenAIs Parameter Golf.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;GPL-3.0-or-later.&lt;/p&gt;</source>
        <translation>&lt;p&gt;GPL-3.0-or-later.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>Erklärung</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>Tensoren</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Log and explain</source>
        <translation>Protokoll und Erklärung</translation>
    </message>
    <message>
        <source>Edit refused: %1</source>
        <translation>Bearbeitung abgelehnt: %1</translation>
    </message>
    <message>
        <source>Rule refused: %1</source>
        <translation>Regel abgelehnt: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>Zuletzt verwendete Arbeitsbereiche</translation>
    </message>
    <message>
        <source>Recipe presets</source>
        <translation>Rezeptvorlagen</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Colour treemap by quantization error</source>
        <translation>Treemap nach Quantisierungsfehler färben</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>A&amp;usführen</translation>
    </message>
    <message>
        <source>&amp;Analyse</source>
        <translation>A&amp;nalyse</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>User &amp;Guide</source>
        <translation>Benutzer&amp;handbuch</translation>
    </message>
    <message>
        <source>Open the user guide: the demo step by step, bits per byte, the byte budget, quantization, pruning and the Pareto trade-off</source>
        <translation>Das Benutzerhandbuch öffnen: die Demo Schritt für Schritt, Bits pro Byte, das Byte-Budget, Quantisierung, Pruning und der Pareto-Kompromiss</translation>
    </message>
    <message>
        <source>User Guide</source>
        <translation>Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&lt;p&gt;The user guide (guide.md) was not found. Searched:&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;</source>
        <translation>&lt;p&gt;Das Benutzerhandbuch (guide.md) wurde nicht gefunden. Durchsucht:&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source> Codec </source>
        <extracomment>toolbar label before the compression codec combo (spaces are padding)</extracomment>
        <translation> Codec </translation>
    </message>
    <message>
        <source>The compressor of the golf-mixed-v1 model file (re-prices the model)</source>
        <translation>Der Kompressor der golf-mixed-v1-Modelldatei (berechnet die Bytes des Modells neu)</translation>
    </message>
    <message>
        <source>official int8 + zlib 9</source>
        <translation>offiziell int8 + zlib 9</translation>
    </message>
    <message>
        <source>The official format: int8 per row, fixed choices; no rules apply</source>
        <translation>Das offizielle Format: int8 pro Zeile, feste Einstellungen; Regeln greifen nicht</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop waiting for the checkpoint (the previous one stays open)</source>
        <translation>Nicht länger auf den Checkpoint warten (der vorherige bleibt geöffnet)</translation>
    </message>
    <message>
        <source>Could not load %1: %2</source>
        <translation>%1 konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>Cannot price the recipe: %1</source>
        <translation>Die Bytes des Rezepts können nicht berechnet werden: %1</translation>
    </message>
    <message>
        <source>The recipe cannot be resolved against this model:
%1</source>
        <translation>Das Rezept lässt sich für dieses Modell nicht auflösen:
%1</translation>
    </message>
    <message>
        <source>no checkpoint open — budget %1 bytes</source>
        <translation>kein Checkpoint geöffnet — Budget %1 Bytes</translation>
    </message>
    <message>
        <source>the recipe does not apply to this model (see Log) — budget %1 bytes</source>
        <translation>das Rezept passt nicht zu diesem Modell (siehe Protokoll) — Budget %1 Bytes</translation>
    </message>
    <message>
        <source>pricing... — budget %1 bytes</source>
        <translation>Bytes werden berechnet … — Budget %1 Bytes</translation>
    </message>
    <message>
        <source>official int8 format</source>
        <translation>offizielles int8-Format</translation>
    </message>
    <message>
        <source>Codec refused: %1</source>
        <translation>Codec abgelehnt: %1</translation>
    </message>
    <message>
        <source>Loading checkpoint...</source>
        <translation>Checkpoint wird geladen …</translation>
    </message>
    <message>
        <source>Pricing...</source>
        <translation>Bytes werden berechnet …</translation>
    </message>
    <message>
        <source>Exporting...</source>
        <translation>Wird exportiert …</translation>
    </message>
    <message>
        <source>Training...</source>
        <translation>Training läuft …</translation>
    </message>
    <message>
        <source>unsaved recipe</source>
        <translation>ungespeichertes Rezept</translation>
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
        <translation>Der Arbeitsbereich %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Workspace %1</source>
        <translation>Arbeitsbereich %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Cannot open the recipe: %1</source>
        <translation>Das Rezept kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Cannot save the recipe: %1</source>
        <translation>Das Rezept kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Cannot use the code file: %1</source>
        <translation>Die Code-Datei kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation>Checkpoint öffnen</translation>
    </message>
    <message>
        <source>Model files (*.pt *.ptz *.pth);;All files (*)</source>
        <translation>Modelldateien (*.pt *.ptz *.pth);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open recipe</source>
        <translation>Rezept öffnen</translation>
    </message>
    <message>
        <source>Recipes (*.json);;All files (*)</source>
        <translation>Rezepte (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save recipe</source>
        <translation>Rezept speichern</translation>
    </message>
    <message>
        <source>Recipes (*.json)</source>
        <translation>Rezepte (*.json)</translation>
    </message>
    <message>
        <source>Code file (train_gpt.py)</source>
        <translation>Code-Datei (train_gpt.py)</translation>
    </message>
    <message>
        <source>Python (*.py);;All files (*)</source>
        <translation>Python (*.py);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Code file</source>
        <translation>Code-Datei</translation>
    </message>
    <message>
        <source>Count the code as the lzma+base85 self-extracting wrapper (usually much smaller)?</source>
        <translation>Den Code als selbstentpackenden lzma+base85-Wrapper zählen (meist deutlich kleiner)?</translation>
    </message>
    <message>
        <source>Training in progress</source>
        <translation>Training läuft</translation>
    </message>
    <message>
        <source>A training run is in progress. Stop it (it saves a checkpoint and can be resumed with golf train --resume) and quit?</source>
        <translation>Ein Trainingslauf ist im Gange. Ihn stoppen (er speichert einen Checkpoint und lässt sich mit golf train --resume fortsetzen) und beenden?</translation>
    </message>
    <message>
        <source>Pareto</source>
        <translation>Pareto</translation>
    </message>
    <message>
        <source>Code %1: %2 bytes (lzma+base85 wrapper)</source>
        <translation>Code %1: %2 Bytes (lzma+base85-Wrapper)</translation>
    </message>
    <message>
        <source>Code %1: %2 bytes</source>
        <translation>Code %1: %2 Bytes</translation>
    </message>
    <message>
        <source>Export as &amp;C program...</source>
        <translation>Als &amp;C-Programm exportieren...</translation>
    </message>
    <message>
        <source>Write the open model under this recipe as a C program that runs it from its quantized codes, with no libraries</source>
        <translation>Das geöffnete Modell mit diesem Rezept als C-Programm schreiben, das es aus seinen quantisierten Codes ausführt, ohne Bibliotheken</translation>
    </message>
</context>
<context>
    <name>App::MixerBox</name>
    <message>
        <source>state-space block</source>
        <translation>Zustandsraum-Block</translation>
    </message>
    <message>
        <source>state-space blocks</source>
        <translation>Zustandsraum-Blöcke</translation>
    </message>
    <message>
        <source>DeltaNet block</source>
        <translation>DeltaNet-Block</translation>
    </message>
    <message>
        <source>DeltaNet blocks</source>
        <translation>DeltaNet-Blöcke</translation>
    </message>
    <message>
        <source>%1 %2: %3 parameters (~%4 int8 bytes) against attention there</source>
        <translation>%1 %2: %3 Parameter (~%4 int8-Bytes) gegenüber Attention an dieser Stelle</translation>
    </message>
    <message>
        <source>Attention windows: ~%1% of full causal attention&apos;s work at sequence length %2</source>
        <translation>Attention-Fenster: ~%1 % der Arbeit voller kausaler Attention bei Sequenzlänge %2</translation>
    </message>
    <message>
        <source>Token mixers</source>
        <translation>Token-Mixer</translation>
    </message>
    <message>
        <source>attention in every block</source>
        <translation>Attention in jedem Block</translation>
    </message>
    <message>
        <source>One mixer per block: attention (a), ssm (s, a selective state-space layer as in Mamba) or deltanet (d, Gated DeltaNet), e.g. &quot;s s a s&quot;. The MLP, scales and residual mix of a block stay as they are.</source>
        <translation>Ein Mixer je Block: attention (a), ssm (s, eine selektive Zustandsraum-Schicht wie in Mamba) oder deltanet (d, Gated DeltaNet), z. B. &quot;s s a s&quot;. MLP, Skalen und Residual-Mischung eines Blocks bleiben, wie sie sind.</translation>
    </message>
    <message>
        <source>full causal attention</source>
        <translation>volle kausale Attention</translation>
    </message>
    <message>
        <source>Sliding-window attention, one window per block (0 = every earlier token; a state-space or DeltaNet block takes 0), e.g. &quot;256 256 0 0&quot;.</source>
        <translation>Attention mit gleitendem Fenster, ein Fenster je Block (0 = jedes frühere Token; ein Zustandsraum- oder DeltaNet-Block nimmt 0), z. B. &quot;256 256 0 0&quot;.</translation>
    </message>
    <message>
        <source>State channels per inner channel of a state-space block (Mamba&apos;s N).</source>
        <translation>Zustandskanäle je innerem Kanal eines Zustandsraum-Blocks (Mambas N).</translation>
    </message>
    <message>
        <source>Inner width of a state-space block, in model widths. 1 keeps a block close to an attention block&apos;s parameters.</source>
        <translation>Innere Breite eines Zustandsraum-Blocks in Modellbreiten. 1 hält einen Block nahe an den Parametern eines Attention-Blocks.</translation>
    </message>
    <message>
        <source>Layer mix</source>
        <translation>Schichtmischung</translation>
    </message>
    <message>
        <source>Attention windows</source>
        <translation>Attention-Fenster</translation>
    </message>
    <message>
        <source>SSM state</source>
        <translation>SSM-Zustand</translation>
    </message>
    <message>
        <source>SSM expansion</source>
        <translation>SSM-Erweiterung</translation>
    </message>
</context>
<context>
    <name>App::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>The language changes the next time Golf Studio starts.</source>
        <translation>Die Sprache ändert sich beim nächsten Start von Golf Studio.</translation>
    </message>
    <message>
        <source>GOLF_LANGUAGE is set in the environment and overrides this choice.</source>
        <translation>GOLF_LANGUAGE ist in der Umgebung gesetzt und hat Vorrang vor dieser Auswahl.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
</context>
<context>
    <name>App::RunWatcher</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>App::SparsityBox</name>
    <message>
        <source>%1 gates (%2 head groups, %3 MLP units) on %4 parameters. At %5% the exported matrices lose ~%6 parameters (~%6 int8 bytes); the gates themselves are not exported.</source>
        <translation>%1 Gates (%2 Kopfgruppen, %3 MLP-Einheiten) auf %4 Parametern. Bei %5% verlieren die exportierten Matrizen ~%6 Parameter (~%6 int8-Bytes); die Gates selbst werden nicht exportiert.</translation>
    </message>
    <message>
        <source>Learned sparsity (L0)</source>
        <translation>Gelernte Sparsität (L0)</translation>
    </message>
    <message>
        <source>Learn which head groups and MLP units to remove</source>
        <translation>Lernen, welche Kopfgruppen und MLP-Einheiten wegfallen</translation>
    </message>
    <message>
        <source>Hard-concrete gates on every head group and MLP unit; an expected-L0 penalty closes them, and export removes what they closed</source>
        <translation>Hard-Concrete-Gates auf jeder Kopfgruppe und MLP-Einheit; eine erwartete L0-Strafe schließt sie, und der Export entfernt, was sie geschlossen haben</translation>
    </message>
    <message>
        <source>Share of the gated parameters to remove by the end of training</source>
        <translation>Anteil der Parameter hinter Gates, der bis zum Ende des Trainings wegfallen soll</translation>
    </message>
    <message>
        <source>Target sparsity</source>
        <translation>Ziel-Sparsität</translation>
    </message>
</context>
<context>
    <name>App::TrainDialog</name>
    <message>
        <source>Train a model</source>
        <translation>Modell trainieren</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source> s</source>
        <extracomment>spin box suffix: seconds (leading space is intended)</extracomment>
        <translation> s</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Model dim</source>
        <translation>Modelldimension</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>Heads</translation>
    </message>
    <message>
        <source>KV heads</source>
        <translation>KV-Heads</translation>
    </message>
    <message>
        <source>MLP multiplier</source>
        <translation>MLP-Faktor</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>Vokabular</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>Iterationen</translation>
    </message>
    <message>
        <source>Sequence length</source>
        <translation>Sequenzlänge</translation>
    </message>
    <message>
        <source>Batch tokens</source>
        <translation>Batch-Tokens</translation>
    </message>
    <message>
        <source>Grad accumulation</source>
        <translation>Gradientenakkumulation</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>Validierungsintervall (Schritte)</translation>
    </message>
    <message>
        <source>Time cap</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>Training starten</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>Datensatzordner</translation>
    </message>
    <message>
        <source>Choose a dataset folder (shards and tokenizer.luts.json, as golf tokenize writes).</source>
        <translation>Wählen Sie einen Datensatzordner (Shards und tokenizer.luts.json, wie golf tokenize sie schreibt).</translation>
    </message>
    <message>
        <source>%1 layers x %2 dims: %3 parameters; fp16 %4 bytes, int8 ~%5 bytes (before compression)</source>
        <translation>%1 Schichten x %2 Dimensionen: %3 Parameter; fp16 %4 Bytes, int8 ~%5 Bytes (vor der Kompression)</translation>
    </message>
    <message>
        <source>factorized table (r = %1)</source>
        <translation>faktorisierte Tabelle (r = %1)</translation>
    </message>
    <message>
        <source>bigram hash (%1 x %2)</source>
        <translation>Bigramm-Hash (%1 x %2)</translation>
    </message>
    <message>
        <source>trigram hash (%1 x %2)</source>
        <translation>Trigramm-Hash (%1 x %2)</translation>
    </message>
    <message>
        <source>value embeddings (%1 wide, %2)</source>
        <translation>Value-Embeddings (%1 breit, %2)</translation>
    </message>
    <message>
        <source>1 block</source>
        <translation>1 Block</translation>
    </message>
    <message>
        <source>%1 blocks</source>
        <translation>%1 Blöcke</translation>
    </message>
    <message>
        <source>%1: %2 parameters (~%3 int8 bytes)</source>
        <translation>%1: %2 Parameter (~%3 int8-Bytes)</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Factorized token table: vocab x r plus r &lt;-&gt; model dim projections (ALBERT-style); off = a vocab x model dim table</source>
        <translation>Faktorisierte Token-Tabelle: Vokabular x r plus Projektionen r &lt;-&gt; Modelldimension (wie ALBERT); aus = eine Tabelle Vokabular x Modelldimension</translation>
    </message>
    <message>
        <source>Hashed bigram table added to the token embedding: rows indexed by a hash of (previous, current) token; the context stops at BOS</source>
        <translation>Gehashte Bigramm-Tabelle, zum Token-Embedding addiert: Zeilen über einen Hash von (vorigem, aktuellem) Token; der Kontext endet an BOS</translation>
    </message>
    <message>
        <source>Hashed trigram table: the same over the two previous tokens</source>
        <translation>Gehashte Trigramm-Tabelle: dasselbe über die zwei vorigen Tokens</translation>
    </message>
    <message>
        <source>A shared vocab x width table projected into the attention values of the blocks listed beside it</source>
        <translation>Eine gemeinsame Tabelle Vokabular x Breite, projiziert in die Attention-Values der daneben aufgeführten Blöcke</translation>
    </message>
    <message>
        <source>blocks, e.g. %1,%2</source>
        <extracomment>placeholder: block indices for value embeddings</extracomment>
        <translation>Blöcke, z. B. %1,%2</translation>
    </message>
    <message>
        <source>into blocks</source>
        <translation>in Blöcke</translation>
    </message>
    <message>
        <source>Factorized width</source>
        <translation>Faktorisierte Breite</translation>
    </message>
    <message>
        <source>Bigram buckets</source>
        <translation>Bigramm-Buckets</translation>
    </message>
    <message>
        <source>Trigram buckets</source>
        <translation>Trigramm-Buckets</translation>
    </message>
    <message>
        <source>N-gram width</source>
        <translation>N-Gramm-Breite</translation>
    </message>
    <message>
        <source>Value embeddings</source>
        <translation>Value-Embeddings</translation>
    </message>
    <message>
        <source>Embedding compression</source>
        <translation>Embedding-Kompression</translation>
    </message>
    <message>
        <source>Data-parallel ranks on this machine, each with its share of the cores. Each runs grad accumulation / processes micro-batches, so a step sees the same tokens with any number of processes. On a few cores one process is usually fastest; more pay off with more cores or GPUs.</source>
        <translation>Datenparallele Ränge auf diesem Rechner, jeder mit seinem Anteil der Kerne. Jeder führt Gradientenakkumulation / Prozesse Mikro-Batches aus, sodass ein Schritt bei jeder Prozesszahl dieselben Tokens sieht. Auf wenigen Kernen ist ein Prozess meist am schnellsten; mehr lohnen sich mit mehr Kernen oder GPUs.</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Prozesse</translation>
    </message>
    <message>
        <source>Grad accumulation (%1) must be a multiple of the processes (%2): each process runs grad accumulation / processes micro-batches.</source>
        <translation>Die Gradientenakkumulation (%1) muss ein Vielfaches der Prozesse (%2) sein: Jeder Prozess führt Gradientenakkumulation / Prozesse Mikro-Batches aus.</translation>
    </message>
</context>
<context>
    <name>App::TrainProcess</name>
    <message>
        <source>Could not start %1: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>a training run is in progress already</source>
        <translation>es läuft bereits ein Trainingslauf</translation>
    </message>
    <message>
        <source>could not start %1: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>Asked the run to stop (STOP file); it finishes the step and saves a checkpoint.</source>
        <translation>Der Lauf wurde gebeten anzuhalten (STOP-Datei); er beendet den Schritt und speichert einen Checkpoint.</translation>
    </message>
    <message>
        <source>The run did not stop in time; terminating it.</source>
        <translation>Der Lauf hat nicht rechtzeitig angehalten; er wird beendet.</translation>
    </message>
</context>
<context>
    <name>App::TrainingController</name>
    <message>
        <source>Watching run %1</source>
        <translation>Lauf %1 wird beobachtet</translation>
    </message>
    <message>
        <source>Training finished.</source>
        <translation>Training abgeschlossen.</translation>
    </message>
    <message>
        <source>Training ended with exit code %1.</source>
        <translation>Training mit Exit-Code %1 beendet.</translation>
    </message>
    <message>
        <source>Watch run directory</source>
        <translation>Laufverzeichnis beobachten</translation>
    </message>
    <message>
        <source>Watching %1 as &quot;%2&quot;</source>
        <translation>%1 wird als „%2“ beobachtet</translation>
    </message>
    <message>
        <source>Watch log file</source>
        <translation>Logdatei beobachten</translation>
    </message>
    <message>
        <source>Training logs (*.log *.txt *.jsonl);;All files (*)</source>
        <translation>Trainingslogs (*.log *.txt *.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot write the training settings: %1</source>
        <translation>Die Trainingseinstellungen können nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Cannot start training: %1</source>
        <translation>Das Training kann nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>Gestartet: %1</translation>
    </message>
    <message>
        <source>Cannot start the demo: %1</source>
        <translation>Die Demo kann nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Started the demo: %1</source>
        <translation>Demo gestartet: %1</translation>
    </message>
    <message>
        <source>%1 has no checkpoint yet.</source>
        <translation>%1 hat noch keinen Checkpoint.</translation>
    </message>
    <message>
        <source>Opening the run&apos;s checkpoint %1</source>
        <translation>Checkpoint %1 des Laufs wird geöffnet</translation>
    </message>
</context>
<context>
    <name>PanelHelp</name>
    <message>
        <source>&lt;h3&gt;Budget bar&lt;/h3&gt;&lt;p&gt;The whole submission against the Parameter Golf cap of 16,000,000 &lt;b&gt;decimal&lt;/b&gt; bytes: the &lt;b&gt;model file&lt;/b&gt; (blue) plus the &lt;b&gt;code&lt;/b&gt; (grey: the &lt;code&gt;train_gpt.py&lt;/code&gt; chosen with File &amp;gt; Code file, raw or wrapped). The pale green rest is headroom; past the black budget line an overshoot is drawn red.&lt;/p&gt;&lt;p&gt;Under the bar a pill says &lt;i&gt;fits&lt;/i&gt; (green) or &lt;i&gt;over budget&lt;/i&gt; (red), then the exact figures, e.g. “15,863,489 of 16,000,000 bytes — 136,511 headroom”. The model bytes are real: every tensor is compressed with the current recipe and codec.&lt;/p&gt;&lt;p&gt;Lower bit-widths or prune in the Tensors table, or use Analyse &amp;gt; Allocate, until it is green; then spend the headroom where val_bpb gains most.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Budgetbalken&lt;/h3&gt;&lt;p&gt;Die gesamte Einreichung gegenüber der Parameter-Golf-Grenze von 16,000,000 &lt;b&gt;dezimalen&lt;/b&gt; Bytes: die &lt;b&gt;Modelldatei&lt;/b&gt; (blau) plus der &lt;b&gt;Code&lt;/b&gt; (grau: die mit Datei &amp;gt; Code-Datei gewählte &lt;code&gt;train_gpt.py&lt;/code&gt;, roh oder verpackt). Der hellgrüne Rest ist Spielraum; jenseits der schwarzen Budgetlinie wird eine Überschreitung rot gezeichnet.&lt;/p&gt;&lt;p&gt;Unter dem Balken zeigt ein Etikett &lt;i&gt;passt&lt;/i&gt; (grün) oder &lt;i&gt;über Budget&lt;/i&gt; (rot), danach die exakten Zahlen, z. B. „15,863,489 von 16,000,000 Bytes — 136,511 Spielraum“. Die Modell-Bytes sind echt: Jeder Tensor wird mit dem aktuellen Rezept und Codec komprimiert.&lt;/p&gt;&lt;p&gt;Senken Sie Bitbreiten oder prunen Sie in der Tabelle Tensoren, oder verwenden Sie Analyse &amp;gt; Zuteilen, bis der Balken grün ist; setzen Sie den Spielraum dann dort ein, wo val_bpb am meisten gewinnt.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Byte-budget treemap&lt;/h3&gt;&lt;p&gt;Every byte of the artifact as a tile: the area of a tile is the exact number of compressed bytes that tensor takes in the model file. Tiles nest as model › block › attention/MLP › tensor; the code and the file&apos;s header are grey tiles of their own.&lt;/p&gt;&lt;p&gt;Colour shows bits per weight (legend at the bottom: dark purple = binary or ternary, teal = int6–int8, yellow = fp32). View &amp;gt; Colour treemap by quantization error switches to pale-to-dark-red for the relative error ‖w − ŵ‖ / ‖w‖.&lt;/p&gt;&lt;p&gt;Hover a tile for its shape, storage, raw and compressed bytes and share of the budget. Click selects the tensor in the table; double-click zooms into a group, and the breadcrumb, Backspace or Escape zooms out. Big tiles are where bytes can be saved.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Byte-Budget-Treemap&lt;/h3&gt;&lt;p&gt;Jedes Byte des Artefakts als Kachel: Die Fläche einer Kachel ist die exakte Zahl komprimierter Bytes, die dieser Tensor in der Modelldatei belegt. Die Kacheln sind verschachtelt als Modell › Block › Attention/MLP › Tensor; der Code und der Header der Datei sind eigene graue Kacheln.&lt;/p&gt;&lt;p&gt;Die Farbe zeigt die Bits pro Gewicht (Legende unten: dunkles Violett = binär oder ternär, Petrol = int6–int8, Gelb = fp32). Ansicht &amp;gt; Treemap nach Quantisierungsfehler färben wechselt zu Hell- bis Dunkelrot für den relativen Fehler ‖w − ŵ‖ / ‖w‖.&lt;/p&gt;&lt;p&gt;Zeigen Sie mit der Maus auf eine Kachel, um ihre Form, Speicherung, rohen und komprimierten Bytes sowie ihren Anteil am Budget zu sehen. Ein Klick wählt den Tensor in der Tabelle aus; ein Doppelklick zoomt in eine Gruppe hinein, und die Pfadleiste, die Rücktaste oder Escape zoomen wieder heraus. Große Kacheln sind die Stellen, an denen sich Bytes sparen lassen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Tensors&lt;/h3&gt;&lt;p&gt;One row per tensor of the open checkpoint: shape, number of values, how it is stored (&lt;b&gt;Quant&lt;/b&gt;: int2–int8, binary, ternary, fp16, …), its &lt;b&gt;Scales&lt;/b&gt; (per tensor, row or group), &lt;b&gt;Clip&lt;/b&gt;, &lt;b&gt;Prune&lt;/b&gt;, the fraction of zeros, bytes before and after compression, share of the budget, and &lt;b&gt;Set by&lt;/b&gt;: which part of the recipe decided the setting.&lt;/p&gt;&lt;p&gt;Double-click a Quant, Scales, Group, Clip or Prune cell to change it; with several rows selected the edit applies to all of them. The bar below sets the selection at once, or adds one recipe rule for every name a regular expression matches (e.g. &lt;code&gt;\.mlp\.&lt;/code&gt;). A refused edit says why in red.&lt;/p&gt;&lt;p&gt;Each edit is one undo step (Ctrl+Z) and is re-priced in the background; treemap and budget bar follow.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tensoren&lt;/h3&gt;&lt;p&gt;Eine Zeile pro Tensor des geöffneten Checkpoints: Form, Anzahl der Werte, wie er gespeichert wird (&lt;b&gt;Quant&lt;/b&gt;: int2–int8, binär, ternär, fp16, …), seine &lt;b&gt;Skalen&lt;/b&gt; (pro Tensor, Zeile oder Gruppe), &lt;b&gt;Clipping&lt;/b&gt;, &lt;b&gt;Pruning&lt;/b&gt;, der Anteil der Nullen, die Bytes vor und nach der Kompression, der Anteil am Budget und &lt;b&gt;Gesetzt durch&lt;/b&gt;: welcher Teil des Rezepts die Einstellung bestimmt hat.&lt;/p&gt;&lt;p&gt;Doppelklicken Sie auf eine Zelle in Quant, Skalen, Gruppe, Clipping oder Pruning, um sie zu ändern; sind mehrere Zeilen ausgewählt, gilt die Änderung für alle. Die Leiste darunter setzt die ganze Auswahl auf einmal oder fügt eine Rezeptregel für alle Namen hinzu, auf die ein regulärer Ausdruck passt (z. B. &lt;code&gt;\.mlp\.&lt;/code&gt;). Eine abgelehnte Änderung nennt den Grund in Rot.&lt;/p&gt;&lt;p&gt;Jede Änderung ist ein Rückgängig-Schritt (Strg+Z) und wird im Hintergrund neu berechnet; Treemap und Budgetbalken ziehen nach.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Training&lt;/h3&gt;&lt;p&gt;Live plots of every watched run: training loss, validation bits per byte (val_bpb), learning rate and tokens per second. Runs appear when you start Run &amp;gt; Train or the demo, or use Run &amp;gt; Watch run directory / Watch log file (an official &lt;code&gt;train_gpt.py&lt;/code&gt; log works too); several runs overlay, one colour each.&lt;/p&gt;&lt;p&gt;The x axis is the optimizer step or training time. The smoothing slider is an exponential moving average for noisy metrics (train loss, tokens/s); the raw series stays faint behind. Each plot can show another metric, use a log y axis, fit its axes (or double-click) and export CSV or PNG.&lt;/p&gt;&lt;p&gt;Watch val_bpb fall; when it flattens, more steps buy little.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Training&lt;/h3&gt;&lt;p&gt;Live-Plots aller beobachteten Läufe: Trainings-Loss, Validierungs-Bits pro Byte (val_bpb), Lernrate und Tokens pro Sekunde. Läufe erscheinen, wenn Sie Ausführen &amp;gt; Trainieren oder die Demo starten oder Ausführen &amp;gt; Laufverzeichnis beobachten / Logdatei beobachten verwenden (auch ein Log des offiziellen &lt;code&gt;train_gpt.py&lt;/code&gt; funktioniert); mehrere Läufe werden überlagert, jeder in seiner eigenen Farbe.&lt;/p&gt;&lt;p&gt;Die x-Achse ist der Optimierer-Schritt oder die Trainingszeit. Der Glättungsregler ist ein exponentieller gleitender Mittelwert für verrauschte Metriken (Trainings-Loss, Tokens/s); die Rohdaten bleiben blass dahinter sichtbar. Jeder Plot kann eine andere Metrik zeigen, eine logarithmische y-Achse verwenden, seine Achsen einpassen (oder per Doppelklick) und CSV oder PNG exportieren.&lt;/p&gt;&lt;p&gt;Beobachten Sie, wie val_bpb fällt; flacht die Kurve ab, bringen weitere Schritte wenig.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Pareto view&lt;/h3&gt;&lt;p&gt;Every recipe evaluated on this checkpoint as a point: artifact bytes (model file + code) across, val_bpb after a real round trip (quantize, compress, write, read back, evaluate) up. Lower left is better.&lt;/p&gt;&lt;p&gt;The step line joins the &lt;b&gt;frontier&lt;/b&gt;: recipes no other recipe beats on both bytes and bpb. Faint points are dominated. The ring marks the current recipe; the vertical line is the byte budget, and only points left of it can be submitted.&lt;/p&gt;&lt;p&gt;Points come from Analyse &amp;gt; Evaluate recipe, Analyse &amp;gt; Allocate, verified exports and &lt;code&gt;golf pareto&lt;/code&gt;. Only points measured on the same validation tokens are comparable: the slice box picks them. Click a point to load its recipe (undoable).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Pareto-Ansicht&lt;/h3&gt;&lt;p&gt;Jedes auf diesem Checkpoint evaluierte Rezept als Punkt: Artefakt-Bytes (Modelldatei + Code) nach rechts, val_bpb nach einem echten Round-Trip (quantisieren, komprimieren, schreiben, zurücklesen, evaluieren) nach oben. Links unten ist besser.&lt;/p&gt;&lt;p&gt;Die Stufenlinie verbindet die &lt;b&gt;Front&lt;/b&gt;: Rezepte, die kein anderes Rezept zugleich bei Bytes und bpb schlägt. Blasse Punkte sind dominiert. Der Ring markiert das aktuelle Rezept; die senkrechte Linie ist das Byte-Budget, und nur Punkte links davon können eingereicht werden.&lt;/p&gt;&lt;p&gt;Die Punkte stammen aus Analyse &amp;gt; Rezept evaluieren, Analyse &amp;gt; Zuteilen, geprüften Exporten und &lt;code&gt;golf pareto&lt;/code&gt;. Nur Punkte, die auf denselben Validierungs-Tokens gemessen wurden, sind vergleichbar: Das Auswahlfeld Ausschnitt wählt sie aus. Klicken Sie auf einen Punkt, um sein Rezept zu laden (lässt sich rückgängig machen).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Log&lt;/h3&gt;&lt;p&gt;What the window and its helper processes say, one time-stamped line each: checkpoints loaded and priced, the output of a &lt;code&gt;golf train&lt;/code&gt; or &lt;code&gt;golf demo&lt;/code&gt; child process, runs being watched, evaluations, allocations and exports with their verdicts and byte counts.&lt;/p&gt;&lt;p&gt;When something does not happen as expected (a checkpoint does not open, a recipe does not apply, training stops early), read the last lines here first: errors are reported with the reason. The panel keeps the newest 5,000 lines and follows new ones while it is scrolled to the bottom; text can be selected and copied.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Protokoll&lt;/h3&gt;&lt;p&gt;Was das Fenster und seine Hilfsprozesse melden, je eine Zeile mit Zeitstempel: geladene und berechnete Checkpoints, die Ausgabe eines &lt;code&gt;golf train&lt;/code&gt;- oder &lt;code&gt;golf demo&lt;/code&gt;-Kindprozesses, beobachtete Läufe, Evaluierungen, Zuteilungen und Exporte mit ihren Ergebnissen und Byte-Zahlen.&lt;/p&gt;&lt;p&gt;Wenn etwas nicht wie erwartet geschieht (ein Checkpoint öffnet sich nicht, ein Rezept greift nicht, das Training endet vorzeitig), lesen Sie zuerst die letzten Zeilen hier: Fehler werden mit ihrem Grund gemeldet. Der Bereich behält die neuesten 5000 Zeilen und folgt neuen, solange er ganz nach unten gescrollt ist; Text lässt sich markieren und kopieren.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Explain&lt;/h3&gt;&lt;p&gt;How the current recipe was applied to this model, the same text as &lt;code&gt;golf quantize --explain&lt;/code&gt;. For every tensor it lists the resolved setting (bits, scales, clipping, pruning) and which rule set each key, and it reports rules that match nothing or have no effect. Below it follows the size table: per-tensor file bytes, which add up exactly to the file size, and the total against the budget.&lt;/p&gt;&lt;p&gt;Use it to check that a regex rule hits the tensors you meant: a rule that silently applies to nothing is the most common recipe mistake.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Erklärung&lt;/h3&gt;&lt;p&gt;Wie das aktuelle Rezept auf dieses Modell angewendet wurde – derselbe Text wie bei &lt;code&gt;golf quantize --explain&lt;/code&gt;. Für jeden Tensor listet er die aufgelöste Einstellung (Bits, Skalen, Clipping, Pruning) und welche Regel jeden Schlüssel gesetzt hat, und er meldet Regeln, die auf nichts passen oder keine Wirkung haben. Darunter folgt die Größentabelle: Datei-Bytes pro Tensor, die sich exakt zur Dateigröße summieren, und die Summe gegenüber dem Budget.&lt;/p&gt;&lt;p&gt;Prüfen Sie damit, ob eine Regex-Regel die gemeinten Tensoren trifft: Eine Regel, die stillschweigend auf nichts wirkt, ist der häufigste Rezeptfehler.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Codec&lt;/h3&gt;&lt;p&gt;The compressor of the model file. lzma 9, zstd 22 and zlib 9 write Golf Studio&apos;s golf-mixed-v1 container, one compressed stream per tensor; choosing one re-prices the model, so the treemap and budget bar show what the choice is worth in bytes. Low-bit codes and pruned zeros compress much better than random-looking floats, and the codecs differ in how much they squeeze out.&lt;/p&gt;&lt;p&gt;&lt;i&gt;official int8 + zlib 9&lt;/i&gt; is the challenge&apos;s own format: int8 per row, fixed choices, no rules. It is an undo step, so Ctrl+Z brings the edited recipe back.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Codec&lt;/h3&gt;&lt;p&gt;Der Kompressor der Modelldatei. lzma 9, zstd 22 und zlib 9 schreiben den golf-mixed-v1-Container von Golf Studio, mit einem komprimierten Stream pro Tensor; die Wahl eines Codecs berechnet die Bytes des Modells neu, sodass Treemap und Budgetbalken zeigen, was die Wahl in Bytes wert ist. Low-Bit-Codes und geprunte Nullen komprimieren viel besser als zufällig aussehende Gleitkommazahlen, und die Codecs unterscheiden sich darin, wie viel sie herausholen.&lt;/p&gt;&lt;p&gt;&lt;i&gt;offiziell int8 + zlib 9&lt;/i&gt; ist das eigene Format der Challenge: int8 pro Zeile, feste Einstellungen, keine Regeln. Die Umstellung ist ein Rückgängig-Schritt, sodass Strg+Z das bearbeitete Rezept zurückholt.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Budget figure&lt;/h3&gt;&lt;p&gt;The same figures as the budget bar, as text you can select and copy: total artifact bytes (model file + code) of 16,000,000, and the headroom left or, in bold red, how far over the budget it is. Before a checkpoint is open, or while a recipe is being priced, it says so instead.&lt;/p&gt;&lt;p&gt;All byte counts in Golf Studio are exact decimal bytes with thousands separators, never MiB: the challenge&apos;s cap is 16,000,000 bytes, not 16 MiB (16,777,216 bytes), and entries have been ruled out for a few thousand bytes.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Budgetangabe&lt;/h3&gt;&lt;p&gt;Dieselben Zahlen wie im Budgetbalken, als Text zum Markieren und Kopieren: die gesamten Artefakt-Bytes (Modelldatei + Code) von 16,000,000 und der verbleibende Spielraum oder, fett in Rot, wie weit das Budget überschritten ist. Bevor ein Checkpoint geöffnet ist oder während ein Rezept berechnet wird, steht stattdessen das dort.&lt;/p&gt;&lt;p&gt;Alle Byte-Zahlen in Golf Studio sind exakte dezimale Bytes mit Tausendertrennzeichen, nie MiB: Die Grenze der Challenge liegt bei 16,000,000 Bytes, nicht bei 16 MiB (16,777,216 Bytes), und Einreichungen wurden schon wegen weniger tausend Bytes ausgeschlossen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Export result&lt;/h3&gt;&lt;p&gt;The verdict of File &amp;gt; Export on a coloured banner. Green &lt;b&gt;PASS&lt;/b&gt;: the records folder was written, read back, loaded strictly and evaluated; the table shows model file, code, total, budget and headroom in bytes, and val_bpb before quantization beside val_bpb after the round trip (their difference is what the compression cost).&lt;/p&gt;&lt;p&gt;Red &lt;b&gt;OVER BUDGET&lt;/b&gt;: the artifact would exceed the budget by the bytes shown and nothing was written; lower bit-widths or prune, then export again. &lt;b&gt;FAILED&lt;/b&gt; gives the reason.&lt;/p&gt;&lt;p&gt;Open folder shows the submission: model file, submission.json, README.md, train.log, train_gpt.py and recipe.json.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Exportergebnis&lt;/h3&gt;&lt;p&gt;Das Ergebnis von Datei &amp;gt; Exportieren auf einem farbigen Banner. Grün &lt;b&gt;BESTANDEN&lt;/b&gt;: Der Records-Ordner wurde geschrieben, zurückgelesen, strikt geladen und evaluiert; die Tabelle zeigt Modelldatei, Code, Summe, Budget und Spielraum in Bytes sowie val_bpb vor der Quantisierung neben val_bpb nach dem Round-Trip (die Differenz ist das, was die Kompression gekostet hat).&lt;/p&gt;&lt;p&gt;Rot &lt;b&gt;BUDGET ÜBERSCHRITTEN&lt;/b&gt;: Das Artefakt würde das Budget um die angezeigten Bytes überschreiten, und nichts wurde geschrieben; senken Sie Bitbreiten oder prunen Sie, und exportieren Sie dann erneut. &lt;b&gt;FEHLGESCHLAGEN&lt;/b&gt; nennt den Grund.&lt;/p&gt;&lt;p&gt;Ordner öffnen zeigt die Einreichung: Modelldatei, submission.json, README.md, train.log, train_gpt.py und recipe.json.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Allocation result&lt;/h3&gt;&lt;p&gt;What Analyse &amp;gt; Allocate came to. Allocate measures how much each tensor hurts the loss at each candidate setting, then picks one setting per tensor with the smallest summed estimate whose exact bytes fit the model-file budget (the artifact budget minus the code).&lt;/p&gt;&lt;p&gt;The banner says &lt;b&gt;FITS&lt;/b&gt;, &lt;b&gt;OVER BUDGET&lt;/b&gt;, &lt;b&gt;NO ALLOCATION FITS&lt;/b&gt;, &lt;b&gt;CANCELLED&lt;/b&gt; or &lt;b&gt;FAILED&lt;/b&gt;. The table puts the estimate, the exactly priced bytes and the round-trip val_bpb side by side, so you see how good the estimate was.&lt;/p&gt;&lt;p&gt;The result is now the recipe (one undo step) and a new point in the Pareto view.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Ergebnis der Zuteilung&lt;/h3&gt;&lt;p&gt;Was Analyse &amp;gt; Zuteilen ergeben hat. Zuteilen misst, wie stark jeder Tensor bei jeder Kandidateneinstellung den Loss verschlechtert, und wählt dann pro Tensor eine Einstellung mit der kleinsten summierten Schätzung, deren exakte Bytes ins Budget der Modelldatei passen (das Artefakt-Budget abzüglich des Codes).&lt;/p&gt;&lt;p&gt;Das Banner zeigt &lt;b&gt;PASST&lt;/b&gt;, &lt;b&gt;BUDGET ÜBERSCHRITTEN&lt;/b&gt;, &lt;b&gt;KEINE ZUTEILUNG PASST&lt;/b&gt;, &lt;b&gt;ABGEBROCHEN&lt;/b&gt; oder &lt;b&gt;FEHLGESCHLAGEN&lt;/b&gt;. Die Tabelle stellt die Schätzung, die exakt berechneten Bytes und den val_bpb nach dem Round-Trip nebeneinander, sodass Sie sehen, wie gut die Schätzung war.&lt;/p&gt;&lt;p&gt;Das Ergebnis ist jetzt das Rezept (ein Rückgängig-Schritt) und ein neuer Punkt in der Pareto-Ansicht.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Widgets::BudgetBar</name>
    <message>
        <source>%1 bytes — no budget set</source>
        <translation>%1 Bytes — kein Budget gesetzt</translation>
    </message>
    <message>
        <source>%1 of %2 bytes</source>
        <translation>%1 von %2 Bytes</translation>
    </message>
    <message>
        <source>%1 — %2 headroom</source>
        <translation>%1 — %2 Spielraum</translation>
    </message>
    <message>
        <source>%1 — over by %2</source>
        <translation>%1 — um %2 überschritten</translation>
    </message>
    <message>
        <source>model %1 bytes + code %2 bytes</source>
        <translation>Modell %1 Bytes + Code %2 Bytes</translation>
    </message>
    <message>
        <source>no budget</source>
        <translation>kein Budget</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>passt</translation>
    </message>
    <message>
        <source>over budget</source>
        <translation>über Budget</translation>
    </message>
    <message>
        <source>model %1</source>
        <translation>Modell %1</translation>
    </message>
    <message>
        <source>code %1</source>
        <translation>Code %1</translation>
    </message>
    <message>
        <source>headroom %1</source>
        <translation>Spielraum %1</translation>
    </message>
    <message>
        <source>over %1</source>
        <translation>Überschuss %1</translation>
    </message>
</context>
<context>
    <name>Widgets::ByteTree</name>
    <message>
        <source>header</source>
        <extracomment>bytes of the model file that are not tensor data (container header)</extracomment>
        <translation>Header</translation>
    </message>
    <message>
        <source>code</source>
        <extracomment>bytes of the counted source code (train_gpt.py)</extracomment>
        <translation>Code</translation>
    </message>
</context>
<context>
    <name>Widgets::Metric</name>
    <message>
        <source>train loss</source>
        <translation>Trainings-Loss</translation>
    </message>
    <message>
        <source>val loss</source>
        <translation>Val-Loss</translation>
    </message>
    <message>
        <source>val bpb</source>
        <translation>val bpb</translation>
    </message>
    <message>
        <source>val bpb after export round trip</source>
        <translation>val bpb nach Export-Round-Trip</translation>
    </message>
    <message>
        <source>val loss after export round trip</source>
        <translation>Val-Loss nach Export-Round-Trip</translation>
    </message>
    <message>
        <source>learning rate (× base)</source>
        <translation>Lernrate (× Basis)</translation>
    </message>
    <message>
        <source>tokens / s</source>
        <translation>Tokens / s</translation>
    </message>
    <message>
        <source>step time, running mean (ms)</source>
        <translation>Schrittzeit, gleitender Mittelwert (ms)</translation>
    </message>
    <message>
        <source>validation time (ms)</source>
        <translation>Validierungszeit (ms)</translation>
    </message>
    <message>
        <source>val bpb, sliding window</source>
        <translation>val bpb, Sliding Window</translation>
    </message>
    <message>
        <source>val loss, sliding window</source>
        <translation>val loss, Sliding Window</translation>
    </message>
    <message>
        <source>val bpb, test-time training</source>
        <translation>val bpb, Test-Time-Training</translation>
    </message>
    <message>
        <source>val loss, test-time training</source>
        <translation>val loss, Test-Time-Training</translation>
    </message>
    <message>
        <source>final score (val bpb)</source>
        <translation>Endergebnis (val bpb)</translation>
    </message>
    <message>
        <source>final score (val loss)</source>
        <translation>Endergebnis (val loss)</translation>
    </message>
</context>
<context>
    <name>Widgets::MetricsPlot</name>
    <message>
        <source>Metric shown in this plot</source>
        <translation>In diesem Plot gezeigte Metrik</translation>
    </message>
    <message>
        <source>by step</source>
        <translation>nach Schritt</translation>
    </message>
    <message>
        <source>by training time</source>
        <translation>nach Trainingszeit</translation>
    </message>
    <message>
        <source>X axis: optimizer step, or training time (validation pauses excluded)</source>
        <translation>x-Achse: Optimierer-Schritt oder Trainingszeit (ohne Validierungspausen)</translation>
    </message>
    <message>
        <source>smoothing</source>
        <translation>Glättung</translation>
    </message>
    <message>
        <source>Exponential moving average weight (0 = raw). The raw series stays faint behind.</source>
        <translation>Gewicht des exponentiellen gleitenden Mittelwerts (0 = roh). Die Rohdaten bleiben blass dahinter sichtbar.</translation>
    </message>
    <message>
        <source>log y</source>
        <extracomment>check box: logarithmic y axis (short)</extracomment>
        <translation>log y</translation>
    </message>
    <message>
        <source>Logarithmic y axis</source>
        <translation>Logarithmische y-Achse</translation>
    </message>
    <message>
        <source>fit</source>
        <extracomment>button: zoom the plot to fit all data</extracomment>
        <translation>einpassen</translation>
    </message>
    <message>
        <source>Fit the axes to the data and follow new points (or double-click the plot)</source>
        <translation>Achsen an die Daten anpassen und neuen Punkten folgen (oder Doppelklick auf den Plot)</translation>
    </message>
    <message>
        <source>CSV (all runs of this metric)…</source>
        <translation>CSV (alle Läufe dieser Metrik)…</translation>
    </message>
    <message>
        <source>training time (h:min:s)</source>
        <translation>Trainingszeit (h:min:s)</translation>
    </message>
    <message>
        <source>training time (min:s)</source>
        <translation>Trainingszeit (min:s)</translation>
    </message>
    <message>
        <source>step</source>
        <extracomment>x-axis label: the optimizer step number of training</extracomment>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>no %1 logged yet</source>
        <translation>%1: noch nichts protokolliert</translation>
    </message>
    <message>
        <source>step %1</source>
        <extracomment>optimizer step number in a tooltip</extracomment>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <extracomment>seconds of training time</extracomment>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>&lt;td&gt;&amp;nbsp;(raw %1)&lt;/td&gt;</source>
        <translation>&lt;td&gt;&amp;nbsp;(roh %1)&lt;/td&gt;</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>Widgets::ParetoView</name>
    <message>
        <source>slice</source>
        <extracomment>the evaluation slice: which validation tokens a recipe was scored on</extracomment>
        <translation>Ausschnitt</translation>
    </message>
    <message>
        <source>Recipes are comparable only when evaluated on the same tokens; the newest slice is shown first</source>
        <translation>Rezepte sind nur vergleichbar, wenn sie auf denselben Tokens evaluiert wurden; der neueste Ausschnitt wird zuerst gezeigt</translation>
    </message>
    <message>
        <source>fit</source>
        <extracomment>button: zoom the plot to fit all data</extracomment>
        <translation>einpassen</translation>
    </message>
    <message>
        <source>Fit the axes to the points (or double-click the plot)</source>
        <translation>Achsen an die Punkte anpassen (oder Doppelklick auf den Plot)</translation>
    </message>
    <message>
        <source>CSV (every recipe evaluated)…</source>
        <translation>CSV (alle evaluierten Rezepte)…</translation>
    </message>
    <message>
        <source>artifact bytes (model file + code)</source>
        <translation>Artefakt-Bytes (Modelldatei + Code)</translation>
    </message>
    <message>
        <source>val_bpb after the round trip</source>
        <translation>val_bpb nach dem Round-Trip</translation>
    </message>
    <message>
        <source>dominated</source>
        <translation>dominiert</translation>
    </message>
    <message>
        <source>Pareto frontier</source>
        <translation>Pareto-Front</translation>
    </message>
    <message>
        <source>current recipe</source>
        <translation>aktuelles Rezept</translation>
    </message>
    <message>
        <source>No recipes evaluated on this checkpoint yet.
Evaluate recipe or Allocate… adds points, as does golf pareto.</source>
        <translation>Auf diesem Checkpoint wurden noch keine Rezepte evaluiert.
Rezept evaluieren oder Zuteilen… fügen Punkte hinzu, ebenso golf pareto.</translation>
    </message>
    <message>
        <source>budget %1</source>
        <translation>Budget %1</translation>
    </message>
    <message>
        <source>budget %1 →</source>
        <translation>Budget %1 →</translation>
    </message>
    <message>
        <source>no recipes evaluated yet</source>
        <translation>noch keine Rezepte evaluiert</translation>
    </message>
    <message>
        <source> (current recipe)</source>
        <translation> (aktuelles Rezept)</translation>
    </message>
    <message>
        <source>source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>%1 bytes (model %2 + code %3)</source>
        <translation>%1 Bytes (Modell %2 + Code %3)</translation>
    </message>
    <message>
        <source>headroom %1 bytes</source>
        <translation>%1 Bytes Spielraum</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c62828&apos;&gt;over the budget by %1 bytes&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c62828&apos;&gt;Budget um %1 Bytes überschritten&lt;/span&gt;</translation>
    </message>
    <message>
        <source>val_bpb %1 on %2</source>
        <extracomment>val_bpb = validation bits per byte (a metric name, usually kept); %2 the slice</extracomment>
        <translation>val_bpb %1 auf %2</translation>
    </message>
    <message>
        <source>on the Pareto frontier</source>
        <translation>auf der Pareto-Front</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>1 recipe on %1, %2 on the frontier (%3 on other slices, not comparable)</source>
        <extracomment>%1 slice name, %2 points on the Pareto frontier, %3 points evaluated on other slices</extracomment>
        <translation>1 Rezept auf %1, %2 auf der Front (%3 auf anderen Ausschnitten, nicht vergleichbar)</translation>
    </message>
    <message>
        <source>1 recipe on %1, %2 on the frontier</source>
        <extracomment>%1 slice name, %2 points on the Pareto frontier</extracomment>
        <translation>1 Rezept auf %1, %2 auf der Front</translation>
    </message>
    <message>
        <source>%1 recipes on %2, %3 on the frontier (%4 on other slices, not comparable)</source>
        <extracomment>%1 recipes, %2 slice name, %3 points on the Pareto frontier, %4 points on other slices</extracomment>
        <translation>%1 Rezepte auf %2, %3 auf der Front (%4 auf anderen Ausschnitten, nicht vergleichbar)</translation>
    </message>
    <message>
        <source>%1 recipes on %2, %3 on the frontier</source>
        <extracomment>%1 recipes, %2 slice name, %3 points on the Pareto frontier</extracomment>
        <translation>%1 Rezepte auf %2, %3 auf der Front</translation>
    </message>
</context>
<context>
    <name>Widgets::PlotStyle</name>
    <message>
        <source>export</source>
        <extracomment>small button opening a menu: export the plot as CSV or PNG</extracomment>
        <translation>exportieren</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG-Bild…</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>PNG exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>Widgets::TensorTable</name>
    <message>
        <source>1 tensor</source>
        <translation>1 Tensor</translation>
    </message>
    <message>
        <source>%1 tensors</source>
        <translation>%1 Tensoren</translation>
    </message>
    <message>
        <source>nothing to change</source>
        <translation>nichts zu ändern</translation>
    </message>
    <message>
        <source>%1 is already %2</source>
        <translation>%1 hat bereits %2</translation>
    </message>
    <message>
        <source>no tensor would change (%1)</source>
        <translation>kein Tensor würde sich ändern (%1)</translation>
    </message>
    <message>
        <source>clip: expected none, a percentile like p99.99 or a multiple of the standard deviation like std:12.85, got &quot;%1&quot;</source>
        <translation>clip: erwartet none, ein Perzentil wie p99.99 oder ein Vielfaches der Standardabweichung wie std:12.85, erhalten: „%1“</translation>
    </message>
    <message>
        <source>prune: expected none, a percentage like 50%, N:M like 2:4, or rows like &quot;rows 25%&quot; or &quot;rows 25% x64&quot;, got &quot;%1&quot;</source>
        <translation>prune: erwartet none, einen Prozentsatz wie 50%, N:M wie 2:4 oder Zeilen wie „rows 25%“ oder „rows 25% x64“, erhalten: „%1“</translation>
    </message>
    <message>
        <source>%1
%2, %3 values
stored as %4
set by %5</source>
        <translation>%1
%2, %3 Werte
gespeichert als %4
gesetzt durch %5</translation>
    </message>
    <message>
        <source>%1 bytes before compression, %2 bytes in the file (%3 of the %4-byte budget)</source>
        <translation>%1 Bytes vor der Kompression, %2 Bytes in der Datei (%3 des Budgets von %4 Bytes)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tensor</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Quant</source>
        <extracomment>column header: the quantization format (int8, int4, ...)</extracomment>
        <translation>Quant</translation>
    </message>
    <message>
        <source>Scales</source>
        <extracomment>column header: granularity of quantization scales (per tensor, row or group)</extracomment>
        <translation>Skalen</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Clip</source>
        <extracomment>column header: clipping of outliers before quantization</extracomment>
        <translation>Clipping</translation>
    </message>
    <message>
        <source>Prune</source>
        <extracomment>column header: pruning (setting weights to zero)</extracomment>
        <translation>Pruning</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>Nullen</translation>
    </message>
    <message>
        <source>Payload bytes</source>
        <translation>Nutzdaten-Bytes</translation>
    </message>
    <message>
        <source>File bytes</source>
        <translation>Datei-Bytes</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>Gesetzt durch</translation>
    </message>
    <message>
        <source>State-dict name</source>
        <translation>Name im State-Dict</translation>
    </message>
    <message>
        <source>Number of values</source>
        <translation>Anzahl der Werte</translation>
    </message>
    <message>
        <source>How the values are stored (double-click to change)</source>
        <translation>Wie die Werte gespeichert werden (Doppelklick zum Ändern)</translation>
    </message>
    <message>
        <source>One scale per tensor, per row, or per group of values</source>
        <translation>Eine Skala pro Tensor, pro Zeile oder pro Gruppe von Werten</translation>
    </message>
    <message>
        <source>Values per scale group (group granularity)</source>
        <translation>Werte pro Skalengruppe (Granularität „group“)</translation>
    </message>
    <message>
        <source>Where values are clipped before the scale is derived</source>
        <translation>Wo Werte abgeschnitten werden, bevor die Skala bestimmt wird</translation>
    </message>
    <message>
        <source>Weights zeroed before quantization: 50% smallest, N:M, or row blocks</source>
        <translation>Vor der Quantisierung auf null gesetzte Gewichte: die kleinsten 50%, N:M oder Zeilenblöcke</translation>
    </message>
    <message>
        <source>Fraction of stored values that are exactly zero</source>
        <translation>Anteil der gespeicherten Werte, die exakt null sind</translation>
    </message>
    <message>
        <source>Bytes of codes, scales and passthrough before compression</source>
        <translation>Bytes der Codes, Skalen und unverändert übernommenen Werte vor der Kompression</translation>
    </message>
    <message>
        <source>Bytes of the compressed file attributed to the tensor</source>
        <translation>Dem Tensor zugerechnete Bytes der komprimierten Datei</translation>
    </message>
    <message>
        <source>File bytes as a share of the %1-byte budget</source>
        <translation>Datei-Bytes als Anteil am Budget von %1 Bytes</translation>
    </message>
    <message>
        <source>Which part of the recipe decided the setting</source>
        <translation>Welcher Teil des Rezepts die Einstellung bestimmt hat</translation>
    </message>
    <message>
        <source>group size: expected a whole number, got &quot;%1&quot;</source>
        <translation>Gruppengröße: ganze Zahl erwartet, erhalten: „%1“</translation>
    </message>
    <message>
        <source>the %1 column can&apos;t be edited</source>
        <translation>die Spalte „%1“ kann nicht bearbeitet werden</translation>
    </message>
    <message>
        <source>Filter tensors by name (text or regular expression)</source>
        <translation>Tensoren nach Namen filtern (Text oder regulärer Ausdruck)</translation>
    </message>
    <message>
        <source>quant: keep</source>
        <translation>Quant: beibehalten</translation>
    </message>
    <message>
        <source>scales: keep</source>
        <translation>Skalen: beibehalten</translation>
    </message>
    <message>
        <source>prune: keep</source>
        <translation>Pruning: beibehalten</translation>
    </message>
    <message>
        <source>none, 50%, 2:4, rows 25%, rows 25% x64; empty keeps it</source>
        <translation>none, 50%, 2:4, rows 25%, rows 25% x64; leer = beibehalten</translation>
    </message>
    <message>
        <source>Apply to selection</source>
        <translation>Auf Auswahl anwenden</translation>
    </message>
    <message>
        <source>regex, e.g. \.mlp\.</source>
        <translation>Regex, z. B. \.mlp\.</translation>
    </message>
    <message>
        <source>A recipe rule&apos;s &quot;match&quot;: an RE2 regular expression searched anywhere in the name, case-sensitive</source>
        <translation>„match“ einer Rezeptregel: ein regulärer RE2-Ausdruck, der an beliebiger Stelle im Namen gesucht wird, unter Beachtung der Groß-/Kleinschreibung</translation>
    </message>
    <message>
        <source>Apply to matching</source>
        <translation>Auf Treffer anwenden</translation>
    </message>
    <message>
        <source>Adds one recipe rule for every tensor the regex matches</source>
        <translation>Fügt eine Rezeptregel hinzu, die für jeden Tensor gilt, auf den der Regex passt</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Setzen</translation>
    </message>
    <message>
        <source>or as a rule for names matching</source>
        <translation>oder als Regel für Namen passend zu</translation>
    </message>
    <message>
        <source>Asked for %1 on %2</source>
        <translation>Angefordert: %1 für %2</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>Apply to %1 selected</source>
        <translation>Auf %1 ausgewählte anwenden</translation>
    </message>
    <message>
        <source>invalid regex: %1</source>
        <translation>ungültiger Regex: %1</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 Treffer</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 Treffer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>, %1 selected</source>
        <translation>, %1 ausgewählt</translation>
    </message>
    <message>
        <source>The regex matches no tensor</source>
        <translation>Der Regex passt auf keinen Tensor</translation>
    </message>
    <message>
        <source>Asked for a rule: %1 → %2 (%3 now)</source>
        <translation>Regel angefordert: %1 → %2 (derzeit %3)</translation>
    </message>
    <message>
        <source>scalar</source>
        <extracomment>the shape of a 0-dimensional tensor (a single number)</extracomment>
        <translation>Skalar</translation>
    </message>
</context>
<context>
    <name>Widgets::TensorTableDelegate</name>
    <message>
        <source>How the tensor is stored: integer codes of 2..8 bits, binary, ternary, or a float type</source>
        <translation>Wie der Tensor gespeichert wird: ganzzahlige Codes mit 2..8 Bits, binär, ternär oder ein Gleitkommatyp</translation>
    </message>
    <message>
        <source>One scale per tensor, per row, or per group of values in a row</source>
        <translation>Eine Skala pro Tensor, pro Zeile oder pro Gruppe von Werten in einer Zeile</translation>
    </message>
    <message>
        <source>Values per scale group (sets the granularity to &quot;group&quot;)</source>
        <translation>Werte pro Skalengruppe (setzt die Granularität auf „group“)</translation>
    </message>
    <message>
        <source>none, a percentile of |w| (p99.99) or a multiple of the standard deviation (std:12.85)</source>
        <translation>none, ein Perzentil von |w| (p99.99) oder ein Vielfaches der Standardabweichung (std:12.85)</translation>
    </message>
    <message>
        <source>none, a fraction of the smallest weights (50%), N:M (2:4 keeps 2 of every 4), or row blocks (rows 25%, rows 25% x64)</source>
        <translation>none, ein Anteil der kleinsten Gewichte (50%), N:M (2:4 behält 2 von je 4) oder Zeilenblöcke (rows 25%, rows 25% x64)</translation>
    </message>
</context>
<context>
    <name>Widgets::TrainingPlots</name>
    <message>
        <source>by step</source>
        <translation>nach Schritt</translation>
    </message>
    <message>
        <source>by training time</source>
        <translation>nach Trainingszeit</translation>
    </message>
    <message>
        <source>X axis of all plots: optimizer step, or training time (validation pauses excluded)</source>
        <translation>x-Achse aller Plots: Optimierer-Schritt oder Trainingszeit (ohne Validierungspausen)</translation>
    </message>
    <message>
        <source>smoothing</source>
        <translation>Glättung</translation>
    </message>
    <message>
        <source>Exponential moving average weight for all plots (0 = raw). The raw series stays faint behind.</source>
        <translation>Gewicht des exponentiellen gleitenden Mittelwerts für alle Plots (0 = roh). Die Rohdaten bleiben blass dahinter sichtbar.</translation>
    </message>
</context>
<context>
    <name>Widgets::TreemapWidget</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>share of budget: %1 of %2</source>
        <translation>Anteil am Budget: %1 von %2</translation>
    </message>
    <message>
        <source>shape: %1</source>
        <translation>Form: %1</translation>
    </message>
    <message>
        <source>params: %1</source>
        <translation>Parameter: %1</translation>
    </message>
    <message>
        <source>stored as: %1</source>
        <translation>gespeichert als: %1</translation>
    </message>
    <message>
        <source>sparsity: %1 %</source>
        <translation>Sparsität: %1 %</translation>
    </message>
    <message>
        <source>raw bytes: %1</source>
        <translation>Roh-Bytes: %1</translation>
    </message>
    <message>
        <source>compressed bytes: %1</source>
        <translation>komprimierte Bytes: %1</translation>
    </message>
    <message>
        <source>quantization error: %1</source>
        <translation>Quantisierungsfehler: %1</translation>
    </message>
    <message>
        <source>group of 1 tensor</source>
        <translation>Gruppe aus 1 Tensor</translation>
    </message>
    <message>
        <source>group of %1 tensors</source>
        <translation>Gruppe aus %1 Tensoren</translation>
    </message>
    <message>
        <source>code (counted source)</source>
        <translation>Code (gezählter Quelltext)</translation>
    </message>
    <message>
        <source>bytes: %1</source>
        <translation>Bytes: %1</translation>
    </message>
    <message>
        <source>container header (names, shapes, framing)</source>
        <translation>Container-Header (Namen, Formen, Rahmung)</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source> · %1 of the budget</source>
        <translation> · %1 des Budgets</translation>
    </message>
    <message>
        <source>bits:</source>
        <translation>Bits:</translation>
    </message>
    <message>
        <source>quantization error:</source>
        <translation>Quantisierungsfehler:</translation>
    </message>
    <message>
        <source> (log scale)</source>
        <translation> (log. Skala)</translation>
    </message>
    <message>
        <source>code / header</source>
        <translation>Code / Header</translation>
    </message>
    <message>
        <source>“%1”: %2 of %3 tiles, %4 bytes</source>
        <translation>„%1“: %2 von %3 Kacheln, %4 Bytes</translation>
    </message>
    <message>
        <source>scalar</source>
        <extracomment>the shape of a 0-dimensional tensor (a single number)</extracomment>
        <translation>Skalar</translation>
    </message>
    <message>
        <source>No checkpoint is open.

Open a model file with File › Open checkpoint... (Ctrl+O) to see where every byte of it goes, or run the demo (Run › Run the demo): it trains a small model in a few minutes and opens it here.</source>
        <translation>Kein Checkpoint geöffnet.

Öffnen Sie eine Modelldatei mit Datei › Checkpoint öffnen… (Strg+O), um zu sehen, wohin jedes ihrer Bytes geht, oder führen Sie die Demo aus (Ausführen › Demo ausführen): Sie trainiert in wenigen Minuten ein kleines Modell und öffnet es hier.</translation>
    </message>
</context>
</TS>
