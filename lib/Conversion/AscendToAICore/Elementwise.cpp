//===- Elementwise.cpp - elementwise ops on the vector cores --------------===//
//
// Cuts the result into UB tiles and spreads them over the vector cores.
// Operands of the result's shape are cut alike; a broadcast operand (a row
// along the last dim, one value per row, or a single element) is copied in
// at its own size and expanded with vec.broadcast, once per block when it is
// the same for every tile. f16 and f32 ops compute in their type; bf16, the
// composite silu, gelu, tanh and erf, and cast compute in f32 between two
// casts. The vec ops of each op are in ElementwiseBody.cpp.
//
// An ascend.fused_vector is one kernel of the same form: each tile runs the
// body's ops one after the other on UB tiles, every intermediate rounded to
// its element type as the op's own kernel would store it, so the fused
// kernel is bit-identical to the unfused launches. Its tile size comes from
// ascend-plan-memory's placement of one probe tile's buffers.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Analysis/MemoryPlan.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "AscendDialect/Vec/VecDialect.h"
#include "ElementwiseEmitter.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/Support/MathExtras.h"

#include <numeric>

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::lowering;
using aicore::AddressSpace;

static int64_t plannedBytesPerElement(Operation *op,
                                      const aicore::TargetInfo &target,
                                      bool reuse = false);
static int64_t chainTileRows(Operation *op, const AscendTilingOptions &options);

bool mlir::ascend::lowering::hasRowwiseMember(Operation *op) {
  auto fused = dyn_cast<ascend::FusedVectorOp>(op);
  return fused && llvm::any_of(fused.getMembers(), [](Operation &member) {
           return isLoweredRowwise(&member);
         });
}

bool mlir::ascend::lowering::isLoweredElementwise(Operation *op) {
  return op->hasTrait<ascend::ElementwiseOp>() ||
         isa<ascend::FusedVectorOp>(op);
}

namespace {

Type elementOf(Value v) { return getElementTypeOrSelf(v.getType()); }

int64_t bytesOf(Type t) { return t.getIntOrFloatBitWidth() / 8; }

/// The type operand `i` of `op` is loaded in: its compute type, for a fused
/// chain that of the first op in the body reading it.
Type loadType(Operation *op, unsigned i) {
  auto fused = dyn_cast<ascend::FusedVectorOp>(op);
  if (!fused)
    return computeType(op);
  for (Operation *user : fused.getBody()->getArgument(i).getUsers())
    return computeType(user);
  return elementOf(op->getOperand(i));
}

/// `operand`'s shape aligned to `result`'s rank as NumPy does: missing
/// leading dims count as 1.
SmallVector<int64_t> alignedShape(ShapedType operand, ShapedType result) {
  SmallVector<int64_t> s(result.getRank() - operand.getRank(), 1);
  llvm::append_range(s, operand.getShape());
  return s;
}

/// The number of leading dims `s` shares with `r` when the dims after them
/// but the last are 1 in `s` (a Spread::group operand), else 0.
size_t groupLead(ArrayRef<int64_t> s, ArrayRef<int64_t> r) {
  size_t k = 0;
  while (k + 1 < s.size() && s[k] == r[k])
    ++k;
  bool ones = llvm::all_of(s.slice(k, s.size() - 1 - k),
                           [](int64_t d) { return d == 1; });
  return k > 0 && k + 1 < s.size() && ones && s.back() == r.back() ? k : 0;
}

Spread classify(ShapedType operand, ShapedType result) {
  ArrayRef<int64_t> r = result.getShape();
  SmallVector<int64_t> s = alignedShape(operand, result);
  auto isOne = [](int64_t d) { return d == 1; };
  if (ArrayRef<int64_t>(s) == r)
    return Spread::full;
  if (llvm::all_of(s, isOne))
    return Spread::scalar;
  ArrayRef<int64_t> lead = ArrayRef<int64_t>(s).drop_back();
  if (llvm::all_of(lead, isOne) && s.back() == r.back())
    return Spread::row;
  if (lead == r.drop_back() && s.back() == 1)
    return Spread::column;
  if (groupLead(s, r) > 0)
    return Spread::group;
  return Spread::other;
}

} // namespace

