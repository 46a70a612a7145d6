//===- Rowwise.cpp - softmax and rms_norm rows on the vector cores --------===//
//
// Rows go through UB a tile of rows at a time, computed in f32 and rounded
// once on the way out. A row too long for UB goes through in column chunks,
// softmax three times (max, sum, result), rms_norm twice (sum of squares,
// result), with the same bits as a whole row: max is exact in any order,
// and each chunk's sum reduces [running sum, 63 zeros, chunk], so its
// first 256-byte repeat is the running sum exactly and the chunk's repeats
// (whole ones: chunks are multiples of 64 columns) add to it in order, as
// the repeats of a whole row do (docs/Numerics.md, vec.reduce_rows).
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "AscendDialect/Vec/VecDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

#include <limits>

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::lowering;
using aicore::AddressSpace;

bool mlir::ascend::lowering::isLoweredRowwise(Operation *op) {
  return isa<ascend::SoftmaxOp, ascend::RmsNormOp>(op);
}

namespace {

/// How a row-wise op is cut: `rows` rows of `cols` elements, `tileRows` rows
/// per UB tile. A row that does not fit UB (or a vector tile) goes through
/// one row at a time in chunks of `chunk` columns (0: whole rows).
struct RowPlan {
  int64_t rows, cols, tileRows;
  /// Elements per UB tile row: cols, or cols padded to whole 32-byte blocks
  /// in every type the tile has when a row is not (the padding holds the
  /// reduction's neutral element, so it changes no result).
  int64_t pitch;
  int64_t rowBytes, fixedBytes;
  int64_t chunk = 0;
};

/// Columns ahead of each chunk in the sum pass's reduction: the running sum
/// and zeros, one 256-byte repeat of f32, which vcadd's tree sums to the
/// running sum exactly.
constexpr int64_t kCarryColumns = 64;

RowPlan planRows(Operation *op, const AscendTilingOptions &options) {
  auto xType = cast<RankedTensorType>(op->getOperand(0).getType());
  RowPlan plan;
  plan.cols = xType.getShape().back();
  plan.rows = xType.getNumElements() / plan.cols;
  Type element = xType.getElementType();
  int64_t elementBytes = element.getIntOrFloatBitWidth() / 8;
  plan.pitch = plan.cols * elementBytes % 32 == 0 ? plan.cols
                                                  : llvm::alignTo(plan.cols, 16);
  bool cast = !element.isF32();
  // Per row: the input tile (the f32 working copy when the input is f32),
  // two f32 scratch tiles, a separate f32 copy and output tile when the
  // element type is narrower, and up to three f32 [R, 1] row values.
  plan.rowBytes = plan.pitch * (8 + (cast ? 4 + 2 * elementBytes : 4)) + 3 * 4;
  // rms_norm keeps gamma (and its f32 copy) for the whole kernel.
  plan.fixedBytes = 0;
  if (auto norm = dyn_cast<ascend::RmsNormOp>(op)) {
    Type g = norm.getGamma().getType().getElementType();
    plan.fixedBytes =
        plan.pitch * (g.getIntOrFloatBitWidth() / 8 + (g.isF32() ? 0 : 4));
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
  // A row longer than a vector tile, or than UB holds, goes in chunks of
  // whole 32-byte blocks in every type involved (64 columns), evened out so
  // that the last one is not a sliver; rms_norm then loads gamma per chunk.
  bool fitsUB = plan.rowBytes + plan.fixedBytes <= ub;
  bool chunked = !fitsUB || (options.vectorTile > 0 &&
                             options.vectorTile < plan.cols);
  if (chunked) {
    int64_t perColumn = (plan.rowBytes + plan.fixedBytes) / plan.cols;
    int64_t most = (ub / 4 - kCarryColumns * 4) / perColumn / 64 * 64;
    if (options.vectorTile > 0)
      most = std::min(most, std::max<int64_t>(64, options.vectorTile / 64 * 64));
    int64_t chunks = llvm::divideCeil(plan.cols, most);
    plan.chunk = llvm::alignTo(llvm::divideCeil(plan.cols, chunks), 64);
    plan.tileRows = 1;
  }
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
  return text;
}

} // namespace

void mlir::ascend::lowering::emitSoftmaxRows(OpBuilder &b, Location loc,
                                             Value x, Value wide, Value scratch,
                                             int64_t rows) {
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

void mlir::ascend::lowering::emitRmsNormRows(OpBuilder &b, Location loc,
                                             Value x, Value wide, Value scratch,
                                             int64_t rows, Value gamma,
                                             float epsilon, int64_t cols) {
  Type f32 = b.getF32Type();
  if (cols == 0)
    cols = cast<MemRefType>(x.getType()).getDimSize(1);
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
  if (rows > 1 && cast<MemRefType>(gamma.getType()).getDimSize(0) == 1) {
    b.create<vec::BroadcastOp>(loc, gamma, scratch);
    gamma = scratch;
  }
  b.create<vec::MulOp>(loc, wide, gamma, x);
}

namespace {

/// One row tile of a row-wise op whose rows go through UB in column chunks.
class ChunkedRows {
public:
  ChunkedRows(OpBuilder &b, Location loc, Value gmIn, Value gmOut,
              int64_t rows, int64_t cols, int64_t chunk)
      : b(b), loc(loc), gmIn(gmIn), gmOut(gmOut), rows(rows), cols(cols),
        chunk(chunk) {}

  /// Calls `body(column, size)` for every chunk: a loop over the whole
  /// ones, then the shorter last one.
  void forEach(function_ref<void(Value, int64_t)> body) {
    int64_t whole = cols / chunk, rest = cols % chunk;
    if (whole > 0) {
      auto loop = b.create<scf::ForOp>(loc, constantIndex(b, loc, 0),
                                       constantIndex(b, loc, whole * chunk),
                                       constantIndex(b, loc, chunk));
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      body(loop.getInductionVar(), chunk);
    }
    if (rest > 0)
      body(constantIndex(b, loc, whole * chunk), rest);
  }

  /// Columns [column, column + size) of a GM [rows, C] view.
  Value chunkOf(Value gm, Value column, int64_t size) {
    int64_t viewRows = cast<MemRefType>(gm.getType()).getDimSize(0);
    SmallVector<OpFoldResult> offsets{b.getIndexAttr(0), column},
        sizes{b.getIndexAttr(viewRows), b.getIndexAttr(size)},
        strides(2, b.getIndexAttr(1));
    return b.create<memref::SubViewOp>(loc, gm, offsets, sizes, strides);
  }
  Value load(Value column, int64_t size) {
    return loadF32(b, loc, chunkOf(gmIn, column, size));
  }
  void store(Value tile, Value column, int64_t size) {
    storeRounded(b, loc, tile, chunkOf(gmOut, column, size));
  }

  /// The row sums of what `produce(column, size, out)` writes for every
  /// chunk, in a whole row's order: each chunk is reduced as [sum, 63
  /// zeros, chunk], whose first repeat is the running sum (adding +0 to a
  /// sum of non-negative values changes nothing) and whose other repeats
  /// are the chunk's, added to it one after another.
  Value carriedSum(function_ref<void(Value, int64_t, Value)> produce) {
    Type f32 = b.getF32Type();
    Value sum = allocUB(b, loc, {rows, 1}, f32);
    b.create<vec::FillOp>(loc, scalar(0.0f), sum);
    forEach([&](Value column, int64_t size) {
      Value carried = allocUB(b, loc, {rows, kCarryColumns + size}, f32);
      b.create<vec::FillOp>(loc, scalar(0.0f),
                            columns(b, loc, carried, 0, kCarryColumns));
      b.create<vec::CopyOp>(loc, sum, columns(b, loc, carried, 0, 1));
      produce(column, size, columns(b, loc, carried, kCarryColumns, size));
      b.create<vec::ReduceRowsOp>(loc, vec::ReductionKind::sum, carried, sum);
    });
    return sum;
  }

  Value scalar(float v) {
    return b.create<arith::ConstantOp>(loc, b.getF32Type(),
                                       b.getF32FloatAttr(v));
  }

  OpBuilder &b;
  Location loc;
  Value gmIn, gmOut;
  int64_t rows, cols, chunk;
};

/// Softmax chunk by chunk: pass 1 takes the max, pass 2 the sum of
/// exp(x - max), pass 3 writes exp(x - max) / sum.
void emitChunkedSoftmax(ChunkedRows &c) {
  OpBuilder &b = c.b;
  Location loc = c.loc;
  Type f32 = b.getF32Type();
  Value max = allocUB(b, loc, {c.rows, 1}, f32);
  b.create<vec::FillOp>(loc, c.scalar(-std::numeric_limits<float>::infinity()),
                        max);
  c.forEach([&](Value column, int64_t size) {
    Value x = c.load(column, size);
    Value chunkMax = allocUB(b, loc, {c.rows, 1}, f32);
    Value merged = allocUB(b, loc, {c.rows, 1}, f32);
    b.create<vec::ReduceRowsOp>(loc, vec::ReductionKind::max, x, chunkMax);
    b.create<vec::MaxOp>(loc, max, chunkMax, merged);
    b.create<vec::CopyOp>(loc, merged, max);
  });
  // exp(x - max) of a chunk into `out`.
  auto expChunk = [&](Value column, int64_t size, Value out) {
    Value x = c.load(column, size);
    Value wide = allocUB(b, loc, {c.rows, size}, f32);
    Value shifted = allocUB(b, loc, {c.rows, size}, f32);
    b.create<vec::BroadcastOp>(loc, max, wide);
    b.create<vec::SubOp>(loc, x, wide, shifted);
    b.create<vec::ExpOp>(loc, shifted, out);
  };
  Value sum = c.carriedSum(expChunk);
  c.forEach([&](Value column, int64_t size) {
    Value e = allocUB(b, loc, {c.rows, size}, f32);
    Value wide = allocUB(b, loc, {c.rows, size}, f32);
    Value y = allocUB(b, loc, {c.rows, size}, f32);
    expChunk(column, size, e);
    b.create<vec::BroadcastOp>(loc, sum, wide);
    b.create<vec::DivOp>(loc, e, wide, y);
    c.store(y, column, size);
  });
}

/// rms_norm chunk by chunk: pass 1 the sum of squares, pass 2 writes
/// x * rsqrt(mean + eps) * gamma with gamma's chunk (`gammaRow`: [1, C]).
void emitChunkedRmsNorm(ChunkedRows &c, Value gammaRow, float epsilon) {
  OpBuilder &b = c.b;
  Location loc = c.loc;
  Type f32 = b.getF32Type();
  Value sum = c.carriedSum([&](Value column, int64_t size, Value out) {
    Value x = c.load(column, size);
    b.create<vec::MulOp>(loc, x, x, out);
  });
  Value mean = allocUB(b, loc, {c.rows, 1}, f32);
  Value shifted = allocUB(b, loc, {c.rows, 1}, f32);
  Value inverse = allocUB(b, loc, {c.rows, 1}, f32);
  b.create<vec::MulsOp>(loc, sum, c.scalar(1.0 / c.cols), mean);
  b.create<vec::AddsOp>(loc, mean, c.scalar(epsilon), shifted);
  b.create<vec::RsqrtOp>(loc, shifted, inverse);
  c.forEach([&](Value column, int64_t size) {
    Value x = c.load(column, size);
    Value wide = allocUB(b, loc, {c.rows, size}, f32);
    Value normed = allocUB(b, loc, {c.rows, size}, f32);
    Value y = allocUB(b, loc, {c.rows, size}, f32);
    b.create<vec::BroadcastOp>(loc, inverse, wide);
    b.create<vec::MulOp>(loc, x, wide, normed);
    Value gamma = broadcastRows(
        b, loc, loadF32(b, loc, c.chunkOf(gammaRow, column, size)), c.rows);
    b.create<vec::MulOp>(loc, normed, gamma, y);
    c.store(y, column, size);
  });
}

/// The GM rows `gmRows` in an f32 UB tile of `pitch` columns whose rows
/// start on 32-byte blocks, the columns past the rows' own holding
/// `neutral`: the padding DataCopyPad gives, neutral to the row code. The
/// tile is filled first, so every vector op starts on a block.
Value loadPadded(OpBuilder &b, Location loc, Value gmRows, int64_t pitch,
                 float neutral) {
  auto type = cast<MemRefType>(gmRows.getType());
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  if (pitch == cols)
    return loadF32(b, loc, gmRows);
  Type element = type.getElementType();
  Value x = allocUB(b, loc, {rows, pitch}, b.getF32Type());
  b.create<vec::FillOp>(
      loc, b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(neutral)), x);
  if (element.isF32()) {
    b.create<mte::CopyOp>(loc, gmRows, columns(b, loc, x, 0, cols));
    return x;
  }
  Value raw = allocUB(b, loc, {rows, pitch}, element);
  b.create<mte::CopyOp>(loc, gmRows, columns(b, loc, raw, 0, cols));
  b.create<vec::CastOp>(loc, columns(b, loc, raw, 0, cols),
                        columns(b, loc, x, 0, cols), aicore::RoundMode::rint);
  return x;
}

/// Stores the first columns of the f32 tile `x` ([rows, pitch]) to the GM
/// rows `gmRows`, rounded to their element type in a tile of the same pitch.
void storePadded(OpBuilder &b, Location loc, Value x, Value gmRows) {
  auto type = cast<MemRefType>(gmRows.getType());
  auto tileType = cast<MemRefType>(x.getType());
  int64_t cols = type.getDimSize(1);
  if (tileType.getDimSize(1) == cols)
    return storeRounded(b, loc, x, gmRows);
  Value out = x;
  if (!type.getElementType().isF32()) {
    out = allocUB(b, loc, tileType.getShape(), type.getElementType());
    b.create<vec::CastOp>(loc, columns(b, loc, x, 0, cols),
                          columns(b, loc, out, 0, cols),
                          aicore::RoundMode::rint);
  }
  b.create<mte::CopyOp>(loc, columns(b, loc, out, 0, cols), gmRows);
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
    int64_t full = plan.rows / plan.tileRows,
            tail = plan.rows % plan.tileRows;
    int64_t blocks = vectorBlocks(op, options, full);
    requireBlocks(op, blocks);

    Location loc = op->getLoc();
    rewriter.setInsertionPoint(op);
    Value xRows = asRows(rewriter, loc, gm->inputs[0]);
    Value yRows = asRows(rewriter, loc, gm->output());
    auto norm = dyn_cast<ascend::RmsNormOp>(op);
    Value gammaRow = norm ? asRows(rewriter, loc, gm->inputs[1]) : Value();
    // gamma is the same for every row: loaded once per block (per chunk
    // when rows go in chunks).
    Value gamma = norm && !plan.chunk
                      ? loadPadded(rewriter, loc, gammaRow, plan.pitch, 0.0f)
                      : Value();
    Value block = rewriter.create<aicore::BlockIdxOp>(loc, rewriter.getIndexType());
    Type f32 = rewriter.getF32Type();
    auto emitTile = [&](OpBuilder &b, Value offset, int64_t rows) -> LogicalResult {
      if (plan.chunk) {
        ChunkedRows chunks(b, loc, sliceRows(b, loc, xRows, offset, rows),
                           sliceRows(b, loc, yRows, offset, rows), rows,
                           plan.cols, plan.chunk);
        if (norm)
          emitChunkedRmsNorm(chunks, gammaRow,
                             norm.getEpsilon().convertToFloat());
        else
          emitChunkedSoftmax(chunks);
        return success();
      }
      // Padding: -inf adds nothing to a max and e^-inf = 0 nothing to a
      // sum; 0 nothing to a sum of squares.
      float neutral = norm ? 0.0f : -std::numeric_limits<float>::infinity();
      Value x = loadPadded(b, loc, sliceRows(b, loc, xRows, offset, rows),
                           plan.pitch, neutral);
      Value wide = allocUB(b, loc, {rows, plan.pitch}, f32);
      Value scratch = allocUB(b, loc, {rows, plan.pitch}, f32);
      if (norm)
        emitRmsNormRows(b, loc, x, wide, scratch, rows, gamma,
                        norm.getEpsilon().convertToFloat(), plan.cols);
      else
        emitSoftmaxRows(b, loc, x, wide, scratch, rows);
      storePadded(b, loc, x, sliceRows(b, loc, yRows, offset, rows));
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

} // namespace

std::string mlir::ascend::lowering::explainRowwiseMember(Operation *op) {
  AscendTilingOptions defaults;
  if (std::string why = rowwiseBlocker(op, defaults); !why.empty())
    return why;
  RowPlan plan = planRows(op, defaults);
  if (plan.pitch != plan.cols)
    return ("its rows of " + Twine(plan.cols) +
            " elements are not whole 32-byte blocks, which a fused kernel "
            "needs; on its own it pads them in UB")
        .str();
  if (plan.chunk)
    return ("its rows of " + Twine(plan.cols) +
            " elements do not fit UB whole, which a fused kernel needs; on "
            "its own it goes through UB in column chunks")
        .str();
  return "";
}

void mlir::ascend::lowering::populateRowwisePatterns(
    RewritePatternSet &patterns, const AscendTilingOptions &options) {
  patterns.add<RowwisePattern>(patterns.getContext(), options);
}

std::string
mlir::ascend::lowering::explainRowwise(Operation *op,
                                       const AscendTilingOptions &options) {
  return isLoweredRowwise(op) ? rowwiseBlocker(op, options) : "";
}
