//===- PagedAttention.cpp - paged_attention as one split kernel -----------===//
//
// Decode attention over a paged KV cache, the FlashAttention-2 kernel of
// FlashAttention.cpp turned on its side: one query token per sequence, so
// the rows of the cube products are the G = Nq / Nkv query heads that share
// a KV head (grouped-query packing), and each cache block's K and V are read
// once for all of them. Work items are (sequence b, KV head g), round-robin
// over blocks. Both regions read context_lens[b] on the scalar pipe; the
// cube also reads block_tables[b, j] and views key_cache[blk, :, g, :], a
// [block_size, D] strided GM block, and likewise the values. The KV walk
// goes over the ceil(L / block_size) blocks of the sequence:
//
//   cube:   S_0 = Q K_0^T -> S slot 0                                 set S
//           per block j: S_{j+1} -> its slot (if any)                  set S
//             wait P; PV = P_j V_j -> its PV slot                      set PV
//   vector: softmax of block 0; per block j: softmax of block j+1 (if
//           any), then wait PV; O = O * alpha_j + PV_j. The last block's
//           keys t >= L are masked with -inf before the row max.
//
// with the hand-over contract of FlashAttention.cpp unchanged (two slots of
// each workspace per block, block j in slot j mod 2, the last block peeled so
// that every flag is a direct child of a loop body). G rows are not whole
// cube fractals (8 for LLaMA-3-70B, 1 for MHA): the products pad them as
// matmul pads an M tail. The vector cores split the rows when G is even; for
// odd G vector core 1 only keeps the flag protocol (the cube waits for both).
//
// The last block's rows past L are read (a partial block is computed whole)
// and their scores masked; P is exactly 0 there, so they must hold finite
// values: 0 * NaN would reach the result.
//
//===----------------------------------------------------------------------===//

#include "MatmulEmitter.h"
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

namespace {

/// Cross-core flags, as in FlashAttention.cpp: cube -> vector for S and PV,
/// vector -> cube for P.
constexpr int64_t kFlagS = 0, kFlagP = 1, kFlagPV = 2;
/// Softmax tiles of one vector core hold at most this many f32 elements,
/// FlashAttention's 32 x 64, which fits UB with the accumulator of 32 rows
/// of Dv <= 256.
constexpr int64_t kVectorTile = 2048, kVectorRows = 32;

struct Shape {
  int64_t b, nq, nkv, d, dv, blockSize;
  Type element;

