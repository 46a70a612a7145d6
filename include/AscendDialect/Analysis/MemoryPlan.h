//===- MemoryPlan.h - offsets for on-chip buffers ---------------*- C++ -*-===//
//
// The placement ascend-plan-memory makes, as a library: the pass writes its
// offsets, and the lowering asks it how large a tile's buffers may be.
//
//===----------------------------------------------------------------------===//
#ifndef ASCENDDIALECT_ANALYSIS_MEMORYPLAN_H
#define ASCENDDIALECT_ANALYSIS_MEMORYPLAN_H

#include "AscendDialect/AICore/AICoreEnums.h"
#include "mlir/IR/Operation.h"

namespace mlir::aicore {

struct TargetInfo;

/// Gives every aicore.alloc under `root` without an offset one, per space,
/// first fit in order of live-range start (live ranges from the uses when
/// `reuse`, else all of `root`). On failure it reports the buffer that fits
/// nowhere, with the live buffers that took the space, and changes nothing.
LogicalResult planMemory(Operation *root, const TargetInfo &target, bool reuse);

/// The high-water mark, in bytes, of the same placement of the allocs of
/// `space` under `root` if the space had no limit: what the code under
/// `root` needs of it at once.
int64_t plannedPeakBytes(Operation *root, AddressSpace space,
                         const TargetInfo &target, bool reuse);

} // namespace mlir::aicore

#endif
