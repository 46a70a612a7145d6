//===- Pipelines.h - registered pass pipelines ------------------*- C++ -*-===//
#ifndef ASCENDDIALECT_TRANSFORMS_PIPELINES_H
#define ASCENDDIALECT_TRANSFORMS_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::ascend {

/// Options of `--ascend-lower-to-kernel`.
struct LowerToKernelOptions : public PassPipelineOptions<LowerToKernelOptions> {
  PassOptions::Option<std::string> target{
      *this, "target",
      llvm::cl::desc("Target SoC (Ascend910B2, Ascend910B4, Ascend310P); "
                     "empty: the module's aicore.target, else Ascend910B2"),
      llvm::cl::init("")};
  PassOptions::Option<int64_t> blockDim{
      *this, "block-dim",
      llvm::cl::desc("Blocks to launch (0: from the work and the cores)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> vectorTile{
      *this, "vector-tile",
      llvm::cl::desc("Elements per vector tile (0: from the UB size)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> tileM{*this, "tile-m",
                                     llvm::cl::desc("Matmul tile rows"),
                                     llvm::cl::init(128)};
  PassOptions::Option<int64_t> tileN{*this, "tile-n",
                                     llvm::cl::desc("Matmul tile columns"),
                                     llvm::cl::init(128)};
  PassOptions::Option<int64_t> tileK{*this, "tile-k",
                                     llvm::cl::desc("Matmul K step"),
                                     llvm::cl::init(64)};
  PassOptions::Option<bool> fuseAttention{
      *this, "fuse-attention",
      llvm::cl::desc("Replace softmax(scale * Q.K^T [+ mask]).V chains by "
                     "ascend.flash_attention before lowering "
                     "(ascend-fuse-attention; false: one kernel per op)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> fuseVector{
      *this, "fuse-vector",
      llvm::cl::desc("Fuse chains of elementwise ops into one vector kernel "
                     "each (ascend-fuse-vector; false: one launch per op)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> fuseEpilogues{
      *this, "fuse-epilogues",
      llvm::cl::desc("On split targets, lower a matmul and its elementwise "
                     "epilogue as one cube -> vector kernel (false: one "
                     "launch per op)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> reportUnmatched{
      *this, "report-unmatched",
      llvm::cl::desc("Remark on every op raising, attention fusion and vector "
                     "fusion leave as it is, saying why (their "
                     "report-unmatched / report-skipped)"),
      llvm::cl::init(false)};
  PassOptions::Option<unsigned> multiBuffer{
      *this, "multi-buffer",
      llvm::cl::desc("Buffers per ring in tile loops (ascend-multi-buffer "
                     "depth; 1: off)"),
      llvm::cl::init(2)};
  PassOptions::Option<bool> softwarePipeline{
      *this, "software-pipeline",
      llvm::cl::desc("Hand cube tiles to the vector cores one at a time in "
                     "split kernels (ascend-software-pipeline)"),
      llvm::cl::init(true)};
};

/// Tensor-level ascend (or linalg) IR -> kernel-level IR that ascend-run
/// executes: ascend-raise-linalg, ascend-fuse-attention, ascend-fuse-vector,
/// convert-ascend-to-aicore, cleanup,
/// ascend-software-pipeline, ascend-multi-buffer, ascend-plan-memory,
/// ascend-insert-sync (in that order: unrolling keeps the per-tile flags,
/// rings need their own bytes, and reused bytes are dependences sync
/// insertion must order). ascend-run calls this for tensor-level input.
void buildLowerToKernelPipeline(OpPassManager &pm,
                                const LowerToKernelOptions &options);

/// The tensor-level start of that pipeline: ascend-raise-linalg,
/// ascend-fuse-attention, ascend-fuse-vector (as `options` enable them).
/// ascend-run runs it with `report-unmatched` when lowering fails, so the
/// user sees why ops were left as they are.
void buildTensorFusionPipeline(OpPassManager &pm,
                               const LowerToKernelOptions &options);

/// Registers `--ascend-lower-to-kernel`.
void registerPipelines();

} // namespace mlir::ascend

#endif
