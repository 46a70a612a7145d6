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
  /// ascend-multi-buffer can give those loops rings.
  void allocate(Type element);

  /// A rows x cols output tile of `matrixIndex` at (row, col): whole K
  /// chunks, the K tail, then the valid corner of L0C to GM.
  void emitTile(Value matrixIndex, Value row, Value col, int64_t rows,
                int64_t cols);

private:
  Value alloc(ArrayRef<int64_t> shape, Type t, aicore::AddressSpace s);
  Value view(Value source, OpFoldResult r, OpFoldResult c,
             ArrayRef<int64_t> shape);
  Value corner(Value tile, ArrayRef<int64_t> shape);
  void load(Value gmBlock, Value l1, bool kRows);
  void loadChunk(Value row, Value col, Value kc, int64_t size, int64_t rows,
                 int64_t cols);
  void step(OpFoldResult kk, int64_t size, Value first, int64_t rowsP,
            int64_t colsP);

  OpBuilder &b;
  Location loc;
  const MatmulPlan &p;
  Value gmA, gmB, gmC;
  Type element;
  Value l1a, l1b, l0c; ///< the current chunk's L1 tiles; the accumulator
  Value matrix;
};

} // namespace mlir::ascend::lowering

#endif
