//===- Rope.cpp - rotary position embedding on the vector cores -----------===//
//
// A position (token) at a time: the [heads, D] slice and its cos/sin row
// go through UB in f32. <half> rotates the two halves of each row;
// <interleaved> pairs neighbours, which vec.gather brings together: the
// slice with each pair swapped, cos and sin repeated per pair (sin negated
// for the first element), so that y = x * c' + swap(x) * s'.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "AscendDialect/Vec/VecDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::lowering;
using aicore::AddressSpace;

namespace {

/// UB bytes one position's [heads, D] slice needs: the input tile and its
/// f32 copy, the f32 output tile and its rounded copy, and four f32
/// [heads, D/2] tiles (broadcast cos and sin, two products), plus the
/// cos/sin rows and their f32 copies. <interleaved> has four f32
/// [heads, D] tiles instead (broadcast cos and sin, two products), the
/// swapped slice and its i32 index, and five [1, D] rows (signed sin, cos
/// and sin per element, two indices).
int64_t ropeBytes(ascend::RopeOp op) {
  auto xType = cast<RankedTensorType>(op.getX().getType());
  int64_t d = xType.getShape().back(), heads = xType.getShape().drop_back().back();
  int64_t xBytes = xType.getElementType().getIntOrFloatBitWidth() / 8;
  int64_t csBytes = op.getCos().getType().getElementType().getIntOrFloatBitWidth() / 8;
  if (op.getMode() == ascend::RopeMode::interleaved)
    return heads * d * (2 * xBytes + 2 * 4 + 6 * 4) + d * (csBytes + 4 + 5 * 4);
  return heads * d * (2 * xBytes + 2 * 4 + 2 * 4) + d * (csBytes + 4);
}

/// Why `op` cannot be lowered by the rope pattern ("" if it can).
std::string ropeBlocker(ascend::RopeOp op) {
  auto xType = cast<RankedTensorType>(op.getX().getType());
  if (std::string why = bf16Blocker(op, xType.getElementType()); !why.empty())
    return why;
  std::string text;
  llvm::raw_string_ostream os(text);
  int64_t half = xType.getShape().back() / 2;
  if (half % 8) {
    os << "rope <" << ascend::stringifyRopeMode(op.getMode())
       << "> with head dim " << 2 * half
       << " is not lowered yet: each half row of " << half
       << " f32 elements must be whole 32-byte UB blocks, expected a head dim "
          "that is a multiple of 16";
    return text;
  }
  int64_t ub = static_cast<int64_t>(
      aicore::getTargetInfo(op).buffer(AddressSpace::ub).bytes);
  if (ropeBytes(op) > ub)
    os << "one position of rope needs " << ropeBytes(op)
       << " bytes of UB, more than the " << ub
       << " bytes UB has; that many heads are not lowered yet";
  return text;
}

/// y1 = x1 * c - x2 * s and y2 = x2 * c + x1 * s on the halves of the f32
/// [heads, D] tiles `x` and `y`; `c` and `s` are f32 [heads, D/2].
void emitRopeHalves(OpBuilder &b, Location loc, Value x, Value y, Value c,
                    Value s) {
  auto type = cast<MemRefType>(x.getType());
  int64_t heads = type.getDimSize(0), half = type.getDimSize(1) / 2;
  Value x1 = columns(b, loc, x, 0, half), x2 = columns(b, loc, x, half, half);
  Value y1 = columns(b, loc, y, 0, half), y2 = columns(b, loc, y, half, half);
  Value p = allocUB(b, loc, {heads, half}, b.getF32Type());
  Value q = allocUB(b, loc, {heads, half}, b.getF32Type());
  b.create<vec::MulOp>(loc, x1, c, p);
  b.create<vec::MulOp>(loc, x2, s, q);
  b.create<vec::SubOp>(loc, p, q, y1);
  b.create<vec::MulOp>(loc, x2, c, p);
  b.create<vec::MulOp>(loc, x1, s, q);
  b.create<vec::AddOp>(loc, p, q, y2);
}

/// i32 element offsets the interleaved rotation gathers with, built once
/// per block: `swap` ([heads, D]) exchanges the elements of each pair,
/// `pairOf` ([1, D]) reads pair i's value for both its elements from a
/// [D/2] row, `signedPairOf` ([1, D]) reads -s for the first element and s
/// for the second from the row [-s, s].
struct PairIndices {
  Value swap, pairOf, signedPairOf;
};

PairIndices emitPairIndices(OpBuilder &b, Location loc, int64_t heads,
                            int64_t d) {
  Type i32 = b.getI32Type();
  PairIndices idx{allocUB(b, loc, {heads, d}, i32),
                  allocUB(b, loc, {1, d}, i32), allocUB(b, loc, {1, d}, i32)};
  // The scalar unit writes one head's offsets element by element; the
  // vector unit adds h * D for the other heads.
  Value zero = constantIndex(b, loc, 0), one = constantIndex(b, loc, 1);
  auto pairs = b.create<scf::ForOp>(loc, zero, constantIndex(b, loc, d / 2), one);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(pairs.getBody());
    Value i = pairs.getInductionVar();
    Value even = b.create<arith::MulIOp>(loc, i, constantIndex(b, loc, 2));
    Value odd = b.create<arith::AddIOp>(loc, even, one);
    Value secondHalf = b.create<arith::AddIOp>(loc, i, constantIndex(b, loc, d / 2));
    auto store = [&](Value tile, Value at, Value v) {
      b.create<memref::StoreOp>(loc, b.create<arith::IndexCastOp>(loc, i32, v),
                                tile, ValueRange{zero, at});
    };
    store(idx.swap, even, odd);
    store(idx.swap, odd, even);
    store(idx.pairOf, even, i);
    store(idx.pairOf, odd, i);
    store(idx.signedPairOf, even, i);
    store(idx.signedPairOf, odd, secondHalf);
  }
  if (heads == 1)
    return idx;
  auto rest = b.create<scf::ForOp>(loc, one, constantIndex(b, loc, heads), one);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(rest.getBody());
  Value h = rest.getInductionVar();
  Value base = b.create<arith::IndexCastOp>(
      loc, i32, b.create<arith::MulIOp>(loc, h, constantIndex(b, loc, d)));
  Value first = sliceRows(b, loc, idx.swap, zero, 1);
  b.create<vec::AddsOp>(loc, first, base, sliceRows(b, loc, idx.swap, h, 1));
  return idx;
}