int64_t mlir::ascend::lowering::groupRows(ShapedType operand,
                                          ShapedType result) {
  SmallVector<int64_t> s = alignedShape(operand, result);
  size_t k = groupLead(s, result.getShape());
  if (k == 0)
    return 0;
  int64_t rows = 1;
  for (int64_t d : result.getShape().slice(k, result.getRank() - 1 - k))
    rows *= d;
  return rows;
}

SmallVector<Spread> mlir::ascend::lowering::classifyOperands(Operation *op) {
  auto result = cast<ShapedType>(op->getResult(0).getType());
  SmallVector<Spread> spreads;
  for (Value operand : op->getOperands())
    spreads.push_back(classify(cast<ShapedType>(operand.getType()), result));
  return spreads;
}

namespace {

std::string formatShape(ShapedType type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleave(type.getShape(), os, "x");
  return "[" + text + "]";
}

/// vec.cast rounds f32 -> f16 in every mode on 910B and in rint and odd on
/// 310P, f32 -> bf16 in every mode but odd (the table of its verifier);
/// f16 <-> bf16 goes through f32, where only the narrowing step rounds.
std::string castBlocker(ascend::CastOp op) {
  Type to = elementOf(op.getResult());
  aicore::RoundMode mode = op.getRoundMode();
  if (to.isF32() || mode == aicore::RoundMode::rint)
    return "";
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  bool has = target.arch == aicore::CoreArch::davC220
                 ? !(to.isBF16() && mode == aicore::RoundMode::odd)
                 : to.isF16() && mode == aicore::RoundMode::odd;
  if (has)
    return "";
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "cast to " << to << " with round mode <"
     << aicore::stringifyRoundMode(mode) << "> is not lowered: the vector "
     << "unit of " << target.name << " has no f32 -> " << to
     << " conversion in that mode";
  return text;
}

/// Why `op` cannot be lowered by the elementwise pattern ("" if it can).
std::string elementwiseBlocker(Operation *op) {
  auto result = cast<ShapedType>(op->getResult(0).getType());
  auto fused = dyn_cast<ascend::FusedVectorOp>(op);
  for (auto [i, spread] : llvm::enumerate(classifyOperands(op))) {
    if (spread != Spread::other)
      continue;
    std::string name = fused ? "input " + std::to_string(i)
                             : std::string(i == 0 ? "lhs" : "rhs");
    return (Twine(name) + " of shape " +
            formatShape(cast<ShapedType>(op->getOperand(i).getType())) +
            " broadcasts against the result " + formatShape(result) +
            " in a way that is not lowered yet; expected the result's shape, "
            "a row along the last dim ([C] or [1, ..., C]), one value per "
            "row ([..., R, 1]), a row per leading index ([A, 1, ..., C]) or "
            "a single element")
        .str();
  }
  if (fused) {
    for (Operation &member : fused.getMembers())
      if (std::string why = explainUnfusable(&member); !why.empty())
        return "in the fused chain, '" + member.getName().getStringRef().str() +
               "': " + why;
    if (hasRowwiseMember(op) && chainTileRows(op, AscendTilingOptions{}) == 0) {
      const aicore::TargetInfo &target = aicore::getTargetInfo(op);
      int64_t cols = result.getShape().back();
      return ("its rows of " + Twine(cols) + " elements need " +
              Twine(cols * plannedBytesPerElement(op, target, true)) +
              " bytes of UB with every tile the chain holds, more than " +
              target.name + "'s " +
              Twine(target.buffer(AddressSpace::ub).bytes) +
              "; its row-wise op needs whole rows")
          .str();
    }
    return "";
  }
  SmallVector<Value> values(op->getOperands());
  values.push_back(op->getResult(0));
  for (Value v : values)
    if (std::string why = bf16Blocker(op, elementOf(v)); !why.empty())
      return why;
  if (auto cast = dyn_cast<ascend::CastOp>(op))
    return castBlocker(cast);
  return "";
}

/// How the result is cut: as [rows, cols] (`flat`: every element in one
/// row, with rank-1 tiles) into tiles of at most tileRows x tileCols.
struct TilePlan {
  bool flat;
  int64_t rows, cols, tileRows, tileCols;

