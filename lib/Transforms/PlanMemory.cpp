//===- PlanMemory.cpp - offsets for on-chip buffers -----------------------===//
//
// The pass over the placement in lib/Analysis/MemoryPlan.cpp, per function.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/Analysis/MemoryPlan.h"
#include "AscendDialect/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::ascend {
#define GEN_PASS_DEF_PLANMEMORYPASS
#include "AscendDialect/Transforms/Passes.h.inc"
} // namespace mlir::ascend

using namespace mlir;
using namespace mlir::aicore;

namespace {

struct PlanMemoryPass
    : public mlir::ascend::impl::PlanMemoryPassBase<PlanMemoryPass> {
  using PlanMemoryPassBase::PlanMemoryPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (failed(planMemory(func, getTargetInfo(func), reuse)))
      signalPassFailure();
  }
};

} // namespace
