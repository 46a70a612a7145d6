//===- Passes.h - passes over ascend IR and kernels -------------*- C++ -*-===//
#ifndef ASCENDDIALECT_TRANSFORMS_PASSES_H
#define ASCENDDIALECT_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::ascend {

#define GEN_PASS_DECL
#include "AscendDialect/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "AscendDialect/Transforms/Passes.h.inc"

} // namespace mlir::ascend

#endif
