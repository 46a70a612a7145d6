//===- AscendToAICore.cpp - tiling ascend ops onto the AI Core -----------===//
//
// The pass gives each function a kernel signature (GM memrefs in, GM memrefs
// out) and brackets the tensor body with bufferization.to_tensor and
// materialize_in_destination; each pattern then replaces one ascend op
// between such brackets with its tiled kernel. Synchronisation and buffer
// offsets are left to ascend-insert-sync and ascend-plan-memory.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Conversion/AscendToAICore.h"
#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/Ascend/AscendDialect.h"
#include "AscendDialect/Conversion/Passes.h"
#include "AscendDialect/Cube/CubeDialect.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "AscendDialect/Vec/VecDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ascend {
#define GEN_PASS_DEF_CONVERTASCENDTOAICOREPASS
#include "AscendDialect/Conversion/Passes.h.inc"
} // namespace mlir::ascend

using namespace mlir;
using namespace mlir::ascend;
using aicore::AddressSpace;

namespace {

//===----------------------------------------------------------------------===//
// Building blocks
//===----------------------------------------------------------------------===//

MemRefType tileType(ArrayRef<int64_t> shape, Type element, AddressSpace space) {
  MLIRContext *ctx = element.getContext();
  return MemRefType::get(shape, element, MemRefLayoutAttrInterface(),
                         aicore::AddressSpaceAttr::get(ctx, space));
}

Value constantIndex(OpBuilder &b, Location loc, int64_t v) {
  return b.create<arith::ConstantIndexOp>(loc, v);
}

/// The GM memref a tensor operand was read from, if it was.
Value sourceMemRef(Value tensor) {
  if (auto toTensor = tensor.getDefiningOp<bufferization::ToTensorOp>())
    return toTensor.getMemref();
  return {};
}

/// The GM memref the op's only result is written to, if it is.
bufferization::MaterializeInDestinationOp destinationOf(Operation *op) {
  if (op->getNumResults() != 1 || !op->getResult(0).hasOneUse())
    return {};
  return dyn_cast<bufferization::MaterializeInDestinationOp>(
      *op->getResult(0).getUsers().begin());
}

/// An ascend op between the brackets the pass puts around kernel bodies: its
/// operands read from GM memrefs, its result written to one.
struct GMOperands {
  SmallVector<Value> inputs; ///< per operand, the GM memref it was read from
  bufferization::MaterializeInDestinationOp destination;

