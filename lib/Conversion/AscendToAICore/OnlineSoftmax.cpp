//===- OnlineSoftmax.cpp - FlashAttention-2's vector-core steps -----------===//

#include "OnlineSoftmax.h"

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::lowering;

void mlir::ascend::lowering::reduceRows(OpBuilder &b, Location loc,
                                        vec::ReductionKind kind, Value x,
                                        Value out) {
  auto shape = cast<MemRefType>(x.getType()).getShape();
  int64_t rows = shape[0], width = shape[1];
  constexpr int64_t kNarrow = 32;
  auto combine = [&](Value lhs, Value rhs, Value into) {
    if (kind == vec::ReductionKind::max)
      b.create<vec::MaxOp>(loc, lhs, rhs, into);
    else
      b.create<vec::AddOp>(loc, lhs, rhs, into);
  };
  Value narrow = x;
  if (width > kNarrow && width % (2 * kNarrow) == 0) {
    width /= 2;
    narrow = allocUB(b, loc, {rows, width}, b.getF32Type());
    combine(columns(b, loc, x, 0, width), columns(b, loc, x, width, width),
            narrow);
    for (; width > kNarrow; width /= 2)
      combine(columns(b, loc, narrow, 0, width / 2),
              columns(b, loc, narrow, width / 2, width / 2),
              columns(b, loc, narrow, 0, width / 2));
    narrow = columns(b, loc, narrow, 0, width);
  }
  b.create<vec::ReduceRowsOp>(loc, kind, narrow, out);
}

/// `column` ([rows, 1]) replicated over `cols` columns.
static Value wide(OpBuilder &b, Location loc, Value column, int64_t cols) {
  int64_t rows = cast<MemRefType>(column.getType()).getDimSize(0);
  Value tile = allocUB(b, loc, {rows, cols}, b.getF32Type());
  b.create<vec::BroadcastOp>(loc, column, tile);
  return tile;
}

Value mlir::ascend::lowering::onlineSoftmaxStep(OpBuilder &b, Location loc,
                                                Value x, Value m, Value l,
                                                Value alpha) {
  auto shape = cast<MemRefType>(x.getType()).getShape();
  int64_t rows = shape[0], width = shape[1];
  Type f32 = b.getF32Type();
  Value rowMax = allocUB(b, loc, {rows, 1}, f32);
  Value mNew = allocUB(b, loc, {rows, 1}, f32);
  Value diff = allocUB(b, loc, {rows, 1}, f32);
  reduceRows(b, loc, vec::ReductionKind::max, x, rowMax);
  b.create<vec::MaxOp>(loc, m, rowMax, mNew);
  b.create<vec::SubOp>(loc, m, mNew, diff);
  b.create<vec::ExpOp>(loc, diff, alpha);
  b.create<vec::CopyOp>(loc, mNew, m);
  Value shifted = allocUB(b, loc, {rows, width}, f32);
  Value p = allocUB(b, loc, {rows, width}, f32);
  b.create<vec::SubOp>(loc, x, wide(b, loc, mNew, width), shifted);
  b.create<vec::ExpOp>(loc, shifted, p);
  Value rowSum = allocUB(b, loc, {rows, 1}, f32);
  Value kept = allocUB(b, loc, {rows, 1}, f32);
  reduceRows(b, loc, vec::ReductionKind::sum, p, rowSum);
  b.create<vec::MulOp>(loc, l, alpha, kept);
  b.create<vec::AddOp>(loc, kept, rowSum, l);
  return p;
}

void mlir::ascend::lowering::rescaleAccumulator(OpBuilder &b, Location loc,
                                                Value o, Value alpha,
                                                Value partial) {
  auto shape = cast<MemRefType>(o.getType()).getShape();
  Value kept = allocUB(b, loc, shape, b.getF32Type());
  b.create<vec::MulOp>(loc, o, wide(b, loc, alpha, shape[1]), kept);
  b.create<vec::AddOp>(loc, kept, partial, o);
}

Value mlir::ascend::lowering::normalizeRows(OpBuilder &b, Location loc,
                                            Value o, Value l) {
  auto shape = cast<MemRefType>(o.getType()).getShape();
  Value result = allocUB(b, loc, shape, b.getF32Type());
  b.create<vec::DivOp>(loc, o, wide(b, loc, l, shape[1]), result);
  return result;
}
