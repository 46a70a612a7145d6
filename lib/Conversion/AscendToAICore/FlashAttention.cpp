//===- FlashAttention.cpp - flash_attention as one split kernel -----------===//
//
// FlashAttention-2 on a split block. Work items are (batch, query head,
// query tile of 64 rows), spread over blocks (forEachItem); for each item
// both regions walk the same KV tiles of 256 keys (128 with an explicit
// mask and causal or Dv > 192: Shape::keyTile), the cube `a` tiles
// ahead (a = 2, or 1 when there is one KV tile; cubeLookahead):
//
//   cube:   S_0 .. S_{a-1} = Q K_t^T (f32, L0C) -> fixpipe to S slots  set S
//           per tile j: S_{j+a} -> its S slot (if any)                 set S
//             wait P; PV = P_j V_j (f32) -> its PV slot              set PV
//   vector: softmax of tile 0; per tile j: softmax of tile j+1 (if any),
//           then wait PV; O = O * alpha_j + PV_j. The softmax of tile i:
//           wait S; s = scale * S_i (+ causal -inf on the diagonal tile);
//           m_new = max(m, rowmax s); alpha_i = exp(m - m_new);
//           p = exp(s - m_new); l = l * alpha_i + rowsum p;
//           p rounded to the input type -> its P slot                set P
//   and at the end O / l, rounded once, is stored.
//
// The cube loads the item's Q tile into L1 once for its whole KV walk, and
// V_j before waiting for P_j (V does not depend on it); S and P V have L0C
// tiles of their own. The vector cores' row max and row sum combine column
// halves element-wise before one narrow row reduction (reduceRows).
//
// So the regions overlap: the cube computes S_{j+a} while the vector cores
// run the softmax of tile j, and the vector cores run the softmax of tile
// j+1 while the cube computes P_j V_j. The arithmetic and its order per
// tile are unchanged. Each vector core takes half of the tile's rows. The
// slots live in GM workspaces the host passes after the operands
// (flashAttentionWorkspaces, one buffer per kind): per block three S slots
// (tile j in slot j mod 3) and two of PV and P (slot j mod 2). The flags
// in the loops order each write before the other region's read
// (ascend-insert-sync takes such in-loop pairs as ordering the tiles; the
// last tiles are peeled rather than guarded so that every flag stays a
// direct child of a loop body), and reuse is ordered by the chain itself:
// the cube writes S_{j+3} only after waiting for P_j (a <= 2), which the
// vector cores set after reading S_j; the vector cores write P_{j+2} only
// after waiting for PV_j, which the cube sets after its product read P_j;
// the cube writes PV_{j+2} only after waiting for P_{j+2}, which the
// vector cores set after reading PV_j.
//
// Any Sq and Skv: the last query tile has Sq mod 64 rows and the last KV
// tile Skv mod (key tile) keys (when not whole). The cube reads only what
// exists, products padded as matmul pads its edge tiles (K rows of V
// zero-filled, so P V picks up nothing from them), and writes only the valid
// corner of each slot. The vector cores always compute their 32 rows x key tile
// (a tail costs what the padded tile costs): the missing keys get -inf scores
// before the row max, so P is exactly 0 there, and rows past Sq are
// computed on zeros (loadSlot fills what the slot does not hold) but never
// stored.
//
// An explicit mask (NumPy-broadcast to [B, Nq, Sq, Skv]) is loaded per tile
// for the vector core's rows and the tile's keys, a broadcast dim read once
// (index 0) and replicated on chip, and added to the scaled scores in f32.
// The running max starts at -FLT_MAX rather than -inf, so a row whose first
// tiles are wholly masked (a left-padding mask) keeps alpha = exp(finite)
// instead of exp(-inf - -inf) = NaN; it changes no other result.
//
// Causal tiles wholly above the diagonal are skipped. Key j is visible to
// query i iff j <= i + Skv - Sq; with u = t + (Skv - Sq) / 64 and d =
// (Skv - Sq) mod 64, row r of query tile t sees keys up to 64 u + d + r.
// In 64-key parts (n of them per KV tile), the diagonal enters part u of
// the keys: part u mod n of KV tile u / n. Keys before that part are all
// visible; the part and, when d > 0, the next one form a band where row r sees
// band column c <= r + d (one constant 64 x 128 triangle, 64 x 64 when d = 0,
// built once per kernel); keys past the band are -inf. A band starting in the
// last part of a tile runs on into the next KV tile, the last one the
// item visits.
//
//===----------------------------------------------------------------------===//

