//===- FlashAttention.cpp - flash_attention as one split kernel -----------===//
//
// FlashAttention-2 on a split block. Work items are (batch, query head,
// query tile of kTile rows), round-robin over blocks; for each item both
// regions walk the same KV tiles of kTile keys:
//
//   cube:   S_0 = Q K_0^T (f32, L0C) -> fixpipe to S slot 0           set S
//           per tile j: S_{j+1} -> its S slot (if any)                 set S
//             wait P; PV = P_j V_j (f32) -> its PV slot              set PV
//   vector: softmax of tile 0; per tile j: softmax of tile j+1 (if any),
//           then wait PV; O = O * alpha_j + PV_j. The softmax of tile i:
//           wait S; s = scale * S_i (+ causal -inf on the diagonal tile);
//           m_new = max(m, rowmax s); alpha_i = exp(m - m_new);
//           p = exp(s - m_new); l = l * alpha_i + rowsum p;
//           p rounded to the input type -> its P slot                set P
//   and at the end O / l, rounded once, is stored.
//
// So both regions run one tile ahead: the cube computes S_{j+1} while the
// vector cores run the softmax of tile j, and the vector cores run the
// softmax of tile j+1 while the cube computes P_j V_j. The arithmetic and
// its order per tile are unchanged. Each vector core takes half of the
// tile's rows. The slots live in GM workspaces the host passes after the
// operands (flashAttentionWorkspaces, one buffer per kind), two slots of
// each per block: tile j uses slot j mod 2. The flags in the loops order
// each write before the other region's read (ascend-insert-sync takes such
// in-loop pairs as ordering the tiles; the last tile is peeled rather than
// guarded so that every flag stays a direct child of a loop body), and
// reuse is ordered by the chain itself: the cube writes S_{j+2} only after
// waiting for P_j, which the vector cores set after reading S_j; the
// vector cores write P_{j+2} only after waiting for PV_j, which the cube
// sets after its product read P_j; the cube writes PV_{j+2} only after
// waiting for P_{j+2}, which the vector cores set after reading PV_j.
//
// Causal tiles above the diagonal are skipped: the KV loop of query tile t
// ends at the diagonal tile, the only one that is partly masked (Sq and Skv
// are whole tiles, so the bottom-right alignment is too), which adds a
// constant triangular -inf mask built once per kernel.
//
//===----------------------------------------------------------------------===//

#include "MatmulEmitter.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "AscendDialect/Vec/VecDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

#include <limits>

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::lowering;
using aicore::AddressSpace;

namespace {

/// Query rows and keys per tile. Equal sizes make the diagonal tile's
/// causal mask the same triangle for every query tile.
constexpr int64_t kTile = 64;
/// Cross-core flags in the tile loops: cube -> vector for S and PV,
/// vector -> cube for P (the directions count separately).
constexpr int64_t kFlagS = 0, kFlagP = 1, kFlagPV = 2;

struct Shape {
  int64_t b, nq, nkv, sq, skv, d, dv;
  Type element;
  bool causal;

