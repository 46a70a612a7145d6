//===- ElementwiseEmitter.h - vector code of elementwise ops ----*- C++ -*-===//
//
// Private to convert-ascend-to-aicore: the elementwise family's tile code,
// shared by the elementwise pattern and the vector side of fused cube ->
// vector kernels (CubeVector.cpp), so an epilogue computes and rounds
// exactly as the op does in a kernel of its own.
//
//===----------------------------------------------------------------------===//
#ifndef LIB_CONVERSION_ASCENDTOAICORE_ELEMENTWISEEMITTER_H
#define LIB_CONVERSION_ASCENDTOAICORE_ELEMENTWISEEMITTER_H

#include "LoweringUtils.h"

namespace mlir::ascend::lowering {

/// Whether `op` is one of the elementwise ops the family lowers, or a fused
/// chain (ascend.fused_vector).
bool isLoweredElementwise(Operation *op);

/// Whether `op` is a fused chain with a row-wise op, whose tiles hold whole
/// rows.
bool hasRowwiseMember(Operation *op);

/// The type `op`'s tiles are computed in: f32 for silu, gelu, tanh, erf,
/// the row-wise ops, casts and bf16 (no bf16 vector arithmetic), else the
/// element type (ElementwiseBody.cpp).
Type computeType(Operation *op);

/// f32 tiles a composite op needs besides its operands and result.
int64_t scratchTiles(Operation *op);

/// Emits the vec ops computing `op` on the compute-type tiles `in` of
/// `shape` and returns the result tile (for a cast, the widened input:
/// the conversion happens when the result is rounded).
Value emitBody(OpBuilder &b, Location loc, Operation *op, ArrayRef<Value> in,
               ArrayRef<int64_t> shape);

/// How an operand covers the result seen as [rows, C].
enum class Spread {
  full,   ///< the result's shape
  row,    ///< [C] or [1, ..., 1, C]: the same row for every result row
  column, ///< [..., R, 1]: one value per result row
  scalar, ///< every dim 1
  /// [A, 1, ..., 1, C] against [A, B, ..., C]: one row for each group of
  /// B x ... result rows (a RoPE table over the heads); groupRows says B x ...
  group,
  other,
};

/// Result rows per row of a Spread::group operand (0 for other spreads).
int64_t groupRows(ShapedType operand, ShapedType result);

SmallVector<Spread> classifyOperands(Operation *op);

/// The smallest element size among the op's operands and result, in bytes.
int64_t narrowestBytes(Operation *op);

/// Elements per UB tile: `vector-tile` if set, else what a quarter of UB
/// holds with every operand, copy and scratch tile the op needs.
int64_t elementwiseTileElements(Operation *op,
                                const AscendTilingOptions &options);

/// The GM view an operand spreading as `spread` is tiled through: 1-D when
/// `flat`, else [rows, C] (a row operand as [1, C], a group operand as its
/// own rows).
Value operandView(OpBuilder &b, Location loc, Value memref, Spread spread,
                  bool flat);

/// Operand `i` of `op` (a single element, or a row when tiles span whole
/// rows: the same for every tile) loaded from its GM `view` once and
/// expanded to `shape`, in the type the op reads it in; a tile of a smaller
/// shape takes its leading part (`fixed` of emitElementwiseTile).
Value loadFixedOperand(OpBuilder &b, Location loc, Operation *op, unsigned i,
                       Value view, ArrayRef<int64_t> shape);

/// The tile of `shape` ([rows, cols], or [cols] on flat views) at (row,
/// col): loads each operand's window of its view (or takes the leading part
/// of its `fixed` UB tile, if given), computes `op` and stores each rounded
/// result into the window of its view in `outViews`.
void emitElementwiseTile(OpBuilder &b, Location loc, Operation *op,
                         ArrayRef<Value> views, ArrayRef<Value> fixed,
                         ArrayRef<Value> outViews, Value row, Value col,
                         ArrayRef<int64_t> shape);

} // namespace mlir::ascend::lowering

#endif