#include "MatmulEmitter.h"
#include "OnlineSoftmax.h"
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

/// Query rows per tile: enough work items to fill the blocks.
constexpr int64_t kQueryTile = 64;
/// Keys per KV tile (Shape::keyTile), a whole number of query tiles so that
/// the causal diagonal enters a KV tile at one of keyTile / 64 column
/// offsets. Every GM transfer pays a start-up worth ~30 KB
/// (docs/CycleModel.md), so wide KV tiles make each key cheaper in the S
/// and PV fixpipes and the K, V and P loads; each vector core's 32 x 256
/// f32 score tile takes 32 KB of UB, and with an explicit mask (its own
/// tiles) together with causal or a wide Dv the softmax's tiles no longer
/// fit UB at that width.
constexpr int64_t kWideKeyTile = 256, kNarrowKeyTile = 128;
/// Rows of a query tile each vector core takes.
constexpr int64_t kHalf = kQueryTile / 2;
constexpr float kMinusInf = -std::numeric_limits<float>::infinity();
/// S slots per block: the cube runs up to two tiles ahead of the vector
/// cores' reads (cubeLookahead).
constexpr int64_t kScoreSlots = 3;
/// Cross-core flags in the tile loops: cube -> vector for S and PV,
/// vector -> cube for P (the directions count separately).
constexpr int64_t kFlagS = 0, kFlagP = 1, kFlagPV = 2;

struct Shape {
  int64_t b, nq, nkv, sq, skv, d, dv;
  Type element;
  bool causal;
  /// The mask's shape with leading 1s up to [B, Nq, Sq, Skv]; empty if none.
  SmallVector<int64_t, 4> mask;

  int64_t keyTile() const {
    bool wide = mask.empty() || (!causal && dv <= 192);
    return wide ? kWideKeyTile : kNarrowKeyTile;
  }
  /// The 64-key parts of a KV tile.
  int64_t parts() const { return keyTile() / kQueryTile; }

  int64_t qTiles() const { return ceilDiv(sq, kQueryTile); }
  int64_t kvTiles() const { return ceilDiv(skv, keyTile()); }
  /// Rows of the last query tile and keys of the last KV tile.
  int64_t lastRows() const { return sq - (qTiles() - 1) * kQueryTile; }
  int64_t lastKeys() const { return skv - (kvTiles() - 1) * keyTile(); }
  int64_t items() const { return b * nq * qTiles(); }
  /// The causal diagonal of query tile t starts at key 64 t + Skv - Sq:
  /// (Skv - Sq) / 64 query tiles right of the query tile, shifted by
  /// `shift` keys.
  int64_t skip() const { return (skv - sq) / kQueryTile; }
  int64_t shift() const { return (skv - sq) % kQueryTile; }
};

Shape shapeOf(ascend::FlashAttentionOp op) {
  ArrayRef<int64_t> q = op.getQuery().getType().getShape();
  ArrayRef<int64_t> k = op.getKey().getType().getShape();
  ArrayRef<int64_t> v = op.getValue().getType().getShape();
  Shape s{q[0], q[1], k[1], q[2], k[2], q[3], v[3],
          op.getQuery().getType().getElementType(), op.getCausal(), {}};
  if (Value mask = op.getMask()) {
    ArrayRef<int64_t> m = cast<ShapedType>(mask.getType()).getShape();
    s.mask.assign(4 - m.size(), 1);
    s.mask.append(m.begin(), m.end());
  }
  return s;
}