  SmallVector<int64_t> shape(int64_t r, int64_t c) const {
    if (flat)
      return {c};
    return {r, c};
  }
};

/// UB bytes per result element: every operand tile with its compute-type
/// copy and, if broadcast, its expanded tile; the result in the compute
/// type and its rounded copy; a composite op's scratch tiles.
int64_t bytesPerElement(Operation *op, ArrayRef<Spread> spreads) {
  Type compute = computeType(op);
  auto withCopy = [&](Type t) {
    return bytesOf(t) + (t == compute ? 0 : bytesOf(compute));
  };
  int64_t total = withCopy(elementOf(op->getResult(0))) +
                  scratchTiles(op) * bytesOf(compute);
  for (auto [operand, spread] : llvm::zip(op->getOperands(), spreads))
    total += withCopy(elementOf(operand)) +
             (spread == Spread::full ? 0 : bytesOf(compute));
  return total;
}

} // namespace

int64_t mlir::ascend::lowering::narrowestBytes(Operation *op) {
  int64_t minBytes = bytesOf(elementOf(op->getResult(0)));
  for (Value operand : op->getOperands())
    minBytes = std::min(minBytes, bytesOf(elementOf(operand)));
  // A fused chain's intermediates are UB tiles too.
  if (auto fused = dyn_cast<ascend::FusedVectorOp>(op))
    for (Operation &member : fused.getMembers())
      minBytes = std::min(minBytes, narrowestBytes(&member));
  return minBytes;
}

int64_t
mlir::ascend::lowering::elementwiseTileElements(Operation *op,
                                                const AscendTilingOptions &options) {
  if (options.vectorTile > 0)
    return options.vectorTile;
  // Every tile in a quarter of UB, leaving room for double buffering; a
  // whole number of 256-byte repeats.
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  int64_t perElement = isa<ascend::FusedVectorOp>(op)
                           ? plannedBytesPerElement(op, target)
                           : bytesPerElement(op, classifyOperands(op));
  int64_t tile = static_cast<int64_t>(target.buffer(AddressSpace::ub).bytes) /
                 4 / perElement;
  return std::max<int64_t>(tile - tile % (256 / narrowestBytes(op)),
                           256 / narrowestBytes(op));
}

/// Rows per tile of a chain with a row-wise op: what a quarter of UB holds
/// (room for double buffering), a multiple of 8 when above 8 (the f32 row
/// values fill whole 32-byte blocks); else one row if UB holds it at all,
/// its buffers reused as ascend-plan-memory reuses them
/// (ascend-multi-buffer leaves such a loop single-buffered); 0 if not.
static int64_t chainTileRows(Operation *op,
                             const AscendTilingOptions &options) {
  int64_t cols = cast<ShapedType>(op->getResult(0).getType()).getShape().back();
  int64_t rows = elementwiseTileElements(op, options) / cols;
  if (rows > 8)
    return rows - rows % 8;
  if (rows > 0)
    return rows;
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  return cols * plannedBytesPerElement(op, target, /*reuse=*/true) <=
                 static_cast<int64_t>(target.buffer(AddressSpace::ub).bytes)
             ? 1
             : 0;
}

