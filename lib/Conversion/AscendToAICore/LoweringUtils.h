//===- LoweringUtils.h - pieces the ascend-to-aicore patterns share -*- C++ -*-===//
//
// Private to convert-ascend-to-aicore: how a pattern finds its GM operands,
// spreads tiles over blocks, and moves UB tiles to and from GM, plus the
// entry points of each pattern family (one .cpp file per family).
//
//===----------------------------------------------------------------------===//
#ifndef LIB_CONVERSION_ASCENDTOAICORE_LOWERINGUTILS_H
#define LIB_CONVERSION_ASCENDTOAICORE_LOWERINGUTILS_H

#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/Ascend/AscendDialect.h"
#include "AscendDialect/Conversion/AscendToAICore.h"
#include "AscendDialect/Target/TargetInfo.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::ascend::lowering {

//===----------------------------------------------------------------------===//
// Kernel structure
//===----------------------------------------------------------------------===//

MemRefType tileType(ArrayRef<int64_t> shape, Type element,
                    aicore::AddressSpace space);

Value constantIndex(OpBuilder &b, Location loc, int64_t v);
/// Index arithmetic: x * c and x + y.
Value mul(OpBuilder &b, Location loc, Value x, int64_t c);
Value add(OpBuilder &b, Location loc, Value x, Value y);

/// An ascend op between the brackets the pass puts around kernel bodies: its
/// operands read from GM memrefs, its result written to one.
struct GMOperands {
  SmallVector<Value> inputs; ///< per operand, the GM memref it was read from
  /// Per result, where it is written.
  SmallVector<bufferization::MaterializeInDestinationOp> destinations;

  Value output() { return destinations.front().getDest(); }
  SmallVector<Value> outputs() {
    return llvm::map_to_vector(destinations,
                               [](auto d) -> Value { return d.getDest(); });
  }
  /// Erases the op and its bracket once the kernel code replaces them.
  void erase(PatternRewriter &rewriter, Operation *op) {
    for (auto destination : destinations)
      rewriter.eraseOp(destination);
    rewriter.eraseOp(op);
  }
};

FailureOr<GMOperands> matchGMOperands(Operation *op, PatternRewriter &rewriter);

/// Raises the kernel's block_dim to at least `blockDim`.
void requireBlocks(Operation *op, int64_t blockDim);

/// Opens an aicore.core region of `type` at the insertion point and moves
/// the insertion point into it.
aicore::CoreOp openCoreRegion(OpBuilder &b, Location loc,
                              aicore::CoreType type);

/// Blocks for `tiles` vector-core tiles: the option if set, else one per
/// tile up to the target's vector cores.
int64_t vectorBlocks(Operation *op, const AscendTilingOptions &options,
                     int64_t tiles);

/// Emits one tile of `size` units (elements or rows) at `offset`.
using TileEmitter =
    function_ref<LogicalResult(OpBuilder &, Value offset, int64_t size)>;

/// Spreads `full` tiles of `tile` units round-robin over `blocks` blocks;
/// the static tail of `tail` units goes to the block that would take the
/// next tile, so the work stays balanced.
LogicalResult emitRoundRobin(PatternRewriter &rewriter, Location loc,
                             Value block, int64_t full, int64_t tail,
                             int64_t tile, int64_t blocks, TileEmitter emit);

/// Calls `emit(offset, size)` for `count` units from `start` (null: from 0)
/// in chunks of at most `chunk`: the one whole chunk, or a loop over the
/// whole chunks, then the static tail.
void emitChunks(OpBuilder &b, Location loc, Value start, int64_t count,
                int64_t chunk, function_ref<void(Value, int64_t)> emit);

/// Why bf16 `element` cannot be computed on `op`'s target ("" if it can).
std::string bf16Blocker(Operation *op, Type element);

/// "" if every operand and result of `op` is statically shaped and not
/// empty (or not shaped); else why not. Checked before any size is computed
/// from a shape, where a dynamic size (INT64_MIN) would overflow and an
/// empty dim divide by zero.
std::string shapeBlocker(Operation *op);

