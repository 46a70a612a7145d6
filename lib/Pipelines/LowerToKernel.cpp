//===- LowerToKernel.cpp - the ascend-lower-to-kernel pipeline -----------===//

#include "AscendDialect/Conversion/AscendToAICore.h"
#include "AscendDialect/Conversion/Passes.h"
#include "AscendDialect/Transforms/Pipelines.h"
#include "AscendDialect/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

void mlir::ascend::buildTensorFusionPipeline(
    OpPassManager &pm, const LowerToKernelOptions &options) {
  // linalg from torch-mlir or StableHLO first becomes ascend ops.
  pm.addPass(createRaiseLinalgToAscendPass(
      RaiseLinalgToAscendPassOptions{options.reportUnmatched}));
  AscendTilingOptions tiling{options.blockDim, options.vectorTile,
                             options.tileM, options.tileN, options.tileK};
  // Before the conversion, which would otherwise lower the chain's ops one
  // kernel each (and the scores through GM); a chain whose fused op the
  // conversion would refuse stays unfused.
  if (options.fuseAttention)
    pm.addNestedPass<func::FuncOp>(createFuseAttentionPass(
        FuseAttentionPassOptions{options.reportUnmatched},
        [tiling](Operation *op) { return explainUnlowerable(op, tiling); }));
  // After attention fusion, which matches the unfused elementwise ops
  // (scale, mask) of its chains.
  if (options.fuseVector)
    pm.addNestedPass<func::FuncOp>(
        createFuseVectorPass(FuseVectorPassOptions{options.reportUnmatched}));
}

void mlir::ascend::buildLowerToKernelPipeline(
    OpPassManager &pm, const LowerToKernelOptions &options) {
  buildTensorFusionPipeline(pm, options);
  ConvertAscendToAICorePassOptions convert;
  convert.target = options.target;
  convert.blockDim = options.blockDim;
  convert.vectorTile = options.vectorTile;
  convert.tileM = options.tileM;
  convert.tileN = options.tileN;
  convert.tileK = options.tileK;
  convert.fuseEpilogues = options.fuseEpilogues;
  pm.addPass(createConvertAscendToAICorePass(convert));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  if (options.softwarePipeline)
    pm.addNestedPass<func::FuncOp>(createSoftwarePipelinePass());
  if (options.multiBuffer > 1) {
    pm.addNestedPass<func::FuncOp>(
        createMultiBufferPass(MultiBufferPassOptions{options.multiBuffer}));
    // Unrolling leaves index arithmetic to fold.
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createCSEPass());
  }
  // Offsets first: reusing bytes creates dependences between pipes that
  // sync insertion must then order.
  pm.addNestedPass<func::FuncOp>(createPlanMemoryPass());
  pm.addNestedPass<func::FuncOp>(createInsertSyncPass());
}

void mlir::ascend::registerPipelines() {
  PassPipelineRegistration<LowerToKernelOptions>(
      "ascend-lower-to-kernel",
      "Lower tensor-level ascend (or linalg) IR to kernels ascend-run "
      "executes: raising, attention and vector fusion, tiling and placement, "
      "software pipelining, memory planning, sync insertion",
      buildLowerToKernelPipeline);
}