namespace {

/// How the result is tiled, as if no operand were a group.
TilePlan planTilesIgnoringGroups(Operation *op, ArrayRef<Spread> spreads,
                                 const AscendTilingOptions &options) {  auto result = cast<RankedTensorType>(op->getResult(0).getType());
  int64_t n = result.getNumElements();
  int64_t minBytes = narrowestBytes(op);
  int64_t tile = elementwiseTileElements(op, options);
  int64_t cols = result.getShape().back(), rows = n / cols;
  if (hasRowwiseMember(op))
    return {false, rows, cols, std::min(rows, chainTileRows(op, options)),
            cols};
  bool needsRows = llvm::any_of(spreads, [](Spread s) {
    return s == Spread::row || s == Spread::column || s == Spread::group;
  });
  if (!needsRows)
    return {/*flat=*/true, 1, n, 1, std::min(tile, n)};
  // Several rows per tile need each row to start on a 32-byte block.
  if (cols * minBytes % 32 == 0 && cols <= tile)
    return {false, rows, cols, std::min(rows, tile / cols), cols};
  return {false, rows, cols, 1, std::min(cols, tile)};
}

/// Result rows every tile must stay within: the gcd of the group operands'
/// groupRows (0 if there are none), so that a tile reads one row of each.
int64_t tileGroup(Operation *op) {
  auto result = cast<ShapedType>(op->getResult(0).getType());
  int64_t g = 0;
  for (Value operand : op->getOperands())
    if (int64_t rows = groupRows(cast<ShapedType>(operand.getType()), result))
      g = std::gcd(g, rows);
  return g;
}

/// `plan` with tile rows cut down to a divisor of the group size, so that
/// no tile straddles two groups (whole groups have no tail either).
TilePlan fitGroups(TilePlan plan, int64_t group) {
  if (group == 0 || plan.flat)
    return plan;
  int64_t rows = std::min(plan.tileRows, group);
  while (group % rows != 0)
    --rows;
  plan.tileRows = rows;
  return plan;
}

TilePlan planTiles(Operation *op, ArrayRef<Spread> spreads,
                   const AscendTilingOptions &options) {
  return fitGroups(planTilesIgnoringGroups(op, spreads, options),
                   tileGroup(op));
}

/// Emits the tile of `rows` x `cols` result elements at (row, col).
using WindowEmitter = function_ref<LogicalResult(
    OpBuilder &, Value row, Value col, int64_t rows, int64_t cols)>;

/// Whole rows go round-robin in tiles of tileRows; wider rows are cut into
/// tileCols chunks, full chunks numbered row-major first, then each row's
/// tail chunk.
LogicalResult distribute(PatternRewriter &rewriter, Location loc, Value block,
                         const TilePlan &plan, int64_t blocks,
                         WindowEmitter emit) {
  if (!plan.flat && plan.tileCols == plan.cols) {
    Value zero = constantIndex(rewriter, loc, 0);
    return emitRoundRobin(
        rewriter, loc, block, plan.rows / plan.tileRows,
        plan.rows % plan.tileRows, plan.tileRows, blocks,
        [&](OpBuilder &b, Value row, int64_t rows) {
          return emit(b, row, zero, rows, plan.cols);
        });
  }
  int64_t chunks = plan.cols / plan.tileCols, tail = plan.cols % plan.tileCols;
  if (plan.rows == 1)
    return emitRoundRobin(rewriter, loc, block, chunks, tail, plan.tileCols,
                          blocks, [&](OpBuilder &b, Value col, int64_t cols) {
                            return emit(b, Value(), col, 1, cols);
                          });
  Value zero = constantIndex(rewriter, loc, 0);
  if (failed(emitRoundRobin(
          rewriter, loc, block, plan.rows * chunks, /*tail=*/0, /*tile=*/1,
          blocks, [&](OpBuilder &b, Value unit, int64_t) {
            if (chunks == 1)
              return emit(b, unit, zero, 1, plan.tileCols);
            Value n = constantIndex(b, loc, chunks);
            Value row = b.create<arith::DivUIOp>(loc, unit, n);
            Value col = b.create<arith::MulIOp>(
                loc, b.create<arith::RemUIOp>(loc, unit, n),
                constantIndex(b, loc, plan.tileCols));
            return emit(b, row, col, 1, plan.tileCols);
          })))
    return failure();
  if (tail == 0)
    return success();
  Value col = constantIndex(rewriter, loc, chunks * plan.tileCols);
  return emitRoundRobin(rewriter, loc, block, plan.rows, /*tail=*/0,
                        /*tile=*/1, blocks,
                        [&](OpBuilder &b, Value row, int64_t) {
                          return emit(b, row, col, 1, tail);
                        });
}

/// The part of the GM `view` ([rows, C], or rank 1 when flat) that the tile
/// at (row, col) reads; a view dim of size 1 is broadcast, so it is read
/// whole.
Value gmWindow(OpBuilder &b, Location loc, Value view, Value row, Value col,
               int64_t rows, int64_t cols) {
  ArrayRef<int64_t> shape = cast<MemRefType>(view.getType()).getShape();
  SmallVector<Value> at{row, col};
  SmallVector<int64_t> sizes{rows, cols};
  SmallVector<OpFoldResult> offsets, sizeAttrs, strides;
  for (auto [d, size] : llvm::enumerate(shape)) {
    unsigned k = d + 2 - shape.size();
    bool whole = size == 1;
    offsets.push_back(whole ? OpFoldResult(b.getIndexAttr(0))
                            : OpFoldResult(at[k]));
    sizeAttrs.push_back(b.getIndexAttr(whole ? 1 : sizes[k]));
    strides.push_back(b.getIndexAttr(1));
  }
  return b.create<memref::SubViewOp>(loc, view, offsets, sizeAttrs, strides);
}

/// Copies the window of `view` into UB and returns it in `compute`,
/// expanded to `shape`.
Value loadOperand(OpBuilder &b, Location loc, Value view, Value row, Value col,
                  ArrayRef<int64_t> shape, Type compute) {
  auto viewType = cast<MemRefType>(view.getType());
  SmallVector<int64_t> read;
  for (auto [size, want] : llvm::zip(viewType.getShape(), shape))
    read.push_back(size == 1 ? 1 : want);
  Type element = viewType.getElementType();
  Value tile = allocUB(b, loc, read, element);
  int64_t rows = shape.size() == 2 ? shape[0] : 1;
  b.create<mte::CopyOp>(
      loc, gmWindow(b, loc, view, row, col, rows, shape.back()), tile);
  if (element != compute) {
    Value wide = allocUB(b, loc, read, compute);
    b.create<vec::CastOp>(loc, tile, wide, aicore::RoundMode::rint);
    tile = wide;
  }
  if (ArrayRef<int64_t>(read) != shape) {
    Value wide = allocUB(b, loc, shape, compute);
    b.create<vec::BroadcastOp>(loc, tile, wide);
    tile = wide;
  }
  return tile;
}

/// The leading `shape` part of a UB tile.
Value leading(OpBuilder &b, Location loc, Value tile, ArrayRef<int64_t> shape) {
  if (cast<MemRefType>(tile.getType()).getShape() == shape)
    return tile;
  SmallVector<OpFoldResult> zeros(shape.size(), b.getIndexAttr(0)),
      sizes, ones(shape.size(), b.getIndexAttr(1));
  for (int64_t s : shape)
    sizes.push_back(b.getIndexAttr(s));
  return b.create<memref::SubViewOp>(loc, tile, zeros, sizes, ones);
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

    Location loc = op->getLoc();
    SmallVector<Spread> spreads = classifyOperands(op);
    TilePlan plan = planTiles(op, spreads, options);
    int64_t units = plan.tileCols == plan.cols && !plan.flat
                        ? plan.rows / plan.tileRows
                        : plan.rows * (plan.cols / plan.tileCols);
    int64_t blocks = vectorBlocks(op, options, units);
    requireBlocks(op, blocks);

    rewriter.setInsertionPoint(op);
    SmallVector<Value> views;
    for (auto [memref, spread] : llvm::zip(gm->inputs, spreads))
      views.push_back(
          operandView(rewriter, loc, memref, spread, plan.flat));
    SmallVector<Value> outViews;
    for (Value output : gm->outputs())
      outViews.push_back(
          operandView(rewriter, loc, output, Spread::full, plan.flat));
    Value block =
        rewriter.create<aicore::BlockIdxOp>(loc, rewriter.getIndexType());

    // A single element, and a row when tiles span whole rows, is the same
    // for every tile: loaded and expanded once per block.
    SmallVector<Value> fixed;
    SmallVector<int64_t> tileShape = plan.shape(plan.tileRows, plan.tileCols);
    for (auto [i, v, spread] : llvm::enumerate(views, spreads)) {
      bool same = spread == Spread::scalar ||
                  (spread == Spread::row && plan.tileCols == plan.cols);
      fixed.push_back(same
                          ? loadFixedOperand(rewriter, loc, op, i, v, tileShape)
                          : Value());
    }

    auto emitTile = [&](OpBuilder &b, Value row, Value col, int64_t rows,
                        int64_t cols) -> LogicalResult {
      emitElementwiseTile(b, loc, op, views, fixed, outViews, row, col,
                          plan.shape(rows, cols));
      return success();
    };
    if (failed(distribute(rewriter, loc, block, plan, blocks, emitTile)))
      return failure();
    gm->erase(rewriter, op);
    return success();
  }