  Value output() { return destination.getDest(); }
  /// Erases the op and its bracket once the kernel code replaces them.
  void erase(PatternRewriter &rewriter, Operation *op) {
    rewriter.eraseOp(destination);
    rewriter.eraseOp(op);
  }
};

FailureOr<GMOperands> matchGMOperands(Operation *op,
                                      PatternRewriter &rewriter) {
  GMOperands gm;
  gm.destination = destinationOf(op);
  if (!gm.destination)
    return rewriter.notifyMatchFailure(op, "result is not written to GM");
  for (Value operand : op->getOperands()) {
    gm.inputs.push_back(sourceMemRef(operand));
    if (!gm.inputs.back())
      return rewriter.notifyMatchFailure(op, "operand is not a GM argument");
  }
  return gm;
}

/// Raises the kernel's block_dim to at least `blockDim`.
void requireBlocks(Operation *op, int64_t blockDim) {
  auto func = op->getParentOfType<func::FuncOp>();
  StringRef name = aicore::AICoreDialect::getKernelAttrName();
  auto current = func->getAttrOfType<aicore::KernelAttr>(name);
  int64_t now = current ? current.getBlockDim() : 1;
  func->setAttr(name, aicore::KernelAttr::get(op->getContext(),
                                              std::max(now, blockDim)));
}

/// A 1-D contiguous view of a whole GM memref.
Value flatten(OpBuilder &b, Location loc, Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  if (type.getRank() == 1)
    return memref;
  ReassociationIndices all;
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.push_back(d);
  return b.create<memref::CollapseShapeOp>(loc, memref,
                                           ArrayRef<ReassociationIndices>{all});
}

/// memref.subview of a 1-D memref at a dynamic offset with a static size.
Value slice1D(OpBuilder &b, Location loc, Value memref, Value offset,
              int64_t size) {
  SmallVector<OpFoldResult> offsets{offset}, sizes{b.getIndexAttr(size)},
      strides{b.getIndexAttr(1)};
  return b.create<memref::SubViewOp>(loc, memref, offsets, sizes, strides);
}

/// Emits one tile of `size` units (elements or rows) at `offset`.
using TileEmitter =
    function_ref<LogicalResult(OpBuilder &, Value offset, int64_t size)>;

/// Spreads `full` tiles of `tile` units round-robin over `blocks` blocks;
/// the static tail of `tail` units goes to the block that would take the
/// next tile, so the work stays balanced.
LogicalResult emitRoundRobin(PatternRewriter &rewriter, Location loc,
                             Value block, int64_t full, int64_t tail,
                             int64_t tile, int64_t blocks, TileEmitter emit) {
  if (full > 0) {
    auto loop = rewriter.create<scf::ForOp>(
        loc, block, constantIndex(rewriter, loc, full),
        constantIndex(rewriter, loc, blocks));
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(loop.getBody());
    Value offset = rewriter.create<arith::MulIOp>(
        loc, loop.getInductionVar(), constantIndex(rewriter, loc, tile));
    if (failed(emit(rewriter, offset, tile)))
      return failure();
  }
  if (tail > 0) {
    Value owner = rewriter.create<arith::CmpIOp>(
        loc, arith::CmpIPredicate::eq, block,
        constantIndex(rewriter, loc, full % blocks));
    auto branch = rewriter.create<scf::IfOp>(loc, owner, /*withElse=*/false);
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(&branch.getThenRegion().front());
    if (failed(emit(rewriter, constantIndex(rewriter, loc, full * tile), tail)))
      return failure();
  }
  return success();
}

/// Why bf16 `element` cannot be computed on `op`'s target ("" if it can).
std::string bf16Blocker(Operation *op, Type element) {
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  if (element.isBF16() && target.arch != aicore::CoreArch::davC220)
    return ("bf16 is computed through f32 casts, which " + target.name +
            " does not have")
        .str();
  return "";
}

//===----------------------------------------------------------------------===//
// Elementwise ops on the vector cores
//===----------------------------------------------------------------------===//

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
    int64_t vectorCores = target.numBlocks * target.vectorCoresPerBlock;
    int64_t blocks = options.blockDim > 0
                         ? options.blockDim
                         : std::max<int64_t>(1, std::min(full, vectorCores));
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

//===----------------------------------------------------------------------===//
// Softmax (last dim) and rms_norm on the vector cores, rows at a time
//===----------------------------------------------------------------------===//

bool isLoweredRowwise(Operation *op) {
  return isa<ascend::SoftmaxOp, ascend::RmsNormOp>(op);
}

/// How a row-wise op is cut: `rows` rows of `cols` elements, `tileRows` rows
/// per UB tile (0 if even one row does not fit UB).
struct RowPlan {
  int64_t rows, cols, tileRows;
  int64_t rowBytes, fixedBytes;
};

RowPlan planRows(Operation *op, const AscendTilingOptions &options) {
  auto xType = cast<RankedTensorType>(op->getOperand(0).getType());
  RowPlan plan;
  plan.cols = xType.getShape().back();
  plan.rows = xType.getNumElements() / plan.cols;
  Type element = xType.getElementType();
  int64_t elementBytes = element.getIntOrFloatBitWidth() / 8;
  bool cast = !element.isF32();
  // Per row: the input tile (the f32 working copy when the input is f32),
  // two f32 scratch tiles, a separate f32 copy and output tile when the
  // element type is narrower, and up to three f32 [R, 1] row values.
  plan.rowBytes = plan.cols * (8 + (cast ? 4 + 2 * elementBytes : 4)) + 3 * 4;
  // rms_norm keeps gamma (and its f32 copy) for the whole kernel.
  plan.fixedBytes = 0;
  if (auto norm = dyn_cast<ascend::RmsNormOp>(op)) {
    Type g = norm.getGamma().getType().getElementType();
    plan.fixedBytes =
        plan.cols * (g.getIntOrFloatBitWidth() / 8 + (g.isF32() ? 0 : 4));
  }
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  int64_t ub = static_cast<int64_t>(target.buffer(AddressSpace::ub).bytes);
  int64_t r = options.vectorTile > 0
                  ? std::max<int64_t>(1, options.vectorTile / plan.cols)
                  : (ub / 4 - plan.fixedBytes) / plan.rowBytes;
  // A quarter of UB leaves room for double buffering; a long row that does
  // not fit it still runs, one row at a time, if it fits UB at all.
  if (r < 1 && plan.rowBytes + plan.fixedBytes <= ub)
    r = 1;
  // Whole 32-byte blocks of f32 row values.
  if (r > 8)
    r -= r % 8;
  plan.tileRows = std::clamp<int64_t>(r, 0, plan.rows);
  return plan;
}

/// Why `op` cannot be lowered by the row-wise pattern ("" if it can).
std::string rowwiseBlocker(Operation *op, const AscendTilingOptions &options) {
  auto xType = cast<RankedTensorType>(op->getOperand(0).getType());
  std::string text;
  llvm::raw_string_ostream os(text);
  if (auto softmax = dyn_cast<ascend::SoftmaxOp>(op);
      softmax && static_cast<int64_t>(softmax.getDim()) != xType.getRank() - 1) {
    os << "softmax along dim " << softmax.getDim() << " of a rank "
       << xType.getRank()
       << " tensor is not lowered yet; only the last dim is";
    return text;
  }
  Type element = xType.getElementType();
  if (std::string why = bf16Blocker(op, element); !why.empty())
    return why;
  RowPlan plan = planRows(op, options);
  int64_t bytes = plan.cols * element.getIntOrFloatBitWidth() / 8;
  if (bytes % 32) {
    os << "rows of " << plan.cols << " " << element << " elements are "
       << bytes << " bytes, expected a multiple of 32 bytes (UB tiles hold "
       << "whole 32-byte blocks per row)";
    return text;
  }
  if (plan.tileRows < 1) {
    os << "a row of " << plan.cols << " elements needs "
       << plan.rowBytes + plan.fixedBytes << " bytes of UB, more than the "
       << aicore::getTargetInfo(op).buffer(AddressSpace::ub).bytes
       << " bytes UB has; rows this long are not lowered yet";
  }
  return text;
}

/// `memref` ([..., C] in GM) as [rows, C].
Value asRows(OpBuilder &b, Location loc, Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  int64_t rank = type.getRank();
  if (rank == 2)
    return memref;
  if (rank == 1)
    return b.create<memref::ExpandShapeOp>(
        loc, tileType({1, type.getDimSize(0)}, type.getElementType(), AddressSpace::gm),
        memref, ArrayRef<ReassociationIndices>{{0, 1}});
  ReassociationIndices leading;
  for (int64_t d = 0; d + 1 < rank; ++d)
    leading.push_back(d);
  return b.create<memref::CollapseShapeOp>(
      loc, memref, ArrayRef<ReassociationIndices>{leading, {rank - 1}});
}

/// `size` rows of a [rows, C] memref from row `offset`.
Value sliceRows(OpBuilder &b, Location loc, Value memref, Value offset,
                int64_t size) {
  int64_t cols = cast<MemRefType>(memref.getType()).getDimSize(1);
  SmallVector<OpFoldResult> offsets{offset, b.getIndexAttr(0)},
      sizes{b.getIndexAttr(size), b.getIndexAttr(cols)},
      strides(2, b.getIndexAttr(1));
  return b.create<memref::SubViewOp>(loc, memref, offsets, sizes, strides);
}

Value allocUB(OpBuilder &b, Location loc, ArrayRef<int64_t> shape, Type t) {
  return b.create<aicore::AllocOp>(loc, tileType(shape, t, AddressSpace::ub),
                                   IntegerAttr());
}

/// Copies GM rows into UB and returns them in f32 (cast with rint, exact).
Value loadF32(OpBuilder &b, Location loc, Value gmRows) {
  auto type = cast<MemRefType>(gmRows.getType());
  Value tile = allocUB(b, loc, type.getShape(), type.getElementType());
  b.create<mte::CopyOp>(loc, gmRows, tile);
  if (type.getElementType().isF32())
    return tile;
  Value wide = allocUB(b, loc, type.getShape(), b.getF32Type());
  b.create<vec::CastOp>(loc, tile, wide, aicore::RoundMode::rint);
  return wide;
}

/// Rounds the f32 tile once to the GM element type and stores it.
void storeRounded(OpBuilder &b, Location loc, Value tile, Value gmRows) {
  auto type = cast<MemRefType>(gmRows.getType());
  if (!type.getElementType().isF32()) {
    Value narrow = allocUB(b, loc, type.getShape(), type.getElementType());
    b.create<vec::CastOp>(loc, tile, narrow, aicore::RoundMode::rint);
    tile = narrow;
  }
  b.create<mte::CopyOp>(loc, tile, gmRows);
}

/// exp(x - max) / sum(exp(x - max)) per row of the f32 tile `x`; the result
/// overwrites `x`.
void emitSoftmaxRows(OpBuilder &b, Location loc, Value x, Value wide,
                     Value scratch, int64_t rows) {
  Type f32 = b.getF32Type();
  Value rowValue = allocUB(b, loc, {rows, 1}, f32);
  b.create<vec::ReduceRowsOp>(loc, vec::ReductionKind::max, x, rowValue);
  b.create<vec::BroadcastOp>(loc, rowValue, wide);
  b.create<vec::SubOp>(loc, x, wide, scratch);
  b.create<vec::ExpOp>(loc, scratch, wide);
  Value sum = allocUB(b, loc, {rows, 1}, f32);
  b.create<vec::ReduceRowsOp>(loc, vec::ReductionKind::sum, wide, sum);
  b.create<vec::BroadcastOp>(loc, sum, scratch);
  b.create<vec::DivOp>(loc, wide, scratch, x);
}

/// x * rsqrt(mean(x^2) + eps) * gamma per row of the f32 tile `x`; the
/// result overwrites `x`. `gamma` is an f32 [1, C] tile.
void emitRmsNormRows(OpBuilder &b, Location loc, Value x, Value wide,
                     Value scratch, int64_t rows, Value gamma, float epsilon) {
  Type f32 = b.getF32Type();
  int64_t cols = cast<MemRefType>(x.getType()).getDimSize(1);
  Value sum = allocUB(b, loc, {rows, 1}, f32);
  Value mean = allocUB(b, loc, {rows, 1}, f32);
  Value shifted = allocUB(b, loc, {rows, 1}, f32);
  b.create<vec::MulOp>(loc, x, x, scratch);
  b.create<vec::ReduceRowsOp>(loc, vec::ReductionKind::sum, scratch, sum);
  auto scalar = [&](double v) {
    return b.create<arith::ConstantOp>(loc, f32, b.getF32FloatAttr(v));
  };
  b.create<vec::MulsOp>(loc, sum, scalar(1.0 / cols), mean);
  b.create<vec::AddsOp>(loc, mean, scalar(epsilon), shifted);
  b.create<vec::RsqrtOp>(loc, shifted, mean);
  b.create<vec::BroadcastOp>(loc, mean, scratch);
  b.create<vec::MulOp>(loc, x, scratch, wide);
  if (rows > 1) {
    b.create<vec::BroadcastOp>(loc, gamma, scratch);
    gamma = scratch;
  }
  b.create<vec::MulOp>(loc, wide, gamma, x);
}

struct RowwisePattern : RewritePattern {
  RowwisePattern(MLIRContext *ctx, const AscendTilingOptions &options)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx),
        options(options) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isLoweredRowwise(op))
      return failure();
    FailureOr<GMOperands> gm = matchGMOperands(op, rewriter);
    if (failed(gm))
      return failure();
    if (std::string why = rowwiseBlocker(op, options); !why.empty())
      return rewriter.notifyMatchFailure(op, why);
    RowPlan plan = planRows(op, options);
    const aicore::TargetInfo &target = aicore::getTargetInfo(op);
    int64_t full = plan.rows / plan.tileRows,
            tail = plan.rows % plan.tileRows;
    int64_t vectorCores = target.numBlocks * target.vectorCoresPerBlock;
    int64_t blocks = options.blockDim > 0
                         ? options.blockDim
                         : std::max<int64_t>(1, std::min(full, vectorCores));
    requireBlocks(op, blocks);

    Location loc = op->getLoc();
    rewriter.setInsertionPoint(op);
    Value xRows = asRows(rewriter, loc, gm->inputs[0]);
    Value yRows = asRows(rewriter, loc, gm->output());
    auto norm = dyn_cast<ascend::RmsNormOp>(op);
    // gamma is the same for every row: loaded once per block.
    Value gamma = norm ? loadF32(rewriter, loc, asRows(rewriter, loc, gm->inputs[1]))
                       : Value();
    Value block = rewriter.create<aicore::BlockIdxOp>(loc, rewriter.getIndexType());
    Type f32 = rewriter.getF32Type();
    auto emitTile = [&](OpBuilder &b, Value offset, int64_t rows) -> LogicalResult {
      Value x = loadF32(b, loc, sliceRows(b, loc, xRows, offset, rows));
      Value wide = allocUB(b, loc, {rows, plan.cols}, f32);
      Value scratch = allocUB(b, loc, {rows, plan.cols}, f32);
      if (norm)
        emitRmsNormRows(b, loc, x, wide, scratch, rows, gamma,
                        norm.getEpsilon().convertToFloat());
      else
        emitSoftmaxRows(b, loc, x, wide, scratch, rows);
      storeRounded(b, loc, x, sliceRows(b, loc, yRows, offset, rows));
      return success();
    };
    if (failed(emitRoundRobin(rewriter, loc, block, full, tail, plan.tileRows,
                              blocks, emitTile)))
      return failure();
    gm->erase(rewriter, op);
    return success();
  }

  AscendTilingOptions options;
};

