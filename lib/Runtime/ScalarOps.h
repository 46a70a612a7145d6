//===- ScalarOps.h - arith on the scalar pipe -------------------*- C++ -*-===//
#ifndef ASCEND_LIB_RUNTIME_SCALAROPS_H
#define ASCEND_LIB_RUNTIME_SCALAROPS_H

#include "Tile.h"
#include "mlir/IR/Operation.h"

namespace mlir::ascend::runtime {

/// Evaluates an arith op, appending its result values to `results`. Sets
/// `handled` to false for ops of other dialects; fails (after emitting an
/// error) on division by zero and out-of-range conversions.
LogicalResult evaluateScalarOp(Operation &op, Lookup lookup,
                               SmallVectorImpl<RtValue> &results,
                               bool &handled);

} // namespace mlir::ascend::runtime

#endif
