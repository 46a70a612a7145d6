//===- MatmulEmitter.h - the cube side of matmul kernels --------*- C++ -*-===//
//
// Private to convert-ascend-to-aicore: how a matmul is tiled (MatmulPlan),
// how its output tiles are walked over blocks, and the emitter of one
// output tile's cube code. The plain matmul pattern and the fused cube ->
// vector lowering (CubeVector.cpp) share them, so both cores of a fused
// kernel walk the same tiles in the same order.
//
//===----------------------------------------------------------------------===//
#ifndef LIB_CONVERSION_ASCENDTOAICORE_MATMULEMITTER_H
#define LIB_CONVERSION_ASCENDTOAICORE_MATMULEMITTER_H

#include "LoweringUtils.h"

namespace mlir::ascend::lowering {

inline int64_t roundUp(int64_t value, int64_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

inline int64_t ceilDiv(int64_t value, int64_t divisor) {
  return (value + divisor - 1) / divisor;
}

/// Why `op` (matmul or batch_matmul) cannot be lowered ("" if it can).
std::string matmulBlocker(Operation *op, const AscendTilingOptions &options);

/// The static tiling of one matmul. Output tiles are tm x tn, except the
/// last tile row and column (lastM rows, lastN columns). K runs in L1 chunks
/// of kl1 made of L0 steps of tk (multiples of k0) up to kFull, then one
/// tail of kTail < tk. On chip every tile is padded to whole fractals.
struct MatmulPlan {
  bool ta, tb;
  int64_t batch, m, n, k;
  int64_t m0, n0, k0;
  int64_t tm, tn, tk, kl1;
  int64_t tilesM, tilesN, lastM, lastN;
  int64_t kFull, kTail;
  /// Elements in a 32-byte NZ fractal row: the ND -> NZ padding unit.
  int64_t c0;

  int64_t outputTiles() const { return batch * tilesM * tilesN; }
};

/// The plan of one whole m x n product over k: a single output tile with K
/// in one L1 chunk, as the attention kernels compute their per-tile
/// products. K runs in L0 steps over its whole fractals, then a K that is
/// not whole fractals ends with one padded tail step (one padded step for
/// all of K would not fit L0 for long K and wide N). The step is the
/// largest multiple of k0 dividing the whole fractals whose B tile fills
/// at most half of L0B (the other half is for the next step).
inline MatmulPlan planOneTile(Operation *op, Type element, bool tb, int64_t m,
                              int64_t n, int64_t k) {
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  const aicore::CubeRate *rate = aicore::getCubeRate(target, element);
  int64_t bytes = element.getIntOrFloatBitWidth() / 8;
  int64_t budget =
      static_cast<int64_t>(target.buffer(aicore::AddressSpace::l0b).bytes) / 2;
  MatmulPlan p;
  p.ta = false;
  p.tb = tb;
  p.batch = 1;
  p.m = p.tm = p.lastM = m;
  p.n = p.tn = p.lastN = n;
  p.k = k;
  p.m0 = rate->m0;
  p.n0 = rate->n0;
  p.k0 = rate->k0;
  p.c0 = 32 / bytes;
  p.kFull = p.kl1 = k / p.k0 * p.k0;
  p.kTail = k - p.kFull;
  p.tk = p.k0;
  for (int64_t c = p.kFull; c > p.k0; c -= p.k0)
    if (p.kFull % c == 0 && c * roundUp(n, p.n0) * bytes <= budget) {
      p.tk = c;
      break;
    }
  p.tilesM = p.tilesN = 1;
  return p;
}

/// The plan of a matmul or batch_matmul `op` that matmulBlocker accepts.
MatmulPlan planMatmul(Operation *op, const AscendTilingOptions &options);

/// Blocks for the plan: the option if set, else one per output tile up to
/// the target's cube cores.
int64_t matmulBlocks(Operation *op, const MatmulPlan &p,
                     const AscendTilingOptions &options);

/// emit(size) for tiles of `size`, or, when the last of `tiles` tiles is
/// smaller, emit(last) for it under an scf.if on its `offset`.
void branchOnLast(OpBuilder &b, Location loc, Value offset, int64_t tiles,
                  int64_t size, int64_t last,
                  function_ref<void(int64_t)> emit);

/// Emits the code of one output tile: of matrix `matrix` (the batch index),
/// rows x cols at (row, col), sizes static.
using OutputTileEmitter = function_ref<void(
    OpBuilder &, Value matrix, Value row, Value col, int64_t rows,
    int64_t cols)>;

/// Walks the plan's output tiles round-robin over `blocks` blocks (tile t is
/// (batch index, tile row, tile column), row-major), the last tile row and
/// column with their own static code.
void forEachOutputTile(OpBuilder &b, Location loc, const MatmulPlan &p,
                       int64_t blocks, OutputTileEmitter emit);

/// Emits one matmul output tile's cube code from its plan: on-chip tiles
/// sized for the largest output tile, smaller tiles using their top-left
/// corners; the result leaves L0C by fixpipe into `gmC`, converted to
/// gmC's element type.
class MatmulEmitter {
public:
  MatmulEmitter(OpBuilder &b, Location loc, const MatmulPlan &p, Value gmA,
                Value gmB, Value gmC)
      : b(b), loc(loc), p(p), gmA(gmA), gmB(gmB), gmC(gmC) {}

  /// The accumulator lives across K, so it is allocated once; operand
  /// tiles are allocated where each chunk or step uses them, so
  /// ascend-multi-buffer can give those loops rings. `accumulator`, if
  /// given, is an L0C tile allocated by the caller (allocAccumulator) to
  /// use instead.
  void allocate(Type element, Value accumulator = Value());
  /// An L0C tile for this plan's products.
  Value allocAccumulator();

  /// A rows x cols output tile of `matrixIndex` at (row, col): whole K
  /// chunks, the K tail, then the valid corner of L0C to GM.
  void emitTile(Value matrixIndex, Value row, Value col, int64_t rows,
                int64_t cols);
  /// emitTile's products without the write-back, into the accumulator's
  /// top-left rows x cols; `accumulate` adds them to what it holds instead
  /// of initialising it (products over K split across several calls).
  void emitProduct(Value matrixIndex, Value row, Value col, int64_t rows,
                   int64_t cols, bool accumulate = false);
  /// emitTile's write-back: the accumulator's top-left rows x cols to gmC
  /// at (row, col).
  void writeBack(Value row, Value col, int64_t rows, int64_t cols);

  /// Operands loaded ahead, for plans with K in one L1 chunk: to keep an
  /// operand on chip across products, or to load it before a wait it does
  /// not depend on. allocOperand is an L1 tile for `size` rows of A (A) or
  /// columns of B (B) over the whole K; loadOperand loads those of the 2-D
  /// GM operand at `at` into it (its top-left corner, padded as emitTile
  /// pads); emitTile then reads the tiles given to useLoaded (null: load
  /// as usual).
  enum Operand { A, B };
  Value allocOperand(Operand which, int64_t size);
  void loadOperand(Operand which, Value l1, Value at, int64_t size);
  void useLoaded(Value a, Value b) {
    loadedA = a;
    loadedB = b;
  }

private:
  Value alloc(ArrayRef<int64_t> shape, Type t, aicore::AddressSpace s);
  Value view(Value source, OpFoldResult r, OpFoldResult c,
             ArrayRef<int64_t> shape);
  void load(Value gmBlock, Value l1, bool kRows);
  void loadChunk(Value row, Value col, Value kc, int64_t size, int64_t rows,
                 int64_t cols, int64_t loadedAt = 0);
  Value fromK(Operand which, Value l1, int64_t at);
  Value allocChunk(Operand which, int64_t size, int64_t chunk, Type t);
  Value block(Operand which, Value at, Value kc, int64_t size, int64_t k);
  bool kRows(Operand which) const;
  void step(OpFoldResult kk, int64_t size, Value first, int64_t rowsP,
            int64_t colsP);

  OpBuilder &b;
  Location loc;
  const MatmulPlan &p;
  Value gmA, gmB, gmC;
  Type element;
  Value l1a, l1b, l0c; ///< the current chunk's L1 tiles; the accumulator
  Value loadedA, loadedB; ///< operands loaded ahead (useLoaded)
  Value matrix;
};

} // namespace mlir::ascend::lowering

#endif
