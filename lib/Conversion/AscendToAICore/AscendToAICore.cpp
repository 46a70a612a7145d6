//===- AscendToAICore.cpp - tiling ascend ops onto the AI Core -----------===//
//
// The pass gives each function a kernel signature (GM memrefs in, GM memrefs
// out) and brackets the tensor body with bufferization.to_tensor and
// materialize_in_destination; each pattern then replaces one ascend op
// between such brackets with its tiled kernel. Synchronisation and buffer
// offsets are left to ascend-insert-sync and ascend-plan-memory.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Conversion/AscendToAICore.h"
#include "LoweringUtils.h"
#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/Ascend/AscendDialect.h"
#include "AscendDialect/Conversion/Passes.h"
#include "AscendDialect/Cube/CubeDialect.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "AscendDialect/Vec/VecDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ascend {
#define GEN_PASS_DEF_CONVERTASCENDTOAICOREPASS
#include "AscendDialect/Conversion/Passes.h.inc"
} // namespace mlir::ascend

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::lowering;
using aicore::AddressSpace;

namespace {

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

/// Gives `func` a kernel signature: tensors become GM memrefs, results
/// become trailing GM arguments; the body keeps working on tensors through
/// to_tensor / materialize_in_destination until the patterns replace it.
LogicalResult makeKernelSignature(func::FuncOp func) {
  MLIRContext *ctx = func.getContext();
  auto gm = [&](Type t, Location loc) -> FailureOr<MemRefType> {
    auto tensor = dyn_cast<RankedTensorType>(t);
    if (!tensor || !tensor.hasStaticShape())
      return emitError(loc) << "kernel arguments and results must be statically "
                               "shaped tensors, got "
                            << t;
    return tileType(tensor.getShape(), tensor.getElementType(), AddressSpace::gm);
  };
  Block &entry = func.getBody().front();
  auto ret = cast<func::ReturnOp>(entry.getTerminator());
  OpBuilder b(ctx);
  b.setInsertionPointToStart(&entry);
  SmallVector<Type> inputs;
  for (BlockArgument arg : entry.getArguments()) {
    FailureOr<MemRefType> type = gm(arg.getType(), func.getLoc());
    if (failed(type))
      return failure();
    arg.setType(*type);
    auto tensor = b.create<bufferization::ToTensorOp>(
        func.getLoc(), arg, /*restrict=*/true, /*writable=*/false);
    arg.replaceAllUsesExcept(tensor, tensor);
    inputs.push_back(*type);
  }
  b.setInsertionPoint(ret);
  for (Value result : ret.getOperands()) {
    FailureOr<MemRefType> type = gm(result.getType(), ret.getLoc());
    if (failed(type))
      return failure();
    Value out = entry.addArgument(*type, func.getLoc());
    auto materialize = b.create<bufferization::MaterializeInDestinationOp>(
        ret.getLoc(), result, out);
    materialize.setRestrict(true);
    materialize.setWritable(true);
    inputs.push_back(*type);
  }
  ret->setOperands({});
  func.setFunctionType(FunctionType::get(ctx, inputs, {}));
  return success();
}

struct ConvertAscendToAICorePass
    : mlir::ascend::impl::ConvertAscendToAICorePassBase<
          ConvertAscendToAICorePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (!target.empty()) {
      if (!aicore::lookupTarget(target)) {
        module.emitError() << "unknown target '" << target
                           << "'; known targets: "
                           << aicore::getKnownTargetNames();
        return signalPassFailure();
      }
      module->setAttr(aicore::AICoreDialect::getTargetAttrName(),
                      aicore::TargetAttr::get(&getContext(), target));
    }
    SmallVector<func::FuncOp> tensorFuncs;
    module.walk([&](func::FuncOp f) {
      bool hasAscend = false;
      f.walk([&](Operation *op) {
        hasAscend |= isa<ascend::AscendDialect>(op->getDialect());
      });
      if (hasAscend)
        tensorFuncs.push_back(f);
    });
    for (func::FuncOp f : tensorFuncs)
      if (failed(makeKernelSignature(f)))
        return signalPassFailure();

    AscendTilingOptions tiling{blockDim, vectorTile, tileM, tileN, tileK};
    RewritePatternSet patterns(&getContext());
    populateAscendToAICorePatterns(patterns, tiling);
    GreedyRewriteConfig config;
    config.useTopDownTraversal = true;
    if (failed(applyPatternsAndFoldGreedily(module, std::move(patterns), config)))
      return signalPassFailure();

    // What no pattern took is reported, never left half-lowered.
    WalkResult leftover = module.walk([&](Operation *op) {
      if (!isa<ascend::AscendDialect>(op->getDialect()))
        return WalkResult::advance();
      std::string why;
      for (auto explain :
           {explainMatmul, explainElementwise, explainRowwise, explainRope})
        if (why.empty())
          why = explain(op, tiling);
      if (why.empty())
        why = "convert-ascend-to-aicore cannot lower this op yet (lowered: "
              "matmul, batch_matmul, elementwise ops, softmax over the last dim, "
              "rms_norm and rope <half>, on GM arguments with the result a "
              "function result)";
      op->emitError() << why;
      return WalkResult::interrupt();
    });
    if (leftover.wasInterrupted())
      return signalPassFailure();
    module.walk([&](bufferization::ToTensorOp op) {
      if (op.use_empty())
        op.erase();
    });
  }
};

} // namespace

void mlir::ascend::populateAscendToAICorePatterns(
    RewritePatternSet &patterns, const AscendTilingOptions &options) {
  lowering::populateElementwisePatterns(patterns, options);
  lowering::populateRowwisePatterns(patterns, options);
  lowering::populateRopePatterns(patterns, options);
  lowering::populateMatmulPatterns(patterns, options);
}