  int64_t group() const { return nq / nkv; }
  /// Vector cores that take rows, and the rows each takes.
  int64_t activeCores() const { return group() % 2 ? 1 : 2; }
  int64_t rows() const { return group() / activeCores(); }
  int64_t items() const { return b * nkv; }
};

Shape shapeOf(ascend::PagedAttentionOp op) {
  ArrayRef<int64_t> q = op.getQuery().getType().getShape();
  ArrayRef<int64_t> k = op.getKeyCache().getType().getShape();
  ArrayRef<int64_t> v = op.getValueCache().getType().getShape();
  return {q[0], q[1], k[2], q[2], v[3], k[1],
          op.getQuery().getType().getElementType()};
}

std::string blocker(ascend::PagedAttentionOp op) {
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  if (!target.split)
    return ("paged_attention is lowered for split targets (cube results "
            "reach the vector cores through GM); " +
            target.name + " is not one")
        .str();
  Shape s = shapeOf(op);
  if (std::string why = bf16Blocker(op, s.element); !why.empty())
    return why;
  std::string text;
  llvm::raw_string_ostream os(text);
  if (s.d % 16 || s.dv % 16 || s.d > 256 || s.dv > 256)
    os << "paged_attention head dims must be multiples of 16 up to 256 "
          "(whole cube fractals), got D = "
       << s.d << ", Dv = " << s.dv;
  else if (s.blockSize % 16 || s.blockSize > 256)
    os << "paged_attention block_size must be a multiple of 16 up to 256 (a "
          "cache block is the keys of one cube product), got "
       << s.blockSize;
  else if (s.rows() > kVectorRows || s.rows() * s.blockSize > kVectorTile)
    os << "paged_attention puts the " << s.group()
       << " query heads of a KV head on " << s.activeCores()
       << " vector core(s), " << s.rows() << " rows each; at most "
       << kVectorRows << " rows and " << kVectorTile
       << " scores (rows x block_size) fit UB, got block_size "
       << s.blockSize;
  return text;
}

int64_t blocksFor(ascend::PagedAttentionOp op,
                  const AscendTilingOptions &options) {
  if (options.blockDim > 0)
    return options.blockDim;
  return std::max<int64_t>(
      1, std::min<int64_t>(shapeOf(op).items(),
                           aicore::getTargetInfo(op).numBlocks));
}

Value mul(OpBuilder &b, Location loc, Value x, int64_t c) {
  return b.create<arith::MulIOp>(loc, x, constantIndex(b, loc, c));
}
Value add(OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::AddIOp>(loc, x, y);
}

/// What both regions know of a work item.
struct Item {
  Value batch, head; ///< sequence b and KV head g
  Value qRow;        ///< first of its G rows in [B * Nq, *]
  Value lastBlock;   ///< ceil(L / block_size) - 1
  Value validKeys;   ///< keys of the last block below L, in [1, block_size]
};

class Emitter {
public:
  Emitter(OpBuilder &b, Location loc, ascend::PagedAttentionOp op,
          GMOperands &gm, ArrayRef<Value> workspaces, int64_t blocks)
      : b(b), loc(loc), op(op), s(shapeOf(op)), blocks(blocks) {
    q = asRows(b, loc, gm.inputs[0]);
    kCache = cacheRows(gm.inputs[1]);
    vCache = cacheRows(gm.inputs[2]);
    tables = gm.inputs[3];
    lens = gm.inputs[4];
    out = asRows(b, loc, gm.output());
    wsS = workspaces[0];
    wsPV = workspaces[1];
    wsP = workspaces[2];
  }

  void emitCube();
  void emitVector();

private:
  /// [num_blocks, block_size, Nkv, D] as [num_blocks * block_size, Nkv * D]:
  /// a cache block of one KV head is then a 2-D block of it.
  Value cacheRows(Value cache) {
    return b.create<memref::CollapseShapeOp>(
        loc, cache, ArrayRef<ReassociationIndices>{{0, 1}, {2, 3}});
  }
  /// Element `indices` of an i32 GM tensor as an index, on the scalar pipe.
  Value loadIndex(Value memref, ValueRange indices) {
    Value v = b.create<memref::LoadOp>(loc, memref, indices);
    return b.create<arith::IndexCastOp>(loc, b.getIndexType(), v);
  }
  void forEachItem(function_ref<void(const Item &)> body);
  /// First row of the block's slot for KV block `kv` in any workspace (two
  /// slots of G rows per block, block kv in slot kv mod 2), plus `offset`.
  Value slotRow(Value kv, Value offset) {
    Value parity = b.create<arith::RemUIOp>(loc, kv, constantIndex(b, loc, 2));
    Value slot = add(b, loc, mul(b, loc, block, 2), parity);
    return add(b, loc, mul(b, loc, slot, s.group()), offset);
  }
  /// The [block_size, dim] block of KV head `head` in cache block `kv` of
  /// the item's sequence.
  Value cacheBlock(Value cache, const Item &item, Value kv, int64_t dim) {
    Value id = loadIndex(tables, {item.batch, kv});
    return block2D(b, loc, cache, mul(b, loc, id, s.blockSize),
                   mul(b, loc, item.head, dim), s.blockSize, dim);
  }