/// y = x * c' + swap(x) * s' on the f32 [heads, D] tiles `x` and `y`, where
/// c' = (c0, c0, c1, c1, ...) and s' = (-s0, s0, -s1, s1, ...) come from
/// the f32 [1, D/2] rows `c` and `s`. x1 * c + x2 * (-s) rounds exactly as
/// x1 * c - x2 * s, so both modes give the same bits for the same pairs.
void emitRopePairs(OpBuilder &b, Location loc, Value x, Value y, Value c,
                   Value s, const PairIndices &idx) {
  auto type = cast<MemRefType>(x.getType());
  int64_t heads = type.getDimSize(0), d = type.getDimSize(1);
  Type f32 = b.getF32Type();
  Value signedSin = allocUB(b, loc, {1, d}, f32);
  Value minusOne = b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(-1.0));
  b.create<vec::MulsOp>(loc, s, minusOne, columns(b, loc, signedSin, 0, d / 2));
  b.create<vec::CopyOp>(loc, s, columns(b, loc, signedSin, d / 2, d / 2));
  Value cRow = allocUB(b, loc, {1, d}, f32), sRow = allocUB(b, loc, {1, d}, f32);
  b.create<vec::GatherOp>(loc, c, idx.pairOf, cRow);
  b.create<vec::GatherOp>(loc, signedSin, idx.signedPairOf, sRow);
  Value swapped = allocUB(b, loc, {heads, d}, f32);
  b.create<vec::GatherOp>(loc, x, idx.swap, swapped);
  Value p = allocUB(b, loc, {heads, d}, f32), q = allocUB(b, loc, {heads, d}, f32);
  b.create<vec::MulOp>(loc, x, broadcastRows(b, loc, cRow, heads), p);
  b.create<vec::MulOp>(loc, swapped, broadcastRows(b, loc, sRow, heads), q);
  b.create<vec::AddOp>(loc, p, q, y);
}

