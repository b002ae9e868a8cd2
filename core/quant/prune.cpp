// SPDX-License-Identifier: GPL-3.0-or-later
// Fast (vectorised libtorch) pruning; the scalar definitions are in quantizer_reference.cpp.
// Ties go to the lower flat index through stable sorts, and zeros are written as +0 (masked
// fills, not multiplications, which would give -0 for negative weights), so both paths agree
// bit for bit.

#include "common/error.h"
#include "quant/quantcommon_p.h"
#include "quant/quantizer_p.h"

namespace Core {

namespace {

// Flat float32 copy [numel] of `t` that pruning may write to.
torch::Tensor floatCopy(const torch::Tensor &t)
{
    return t.detach().to(torch::kCPU).to(torch::kFloat32).contiguous().view({-1}).clone();
}

void pruneMagnitude(torch::Tensor &w, double sparsity)
{
    const int64_t k = Internal::prunedCount(sparsity, w.numel());
    if (k == 0)
        return;
    // Stable ascending sort of |w|: among equal magnitudes the lower index comes first.
    const torch::Tensor order =
        std::get<1>(w.abs().sort(/*stable=*/true, /*dim=*/0, /*descending=*/false));
    w.index_fill_(0, order.slice(0, 0, k), 0.0);
}

void pruneNM(torch::Tensor &w, int64_t rows, int n, int m)
{
    const int64_t cols = rows ? w.numel() / rows : 0;
    if (cols == 0)
        return;
    const int64_t runs = (cols + m - 1) / m;
    // [rows * runs, m]; padding of -1 sorts below every |w| >= 0, so it is kept only when the
    // row's last run is shorter than n, and then every real value of that run is kept too.
    const torch::Tensor mag =
        torch::constant_pad_nd(w.view({rows, cols}).abs(), {0, runs * m - cols}, -1.0)
            .view({rows * runs, m});
    // Stable descending sort: equal magnitudes keep their order, so the lower index is kept.
    const torch::Tensor order =
        std::get<1>(mag.sort(/*stable=*/true, /*dim=*/1, /*descending=*/true));
    const torch::Tensor keep = torch::zeros({rows * runs, m}, torch::kBool)
                                   .scatter_(1, order.slice(1, 0, n), true)
                                   .view({rows, runs * m})
                                   .slice(1, 0, cols);
    w.view({rows, cols}).masked_fill_(keep.logical_not(), 0.0);
}

void pruneRows(torch::Tensor &w, int64_t rows, double sparsity, int rowBlock)
{
    const int64_t blocks = (rows + rowBlock - 1) / rowBlock;
    const int64_t k = Internal::prunedCount(sparsity, blocks);
    if (k == 0)
        return;
    const int64_t cols = w.numel() / rows;
    const int64_t blockLen = int64_t(rowBlock) * cols;
    // Squared L2 norm per block in double. A float's square is exact in double, and cumsum adds
    // left to right (unlike sum's pairwise order), as the reference loop does, so both paths
    // rank the blocks identically. Zero padding of the last block adds nothing.
    const torch::Tensor sq = w.to(torch::kFloat64).square();
    const torch::Tensor norms2 = torch::constant_pad_nd(sq, {0, blocks * blockLen - w.numel()}, 0.0)
                                     .view({blocks, blockLen})
                                     .cumsum(1)
                                     .select(1, blockLen - 1);
    const torch::Tensor order =
        std::get<1>(norms2.sort(/*stable=*/true, /*dim=*/0, /*descending=*/false));
    const torch::Tensor prunedBlock =
        torch::zeros({blocks}, torch::kBool).index_fill_(0, order.slice(0, 0, k), true);
    const torch::Tensor prunedRow = prunedBlock.repeat_interleave(rowBlock).slice(0, 0, rows);
    w.view({rows, cols}).masked_fill_(prunedRow.unsqueeze(1), 0.0);
}

} // namespace

torch::Tensor prune(const torch::Tensor &t, const QuantSetting &setting)
{
    if (setting.prune == PruneMode::None)
        return t;
    setting.validate("pruning");
    check(t.is_floating_point(), "pruning: can only prune float tensors");
    torch::Tensor w = floatCopy(t);
    // NaN has no place in a magnitude order; quantize() reports it with the tensor's name.
    check(torch::isfinite(w).all().item<bool>(), "pruning: the tensor has non-finite values");
    const int64_t rows = t.dim() >= 2 ? t.size(0) : 1;
    if (w.numel() > 0) {
        switch (setting.prune) {
        case PruneMode::None:
            break;
        case PruneMode::Magnitude:
            pruneMagnitude(w, setting.sparsity);
            break;
        case PruneMode::NM:
            pruneNM(w, rows, setting.n, setting.m);
            break;
        case PruneMode::Rows:
            pruneRows(w, rows, setting.sparsity, setting.rowBlock);
            break;
        }
    }
    return w.view(t.sizes());
}

} // namespace Core