  OpBuilder &b;
  Location loc;
  ascend::PagedAttentionOp op;
  Shape s;
  int64_t blocks;
  Value q, kCache, vCache, tables, lens, out, wsS, wsPV, wsP, block;
};

void Emitter::forEachItem(function_ref<void(const Item &)> body) {
  block = b.create<aicore::BlockIdxOp>(loc, b.getIndexType());
  OpBuilder::InsertionGuard guard(b);
  auto loop = b.create<scf::ForOp>(loc, block, constantIndex(b, loc, s.items()),
                                   constantIndex(b, loc, blocks));
  b.setInsertionPointToStart(loop.getBody());
  Value t = loop.getInductionVar();
  Item item;
  item.batch = b.create<arith::DivUIOp>(loc, t, constantIndex(b, loc, s.nkv));
  item.head = b.create<arith::RemUIOp>(loc, t, constantIndex(b, loc, s.nkv));
  // Query head h of sequence b is row b * Nq + h, and the G heads of KV
  // head g start at h = g * G: row t * G.
  item.qRow = mul(b, loc, t, s.group());
  Value length = loadIndex(lens, {item.batch});
  Value one = constantIndex(b, loc, 1);
  item.lastBlock = b.create<arith::DivUIOp>(
      loc, b.create<arith::SubIOp>(loc, length, one),
      constantIndex(b, loc, s.blockSize));
  item.validKeys =
      b.create<arith::SubIOp>(loc, length, mul(b, loc, item.lastBlock,
                                                s.blockSize));
  body(item);
}

void Emitter::emitCube() {
  Value zero = constantIndex(b, loc, 0);
  Value one = constantIndex(b, loc, 1);
  int64_t g = s.group();
  MatmulPlan qk = planOneTile(op, s.element, /*tb=*/true, g, s.blockSize, s.d);
  MatmulPlan pv =
      planOneTile(op, s.element, /*tb=*/false, g, s.dv, s.blockSize);
  forEachItem([&](const Item &item) {
    Value query = block2D(b, loc, q, item.qRow, zero, g, s.d);
    // S of block kv into its slot (kv mod 2), then hand it over.
    auto scores = [&](Value kv) {
      MatmulEmitter product(
          b, loc, qk, query, cacheBlock(kCache, item, kv, s.d),
          block2D(b, loc, wsS, slotRow(kv, zero), zero, g, s.blockSize));
      product.allocate(s.element);
      product.emitTile(zero, zero, zero, g, s.blockSize);
      b.create<aicore::CrossCoreSetFlagOp>(loc, aicore::Pipe::fix, kFlagS);
    };
    // Wait for P of block kv, PV = P V into the PV slot, hand it over.
    auto values = [&](Value kv) {
      b.create<aicore::CrossCoreWaitFlagOp>(loc, aicore::Pipe::mte2, kFlagP);
      MatmulEmitter product(
          b, loc, pv,
          block2D(b, loc, wsP, slotRow(kv, zero), zero, g, s.blockSize),
          cacheBlock(vCache, item, kv, s.dv),
          block2D(b, loc, wsPV, slotRow(kv, zero), zero, g, s.dv));
      product.allocate(s.element);
      product.emitTile(zero, zero, zero, g, s.dv);
      b.create<aicore::CrossCoreSetFlagOp>(loc, aicore::Pipe::fix, kFlagPV);
    };
    // One block ahead, the last one peeled, as FlashAttention's tiles.
    scores(zero);
    {
      auto loop = b.create<scf::ForOp>(loc, zero, item.lastBlock, one);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value kv = loop.getInductionVar();
      scores(add(b, loc, kv, one));
      values(kv);
    }
    values(item.lastBlock);
  });
}

void Emitter::emitVector() {
  Type f32 = b.getF32Type();
  int64_t rows = s.rows(), keys = s.blockSize;
  Value zero = constantIndex(b, loc, 0);
  Value one = constantIndex(b, loc, 1);
  Value sub = b.create<aicore::SubBlockIdxOp>(loc, b.getIndexType());
  Value myRows = s.activeCores() == 2 ? mul(b, loc, sub, rows) : zero;
  auto scalar = [&](float x) {
    return b.create<arith::ConstantOp>(loc, f32, b.getF32FloatAttr(x));
  };
  float inf = std::numeric_limits<float>::infinity();
  // Work on this core's rows; with one active core the other one skips it
  // but still waits and sets every flag, which the cube counts from both.
  auto onMyRows = [&](function_ref<void()> work) {
    if (s.activeCores() == 2)
      return work();
    Value first = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, sub,
                                          zero);
    auto branch = b.create<scf::IfOp>(loc, first, /*withElse=*/false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&branch.getThenRegion().front());
    work();
  };
  // [0 x block_size, -inf x block_size]: the block_size columns from
  // block_size - valid are the last block's mask (-inf from key `valid`).
  Value maskRow = allocUB(b, loc, {1, 2 * keys}, f32);
  b.create<vec::FillOp>(loc, scalar(0.0f), columns(b, loc, maskRow, 0, keys));
  b.create<vec::FillOp>(loc, scalar(-inf),
                        columns(b, loc, maskRow, keys, keys));
  // Running state of the item's rows in f32, and the rescale factor of the
  // block whose P V is still on the cube.
  Value m = allocUB(b, loc, {rows, 1}, f32);
  Value l = allocUB(b, loc, {rows, 1}, f32);
  Value o = allocUB(b, loc, {rows, s.dv}, f32);
  Value pending = allocUB(b, loc, {rows, 1}, f32);
  forEachItem([&](const Item &item) {
    onMyRows([&] {
      b.create<vec::FillOp>(loc, scalar(-inf), m);
      b.create<vec::FillOp>(loc, scalar(0.0f), l);
      b.create<vec::FillOp>(loc, scalar(0.0f), o);
    });
    // The online softmax of block kv into `alpha`; P_kv to its slot.
    auto softmax = [&](Value kv, Value alpha) {
      b.create<aicore::CrossCoreWaitFlagOp>(loc, aicore::Pipe::mte2, kFlagS);
      onMyRows([&] {
        Value raw = loadF32(
            b, loc, block2D(b, loc, wsS, slotRow(kv, myRows), zero, rows, keys));
        Value x = allocUB(b, loc, {rows, keys}, f32);
        b.create<vec::MulsOp>(loc, raw,
                              scalar(op.getScale().convertToFloat()), x);
        {
          Value isLast = b.create<arith::CmpIOp>(
              loc, arith::CmpIPredicate::eq, kv, item.lastBlock);
          auto branch = b.create<scf::IfOp>(loc, isLast, false);
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPointToStart(&branch.getThenRegion().front());
          Value from = b.create<arith::SubIOp>(
              loc, constantIndex(b, loc, keys), item.validKeys);
          Value mask = broadcastRows(
              b, loc, block2D(b, loc, maskRow, zero, from, 1, keys), rows);
          b.create<vec::AddOp>(loc, x, mask, raw);
          b.create<vec::CopyOp>(loc, raw, x);
        }
        Value rowMax = allocUB(b, loc, {rows, 1}, f32);
        Value mNew = allocUB(b, loc, {rows, 1}, f32);
        Value diff = allocUB(b, loc, {rows, 1}, f32);
        b.create<vec::ReduceRowsOp>(loc, vec::ReductionKind::max, x, rowMax);
        b.create<vec::MaxOp>(loc, m, rowMax, mNew);
        b.create<vec::SubOp>(loc, m, mNew, diff);
        b.create<vec::ExpOp>(loc, diff, alpha);
        b.create<vec::CopyOp>(loc, mNew, m);
        Value wideMax = allocUB(b, loc, {rows, keys}, f32);
        Value shifted = allocUB(b, loc, {rows, keys}, f32);
        Value p = allocUB(b, loc, {rows, keys}, f32);
        b.create<vec::BroadcastOp>(loc, mNew, wideMax);
        b.create<vec::SubOp>(loc, x, wideMax, shifted);
        b.create<vec::ExpOp>(loc, shifted, p);
        Value rowSum = allocUB(b, loc, {rows, 1}, f32);
        Value kept = allocUB(b, loc, {rows, 1}, f32);
        b.create<vec::ReduceRowsOp>(loc, vec::ReductionKind::sum, p, rowSum);
        b.create<vec::MulOp>(loc, l, alpha, kept);
        b.create<vec::AddOp>(loc, kept, rowSum, l);
        storeRounded(b, loc, p,
                     block2D(b, loc, wsP, slotRow(kv, myRows), zero, rows,
                             keys));
      });
      b.create<aicore::CrossCoreSetFlagOp>(loc, aicore::Pipe::mte3, kFlagP);
    };
    // O = O * alpha_kv + P_kv V_kv once the cube hands it over.
    auto rescale = [&](Value kv, Value alpha) {
      b.create<aicore::CrossCoreWaitFlagOp>(loc, aicore::Pipe::mte2, kFlagPV);
      onMyRows([&] {
        Value partial = loadF32(b, loc,
                                block2D(b, loc, wsPV, slotRow(kv, myRows),
                                        zero, rows, s.dv));
        Value alphaWide = allocUB(b, loc, {rows, s.dv}, f32);
        Value kept = allocUB(b, loc, {rows, s.dv}, f32);
        b.create<vec::BroadcastOp>(loc, alpha, alphaWide);
        b.create<vec::MulOp>(loc, o, alphaWide, kept);
        b.create<vec::AddOp>(loc, kept, partial, o);
      });
    };
    // Block 0 ahead; block j runs the softmax of block j + 1 while the cube
    // computes P_j V_j, then rescales O with block j's alpha.
    softmax(zero, pending);
    {
      auto loop = b.create<scf::ForOp>(loc, zero, item.lastBlock, one);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value kv = loop.getInductionVar();
      Value alpha = allocUB(b, loc, {rows, 1}, f32);
      softmax(add(b, loc, kv, one), alpha);
      rescale(kv, pending);
      onMyRows([&] { b.create<vec::CopyOp>(loc, alpha, pending); });
    }
    rescale(item.lastBlock, pending);
    onMyRows([&] {
      Value lWide = allocUB(b, loc, {rows, s.dv}, f32);
      Value result = allocUB(b, loc, {rows, s.dv}, f32);
      b.create<vec::BroadcastOp>(loc, l, lWide);
      b.create<vec::DivOp>(loc, o, lWide, result);
      storeRounded(b, loc, result,
                   block2D(b, loc, out, add(b, loc, item.qRow, myRows), zero,
                           rows, s.dv));
    });
  });
}

