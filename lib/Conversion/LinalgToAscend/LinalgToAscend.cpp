//===- LinalgToAscend.cpp - the ascend-raise-linalg pass ------------------===//
//
// Raises the linalg ops that torch-mlir and StableHLO->linalg produce into
// ascend ops. Each op's fate is decided by one function (Raising.h), which
// either returns the rewrite or says why the op stays; the patterns, the
// debug output and the `report-unmatched` remarks all print that reason.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Conversion/LinalgToAscend.h"
#include "AscendDialect/Ascend/AscendDialect.h"
#include "AscendDialect/Conversion/Passes.h"
#include "Raising.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "ascend-raise-linalg"

namespace mlir::ascend {
#define GEN_PASS_DEF_RAISELINALGTOASCENDPASS
#include "AscendDialect/Conversion/Passes.h.inc"
} // namespace mlir::ascend

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::raising;

bool raising::isCandidate(Operation *op) {
  return isa<linalg::LinalgDialect>(op->getDialect()) &&
         !op->hasTrait<OpTrait::IsTerminator>() && !isa<linalg::IndexOp>(op) &&
         !op->getParentOfType<linalg::LinalgOp>();
}

Decision raising::decide(Operation *op) {
  if (auto softmax = dyn_cast<linalg::SoftmaxOp>(op))
    return decideSoftmax(softmax);
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp)
    return Decision::keep("the ascend dialect has no counterpart of " +
                          describe(op));
  if (!linalgOp.hasPureTensorSemantics())
    return Decision::keep("it works on memrefs; ascend ops take tensors");
  if (op->getNumResults() == 1 && getFillValue(op->getResult(0)))
    return Decision::keep("the ascend dialect has no fill op; a fill goes "
                          "away with the last raised op that reads it");
  if (isMatmul(op))
    return decideMatmul(linalgOp);
  if (linalgOp.getNumReductionLoops() != 0)
    return decideReduction(linalgOp);
  return decideElementwise(linalgOp);
}

namespace {

LogicalResult raiseOp(Operation *op, PatternRewriter &rewriter) {
  if (!isCandidate(op))
    return failure();
  Decision decision = decide(op);
  if (!decision.raises()) {
    LLVM_DEBUG(llvm::dbgs()
               << DEBUG_TYPE ": " << op->getName() << " at " << op->getLoc()
               << " not raised: " << decision.reason << "\n");
    return rewriter.notifyMatchFailure(op, decision.reason);
  }
  LLVM_DEBUG(llvm::dbgs() << DEBUG_TYPE ": raising " << op->getName() << " at "
                          << op->getLoc() << "\n");
  decision.rewrite(rewriter);
  return success();
}

struct RaiseLinalgOp : OpInterfaceRewritePattern<linalg::LinalgOp> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;
  LogicalResult matchAndRewrite(linalg::LinalgOp op,
                                PatternRewriter &rewriter) const override {
    return raiseOp(op, rewriter);
  }
};

/// linalg.softmax is not a LinalgOp (it has no payload region).
struct RaiseSoftmax : OpRewritePattern<linalg::SoftmaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::SoftmaxOp op,
                                PatternRewriter &rewriter) const override {
    return raiseOp(op, rewriter);
  }
};

/// Collects the ops whose users the rewrites erased, so that those left
/// without users (constants captured by linalg bodies, the tensor.empty and
/// tensor.dim behind an init) can be erased afterwards without touching ops
/// that were dead before the pass.
struct OrphanCollector : RewriterBase::Listener {
  void notifyOperationErased(Operation *op) override {
    orphans.remove(op);
    for (Value operand : op->getOperands())
      if (Operation *def = operand.getDefiningOp())
        orphans.insert(def);
  }

  void eraseDeadOrphans() {
    while (!orphans.empty()) {
      Operation *op = orphans.pop_back_val();
      if (!isOpTriviallyDead(op))
        continue;
      for (Value operand : op->getOperands())
        if (Operation *def = operand.getDefiningOp())
          orphans.insert(def);
      op->erase();
    }
  }

  llvm::SetVector<Operation *> orphans;
};

struct RaiseLinalgToAscendPass
    : ascend::impl::RaiseLinalgToAscendPassBase<RaiseLinalgToAscendPass> {
  using RaiseLinalgToAscendPassBase::RaiseLinalgToAscendPassBase;

  void runOnOperation() override {
    RewritePatternSet set(&getContext());
    populateLinalgToAscendPatterns(set);
    FrozenRewritePatternSet patterns(std::move(set));

    // Only the linalg ops and what the rewrites create are visited, so no
    // other op is folded or erased (nor a linalg op that was dead to begin
    // with); the rounds restart from the ops left because the rms_norm and
    // softmax chains match only once their elementwise ops are raised.
    OrphanCollector orphans;
    GreedyRewriteConfig config;
    config.strictMode = GreedyRewriteStrictness::ExistingAndNewOps;
    config.listener = &orphans;
    bool changed = true;
    while (changed) {
      SmallVector<Operation *> ops;
      getOperation()->walk([&](Operation *op) {
        if (isCandidate(op) && !isOpTriviallyDead(op))
          ops.push_back(op);
      });
      changed = false;
      if (!ops.empty())
        (void)applyOpPatternsAndFold(ops, patterns, config, &changed);
    }
    orphans.eraseDeadOrphans();

    if (reportUnmatched)
      getOperation()->walk([](Operation *op) {
        if (!isCandidate(op))
          return;
        Decision decision = decide(op);
        if (!decision.raises())
          op->emitRemark() << "not raised: " << decision.reason;
        else if (isOpTriviallyDead(op))
          op->emitRemark() << "not raised: its result is unused; the pass "
                              "leaves dead ops to -canonicalize";
      });
  }
};

} // namespace

std::string mlir::ascend::explainUnraised(Operation *op) {
  if (!isCandidate(op))
    return "";
  Decision decision = decide(op);
  return decision.raises() ? "" : decision.reason;
}

void mlir::ascend::populateLinalgToAscendPatterns(RewritePatternSet &patterns) {
  patterns.add<RaiseLinalgOp, RaiseSoftmax>(patterns.getContext());
}