std::string blocker(ascend::FlashAttentionOp op) {
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  if (!target.split)
    return ("flash_attention is lowered for split targets (cube results "
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
    os << "flash_attention head dims must be multiples of 16 up to 256 "
          "(whole cube fractals), got D = "
       << s.d << ", Dv = " << s.dv;
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

/// The top-left rows x cols of a UB tile (the tile itself if that is all).
Value scalar(OpBuilder &b, Location loc, float x) {
  return b.create<arith::ConstantOp>(loc, b.getF32Type(),
                                     b.getF32FloatAttr(x));
}
Value equals(OpBuilder &b, Location loc, Value x, int64_t c) {
  return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, x,
                                 constantIndex(b, loc, c));
}

/// then() under `cond`, otherwise() in the else region.
void ifElse(OpBuilder &b, Location loc, Value cond, function_ref<void()> then,
            function_ref<void()> otherwise) {
  auto branch = b.create<scf::IfOp>(loc, cond, /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&branch.getThenRegion().front());
  then();
  b.setInsertionPointToStart(&branch.getElseRegion().front());
  otherwise();
}

/// What both regions compute of a work item: its rows in the [*, D] views
/// and the KV tiles it visits.
struct Item {
  Value batch, head; ///< its batch index and query head
  Value qStart; ///< its first query row within the head
  Value qRow; ///< first query row in [B * Nq * Sq, D]
  Value kvRow; ///< first key row of its KV head in [B * Nkv * Skv, D]
  Value kvTiles; ///< KV tiles to visit (up to the diagonal when causal)
  Value diagonal; ///< the first KV tile the diagonal crosses (causal only)
  Value part; ///< the 64-key part of that tile it enters (causal only)
};

class Emitter {
public:
  Emitter(OpBuilder &b, Location loc, ascend::FlashAttentionOp op,
          const GMOperands &gm, ArrayRef<Value> workspaces, int64_t blocks)
      : b(b), loc(loc), op(op), s(shapeOf(op)), blocks(blocks) {
    q = asRows(b, loc, gm.inputs[0]);
    k = asRows(b, loc, gm.inputs[1]);
    v = asRows(b, loc, gm.inputs[2]);
    if (!s.mask.empty())
      mask = asRows(b, loc, gm.inputs[3]);
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
  /// How many KV tiles' S the cube computes ahead of its P V.
  int64_t cubeLookahead() const { return s.kvTiles() >= 2 ? 2 : 1; }
  std::pair<Value, Value> causalItem();
  /// First row of the block's slot for KV tile `kv` in a workspace of
  /// `slots` slots per block (tile kv in slot kv mod slots), plus `offset`
  /// rows.
  Value slotRow(Value kv, Value offset, int64_t slots = 2) {
    Value which =
        b.create<arith::RemUIOp>(loc, kv, constantIndex(b, loc, slots));
    Value slot = add(b, loc, mul(b, loc, block, slots), which);
    return add(b, loc, mul(b, loc, slot, kQueryTile), offset);
  }
  /// emit(rows) with the rows the item's query tile has (static code for
  /// a last tile with fewer).
  void forQueryRows(const Item &item, function_ref<void(int64_t)> emit) {
    branchOnLast(b, loc, item.qStart, s.qTiles(), kQueryTile, s.lastRows(),
                 emit);
  }
  /// emit(keys) with the keys KV tile `kv` has.
  void forKeys(Value kv, function_ref<void(int64_t)> emit) {
    branchOnLast(b, loc, mul(b, loc, kv, s.keyTile()), s.kvTiles(),
                 s.keyTile(),
                 s.lastKeys(), emit);
  }
  /// emit(rows) with the rows of the item this vector core holds: kHalf,
  /// fewer or none in a last query tile.
  void forMyRows(const Item &item, function_ref<void(int64_t)> emit);
  Value buildCausalMask();
  int64_t bandWidth() const { return s.shift() ? 2 * kQueryTile : kQueryTile; }
  void maskCausal(const Item &item, Value kv, Value x, Value band);
  Value buildKeyTailMask();
  Value loadSlot(const Item &item, Value ws, Value row, int64_t cols,
                 Value kv);
  Value loadMask(const Item &item, Value kv);

  OpBuilder &b;
  Location loc;
  ascend::FlashAttentionOp op;
  Shape s;
  int64_t blocks;
  Value q, k, v, mask, out, wsS, wsPV, wsP, block;
  Value sub, myRows; ///< the vector core and its first row of a tile
};

/// Opens this block's loop over causal work items and returns the item's
/// (batch x head, query tile). Query tile t visits about t / parts + 1 KV
/// tiles, so the items go longest first (the last query tiles of every
/// head) in snake order: round r hands them to blocks 0, 1, ... when r is
/// even and to blocks ..., 1, 0 when odd, which evens out the blocks'
/// totals (round-robin would give the blocks that take a long item in
/// every round the longest ones of each round).
std::pair<Value, Value> Emitter::causalItem() {
  int64_t items = s.items(), heads = s.b * s.nq;
  int64_t fullRounds = items / blocks, rest = items % blocks;
  Value blocksC = constantIndex(b, loc, blocks);
  Value mirrored = b.create<arith::SubIOp>(
      loc, constantIndex(b, loc, blocks - 1), block);
  // A block takes the partial last round when its place in it is < rest.
  Value lastPlace = fullRounds % 2 ? mirrored : block;
  Value takesRest = b.create<arith::CmpIOp>(
      loc, arith::CmpIPredicate::ult, lastPlace, constantIndex(b, loc, rest));
  Value rounds = b.create<arith::SelectOp>(
      loc, takesRest, constantIndex(b, loc, fullRounds + 1),
      constantIndex(b, loc, fullRounds));
  auto loop = b.create<scf::ForOp>(loc, constantIndex(b, loc, 0), rounds,
                                   constantIndex(b, loc, 1));
  b.setInsertionPointToStart(loop.getBody());
  Value r = loop.getInductionVar();
  Value even = equals(
      b, loc, b.create<arith::RemUIOp>(loc, r, constantIndex(b, loc, 2)), 0);
  Value rank = add(b, loc, b.create<arith::MulIOp>(loc, r, blocksC),
                   b.create<arith::SelectOp>(loc, even, block, mirrored));
  Value headsC = constantIndex(b, loc, heads);
  Value head = b.create<arith::RemUIOp>(loc, rank, headsC);
  Value qTile = b.create<arith::SubIOp>(
      loc, constantIndex(b, loc, s.qTiles() - 1),
      b.create<arith::DivUIOp>(loc, rank, headsC));
  return {head, qTile};
}

void Emitter::forEachItem(function_ref<void(const Item &)> body) {
  block = b.create<aicore::BlockIdxOp>(loc, b.getIndexType());
  OpBuilder::InsertionGuard guard(b);
  int64_t qTiles = s.qTiles();
  Value head, qTile;
  if (!s.causal) {
    // Items of equal cost, round-robin.
    auto loop = b.create<scf::ForOp>(loc, block,
                                     constantIndex(b, loc, s.items()),
                                     constantIndex(b, loc, blocks));
    b.setInsertionPointToStart(loop.getBody());
    Value t = loop.getInductionVar();
    head = b.create<arith::DivUIOp>(loc, t, constantIndex(b, loc, qTiles));
    qTile = b.create<arith::RemUIOp>(loc, t, constantIndex(b, loc, qTiles));
  } else {
    std::tie(head, qTile) = causalItem();
  }
  Item item;
  item.batch = b.create<arith::DivUIOp>(loc, head, constantIndex(b, loc, s.nq));
  item.head = b.create<arith::RemUIOp>(loc, head, constantIndex(b, loc, s.nq));
  // GQA: query head h reads KV head h / (Nq / Nkv).
  Value g = b.create<arith::DivUIOp>(loc, item.head,
                                     constantIndex(b, loc, s.nq / s.nkv));
  item.qStart = mul(b, loc, qTile, kQueryTile);
  item.qRow = add(b, loc, mul(b, loc, head, s.sq), item.qStart);
  item.kvRow =
      mul(b, loc, add(b, loc, mul(b, loc, item.batch, s.nkv), g), s.skv);
  if (s.causal) {
    Value unit = add(b, loc, qTile, constantIndex(b, loc, s.skip()));
    Value parts = constantIndex(b, loc, s.parts());
    item.diagonal = b.create<arith::DivUIOp>(loc, unit, parts);
    item.part = b.create<arith::RemUIOp>(loc, unit, parts);
    // Through the tile holding the last visible key of the tile's last
    // row, 64 qTile + 63 + Skv - Sq; a last query tile with fewer rows
    // stops at the last KV tile.
    Value lastKey = add(b, loc, item.qStart,
                        constantIndex(b, loc, kQueryTile - 1 + s.skv - s.sq));
    item.kvTiles = add(
        b, loc,
        b.create<arith::DivUIOp>(loc, lastKey,
                                 constantIndex(b, loc, s.keyTile())),
        constantIndex(b, loc, 1));
    if (s.sq % kQueryTile)
      item.kvTiles = b.create<arith::MinUIOp>(
          loc, item.kvTiles, constantIndex(b, loc, s.kvTiles()));
    // The cube's two-tile lookahead needs two tiles: an item that sees
    // only its first one also walks the next, wholly masked (maskCausal).
    if (cubeLookahead() == 2)
      item.kvTiles = b.create<arith::MaxUIOp>(loc, item.kvTiles,
                                              constantIndex(b, loc, 2));
  } else {
    item.kvTiles = constantIndex(b, loc, s.kvTiles());
  }
  body(item);
}

void Emitter::emitCube() {
  Value zero = constantIndex(b, loc, 0);
  Value one = constantIndex(b, loc, 1);
  MatmulPlan qk =
      planOneTile(op, s.element, /*tb=*/true, kQueryTile, s.keyTile(), s.d);
  MatmulPlan pv =
      planOneTile(op, s.element, /*tb=*/false, kQueryTile, s.dv, s.keyTile());
  MatmulPlan pvTail = planOneTile(op, s.element, /*tb=*/false, kQueryTile,
                                  s.dv, s.lastKeys());
  // The item's Q tile stays in L1 for its whole KV walk.
  Value qL1 = MatmulEmitter(b, loc, qk, q, Value(), Value())
                  .allocOperand(MatmulEmitter::A, kQueryTile);
  // S and P V accumulate in L0C tiles of their own, live for the whole
  // kernel: sharing bytes (their live ranges alternate) would make the P V
  // product wait for the S fixpipe to drain.
  Value sL0C = MatmulEmitter(b, loc, qk, q, k, Value()).allocAccumulator();
  Value pvL0C = MatmulEmitter(b, loc, pv, Value(), v, Value()).allocAccumulator();
  forEachItem([&](const Item &item) {
    auto kvRowOf = [&](Value kv) {
      return add(b, loc, item.kvRow, mul(b, loc, kv, s.keyTile()));
    };
    forQueryRows(item, [&](int64_t rows) {
      MatmulEmitter(b, loc, qk, block2D(b, loc, q, item.qRow, zero, rows, s.d),
                    Value(), Value())
          .loadOperand(MatmulEmitter::A, qL1, zero, rows);
    });
    // S of tile kv into its slot (kv mod 3), then hand it over. Only the
    // rows and keys that exist are read and written.
    auto scores = [&](Value kv) {
      forQueryRows(item, [&](int64_t rows) {
        forKeys(kv, [&](int64_t keys) {
          // Q is loaded ahead (qL1).
          MatmulEmitter product(
              b, loc, qk, Value(),
              block2D(b, loc, k, kvRowOf(kv), zero, keys, s.d),
              block2D(b, loc, wsS, slotRow(kv, zero, kScoreSlots), zero,
                      kQueryTile, s.keyTile()));
          product.allocate(s.element, sL0C);
          product.useLoaded(qL1, Value());
          product.emitTile(zero, zero, zero, rows, keys);
        });
      });
      b.create<aicore::CrossCoreSetFlagOp>(loc, aicore::Pipe::fix, kFlagS);
    };
    // Wait for P of tile kv, PV = P V into the PV slot, hand it over. V
    // does not wait: it is loaded first.
    auto values = [&](Value kv) {
      Value vL1 = MatmulEmitter(b, loc, pv, Value(), v, Value())
                      .allocOperand(MatmulEmitter::B, s.dv);
      forKeys(kv, [&](int64_t keys) {
        MatmulEmitter(b, loc, keys == s.keyTile() ? pv : pvTail, Value(),
                      block2D(b, loc, v, kvRowOf(kv), zero, keys, s.dv),
                      Value())
            .loadOperand(MatmulEmitter::B, vL1, zero, s.dv);
      });
      b.create<aicore::CrossCoreWaitFlagOp>(loc, aicore::Pipe::mte2, kFlagP);
      forQueryRows(item, [&](int64_t rows) {
        forKeys(kv, [&](int64_t keys) {
          MatmulEmitter product(
              b, loc, keys == s.keyTile() ? pv : pvTail,
              block2D(b, loc, wsP, slotRow(kv, zero), zero, rows, keys),
              /*gmB=*/Value(), // V is loaded ahead (vL1)
              block2D(b, loc, wsPV, slotRow(kv, zero), zero, kQueryTile, s.dv));
          product.allocate(s.element, pvL0C);
          product.useLoaded(Value(), vL1);
          product.emitTile(zero, zero, zero, rows, s.dv);
        });
      });
      b.create<aicore::CrossCoreSetFlagOp>(loc, aicore::Pipe::fix, kFlagPV);
    };
    // S of the first `ahead` tiles first; tile j computes S_{j+ahead}
    // while the vector cores run the softmax of tile j, then P_j V_j. The
    // last tiles are peeled so that every flag stays a direct child of a
    // loop body. Two tiles ahead, the S fixpipe of tile j + 2 and the P V
    // of tile j + 1 fill the time the vector cores take from S_{j+1} to
    // P_{j+1} (S load, softmax, P store), so the fixpipe never idles; it
    // needs every item to have two tiles (forEachItem sees to it).
    int64_t ahead = cubeLookahead();
    Value aheadC = constantIndex(b, loc, ahead);
    for (int64_t t = 0; t < ahead; ++t)
      scores(constantIndex(b, loc, t));
    Value peeled = b.create<arith::SubIOp>(loc, item.kvTiles, aheadC);
    {
      auto loop = b.create<scf::ForOp>(loc, zero, peeled, one);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value kv = loop.getInductionVar();
      scores(add(b, loc, kv, aheadC));
      values(kv);
    }
    for (int64_t t = 0; t < ahead; ++t)
      values(add(b, loc, peeled, constantIndex(b, loc, t)));
  });
}

void Emitter::forMyRows(const Item &item, function_ref<void(int64_t)> emit) {
  forQueryRows(item, [&](int64_t rows) {
    int64_t first = std::min(rows, kHalf);
    int64_t second = std::max<int64_t>(rows - kHalf, 0);
    if (first == second)
      return emit(first);
    ifElse(
        b, loc, equals(b, loc, sub, 0), [&] { emit(first); },
        [&] { emit(second); });
  });
}

/// The diagonal band's additive mask for this vector core's kHalf rows:
/// row r (of the query tile) sees band columns c <= r + shift, -inf
/// elsewhere; the band is one 64-key part wide, two when the shift is not
/// 0. Every fill starts a row, so each is 32-byte aligned in UB.
Value Emitter::buildCausalMask() {
  Type f32 = b.getF32Type();
  Value tile = allocUB(b, loc, {kHalf, bandWidth()}, f32);
  b.create<vec::FillOp>(loc, scalar(b, loc, kMinusInf),
                        tile);
  Value zero = scalar(b, loc, 0.0f);
  auto fill = [&](int64_t half) {
    for (int64_t r = 0; r < kHalf; ++r)
      b.create<vec::FillOp>(
          loc, zero,
          block2D(b, loc, tile, constantIndex(b, loc, r),
                 constantIndex(b, loc, 0), 1,
                 half * kHalf + r + s.shift() + 1));
  };
  ifElse(
      b, loc, equals(b, loc, sub, 0), [&] { fill(0); }, [&] { fill(1); });
  return tile;
}

/// The last KV tile's additive mask: 0 on its keys, -inf on the columns
/// past Skv. Built as one row (its keys a contiguous run even when there
/// is one) and replicated.
Value Emitter::buildKeyTailMask() {
  Type f32 = b.getF32Type();
  Value row = allocUB(b, loc, {1, s.keyTile()}, f32);
  b.create<vec::FillOp>(loc, scalar(b, loc, kMinusInf),
                        row);
  b.create<vec::FillOp>(loc, scalar(b, loc, 0.0f),
                        columns(b, loc, row, 0, s.lastKeys()));
  return broadcastRows(b, loc, row, kHalf);
}

/// This vector core's kHalf rows x `cols` of a slot at `row`. Only what the
/// cube wrote for the item (its rows, and for KV tile `kv` if given its
/// keys) is read, the rest of the tile is 0: the slot past it is stale or
/// undefined.
Value Emitter::loadSlot(const Item &item, Value ws, Value row, int64_t cols,
                        Value kv) {
  Type f32 = b.getF32Type();
  Value tile = allocUB(b, loc, {kHalf, cols}, f32);
  auto load = [&](int64_t rows, int64_t keys) {
    if (rows < kHalf || keys < cols)
      b.create<vec::FillOp>(
          loc, scalar(b, loc, 0.0f), tile);
    if (rows)
      b.create<mte::CopyOp>(
          loc, block2D(b, loc, ws, row, constantIndex(b, loc, 0), rows, keys),
          corner(b, loc, tile, rows, keys));
  };
  forMyRows(item, [&](int64_t rows) {
    if (kv)
      forKeys(kv, [&](int64_t keys) { load(rows, keys); });
    else
      load(rows, cols);
  });
  return tile;
}

/// The explicit mask for this vector core's rows of the item and the keys
/// of KV tile kv, in f32 [kHalf, key tile]. A broadcast dim is read at index
/// 0 and replicated on chip; rows past Sq and keys past Skv are not read
/// (those rows are never stored, those keys get -inf after).
Value Emitter::loadMask(const Item &item, Value kv) {
  ArrayRef<int64_t> shape = s.mask;
  Value zero = constantIndex(b, loc, 0);
  Value row = shape[0] > 1 ? item.batch : zero;
  row = add(b, loc, mul(b, loc, row, shape[1]),
            shape[1] > 1 ? item.head : zero);
  row = mul(b, loc, row, shape[2]);
  bool perRow = shape[2] > 1, perKey = shape[3] > 1;
  if (perRow)
    row = add(b, loc, row, add(b, loc, item.qStart, myRows));
  Value col = perKey ? mul(b, loc, kv, s.keyTile()) : zero;
  int64_t rows = perRow ? kHalf : 1, cols = perKey ? s.keyTile() : 1;
  Value tile = allocUB(b, loc, {rows, cols}, s.element);
  auto copy = [&](int64_t validRows) {
    auto load = [&](int64_t validCols) {
      // A partial tile's other elements are 0 rather than stale UB.
      if (validRows < rows || validCols < cols)
        b.create<vec::FillOp>(
            loc,
            b.create<arith::ConstantOp>(loc, s.element,
                                        b.getFloatAttr(s.element, 0.0)),
            tile);
      if (validRows)
        b.create<mte::CopyOp>(
            loc, block2D(b, loc, mask, row, col, validRows, validCols),
            corner(b, loc, tile, validRows, validCols));
    };
    if (perKey)
      forKeys(kv, load);
    else
      load(1);
  };
  if (perRow)
    forMyRows(item, copy);
  else
    copy(1);
  Type f32 = b.getF32Type();
  Value wide = allocUB(b, loc, {rows, cols}, f32);
  b.create<vec::CastOp>(loc, tile, wide, aicore::RoundMode::rint);
  if (perRow && perKey)
    return wide;
  Value full = allocUB(b, loc, {kHalf, s.keyTile()}, f32);
  b.create<vec::BroadcastOp>(loc, wide, full);
  return full;
}

/// then() when `x` == `y`.
static void when(OpBuilder &b, Location loc, Value x, Value y,
                 function_ref<void()> then) {
  auto branch = b.create<scf::IfOp>(
      loc, b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, x, y),
      /*withElseRegion=*/false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&branch.getThenRegion().front());
  then();
}

/// Masks the causal diagonal in the scaled scores `x` of KV tile `kv`: on
/// the tile the diagonal enters, the band from its part on (with static
/// views, one branch per part) and -inf on the keys past it; on the next
/// tile, if the item walks it, the rest of a band that started in the last
/// part, otherwise -inf everywhere.
void Emitter::maskCausal(const Item &item, Value kv, Value x, Value band) {
  int64_t width = bandWidth();
  // x[:, from, from + cols) += band[:, bandFrom, ...]; -inf past it.
  auto apply = [&](int64_t from, int64_t bandFrom, int64_t cols) {
    Value xs = columns(b, loc, x, from, cols);
    b.create<vec::AddOp>(loc, xs, columns(b, loc, band, bandFrom, cols), xs);
    if (from + cols < s.keyTile())
      b.create<vec::FillOp>(
          loc, scalar(b, loc, kMinusInf),
          columns(b, loc, x, from + cols, s.keyTile() - from - cols));
  };
  when(b, loc, kv, item.diagonal, [&] {
    for (int64_t part = 0; part < s.parts(); ++part)
      when(b, loc, item.part, constantIndex(b, loc, part), [&] {
        int64_t from = part * kQueryTile;
        apply(from, 0, std::min(width, s.keyTile() - from));
      });
  });
  // The next tile: the rest of a band that started in the last part, or
  // (an item that sees one tile, walking two for the cube's lookahead) no
  // key at all.
  auto none = [&] {
    b.create<vec::FillOp>(loc, scalar(b, loc, kMinusInf), x);
  };
  when(b, loc, kv, add(b, loc, item.diagonal, constantIndex(b, loc, 1)),
       [&] {
         if (width == kQueryTile)
           return none();
         ifElse(
             b, loc, equals(b, loc, item.part, s.parts() - 1),
             [&] { apply(0, kQueryTile, width - kQueryTile); }, none);
       });
}

void Emitter::emitVector() {
  Type f32 = b.getF32Type();
  int64_t rows = kHalf;
  Value zero = constantIndex(b, loc, 0);
  Value one = constantIndex(b, loc, 1);
  sub = b.create<aicore::SubBlockIdxOp>(loc, b.getIndexType());
  myRows = mul(b, loc, sub, rows);
  Value causalMask = s.causal ? buildCausalMask() : Value();
  Value keyTail = s.lastKeys() < s.keyTile() ? buildKeyTailMask() : Value();
  // Running state of the item's rows, in f32 for the whole KV walk, and
  // the rescale factor of the tile whose P V is still on the cube.
  Value m = allocUB(b, loc, {rows, 1}, f32);
  Value l = allocUB(b, loc, {rows, 1}, f32);
  Value o = allocUB(b, loc, {rows, s.dv}, f32);
  Value pending = allocUB(b, loc, {rows, 1}, f32);
  forEachItem([&](const Item &item) {
    b.create<vec::FillOp>(
        loc, scalar(b, loc, -std::numeric_limits<float>::max()), m);
    b.create<vec::FillOp>(loc, scalar(b, loc, 0.0f), l);
    b.create<vec::FillOp>(loc, scalar(b, loc, 0.0f), o);
    // The online softmax of tile kv: P_kv to its slot, hand it over; its
    // alpha, left in `pending` for the rescale once P_kv V_kv is back.
    auto softmax = [&](Value kv) {
      Value sRow = slotRow(kv, myRows, kScoreSlots);
      Value pRows =
          block2D(b, loc, wsP, slotRow(kv, myRows), zero, rows,
                  s.keyTile());
      b.create<aicore::CrossCoreWaitFlagOp>(loc, aicore::Pipe::mte2, kFlagS);
      Value raw = loadSlot(item, wsS, sRow, s.keyTile(), kv);
      Value x = allocUB(b, loc, {rows, s.keyTile()}, f32);
      b.create<vec::MulsOp>(loc, raw,
                            scalar(b, loc, op.getScale().convertToFloat()), x);
      if (mask) {
        Value masked = allocUB(b, loc, {rows, s.keyTile()}, f32);
        b.create<vec::AddOp>(loc, x, loadMask(item, kv), masked);
        x = masked;
      }
      if (causalMask)
        maskCausal(item, kv, x, causalMask);
      // Keys past Skv get probability 0.
      if (keyTail)
        when(b, loc, kv, constantIndex(b, loc, s.kvTiles() - 1),
             [&] { b.create<vec::AddOp>(loc, x, keyTail, x); });
      Value alpha = allocUB(b, loc, {rows, 1}, f32);
      storeRounded(b, loc, onlineSoftmaxStep(b, loc, x, m, l, alpha), pRows);
      b.create<aicore::CrossCoreSetFlagOp>(loc, aicore::Pipe::mte3, kFlagP);
      return alpha;
    };
    // O = O * alpha_kv + P_kv V_kv once the cube hands it over.
    auto rescale = [&](Value kv, Value alpha) {
      Value pvRow = slotRow(kv, myRows);
      b.create<aicore::CrossCoreWaitFlagOp>(loc, aicore::Pipe::mte2, kFlagPV);
      rescaleAccumulator(b, loc, o, alpha,
                         loadSlot(item, wsPV, pvRow, s.dv, Value()));
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
    Value result = normalizeRows(b, loc, o, l);
    // Only the rows that exist: a last query tile's rows past Sq are not.
    forMyRows(item, [&](int64_t valid) {
      if (valid)
        storeRounded(b, loc, corner(b, loc, result, valid, s.dv),
                     block2D(b, loc, out, add(b, loc, item.qRow, myRows), zero,
                            valid, s.dv));
    });
  });
}

struct FlashAttentionPattern : OpRewritePattern<ascend::FlashAttentionOp> {
  FlashAttentionPattern(MLIRContext *ctx, const AscendTilingOptions &options)
      : OpRewritePattern(ctx), options(options) {}

  LogicalResult matchAndRewrite(ascend::FlashAttentionOp op,
                                PatternRewriter &rewriter) const override {
    return rewriteAsSplitKernel<Emitter>(op, rewriter, blocker(op),
                                         flashAttentionWorkspaces(op, options),
                                         blocksFor(op, options));
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
  int64_t rows = blocksFor(fa, options) * kQueryTile;
  // Per block, kScoreSlots slots of S and two of the others (see the file
  // comment): S and the PV partial in f32, P in the input type. Separate
  // buffers keep each hand-over on its own flag.
  Type f32 = Float32Type::get(op->getContext());
  return {tileType({kScoreSlots * rows, s.keyTile()}, f32,
                   AddressSpace::gm),
          tileType({2 * rows, s.dv}, f32, AddressSpace::gm),
          tileType({2 * rows, s.keyTile()}, s.element, AddressSpace::gm)};
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
