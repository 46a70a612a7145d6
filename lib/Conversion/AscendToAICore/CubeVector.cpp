//===- CubeVector.cpp - matmul + elementwise epilogue in one split kernel -===//
//
// On split targets a matmul whose only user is an elementwise op becomes one
// kernel: the cube region computes the matmul tiles and fixpipes each into
// a GM workspace (in the matmul's result type, rounded by the fixpipe as
// the matmul's own kernel rounds it), and the vector region walks the same
// tiles over the same blocks, each vector core taking half of a tile's rows
// (aicore.sub_block_idx), and applies the epilogue with the elementwise
// family's tile code. The result is bit-identical to the two launches of
// the unfused host. The pattern emits no flags: ascend-software-pipeline
// then hands the tiles over one at a time with cross-core flags in the tile
// loops, and ascend-insert-sync orders the rest (and, with pipelining off,
// the two regions as wholes).
//
// The host's outliner (AscendToAICore.cpp) writes the fused kernel as the
// two ops with the matmul's result materialized into the workspace argument
// and read back by the epilogue, which this pattern recognises.
//
//===----------------------------------------------------------------------===//

#include "ElementwiseEmitter.h"
#include "MatmulEmitter.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::lowering;

Operation *mlir::ascend::lowering::fusableEpilogue(
    Operation *matmul, const AscendTilingOptions &options) {
  if (!isa<ascend::MatmulOp, ascend::BatchMatmulOp>(matmul) ||
      !aicore::getTargetInfo(matmul).split ||
      !matmulBlocker(matmul, options).empty() ||
      !matmul->getResult(0).hasOneUse())
    return nullptr;
  Value c = matmul->getResult(0);
  Operation *user = *c.getUsers().begin();
  // A row-wise op needs whole rows; the epilogue walks the matmul's tiles
  // and writes one result.
  if (!isLoweredElementwise(user) || hasRowwiseMember(user) ||
      user->getNumResults() != 1 || !explainElementwise(user, options).empty())
    return nullptr;
  // The epilogue keeps the matmul's shape; its other operands are buffers
  // of that shape, rows (a bias) or single elements (a constant).
  if (cast<ShapedType>(user->getResult(0).getType()).getShape() !=
      cast<ShapedType>(c.getType()).getShape())
    return nullptr;
  for (auto [operand, spread] :
       llvm::zip(user->getOperands(), classifyOperands(user))) {
    if (operand == c ? spread != Spread::full
                     : spread == Spread::column || spread == Spread::group ||
                           spread == Spread::other)
      return nullptr;
  }
  return user;
}

namespace {

/// The epilogue of a fused kernel: the elementwise op reading the
/// workspace `matmul` is materialized into, and what it reads and writes.
struct FusedChain {
  GMOperands matmul, epilogue;
  Operation *op;                       ///< the elementwise op
  bufferization::ToTensorOp readBack; ///< the workspace as its operand
};

FailureOr<FusedChain> matchChain(Operation *matmul, PatternRewriter &rewriter) {
  FailureOr<GMOperands> mm = matchGMOperands(matmul, rewriter);
  if (failed(mm))
    return failure();
  auto workspace = dyn_cast<BlockArgument>(mm->output());
  if (!workspace)
    return rewriter.notifyMatchFailure(matmul, "not a fused kernel");
  bufferization::ToTensorOp readBack;
  for (Operation *user : workspace.getUsers())
    if (auto t = dyn_cast<bufferization::ToTensorOp>(user))
      readBack = t;
  if (!readBack || !readBack->hasOneUse())
    return rewriter.notifyMatchFailure(matmul, "not a fused kernel");
  Operation *op = *readBack->getUsers().begin();
  if (!isLoweredElementwise(op))
    return rewriter.notifyMatchFailure(matmul, "not a fused kernel");
  FailureOr<GMOperands> ew = matchGMOperands(op, rewriter);
  if (failed(ew))
    return failure();
  return FusedChain{*mm, *ew, op, readBack};
}

/// Splits `rows` rows from `start` between the two vector cores: the first
/// takes ceil(rows / 2), the second the rest.
void emitHalves(OpBuilder &b, Location loc, Value sub, Value start,
                int64_t rows, function_ref<void(Value, int64_t)> emit) {
  int64_t first = (rows + 1) / 2, second = rows - first;
  if (first == second) {
    emit(b.create<arith::AddIOp>(
             loc, start,
             b.create<arith::MulIOp>(loc, sub, constantIndex(b, loc, first))),
         first);
    return;
  }
  Value isFirst = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, sub,
                                          constantIndex(b, loc, 0));
  auto branch = b.create<scf::IfOp>(loc, isFirst, /*withElse=*/second > 0);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&branch.getThenRegion().front());
  emit(start, first);
  if (second == 0)
    return;
  b.setInsertionPointToStart(&branch.getElseRegion().front());
  emit(b.create<arith::AddIOp>(loc, start, constantIndex(b, loc, first)),
       second);
}

