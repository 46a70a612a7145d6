//===- Passes.h - passes over ascend IR and kernels -------------*- C++ -*-===//
#ifndef ASCENDDIALECT_TRANSFORMS_PASSES_H
#define ASCENDDIALECT_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

#include <functional>
#include <string>

namespace mlir::ascend {

#define GEN_PASS_DECL
#include "AscendDialect/Transforms/Passes.h.inc"

/// ascend-fuse-attention that leaves a chain unfused when
/// `whyNotLowerable(fusedOp)` says the fused op could not be lowered
/// (--ascend-lower-to-kernel passes the kernel lowering's reasons).
std::unique_ptr<Pass> createFuseAttentionPass(
    const FuseAttentionPassOptions &options,
    std::function<std::string(Operation *)> whyNotLowerable);

#define GEN_PASS_REGISTRATION
#include "AscendDialect/Transforms/Passes.h.inc"

} // namespace mlir::ascend

#endif