  AscendTilingOptions options;
};

} // namespace

Value mlir::ascend::lowering::operandView(OpBuilder &b, Location loc,
                                          Value memref, Spread spread,
                                          bool flat) {
  if (spread == Spread::column || spread == Spread::group ||
      (spread == Spread::full && !flat))
    return asRows(b, loc, memref);
  Value flatView = flatten(b, loc, memref);
  return flat ? flatView : asRows(b, loc, flatView);
}

namespace {

/// A row-wise op on the f32 [rows, C] tiles `in` (x, and gamma for
/// rms_norm), as its own kernel computes it. The row code overwrites its
/// input: in place when nothing else reads x (`ownsX`), else on a copy.
Value emitRowwise(OpBuilder &b, Location loc, Operation *op, ArrayRef<Value> in,
                  ArrayRef<int64_t> shape, bool ownsX) {
  Type f32 = b.getF32Type();
  Value x = in[0];
  if (!ownsX) {
    x = allocUB(b, loc, shape, f32);
    b.create<vec::CopyOp>(loc, in[0], x);
  }
  Value wide = allocUB(b, loc, shape, f32);
  Value scratch = allocUB(b, loc, shape, f32);
  if (auto norm = dyn_cast<ascend::RmsNormOp>(op))
    emitRmsNormRows(b, loc, x, wide, scratch, shape[0], in[1],
                    norm.getEpsilon().convertToFloat());
  else
    emitSoftmaxRows(b, loc, x, wide, scratch, shape[0]);
  return x;
}

/// Computes `op` on the compute-type tiles `in` and rounds the result to
/// its element type, as the op's own kernel does before storing it.
/// `ownsInput`: nothing else reads in[0], so a row-wise op may overwrite it.
Value emitRounded(OpBuilder &b, Location loc, Operation *op, ArrayRef<Value> in,
                  ArrayRef<int64_t> shape, bool ownsInput = false) {
  Type element = elementOf(op->getResult(0));
  auto mode = aicore::RoundMode::rint;
  if (auto cast = dyn_cast<ascend::CastOp>(op))
    mode = cast.getRoundMode();
  // The 910B's Erf casts its f16 result with CAST_ROUND (ties away).
  if (isa<ascend::ErfOp>(op) && element.isF16())
    mode = aicore::RoundMode::round;
  Value result = isLoweredRowwise(op)
                     ? emitRowwise(b, loc, op, in, shape, ownsInput)
                     : emitBody(b, loc, op, in, shape);
  if (element == computeType(op))
    return result;
  Value narrow = allocUB(b, loc, shape, element);
  b.create<vec::CastOp>(loc, result, narrow, mode);
  return narrow;
}

/// The tiles of one result tile: operand `i` in a compute type, loaded once
/// (or taken from its per-block `fixed` tile) whichever op reads it.
class OperandTiles {
public:
  OperandTiles(OpBuilder &b, Location loc, Operation *op,
               ArrayRef<Value> views, ArrayRef<Value> fixed, Value row,
               Value col, ArrayRef<int64_t> shape)
      : b(b), loc(loc), op(op), views(views), fixed(fixed), row(row),
        col(col), shape(shape) {}

