//===- TileOps.h - execution of mte, cube and vec ops -----------*- C++ -*-===//
#ifndef ASCEND_LIB_RUNTIME_TILEOPS_H
#define ASCEND_LIB_RUNTIME_TILEOPS_H

#include "Tile.h"
#include "mlir/IR/Operation.h"

namespace mlir::ascend::runtime {

/// Executes `op` if it is an mte, cube or vec op, reading operands through
/// `lookup`. Returns failure (after emitting an error) or success; sets
/// `handled` to false for ops of other dialects.
LogicalResult executeTileOp(Operation *op, Lookup lookup, bool &handled);

} // namespace mlir::ascend::runtime

#endif