  int64_t items() const { return b * nq * (sq / kTile); }
};

Shape shapeOf(ascend::FlashAttentionOp op) {
  ArrayRef<int64_t> q = op.getQuery().getType().getShape();
  ArrayRef<int64_t> k = op.getKey().getType().getShape();
  ArrayRef<int64_t> v = op.getValue().getType().getShape();
  return {q[0], q[1],  k[1], q[2], k[2], q[3], v[3],
          op.getQuery().getType().getElementType(), op.getCausal()};
}

std::string blocker(ascend::FlashAttentionOp op) {
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  if (!target.split)
    return ("flash_attention is lowered for split targets (cube results "
            "reach the vector cores through GM); " +
            target.name + " is not one")
        .str();
  if (op.getMask())
    return "flash_attention with an explicit mask is not lowered yet "
           "(causal is)";
  Shape s = shapeOf(op);
  if (std::string why = bf16Blocker(op, s.element); !why.empty())
    return why;
  std::string text;
  llvm::raw_string_ostream os(text);
  if (s.d % 16 || s.dv % 16 || s.d > 256 || s.dv > 256)
    os << "flash_attention head dims must be multiples of 16 up to 256 "
          "(whole cube fractals), got D = "
       << s.d << ", Dv = " << s.dv;
  else if (s.sq % kTile || s.skv % kTile)
    os << "flash_attention sequence lengths must be multiples of the "
       << kTile << "-row tile (tails are not lowered yet), got Sq = " << s.sq
       << ", Skv = " << s.skv;
  return text;
}

int64_t blocksFor(ascend::FlashAttentionOp op,
                  const AscendTilingOptions &options) {
  if (options.blockDim > 0)
    return options.blockDim;
  return std::max<int64_t>(
      1, std::min<int64_t>(shapeOf(op).items(),
                           aicore::getTargetInfo(op).numBlocks));
}

/// The plan of one kTile-row product with `n` columns over `k`, sized so
/// that every tile is whole fractals and K is one L1 chunk.
MatmulPlan planProduct(Operation *op, Type element, bool tb, int64_t n,
                       int64_t k) {
  const aicore::CubeRate *rate =
      aicore::getCubeRate(aicore::getTargetInfo(op), element);
  MatmulPlan p;
  p.ta = false;
  p.tb = tb;
  p.batch = 1;
  p.m = p.tm = p.lastM = kTile;
  p.n = p.tn = p.lastN = n;
  p.k = p.kFull = p.kl1 = k;
  p.kTail = 0;
  p.m0 = rate->m0;
  p.n0 = rate->n0;
  p.k0 = rate->k0;
  p.c0 = 32 / (element.getIntOrFloatBitWidth() / 8);
  // L0 steps of at most 128 keep L0A / L0B within half their size.
  p.tk = k % 128 == 0 ? 128 : k;
  p.tilesM = p.tilesN = 1;
  return p;
}

Value view2D(OpBuilder &b, Location loc, Value memref, Value row, Value col,
             int64_t rows, int64_t cols) {
  SmallVector<OpFoldResult> offsets{row, col},
      sizes{b.getIndexAttr(rows), b.getIndexAttr(cols)},
      strides(2, b.getIndexAttr(1));
  return b.create<memref::SubViewOp>(loc, memref, offsets, sizes, strides);
}

Value mul(OpBuilder &b, Location loc, Value x, int64_t c) {
  return b.create<arith::MulIOp>(loc, x, constantIndex(b, loc, c));
}
Value add(OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::AddIOp>(loc, x, y);
}

/// What both regions compute of a work item: its rows in the [*, D] views
/// and the KV tiles it visits.
struct Item {
  Value qRow; ///< first query row in [B * Nq * Sq, D]
  Value kvRow; ///< first key row of its KV head in [B * Nkv * Skv, D]
  Value kvTiles; ///< KV tiles to visit (up to the diagonal when causal)
  Value diagonal; ///< index of the diagonal KV tile (causal only)
};

class Emitter {
public:
  Emitter(OpBuilder &b, Location loc, ascend::FlashAttentionOp op,
          const GMOperands &gm, ArrayRef<Value> workspaces, int64_t blocks)
      : b(b), loc(loc), op(op), s(shapeOf(op)), blocks(blocks) {
    q = asRows(b, loc, gm.inputs[0]);
    k = asRows(b, loc, gm.inputs[1]);
    v = asRows(b, loc, gm.inputs[2]);
    out = asRows(b, loc, const_cast<GMOperands &>(gm).output());
    wsS = workspaces[0];
    wsPV = workspaces[1];
    wsP = workspaces[2];
  }

