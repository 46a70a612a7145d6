//===- Rope.cpp - rotary position embedding on the vector cores -----------===//
//
// rope <half>, a position (token) at a time: the [heads, D] slice and its
// cos/sin row go through UB in f32.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "AscendDialect/Vec/VecDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::lowering;
using aicore::AddressSpace;

namespace {

/// UB bytes one position's [heads, D] slice needs: the input tile and its
/// f32 copy, the f32 output tile and its rounded copy, and four f32
/// [heads, D/2] tiles (broadcast cos and sin, two products), plus the
/// cos/sin rows and their f32 copies.
int64_t ropeBytes(ascend::RopeOp op) {
  auto xType = cast<RankedTensorType>(op.getX().getType());
  int64_t d = xType.getShape().back(), heads = xType.getShape().drop_back().back();
  int64_t xBytes = xType.getElementType().getIntOrFloatBitWidth() / 8;
  int64_t csBytes = op.getCos().getType().getElementType().getIntOrFloatBitWidth() / 8;
  return heads * d * (2 * xBytes + 2 * 4 + 2 * 4) + d * (csBytes + 4);
}

/// Why `op` cannot be lowered by the rope pattern ("" if it can).
std::string ropeBlocker(ascend::RopeOp op) {
  if (op.getMode() == ascend::RopeMode::interleaved)
    return "rope <interleaved> is not lowered yet (pairs are strided)";
  auto xType = cast<RankedTensorType>(op.getX().getType());
  if (std::string why = bf16Blocker(op, xType.getElementType()); !why.empty())
    return why;
  std::string text;
  llvm::raw_string_ostream os(text);
  int64_t half = xType.getShape().back() / 2;
  if (half % 8) {
    os << "rope <half> with head dim " << 2 * half
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
    auto emitPosition = [&](OpBuilder &b, Value position,
                            int64_t) -> LogicalResult {
      Value first = b.create<arith::MulIOp>(loc, position,
                                            constantIndex(b, loc, heads));
      Value row = table == positions
                      ? position
                      : b.create<arith::RemUIOp>(loc, position,
                                                 constantIndex(b, loc, table));
      Value x = loadF32(b, loc, sliceRows(b, loc, xRows, first, heads));
      Value c = broadcastRows(
          b, loc, loadF32(b, loc, sliceRows(b, loc, gmCos, row, 1)), heads);
      Value s = broadcastRows(
          b, loc, loadF32(b, loc, sliceRows(b, loc, gmSin, row, 1)), heads);
      Value y = allocUB(b, loc, {heads, d}, f32);
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