//===----------------------------------------------------------------------===//
// GM views and UB tiles
//===----------------------------------------------------------------------===//

/// A 1-D contiguous view of a whole GM memref.
Value flatten(OpBuilder &b, Location loc, Value memref);

/// memref.subview of a 1-D memref at a dynamic offset with a static size.
Value slice1D(OpBuilder &b, Location loc, Value memref, Value offset,
              int64_t size);

/// `memref` ([..., C] in GM) as [rows, C].
Value asRows(OpBuilder &b, Location loc, Value memref);

/// The rows x cols block of a 2-D memref at (row, col).
Value block2D(OpBuilder &b, Location loc, Value memref, Value row, Value col,
              int64_t rows, int64_t cols);

/// The top-left rows x cols of a 2-D tile (the tile itself if it is that
/// size), with static offsets so that a static tile stays static.
Value corner(OpBuilder &b, Location loc, Value tile, int64_t rows,
             int64_t cols);

/// `size` rows of a [rows, C] memref from row `offset`.
Value sliceRows(OpBuilder &b, Location loc, Value memref, Value offset,
                int64_t size);

/// The columns [col, col + cols) of a 2-D UB tile.
Value columns(OpBuilder &b, Location loc, Value tile, int64_t col,
              int64_t cols);

Value allocUB(OpBuilder &b, Location loc, ArrayRef<int64_t> shape, Type t);

/// Copies GM rows into UB and returns them in f32 (cast with rint, exact).
Value loadF32(OpBuilder &b, Location loc, Value gmRows);

/// Rounds the f32 tile once to the GM element type and stores it.
void storeRounded(OpBuilder &b, Location loc, Value tile, Value gmRows);

/// The f32 [1, C] `row` replicated over `rows` rows.
Value broadcastRows(OpBuilder &b, Location loc, Value row, int64_t rows);

//===----------------------------------------------------------------------===//
// Row-wise tile code (Rowwise.cpp), shared with fused vector chains
//===----------------------------------------------------------------------===//

/// Whether `op` is a row-wise op the family lowers (softmax, rms_norm).
bool isLoweredRowwise(Operation *op);

/// exp(x - max) / sum(exp(x - max)) per row of the f32 [rows, C] tile `x`;
/// the result overwrites `x`. `wide` and `scratch` are f32 tiles of x's
/// shape.
void emitSoftmaxRows(OpBuilder &b, Location loc, Value x, Value wide,
                     Value scratch, int64_t rows);

/// x * rsqrt(mean(x^2) + eps) * gamma per row of the f32 [rows, C] tile
/// `x`; the result overwrites `x`. `gamma` is an f32 [1, C] tile or one
/// already broadcast to x's shape. The mean divides by `cols` (0: C), the
/// row's own length when C includes zero padding.
void emitRmsNormRows(OpBuilder &b, Location loc, Value x, Value wide,
                     Value scratch, int64_t rows, Value gamma, float epsilon,
                     int64_t cols = 0);

/// Why row-wise `op` cannot run inside a fused vector kernel ("" if it
/// can): it must lower on its own and its rows must fit UB whole.
std::string explainRowwiseMember(Operation *op);

//===----------------------------------------------------------------------===//
// Pattern families: each adds its patterns and says why an op of its
// family was not lowered ("" if the op is not of the family or could be).
//===----------------------------------------------------------------------===//

void populateElementwisePatterns(RewritePatternSet &patterns,
                                 const AscendTilingOptions &options);
std::string explainElementwise(Operation *op,
                               const AscendTilingOptions &options);

void populateRowwisePatterns(RewritePatternSet &patterns,
                             const AscendTilingOptions &options);
std::string explainRowwise(Operation *op, const AscendTilingOptions &options);

/// tensor.extract_slice and tensor.concat between the ops of a host, as
/// copy kernels (DataMovement.cpp).
bool isLoweredDataMovement(Operation *op);
void populateDataMovementPatterns(RewritePatternSet &patterns,
                                  const AscendTilingOptions &options);
std::string explainDataMovement(Operation *op,
                                const AscendTilingOptions &options);