/// Rooted at the matmul (before the plain matmul pattern): the cube region
/// is the matmul kernel writing the workspace; the vector region walks its
/// tiles and applies the epilogue.
struct CubeVectorPattern : RewritePattern {
  CubeVectorPattern(MLIRContext *ctx, const AscendTilingOptions &options)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/2, ctx),
        options(options) {}

  LogicalResult matchAndRewrite(Operation *matmul,
                                PatternRewriter &rewriter) const override {
    if (!isa<ascend::MatmulOp, ascend::BatchMatmulOp>(matmul))
      return failure();
    FailureOr<FusedChain> chain = matchChain(matmul, rewriter);
    if (failed(chain))
      return failure();
    Operation *op = chain->op;
    if (std::string why = matmulBlocker(matmul, options); !why.empty())
      return rewriter.notifyMatchFailure(matmul, why);
    if (std::string why = explainElementwise(op, options); !why.empty())
      return rewriter.notifyMatchFailure(op, why);
    MatmulPlan p = planMatmul(matmul, options);
    int64_t blocks = matmulBlocks(matmul, p, options);
    requireBlocks(matmul, blocks);
    Location loc = matmul->getLoc();
    rewriter.setInsertionPoint(op);
    {
      OpBuilder::InsertionGuard guard(rewriter);
      openCoreRegion(rewriter, loc, aicore::CoreType::cube);
      MatmulEmitter emitter(rewriter, loc, p, chain->matmul.inputs[0],
                            chain->matmul.inputs[1], chain->matmul.output());
      emitter.allocate(getElementTypeOrSelf(matmul->getOperand(0).getType()));
      forEachOutputTile(rewriter, loc, p, blocks,
                        [&](OpBuilder &, Value matrix, Value row, Value col,
                            int64_t rows, int64_t cols) {
                          emitter.emitTile(matrix, row, col, rows, cols);
                        });
    }
    {
      OpBuilder::InsertionGuard guard(rewriter);
      openCoreRegion(rewriter, op->getLoc(), aicore::CoreType::vector);
      emitEpilogue(rewriter, *chain, p, blocks);
    }
    rewriter.eraseOp(chain->epilogue.destinations.front());
    rewriter.eraseOp(op);
    rewriter.eraseOp(chain->readBack);
    chain->matmul.erase(rewriter, matmul);
    return success();
  }

  /// Each tile's rows are split between the vector cores and cut into
  /// chunks that fit a quarter of UB; a chunk of several rows needs each
  /// row to start on a 32-byte block, so narrower edge columns go one row
  /// at a time.
  void emitEpilogue(OpBuilder &b, FusedChain &chain, const MatmulPlan &p,
                    int64_t blocks) const {
    Operation *op = chain.op;
    Location loc = op->getLoc();
    Value sub = b.create<aicore::SubBlockIdxOp>(loc, b.getIndexType());
    SmallVector<Value> views;
    for (auto [memref, spread] :
         llvm::zip(chain.epilogue.inputs, classifyOperands(op)))
      views.push_back(operandView(b, loc, memref, spread, /*flat=*/false));
    Value outView = operandView(b, loc, chain.epilogue.output(), Spread::full,
                                /*flat=*/false);
    int64_t budget = elementwiseTileElements(op, options);
    int64_t minBytes = narrowestBytes(op);
    // A single-element operand (a constant) is loaded and expanded once per
    // block, as wide as a tile and as tall as any chunk; chunks are capped
    // at that height.
    int64_t fixedRows = std::max<int64_t>(1, budget / p.tn);
    SmallVector<Value> fixed;
    for (auto [i, view, spread] : llvm::enumerate(views, classifyOperands(op)))
      fixed.push_back(
          spread == Spread::scalar
              ? loadFixedOperand(b, loc, op, i, view, {fixedRows, p.tn})
              : Value());
    bool anyFixed = llvm::any_of(fixed, [](Value v) { return bool(v); });
    forEachOutputTile(
        b, loc, p, blocks,
        [&](OpBuilder &, Value matrix, Value row, Value col, int64_t rows,
            int64_t cols) {
          // The tile's first row in the [batch * M, N] views.
          Value first = b.create<arith::AddIOp>(
              loc, row,
              b.create<arith::MulIOp>(loc, matrix,
                                      constantIndex(b, loc, p.m)));
          int64_t chunk = cols * minBytes % 32 == 0
                              ? std::max<int64_t>(1, budget / cols)
                              : 1;
          if (anyFixed)
            chunk = std::min(chunk, fixedRows);
          emitHalves(b, loc, sub, first, rows, [&](Value start, int64_t n) {
            emitChunks(b, loc, start, n, std::min(chunk, n),
                       [&](Value at, int64_t r) {
                         emitElementwiseTile(b, loc, op, views, fixed, outView,
                                             at, col, {r, cols});
                       });
          });
        });
  }

  AscendTilingOptions options;
};

} // namespace

void mlir::ascend::lowering::populateCubeVectorPatterns(
    RewritePatternSet &patterns, const AscendTilingOptions &options) {
  patterns.add<CubeVectorPattern>(patterns.getContext(), options);
}