  Value get(unsigned i, Type compute) {
    Value &tile = tiles[{i, compute}];
    if (tile)
      return tile;
    Value whole = fixed.empty() ? Value() : fixed[i];
    tile = whole && elementOf(whole) == compute
               ? leading(b, loc, whole, shape)
               : loadOperand(b, loc, viewFor(i), row, col, shape, compute);
    return tile;
  }

private:
  /// A group operand's view is its [1, C] row for this tile's group (the
  /// tile never straddles two: fitGroups), read as a broadcast row.
  Value viewFor(unsigned i) {
    int64_t group =
        groupRows(cast<ShapedType>(op->getOperand(i).getType()),
                  cast<ShapedType>(op->getResult(0).getType()));
    if (group == 0)
      return views[i];
    int64_t cols = cast<MemRefType>(views[i].getType()).getShape().back();
    Value at = b.create<arith::DivUIOp>(loc, row, constantIndex(b, loc, group));
    return block2D(b, loc, views[i], at, constantIndex(b, loc, 0), 1, cols);
  }

  OpBuilder &b;
  Location loc;
  Operation *op;
  ArrayRef<Value> views, fixed;
  Value row, col;
  ArrayRef<int64_t> shape;
  DenseMap<std::pair<unsigned, Type>, Value> tiles;
};

/// The body of `fused` on one tile: each op reads its operands in its
/// compute type (an intermediate widened from its rounded tile, exactly),
/// and its result is rounded to its element type. Returns the yielded
/// tiles.
SmallVector<Value> emitFusedBody(OpBuilder &b, Location loc,
                                 ascend::FusedVectorOp fused,
                                 OperandTiles &operands,
                                 ArrayRef<int64_t> shape) {
  DenseMap<Value, Value> rounded; // member result -> its UB tile
  DenseMap<std::pair<Value, Type>, Value> widened;
  auto tileOf = [&](Value v, Type compute) -> Value {
    if (auto arg = dyn_cast<BlockArgument>(v))
      return operands.get(arg.getArgNumber(), compute);
    Value tile = rounded.lookup(v);
    if (elementOf(tile) == compute)
      return tile;
    Value &wide = widened[{v, compute}];
    if (!wide) {
      wide = allocUB(b, loc, shape, compute);
      b.create<vec::CastOp>(loc, tile, wide, aicore::RoundMode::rint);
    }
    return wide;
  };
  for (Operation &member : fused.getMembers()) {
    Type compute = computeType(&member);
    SmallVector<Value> in;
    for (Value v : member.getOperands())
      in.push_back(tileOf(v, compute));
    // A tile of a value with one reader is that reader's to overwrite.
    bool ownsInput = member.getNumOperands() > 0 &&
                     member.getOperand(0).hasOneUse();
    rounded[member.getResult(0)] =
        emitRounded(b, loc, &member, in, shape, ownsInput);
  }
  return llvm::map_to_vector(fused.getYielded(),
                             [&](Value v) { return rounded.lookup(v); });
}

} // namespace

