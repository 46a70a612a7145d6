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
// goes over the sequence's blocks in chunks of C blocks (Shape::chunkBlocks,
// up to 512 keys), so that S, P and P V cross GM once per chunk:
//
//   cube:   Q -> L1 once per item.
//           S_0: the chunk's K blocks -> one L1 tile, Q K_i^T per block into
//           its columns of one L0C tile, one fixpipe -> S slot 0       set S
//           per chunk j: S_{j+1} -> its slot (if any)                  set S
//             V blocks -> L1; wait P; P -> L1 once; P V accumulated over
//             the blocks in L0C -> its PV slot                        set PV
//   vector: softmax of chunk 0; per chunk j: softmax of chunk j+1 (if
//           any), then wait PV; O = O * alpha_j + PV_j. The last chunk's
//           keys t >= L are masked with -inf before the row max.
//
// with the hand-over contract of FlashAttention.cpp (two slots of each
// workspace per block, chunk j in slot j mod 2, the last chunk peeled so
// that every flag is a direct child of a loop body). A last chunk may have
// fewer than C blocks: those are not loaded, and their products read the
// chunk's first K block again so that the masked scores are finite. G rows
// are not whole cube fractals (8 for LLaMA-3-70B, 1 for MHA): the products
// pad them as matmul pads an M tail. The vector cores split the rows when G
// is even; for odd G vector core 1 only keeps the flag protocol (the cube
// waits for both).
//
// The last block's rows past L are read (a partial block is computed whole)
// and their scores masked; P is exactly 0 there, so they must hold finite
// values: 0 * NaN would reach the result.
//
//===----------------------------------------------------------------------===//

#include "MatmulEmitter.h"
#include "OnlineSoftmax.h"
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
/// Keys per step of the KV walk: whole cache blocks, up to this many keys
/// and this many scores per vector core. Every GM transfer pays a start-up
/// worth ~30 KB (docs/CycleModel.md), so one S fixpipe, P store and P load
/// per 512 keys instead of per cache block is what makes decode stream the
/// cache at HBM speed.
constexpr int64_t kChunkKeys = 512, kChunkScores = 4096;
/// L1 bytes a chunk's K (or V, which takes the same place in turn) may
/// fill: half of 910B's 512 KB, the rest for Q, P and the planner.
constexpr int64_t kL1Budget = 256 * 1024;

struct Shape {
  int64_t b, nq, nkv, d, dv, blockSize;
  int64_t tableWidth; ///< most cache blocks a sequence can have
  Type element;
  int64_t slots; ///< the target's blocks that run at once

  int64_t group() const { return nq / nkv; }
  /// KV heads per work item: two when there is an even number of them, one
  /// per item would take more than one round of the target's blocks, and a
  /// pair fits (UB rows, L1); else one. A cache block's K (or V) of both
  /// heads is then one GM transfer of twice the bytes: every transfer pays
  /// a start-up worth ~30 KB (docs/CycleModel.md), and with head dims of
  /// 128 or more a pair's columns start on a 512-byte boundary where an odd
  /// head's do not. With one round or less, halving the items would idle
  /// blocks instead (the target's blocks decide, not a block-dim option).
  int64_t heads() const {
    int64_t pairRows = group(); // per vector core: one head each
    int64_t l1Bytes = 2 * chunkBlocksFor(pairRows) * blockSize *
                      std::max(d, dv) * element.getIntOrFloatBitWidth() / 8;
    bool fits = pairRows <= kVectorRows &&
                pairRows * blockSize <= kVectorTile && l1Bytes <= kL1Budget;
    return nkv % 2 == 0 && b * nkv > slots && fits ? 2 : 1;
  }
  /// Query rows of a work item: the G heads of each of its KV heads.
  int64_t itemRows() const { return heads() * group(); }
  /// Vector cores that take rows, and the rows each takes.
  int64_t activeCores() const { return itemRows() % 2 ? 1 : 2; }
  int64_t rows() const { return itemRows() / activeCores(); }
  int64_t items() const { return b * nkv / heads(); }
  /// Cache blocks per step of the KV walk (a chunk), and its keys.
  int64_t chunkBlocks() const { return chunkBlocksFor(rows()); }
  int64_t chunkKeys() const { return chunkBlocks() * blockSize; }

private:
  /// A chunk for `rowsPerCore` rows on each vector core. Each block's
  /// scores go to its columns of one L0C tile, which must start on L0C's
  /// 512-byte alignment: blocks of 128 keys (f32) or multiples. A chunk
  /// wider than the block table would only move masked scores.
  int64_t chunkBlocksFor(int64_t rowsPerCore) const {
    if (blockSize * 4 % 512)
      return 1;
    return std::max<int64_t>(
        1, std::min({kChunkKeys / blockSize,
                     kChunkScores / (rowsPerCore * blockSize), tableWidth}));
  }
};