struct PagedAttentionPattern : OpRewritePattern<ascend::PagedAttentionOp> {
  PagedAttentionPattern(MLIRContext *ctx, const AscendTilingOptions &options)
      : OpRewritePattern(ctx), options(options) {}

  LogicalResult matchAndRewrite(ascend::PagedAttentionOp op,
                                PatternRewriter &rewriter) const override {
    return rewriteAsSplitKernel<Emitter>(op, rewriter, blocker(op),
                                         pagedAttentionWorkspaces(op, options),
                                         blocksFor(op, options));
  }

  AscendTilingOptions options;
};

} // namespace

SmallVector<MemRefType> mlir::ascend::lowering::pagedAttentionWorkspaces(
    Operation *op, const AscendTilingOptions &options) {
  auto pa = dyn_cast<ascend::PagedAttentionOp>(op);
  if (!pa || !blocker(pa).empty())
    return {};
  Shape s = shapeOf(pa);
  int64_t rows = blocksFor(pa, options) * s.group();
  // Per block two slots of G rows each (block j in slot j mod 2): S and the
  // PV partial in f32, P in the input type, as for flash_attention.
  Type f32 = Float32Type::get(op->getContext());
  return {tileType({2 * rows, s.blockSize}, f32, AddressSpace::gm),
          tileType({2 * rows, s.dv}, f32, AddressSpace::gm),
          tileType({2 * rows, s.blockSize}, s.element, AddressSpace::gm)};
}

void mlir::ascend::lowering::populatePagedAttentionPatterns(
    RewritePatternSet &patterns, const AscendTilingOptions &options) {
  patterns.add<PagedAttentionPattern>(patterns.getContext(), options);
}

std::string
mlir::ascend::lowering::explainPagedAttention(Operation *op,
                                              const AscendTilingOptions &) {
  auto pa = dyn_cast<ascend::PagedAttentionOp>(op);
  return pa ? blocker(pa) : "";
}