Value mlir::ascend::lowering::loadFixedOperand(OpBuilder &b, Location loc,
                                               Operation *op, unsigned i,
                                               Value view,
                                               ArrayRef<int64_t> shape) {
  Value zero = constantIndex(b, loc, 0);
  return loadOperand(b, loc, view, zero, zero, shape, loadType(op, i));
}

void mlir::ascend::lowering::emitElementwiseTile(
    OpBuilder &b, Location loc, Operation *op, ArrayRef<Value> views,
    ArrayRef<Value> fixed, ArrayRef<Value> outViews, Value row, Value col,
    ArrayRef<int64_t> shape) {
  OperandTiles operands(b, loc, op, views, fixed, row, col, shape);
  SmallVector<Value> results;
  if (auto fused = dyn_cast<ascend::FusedVectorOp>(op)) {
    results = emitFusedBody(b, loc, fused, operands, shape);
  } else {
    Type compute = computeType(op);
    SmallVector<Value> in;
    for (unsigned i = 0; i < op->getNumOperands(); ++i)
      in.push_back(operands.get(i, compute));
    results.push_back(emitRounded(b, loc, op, in, shape));
  }
  int64_t rows = shape.size() == 2 ? shape[0] : 1;
  for (auto [result, outView] : llvm::zip_equal(results, outViews))
    b.create<mte::CopyOp>(
        loc, result, gmWindow(b, loc, outView, row, col, rows, shape.back()));
}

