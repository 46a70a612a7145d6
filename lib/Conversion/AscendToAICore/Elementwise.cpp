//===- Elementwise.cpp - elementwise ops on the vector cores --------------===//
//
// Flattens every operand, cuts it into UB tiles, spreads the tiles over the
// vector cores; bf16 is computed in f32 between two casts.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"
#include "mlir/IR/TypeUtilities.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "AscendDialect/Vec/VecDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::lowering;
using aicore::AddressSpace;

namespace {

/// Emits the vec op(s) computing `op` on UB tiles `in` into `out`, all of
/// element type f16 or f32 (bf16 is cast around this).
LogicalResult emitVectorBody(OpBuilder &b, Location loc, Operation *op,
                             ArrayRef<Value> in, Value out) {
  if (isa<ascend::AddOp>(op))
    b.create<vec::AddOp>(loc, in[0], in[1], out);
  else if (isa<ascend::SubOp>(op))
    b.create<vec::SubOp>(loc, in[0], in[1], out);
  else if (isa<ascend::MulOp>(op))
    b.create<vec::MulOp>(loc, in[0], in[1], out);
  else if (isa<ascend::DivOp>(op))
    b.create<vec::DivOp>(loc, in[0], in[1], out);
  else if (isa<ascend::MaxOp>(op))
    b.create<vec::MaxOp>(loc, in[0], in[1], out);
  else if (isa<ascend::MinOp>(op))
    b.create<vec::MinOp>(loc, in[0], in[1], out);
  else if (isa<ascend::ExpOp>(op))
    b.create<vec::ExpOp>(loc, in[0], out);
  else if (isa<ascend::LogOp>(op))
    b.create<vec::LnOp>(loc, in[0], out);
  else if (isa<ascend::SqrtOp>(op))
    b.create<vec::SqrtOp>(loc, in[0], out);
  else if (isa<ascend::RsqrtOp>(op))
    b.create<vec::RsqrtOp>(loc, in[0], out);
  else if (isa<ascend::ReciprocalOp>(op))
    b.create<vec::ReciprocalOp>(loc, in[0], out);
  else if (isa<ascend::AbsOp>(op))
    b.create<vec::AbsOp>(loc, in[0], out);
  else if (isa<ascend::ReluOp>(op))
    b.create<vec::ReluOp>(loc, in[0], out);
  else if (isa<ascend::NegOp>(op)) {
    // -x is exact as x * -1.
    Type element = cast<MemRefType>(out.getType()).getElementType();
    Value minusOne = b.create<arith::ConstantOp>(
        loc, element, b.getFloatAttr(element, -1.0));
    b.create<vec::MulsOp>(loc, in[0], minusOne, out);
  } else {
    return failure();
  }
  return success();
}

bool isLoweredElementwise(Operation *op) {
  return isa<ascend::AddOp, ascend::SubOp, ascend::MulOp, ascend::DivOp,
             ascend::MaxOp, ascend::MinOp, ascend::ExpOp, ascend::LogOp,
             ascend::SqrtOp, ascend::RsqrtOp, ascend::ReciprocalOp,
             ascend::AbsOp, ascend::ReluOp, ascend::NegOp>(op);
}

/// Why `op` cannot be lowered by the elementwise pattern ("" if it can).
std::string elementwiseBlocker(Operation *op) {
  for (Value operand : op->getOperands())
    if (cast<ShapedType>(operand.getType()).getShape() !=
        cast<ShapedType>(op->getResult(0).getType()).getShape())
      return "broadcasting operands are not lowered yet; broadcast them to "
             "the result shape first";
  return bf16Blocker(op, getElementTypeOrSelf(op->getResult(0).getType()));
}

struct ElementwisePattern : RewritePattern {
  ElementwisePattern(MLIRContext *ctx, const AscendTilingOptions &options)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx),
        options(options) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isLoweredElementwise(op))
      return failure();
    FailureOr<GMOperands> gm = matchGMOperands(op, rewriter);
    if (failed(gm))
      return failure();
    if (std::string why = elementwiseBlocker(op); !why.empty())
      return rewriter.notifyMatchFailure(op, why);
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());

    Location loc = op->getLoc();
    const aicore::TargetInfo &target = aicore::getTargetInfo(op);
    Type element = resultType.getElementType();
    // bf16 has no vector arithmetic: compute in f32 between two casts.
    bool viaF32 = element.isBF16();
    Type compute = viaF32 ? rewriter.getF32Type() : element;
    int64_t elementBytes = element.getIntOrFloatBitWidth() / 8;
    int64_t computeBytes = compute.getIntOrFloatBitWidth() / 8;
    int64_t n = resultType.getNumElements();

    // Tile: every operand tile (+ its f32 copy) in a quarter of UB, leaving
    // room for double buffering; a whole number of 256-byte repeats.
    int64_t tiles = static_cast<int64_t>(gm->inputs.size()) + 1;
    int64_t perElement = tiles * (elementBytes + (viaF32 ? computeBytes : 0));
    int64_t tile = options.vectorTile;
    if (tile <= 0) {
      tile = static_cast<int64_t>(target.buffer(AddressSpace::ub).bytes) / 4 /
             perElement;
      tile -= tile % (256 / elementBytes);
    }
    tile = std::min(tile, n);
    int64_t full = n / tile, tail = n % tile;
    int64_t blocks = vectorBlocks(op, options, full);
    requireBlocks(op, blocks);

    rewriter.setInsertionPoint(op);
    SmallVector<Value> flatIn;
    for (Value m : gm->inputs)
      flatIn.push_back(flatten(rewriter, loc, m));
    Value flatOut = flatten(rewriter, loc, gm->output());
    Value block = rewriter.create<aicore::BlockIdxOp>(loc, rewriter.getIndexType());

    // One tile of `size` elements at `offset`: load, compute, store.
    auto emitTile = [&](OpBuilder &b, Value offset, int64_t size) -> LogicalResult {
      auto ub = [&](Type t) {
        return b.create<aicore::AllocOp>(loc, tileType({size}, t, AddressSpace::ub),
                                         IntegerAttr());
      };
      SmallVector<Value> in;
      for (Value m : flatIn) {
        Value tileIn = ub(element);
        b.create<mte::CopyOp>(loc, slice1D(b, loc, m, offset, size), tileIn);
        if (viaF32) {
          Value wide = ub(compute);
          b.create<vec::CastOp>(loc, tileIn, wide, aicore::RoundMode::rint);
          tileIn = wide;
        }
        in.push_back(tileIn);
      }
      Value result = ub(compute);
      if (failed(emitVectorBody(b, loc, op, in, result)))
        return failure();
      if (viaF32) {
        Value narrow = ub(element);
        b.create<vec::CastOp>(loc, result, narrow, aicore::RoundMode::rint);
        result = narrow;
      }
      b.create<mte::CopyOp>(loc, result, slice1D(b, loc, flatOut, offset, size));
      return success();
    };

    if (failed(emitRoundRobin(rewriter, loc, block, full, tail, tile, blocks,
                              emitTile)))
      return failure();
    gm->erase(rewriter, op);
    return success();
  }

  AscendTilingOptions options;
};

} // namespace

void mlir::ascend::lowering::populateElementwisePatterns(
    RewritePatternSet &patterns, const AscendTilingOptions &options) {
  patterns.add<ElementwisePattern>(patterns.getContext(), options);
}

std::string
mlir::ascend::lowering::explainElementwise(Operation *op,
                                           const AscendTilingOptions &) {
  return isLoweredElementwise(op) ? elementwiseBlocker(op) : "";
}