void populateRopePatterns(RewritePatternSet &patterns,
                          const AscendTilingOptions &options);
std::string explainRope(Operation *op, const AscendTilingOptions &options);

void populateMatmulPatterns(RewritePatternSet &patterns,
                            const AscendTilingOptions &options);
std::string explainMatmul(Operation *op, const AscendTilingOptions &options);

/// Fused cube -> vector kernels (CubeVector.cpp). The elementwise op that
/// convert-ascend-to-aicore fuses into `matmul`'s kernel on split targets,
/// or null: the matmul's only user (an elementwise op or a fused chain),
/// lowerable, keeping its shape, its other operands of that shape, rows or
/// single elements.
Operation *fusableEpilogue(Operation *matmul,
                           const AscendTilingOptions &options);
void populateCubeVectorPatterns(RewritePatternSet &patterns,
                                const AscendTilingOptions &options);

/// The GM workspaces the host allocates for `op`'s kernel and passes after
/// its operands: the hook of the family that needs some (flash_attention,
/// paged_attention), empty for every other op.
SmallVector<MemRefType> kernelWorkspaces(Operation *op,
                                         const AscendTilingOptions &options);
/// The kernel arguments of `types` that the host passes just before the
/// result argument `output`; failure if the kernel has no such arguments.
FailureOr<SmallVector<Value>> workspaceArguments(Value output,
                                                 ArrayRef<MemRefType> types);

/// The frame of the attention lowerings: `op` becomes one split kernel whose
/// cube and vector regions an `EmitterT(rewriter, loc, op, gm, workspaces,
/// blocks)` fills (emitCube, emitVector), reading the workspaces of
/// `workspaceTypes` the host passes; `why` says why `op` cannot be lowered
/// ("" if it can).
template <typename EmitterT, typename OpT>
LogicalResult rewriteAsSplitKernel(OpT op, PatternRewriter &rewriter,
                                   const std::string &why,
                                   ArrayRef<MemRefType> workspaceTypes,
                                   int64_t blocks) {
  FailureOr<GMOperands> gm = matchGMOperands(op, rewriter);
  if (failed(gm))
    return failure();
  if (!why.empty())
    return rewriter.notifyMatchFailure(op, why);
  FailureOr<SmallVector<Value>> workspaces =
      workspaceArguments(gm->output(), workspaceTypes);
  if (failed(workspaces))
    return rewriter.notifyMatchFailure(op, "no workspace arguments");
  requireBlocks(op, blocks);
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  EmitterT emitter(rewriter, loc, op, *gm, *workspaces, blocks);
  {
    OpBuilder::InsertionGuard guard(rewriter);
    openCoreRegion(rewriter, loc, aicore::CoreType::cube);
    emitter.emitCube();
  }
  {
    OpBuilder::InsertionGuard guard(rewriter);
    openCoreRegion(rewriter, loc, aicore::CoreType::vector);
    emitter.emitVector();
  }
  gm->erase(rewriter, op);
  return success();
}

/// flash_attention as one split kernel (FlashAttention.cpp). The GM
/// workspaces its kernel takes after its operands, which the host allocates
/// (empty for other ops and for one it cannot lower).
SmallVector<MemRefType>
flashAttentionWorkspaces(Operation *op, const AscendTilingOptions &options);
void populateFlashAttentionPatterns(RewritePatternSet &patterns,
                                    const AscendTilingOptions &options);
std::string explainFlashAttention(Operation *op,
                                  const AscendTilingOptions &options);

/// paged_attention (decode over a paged KV cache) as one split kernel
/// (PagedAttention.cpp); its workspaces as flashAttentionWorkspaces.
SmallVector<MemRefType>
pagedAttentionWorkspaces(Operation *op, const AscendTilingOptions &options);
void populatePagedAttentionPatterns(RewritePatternSet &patterns,
                                    const AscendTilingOptions &options);
std::string explainPagedAttention(Operation *op,
                                  const AscendTilingOptions &options);

} // namespace mlir::ascend::lowering

#endif