  void emitCube();
  void emitVector();

private:
  /// Walks this block's work items.
  void forEachItem(function_ref<void(const Item &)> body);
  /// First row of the block's slot for KV tile `kv` in any workspace (two
  /// slots per block, tile kv in slot kv mod 2), plus `offset` rows.
  Value slotRow(Value kv, Value offset) {
    Value parity = b.create<arith::RemUIOp>(loc, kv, constantIndex(b, loc, 2));
    Value slot = add(b, loc, mul(b, loc, block, 2), parity);
    return add(b, loc, mul(b, loc, slot, kTile), offset);
  }
  Value buildCausalMask(Value sub, int64_t rows);

  OpBuilder &b;
  Location loc;
  ascend::FlashAttentionOp op;
  Shape s;
  int64_t blocks;
  Value q, k, v, out, wsS, wsPV, wsP, block;
};

void Emitter::forEachItem(function_ref<void(const Item &)> body) {
  block = b.create<aicore::BlockIdxOp>(loc, b.getIndexType());
  OpBuilder::InsertionGuard guard(b);
  auto loop = b.create<scf::ForOp>(loc, block, constantIndex(b, loc, s.items()),
                                   constantIndex(b, loc, blocks));
  b.setInsertionPointToStart(loop.getBody());
  Value t = loop.getInductionVar();
  int64_t qTiles = s.sq / kTile;
  Value head = b.create<arith::DivUIOp>(loc, t, constantIndex(b, loc, qTiles));
  Value qTile = b.create<arith::RemUIOp>(loc, t, constantIndex(b, loc, qTiles));
  Value batch = b.create<arith::DivUIOp>(loc, head, constantIndex(b, loc, s.nq));
  Value h = b.create<arith::RemUIOp>(loc, head, constantIndex(b, loc, s.nq));
  // GQA: query head h reads KV head h / (Nq / Nkv).
  Value g = b.create<arith::DivUIOp>(loc, h,
                                     constantIndex(b, loc, s.nq / s.nkv));
  Item item;
  item.qRow = add(b, loc, mul(b, loc, head, s.sq), mul(b, loc, qTile, kTile));
  item.kvRow = mul(b, loc, add(b, loc, mul(b, loc, batch, s.nkv), g), s.skv);
  if (s.causal) {
    item.diagonal = add(b, loc, qTile,
                        constantIndex(b, loc, (s.skv - s.sq) / kTile));
    item.kvTiles = add(b, loc, item.diagonal, constantIndex(b, loc, 1));
  } else {
    item.kvTiles = constantIndex(b, loc, s.skv / kTile);
  }
  body(item);
}

void Emitter::emitCube() {
  Value zero = constantIndex(b, loc, 0);
  Value one = constantIndex(b, loc, 1);
  MatmulPlan qk = planProduct(op, s.element, /*tb=*/true, kTile, s.d);
  MatmulPlan pv = planProduct(op, s.element, /*tb=*/false, s.dv, kTile);
  forEachItem([&](const Item &item) {
    Value qTile = view2D(b, loc, q, item.qRow, zero, kTile, s.d);
    auto kvRowOf = [&](Value kv) {
      return add(b, loc, item.kvRow, mul(b, loc, kv, kTile));
    };
    // S of tile kv into its slot (kv mod 2), then hand it over.
    auto scores = [&](Value kv) {
      MatmulEmitter product(
          b, loc, qk, qTile,
          view2D(b, loc, k, kvRowOf(kv), zero, kTile, s.d),
          view2D(b, loc, wsS, slotRow(kv, zero), zero, kTile, kTile));
      product.allocate(s.element);
      product.emitTile(zero, zero, zero, kTile, kTile);
      b.create<aicore::CrossCoreSetFlagOp>(loc, aicore::Pipe::fix, kFlagS);
    };
    // Wait for P of tile kv, PV = P V into the PV slot, hand it over.
    auto values = [&](Value kv) {
      b.create<aicore::CrossCoreWaitFlagOp>(loc, aicore::Pipe::mte2, kFlagP);
      MatmulEmitter product(
          b, loc, pv,
          view2D(b, loc, wsP, slotRow(kv, zero), zero, kTile, kTile),
          view2D(b, loc, v, kvRowOf(kv), zero, kTile, s.dv),
          view2D(b, loc, wsPV, slotRow(kv, zero), zero, kTile, s.dv));
      product.allocate(s.element);
      product.emitTile(zero, zero, zero, kTile, s.dv);
      b.create<aicore::CrossCoreSetFlagOp>(loc, aicore::Pipe::fix, kFlagPV);
    };
    // S_0 ahead; tile j computes S_{j+1} while the vector cores run the
    // softmax of tile j, then P_j V_j. The last tile (every item has one)
    // is peeled so that every flag stays a direct child of a loop body.
    scores(zero);
    Value last = b.create<arith::SubIOp>(loc, item.kvTiles, one);
    {
      auto loop = b.create<scf::ForOp>(loc, zero, last, one);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value kv = loop.getInductionVar();
      scores(add(b, loc, kv, one));
      values(kv);
    }
    values(last);
  });
}

/// The diagonal tile's additive mask for this vector core's `rows` rows
/// (from row sub * rows): 0 where key j <= query row, -inf above.
Value Emitter::buildCausalMask(Value sub, int64_t rows) {
  Type f32 = b.getF32Type();
  Value mask = allocUB(b, loc, {rows, kTile}, f32);
  auto scalar = [&](float x) {
    return b.create<arith::ConstantOp>(loc, f32, b.getF32FloatAttr(x));
  };
  b.create<vec::FillOp>(loc, scalar(0.0f), mask);
  Value isFirst = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, sub,
                                          constantIndex(b, loc, 0));
  auto branch = b.create<scf::IfOp>(loc, isFirst, /*withElse=*/true);
  OpBuilder::InsertionGuard guard(b);
  Value minusInf = scalar(-std::numeric_limits<float>::infinity());
  for (int64_t half = 0; half < 2; ++half) {
    Region &region = half ? branch.getElseRegion() : branch.getThenRegion();
    b.setInsertionPointToStart(&region.front());
    for (int64_t r = 0; r < rows; ++r) {
      int64_t first = half * rows + r + 1;
      if (first < kTile)
        b.create<vec::FillOp>(
            loc, minusInf,
            view2D(b, loc, mask, constantIndex(b, loc, r),
                   constantIndex(b, loc, first), 1, kTile - first));
    }
  }
  return mask;
}

