//===- OnlineSoftmax.h - FlashAttention-2's vector-core steps ---*- C++ -*-===//
//
// Private to convert-ascend-to-aicore: the online softmax the attention
// kernels (FlashAttention.cpp, PagedAttention.cpp) run on the vector cores,
// on f32 UB tiles of one core's rows. Each KV tile's scaled and masked
// scores x give P and rescale the running state (m, l, O):
//
//   m_new = max(m, rowmax x)   alpha = exp(m - m_new)   p = exp(x - m_new)
//   l = l * alpha + rowsum p   m = m_new   O = O * alpha + P V   (later)
//
// and the result is O / l.
//
//===----------------------------------------------------------------------===//
#ifndef LIB_CONVERSION_ASCENDTOAICORE_ONLINESOFTMAX_H
#define LIB_CONVERSION_ASCENDTOAICORE_ONLINESOFTMAX_H

#include "LoweringUtils.h"
#include "AscendDialect/Vec/VecDialect.h"

namespace mlir::ascend::lowering {

/// Reduces the rows of the f32 tile `x` into `out` ([rows, 1]): column
/// halves combined element-wise down to 32 columns, then one row
/// reduction. A row reduction costs 3.5x an element-wise op per byte
/// (docs/CycleModel.md), so on a wide tile this halves the cost; `sum`
/// then adds in a pairwise order (deterministic, not reduce_rows'
/// sequential one).
void reduceRows(OpBuilder &b, Location loc, vec::ReductionKind kind, Value x,
                Value out);

/// One step over the scores `x` ([rows, W]) of rows whose running max and
/// sum are `m` and `l` ([rows, 1]): updates them, writes the rescale factor
/// of the earlier tiles to `alpha` ([rows, 1]) and returns p ([rows, W]).
Value onlineSoftmaxStep(OpBuilder &b, Location loc, Value x, Value m, Value l,
                        Value alpha);

/// O = O * alpha + partial, alpha ([rows, 1]) over O's columns.
void rescaleAccumulator(OpBuilder &b, Location loc, Value o, Value alpha,
                        Value partial);

/// O / l, l ([rows, 1]) over O's columns, in a new tile.
Value normalizeRows(OpBuilder &b, Location loc, Value o, Value l);

} // namespace mlir::ascend::lowering

#endif