//===----------------------------------------------------------------------===//
// Rotary position embedding (half mode) on the vector cores, a token at a
// time
//===----------------------------------------------------------------------===//

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

/// The columns [col, col + cols) of a 2-D UB tile.
Value columns(OpBuilder &b, Location loc, Value tile, int64_t col,
              int64_t cols) {
  int64_t rows = cast<MemRefType>(tile.getType()).getDimSize(0);
  SmallVector<OpFoldResult> offsets{b.getIndexAttr(0), b.getIndexAttr(col)},
      sizes{b.getIndexAttr(rows), b.getIndexAttr(cols)},
      strides(2, b.getIndexAttr(1));
  return b.create<memref::SubViewOp>(loc, tile, offsets, sizes, strides);
}

/// The f32 [1, C] `row` replicated over `rows` rows.
Value broadcastRows(OpBuilder &b, Location loc, Value row, int64_t rows) {
  if (rows == 1)
    return row;
  auto type = cast<MemRefType>(row.getType());
  Value wide = allocUB(b, loc, {rows, type.getDimSize(1)}, type.getElementType());
  b.create<vec::BroadcastOp>(loc, row, wide);
  return wide;
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
    const aicore::TargetInfo &target = aicore::getTargetInfo(op);
    int64_t vectorCores = target.numBlocks * target.vectorCoresPerBlock;
    int64_t blocks = options.blockDim > 0
                         ? options.blockDim
                         : std::min(positions, vectorCores);
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
// Matmul on the cube core
//===----------------------------------------------------------------------===//

/// Why `op` (matmul or batch_matmul) cannot be lowered ("" if it can). The
/// matrix dims are the last two; batch_matmul's leading dim is the batch.
template <typename MatmulLikeOp>
std::string matmulBlocker(MatmulLikeOp op, const AscendTilingOptions &options) {
  auto aType = cast<RankedTensorType>(op.getA().getType());
  auto cType = cast<RankedTensorType>(op.getType());
  int64_t d = cType.getRank() - 2;
  Type element = aType.getElementType();
  if (!element.isF16() && !element.isBF16())
    return "matmul is lowered for f16 and bf16 operands";
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  if (!target.findPath(AddressSpace::l0c, AddressSpace::gm))
    return ("on " + target.name +
            " cube results leave through UB, which is not lowered yet")
        .str();
  int64_t m = cType.getDimSize(d), n = cType.getDimSize(d + 1);
  int64_t k = aType.getDimSize(op.getTransposeA() ? d : d + 1);
  const aicore::CubeRate *rate = aicore::getCubeRate(target, element);
  std::string text;
  llvm::raw_string_ostream os(text);
  if (m % rate->m0 || n % rate->n0 || k % rate->k0) {
    os << "matmul " << m << "x" << k << "x" << n << " is not made of whole "
       << rate->m0 << "x" << rate->k0 << "x" << rate->n0
       << " fractals; tail tiles are not lowered yet";
    return text;
  }
  int64_t tm = std::min(options.tileM, m), tn = std::min(options.tileN, n),
          tk = std::min(options.tileK, k);
  if (m % tm || n % tn || k % tk)
    os << "tile " << tm << "x" << tn << "x" << tk << " does not divide matmul "
       << m << "x" << n << "x" << k << "; choose tile-m/n/k that do";
  return text;
}

/// matmul and batch_matmul: batch_matmul walks its batch as one more
/// dimension of output tiles.
template <typename MatmulLikeOp>
struct MatmulPattern : OpRewritePattern<MatmulLikeOp> {
  MatmulPattern(MLIRContext *ctx, const AscendTilingOptions &options)
      : OpRewritePattern<MatmulLikeOp>(ctx), options(options) {}

  LogicalResult matchAndRewrite(MatmulLikeOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<GMOperands> gm = matchGMOperands(op, rewriter);
    if (failed(gm))
      return failure();
    Value gmA = gm->inputs[0], gmB = gm->inputs[1];
    if (std::string why = matmulBlocker(op, options); !why.empty())
      return rewriter.notifyMatchFailure(op, why);
    auto aType = cast<RankedTensorType>(op.getA().getType());
    auto cType = cast<RankedTensorType>(op.getType());
    Type element = aType.getElementType();
    bool ta = op.getTransposeA(), tb = op.getTransposeB();
    int64_t d = cType.getRank() - 2;
    int64_t batch = d ? cType.getDimSize(0) : 1;
    int64_t m = cType.getDimSize(d), n = cType.getDimSize(d + 1);
    int64_t k = aType.getDimSize(ta ? d : d + 1);
    const aicore::TargetInfo &target = aicore::getTargetInfo(op);
    int64_t tm = std::min(options.tileM, m), tn = std::min(options.tileN, n),
            tk = std::min(options.tileK, k);
    // L1 stages a longer K chunk than L0 takes, so each GM transfer is
    // large: the biggest multiple of tile-k dividing K whose A and B chunks
    // fill at most half of L1 (the other half is for double buffering).
    int64_t elementBytes = element.getIntOrFloatBitWidth() / 8;
    int64_t l1Budget = static_cast<int64_t>(target.buffer(AddressSpace::l1).bytes) / 2;
    int64_t kl1 = tk;
    for (int64_t c = k; c >= tk; c -= tk)
      if (k % c == 0 && c % tk == 0 && (tm + tn) * c * elementBytes <= l1Budget) {
        kl1 = c;
        break;
      }
    int64_t tilesM = m / tm, tilesN = n / tn;
    int64_t outputTiles = batch * tilesM * tilesN;
    int64_t blocks = options.blockDim > 0
                         ? options.blockDim
                         : std::min<int64_t>(outputTiles, target.numBlocks);
    requireBlocks(op, blocks);

    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    Value cGM = gm->output();
    Type f32 = rewriter.getF32Type();
    auto alloc = [&](ArrayRef<int64_t> shape, Type t, AddressSpace s) -> Value {
      return rewriter.create<aicore::AllocOp>(loc, tileType(shape, t, s),
                                              IntegerAttr());
    };
    // Operand chunks as they sit in GM (transposed when the flag says so);
    // L1 keeps that orientation and the L1 -> L0 load transposes.
    SmallVector<int64_t> aTile = ta ? SmallVector<int64_t>{kl1, tm}
                                    : SmallVector<int64_t>{tm, kl1};
    SmallVector<int64_t> bTile = tb ? SmallVector<int64_t>{tn, kl1}
                                    : SmallVector<int64_t>{kl1, tn};
    Value l1a = alloc(aTile, element, AddressSpace::l1);
    Value l1b = alloc(bTile, element, AddressSpace::l1);
    Value l0a = alloc({tm, tk}, element, AddressSpace::l0a);
    Value l0b = alloc({tk, tn}, element, AddressSpace::l0b);
    Value l0c = alloc({tm, tn}, f32, AddressSpace::l0c);

    Value block = rewriter.create<aicore::BlockIdxOp>(loc, rewriter.getIndexType());
    auto outer = rewriter.create<scf::ForOp>(
        loc, block, constantIndex(rewriter, loc, outputTiles),
        constantIndex(rewriter, loc, blocks));
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(outer.getBody());
    // Tile t is (batch index, tile row, tile column), row-major.
    Value t = outer.getInductionVar();
    Value perMatrix = constantIndex(rewriter, loc, tilesM * tilesN);
    Value matrix = rewriter.create<arith::DivUIOp>(loc, t, perMatrix);
    Value within = rewriter.create<arith::RemUIOp>(loc, t, perMatrix);
    Value tilesNValue = constantIndex(rewriter, loc, tilesN);
    Value row = rewriter.create<arith::MulIOp>(
        loc, rewriter.create<arith::DivUIOp>(loc, within, tilesNValue),
        constantIndex(rewriter, loc, tm));
    Value col = rewriter.create<arith::MulIOp>(
        loc, rewriter.create<arith::RemUIOp>(loc, within, tilesNValue),
        constantIndex(rewriter, loc, tn));
    // A 2-D view; of a 3-D GM operand, the rank-reduced view of one matrix.
    auto view = [&](Value source, Value r, Value c,
                    ArrayRef<int64_t> shape) -> Value {
      auto sourceType = cast<MemRefType>(source.getType());
      SmallVector<OpFoldResult> offsets{r, c};
      SmallVector<OpFoldResult> sizes{rewriter.getIndexAttr(shape[0]),
                                      rewriter.getIndexAttr(shape[1])};
      if (sourceType.getRank() == 3) {
        offsets.insert(offsets.begin(), matrix);
        sizes.insert(sizes.begin(), rewriter.getIndexAttr(1));
      }
      SmallVector<OpFoldResult> strides(sourceType.getRank(),
                                        rewriter.getIndexAttr(1));
      auto type = cast<MemRefType>(memref::SubViewOp::inferRankReducedResultType(
          shape, sourceType, offsets, sizes, strides));
      return rewriter.create<memref::SubViewOp>(loc, type, source, offsets,
                                                sizes, strides);
    };

    Value zero = constantIndex(rewriter, loc, 0);
    auto nz = aicore::Layout::nz, nd = aicore::Layout::nd;
    auto chunkLoop = rewriter.create<scf::ForOp>(
        loc, zero, constantIndex(rewriter, loc, k),
        constantIndex(rewriter, loc, kl1));
    {
      OpBuilder::InsertionGuard chunkGuard(rewriter);
      rewriter.setInsertionPointToStart(chunkLoop.getBody());
      Value kc = chunkLoop.getInductionVar();
      Value aView = ta ? view(gmA, kc, row, aTile) : view(gmA, row, kc, aTile);
      Value bView = tb ? view(gmB, col, kc, bTile) : view(gmB, kc, col, bTile);
      rewriter.create<mte::CopyOp>(loc, aView, l1a, nd, nz, /*transpose=*/false);
      rewriter.create<mte::CopyOp>(loc, bView, l1b, nd, nz, /*transpose=*/false);
      auto kLoop = rewriter.create<scf::ForOp>(loc, zero,
                                               constantIndex(rewriter, loc, kl1),
                                               constantIndex(rewriter, loc, tk));
      OpBuilder::InsertionGuard kGuard(rewriter);
      rewriter.setInsertionPointToStart(kLoop.getBody());
      Value kk = kLoop.getInductionVar();
      Value first = rewriter.create<arith::CmpIOp>(
          loc, arith::CmpIPredicate::eq,
          rewriter.create<arith::AddIOp>(loc, kc, kk), zero);
      SmallVector<int64_t> aStep = ta ? SmallVector<int64_t>{tk, tm}
                                      : SmallVector<int64_t>{tm, tk};
      SmallVector<int64_t> bStep = tb ? SmallVector<int64_t>{tn, tk}
                                      : SmallVector<int64_t>{tk, tn};
      Value aL1 = ta ? view(l1a, kk, zero, aStep) : view(l1a, zero, kk, aStep);
      Value bL1 = tb ? view(l1b, zero, kk, bStep) : view(l1b, kk, zero, bStep);
      rewriter.create<mte::CopyOp>(loc, aL1, l0a, nz, nd, /*transpose=*/ta);
      rewriter.create<mte::CopyOp>(loc, bL1, l0b, nz, nd, /*transpose=*/tb);
      rewriter.create<cube::MmadOp>(loc, l0a, l0b, l0c, first,
                                    /*transpose_a=*/false, /*transpose_b=*/false);
    }
    Value cView = view(cGM, row, col, {tm, tn});
    Type out = cType.getElementType();
    aicore::QuantMode mode = out.isF16()    ? aicore::QuantMode::f32_to_f16
                             : out.isBF16() ? aicore::QuantMode::f32_to_bf16
                                            : aicore::QuantMode::none;
    rewriter.create<mte::FixpipeOp>(loc, l0c, cView, /*scale=*/Value(), mode,
                                    /*offset=*/IntegerAttr(), /*relu=*/false,
                                    aicore::Layout::nd);
    gm->erase(rewriter, op);
    return success();
  }

  AscendTilingOptions options;
};

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

/// Gives `func` a kernel signature: tensors become GM memrefs, results
/// become trailing GM arguments; the body keeps working on tensors through
/// to_tensor / materialize_in_destination until the patterns replace it.
LogicalResult makeKernelSignature(func::FuncOp func) {
  MLIRContext *ctx = func.getContext();
  auto gm = [&](Type t, Location loc) -> FailureOr<MemRefType> {
    auto tensor = dyn_cast<RankedTensorType>(t);
    if (!tensor || !tensor.hasStaticShape())
      return emitError(loc) << "kernel arguments and results must be statically "
                               "shaped tensors, got "
                            << t;
    return tileType(tensor.getShape(), tensor.getElementType(), AddressSpace::gm);
  };
  Block &entry = func.getBody().front();
  auto ret = cast<func::ReturnOp>(entry.getTerminator());
  OpBuilder b(ctx);
  b.setInsertionPointToStart(&entry);
  SmallVector<Type> inputs;
  for (BlockArgument arg : entry.getArguments()) {
    FailureOr<MemRefType> type = gm(arg.getType(), func.getLoc());
    if (failed(type))
      return failure();
    arg.setType(*type);
    auto tensor = b.create<bufferization::ToTensorOp>(
        func.getLoc(), arg, /*restrict=*/true, /*writable=*/false);
    arg.replaceAllUsesExcept(tensor, tensor);
    inputs.push_back(*type);
  }
  b.setInsertionPoint(ret);
  for (Value result : ret.getOperands()) {
    FailureOr<MemRefType> type = gm(result.getType(), ret.getLoc());
    if (failed(type))
      return failure();
    Value out = entry.addArgument(*type, func.getLoc());
    auto materialize = b.create<bufferization::MaterializeInDestinationOp>(
        ret.getLoc(), result, out);
    materialize.setRestrict(true);
    materialize.setWritable(true);
    inputs.push_back(*type);
  }
  ret->setOperands({});
  func.setFunctionType(FunctionType::get(ctx, inputs, {}));
  return success();
}

struct ConvertAscendToAICorePass
    : mlir::ascend::impl::ConvertAscendToAICorePassBase<
          ConvertAscendToAICorePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (!target.empty()) {
      if (!aicore::lookupTarget(target)) {
        module.emitError() << "unknown target '" << target
                           << "'; known targets: "
                           << aicore::getKnownTargetNames();
        return signalPassFailure();
      }
      module->setAttr(aicore::AICoreDialect::getTargetAttrName(),
                      aicore::TargetAttr::get(&getContext(), target));
    }
    SmallVector<func::FuncOp> tensorFuncs;
    module.walk([&](func::FuncOp f) {
      bool hasAscend = false;
      f.walk([&](Operation *op) {
        hasAscend |= isa<ascend::AscendDialect>(op->getDialect());
      });
      if (hasAscend)
        tensorFuncs.push_back(f);
    });
    for (func::FuncOp f : tensorFuncs)
      if (failed(makeKernelSignature(f)))
        return signalPassFailure();

    AscendTilingOptions tiling{blockDim, vectorTile, tileM, tileN, tileK};
    RewritePatternSet patterns(&getContext());
    populateAscendToAICorePatterns(patterns, tiling);
    GreedyRewriteConfig config;
    config.useTopDownTraversal = true;
    if (failed(applyPatternsAndFoldGreedily(module, std::move(patterns), config)))
      return signalPassFailure();

    // What no pattern took is reported, never left half-lowered.
    WalkResult leftover = module.walk([&](Operation *op) {
      if (!isa<ascend::AscendDialect>(op->getDialect()))
        return WalkResult::advance();
      std::string why;
      if (auto matmul = dyn_cast<ascend::MatmulOp>(op))
        why = matmulBlocker(matmul, tiling);
      else if (auto batched = dyn_cast<ascend::BatchMatmulOp>(op))
        why = matmulBlocker(batched, tiling);
      else if (isLoweredElementwise(op))
        why = elementwiseBlocker(op);
      else if (isLoweredRowwise(op))
        why = rowwiseBlocker(op, tiling);
      else if (auto rope = dyn_cast<ascend::RopeOp>(op))
        why = ropeBlocker(rope);
      if (why.empty())
        why = "convert-ascend-to-aicore cannot lower this op yet (lowered: "
              "matmul, batch_matmul, elementwise ops, softmax over the last dim, "
              "rms_norm and rope <half>, on GM arguments with the result a "
              "function result)";
      op->emitError() << why;
      return WalkResult::interrupt();
    });
    if (leftover.wasInterrupted())
      return signalPassFailure();
    module.walk([&](bufferization::ToTensorOp op) {
      if (op.use_empty())
        op.erase();
    });
  }
};

} // namespace

void mlir::ascend::populateAscendToAICorePatterns(
    RewritePatternSet &patterns, const AscendTilingOptions &options) {
  patterns.add<ElementwisePattern, MatmulPattern<ascend::MatmulOp>,
               MatmulPattern<ascend::BatchMatmulOp>, RowwisePattern, RopePattern>(
      patterns.getContext(), options);
}
