//===- Passes.td - passes over ascend IR and kernels ------*- tablegen -*-===//
//
// Kept in alphabetical order of the def names.
//
//===----------------------------------------------------------------------===//
#ifndef ASCEND_TRANSFORMS_PASSES
#define ASCEND_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

#endif // ASCEND_TRANSFORMS_PASSES