Shape shapeOf(ascend::PagedAttentionOp op) {
  ArrayRef<int64_t> q = op.getQuery().getType().getShape();
  ArrayRef<int64_t> k = op.getKeyCache().getType().getShape();
  ArrayRef<int64_t> v = op.getValueCache().getType().getShape();
  int64_t tableWidth = op.getBlockTables().getType().getShape()[1];
  return {q[0], q[1], k[2], q[2], v[3], k[1], tableWidth,
          op.getQuery().getType().getElementType(),
          aicore::getTargetInfo(op).numBlocks};
}

std::string blocker(ascend::PagedAttentionOp op) {
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  if (!target.split)
    return ("paged_attention is lowered for split targets (cube results "
            "reach the vector cores through GM); " +
            target.name + " is not one")
        .str();
  if (std::string why = shapeBlocker(op); !why.empty())
    return why;
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
  Shape s = shapeOf(op);
  return std::max<int64_t>(1, std::min(s.items(), s.slots));
}

/// What both regions know of a work item.
struct Item {
  Value batch, head; ///< sequence b and its KV heads' index (of heads())
  Value qRow;        ///< first of its itemRows() rows in [B * Nq, *]
  Value lastChunk;   ///< the last chunk: (ceil(L / block_size) - 1) / C
  Value lastBlocks;  ///< cache blocks in the last chunk, in [1, C]
  Value validKeys;   ///< keys of the last chunk below L, in [1, C x bs]
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
  /// First row of the block's slot for chunk `kv` in any workspace (two
  /// slots of G rows per block, chunk kv in slot kv mod 2), plus `offset`.
  Value slotRow(Value kv, Value offset) {
    Value parity = b.create<arith::RemUIOp>(loc, kv, constantIndex(b, loc, 2));
    Value slot = add(b, loc, mul(b, loc, block, 2), parity);
    return add(b, loc, mul(b, loc, slot, s.itemRows()), offset);
  }
  /// The [block_size, dim] block of the item's KV heads (dim: their head
  /// dims together) in cache block `j` of the item's sequence.
  Value cacheBlock(Value cache, const Item &item, Value j, int64_t dim) {
    Value id = loadIndex(tables, {item.batch, j});
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
  int64_t perSequence = s.nkv / s.heads();
  item.batch =
      b.create<arith::DivUIOp>(loc, t, constantIndex(b, loc, perSequence));
  item.head =
      b.create<arith::RemUIOp>(loc, t, constantIndex(b, loc, perSequence));
  // Query head h of sequence b is row b * Nq + h, and the G heads of KV
  // head g start at h = g * G: the item's rows start at row t * itemRows.
  item.qRow = mul(b, loc, t, s.itemRows());
  Value length = loadIndex(lens, {item.batch});
  Value one = constantIndex(b, loc, 1);
  Value lastBlock = b.create<arith::DivUIOp>(
      loc, b.create<arith::SubIOp>(loc, length, one),
      constantIndex(b, loc, s.blockSize));
  item.lastChunk = b.create<arith::DivUIOp>(
      loc, lastBlock, constantIndex(b, loc, s.chunkBlocks()));
  item.lastBlocks = add(
      b, loc,
      b.create<arith::SubIOp>(loc, lastBlock,
                              mul(b, loc, item.lastChunk, s.chunkBlocks())),
      one);
  item.validKeys = b.create<arith::SubIOp>(
      loc, length, mul(b, loc, item.lastChunk, s.chunkKeys()));
  body(item);
}

void Emitter::emitCube() {
  Value zero = constantIndex(b, loc, 0);
  Value one = constantIndex(b, loc, 1);
  int64_t g = s.group(), bs = s.blockSize, c = s.chunkBlocks();
  int64_t w = s.chunkKeys(), heads = s.heads();
  using Operand = MatmulEmitter::Operand;
  // One head's S and P V of a cache block, and of a chunk (for its
  // tiles); the K and V of a cache block for the item's heads (one GM
  // transfer each), and a chunk's.
  MatmulPlan qk = planOneTile(op, s.element, /*tb=*/true, g, bs, s.d);
  MatmulPlan qkChunk = planOneTile(op, s.element, /*tb=*/true, g, w, s.d);
  MatmulPlan pv = planOneTile(op, s.element, /*tb=*/false, g, s.dv, bs);
  MatmulPlan pvChunk = planOneTile(op, s.element, /*tb=*/false, g, s.dv, w);
  MatmulPlan kBlock =
      planOneTile(op, s.element, /*tb=*/true, g, bs, heads * s.d);
  MatmulPlan kChunk =
      planOneTile(op, s.element, /*tb=*/true, g, w, heads * s.d);
  MatmulPlan vBlock =
      planOneTile(op, s.element, /*tb=*/false, g, heads * s.dv, bs);
  MatmulPlan vChunk =
      planOneTile(op, s.element, /*tb=*/false, g, heads * s.dv, w);
  auto loader = [&](const MatmulPlan &plan, Value a, Value bOperand) {
    return MatmulEmitter(b, loc, plan, a, bOperand, Value());
  };
  // Each head's Q stays in L1; S and P V have L0C tiles of their own.
  SmallVector<Value, 2> qL1, sL0C, pvL0C;
  for (int64_t h = 0; h < heads; ++h) {
    qL1.push_back(loader(qk, q, Value()).allocOperand(Operand::A, g));
    sL0C.push_back(loader(qkChunk, Value(), Value()).allocAccumulator());
    pvL0C.push_back(loader(pv, Value(), Value()).allocAccumulator());
  }
  int64_t gPadded = cast<MemRefType>(qL1[0].getType()).getShape()[0];
  forEachItem([&](const Item &item) {
    for (int64_t h = 0; h < heads; ++h)
      loader(qk,
             block2D(b, loc, q,
                     add(b, loc, item.qRow, constantIndex(b, loc, h * g)), zero,
                     g, s.d),
             Value())
          .loadOperand(Operand::A, qL1[h], zero, g);
    // The cache blocks chunk kv has: C, or lastBlocks in the last one.
    auto blocksOf = [&](Value kv) {
      Value isLast = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq,
                                             kv, item.lastChunk);
      return b.create<arith::SelectOp>(loc, isLast, item.lastBlocks,
                                       constantIndex(b, loc, c));
    };
    // emit() for block i of a chunk of `blocks`: always for the first, under
    // an scf.if for the others (the last chunk may lack them).
    auto ifExists = [&](Value blocks, int64_t i, function_ref<void()> emit) {
      if (i == 0)
        return emit();
      auto branch = b.create<scf::IfOp>(
          loc,
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult,
                                  constantIndex(b, loc, i), blocks),
          /*withElseRegion=*/false);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&branch.getThenRegion().front());
      emit();
    };
    auto blockIndex = [&](Value kv, int64_t i) {
      return add(b, loc, mul(b, loc, kv, c), constantIndex(b, loc, i));
    };
    auto at = [&](int64_t i) { return constantIndex(b, loc, i); };
    // The rows x cols of an L1 tile at (row, col).
    auto part = [&](Value tile, Value row, int64_t col, int64_t rows,
                    int64_t cols) {
      return block2D(b, loc, tile, row, at(col), rows, cols);
    };
    // Rows `row` of the item's slot for chunk kv in a workspace: head h's.
    auto headRows = [&](Value kv, int64_t h) { return slotRow(kv, at(h * g)); };
    // S of chunk kv: the K blocks it has into one L1 tile, one product per
    // block and head into its columns of the head's S L0C, one fixpipe per
    // head of the chunk into its slot (kv mod 2), then hand it over. A
    // block past the sequence multiplies the chunk's first K block again:
    // its scores are masked by the vector cores but must be finite.
    auto scores = [&](Value kv) {
      Value blocks = blocksOf(kv);
      Value kL1 = loader(kChunk, Value(), kCache).allocOperand(Operand::B, w);
      for (int64_t i = 0; i < c; ++i)
        ifExists(blocks, i, [&] {
          loader(kBlock, Value(),
                 cacheBlock(kCache, item, blockIndex(kv, i), heads * s.d))
              .loadOperand(Operand::B,
                           part(kL1, at(i * bs), 0, bs, heads * s.d), zero, bs);
        });
      for (int64_t i = 0; i < c; ++i) {
        Value exists = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult,
                                               at(i), blocks);
        Value row = b.create<arith::SelectOp>(loc, exists, at(i * bs), zero);
        for (int64_t h = 0; h < heads; ++h) {
          MatmulEmitter product = loader(qk, Value(), Value());
          product.allocate(s.element, columns(b, loc, sL0C[h], i * bs, bs));
          product.useLoaded(qL1[h], part(kL1, row, h * s.d, bs, s.d));
          product.emitProduct(zero, zero, zero, g, bs);
        }
      }
      for (int64_t h = 0; h < heads; ++h) {
        MatmulEmitter chunk(b, loc, qkChunk, Value(), Value(),
                            block2D(b, loc, wsS, headRows(kv, h), zero, g, w));
        chunk.allocate(s.element, sL0C[h]);
        chunk.writeBack(zero, zero, g, w);
      }
      b.create<aicore::CrossCoreSetFlagOp>(loc, aicore::Pipe::fix, kFlagS);
    };
    // The V blocks of chunk kv into one L1 tile (before the wait: they do
    // not depend on P); wait for P, load each head's once; P V accumulated
    // over the blocks the chunk has into the PV slot, hand it over.
    auto values = [&](Value kv) {
      Value blocks = blocksOf(kv);
      Value vL1 = loader(vChunk, Value(), vCache)
                      .allocOperand(Operand::B, heads * s.dv);
      for (int64_t i = 0; i < c; ++i)
        ifExists(blocks, i, [&] {
          loader(vBlock, Value(),
                 cacheBlock(vCache, item, blockIndex(kv, i), heads * s.dv))
              .loadOperand(Operand::B,
                           part(vL1, at(i * bs), 0, bs, heads * s.dv), zero,
                           heads * s.dv);
        });
      b.create<aicore::CrossCoreWaitFlagOp>(loc, aicore::Pipe::mte2, kFlagP);
      for (int64_t h = 0; h < heads; ++h) {
        MatmulEmitter pLoader =
            loader(pvChunk, block2D(b, loc, wsP, headRows(kv, h), zero, g, w),
                   Value());
        Value pL1 = pLoader.allocOperand(Operand::A, g);
        pLoader.loadOperand(Operand::A, pL1, zero, g);
        for (int64_t i = 0; i < c; ++i)
          ifExists(blocks, i, [&] {
            MatmulEmitter product = loader(pv, Value(), Value());
            product.allocate(s.element, pvL0C[h]);
            product.useLoaded(part(pL1, zero, i * bs, gPadded, bs),
                              part(vL1, at(i * bs), h * s.dv, bs, s.dv));
            product.emitProduct(zero, zero, zero, g, s.dv,
                                /*accumulate=*/i > 0);
          });
        MatmulEmitter chunk(
            b, loc, pv, Value(), Value(),
            block2D(b, loc, wsPV, headRows(kv, h), zero, g, s.dv));
        chunk.allocate(s.element, pvL0C[h]);
        chunk.writeBack(zero, zero, g, s.dv);
      }
      b.create<aicore::CrossCoreSetFlagOp>(loc, aicore::Pipe::fix, kFlagPV);
    };
    // One chunk ahead, the last one peeled, as FlashAttention's tiles.
    scores(zero);
    {
      auto loop = b.create<scf::ForOp>(loc, zero, item.lastChunk, one);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value kv = loop.getInductionVar();
      scores(add(b, loc, kv, one));
      values(kv);
    }
    values(item.lastChunk);
  });
}