void Emitter::emitVector() {
  Type f32 = b.getF32Type();
  int64_t rows = kTile / 2;
  Value zero = constantIndex(b, loc, 0);
  Value one = constantIndex(b, loc, 1);
  Value sub = b.create<aicore::SubBlockIdxOp>(loc, b.getIndexType());
  Value myRows = mul(b, loc, sub, rows);
  auto scalar = [&](float x) {
    return b.create<arith::ConstantOp>(loc, f32, b.getF32FloatAttr(x));
  };
  Value mask = s.causal ? buildCausalMask(sub, rows) : Value();
  // Running state of the item's rows, in f32 for the whole KV walk, and
  // the rescale factor of the tile whose P V is still on the cube.
  Value m = allocUB(b, loc, {rows, 1}, f32);
  Value l = allocUB(b, loc, {rows, 1}, f32);
  Value o = allocUB(b, loc, {rows, s.dv}, f32);
  Value pending = allocUB(b, loc, {rows, 1}, f32);
  forEachItem([&](const Item &item) {
    b.create<vec::FillOp>(loc, scalar(-std::numeric_limits<float>::infinity()),
                          m);
    b.create<vec::FillOp>(loc, scalar(0.0f), l);
    b.create<vec::FillOp>(loc, scalar(0.0f), o);
    // The online softmax of tile kv: P_kv to its slot, hand it over; its
    // alpha, left in `pending` for the rescale once P_kv V_kv is back.
    auto softmax = [&](Value kv) {
      Value sRows = view2D(b, loc, wsS, slotRow(kv, myRows), zero, rows, kTile);
      Value pRows = view2D(b, loc, wsP, slotRow(kv, myRows), zero, rows, kTile);
      b.create<aicore::CrossCoreWaitFlagOp>(loc, aicore::Pipe::mte2, kFlagS);
      Value raw = loadF32(b, loc, sRows);
      Value x = allocUB(b, loc, {rows, kTile}, f32);
      b.create<vec::MulsOp>(loc, raw,
                            scalar(op.getScale().convertToFloat()), x);
      if (mask) {
        Value isDiagonal = b.create<arith::CmpIOp>(
            loc, arith::CmpIPredicate::eq, kv, item.diagonal);
        auto branch = b.create<scf::IfOp>(loc, isDiagonal, false);
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(&branch.getThenRegion().front());
        b.create<vec::AddOp>(loc, x, mask, raw);
        b.create<vec::CopyOp>(loc, raw, x);
      }
      Value rowMax = allocUB(b, loc, {rows, 1}, f32);
      Value mNew = allocUB(b, loc, {rows, 1}, f32);
      Value diff = allocUB(b, loc, {rows, 1}, f32);
      Value alpha = allocUB(b, loc, {rows, 1}, f32);
      b.create<vec::ReduceRowsOp>(loc, vec::ReductionKind::max, x, rowMax);
      b.create<vec::MaxOp>(loc, m, rowMax, mNew);
      b.create<vec::SubOp>(loc, m, mNew, diff);
      b.create<vec::ExpOp>(loc, diff, alpha);
      b.create<vec::CopyOp>(loc, mNew, m);
      Value wide = allocUB(b, loc, {rows, kTile}, f32);
      Value shifted = allocUB(b, loc, {rows, kTile}, f32);
      Value p = allocUB(b, loc, {rows, kTile}, f32);
      b.create<vec::BroadcastOp>(loc, mNew, wide);
      b.create<vec::SubOp>(loc, x, wide, shifted);
      b.create<vec::ExpOp>(loc, shifted, p);
      Value rowSum = allocUB(b, loc, {rows, 1}, f32);
      Value scaled = allocUB(b, loc, {rows, 1}, f32);
      b.create<vec::ReduceRowsOp>(loc, vec::ReductionKind::sum, p, rowSum);
      b.create<vec::MulOp>(loc, l, alpha, scaled);
      b.create<vec::AddOp>(loc, scaled, rowSum, l);
      storeRounded(b, loc, p, pRows);
      b.create<aicore::CrossCoreSetFlagOp>(loc, aicore::Pipe::mte3, kFlagP);
      return alpha;
    };
    // O = O * alpha_kv + P_kv V_kv once the cube hands it over.
    auto rescale = [&](Value kv, Value alpha) {
      Value pvRows =
          view2D(b, loc, wsPV, slotRow(kv, myRows), zero, rows, s.dv);
      b.create<aicore::CrossCoreWaitFlagOp>(loc, aicore::Pipe::mte2, kFlagPV);
      Value partial = loadF32(b, loc, pvRows);
      Value alphaWide = allocUB(b, loc, {rows, s.dv}, f32);
      Value kept = allocUB(b, loc, {rows, s.dv}, f32);
      b.create<vec::BroadcastOp>(loc, alpha, alphaWide);
      b.create<vec::MulOp>(loc, o, alphaWide, kept);
      b.create<vec::AddOp>(loc, kept, partial, o);
    };
    // Softmax of tile 0 ahead; tile j runs the softmax of tile j + 1 while
    // the cube computes P_j V_j, then rescales O with tile j's alpha. The
    // last tile is peeled, as on the cube.
    b.create<vec::CopyOp>(loc, softmax(zero), pending);
    Value last = b.create<arith::SubIOp>(loc, item.kvTiles, one);
    {
      auto loop = b.create<scf::ForOp>(loc, zero, last, one);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value kv = loop.getInductionVar();
      Value alpha = softmax(add(b, loc, kv, one));
      rescale(kv, pending);
      b.create<vec::CopyOp>(loc, alpha, pending);
    }
    rescale(last, pending);
    Value lWide = allocUB(b, loc, {rows, s.dv}, f32);
    Value result = allocUB(b, loc, {rows, s.dv}, f32);
    b.create<vec::BroadcastOp>(loc, l, lWide);
    b.create<vec::DivOp>(loc, o, lWide, result);
    storeRounded(b, loc, result,
                 view2D(b, loc, out, add(b, loc, item.qRow, myRows), zero,
                        rows, s.dv));
  });
}