/// x as rows of [positions * heads, D]; position `i` (a token, or a
/// (batch, seq) pair) takes rows [i * heads, (i + 1) * heads) and the cos/sin
/// row i mod P, since every batch shares the table.
struct RopePattern : OpRewritePattern<ascend::RopeOp> {
  RopePattern(MLIRContext *ctx, const AscendTilingOptions &options)
      : OpRewritePattern<ascend::RopeOp>(ctx), options(options) {}

  LogicalResult matchAndRewrite(ascend::RopeOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<GMOperands> gm = matchGMOperands(op, rewriter);
    if (failed(gm))
      return failure();
    // Operands in ODS order: x, cos, sin.
    Value gmX = gm->inputs[0], gmCos = gm->inputs[1], gmSin = gm->inputs[2];
    if (std::string why = ropeBlocker(op); !why.empty())
      return rewriter.notifyMatchFailure(op, why);
    auto xType = cast<RankedTensorType>(op.getX().getType());
    ArrayRef<int64_t> shape = xType.getShape();
    int64_t d = shape.back(), heads = shape.drop_back().back();
    int64_t positions = xType.getNumElements() / (heads * d);
    int64_t table = op.getCos().getType().getDimSize(0);
    int64_t blocks = vectorBlocks(op, options, positions);
    requireBlocks(op, blocks);

    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    Value xRows = asRows(rewriter, loc, gmX);
    Value yRows = asRows(rewriter, loc, gm->output());
    Value block = rewriter.create<aicore::BlockIdxOp>(loc, rewriter.getIndexType());
    Type f32 = rewriter.getF32Type();
    bool interleaved = op.getMode() == ascend::RopeMode::interleaved;
    PairIndices idx;
    if (interleaved)
      idx = emitPairIndices(rewriter, loc, heads, d);
    auto emitPosition = [&](OpBuilder &b, Value position,
                            int64_t) -> LogicalResult {
      Value first = b.create<arith::MulIOp>(loc, position,
                                            constantIndex(b, loc, heads));
      Value row = table == positions
                      ? position
                      : b.create<arith::RemUIOp>(loc, position,
                                                 constantIndex(b, loc, table));
      Value x = loadF32(b, loc, sliceRows(b, loc, xRows, first, heads));
      // <half> broadcasts the rows; <interleaved> first spreads them per pair.
      auto loadRow = [&](Value gm) {
        Value r = loadF32(b, loc, sliceRows(b, loc, gm, row, 1));
        return interleaved ? r : broadcastRows(b, loc, r, heads);
      };
      Value c = loadRow(gmCos), s = loadRow(gmSin);
      Value y = allocUB(b, loc, {heads, d}, f32);
      if (interleaved)
        emitRopePairs(b, loc, x, y, c, s, idx);
      else
        emitRopeHalves(b, loc, x, y, c, s);
      storeRounded(b, loc, y, sliceRows(b, loc, yRows, first, heads));
      return success();
    };
    if (failed(emitRoundRobin(rewriter, loc, block, positions, /*tail=*/0,
                              /*tile=*/1, blocks, emitPosition)))
      return failure();
    gm->erase(rewriter, op);
    return success();
  }

  AscendTilingOptions options;
};

//===----------------------------------------------------------------------===//

} // namespace

void mlir::ascend::lowering::populateRopePatterns(
    RewritePatternSet &patterns, const AscendTilingOptions &options) {
  patterns.add<RopePattern>(patterns.getContext(), options);
}

std::string mlir::ascend::lowering::explainRope(Operation *op,
                                                const AscendTilingOptions &) {
  auto rope = dyn_cast<ascend::RopeOp>(op);
  return rope ? ropeBlocker(rope) : "";
}
