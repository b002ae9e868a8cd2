// SPDX-License-Identifier: GPL-3.0-or-later
// The byte tree the treemap draws: grouping of official state-dict names into model › block ›
// attn/mlp › tensor, sums that add up to the artifact, and byte counts printed in full.

#include "treemapfixture.h"

#include <QtTest>

using namespace Widgets;

class tst_ByteTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void baselineStructure();
    void grouping_data();
    void grouping();
    void oddInput();
    void formatting_data();
    void formatting();
};

namespace {

/// Display names from the root down to the node `fullName`, joined by " / ".
QString pathOf(const ByteNode &root, const QString &fullName)
{
    if (root.fullName == fullName && root.kind != ByteNodeKind::Group)
        return root.name;
    for (const ByteNode &c : root.children) {
        if (c.fullName == fullName && c.kind != ByteNodeKind::Group)
            return c.name;
        if (c.isGroup()) {
            const QString sub = pathOf(c, fullName);
            if (!sub.isEmpty())
                return c.name + QStringLiteral(" / ") + sub;
        }
    }
    return QString();
}

qint64 checkSums(const ByteNode &n)
{
    if (!n.isGroup())
        return n.bytes;
    qint64 sum = 0;
    for (const ByteNode &c : n.children)
        sum += checkSums(c);
    return sum == n.bytes ? sum : -1;
}

} // namespace

void tst_ByteTree::baselineStructure()
{
    const QList<TensorBytes> tensors = GolfTest::baselineTensors();
    QCOMPARE(tensors.size(), 92);
    const ByteNode tree = GolfTest::baselineTree();
    QCOMPARE(tree.name, QStringLiteral("model"));
    QCOMPARE(tree.fullName, QString());
    QCOMPARE(tree.tensorCount(), 92);
    // skip_weights, tok_emb.weight, 9 blocks, header, code.
    QCOMPARE(int(tree.children.size()), 13);
    qint64 expected = GolfTest::kFixtureCodeBytes + GolfTest::kFixtureHeaderBytes;
    qint64 raw = 0;
    for (const TensorBytes &t : tensors) {
        expected += t.bytes;
        raw += t.rawBytes;
    }
    QCOMPARE(tree.bytes, expected);
    QCOMPARE(checkSums(tree), expected);
    QCOMPARE(tree.rawBytes(), raw);

    const ByteNode *block = tree.find(QStringLiteral("blocks.3"));
    QVERIFY(block && block->isGroup());
    QCOMPARE(block->tensorCount(), 10);
    // attn_scale, mlp_scale, resid_mix, attn group, mlp group.
    QCOMPARE(int(block->children.size()), 5);
    const ByteNode *attn = tree.find(QStringLiteral("blocks.3.attn"));
    QVERIFY(attn && attn->isGroup());
    QCOMPARE(attn->name, QStringLiteral("attn"));
    QCOMPARE(attn->tensorCount(), 5);
    const ByteNode *code = tree.find(kCodeName);
    QVERIFY(code && code->kind == ByteNodeKind::Code);
    QCOMPARE(code->bytes, GolfTest::kFixtureCodeBytes);
    QCOMPARE(tree.find(kHeaderName)->kind, ByteNodeKind::Header);
    const ByteNode *cq = tree.find(QStringLiteral("blocks.3.attn.c_q.weight"));
    QVERIFY(cq);
    QCOMPARE(cq->tensor.shape, (QList<qint64>{512, 512}));
    QCOMPARE(cq->tensor.params, qint64(262144));
}

void tst_ByteTree::grouping_data()
{
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<QString>("path");
    QTest::newRow("embedding") << "tok_emb.weight"
                               << "tok_emb.weight";
    QTest::newRow("lm head") << "lm_head.weight"
                             << "lm_head.weight";
    QTest::newRow("skip weights") << "skip_weights"
                                  << "skip_weights";
    QTest::newRow("attn matrix") << "blocks.3.attn.c_q.weight"
                                 << "blocks.3 / attn / c_q.weight";
    QTest::newRow("q gain") << "blocks.3.attn.q_gain"
                            << "blocks.3 / attn / q_gain";
    QTest::newRow("mlp matrix") << "blocks.3.mlp.fc.weight"
                                << "blocks.3 / mlp / fc.weight";
    QTest::newRow("control in block") << "blocks.3.attn_scale"
                                      << "blocks.3 / attn_scale";
    QTest::newRow("two-digit block") << "blocks.10.mlp.proj.weight"
                                     << "blocks.10 / mlp / proj.weight";
}

void tst_ByteTree::grouping()
{
    QFETCH(QString, tensor);
    QFETCH(QString, path);
    QList<TensorBytes> list = GolfTest::baselineTensors();
    list << GolfTest::fixtureTensor(QStringLiteral("lm_head.weight"), {1024, 512}, 8, 0.01);
    list << GolfTest::fixtureTensor(QStringLiteral("blocks.10.mlp.proj.weight"), {512, 1024}, 6,
                                    0.01);
    list << GolfTest::fixtureTensor(QStringLiteral("blocks.10.mlp.fc.weight"), {1024, 512}, 6,
                                    0.01);
    const ByteNode tree = buildByteTree(list, 100, 10);
    QCOMPARE(pathOf(tree, tensor), path);
    QCOMPARE(tree.find(tensor)->fullName, tensor);
}

void tst_ByteTree::oddInput()
{
    // Negative bytes count as nothing, duplicates and prefixes of other names don't collide,
    // an empty list still gives the two overhead tiles.
    TensorBytes neg;
    neg.name = QStringLiteral("a.b");
    neg.bytes = -5;
    TensorBytes dup = neg;
    dup.bytes = 7;
    TensorBytes deeper;
    deeper.name = QStringLiteral("a.b.c");
    deeper.bytes = 3;
    TensorBytes unnamed;
    unnamed.bytes = 1;
    const ByteNode tree = buildByteTree({neg, dup, deeper, unnamed}, -1, 2);
    QCOMPARE(tree.bytes, 0 + 7 + 3 + 1 + 0 + 2);
    QCOMPARE(tree.tensorCount(), 4);
    QCOMPARE(checkSums(tree), tree.bytes);

    const ByteNode empty = buildByteTree({}, 0, 0);
    QCOMPARE(int(empty.children.size()), 2);
    QCOMPARE(empty.bytes, 0);
}

void tst_ByteTree::formatting_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << "0";
    QTest::newRow("hundreds") << qint64(999) << "999";
    QTest::newRow("thousands") << qint64(1234) << "1,234";
    QTest::newRow("artifact") << qint64(15863489) << "15,863,489";
    QTest::newRow("budget") << qint64(16000000) << "16,000,000";
    QTest::newRow("negative") << qint64(-1234) << "-1,234";
}

void tst_ByteTree::formatting()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, text);
    QCOMPARE(formatByteCount(bytes), text);
}

QTEST_GUILESS_MAIN(tst_ByteTree)
#include "tst_bytetree.moc"