aicore::CoreOp coreRegion(OpBuilder &b, Location loc, aicore::CoreType type) {
  auto core = b.create<aicore::CoreOp>(loc, type);
  core.getBody().emplaceBlock();
  b.setInsertionPointToStart(&core.getBody().front());
  return core;
}

struct FlashAttentionPattern : OpRewritePattern<ascend::FlashAttentionOp> {
  FlashAttentionPattern(MLIRContext *ctx, const AscendTilingOptions &options)
      : OpRewritePattern(ctx), options(options) {}

  LogicalResult matchAndRewrite(ascend::FlashAttentionOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<GMOperands> gm = matchGMOperands(op, rewriter);
    if (failed(gm))
      return failure();
    if (std::string why = blocker(op); !why.empty())
      return rewriter.notifyMatchFailure(op, why);
    // The host passes the workspaces just before the result argument.
    auto result = dyn_cast<BlockArgument>(gm->output());
    SmallVector<MemRefType> types = flashAttentionWorkspaces(op, options);
    if (!result || result.getArgNumber() < types.size())
      return rewriter.notifyMatchFailure(op, "no workspace arguments");
    SmallVector<Value> workspaces;
    for (auto [i, type] : llvm::enumerate(types)) {
      workspaces.push_back(result.getOwner()->getArgument(
          result.getArgNumber() - types.size() + i));
      if (workspaces.back().getType() != type)
        return rewriter.notifyMatchFailure(op, "no workspace arguments");
    }
    int64_t blocks = blocksFor(op, options);
    requireBlocks(op, blocks);
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    Emitter emitter(rewriter, loc, op, *gm, workspaces, blocks);
    {
      OpBuilder::InsertionGuard guard(rewriter);
      coreRegion(rewriter, loc, aicore::CoreType::cube);
      emitter.emitCube();
    }
    {
      OpBuilder::InsertionGuard guard(rewriter);
      coreRegion(rewriter, loc, aicore::CoreType::vector);
      emitter.emitVector();
    }
    gm->erase(rewriter, op);
    return success();
  }

