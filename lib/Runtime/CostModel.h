//===- CostModel.h - cycles of one tile instruction --------------*- C++ -*-===//
#ifndef ASCEND_LIB_RUNTIME_COSTMODEL_H
#define ASCEND_LIB_RUNTIME_COSTMODEL_H

#include "L2Cache.h"
#include "Tile.h"
#include "AscendDialect/Target/TargetInfo.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>

namespace mlir::ascend::runtime {

struct OpCost {
  /// Cycles the op takes, apart from moving `hbmTimedBytes` through HBM.
  double cycles = 0;
  /// Bytes of a transfer that go to or come from HBM, at up to `hbmPeak`
  /// bytes per cycle; how long they take depends on what else uses HBM at
  /// the time (HbmTimeline).
  double hbmTimedBytes = 0, hbmPeak = 0;
  double cubeFlops = 0;   ///< 2 M N K for cube.mmad
  double vectorFlops = 0; ///< one per element of an arithmetic vec op
  double gmBytes = 0;     ///< bytes read from or written to GM
  double hbmBytes = 0;    ///< of those, bytes that went to or came from HBM
};

/// The cost of tile op `op` on `target` (docs/CycleModel.md), or nullopt if
/// the target data has no cost for it: such ops are reported as unsupported,
/// never costed as zero. GM reads go through `l2` (updated): bytes it holds
/// do not take HBM bandwidth. Without `l2` every GM byte goes to HBM.
std::optional<OpCost>
estimateCost(Operation *op, Lookup lookup, const aicore::TargetInfo &target,
             L2Cache *l2 = nullptr);

/// The vector instruction whose latency a vec op has ("" if none).
llvm::StringRef getVectorInstruction(Operation *op);

} // namespace mlir::ascend::runtime

#endif
