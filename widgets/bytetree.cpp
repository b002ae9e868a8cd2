// SPDX-License-Identifier: GPL-3.0-or-later
#include "bytetree.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace Widgets {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Widgets::ByteTree)
};

bool isNumber(const QString &s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), [](QChar c) { return c.isDigit(); });
}

/// "blocks.3.attn.c_q.weight" -> {"blocks.3", "attn", "c_q", "weight"}: an index belongs to the
/// container before it, so one block is one group.
QStringList nameComponents(const QString &name)
{
    const QStringList parts = name.split(QLatin1Char('.'));
    QStringList out;
    for (int i = 0; i < parts.size(); ++i) {
        if (i + 1 < parts.size() && isNumber(parts[i + 1]) && !isNumber(parts[i])) {
            out << parts[i] + QLatin1Char('.') + parts[i + 1];
            ++i;
        } else {
            out << parts[i];
        }
    }
    return out;
}

ByteNode &childGroup(ByteNode &parent, const QString &name)
{
    for (ByteNode &c : parent.children) {
        if (c.kind == ByteNodeKind::Group && c.name == name)
            return c;
    }
    ByteNode g;
    g.name = name;
    g.fullName = parent.fullName.isEmpty() ? name : parent.fullName + QLatin1Char('.') + name;
    g.kind = ByteNodeKind::Group;
    parent.children.push_back(std::move(g));
    return parent.children.back();
}

/// A group with one child says nothing the child doesn't: fold it ("tok_emb" + "weight" ->
/// "tok_emb.weight"). The root is never folded, nor an indexed group ("blocks.10"), so every
/// block shows as a block even when it holds a single sub-group.
void foldSingleChildGroups(ByteNode &node, bool isRoot)
{
    for (ByteNode &c : node.children)
        foldSingleChildGroups(c, false);
    const bool indexed = isNumber(node.name.section(QLatin1Char('.'), -1));
    if (!isRoot && !indexed && node.kind == ByteNodeKind::Group && node.children.size() == 1) {
        ByteNode only = std::move(node.children.front());
        only.name = node.name + QLatin1Char('.') + only.name;
        node = std::move(only);
    }
}

qint64 sumBytes(ByteNode &node)
{
    if (node.kind == ByteNodeKind::Group) {
        qint64 sum = 0;
        for (ByteNode &c : node.children)
            sum += sumBytes(c);
        node.bytes = sum;
    }
    return node.bytes;
}

} // namespace

int ByteNode::tensorCount() const
{
    int n = kind == ByteNodeKind::Tensor ? 1 : 0;
    for (const ByteNode &c : children)
        n += c.tensorCount();
    return n;
}

qint64 ByteNode::rawBytes() const
{
    qint64 n = kind == ByteNodeKind::Tensor ? tensor.rawBytes : 0;
    for (const ByteNode &c : children)
        n += c.rawBytes();
    return n;
}

const ByteNode *ByteNode::find(const QString &name) const
{
    if (fullName == name)
        return this;
    for (const ByteNode &c : children) {
        if (const ByteNode *hit = c.find(name))
            return hit;
    }
    return nullptr;
}

ByteNode buildByteTree(const QList<TensorBytes> &tensors, qint64 codeBytes, qint64 headerBytes,
                       const QString &rootName)
{
    ByteNode root;
    root.name = rootName;
    root.kind = ByteNodeKind::Group;
    for (const TensorBytes &t : tensors) {
        const QStringList comps = nameComponents(t.name);
        ByteNode *parent = &root;
        for (int i = 0; i + 1 < comps.size(); ++i)
            parent = &childGroup(*parent, comps[i]);
        ByteNode leaf;
        leaf.name = comps.isEmpty() ? t.name : comps.back();
        leaf.fullName = t.name;
        leaf.kind = ByteNodeKind::Tensor;
        leaf.bytes = std::max<qint64>(0, t.bytes);
        leaf.tensor = t;
        leaf.tensor.bytes = leaf.bytes;
        parent->children.push_back(std::move(leaf));
    }
    foldSingleChildGroups(root, true);

    ByteNode header;
    //: bytes of the model file that are not tensor data (container header)
    header.name = Tr::tr("header");
    header.fullName = kHeaderName;
    header.kind = ByteNodeKind::Header;
    header.bytes = std::max<qint64>(0, headerBytes);
    root.children.push_back(std::move(header));
    ByteNode code;
    //: bytes of the counted source code (train_gpt.py)
    code.name = Tr::tr("code");
    code.fullName = kCodeName;
    code.kind = ByteNodeKind::Code;
    code.bytes = std::max<qint64>(0, codeBytes);
    root.children.push_back(std::move(code));

    sumBytes(root);
    return root;
}

QString formatByteCount(qint64 bytes)
{
    // English grouping whatever the user's locale: the challenge's figures are written this way.
    static const QLocale english(QLocale::English, QLocale::UnitedStates);
    return english.toString(bytes);
}

} // namespace Widgets