  AscendTilingOptions options;
};

} // namespace

SmallVector<MemRefType> mlir::ascend::lowering::flashAttentionWorkspaces(
    Operation *op, const AscendTilingOptions &options) {
  auto fa = dyn_cast<ascend::FlashAttentionOp>(op);
  if (!fa || !blocker(fa).empty())
    return {};
  Shape s = shapeOf(fa);
  int64_t rows = blocksFor(fa, options) * kTile;
  // Per block, two slots each (tile j in slot j mod 2: each region works
  // one tile ahead of the other): S and the PV partial in f32, P in the
  // input type. Separate buffers keep each hand-over on its own flag.
  Type f32 = Float32Type::get(op->getContext());
  return {tileType({2 * rows, kTile}, f32, AddressSpace::gm),
          tileType({2 * rows, s.dv}, f32, AddressSpace::gm),
          tileType({2 * rows, kTile}, s.element, AddressSpace::gm)};
}

void mlir::ascend::lowering::populateFlashAttentionPatterns(
    RewritePatternSet &patterns, const AscendTilingOptions &options) {
  patterns.add<FlashAttentionPattern>(patterns.getContext(), options);
}

std::string
mlir::ascend::lowering::explainFlashAttention(Operation *op,
                                              const AscendTilingOptions &) {
  auto fa = dyn_cast<ascend::FlashAttentionOp>(op);
  return fa ? blocker(fa) : "";
}