void Emitter::emitVector() {
  Type f32 = b.getF32Type();
  int64_t rows = s.rows(), keys = s.chunkKeys();
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
  // The last chunk's mask, 0 on its first `valid` keys and -inf after,
  // from one table built once: row r is -inf with 0 on columns [0, w - r)
  // (w keys per chunk), and with from = w - valid the mask is the w columns
  // of row from mod 8 from column from - from mod 8. That view starts on a
  // 32-byte boundary whatever `valid` is, as UB accesses must.
  constexpr int64_t kPerBlock = 8; // f32 elements in 32 bytes
  Value maskTable = allocUB(b, loc, {kPerBlock, 2 * keys}, f32);
  b.create<vec::FillOp>(loc, scalar(-inf), maskTable);
  for (int64_t r = 0; r < kPerBlock; ++r)
    b.create<vec::FillOp>(loc, scalar(0.0f),
                          block2D(b, loc, maskTable, constantIndex(b, loc, r),
                                  zero, 1, keys - r));
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
              loc, arith::CmpIPredicate::eq, kv, item.lastChunk);
          auto branch = b.create<scf::IfOp>(loc, isLast, false);
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPointToStart(&branch.getThenRegion().front());
          Value from = b.create<arith::SubIOp>(
              loc, constantIndex(b, loc, keys), item.validKeys);
          Value rem = b.create<arith::RemUIOp>(
              loc, from, constantIndex(b, loc, kPerBlock));
          Value mask = broadcastRows(
              b, loc,
              block2D(b, loc, maskTable, rem,
                      b.create<arith::SubIOp>(loc, from, rem), 1, keys),
              rows);
          b.create<vec::AddOp>(loc, x, mask, x);
        }
        storeRounded(b, loc, onlineSoftmaxStep(b, loc, x, m, l, alpha),
                     block2D(b, loc, wsP, slotRow(kv, myRows), zero, rows,
                             keys));
      });
      b.create<aicore::CrossCoreSetFlagOp>(loc, aicore::Pipe::mte3, kFlagP);
    };
    // O = O * alpha_kv + P_kv V_kv once the cube hands it over.
    auto rescale = [&](Value kv, Value alpha) {
      b.create<aicore::CrossCoreWaitFlagOp>(loc, aicore::Pipe::mte2, kFlagPV);
      onMyRows([&] {
        rescaleAccumulator(b, loc, o, alpha,
                           loadF32(b, loc,
                                   block2D(b, loc, wsPV, slotRow(kv, myRows),
                                           zero, rows, s.dv)));
      });
    };
    // Block 0 ahead; block j runs the softmax of block j + 1 while the cube
    // computes P_j V_j, then rescales O with block j's alpha.
    softmax(zero, pending);
    {
      auto loop = b.create<scf::ForOp>(loc, zero, item.lastChunk, one);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value kv = loop.getInductionVar();
      Value alpha = allocUB(b, loc, {rows, 1}, f32);
      softmax(add(b, loc, kv, one), alpha);
      rescale(kv, pending);
      onMyRows([&] { b.create<vec::CopyOp>(loc, alpha, pending); });
    }
    rescale(item.lastChunk, pending);
    onMyRows([&] {
      storeRounded(b, loc, normalizeRows(b, loc, o, l),
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
  int64_t rows = blocksFor(pa, options) * s.itemRows();
  // Per block two slots of the item's rows each (chunk j in slot j mod 2): S
  // and the PV partial in f32, P in the input type, as for flash_attention.
  Type f32 = Float32Type::get(op->getContext());
  return {tileType({2 * rows, s.chunkKeys()}, f32, AddressSpace::gm),
          tileType({2 * rows, s.dv}, f32, AddressSpace::gm),
          tileType({2 * rows, s.chunkKeys()}, s.element, AddressSpace::gm)};
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
