//===- LowerToKernel.cpp - the ascend-lower-to-kernel pipeline -----------===//

#include "AscendDialect/Conversion/Passes.h"
#include "AscendDialect/Pipelines/Pipelines.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

void mlir::ascend::buildLowerToKernelPipeline(
    OpPassManager &pm, const LowerToKernelOptions &options) {
  ConvertAscendToAICorePassOptions convert;
  convert.target = options.target;
  convert.blockDim = options.blockDim;
  convert.vectorTile = options.vectorTile;
  convert.tileM = options.tileM;
  convert.tileN = options.tileN;
  convert.tileK = options.tileK;
  pm.addPass(createConvertAscendToAICorePass(convert));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void mlir::ascend::registerPipelines() {
  PassPipelineRegistration<LowerToKernelOptions>(
      "ascend-lower-to-kernel",
      "Lower tensor-level ascend IR to kernels ascend-run executes (tiling "
      "and placement on the cube and vector cores)",
      buildLowerToKernelPipeline);
}