/// UB bytes per element of a fused chain's tile: what ascend-plan-memory
/// places for one probe tile's buffers, per element. Without `reuse` for
/// tiles that are double-buffered: ascend-multi-buffer makes each tile
/// buffer a ring whose buffers take turns across iterations and so stay
/// live together over the loop body. The probe reads every broadcast input
/// as a single element expanded to the tile, which needs what a row or
/// column input needs but for the read of the row itself.
static int64_t plannedBytesPerElement(Operation *op,
                                      const aicore::TargetInfo &target,
                                      bool reuse) {
  constexpr int64_t probe = 4096;
  // Chains with a row-wise op are probed on whole rows, as they run.
  int64_t cols = cast<ShapedType>(op->getResult(0).getType()).getShape().back();
  SmallVector<int64_t> shape{probe};
  if (hasRowwiseMember(op))
    shape = {std::max<int64_t>(1, probe / cols), cols};
  int64_t elements = shape.size() == 2 ? shape[0] * cols : probe;
  Location loc = op->getLoc();
  OpBuilder b(op->getContext());
  auto scratch =
      b.create<func::FuncOp>(loc, "probe", b.getFunctionType({}, {}));
  b.setInsertionPointToStart(scratch.addEntryBlock());
  auto gm = [&](Type element, bool full) {
    SmallVector<int64_t> viewShape(shape.size(), 1);
    if (full)
      viewShape = shape;
    return scratch.getBody().addArgument(
        tileType(viewShape, element, AddressSpace::gm), loc);
  };
  SmallVector<Value> views;
  for (auto [operand, spread] :
       llvm::zip(op->getOperands(), classifyOperands(op)))
    views.push_back(gm(elementOf(operand), spread == Spread::full));
  SmallVector<Value> outs;
  for (Value result : op->getResults())
    outs.push_back(gm(elementOf(result), true));
  Value zero = constantIndex(b, loc, 0);
  emitElementwiseTile(b, loc, op, views, {}, outs, zero, zero, shape);
  int64_t peak = plannedPeakBytes(scratch, AddressSpace::ub, target, reuse);
  scratch->erase();
  return llvm::divideCeil(peak, elements);
}

void mlir::ascend::lowering::populateElementwisePatterns(
    RewritePatternSet &patterns, const AscendTilingOptions &options) {
  patterns.add<ElementwisePattern>(patterns.getContext(), options);
}

std::string mlir::ascend::explainUnfusable(Operation *op) {
  if (std::string why = shapeBlocker(op); !why.empty())
    return why;
  if (isLoweredElementwise(op))
    return elementwiseBlocker(op);
  if (isLoweredRowwise(op))
    return explainRowwiseMember(op);
  return "it is neither an elementwise nor a row-wise op";
}

std::string
mlir::ascend::lowering::explainElementwise(Operation *op,
                                           const AscendTilingOptions &) {
  return isLoweredElementwise(op) ? elementwiseBlocker(op) : "";
}
